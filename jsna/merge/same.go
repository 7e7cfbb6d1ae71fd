package merge

import (
	"math"
	"strings"
	"sync"

	"github.com/wardwise/wardwise/jsna"
)

// A ward's values are most of it (60 of an England-scale master's 65 or
// so records a ward), so shareOf compares them without reflection: as
// sameValue would, field by field, numbers bit for bit, nil and empty told
// apart. TestSameValueRecord holds sameValueRecord to sameValue for every
// field of jsna.Value, so that a field added to it cannot be left out.

// shareValues is shareOf for the values of a master's ward (mvs) and of a
// save's ward of the same code (wvs): the keys of the master's values the
// save has as they are (only where both are arrays of records, keyed),
// whether that is all of them, and whether the save has every value as it
// is at its position (inPlace: the arrays are the same). Where the save
// has all of them, same is keys, the master's ward's keys (masterValues),
// which no one changes: a merge of 50 drafts made a map of 60 keys for
// every ward of every draft.
func shareValues(mvs, wvs []jsna.Value, keyed bool, keys map[string]bool) (same map[string]bool, all, inPlace bool) {
	inPlace = (mvs == nil) == (wvs == nil) && len(mvs) == len(wvs)
	if !keyed {
		for e := 0; inPlace && e < len(mvs); e++ {
			inPlace = sameValueRecord(&mvs[e], &wvs[e])
		}
		return nil, false, inPlace
	}
	var at []int // the position of each value of mvs in wvs, -1 where not the same; nil while all are, in place
	for e := range mvs {
		rec := &mvs[e]
		i := e
		if e >= len(wvs) || wvs[e].Indicator != rec.Indicator || wvs[e].Period != rec.Period {
			inPlace, i = false, valueAt(wvs, rec.Indicator, rec.Period)
		}
		if i < 0 || !sameValueRecord(rec, &wvs[i]) {
			inPlace, i = false, -1
		}
		if i != e && at == nil {
			at = make([]int, len(mvs))
			for j := range e {
				at[j] = j
			}
		}
		if at != nil {
			at[e] = i
		}
	}
	n := 0
	for e := range mvs {
		if at == nil || at[e] >= 0 {
			n++
		}
	}
	switch {
	case n == 0:
		return nil, false, inPlace
	case n == len(mvs):
		return keys, true, inPlace
	}
	same = make(map[string]bool, n)
	for e := range mvs {
		if at[e] >= 0 {
			same[valueKey(&mvs[e])] = true
		}
	}
	return same, false, inPlace
}

// masterValues is what shareOf knows of the values of a master's ward,
// asked once however many saves cover the ward: whether they are keyed
// (keyedValues), and where they are, their keys, only read.
type masterValues struct {
	keyed bool
	keys  map[string]bool
}

// newMasterValues is masterValues for vs, the values of a master's ward:
// the keys are those keyedValues found distinct.
func newMasterValues(vs []jsna.Value) *masterValues {
	keys := make(map[string]bool, len(vs))
	if !keyedValues(vs, keys) {
		return &masterValues{}
	}
	return &masterValues{keyed: true, keys: keys}
}

// valueAt is the position in vs of the value of indicator and period, or
// -1.
func valueAt(vs []jsna.Value, indicator, period string) int {
	for i := range vs {
		if vs[i].Indicator == indicator && vs[i].Period == period {
			return i
		}
	}
	return -1
}

// keyedValues is keyedRecords for a ward's values: not empty, each with
// a key (indicator and period), none twice. seen is scratch
// space, cleared first.
func keyedValues(vs []jsna.Value, seen map[string]bool) bool {
	if len(vs) == 0 {
		return false
	}
	clear(seen)
	for i := range vs {
		k := valueKey(&vs[i])
		if k == "" || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// sameValueRecord is sameValue for two values.
func sameValueRecord(a, b *jsna.Value) bool {
	return a.Indicator == b.Indicator && a.Note == b.Note && a.Period == b.Period &&
		sameNumber(a.Count, b.Count) && sameNumber(a.Denominator, b.Denominator) && sameNumber(a.Value, b.Value) &&
		sameNumber(a.Lower, b.Lower) && sameNumber(a.Upper, b.Upper) &&
		sameNumber(a.Lower998, b.Lower998) && sameNumber(a.Upper998, b.Upper998) &&
		sameExtra(a.Extra, b.Extra)
}

// sameNumber is sameValue for two optional numbers.
func sameNumber(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return math.Float64bits(*a) == math.Float64bits(*b)
}

// sameExtra is sameValue for two records' unknown members.
func sameExtra(a, b jsna.Extra) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || (x == nil) != (y == nil) || string(x) != string(y) {
			return false
		}
	}
	return true
}

// valueKey is v.Key(), made once for each indicator and period: they
// recur in every ward, and the merge reads the keys of the values of
// thousands of wards (shareOf, pruneWard), which would otherwise be as
// many strings allocated (a value of an earlier period has a key of its
// own, its indicator, "@" and its period).
func valueKey(v *jsna.Value) string {
	if v.Period == "" {
		return v.Indicator // no allocation
	}
	valueKeys.Lock()
	defer valueKeys.Unlock()
	pair := [2]string{v.Indicator, v.Period}
	if k, ok := valueKeys.m[pair]; ok {
		return k
	}
	if len(valueKeys.m) >= maxValueKeys || valueKeys.m == nil {
		valueKeys.m = make(map[[2]string]string)
	}
	// The pair is copied: the strings of a decoded document share blocks
	// with others, which the cache must not keep alive.
	k := v.Key()
	valueKeys.m[[2]string{strings.Clone(v.Indicator), strings.Clone(v.Period)}] = k
	return k
}

// maxValueKeys bounds valueKeys: a master has some hundreds of indicators
// and periods; the cache starts again when more have been seen.
const maxValueKeys = 1 << 14

var valueKeys struct {
	sync.Mutex
	m map[[2]string]string
}

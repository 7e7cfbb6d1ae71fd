package score

import "github.com/wardwise/wardwise/jsna"

// located is where each ward's current values are, found in one pass over
// the document before anything is scored, so that the benchmarks, the
// values and the trends need not look them up again.
type located struct {
	nInd int
	// current[wi*nInd+i] is the index in ward wi's Values of its current
	// value of indicator i (the latest period, jsna.IsLater), −1 for none.
	current []int32
	// periods[wi*nInd+i] counts ward wi's values of indicator i, at most
	// 255; more than 1 is a series (wardTrends).
	periods []uint8
	multi   []bool // the ward has a series of some indicator
	series  int    // the number of series, of all wards
	// of[start[wi]+vi] is the index in l.indexOf of the indicator of ward
	// wi's value vi, −1 for none (layout.indicatorOf), for wardTrends.
	of    []int32
	start []int
	// otherPeriods[i] are the wards' values of indicator i of periods
	// other than its own, by period, for the benchmarks built from them
	// (buildPeriods); the benchmark area's and the area's own rows left
	// out.
	otherPeriods [][]periodValues
}

// locate finds every ward's current values of d's indicators, in sc's
// memory. A ward's
// values are looked up by indicator ID in l.indexOf only where they are
// not in document indicator order (a value of the indicator after the
// previous value's, or of the same one, as most files have them). The
// wards are looked at in parts (inParts), whose values of other periods
// are joined in ward order.
func locate(d *jsna.Document, l *layout, sc *scratch, parts int) *located {
	nInd := len(d.Indicators)
	loc := &located{nInd: nInd, current: sc.current, periods: sc.periods, multi: make([]bool, len(d.Wards)),
		of: sc.of, start: make([]int, len(d.Wards)+1)}
	for wi := range d.Wards {
		loc.start[wi+1] = loc.start[wi] + len(d.Wards[wi].Values)
	}
	l.roles = make([]wardRole, len(d.Wards))
	others := make([][][]periodValues, parts)
	series := make([]int, parts)
	inParts(parts, len(d.Wards), func(k, lo, hi int) {
		spans := l.periods
		if k > 0 {
			spans = make(jsna.Periods) // a map to each goroutine
		}
		otherPeriods := make([][]periodValues, nInd)
		for wi := lo; wi < hi; wi++ {
			w := &d.Wards[wi]
			current := loc.current[wi*nInd : (wi+1)*nInd]
			for i := range current {
				current[i] = -1
			}
			periods := loc.periods[wi*nInd : (wi+1)*nInd]
			clear(periods) // the scratch's last
			l.roles[wi] = wardRoleOf(d, w)
			counted := l.roles[wi]&wardCounted != 0
			last := -1
			of := loc.of[loc.start[wi]:loc.start[wi+1]]
			for vi := range w.Values {
				var i int
				i, last = l.indicatorOf(d, w.Values[vi].Indicator, last)
				if of[vi] = int32(i); i < 0 {
					continue
				}
				if p := w.Values[vi].Period; counted && p != "" && p != d.Indicators[i].Period {
					otherPeriods[i] = addPeriodValue(otherPeriods[i], &w.Values[vi])
				}
				if c := current[i]; c < 0 || spans.IsLater(&w.Values[vi], &w.Values[c], &d.Indicators[i]) {
					current[i] = int32(vi) // the current value: the latest period
				}
				if periods[i] < 255 {
					periods[i]++
				}
				if periods[i] == 2 {
					series[k]++
				}
				loc.multi[wi] = loc.multi[wi] || periods[i] > 1
			}
		}
		others[k] = otherPeriods
	})
	loc.otherPeriods = others[0]
	loc.series = series[0]
	for k := 1; k < parts; k++ {
		loc.series += series[k]
		for i, pvs := range others[k] {
			for _, pv := range pvs {
				loc.otherPeriods[i] = joinPeriodValues(loc.otherPeriods[i], pv)
			}
		}
	}
	return loc
}

// joinPeriodValues adds pv, the values of one period of a later part of
// the wards, to that period's among pvs (locate).
func joinPeriodValues(pvs []periodValues, pv periodValues) []periodValues {
	for k := range pvs {
		if pvs[k].period == pv.period {
			pvs[k].values = append(pvs[k].values, pv.values...)
			return pvs
		}
	}
	return append(pvs, pv)
}

// indicatorOf is the index in l.indexOf of the indicator id of a ward
// value, −1 for none, and the document index to give it for the ward's
// next value; last is the one it gave for the previous value, −1 for the
// first. It looks id up in the map only where the value is not of the
// same indicator as the previous value or of the next in document order.
func (l *layout) indicatorOf(d *jsna.Document, id string, last int) (i, next int) {
	switch {
	case last >= 0 && d.Indicators[last].ID == id:
		return l.first[last], last
	case last+1 < len(d.Indicators) && d.Indicators[last+1].ID == id:
		return l.first[last+1], last + 1
	}
	i, ok := l.indexOf[id]
	if !ok {
		return -1, last
	}
	return i, i
}

// currentValue is ward wi's current value of indicator i of d, nil for
// none.
func (loc *located) currentValue(d *jsna.Document, wi, i int) *jsna.Value {
	c := loc.current[wi*loc.nInd+i]
	if c < 0 {
		return nil
	}
	return &d.Wards[wi].Values[c]
}

// seriesIn is the number of series of wards lo to hi−1.
func (loc *located) seriesIn(lo, hi int) int {
	n := 0
	for _, c := range loc.periods[lo*loc.nInd : hi*loc.nInd] {
		if c > 1 {
			n++
		}
	}
	return n
}

package score

import (
	"math"
	"slices"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// placeOnSpines is the second pass: each indicator's spine over
// spineValues by Fingertips' rules (stats.FingertipsSpine), or over a
// reference file's wards where the indicator has Comparators, each ward
// value's position on it and quintile, each further benchmark's position
// (placeOthers), the ward's counts by domain and in total, and its need
// index (ni).
//
// The spines are drawn, and the wards placed, in parts (inParts).
func placeOnSpines(s *Scores, d *jsna.Document, l *layout, sv spineValues, ni *needIndexer, parts int) {
	// The comparators are every ward but the benchmark's, with a value
	// or not: an indicator too few of them have gets no spine.
	comparators := 0
	for _, r := range l.roles {
		if r&wardSelf == 0 {
			comparators++
		}
	}
	quintiles := make([]quintileCuts, len(d.Indicators))
	inParts(parts, len(d.Indicators), func(_, lo, hi int) {
		var scratch []float64
		for i := lo; i < hi; i++ {
			ind := &d.Indicators[i]
			is := &s.Indicators[i]
			if c := ind.Comparators; c != nil {
				// A reference file of all wards: its range and quintiles.
				is.Range, is.Comparators = RangeReference, c
				is.Spine = stats.NewSpineFromRange(ind.ID, c.Range(), is.Benchmark, ind.Polarity)
				quintiles[i] = quintileCuts{ref: c.Quintiles}
				continue
			}
			is.Range = RangeWards
			is.Spine, quintiles[i], scratch = spineOf(ind.ID, sv.values[i], comparators, is.Benchmark, ind.Polarity, scratch)
		}
	})
	placeOthers(s)
	// One pass over the values: quintile, then position and counts.
	inParts(parts, len(s.Wards), func(k, lo, hi int) {
		placeWards(s, d, l, quintiles, slices.Clone(sv.before[k]), ni, lo, hi)
	})
}

// placeWards places the values of wards lo to hi−1 on the spines and in
// quintiles, next[i] the index among the spine values of indicator i of
// the first of them, counts them by domain and in total, and computes
// each ward's need index (ni), while its values are at hand.
func placeWards(s *Scores, d *jsna.Document, l *layout, quintiles []quintileCuts, next []int, ni *needIndexer, lo, hi int) {
	sums := make([]float64, len(l.domains))
	ns := make([]int, len(l.domains))
	for wi := lo; wi < hi; wi++ {
		ws := &s.Wards[wi]
		for di, name := range l.domains {
			ws.Domains[di].Domain = name
		}
		self := l.roles[wi]&wardSelf != 0
		for i := range ws.Values {
			vs := &ws.Values[i]
			if vs.has&hasValue != 0 {
				if !self {
					placeQuintile(vs, &d.Indicators[i], l.byQuintiles[i], quintiles[i].quintile(vs.value, next[i]))
					next[i]++
				}
				vs.spineAt = s.Indicators[i].Spine.Position(vs.value)
			}
			ws.Domains[l.domainOf[i]].add(vs)
		}
		for di := range ws.Domains {
			ws.Total.sum(&ws.Domains[di])
		}
		ni.wardIndex(ws, wi, d, l, sums, ns)
	}
}

// quintileCuts place a comparator's value among the comparators' values
// in quintiles as stats.Quantiles(values, 5, false) does: the quintile of
// x is base plus the number of cuts x is above; 0 (base 0) with fewer than
// five values. Values with a NaN among them are placed by Quantiles
// itself: of holds its quintiles, in the order of the values. An
// indicator with a reference file's Comparators has its cuts instead, ref
// (stats.QuantileOf).
type quintileCuts struct {
	base int
	cuts []float64
	of   []int
	ref  []float64
}

// quintile is the quintile of x, the next-th of the comparators' values.
func (qc *quintileCuts) quintile(x float64, next int) int {
	if qc.of != nil {
		return qc.of[next]
	}
	if qc.ref != nil {
		return stats.QuantileOf(x, qc.ref)
	}
	if qc.base == 0 {
		return 0
	}
	q := qc.base
	for _, c := range qc.cuts {
		if x > c {
			q++
		}
	}
	return q
}

// spineOf is the spine of one indicator over values and the cuts of their
// quintiles, from one copy of values in scratch (returned, for the next
// indicator) ordered by stats.Select at the places the spine and the
// quintiles read, instead of two sorts of them.
func spineOf(id string, values []float64, comparators int, benchmark *float64, polarity string, scratch []float64) (stats.Spine, quintileCuts, []float64) {
	const n = 5
	if slices.ContainsFunc(values, math.IsNaN) {
		of, _ := stats.Quantiles(values, n, false)
		return stats.NewSpineFor(id, values, comparators, benchmark, polarity, stats.FingertipsSpine), quintileCuts{of: of}, scratch
	}
	m := len(values)
	ordered := append(scratch[:0], values...)
	ks := stats.SpineRanks(m)
	var starts []int
	if m >= n {
		starts = stats.QuantileStarts(m, n)
		for _, r := range starts[2:] {
			if r >= 2 && r <= m {
				ks = append(ks, r-2)
			}
		}
		slices.Sort(ks)
		ks = slices.Compact(ks)
	}
	stats.Select(ordered, ks)
	var qc quintileCuts
	if starts != nil {
		qc.base = 1
		for _, r := range starts[2:] {
			switch {
			case r <= 1:
				qc.base++
			case r <= m:
				qc.cuts = append(qc.cuts, ordered[r-2])
			}
		}
	}
	return stats.NewSpineOrdered(id, ordered, comparators, benchmark, polarity, stats.FingertipsSpine), qc, ordered
}

// placeQuintile sets the quintile q of a comparator ward's value vs of
// ind, and ByQuintile for the values compared by quintile: those of
// indicators compared by quintiles (byQuintiles) and those without an
// interval (Fingertips' quintile method, where no interval allows a
// significance test).
func placeQuintile(vs *ValueScore, ind *jsna.Indicator, byQuintiles bool, q int) {
	vs.quintile = int8(q)
	if byQuintiles && vs.note == noteNone {
		vs.note = noteByQuintiles
		if q > 0 {
			vs.note = noteQuintile1 + int32(q) - 1
		}
	}
	noInterval := vs.has&hasInterval == 0
	if byQuintiles || noInterval {
		vs.byQuintile = quintileLabelCode(stats.QuintileLabel(q, ind.Polarity))
	}
	if noInterval && vs.byQuintile != 0 && vs.note == noteNoInterval {
		vs.note = noteByQuintile
		if ind.Comparators != nil {
			vs.note = noteByQuintileReference
		}
	}
}

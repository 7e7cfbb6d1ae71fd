package score

import (
	"math"
	"slices"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// NeedIndexFormula is the need index Score computes, in words.
const NeedIndexFormula = "need index = the mean over domains (weighted equally unless stated) of the mean, over the domain's indicators with a value and a benchmark, of r × s × (x − b) / τ, where x is the ward's value, b the benchmark, s is +1 where lower is better and −1 where higher is better (indicators without a polarity do not count), τ the spread of the true values among the document's wards (the standard deviation of their values with the sampling variance taken out), and r = τ² / (τ² + se²) the reliability of the ward's value, se its standard error from its confidence interval; so 0 is the benchmark and 1 is one spread worse, the same difference counts the same in a large ward as in a small one, and a small ward's noisy difference counts for less. Where a value has no interval, r is 1 and the ward's index is marked unadjusted. Wards rank by the index, highest first"

// newNeedIndex is where every ward's need index (NeedIndexFormula) is
// computed from the scored values (wardIndex), which also marks the wards
// with a value that could not be adjusted for its sampling error.
//
// For indicator i the difference of ward w is d = s·(x − b), oriented so
// that positive is worse. The spread is τ² = max(0, V − m), with V the
// variance of the values of the document's wards (n − 1 in the
// denominator; the benchmark area's own row left out) and m the mean of
// their squared standard errors (se = (upper − lower) / (2z), z for the
// scoring confidence: 1.959964 at 95%, 3.090232 at 99.8%); a ward's
// reliability is r = τ² / (τ² + se²), 1 where it has no interval (and no
// spread is then taken out for it). The ward's effect is r·d/τ: the
// empirical Bayes estimate of its true difference in units of the true
// spread (a Fay–Herriot-style shrinkage). An indicator with fewer than 3
// values, or no spread left, gives no effects. Effects are averaged in
// each domain, then the domains' means with weights (equal unless
// weights says otherwise) over the domains where the ward has an effect.
//
// The values that count are gathered by indicator in scoreValues' pass
// (spreads.count, each as it is scored), each indicator's sums taken in
// ward order as trueSpread takes them, and the effects found ward by ward
// in the pass that places the values on the spines (placeWards calls
// wardIndex), rather than indicator by indicator down the wards.
func newNeedIndex(l *layout, sp spreads, weights map[string]float64) *needIndexer {
	for i := range sp.of {
		sp.of[i].tau2 = trueSpread(sp.of[i].xs, sp.of[i].sumSE2, sp.of[i].nSE)
	}
	n := &needIndexer{sp: sp.of, z: sp.z, domainWeight: make([]float64, len(l.domains)),
		counted: func(wi int) bool { return l.roles[wi]&wardIndexed != 0 }}
	for di, name := range l.domains {
		n.domainWeight[di] = 1
		if x, ok := weights[name]; ok {
			n.domainWeight[di] = x
		}
	}
	return n
}

// needIndexer is what each ward's need index is computed from, once
// every ward's values are scored: each indicator's spread, z for the
// scoring confidence, the wards that count and the domains' weights.
type needIndexer struct {
	sp           []spread
	z            float64
	counted      func(wi int) bool
	domainWeight []float64
}

// spreads are the sums of each indicator's values that count for the
// need index, z that of the scoring confidence.
type spreads struct {
	of []spread
	z  float64
}

// newSpreads is where the need index's sums are gathered for d's indicators,
// whose benchmarks s has (benchmarks), in memory taken from sc.
func newSpreads(s *Scores, d *jsna.Document, sc *scratch) spreads {
	nInd := len(d.Indicators)
	sp := make([]spread, nInd)
	xs := sc.take(len(s.Wards) * nInd) // room for each indicator's values that count
	for i, ind := range d.Indicators {
		sp[i].xs = xs[i*len(s.Wards) : i*len(s.Wards) : (i+1)*len(s.Wards)]
		switch ind.Polarity {
		case jsna.LowerIsBetter:
			sp[i].sign = 1
		case jsna.HigherIsBetter:
			sp[i].sign = -1
		}
		if b := s.Indicators[i].Benchmark; b != nil {
			sp[i].benchmark, sp[i].hasBenchmark = *b, true
		}
		sp[i].counts = sp[i].sign != 0
	}
	return spreads{of: sp, z: stats.Z(s.Confidence)}
}

// count adds the value of the i-th indicator of ward wi, scored in ws, to
// the sums, where it counts: a ward neither the benchmark area's nor the
// area's own row, an indicator with a polarity, a value with a benchmark
// of its period.
func (sp spreads) count(ws *WardScore, wi, i int, d *jsna.Document, l *layout) {
	if vs := &ws.Values[i]; l.roles[wi]&wardIndexed != 0 && sp.of[i].counts && vs.has&hasValue != 0 {
		if _, ok := sp.of[i].benchmarkOf(ws, i, d, l); ok {
			sp.of[i].add(vs, sp.z)
		}
	}
}

// spread is one indicator's sums over the wards that count for the need
// index, and from them the true spread τ² (trueSpread).
type spread struct {
	sign      float64
	counts    bool // the indicator has a polarity
	benchmark float64
	// hasBenchmark: the indicator has a benchmark of its own period,
	// benchmark; a value of another period has that period's
	// (benchmarkOf).
	hasBenchmark bool
	xs           []float64 // the values that count, in ward order
	sumSE2       float64   // the sum of their squared standard errors, of those with one
	nSE          int
	tau2         float64
	// later marks the sums of a later part of the wards (spreads.part),
	// which keep each squared standard error in se2 to be added to
	// sumSE2 in ward order (spreads.join), as one pass adds them.
	later bool
	se2   []float64
}

// benchmarkOf is the benchmark ward ws's value of the i-th indicator is
// compared with: that of the value's own period (benchmarksByPeriod),
// never another period's; false where that period has none. A value of
// the indicator's own period, or of none, has the indicator's.
func (sp *spread) benchmarkOf(ws *WardScore, i int, d *jsna.Document, l *layout) (float64, bool) {
	if ws.Values[i].period == noteNone || l.bench == nil {
		return sp.benchmark, sp.hasBenchmark
	}
	b := l.bench.at(i, ws.Period(i), &d.Indicators[i]).primary
	if b == nil {
		return 0, false
	}
	return *b, true
}

func (sp *spread) add(vs *ValueScore, z float64) {
	sp.xs = append(sp.xs, vs.value)
	if vs.has&hasInterval != 0 && vs.upper >= vs.lower {
		se := (vs.upper - vs.lower) / (2 * z)
		if sp.later {
			sp.se2 = append(sp.se2, se*se)
		} else {
			sp.sumSE2 += se * se
		}
		sp.nSE++
	}
}

// part is where the sums of a later part of n wards are gathered
// (scoreValues), apart from sp's, to be joined to them (join), in xs,
// room for 2n floats an indicator.
func (sp spreads) part(n int, xs []float64) spreads {
	of := slices.Clone(sp.of)
	for i := range of {
		p := &of[i]
		p.xs, p.sumSE2, p.nSE, p.later = xs[2*i*n:2*i*n:(2*i+1)*n], 0, 0, true
		p.se2 = xs[(2*i+1)*n : (2*i+1)*n : (2*i+2)*n]
	}
	return spreads{of: of, z: sp.z}
}

// join adds the sums of part, a later part of the wards (part), to sp's,
// in ward order.
func (sp spreads) join(part spreads) {
	for i := range sp.of {
		a, b := &sp.of[i], &part.of[i]
		a.xs = append(a.xs, b.xs...)
		for _, x := range b.se2 {
			a.sumSE2 += x
		}
		a.nSE += b.nSE
	}
}

// trueSpread is the variance of the true values behind xs: their sample
// variance less the mean sampling variance of those that have one, nSE
// of them, whose squares sum to sumSE2 (method of moments), at least 0;
// the sample variance itself where none has a standard error.
func trueSpread(xs []float64, sumSE2 float64, nSE int) float64 {
	n := float64(len(xs))
	if n < 3 {
		return 0
	}
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= n
	v := 0.0
	for _, x := range xs {
		v += (x - mean) * (x - mean)
	}
	v /= n - 1
	if nSE == 0 {
		return v
	}
	return math.Max(0, v-sumSE2/float64(nSE))
}

// wardIndex is ward wi's need index, scored in ws: its effects, their
// means by domain and the weighted mean of those; sums and ns are room
// for one per domain.
func (n *needIndexer) wardIndex(ws *WardScore, wi int, d *jsna.Document, l *layout, sums []float64, ns []int) {
	clear(sums)
	clear(ns)
	count := n.counted(wi)
	for i := range ws.Values {
		vs := &ws.Values[i]
		p := &n.sp[i]
		if !count || !p.counts || vs.has&hasValue == 0 || p.tau2 <= 0 || len(p.xs) < 3 {
			ws.Missing++
			continue
		}
		b, ok := p.benchmarkOf(ws, i, d, l)
		if !ok {
			ws.Missing++
			continue
		}
		diff := p.sign * (vs.value - b)
		if math.IsNaN(diff) {
			ws.Missing++
			continue
		}
		se := 0.0
		if vs.has&hasInterval != 0 && vs.upper >= vs.lower {
			se = (vs.upper - vs.lower) / (2 * n.z)
		} else {
			ws.Unadjusted = true
		}
		e := effect(diff, se, p.tau2)
		if math.IsNaN(e) {
			ws.Missing++
			continue
		}
		sums[l.domainOf[i]] += e
		ns[l.domainOf[i]]++
	}
	total, wsum := 0.0, 0.0
	for di := range l.domains {
		if ns[di] == 0 {
			continue
		}
		total += n.domainWeight[di] * sums[di] / float64(ns[di])
		wsum += n.domainWeight[di]
	}
	if wsum > 0 {
		ws.NeedIndex = total / wsum
	}
}

// effect is a ward's need effect on one indicator: its oriented
// difference d from the benchmark shrunk by its reliability
// τ²/(τ² + se²) and expressed in units of the true spread τ. It is 0 at
// the benchmark whatever se, proportional to d, and its size grows as se
// falls, to d/τ at se = 0.
func effect(d, se, tau2 float64) float64 {
	return tau2 / (tau2 + se*se) * d / math.Sqrt(tau2)
}

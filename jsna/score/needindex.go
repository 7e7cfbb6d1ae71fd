package score

import (
	"math"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// NeedIndexFormula is the need index Score computes, in words.
const NeedIndexFormula = "need index = the mean over domains (weighted equally unless stated) of the mean, over the domain's indicators with a value and a benchmark, of r × s × (x − b) / τ, where x is the ward's value, b the benchmark, s is +1 where lower is better and −1 where higher is better (indicators without a polarity do not count), τ the spread of the true values among the document's wards (the standard deviation of their values with the sampling variance taken out), and r = τ² / (τ² + se²) the reliability of the ward's value, se its standard error from its confidence interval; so 0 is the benchmark and 1 is one spread worse, the same difference counts the same in a large ward as in a small one, and a small ward's noisy difference counts for less. Where a value has no interval, r is 1 and the ward's index is marked unadjusted. Wards rank by the index, highest first"

// needIndex computes every ward's need index (NeedIndexFormula) from the
// scored values, and marks the wards with a value that could not be
// adjusted for its sampling error.
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
func needIndex(s *Scores, d *jsna.Document, l *layout, weights map[string]float64) {
	z := stats.Z(s.Confidence)
	type obs struct{ d, se float64 }
	per := make([][]obs, len(s.Wards)) // ward → indicator → obs; NaN d where none
	for wi := range s.Wards {
		per[wi] = make([]obs, len(d.Indicators))
	}
	for i, ind := range d.Indicators {
		sign := 0.0
		switch ind.Polarity {
		case jsna.LowerIsBetter:
			sign = 1
		case jsna.HigherIsBetter:
			sign = -1
		}
		var xs []float64
		var ses []float64
		for wi := range s.Wards {
			per[wi][i] = obs{d: math.NaN(), se: math.NaN()}
			vs := &s.Wards[wi].Values[i]
			// The benchmark of the value's own period (benchmarksByPeriod).
			b := s.Indicators[i].Benchmark
			if vs.period != noteNone && l.bench != nil {
				b = l.bench.at(i, s.Wards[wi].Period(i), &d.Indicators[i]).primary
			}
			if vs.has&hasValue == 0 || b == nil || sign == 0 || s.Wards[wi].Code == d.Benchmark.Code || s.Wards[wi].Code == d.Area.Code {
				continue
			}
			o := obs{d: sign * (vs.value - *b), se: math.NaN()}
			if vs.has&hasInterval != 0 && vs.upper >= vs.lower {
				o.se = (vs.upper - vs.lower) / (2 * z)
				ses = append(ses, o.se*o.se)
			}
			per[wi][i] = o
			xs = append(xs, vs.value)
		}
		tau2 := trueSpread(xs, ses)
		for wi := range s.Wards {
			o := &per[wi][i]
			if math.IsNaN(o.d) {
				continue
			}
			if tau2 <= 0 || len(xs) < 3 {
				o.d = math.NaN()
				continue
			}
			if math.IsNaN(o.se) {
				s.Wards[wi].Unadjusted = true
				o.se = 0
			}
			o.d = effect(o.d, o.se, tau2)
		}
	}
	for wi := range s.Wards {
		sums := make([]float64, len(l.domains))
		ns := make([]int, len(l.domains))
		for i := range d.Indicators {
			if e := per[wi][i].d; !math.IsNaN(e) {
				sums[l.domainOf[i]] += e
				ns[l.domainOf[i]]++
			} else {
				s.Wards[wi].Missing++
			}
		}
		total, wsum := 0.0, 0.0
		for di, name := range l.domains {
			if ns[di] == 0 {
				continue
			}
			w := 1.0
			if x, ok := weights[name]; ok {
				w = x
			}
			total += w * sums[di] / float64(ns[di])
			wsum += w
		}
		if wsum > 0 {
			s.Wards[wi].NeedIndex = total / wsum
		}
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

// trueSpread is the variance of the true values behind xs: their sample
// variance less the mean sampling variance ses of those that have one
// (method of moments), at least 0; the sample variance itself where none
// has a standard error.
func trueSpread(xs, ses []float64) float64 {
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
	if len(ses) == 0 {
		return v
	}
	m := 0.0
	for _, s2 := range ses {
		m += s2
	}
	m /= float64(len(ses))
	return math.Max(0, v-m)
}

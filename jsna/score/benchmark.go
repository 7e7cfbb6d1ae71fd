package score

import (
	"math"
	"sort"

	"github.com/wardwise/wardwise/jsna"
)

// BenchmarkSource says what an indicator's benchmark value is.
type BenchmarkSource string

// Benchmark sources. Where the file gives an indicator a benchmark value it
// is the document's benchmark area's (England, or a parent area such as a
// region, local authority or health board). Where it gives none (a
// values-only ward file, as many councils publish), the benchmark is the
// area built from the document's wards, and says so.
const (
	// FromFile is the indicator's benchmark_value, the value of the
	// document's benchmark area (Document.Benchmark).
	FromFile BenchmarkSource = "file"
	// FromWardsSum is the document's area as the sum of its wards:
	// Σcount / Σdenominator × multiplier over the comparator wards.
	FromWardsSum BenchmarkSource = "wards-sum"
	// FromWardsMedian is the median of the comparator wards' values.
	FromWardsMedian BenchmarkSource = "wards-median"
	// NoBenchmark: no benchmark value and no ward values to build one.
	NoBenchmark BenchmarkSource = "none"
	// FromWards is Scores.BenchmarkSource of a document whose indicators'
	// benchmarks are all built from the wards, some summed, some medians.
	FromWards BenchmarkSource = "wards"
	// MixedBenchmarks is Scores.BenchmarkSource of a document where some
	// indicators have the file's benchmark value and some are built from
	// the wards.
	MixedBenchmarks BenchmarkSource = "mixed"
)

// WardsBenchmark is the benchmark of an indicator the file gives no
// benchmark value, built from its comparator wards' current values (one
// entry per comparator ward, nil for a ward without one):
//
//   - Σcount / Σdenominator × multiplier, FromWardsSum, for a proportion,
//     crude rate or indirectly standardised ratio (whose denominator is
//     the expected count), when every comparator ward has a count and a
//     denominator, the denominators add up to more than 0, and each value
//     the file gives is its count / denominator × multiplier (within 1%,
//     or 0.05 for rounding to one decimal place): then the sum is the
//     area's own figure, as its published value would be;
//   - otherwise the median of the values (the file's, or computed from
//     count and denominator by the indicator's method), FromWardsMedian;
//   - NoBenchmark where fewer than two wards have a value (a ward alone is
//     not compared with itself).
//
// A directly standardised rate, a mean or a count is never summed: the
// sum of its counts over the sum of its denominators is not its value.
func WardsBenchmark(ind *jsna.Indicator, values []*jsna.Value) (float64, BenchmarkSource) {
	b, src, _ := wardsBenchmark(ind, values, nil)
	return b, src
}

// wardsBenchmark is WardsBenchmark, the values found (each once, as its
// value or computed from its count and denominator) in xs' room, which it
// returns for the next.
func wardsBenchmark(ind *jsna.Indicator, values []*jsna.Value, xs []float64) (float64, BenchmarkSource, []float64) {
	xs = xs[:0]
	for _, v := range values {
		if x, ok := valueOf(ind, v); ok {
			xs = append(xs, x)
		}
	}
	if len(xs) < 2 {
		return 0, NoBenchmark, xs
	}
	if b, ok := wardsSum(ind, values); ok {
		return b, FromWardsSum, xs
	}
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2], FromWardsMedian, xs
	}
	return (xs[n/2-1] + xs[n/2]) / 2, FromWardsMedian, xs
}

// wardsSum is Σcount / Σdenominator × multiplier where WardsBenchmark
// allows it.
func wardsSum(ind *jsna.Indicator, values []*jsna.Value) (float64, bool) {
	switch ind.Method {
	case jsna.MethodProportion, jsna.MethodRate, jsna.MethodISR:
	default:
		return 0, false
	}
	m := ind.EffectiveMultiplier()
	var counts, dens float64
	for _, v := range values {
		if v == nil || v.Count == nil || v.Denominator == nil {
			return 0, false
		}
		c, n := *v.Count, *v.Denominator
		if v.Value != nil && n > 0 {
			if x := c / n * m; math.Abs(*v.Value-x) > math.Max(0.01*math.Abs(x), 0.05) {
				return 0, false // the file's values are not count / denominator × multiplier
			}
		}
		counts += c
		dens += n
	}
	if dens <= 0 {
		return 0, false
	}
	return counts / dens * m, true
}

// valueOf is v's value: the file's, or computed from its count and
// denominator by the indicator's method.
func valueOf(ind *jsna.Indicator, v *jsna.Value) (float64, bool) {
	switch {
	case v == nil:
		return 0, false
	case v.Value != nil:
		return *v.Value, !math.IsNaN(*v.Value)
	case v.Count != nil && v.Denominator != nil:
		if iv, err := ind.CI(*v.Count, *v.Denominator, 0.95); err == nil {
			return iv.Value, true
		}
	}
	return 0, false
}

// benchmarks sets each indicator's benchmark and its source in s: the
// file's benchmark value, or WardsBenchmark over the comparator wards
// (every ward but the benchmark area's and the document area's own rows),
// whose current values (jsna.CurrentValue) locate found; the indicators
// in parts (inParts).
func benchmarks(s *Scores, d *jsna.Document, l *layout, loc *located, parts int) {
	var comparators []int
	for wi := range d.Wards {
		if l.roles[wi]&wardCounted != 0 {
			comparators = append(comparators, wi)
		}
	}
	inParts(parts, len(d.Indicators), func(_, lo, hi int) {
		var values []*jsna.Value
		var xs []float64
		for i := lo; i < hi; i++ {
			ind := &d.Indicators[i]
			is := &s.Indicators[i]
			if ind.BenchmarkValue != nil {
				is.Benchmark, is.BenchmarkSource = copyPtr(ind.BenchmarkValue), FromFile
				continue
			}
			if values == nil {
				values = make([]*jsna.Value, len(comparators))
			}
			for k, wi := range comparators {
				// The values of an indicator ID are located under its
				// first indicator's index.
				values[k] = loc.currentValue(d, wi, l.first[i])
			}
			var b float64
			var src BenchmarkSource
			b, src, xs = wardsBenchmark(ind, values, xs)
			is.BenchmarkSource = src
			if src != NoBenchmark {
				is.Benchmark = &b
			}
		}
	})
	s.BenchmarkSource = summarise(s.Indicators)
}

// summarise is the one source of every indicator's benchmark that has
// one; FromWards for sums and medians, MixedBenchmarks for the file's and
// the wards'; NoBenchmark for none.
func summarise(inds []IndicatorScore) BenchmarkSource {
	out := NoBenchmark
	for _, is := range inds {
		switch src := is.BenchmarkSource; {
		case src == NoBenchmark || src == out:
		case out == NoBenchmark:
			out = src
		case out == FromFile || src == FromFile:
			return MixedBenchmarks
		default:
			out = FromWards
		}
	}
	return out
}

// BenchmarkName names, in English, what the wards of d are compared with
// (for `jsna score`; the app says it in its own language): the benchmark
// area, "Area (sum of its wards)", "Median of the wards", "Area (its
// wards: sum or median by indicator)", "Benchmark where the
// file gives its value, otherwise the wards" or "no benchmark".
func (s *Scores) BenchmarkName(d *jsna.Document) string {
	switch s.BenchmarkSource {
	case FromWardsSum:
		return d.Area.Name + " (sum of its wards)"
	case FromWardsMedian:
		return "Median of the wards"
	case FromWards:
		return d.Area.Name + " (its wards: sum or median by indicator)"
	case MixedBenchmarks:
		return s.Benchmark.Name + " where the file gives its value, otherwise the wards"
	case NoBenchmark:
		return "no benchmark"
	}
	return s.Benchmark.Name
}

package stats

import (
	"fmt"
	"math"
	"sort"
)

// Range summarises comparator values for a spine drawn without them: how
// many, the least and greatest, and the 25th, 50th and 75th percentiles
// (type 7, as the spine places them). A reference file of all wards in
// England is summarised so, once, and the summary kept in the document
// instead of its thousands of values.
type Range struct {
	N                          int
	Min, Q25, Median, Q75, Max float64
}

// RangeOf summarises values (none NaN; at least one).
func RangeOf(values []float64) Range {
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	return rangeOfOrdered(v)
}

// rangeOfOrdered summarises values ordered at SpineRanks(len(values)) (a
// sorted slice, or one Select has ordered; at least one, none NaN): the
// places the percentiles read.
func rangeOfOrdered(v []float64) Range {
	return Range{N: len(v), Min: v[0], Q25: percentile(v, 0.25), Median: percentile(v, 0.5), Q75: percentile(v, 0.75), Max: v[len(v)-1]}
}

// NewSpineFromRange is the spine of comparators summarised by r, as
// NewSpineFor would draw it from their values: the range alone from fewer
// than rules.MinQuartileValues. Coverage is not tested, since every
// comparator of a summary has a value. Without a benchmark the median is
// the centre. r.N 0 gives the spine of no values.
func NewSpineFromRange(indicator string, r Range, benchmark *float64, polarity string) Spine {
	if r.N <= 0 {
		return newSpine(indicator, nil, benchmark, polarity)
	}
	s := spineOfRange(indicator, r, benchmark, polarity)
	s.Comparators = r.N
	s.Quartiles = r.N >= FingertipsSpine.MinQuartileValues
	if !s.Quartiles {
		s.Q25, s.Q75, s.Q25At, s.Q75At = s.Worst, s.Best, s.WorstAt, s.BestAt
	}
	s.Shown = true
	return s
}

// QuantileCuts summarises values for Quantiles without them: the n − 1
// cut points c₂ … cₙ, cⱼ the greatest value whose quantile (Quantiles,
// not inverted) is below j. QuantileOf(x, cuts) then gives every value
// its quantile among values exactly as Quantiles does, and places any
// other value where it would fall among them. NaN values are left out;
// with fewer than n others there are no quantiles and no cuts (nil).
func QuantileCuts(values []float64, n int) ([]float64, error) {
	q, err := Quantiles(values, n, false)
	if err != nil {
		return nil, err
	}
	cuts := make([]float64, n-1)
	for i := range cuts {
		cuts[i] = math.Inf(-1)
	}
	any := false
	for i, x := range values {
		if q[i] == 0 {
			continue
		}
		any = true
		for j := q[i] + 1; j <= n; j++ { // x is below quantile j
			cuts[j-2] = math.Max(cuts[j-2], x)
		}
	}
	if !any {
		return nil, nil
	}
	for i, c := range cuts {
		if math.IsInf(c, -1) {
			// Quantile 1 always holds the least value (rank 1), so no
			// cut is left unset; guard all the same.
			return nil, fmt.Errorf("jsna: quantile cuts: no value below quantile %d", i+2)
		}
	}
	return cuts, nil
}

// QuantileOf is the quantile of x among values summarised by cuts
// (QuantileCuts): 1 + the number of cuts x is above; 0 for NaN or no cuts.
func QuantileOf(x float64, cuts []float64) int {
	if len(cuts) == 0 || math.IsNaN(x) {
		return 0
	}
	q := 1
	for _, c := range cuts {
		if x > c {
			q++
		}
	}
	return q
}

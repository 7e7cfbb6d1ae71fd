package stats

import (
	"fmt"
	"math"
	"slices"
)

// Quantiles assigns each value to one of n quantiles by the method of
// OHID's technical guide "Assigning deprivation categories", as
// PHEindicatormethods' phe_quantile does within one grouping set: with m
// the number of values that are not NaN, each value's rank r among them
// (ties take the lowest rank, R's ties.method = "min") is of the value
// itself, or, inverted, of max − value (so the highest value has rank 1),
// and its quantile is
//
//	q = ⌊(n + 1) − ⌈(m + 1 − r) / (m/n)⌉⌋,  and 1 where that is 0,
//
// evaluated in float64 in the same order as the reference, so that values
// falling on a boundary go the same way. A NaN value has no quantile (0),
// and when m < n no value has one (every entry is 0), as in phe_quantile,
// which gives NA there. Inverted (the reference's default), quantile 1 holds
// the highest values; otherwise the lowest. n must be at least 1.
func Quantiles(values []float64, n int, invert bool) ([]int, error) {
	if n < 1 {
		return nil, fmt.Errorf("jsna: quantiles: the number of quantiles must be at least 1, not %d", n)
	}
	q := make([]int, len(values))
	max := math.Inf(-1)
	m := 0
	for _, v := range values {
		if !math.IsNaN(v) {
			m++
			max = math.Max(max, v)
		}
	}
	if m < n {
		return q, nil
	}
	// Each value with its place, sorted by value: a value's rank is the
	// first place of its value, so the order among equal values does not
	// matter and the sort need not be stable.
	type placed struct {
		v float64
		i int
	}
	sorted := make([]placed, 0, m)
	for i, v := range values {
		if math.IsNaN(v) {
			continue
		}
		if invert {
			v = max - v
		}
		sorted = append(sorted, placed{v, i})
	}
	slices.SortFunc(sorted, func(a, b placed) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	per := float64(m) / float64(n)
	rank := 1
	for j, p := range sorted {
		if j > 0 && p.v != sorted[j-1].v {
			rank = j + 1
		}
		k := math.Floor(float64(n+1) - math.Ceil(float64(m+1-rank)/per))
		if k == 0 {
			k = 1
		}
		q[p.i] = int(k)
	}
	return q, nil
}

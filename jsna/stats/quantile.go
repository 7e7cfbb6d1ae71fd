package stats

import (
	"fmt"
	"math"
	"sort"
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
	var idx []int
	for i, v := range values {
		if math.IsNaN(v) {
			continue
		}
		idx = append(idx, i)
		max = math.Max(max, v)
	}
	m := len(idx)
	if m < n {
		return q, nil
	}
	adj := func(i int) float64 {
		if invert {
			return max - values[i]
		}
		return values[i]
	}
	sort.SliceStable(idx, func(a, b int) bool { return adj(idx[a]) < adj(idx[b]) })
	per := float64(m) / float64(n)
	rank := 1
	for j, i := range idx {
		if j > 0 && adj(i) != adj(idx[j-1]) {
			rank = j + 1
		}
		k := math.Floor(float64(n+1) - math.Ceil(float64(m+1-rank)/per))
		if k == 0 {
			k = 1
		}
		q[i] = int(k)
	}
	return q, nil
}

package stats

import (
	"fmt"
	"math"
	"slices"
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
		q[p.i] = quantileOfRank(rank, m, n, per)
	}
	return q, nil
}

// quantileOfRank is Quantiles' quantile of the value of rank r among m,
// per = m/n.
func quantileOfRank(r, m, n int, per float64) int {
	k := math.Floor(float64(n+1) - math.Ceil(float64(m+1-r)/per))
	if k == 0 {
		k = 1
	}
	return int(k)
}

// QuantileStarts returns, for m values in n quantiles (m ≥ n ≥ 1), the
// rank at which each quantile begins by Quantiles' formula: starts[k], for
// k from 2 to n, is the least rank whose quantile is k or more (m + 1
// where none is); starts[0] and starts[1] are 1. A value's quantile is
// then 1 plus the number of k ≥ 2 with starts[k] ≤ its rank, where its
// rank is 1 + the number of values less than it; so, with the values in
// order at starts[k] − 2 (Select), a value x has quantile
// 1 + #{k ≥ 2 : starts[k] ≤ 1, or starts[k] ≤ m and x > sorted[starts[k]−2]},
// without sorting the values with their places as Quantiles does.
func QuantileStarts(m, n int) []int {
	starts := make([]int, n+1)
	starts[0], starts[1] = 1, 1
	per := float64(m) / float64(n)
	for k := 2; k <= n; k++ {
		// The quantile never falls as the rank rises: the least rank of
		// quantile k or more by binary search, m + 1 where none is.
		starts[k] = 1 + sort.Search(m, func(r int) bool { return quantileOfRank(r+1, m, n, per) >= k })
	}
	return starts
}

package stats

import (
	"math/bits"
	"slices"
	"sort"
)

// Select reorders a so that a[k], for each k in ks (ascending, each in
// [0, len(a))), is the value a sorted a would hold there: the (k+1)-th
// smallest. It partitions towards every k at once (quickselect with
// three-way partitions), which on average passes over a a few times where
// a sort passes log₂ len(a) times; a range that does not narrow fast
// enough is sorted, so the worst case is a sort's. a must hold no NaN.
func Select(a []float64, ks []int) {
	selectIn(a, 0, ks, 2*bits.Len(uint(len(a))))
}

// selectIn selects ks, places in the whole slice, within its window a,
// which begins at place off.
func selectIn(a []float64, off int, ks []int, depth int) {
	for len(ks) > 0 {
		if len(a) <= 12 || depth == 0 {
			slices.Sort(a)
			return
		}
		depth--
		lt, gt := partition3(a)
		// a[:lt] < pivot, a[lt:gt] == pivot (in place), a[gt:] > pivot.
		i := sort.SearchInts(ks, off+lt)
		j := sort.SearchInts(ks, off+gt)
		if i > 0 {
			selectIn(a[:lt], off, ks[:i], depth)
		}
		a, off, ks = a[gt:], off+gt, ks[j:]
	}
}

// partition3 partitions a around the median of its first, middle and
// last values: those less, then those equal, then those greater.
func partition3(a []float64) (lt, gt int) {
	x, y, z := a[0], a[len(a)/2], a[len(a)-1]
	if x > y {
		x, y = y, x
	}
	if y > z {
		y = z
		if x > y {
			y = x
		}
	}
	p := y
	i := 0
	lt, gt = 0, len(a)
	for i < gt {
		switch v := a[i]; {
		case v < p:
			a[lt], a[i] = a[i], a[lt]
			lt++
			i++
		case v > p:
			gt--
			a[i], a[gt] = a[gt], a[i]
		default:
			i++
		}
	}
	return lt, gt
}

package stats

import (
	"math/bits"
	"slices"
	"sort"
)

// Select reorders a so that a[k], for each k in ks (ascending, each in
// [0, len(a))), is the value a sorted a would hold there: the (k+1)-th
// smallest. It partitions towards every k at once (quickselect, Hoare's
// partition about a median of three), which on average passes over a a
// few times where a sort passes log₂ len(a) times; a range that does not
// narrow fast enough is sorted, so the worst case is a sort's. a must
// hold no NaN.
func Select(a []float64, ks []int) {
	selectIn(a, 0, ks, 2*bits.Len(uint(len(a))))
}

// selectIn selects ks, places in the whole slice, within its window a,
// which begins at place off.
func selectIn(a []float64, off int, ks []int, depth int) {
	for len(ks) > 0 {
		if len(a) <= 16 || depth == 0 {
			slices.Sort(a)
			return
		}
		depth--
		m := partition(a)
		// a[:m] ≤ a[m] ≤ a[m+1:]: a[m] is in its place.
		i := sort.SearchInts(ks, off+m)
		j := i
		if j < len(ks) && ks[j] == off+m {
			j++
		}
		if i > 0 {
			selectIn(a[:m], off, ks[:i], depth)
		}
		a, off, ks = a[m+1:], off+m+1, ks[j:]
	}
}

// partition partitions a (at least 3 values) about the median of its
// first, middle and last values and returns the pivot's place m:
// a[:m] ≤ a[m] ≤ a[m+1:]. Values equal to the pivot stop both scans, so
// ties split evenly.
func partition(a []float64) int {
	n := len(a)
	// The median of three to a[0].
	x, y, z := 0, n/2, n-1
	if a[x] > a[y] {
		x, y = y, x
	}
	if a[y] > a[z] {
		y = z
		if a[x] > a[y] {
			y = x
		}
	}
	a[0], a[y] = a[y], a[0]
	p := a[0]
	i, j := 1, n-1
	for {
		for i <= j && a[i] < p {
			i++
		}
		for i <= j && a[j] > p {
			j--
		}
		if i > j {
			break
		}
		a[i], a[j] = a[j], a[i]
		i++
		j--
	}
	a[0], a[j] = a[j], a[0]
	return j
}

package score

import "sync"

// scratch is the memory Score's passes use and leave behind: the spine
// values, the need index's sums and where each ward's current values
// are. It is kept in a pool from one Score to the next, so that an
// England-scale document's 14 MB of it is neither allocated and cleared
// nor collected each time. Everything taken from it is written before it
// is read.
type scratch struct {
	floats  []float64
	next    int // floats[:next] are taken
	current []int32
	periods []uint8
	of      []int32 // located.of
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// grow makes room in sc for n floats, current and periods of m entries
// each and of of v, and takes none yet.
func (sc *scratch) grow(n, m, v int) {
	if cap(sc.of) < v {
		sc.of = make([]int32, v)
	}
	sc.of = sc.of[:v]
	if cap(sc.floats) < n {
		sc.floats = make([]float64, n)
	}
	if cap(sc.current) < m {
		sc.current, sc.periods = make([]int32, m), make([]uint8, m)
	}
	sc.floats, sc.next = sc.floats[:cap(sc.floats)], 0
	sc.current, sc.periods = sc.current[:m], sc.periods[:m]
}

// take is n floats of sc's not yet taken, from the pool's slab where
// grow made room for them, else newly allocated. It is called
// from one goroutine at a time.
func (sc *scratch) take(n int) []float64 {
	if sc.next+n > len(sc.floats) {
		return make([]float64, n)
	}
	f := sc.floats[sc.next : sc.next+n : sc.next+n]
	sc.next += n
	return f
}

// scratchFloats is how many floats Score takes from its scratch for n
// wards of nInd indicators in parts: the spine values and the need
// index's values of every ward, and each later part's own copies (and
// squared standard errors) before they are joined.
func scratchFloats(n, nInd, parts int) int {
	_, hi := bounds(0, parts, n)
	return nInd * (2*n + 3*(n-hi))
}

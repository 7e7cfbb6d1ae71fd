package score

import (
	"runtime"
	"sync"
)

// maxParts is how many parts Score's passes over the wards are split
// into at most: the machines it runs on have two CPUs or more natively
// (the app's WebAssembly has one, GOMAXPROCS 1, and runs one part), and
// the passes are bound by memory more than by CPU.
const maxParts = 2

// minPartWards is the fewest wards worth a part of their own: below it a
// goroutine costs more than it saves.
const minPartWards = 256

// partsFor is how many parts Score splits the passes over n wards into.
func partsFor(n int) int {
	return max(1, min(maxParts, runtime.GOMAXPROCS(0), n/minPartWards))
}

// bounds is the k-th of parts consecutive ranges of n items, [lo, hi).
func bounds(k, parts, n int) (lo, hi int) {
	return k * n / parts, (k + 1) * n / parts
}

// inParts runs f(k, lo, hi) for each of parts consecutive ranges of n
// items: the first in the caller's goroutine, each other in its own, and
// returns when all have. Each part writes only what belongs to its range
// (or to part k's own scratch), so that the result is the same whatever
// the number of parts. A panic in any part is raised again here, in the
// caller's goroutine (the first part's, else the lowest part's), once
// every part has stopped.
func inParts(parts, n int, f func(k, lo, hi int)) {
	if parts <= 1 {
		f(0, 0, n)
		return
	}
	panics := make([]any, parts)
	var wg sync.WaitGroup
	for k := 1; k < parts; k++ {
		wg.Go(func() {
			defer func() { panics[k] = recover() }()
			lo, hi := bounds(k, parts, n)
			f(k, lo, hi)
		})
	}
	func() {
		defer wg.Wait() // even while the first part panics
		_, hi := bounds(0, parts, n)
		f(0, 0, hi)
	}()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

package main

import "fmt"

// engineExtra adds to row's notes the engine's own metrics where the
// benchmark reports them: a merge's peak memory (BenchmarkMergeEngland's
// peak-MB, the most the heap held beyond the master and drafts, and
// peak/master, that as a multiple of the master's size as a file; the
// target is at most 3).
func engineExtra(row *Row, res map[string]float64) {
	if v, ok := res["peak/master"]; ok {
		row.Extra += fmt.Sprintf(", merge peak heap %.0f MB = %.2f x the master's file", res["peak-MB"], v)
	}
}

package main

import "fmt"

// engineExtra adds to row's notes the engine's own metrics where the
// benchmark reports them: a merge's peak memory (BenchmarkMergeEngland's
// peak-MB, the most the heap held beyond the master and drafts, and
// peak/master, that as a multiple of the master's size as a file; the
// target is at most 3); and a hub merge's memory (BenchmarkHubMerge's
// sys-MB, the memory the process obtained, to hold against a Worker's
// 128 MB, for a master of master-MB).
func engineExtra(row *Row, res map[string]float64) {
	if v, ok := res["peak/master"]; ok {
		row.Extra += fmt.Sprintf(", merge peak heap %.0f MB = %.2f x the master's file", res["peak-MB"], v)
	}
	if v, ok := res["sys-MB"]; ok {
		row.Extra += fmt.Sprintf(", memory %.0f MB for a %.1f MB master (a Worker has 128 MB)", v, res["master-MB"])
	}
}

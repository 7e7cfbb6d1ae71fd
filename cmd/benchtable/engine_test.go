package main

import (
	"strings"
	"testing"
)

// A merge benchmark's line with its peak-memory metrics gives them in
// the row's notes.
func TestEngineExtra(t *testing.T) {
	out := "BenchmarkMergeEngland-2   	       3	8793009453 ns/op	       489.0 peak-MB	         5.420 peak/master	950232930 B/op	 3432857 allocs/op\n"
	res, ok := parseBench(out, "BenchmarkMergeEngland")
	if !ok {
		t.Fatal("no result parsed")
	}
	var row Row
	fillRow(&row, benchmark{per: "time"}, res)
	want := "3.43e+06 allocs/op, 950 MB/op, merge peak heap 489 MB = 5.42 x the master's file"
	if row.Extra != want || row.Value != 8.793009453 {
		t.Errorf("row %v %q, want 8.793009453 %q", row.Value, row.Extra, want)
	}
}

// A hub merge's line gives its memory and the master's size.
func TestEngineExtraHub(t *testing.T) {
	out := "BenchmarkHubMerge/wards=600         	       1	 710730752 ns/op	         7.741 master-MB	        94.37 sys-MB\n"
	res, ok := parseBench(out, "BenchmarkHubMerge/wards=600")
	if !ok {
		t.Fatal("no result parsed")
	}
	var row Row
	fillRow(&row, benchmark{per: "time"}, res)
	if want := ", memory 94 MB for a 7.7 MB master (a Worker has 128 MB)"; row.Extra != want {
		t.Errorf("extra %q, want %q", row.Extra, want)
	}
}

// The Automerge comparison's drafts are cut for 1% of the wards each
// (3 of 300), and each edit is in its draft: the need's size and the
// section's appended line.
func TestAutomergeCase(t *testing.T) {
	m, drafts, edits, err := automergeCase(300)
	if err != nil {
		t.Fatal(err)
	}
	if len(drafts) != automergeDrafts || len(edits) != 3*automergeDrafts {
		t.Fatalf("%d drafts, %d edits; want %d, %d", len(drafts), len(edits), automergeDrafts, 3*automergeDrafts)
	}
	e := edits[len(edits)-1]
	d := drafts[e.Draft]
	w := d.Wards[len(d.Wards)-1]
	if w.Code != e.Ward || w.Needs[0].Size != e.Size || !strings.HasSuffix(w.Sections[0].Text, e.Append) || e.Append != "\nedited by 49" {
		t.Errorf("last edit %+v; its draft's ward %s has size %v, text ending %q", e, w.Code, w.Needs[0].Size, w.Sections[0].Text[max(0, len(w.Sections[0].Text)-20):])
	}
	if len(m.Wards) != 300 {
		t.Errorf("master of %d wards, want 300", len(m.Wards))
	}
}

package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// TestMergeGolden merges drafts of the shipped example that between them
// exercise every step of the merge (line merges, field conflicts, a record
// deleted and edited, the same record added differently, a rule broken by
// changes taken field by field, a subset draft, later saves of a draft in
// the same batch and in a second merge) and compares the new masters and
// the reports, byte for byte, with testdata/golden. The files were made by
// the merge before it was a pipeline of steps: refactoring must not change
// them (run go test -update only for a change of behaviour, and say so).
func TestMergeGolden(t *testing.T) {
	at := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	now = func() time.Time { return at }
	defer func() { now = time.Now }()
	dir := t.TempDir()
	master := filepath.Join(dir, "master.json")
	ex, err := os.ReadFile("../../static/examples/example-borough.json")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(master, ex, 0o644)
	draft := func(name string, args ...string) string {
		path := filepath.Join(dir, name+".json")
		if code, _, errs := runCLI(t, "", append(append([]string{"draft", master}, args...), "-o", path)...); code != 0 {
			t.Fatalf("jsna draft %s = %d %s", name, code, errs)
		}
		return path
	}
	edit := func(path, savedAt string, f func(d *jsna.Document)) string {
		d, err := readDocument(path)
		if err != nil {
			t.Fatal(err)
		}
		f(d)
		// Files as older versions wrote them, without save ids: they keep
		// merging as they did, ordered by saved_at.
		d.Draft.Save, d.Draft.Parent, d.Draft.Ancestors = "", "", nil
		d.Draft.SavedAt = savedAt
		out := strings.TrimSuffix(path, ".json") + "-" + strings.NewReplacer(":", "", "-", "").Replace(savedAt) + ".json"
		if err := writeOut(nil, out, d); err != nil {
			t.Fatal(err)
		}
		return out
	}
	a := draft("gp-a", "--author", "Dr A", "--role", "gp", "--id", "gp-a")
	b := draft("cllr-b", "--author", "Cllr B", "--role", "councillor", "--id", "cllr-b", "--wards", "E05900000,E05900001")
	c := draft("an-c", "--author", "Analyst C", "--role", "analyst", "--id", "an-c")
	a1 := edit(a, "2026-11-22T10:00:00Z", func(d *jsna.Document) {
		w := &d.Wards[0]
		w.Needs[0].Size = 9
		w.Sections[0].Text += "\nA GP's line."
		w.Assets = w.Assets[1:] // a1 deleted
		w.Voice = append(w.Voice, jsna.Voice{ID: "v-new", Text: "Parents want a crossing.", Source: "surgery", Date: "2026-11-20"})
		d.Wards[3].Name = "Riverside (GP)"
		v := &d.Wards[2].Values[0]
		lower := *v.Lower
		v.Value = &lower
	})
	a2 := edit(a1, "2026-11-22T11:00:00Z", func(d *jsna.Document) {
		d.Wards[0].Needs[1].Recommendation = "Start a walking group."
		d.Wards[3].Name = d.Wards[3].Name + " ward"
	})
	b1 := edit(b, "2026-11-22T10:30:00Z", func(d *jsna.Document) {
		w := &d.Wards[0]
		w.Needs[0].Size = 2
		w.Sections[0].Text = "A councillor's line.\n" + w.Sections[0].Text
		w.Assets[0].Name = "Renamed by the councillor" // a1 edited
		w.Voice = append(w.Voice, jsna.Voice{ID: "v-new", Text: "A crossing near the school.", Source: "residents' meeting", Date: "2026-11-19"})
		d.Wards[1].Sections[1].Text = "Rewritten by the councillor."
	})
	c1 := edit(c, "2026-11-22T09:30:00Z", func(d *jsna.Document) {
		// A narrower interval around the value, which Dr A changes: taken
		// field by field the value falls outside it.
		v := &d.Wards[2].Values[0]
		lo, hi, lo998, hi998 := *v.Value-0.01, *v.Value+0.01, *v.Value-0.02, *v.Value+0.02
		v.Lower, v.Upper, v.Lower998, v.Upper998 = &lo, &hi, &lo998, &hi998
		d.Wards[1].Sections[1].Text = "Rewritten by the analyst."
		pop := 12345.0
		d.Wards[4].Population = &pop
	})
	merged := filepath.Join(dir, "merged.json")
	code, out, errs := runCLI(t, "", "merge", master, a1, a2, b1, c1, "-o", merged)
	if code != 0 {
		t.Fatalf("jsna merge = %d\n%s%s", code, out, errs)
	}
	checkGolden(t, "merge-report.golden", []byte(strings.ReplaceAll(out, dir, "DIR")))
	got, _ := os.ReadFile(merged)
	checkGolden(t, "merge-master.golden", got)
	// A later save of gp-a, merged into the merged master: merged against
	// her previous save, not her base.
	a3 := edit(a2, "2026-11-23T09:00:00Z", func(d *jsna.Document) {
		d.Wards[0].Needs[0].Size = 8
		d.Wards[0].Needs[1].Recommendation = "Start two walking groups."
	})
	merged2 := filepath.Join(dir, "merged2.json")
	code, out, errs = runCLI(t, "", "merge", merged, a3, "--json", "-o", merged2)
	if code != 0 {
		t.Fatalf("second jsna merge = %d\n%s%s", code, out, errs)
	}
	checkGolden(t, "merge2-report.golden", []byte(strings.ReplaceAll(out, dir, "DIR")))
	got, _ = os.ReadFile(merged2)
	checkGolden(t, "merge2-master.golden", got)
}

// checkGolden compares got with testdata/golden/name, or rewrites the file
// under go test -update.
func checkGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s; run go test -run %s -update and review the diff\ngot:\n%s", path, tb.Name(), got)
	}
}

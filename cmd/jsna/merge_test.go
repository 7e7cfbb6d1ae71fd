package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// TestDraftMergeResolveRoundTrip is the coordinator's path on the shipped
// example: two drafts, conflicting edits, merge, list, resolve.
func TestDraftMergeResolveRoundTrip(t *testing.T) {
	now = func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }
	defer func() { now = time.Now }()
	dir := t.TempDir()
	master := filepath.Join(dir, "master.json")
	ex, _ := os.ReadFile("../../static/examples/example-borough.json")
	os.WriteFile(master, ex, 0o644)
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	if code, _, errs := runCLI(t, "", "draft", master, "--author", "Dr A", "--role", "gp", "--id", "gp-a", "-o", a); code != 0 {
		t.Fatalf("jsna draft = %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "", "draft", master, "--author", "Cllr B", "--role", "councillor", "--id", "cllr-b", "--wards", "E05900000", "-o", b); code != 0 {
		t.Fatalf("jsna draft --wards = %d %s", code, errs)
	}
	edit := func(path string, f func(d *jsna.Document)) {
		d, err := readDocument(path)
		if err != nil {
			t.Fatal(err)
		}
		f(d)
		if err := writeOut(nil, path, d); err != nil {
			t.Fatal(err)
		}
	}
	edit(a, func(d *jsna.Document) {
		d.Wards[0].Needs[0].Size = 9
		d.Wards[0].Sections[0].Text += "\nA GP's line."
	})
	edit(b, func(d *jsna.Document) {
		d.Wards[0].Needs[0].Size = 2
		d.Wards[0].Sections[0].Text = "A councillor's line.\n" + d.Wards[0].Sections[0].Text
	})
	merged := filepath.Join(dir, "merged.json")
	code, out, errs := runCLI(t, "", "merge", master, a, b, "-o", merged)
	if code != 0 || !strings.Contains(out, "0 taken, 1 merged line by line, 1 new conflicts, 1 open in all") {
		t.Fatalf("jsna merge = %d\n%s%s", code, out, errs)
	}
	if code, _, _ := runCLI(t, "", "merge", master, a, b, "-o", filepath.Join(dir, "m2.json"), "--fail-on-conflict"); code != 3 {
		t.Errorf("jsna merge --fail-on-conflict with a conflict = %d, want 3", code)
	}
	code, out, _ = runCLI(t, "", "conflicts", merged)
	if code != 0 || !strings.Contains(out, "1: 2 by Cllr B (councillor, cllr-b") || !strings.Contains(out, "2: 9 by Dr A (gp, gp-a") {
		t.Fatalf("jsna conflicts =\n%s", out)
	}
	id := regexp.MustCompile(`conflict (c-[0-9a-f]+)`).FindStringSubmatch(out)[1]
	if code, out, errs := runCLI(t, "", "resolve", merged, id, "--take", "2", "--by", "Coordinator C", "-w"); code != 0 {
		t.Fatalf("jsna resolve = %d %s %s", code, out, errs)
	}
	final, err := readDocument(merged)
	if err != nil {
		t.Fatal(err)
	}
	w := final.Wards[0]
	if w.Needs[0].Size != 9 || len(final.Conflicts) != 0 || final.Resolutions[0].By != "Coordinator C" {
		t.Errorf("after resolve: size %v, %d conflicts, %+v", w.Needs[0].Size, len(final.Conflicts), final.Resolutions)
	}
	if !strings.HasPrefix(w.Sections[0].Text, "A councillor's line.\n") || !strings.HasSuffix(w.Sections[0].Text, "\nA GP's line.") {
		t.Errorf("merged text = %q", w.Sections[0].Text)
	}
	code, out, _ = runCLI(t, "", "diff", master, merged)
	if code != 0 || !strings.Contains(out, "wards[E05900000].needs[n1].size: ") {
		t.Errorf("jsna diff = %d\n%s", code, out)
	}
	// The master given was never changed.
	if got, _ := os.ReadFile(master); string(got) != string(ex) {
		t.Errorf("jsna merge changed its input master")
	}
}

// TestMergeSaves merges two saves of one draft (testdata/saves) in one
// batch, given latest first: the later stands for the earlier, which the
// report names; then a third save is merged against the second.
func TestMergeSaves(t *testing.T) {
	now = func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }
	defer func() { now = time.Now }()
	dir := t.TempDir()
	files := map[string]string{"master": "testdata/merge-master.json", "save1": "testdata/saves/gp-a-1.json", "save2": "testdata/saves/gp-a-2.json"}
	for k, src := range files {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		files[k] = filepath.Join(dir, k+".json")
		os.WriteFile(files[k], data, 0o644)
	}
	out := filepath.Join(dir, "out.json")
	code, stdout, errs := runCLI(t, "", "merge", files["master"], files["save2"], files["save1"], "-o", out, "--fail-on-conflict")
	want := "  gp-a: " + files["save1"] + ", saved 2026-11-20T10:00:00Z, superseded by its later save in " + files["save2"] + "\n"
	if code != 0 || !strings.Contains(stdout, "merged 1 drafts into "+out+": 1 taken, 0 merged line by line, 0 new conflicts, 0 open in all") || !strings.Contains(stdout, want) {
		t.Fatalf("jsna merge (two saves) = %d\n%s%s\nwant 0 and %q", code, stdout, errs, want)
	}
	m1, err := readDocument(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := m1.Wards[0].Needs[0].Size; got != 8 || len(m1.Merged) != 2 {
		t.Fatalf("size %v, merged %+v; want the later save's 8 and both saves recorded", got, m1.Merged)
	}
	s2, err := readDocument(files["save2"])
	if err != nil {
		t.Fatal(err)
	}
	prev := shortRev(jsna.SaveRevision(s2))
	s3 := filepath.Join(dir, "save3.json")
	s2.Wards[0].Needs[0].Size = 9
	s2.Draft.SavedAt = "2026-11-22T08:00:00Z"
	if err := writeOut(nil, s3, s2); err != nil {
		t.Fatal(err)
	}
	code, stdout, errs = runCLI(t, "", "merge", out, s3, "-w", "--fail-on-conflict")
	want = "  gp-a (Dr A): 1 changes, 0 in conflicts, base known, merged against its previous save " + prev + "\n"
	if code != 0 || !strings.Contains(stdout, want) {
		t.Fatalf("jsna merge (a third save) = %d\n%s%s\nwant 0 and %q", code, stdout, errs, want)
	}
	if m2, err := readDocument(out); err != nil || m2.Wards[0].Needs[0].Size != 9 {
		t.Errorf("after the third save: %v, size %v; want 9", err, m2.Wards[0].Needs[0].Size)
	}
}

// TestMergeSkewedClockCLI is issue 12's fourth reproduction in the CLI: a
// save stamped a year ahead, merged, then the next genuine save of the same
// draft. It used to be dropped as superseded with exit 0; ordered by the
// chain of saves it is merged, and what it wrote is in the master.
func TestMergeSkewedClockCLI(t *testing.T) {
	now = func() time.Time { return time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC) }
	defer func() { now = time.Now }()
	dir := t.TempDir()
	master := filepath.Join(dir, "master.json")
	ex, _ := os.ReadFile("../../static/examples/example-borough.json")
	os.WriteFile(master, ex, 0o644)
	cut := filepath.Join(dir, "gp-a.json")
	if code, _, errs := runCLI(t, "", "draft", master, "--author", "Dr A", "--role", "gp", "--id", "gp-a", "-o", cut); code != 0 {
		t.Fatalf("jsna draft = %d %s", code, errs)
	}
	save := func(from, to string, at time.Time, f func(d *jsna.Document)) {
		d, err := readDocument(from)
		if err != nil {
			t.Fatal(err)
		}
		if d.Draft.Save == "" {
			t.Fatalf("%s has no save id: jsna draft must start the chain", from)
		}
		f(d)
		jsna.StampSave(d, at) // as the app saves
		if err := writeOut(nil, to, d); err != nil {
			t.Fatal(err)
		}
	}
	wrong, right := filepath.Join(dir, "wrong.json"), filepath.Join(dir, "right.json")
	save(cut, wrong, time.Date(2027, 11, 22, 10, 0, 0, 0, time.UTC), func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 9 })
	save(wrong, right, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC), func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 3 })
	m1, m2 := filepath.Join(dir, "m1.json"), filepath.Join(dir, "m2.json")
	if code, out, errs := runCLI(t, "", "merge", master, wrong, "-o", m1); code != 0 {
		t.Fatalf("jsna merge (2027 save) = %d\n%s%s", code, out, errs)
	}
	code, out, errs := runCLI(t, "", "merge", m1, right, "-o", m2)
	if code != 0 || strings.Contains(out, "superseded") || !strings.Contains(out, "1 taken") {
		t.Fatalf("jsna merge (the later save) = %d\n%s%s", code, out, errs)
	}
	d, err := readDocument(m2)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Wards[0].Needs[0].Size; got != 3 || len(d.Conflicts) != 0 {
		t.Errorf("after the later save: size %v, %d conflicts; want 3 and none", got, len(d.Conflicts))
	}
}

package merge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

var mergeNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func newDraft(tb testing.TB, m *jsna.Document, id, author, role string, wards ...string) *jsna.Document {
	tb.Helper()
	d, err := NewDraft(m, DraftOptions{ID: id, Author: author, Role: role, Wards: wards, Now: mergeNow})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func mustMerge(tb testing.TB, m *jsna.Document, ds ...*jsna.Document) (*jsna.Document, *Report) {
	tb.Helper()
	out, rep, err := Merge(m, ds, Options{Now: mergeNow})
	if err != nil {
		tb.Fatal(err)
	}
	if err := out.Validate(); err != nil {
		tb.Fatalf("merged master invalid: %v", err)
	}
	return out, rep
}

func TestMergeRules(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	w0 := m.Wards[0].Code

	t.Run("one draft's change is taken with provenance", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		a.Wards[0].Needs[0].Size = 9
		out, rep := mustMerge(t, m, a)
		if out.Wards[0].Needs[0].Size != 9 || rep.Taken != 1 || len(out.Conflicts) != 0 {
			t.Fatalf("size = %v, taken %d, conflicts %d; want 9, 1, 0", out.Wards[0].Needs[0].Size, rep.Taken, len(out.Conflicts))
		}
		want := jsna.Provenance{Path: "wards[" + w0 + "].needs[n1].size", By: []jsna.Source{{Draft: "a", Author: "Dr A", Role: jsna.RoleGP, SavedAt: "2026-11-22T10:00:00Z"}}}
		if got := out.Provenance[0]; got.Path != want.Path || fmt.Sprint(got.By) != fmt.Sprint(want.By) {
			t.Errorf("provenance = %+v, want %+v", got, want)
		}
	})
	t.Run("same change in two drafts is taken once with both authors", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Needs[0].Size, b.Wards[0].Needs[0].Size = 8, 8
		out, _ := mustMerge(t, m, a, b)
		if out.Wards[0].Needs[0].Size != 8 || len(out.Conflicts) != 0 || len(out.Provenance[0].By) != 2 {
			t.Errorf("size %v, %d conflicts, %d authors; want 8, 0, 2", out.Wards[0].Needs[0].Size, len(out.Conflicts), len(out.Provenance[0].By))
		}
	})
	t.Run("different changes conflict and the master keeps its value", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Needs[0].Size, b.Wards[0].Needs[0].Size = 8, 2
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 1 || out.Wards[0].Needs[0].Size != m.Wards[0].Needs[0].Size {
			t.Fatalf("conflicts %d, size %v; want 1 and the old %v", len(out.Conflicts), out.Wards[0].Needs[0].Size, m.Wards[0].Needs[0].Size)
		}
		c := out.Conflicts[0]
		if c.Candidates[0].Value != "2" || c.Candidates[0].By[0].Author != "Cllr B" || c.Candidates[1].Value != "8" || c.Candidates[1].By[0].Author != "Dr A" {
			t.Errorf("candidates = %+v", c.Candidates)
		}
		r, err := Resolve(out, c.ID, Resolution{Take: 2, By: "Coordinator C", At: mergeNow})
		if err != nil {
			t.Fatal(err)
		}
		if r.Wards[0].Needs[0].Size != 8 || len(r.Conflicts) != 0 || r.Resolutions[0].Chosen != "8" || r.Resolutions[0].By != "Coordinator C" {
			t.Errorf("after resolve: size %v, %d conflicts, %+v", r.Wards[0].Needs[0].Size, len(r.Conflicts), r.Resolutions)
		}
		r2, err := Resolve(out, c.ID, Resolution{Value: "5", By: "Coordinator C", At: mergeNow})
		if err != nil || r2.Wards[0].Needs[0].Size != 5 {
			t.Errorf("resolve with a new value: %v, size %v", err, r2.Wards[0].Needs[0].Size)
		}
		if _, err := Resolve(out, c.ID, Resolution{Value: "12", By: "C", At: mergeNow}); err == nil {
			t.Errorf("resolve with size 12 succeeded, want the validation error")
		}
	})
	t.Run("narrative edits that do not overlap are merged line by line", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor, w0)
		a.Wards[0].Sections[0].Text += "\nA's last line."
		b.Wards[0].Sections[0].Text = "B's first line.\n" + b.Wards[0].Sections[0].Text
		out, rep := mustMerge(t, m, a, b)
		want := "B's first line.\n" + m.Wards[0].Sections[0].Text + "\nA's last line."
		if got := out.Wards[0].Sections[0].Text; got != want || rep.Merged != 1 {
			t.Errorf("text = %q (merged %d), want %q", got, rep.Merged, want)
		}
	})
	t.Run("narrative edits that overlap conflict", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Sections[0].Text = "A rewrote it."
		b.Wards[0].Sections[0].Text = "B rewrote it."
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 1 || out.Wards[0].Sections[0].Text != m.Wards[0].Sections[0].Text {
			t.Errorf("conflicts %d, text %q", len(out.Conflicts), out.Wards[0].Sections[0].Text)
		}
	})
	t.Run("a plain delete leaves a tombstone", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		gone := a.Wards[1].Assets[0]
		a.Wards[1].Assets = a.Wards[1].Assets[1:]
		out, _ := mustMerge(t, m, a)
		if len(out.Wards[1].Assets) != len(m.Wards[1].Assets)-1 || len(out.Tombstones) != 1 {
			t.Fatalf("assets %d, tombstones %d", len(out.Wards[1].Assets), len(out.Tombstones))
		}
		if ts := out.Tombstones[0]; !strings.HasSuffix(ts.Path, "assets["+gone.ID+"]") || ts.By[0].Draft != "a" {
			t.Errorf("tombstone = %+v", ts)
		}
	})
	t.Run("deleted in one draft and edited in another conflicts", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[1].Assets = a.Wards[1].Assets[1:]
		b.Wards[1].Assets[0].Name = "Renamed"
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 1 || out.Conflicts[0].Reason != "deleted in one draft and edited in another" || out.Wards[1].Assets[0].Name != m.Wards[1].Assets[0].Name {
			t.Errorf("conflicts = %+v", out.Conflicts)
		}
		r, err := Resolve(out, out.Conflicts[0].ID, Resolution{Take: 1, By: "C", At: mergeNow})
		if err != nil || len(r.Wards[1].Assets) != len(m.Wards[1].Assets)-1 {
			t.Errorf("resolve by deleting: %v, %d assets", err, len(r.Wards[1].Assets))
		}
	})
	t.Run("records added in two drafts are both kept", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[2].Voice = append(a.Wards[2].Voice, jsna.Voice{ID: "va", Text: "From A"})
		b.Wards[2].Voice = append(b.Wards[2].Voice, jsna.Voice{ID: "vb", Text: "From B"})
		out, _ := mustMerge(t, m, a, b)
		n := len(out.Wards[2].Voice)
		if n != len(m.Wards[2].Voice)+2 || out.Wards[2].Voice[n-2].ID != "va" || out.Wards[2].Voice[n-1].ID != "vb" {
			t.Errorf("voice = %+v", out.Wards[2].Voice)
		}
	})
	t.Run("a draft on an unknown base: every difference conflicts", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		a.Draft.Base = "sha256:" + strings.Repeat("0", 64)
		a.Wards[0].Needs[0].Size = 1
		out, rep := mustMerge(t, m, a)
		if len(out.Conflicts) != 1 || out.Wards[0].Needs[0].Size == 1 || rep.Drafts[0].BaseKnown {
			t.Errorf("conflicts %d, size %v, base known %v", len(out.Conflicts), out.Wards[0].Needs[0].Size, rep.Drafts[0].BaseKnown)
		}
	})
	t.Run("a draft on an earlier revision is merged against it", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Needs[0].Size = 9
		b.Wards[1].Needs[0].Size = 1
		m1, _ := mustMerge(t, m, a)
		m2, _ := mustMerge(t, m1, b) // b's base is m, now in m1's history
		if len(m2.Conflicts) != 0 || m2.Wards[0].Needs[0].Size != 9 || m2.Wards[1].Needs[0].Size != 1 {
			t.Errorf("conflicts %d, sizes %v %v", len(m2.Conflicts), m2.Wards[0].Needs[0].Size, m2.Wards[1].Needs[0].Size)
		}
	})
}

func TestMerge3(t *testing.T) {
	tests := []struct {
		base, a, b, want string
		ok               bool
	}{
		{"1\n2\n3", "0\n1\n2\n3", "1\n2\n3\n4", "0\n1\n2\n3\n4", true},
		{"1\n2\n3", "1\nx\n3", "1\n2\n3\ny", "1\nx\n3\ny", true},
		{"1\n2\n3", "1\nx\n3", "1\ny\n3", "", false},
		{"1\n2\n3", "1\nx\n3", "1\nx\n3", "1\nx\n3", true},
		{"1\n2", "1\na\n2", "1\nb\n2", "", false},
		{"", "a", "", "a", true},
	}
	for _, tt := range tests {
		got, ok := merge3(tt.base, tt.a, tt.b)
		if ok != tt.ok || got != tt.want {
			t.Errorf("merge3(%q, %q, %q) = %q, %v; want %q, %v", tt.base, tt.a, tt.b, got, ok, tt.want, tt.ok)
		}
	}
}

func mustBytes(tb testing.TB, d *jsna.Document) []byte {
	tb.Helper()
	b, err := jsna.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// BenchmarkMergeEngland merges 50 drafts, each editing about 1% of the
// wards of an England-scale master (7,000 wards by 60 indicators).
//
// It reports the merge's peak memory too: peak-MB, the most the heap held
// during a merge beyond the master and drafts it started with (garbage not
// yet collected included, as the process's memory would), and peak/master,
// that as a multiple of the master's size as a file.
//
// The drafts are sealed, as drafts read from a file are, so their
// revisions (jsna.SaveRevision) are hashed in the first merge only, as the
// master's is; BenchmarkMergeEnglandUnsealed hashes them in every merge.
func BenchmarkMergeEngland(b *testing.B) {
	m, ds := englandMerge(b)
	b.ReportAllocs()
	peak := startPeakHeap()
	b.ResetTimer()
	for range b.N {
		if _, _, err := Merge(m, ds, Options{Now: mergeNow}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	grew := peak()
	b.ReportMetric(float64(grew)/1e6, "peak-MB")
	b.ReportMetric(float64(grew)/float64(len(mustBytes(b, m))), "peak/master")
}

// BenchmarkMergeEnglandUnsealed is BenchmarkMergeEngland with drafts that
// are not sealed, as drafts edited in place are: each merge encodes and
// hashes every draft whole for its revision, the cost a merge of drafts
// just read from files pays once.
func BenchmarkMergeEnglandUnsealed(b *testing.B) {
	m, sealed := englandMerge(b)
	ds := make([]*jsna.Document, len(sealed))
	for i, d := range sealed {
		c := *d // a struct copy does not own the seal
		ds[i] = &c
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, _, err := Merge(m, ds, Options{Now: mergeNow}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewDraftEngland cuts a draft for 70 wards from the England-scale
// master: sealed, as a master read from a file or made by a merge is (its
// revision hashed once for all the drafts), and unsealed (hashed for every
// draft, as before revisions were memoised).
func BenchmarkNewDraftEngland(b *testing.B) {
	m, ds := englandMerge(b)
	codes := ds[0].Draft.Wards
	for _, sealed := range []bool{true, false} {
		name := "sealed"
		if !sealed {
			name = "unsealed"
		}
		b.Run(name, func(b *testing.B) {
			c := *m
			if sealed {
				jsna.Seal(&c)
				jsna.Revision(&c) // hashed once, as when it was read
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := NewDraft(&c, DraftOptions{ID: "d", Author: "A", Role: jsna.RoleGP, Wards: codes, Now: mergeNow}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

var englandOnce struct {
	sync.Once
	master *jsna.Document
	drafts []*jsna.Document
	err    error
}

// englandMerge makes BenchmarkMergeEngland's master and drafts once: the
// testing package calls a benchmark several times, and cutting 50 drafts
// from an England-scale master takes a few seconds (the sealed master's
// revision is hashed once, then about 20 ms a draft).
func englandMerge(tb testing.TB) (*jsna.Document, []*jsna.Document) {
	tb.Helper()
	e := &englandOnce
	e.Do(func() {
		m := example.New(example.Options{Wards: 7000, Indicators: 60, Seed: 1})
		if err := jsna.SealValid(m); err != nil { // as a master read with jsna.Read is
			e.err = err
			return
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for i := range 50 {
			// Each draft is cut for 70 wards (1% of 7,000) and edits a
			// need and a section in each.
			var codes []string
			for range 70 {
				codes = append(codes, m.Wards[rng.IntN(len(m.Wards))].Code)
			}
			codes = uniqueStrings(codes)
			d, err := NewDraft(m, DraftOptions{ID: fmt.Sprintf("d%02d", i), Author: "A", Role: jsna.RoleGP, Wards: codes, Now: mergeNow})
			if err != nil {
				e.err = err
				return
			}
			for j := range d.Wards {
				w := &d.Wards[j]
				w.Needs[0].Size = float64(rng.IntN(11))
				w.Sections[0].Text += fmt.Sprintf("\nedited by %d", i)
			}
			jsna.Seal(d) // as a draft read from a file is
			e.drafts = append(e.drafts, d)
		}
		e.master = m
	})
	if e.err != nil {
		tb.Fatal(e.err)
	}
	return e.master, e.drafts
}

func parseStr(v string) string {
	var b strings.Builder
	b.WriteString(v)
	s := b.String()
	if len(s) >= 2 && s[0] == '"' {
		r, _ := jsna.Decode([]byte(`{"format":"jsna/1","title":` + s + `}`))
		if r != nil {
			return r.Title
		}
	}
	return s
}

func firstVoice(vs []jsna.Voice, id string) (int, bool) {
	for i, v := range vs {
		if v.ID == id {
			return i, true
		}
	}
	return -1, false
}

func uniqueStrings(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// TestMergeRecordConflicts covers the cases where field-by-field merging
// cannot give a valid master, and the record becomes one conflict between
// whole versions of it, each resolvable on its own.
func TestMergeRecordConflicts(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	w0 := m.Wards[0].Code

	t.Run("the same new record in two drafts with different text", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Voice = append(a.Wards[0].Voice, jsna.Voice{ID: "v9", Text: "From A"})
		b.Wards[0].Voice = append(b.Wards[0].Voice, jsna.Voice{ID: "v9", Text: "From B"})
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 1 || len(out.Wards[0].Voice) != len(m.Wards[0].Voice) {
			t.Fatalf("conflicts %+v, %d voice notes; want one conflict and the master's %d", out.Conflicts, len(out.Wards[0].Voice), len(m.Wards[0].Voice))
		}
		c := out.Conflicts[0]
		want := []string{"", `{"id":"v9","text":"From A"}`, `{"id":"v9","text":"From B"}`}
		if c.Path != "wards["+w0+"].voice[v9]" || len(c.Candidates) != 3 {
			t.Fatalf("conflict = %+v, want one at voice[v9] with 3 candidates", c)
		}
		for i, cand := range c.Candidates {
			if cand.Value != want[i] {
				t.Errorf("candidate %d = %q, want %q", i+1, cand.Value, want[i])
			}
		}
		r, err := Resolve(out, c.ID, Resolution{Take: 3, By: "C", At: mergeNow})
		if err != nil {
			t.Fatal(err)
		}
		if v := r.Wards[0].Voice[len(r.Wards[0].Voice)-1]; v.ID != "v9" || v.Text != "From B" || r.Validate() != nil {
			t.Errorf("after taking B's version: %+v (valid: %v)", v, r.Validate())
		}
	})
	t.Run("an interval from one draft around a value from another", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		va, vb := &a.Wards[1].Values[0], &b.Wards[1].Values[0]
		// A puts in new figures; B corrects the value only.
		*va.Value, *va.Lower, *va.Upper = 1000, 990, 1010
		va.Lower998, va.Upper998 = nil, nil
		*vb.Value = (*vb.Value + *vb.Lower) / 2
		out, _ := mustMerge(t, m, a, b)
		path := "wards[" + m.Wards[1].Code + "].values[" + va.Indicator + "]"
		if len(out.Conflicts) != 1 || out.Conflicts[0].Path != path {
			t.Fatalf("conflicts = %+v, want one on %s", out.Conflicts, path)
		}
		if got := out.Wards[1].Values[0]; *got.Value != *m.Wards[1].Values[0].Value || *got.Lower != *m.Wards[1].Values[0].Lower {
			t.Errorf("the master's value changed to %v (%v-%v) before the conflict is resolved", *got.Value, *got.Lower, *got.Upper)
		}
		if n := len(out.Conflicts[0].Candidates); n != 3 { // keep, A's, B's
			t.Errorf("%d candidates, want 3", n)
		}
	})
	t.Run("a record the master deleted since the draft's base", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		gone := m.Wards[2].Assets[0]
		a.Wards[2].Assets = a.Wards[2].Assets[1:]
		b.Wards[2].Assets[0].Name = "Renamed by B"
		m1, _ := mustMerge(t, m, a)
		m2, _ := mustMerge(t, m1, b) // b still edits the asset a deleted
		if len(m2.Conflicts) != 1 || m2.Conflicts[0].Reason != "deleted in the master since the draft's base, and edited in the draft" {
			t.Fatalf("conflicts = %+v", m2.Conflicts)
		}
		c := m2.Conflicts[0]
		if c.Candidates[0].Value != "" || c.Candidates[0].By[0].Draft != "a" || !strings.Contains(c.Candidates[1].Value, "Renamed by B") {
			t.Errorf("candidates = %+v", c.Candidates)
		}
		r, err := Resolve(m2, c.ID, Resolution{Take: 2, By: "C", At: mergeNow})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Wards[2].Assets[len(r.Wards[2].Assets)-1]; got.ID != gone.ID || got.Name != "Renamed by B" {
			t.Errorf("restored asset = %+v", got)
		}
	})
	t.Run("a delete that did not see the master's edit", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[2].Assets[0].Name = "Renamed by A"
		b.Wards[2].Assets = b.Wards[2].Assets[1:]
		m1, _ := mustMerge(t, m, a)
		m2, _ := mustMerge(t, m1, b)
		if len(m2.Conflicts) != 1 || m2.Wards[2].Assets[0].Name != "Renamed by A" || len(m2.Tombstones) != 0 {
			t.Fatalf("conflicts %+v, asset %q, tombstones %d", m2.Conflicts, m2.Wards[2].Assets[0].Name, len(m2.Tombstones))
		}
		if by := m2.Conflicts[0].Candidates[1].By; by[0].Draft != "a" {
			t.Errorf("keep candidate by %+v, want draft a (who renamed it)", by)
		}
	})
}

// TestMergeAcrossMerges checks what happens to drafts merged one at a time.
func TestMergeAcrossMerges(t *testing.T) {
	m := example.New(example.Options{Wards: 2, Indicators: 3, Seed: 2})
	t.Run("narrative edits merged one by one are merged line by line", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Sections[0].Text = "A's first line.\n" + a.Wards[0].Sections[0].Text
		b.Wards[0].Sections[0].Text += "\nB's last line."
		m1, _ := mustMerge(t, m, a)
		m2, rep := mustMerge(t, m1, b)
		want := "A's first line.\n" + m.Wards[0].Sections[0].Text + "\nB's last line."
		if got := m2.Wards[0].Sections[0].Text; got != want || rep.Merged != 1 || len(m2.Conflicts) != 0 {
			t.Errorf("text = %q (merged %d, conflicts %d), want %q", got, rep.Merged, len(m2.Conflicts), want)
		}
	})
	t.Run("a merge that changes nothing still records the revision it replaces", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP) // no edits
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		b.Wards[1].Needs[0].Size = 10
		m1, _ := mustMerge(t, m, a)
		if len(m1.History) != 1 || m1.History[0].Revision != jsna.Revision(m) {
			t.Fatalf("history = %+v, want the old revision", m1.History)
		}
		m2, rep := mustMerge(t, m1, b) // b's base is m, not m1
		if !rep.Drafts[0].BaseKnown || len(m2.Conflicts) != 0 || m2.Wards[1].Needs[0].Size != 10 {
			t.Errorf("base known %v, %d conflicts, size %v", rep.Drafts[0].BaseKnown, len(m2.Conflicts), m2.Wards[1].Needs[0].Size)
		}
	})
	t.Run("an earlier save of a draft merged again changes nothing", func(t *testing.T) {
		v1 := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		v1.Wards[0].Needs[0].Size = 3
		v2 := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		v2.Wards[0].Needs[0].Size = 4
		v2.Draft.SavedAt = "2026-11-22T11:00:00Z"
		m1, _ := mustMerge(t, m, v1)
		m2, _ := mustMerge(t, m1, v2)
		m3, rep := mustMerge(t, m2, v1)
		if !bytes.Equal(mustBytes(t, m3), mustBytes(t, m2)) || len(rep.Skipped) != 1 {
			t.Errorf("merging v1 again changed the master (skipped %v)", rep.Skipped)
		}
	})
	t.Run("two saves of one draft in one batch: the later stands for both", func(t *testing.T) {
		v1 := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		v1.Wards[0].Needs[0].Size = 3
		v1.Wards[0].Sections[0].Text = "First go."
		v2 := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		v2.Wards[0].Needs[0].Size = 4
		v2.Wards[0].Sections[0].Text = "First go."
		v2.Draft.SavedAt = "2026-11-22T11:00:00Z"
		out, rep := mustMerge(t, m, v2, v1)
		if got := out.Wards[0].Needs[0].Size; got != 4 || len(out.Conflicts) != 0 || len(rep.Drafts) != 1 || rep.Drafts[0].Changes != 2 {
			t.Fatalf("size %v, %d conflicts, drafts %+v; want 4, none, one draft with 2 changes", got, len(out.Conflicts), rep.Drafts)
		}
		want := []SupersededSave{{Draft: "a", SavedAt: "2026-11-22T10:00:00Z", Revision: draftRevision(v1), By: draftRevision(v2)}}
		if fmt.Sprint(rep.Superseded) != fmt.Sprint(want) {
			t.Errorf("superseded = %+v, want %+v", rep.Superseded, want)
		}
		if len(out.Merged) != 2 {
			t.Fatalf("merged = %+v, want both saves", out.Merged)
		}
		for _, md := range out.Merged {
			if (len(md.Changes) > 0) != (md.Revision == draftRevision(v2)) {
				t.Errorf("merged save %s saved at %s keeps %d changes; only the latest save keeps its changes", md.Revision, md.SavedAt, len(md.Changes))
			}
		}
		seq, _ := mustMerge(t, m, v1)
		seq, _ = mustMerge(t, seq, v2)
		if d := Diff(seq, out); len(d) > 0 {
			t.Errorf("batch differs from one save after the other: %+v", d)
		}
	})
	t.Run("a draft of another document on an unknown base is refused", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		a.ID = "another-borough"
		a.Draft.Base = "sha256:" + strings.Repeat("1", 64)
		_, _, err := Merge(m, []*jsna.Document{a}, Options{Now: mergeNow})
		if err == nil || !strings.Contains(err.Error(), `is a draft of "another-borough", not of this master`) {
			t.Errorf("Merge(another document's draft) = %v", err)
		}
	})
}

// TestMergeSaves covers a draft saved and sent again: each later save is
// merged against the author's previous merged save, which the master
// rebuilds on its own (MergedDraft.Changes), not against the revision both
// saves name as their base.
func TestMergeSaves(t *testing.T) {
	m := example.New(example.Options{Wards: 2, Indicators: 3, Seed: 4})
	w0 := m.Wards[0].Code
	sizePath := "wards[" + w0 + "].needs[n1].size"
	orig := m.Wards[0].Needs[0].Size
	// save cuts draft "a" from m, saved minutes after mergeNow, and edits it.
	save := func(minutes int, edit func(d *jsna.Document)) *jsna.Document {
		d := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		d.Draft.SavedAt = mergeNow.Add(time.Duration(minutes) * time.Minute).Format(time.RFC3339)
		edit(d)
		return d
	}
	sources := func(c jsna.Conflict) string {
		var s []string
		for _, cand := range c.Candidates {
			var by []string
			for _, b := range cand.By {
				by = append(by, b.Draft+"@"+b.SavedAt[11:16])
			}
			s = append(s, cand.Value+" by "+strings.Join(by, " "))
		}
		return strings.Join(s, "; ")
	}

	t.Run("a later save changes again what the first one changed", func(t *testing.T) {
		v1 := save(0, func(d *jsna.Document) {
			d.Wards[0].Sections[0].Text = "One."
			d.Wards[0].Needs[0].Size = 3
		})
		v2 := save(30, func(d *jsna.Document) {
			d.Wards[0].Sections[0].Text = "Changed."
			d.Wards[0].Sections[1].Text = "Two."
			d.Wards[0].Needs[0].Size = 3
		})
		m1, _ := mustMerge(t, m, v1)
		m2, rep := mustMerge(t, m1, v2)
		if len(m2.Conflicts) != 0 || m2.Wards[0].Sections[0].Text != "Changed." || m2.Wards[0].Sections[1].Text != "Two." || m2.Wards[0].Needs[0].Size != 3 {
			t.Fatalf("conflicts %+v, sections %q %q, size %v; want none, Changed., Two., 3", m2.Conflicts, m2.Wards[0].Sections[0].Text, m2.Wards[0].Sections[1].Text, m2.Wards[0].Needs[0].Size)
		}
		if d := rep.Drafts[0]; d.Previous != draftRevision(v1) || d.Changes != 2 {
			t.Errorf("report = %+v, want 2 changes against the previous save %s", d, draftRevision(v1))
		}
		var p jsna.Provenance
		for _, q := range m2.Provenance {
			if q.Path == "wards["+w0+"].sections[demographics].text" {
				p = q
			}
		}
		if len(p.By) != 1 || p.By[0].SavedAt != v2.Draft.SavedAt {
			t.Errorf("provenance of the text = %+v, want the second save", p)
		}
	})
	t.Run("a field changed back is a change", func(t *testing.T) {
		v1 := save(0, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 3 })
		v2 := save(30, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = orig })
		m1, _ := mustMerge(t, m, v1)
		m2, rep := mustMerge(t, m1, v2)
		if m2.Wards[0].Needs[0].Size != orig || len(m2.Conflicts) != 0 || rep.Taken != 1 {
			t.Errorf("size %v, conflicts %d, taken %d; want %v, 0, 1", m2.Wards[0].Needs[0].Size, len(m2.Conflicts), rep.Taken, orig)
		}
	})
	t.Run("a record added in one save and edited or deleted in the next", func(t *testing.T) {
		v1 := save(0, func(d *jsna.Document) {
			d.Wards[1].Voice = append(d.Wards[1].Voice, jsna.Voice{ID: "v9", Text: "First words."})
		})
		edited := save(30, func(d *jsna.Document) {
			d.Wards[1].Voice = append(d.Wards[1].Voice, jsna.Voice{ID: "v9", Text: "Better words."})
		})
		deleted := save(30, func(d *jsna.Document) {})
		m1, _ := mustMerge(t, m, v1)
		m2, _ := mustMerge(t, m1, edited)
		if n := len(m2.Wards[1].Voice); len(m2.Conflicts) != 0 || m2.Wards[1].Voice[n-1].Text != "Better words." {
			t.Errorf("after the edit: conflicts %+v, voice %+v", m2.Conflicts, m2.Wards[1].Voice)
		}
		m3, _ := mustMerge(t, m1, deleted)
		if len(m3.Conflicts) != 0 || len(m3.Wards[1].Voice) != len(m.Wards[1].Voice) || len(m3.Tombstones) != 1 {
			t.Errorf("after the delete: conflicts %+v, %d voice notes, %d tombstones; want none, %d, 1", m3.Conflicts, len(m3.Wards[1].Voice), len(m3.Tombstones), len(m.Wards[1].Voice))
		}
	})
	t.Run("another author's change since her save is still a conflict", func(t *testing.T) {
		v1 := save(0, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 3 })
		m1, _ := mustMerge(t, m, v1)
		b := newDraft(t, m1, "b", "Cllr B", jsna.RoleCouncillor)
		b.Wards[0].Needs[0].Size = 7
		m2, _ := mustMerge(t, m1, b)
		kept := save(30, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 3 })
		if m3, _ := mustMerge(t, m2, kept); len(m3.Conflicts) != 0 || m3.Wards[0].Needs[0].Size != 7 {
			t.Errorf("a save that keeps her old value: conflicts %+v, size %v; want none and B's 7", m3.Conflicts, m3.Wards[0].Needs[0].Size)
		}
		v2 := save(30, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 4 })
		m3, _ := mustMerge(t, m2, v2)
		if len(m3.Conflicts) != 1 || m3.Conflicts[0].Kind != jsna.ConflictChangedSinceBase || m3.Wards[0].Needs[0].Size != 7 {
			t.Fatalf("conflicts %+v, size %v; want one changed-since-base and B's 7 kept", m3.Conflicts, m3.Wards[0].Needs[0].Size)
		}
		if got, want := sources(m3.Conflicts[0]), "4 by a@10:30"; got != want {
			t.Errorf("candidates = %s, want %s", got, want)
		}
	})
	t.Run("her new value replaces her earlier one in an open conflict", func(t *testing.T) {
		v1 := save(0, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 3 })
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		b.Wards[0].Needs[0].Size = 7
		m1, _ := mustMerge(t, m, v1, b)
		if len(m1.Conflicts) != 1 || sources(m1.Conflicts[0]) != "3 by a@10:00; 7 by b@10:00" {
			t.Fatalf("first merge: conflicts %+v", m1.Conflicts)
		}
		for _, tt := range []struct {
			size float64
			want string
		}{
			{4, "7 by b@10:00; 4 by a@10:30"},
			{7, "7 by a@10:30 b@10:00"},
			{orig, fmt.Sprintf("7 by b@10:00; %v by a@10:30", orig)},
		} {
			v2 := save(30, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = tt.size })
			m2, _ := mustMerge(t, m1, v2)
			if len(m2.Conflicts) != 1 || m2.Conflicts[0].Path != sizePath || m2.Conflicts[0].Kind != jsna.ConflictChangedDifferently {
				t.Fatalf("size %v: conflicts %+v, want the open one", tt.size, m2.Conflicts)
			}
			if got := sources(m2.Conflicts[0]); got != tt.want || m2.Conflicts[0].ID == m1.Conflicts[0].ID {
				t.Errorf("size %v: candidates = %s (id %s), want %s with a new id", tt.size, got, m2.Conflicts[0].ID, tt.want)
			}
		}
	})
	t.Run("a save older than one merged before is superseded", func(t *testing.T) {
		v1 := save(0, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 3 })
		v2 := save(30, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 4 })
		m1, _ := mustMerge(t, m, v2)
		m2, rep := mustMerge(t, m1, v1)
		if len(rep.Drafts) != 0 || len(rep.Superseded) != 1 || rep.Superseded[0].By != draftRevision(v2) || len(Diff(m1, m2)) != 0 {
			t.Errorf("drafts %+v, superseded %+v, diff %+v; want v1 superseded by v2 and no change", rep.Drafts, rep.Superseded, Diff(m1, m2))
		}
		m3, rep := mustMerge(t, m2, v1)
		if !bytes.Equal(mustBytes(t, m3), mustBytes(t, m2)) || len(rep.Skipped) != 1 {
			t.Errorf("merging the superseded save again changed the master (skipped %v)", rep.Skipped)
		}
	})
	t.Run("saves are ordered by time, not by how saved_at is written", func(t *testing.T) {
		v1 := save(0, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 3 })
		v1.Draft.SavedAt = "2026-11-22T11:00:00+01:00" // 10:00Z
		v2 := save(0, func(d *jsna.Document) { d.Wards[0].Needs[0].Size = 4 })
		v2.Draft.SavedAt = "2026-11-22T10:30:00Z"
		out, _ := mustMerge(t, m, v2, v1)
		if out.Wards[0].Needs[0].Size != 4 {
			t.Errorf("size = %v, want the 10:30Z save's 4", out.Wards[0].Needs[0].Size)
		}
	})
}

// TestSavedBefore checks the order of a draft's saves.
func TestSavedBefore(t *testing.T) {
	tests := []struct {
		at1, rev1, at2, rev2 string
		want                 bool
	}{
		{"2026-11-22T10:00:00Z", "b", "2026-11-22T10:00:01Z", "a", true},
		{"2026-11-22T11:00:00+01:00", "b", "2026-11-22T10:30:00Z", "a", true},
		{"2026-11-22T10:30:00Z", "a", "2026-11-22T11:00:00+01:00", "b", false},
		{"2026-11-22T10:00:00.5Z", "a", "2026-11-22T10:00:00.25Z", "b", false},
		{"2026-11-22T10:00:00Z", "a", "2026-11-22T10:00:00Z", "b", true},
		{"2026-11-22T10:00:00Z", "b", "2026-11-22T10:00:00Z", "a", false},
		{"2026-11-22T10:00:00Z", "b", "2026-11-22T11:00:00+01:00", "a", true}, // the same time, written differently: by text
		{"2026-11-22T11:00:00+01:00", "a", "2026-11-22T10:00:00Z", "b", false},
		{"", "z", "2026-11-22T10:00:00Z", "a", true},
		{"2026-11-22T10:00:00Z", "a", "", "z", false},
	}
	for _, tt := range tests {
		if got := savedBefore(tt.at1, tt.rev1, tt.at2, tt.rev2); got != tt.want {
			t.Errorf("savedBefore(%q, %q, %q, %q) = %v, want %v", tt.at1, tt.rev1, tt.at2, tt.rev2, got, tt.want)
		}
	}
}

// TestConflictKinds makes a conflict of every kind and checks its Kind and
// English Reason.
func TestConflictKinds(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	d := func(id string, edit func(d *jsna.Document)) *jsna.Document {
		x := newDraft(t, m, id, "Author "+id, jsna.RoleGP)
		edit(x)
		return x
	}
	merge := func(steps ...[]*jsna.Document) *jsna.Document {
		out := m
		for _, ds := range steps {
			out, _ = mustMerge(t, out, ds...)
		}
		return out
	}
	size := func(n float64) func(*jsna.Document) { return func(x *jsna.Document) { x.Wards[0].Needs[0].Size = n } }
	text := func(s string) func(*jsna.Document) { return func(x *jsna.Document) { x.Wards[0].Sections[0].Text = s } }
	dropAsset := func(x *jsna.Document) { x.Wards[2].Assets = x.Wards[2].Assets[1:] }
	renameAsset := func(x *jsna.Document) { x.Wards[2].Assets[0].Name = "Renamed" }
	addVoice := func(s string) func(*jsna.Document) {
		return func(x *jsna.Document) { x.Wards[1].Voice = append(x.Wards[1].Voice, jsna.Voice{ID: "v9", Text: s}) }
	}
	unknown := d("u", size(1))
	unknown.Draft.Base = "sha256:" + strings.Repeat("0", 64)
	tests := []struct {
		kind string
		out  *jsna.Document
	}{
		{jsna.ConflictChangedDifferently, merge([]*jsna.Document{d("a", size(8)), d("b", size(2))})},
		{jsna.ConflictTextOverlap, merge([]*jsna.Document{d("a", text("A's words.")), d("b", text("B's words."))})},
		{jsna.ConflictChangedSinceBase, merge([]*jsna.Document{d("a", size(9))}, []*jsna.Document{d("b", size(1))})},
		{jsna.ConflictBaseUnknown, merge([]*jsna.Document{unknown})},
		{jsna.ConflictDeletedAndEdited, merge([]*jsna.Document{d("a", dropAsset), d("b", renameAsset)})},
		{jsna.ConflictDeletedInMaster, merge([]*jsna.Document{d("a", dropAsset)}, []*jsna.Document{d("b", renameAsset)})},
		{jsna.ConflictStaleDelete, merge([]*jsna.Document{d("a", renameAsset)}, []*jsna.Document{d("b", dropAsset)})},
		{jsna.ConflictRecordVersions, merge([]*jsna.Document{d("a", func(x *jsna.Document) {
			v := &x.Wards[1].Values[0]
			*v.Value, *v.Lower, *v.Upper = 1000, 990, 1010
			v.Lower998, v.Upper998 = nil, nil
		}), d("b", func(x *jsna.Document) {
			v := &x.Wards[1].Values[0]
			*v.Value = (*v.Value + *v.Lower) / 2
		})})},
		{jsna.ConflictAddedDifferently, merge([]*jsna.Document{d("a", addVoice("From A")), d("b", addVoice("From B"))})},
	}
	seen := map[string]bool{}
	for _, tt := range tests {
		seen[tt.kind] = true
		if len(tt.out.Conflicts) != 1 {
			t.Errorf("%s: %d conflicts, want 1: %+v", tt.kind, len(tt.out.Conflicts), tt.out.Conflicts)
			continue
		}
		if c := tt.out.Conflicts[0]; c.Kind != tt.kind || c.Reason != jsna.ConflictReason(tt.kind) || c.Reason == "" {
			t.Errorf("conflict kind %q, reason %q; want %q, %q", c.Kind, c.Reason, tt.kind, jsna.ConflictReason(tt.kind))
		}
	}
	reasons := map[string]bool{}
	for _, k := range jsna.ConflictKinds() {
		if !seen[k] {
			t.Errorf("kind %q is not made by any case", k)
		}
		if r := jsna.ConflictReason(k); r == "" || reasons[r] {
			t.Errorf("ConflictReason(%q) = %q, want a reason of its own", k, r)
		}
		reasons[jsna.ConflictReason(k)] = true
	}
	if len(jsna.ConflictKinds()) != len(tests) || jsna.ConflictReason("no-such-kind") != "" {
		t.Errorf("%d kinds for %d cases; ConflictReason(no-such-kind) = %q", len(jsna.ConflictKinds()), len(tests), jsna.ConflictReason("no-such-kind"))
	}
}

// TestMergeTiedSaves covers saves of one draft with the same saved_at
// instant, which cannot be ordered: none stands for another, and where
// they differ the coordinator chooses.
func TestMergeTiedSaves(t *testing.T) {
	m := example.New(example.Options{Wards: 2, Indicators: 3, Seed: 4})
	save := func(size float64, text string) *jsna.Document {
		d := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		d.Wards[0].Needs[0].Size = size
		d.Wards[0].Sections[0].Text = text
		return d
	}
	v1, v2 := save(3, "Same words."), save(4, "Same words.")
	t.Run("in one batch", func(t *testing.T) {
		out, rep := mustMerge(t, m, v2, v1)
		if len(rep.Drafts) != 2 || len(rep.Superseded) != 0 || len(out.Conflicts) != 1 || out.Wards[0].Sections[0].Text != "Same words." {
			t.Fatalf("drafts %+v, superseded %+v, conflicts %+v, text %q; want both merged, the size in conflict, the text taken", rep.Drafts, rep.Superseded, out.Conflicts, out.Wards[0].Sections[0].Text)
		}
		if c := out.Conflicts[0]; c.Kind != jsna.ConflictChangedDifferently || len(c.Candidates) != 2 || c.Candidates[0].Value != "3" || c.Candidates[1].Value != "4" {
			t.Errorf("conflict = %+v, want 3 and 4 from the two saves", c)
		}
	})
	t.Run("one after the other", func(t *testing.T) {
		m1, _ := mustMerge(t, m, v1)
		m2, rep := mustMerge(t, m1, v2)
		if len(rep.Superseded) != 0 || rep.Drafts[0].Previous != "" || len(m2.Conflicts) != 1 || m2.Wards[0].Needs[0].Size != 3 {
			t.Fatalf("superseded %+v, report %+v, conflicts %+v, size %v; want v2 merged on its base, in conflict with v1's 3", rep.Superseded, rep.Drafts, m2.Conflicts, m2.Wards[0].Needs[0].Size)
		}
		later := save(5, "Same words.")
		later.Draft.SavedAt = "2026-11-22T10:05:00Z"
		m3, rep := mustMerge(t, m2, later)
		if rep.Drafts[0].Previous != "" || len(m3.Conflicts) != 1 || fmt.Sprint(len(m3.Conflicts[0].Candidates)) != "1" || m3.Conflicts[0].Candidates[0].Value != "5" {
			t.Errorf("after a later save: report %+v, conflicts %+v; want it merged on its base (which of the tied saves it continues is not known), its 5 replacing both", rep.Drafts, m3.Conflicts)
		}
	})
}

package jsna

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

var mergeNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func newDraft(tb testing.TB, m *Document, id, author, role string, wards ...string) *Document {
	tb.Helper()
	d, err := NewDraft(m, DraftOptions{ID: id, Author: author, Role: role, Wards: wards, Now: mergeNow})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

func mustMerge(tb testing.TB, m *Document, ds ...*Document) (*Document, *MergeReport) {
	tb.Helper()
	out, rep, err := Merge(m, ds, MergeOptions{Now: mergeNow})
	if err != nil {
		tb.Fatal(err)
	}
	if err := out.Validate(); err != nil {
		tb.Fatalf("merged master invalid: %v", err)
	}
	return out, rep
}

func TestMergeRules(t *testing.T) {
	m := Example(ExampleOptions{Wards: 3, Indicators: 4, Seed: 5})
	w0 := m.Wards[0].Code

	t.Run("one draft's change is taken with provenance", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		a.Wards[0].Needs[0].Size = 9
		out, rep := mustMerge(t, m, a)
		if out.Wards[0].Needs[0].Size != 9 || rep.Taken != 1 || len(out.Conflicts) != 0 {
			t.Fatalf("size = %v, taken %d, conflicts %d; want 9, 1, 0", out.Wards[0].Needs[0].Size, rep.Taken, len(out.Conflicts))
		}
		want := Provenance{Path: "wards[" + w0 + "].needs[n1].size", By: []Source{{Draft: "a", Author: "Dr A", Role: RoleGP, SavedAt: "2026-11-22T10:00:00Z"}}}
		if got := out.Provenance[0]; got.Path != want.Path || fmt.Sprint(got.By) != fmt.Sprint(want.By) {
			t.Errorf("provenance = %+v, want %+v", got, want)
		}
	})
	t.Run("same change in two drafts is taken once with both authors", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
		a.Wards[0].Needs[0].Size, b.Wards[0].Needs[0].Size = 8, 8
		out, _ := mustMerge(t, m, a, b)
		if out.Wards[0].Needs[0].Size != 8 || len(out.Conflicts) != 0 || len(out.Provenance[0].By) != 2 {
			t.Errorf("size %v, %d conflicts, %d authors; want 8, 0, 2", out.Wards[0].Needs[0].Size, len(out.Conflicts), len(out.Provenance[0].By))
		}
	})
	t.Run("different changes conflict and the master keeps its value", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
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
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor, w0)
		a.Wards[0].Sections[0].Text += "\nA's last line."
		b.Wards[0].Sections[0].Text = "B's first line.\n" + b.Wards[0].Sections[0].Text
		out, rep := mustMerge(t, m, a, b)
		want := "B's first line.\n" + m.Wards[0].Sections[0].Text + "\nA's last line."
		if got := out.Wards[0].Sections[0].Text; got != want || rep.Merged != 1 {
			t.Errorf("text = %q (merged %d), want %q", got, rep.Merged, want)
		}
	})
	t.Run("narrative edits that overlap conflict", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
		a.Wards[0].Sections[0].Text = "A rewrote it."
		b.Wards[0].Sections[0].Text = "B rewrote it."
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 1 || out.Wards[0].Sections[0].Text != m.Wards[0].Sections[0].Text {
			t.Errorf("conflicts %d, text %q", len(out.Conflicts), out.Wards[0].Sections[0].Text)
		}
	})
	t.Run("a plain delete leaves a tombstone", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
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
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
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
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
		a.Wards[2].Voice = append(a.Wards[2].Voice, Voice{ID: "va", Text: "From A"})
		b.Wards[2].Voice = append(b.Wards[2].Voice, Voice{ID: "vb", Text: "From B"})
		out, _ := mustMerge(t, m, a, b)
		n := len(out.Wards[2].Voice)
		if n != len(m.Wards[2].Voice)+2 || out.Wards[2].Voice[n-2].ID != "va" || out.Wards[2].Voice[n-1].ID != "vb" {
			t.Errorf("voice = %+v", out.Wards[2].Voice)
		}
	})
	t.Run("a draft on an unknown base: every difference conflicts", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		a.Draft.Base = "sha256:" + strings.Repeat("0", 64)
		a.Wards[0].Needs[0].Size = 1
		out, rep := mustMerge(t, m, a)
		if len(out.Conflicts) != 1 || out.Wards[0].Needs[0].Size == 1 || rep.Drafts[0].BaseKnown {
			t.Errorf("conflicts %d, size %v, base known %v", len(out.Conflicts), out.Wards[0].Needs[0].Size, rep.Drafts[0].BaseKnown)
		}
	})
	t.Run("a draft on an earlier revision is merged against it", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
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

func mustBytes(tb testing.TB, d *Document) []byte {
	tb.Helper()
	b, err := Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// BenchmarkMergeEngland merges 50 drafts, each editing about 1% of the
// wards of an England-scale master (7,000 wards by 60 indicators).
func BenchmarkMergeEngland(b *testing.B) {
	m := Example(ExampleOptions{Wards: 7000, Indicators: 60, Seed: 1})
	rng := rand.New(rand.NewPCG(1, 2))
	var ds []*Document
	for i := range 50 {
		// Each draft is cut for 70 wards (1% of 7,000) and edits a need
		// and a section in each.
		var codes []string
		for range 70 {
			codes = append(codes, m.Wards[rng.IntN(len(m.Wards))].Code)
		}
		codes = uniqueStrings(codes)
		d, err := NewDraft(m, DraftOptions{ID: fmt.Sprintf("d%02d", i), Author: "A", Role: RoleGP, Wards: codes, Now: mergeNow})
		if err != nil {
			b.Fatal(err)
		}
		for j := range d.Wards {
			w := &d.Wards[j]
			w.Needs[0].Size = float64(rng.IntN(11))
			w.Sections[0].Text += fmt.Sprintf("\nedited by %d", i)
		}
		ds = append(ds, d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, _, err := Merge(m, ds, MergeOptions{Now: mergeNow}); err != nil {
			b.Fatal(err)
		}
	}
}

func parseStr(v string) string {
	var b strings.Builder
	b.WriteString(v)
	s := b.String()
	if len(s) >= 2 && s[0] == '"' {
		r, _ := Decode([]byte(`{"format":"jsna/1","title":` + s + `}`))
		if r != nil {
			return r.Title
		}
	}
	return s
}

func firstVoice(vs []Voice, id string) (int, bool) {
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
	m := Example(ExampleOptions{Wards: 3, Indicators: 4, Seed: 5})
	w0 := m.Wards[0].Code

	t.Run("the same new record in two drafts with different text", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
		a.Wards[0].Voice = append(a.Wards[0].Voice, Voice{ID: "v9", Text: "From A"})
		b.Wards[0].Voice = append(b.Wards[0].Voice, Voice{ID: "v9", Text: "From B"})
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
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
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
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
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
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
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
	m := Example(ExampleOptions{Wards: 2, Indicators: 3, Seed: 2})
	t.Run("narrative edits merged one by one are merged line by line", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
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
		a := newDraft(t, m, "a", "Dr A", RoleGP) // no edits
		b := newDraft(t, m, "b", "Cllr B", RoleCouncillor)
		b.Wards[1].Needs[0].Size = 10
		m1, _ := mustMerge(t, m, a)
		if len(m1.History) != 1 || m1.History[0].Revision != Revision(m) {
			t.Fatalf("history = %+v, want the old revision", m1.History)
		}
		m2, rep := mustMerge(t, m1, b) // b's base is m, not m1
		if !rep.Drafts[0].BaseKnown || len(m2.Conflicts) != 0 || m2.Wards[1].Needs[0].Size != 10 {
			t.Errorf("base known %v, %d conflicts, size %v", rep.Drafts[0].BaseKnown, len(m2.Conflicts), m2.Wards[1].Needs[0].Size)
		}
	})
	t.Run("an earlier save of a draft merged again changes nothing", func(t *testing.T) {
		v1 := newDraft(t, m, "a", "Dr A", RoleGP)
		v1.Wards[0].Needs[0].Size = 3
		v2 := newDraft(t, m, "a", "Dr A", RoleGP)
		v2.Wards[0].Needs[0].Size = 4
		v2.Draft.SavedAt = "2026-11-22T11:00:00Z"
		m1, _ := mustMerge(t, m, v1)
		m2, _ := mustMerge(t, m1, v2)
		m3, rep := mustMerge(t, m2, v1)
		if !bytes.Equal(mustBytes(t, m3), mustBytes(t, m2)) || len(rep.Skipped) != 1 {
			t.Errorf("merging v1 again changed the master (skipped %v)", rep.Skipped)
		}
	})
	t.Run("two saves of one draft in one batch are refused", func(t *testing.T) {
		v1 := newDraft(t, m, "a", "Dr A", RoleGP)
		v1.Wards[0].Needs[0].Size = 3
		v2 := newDraft(t, m, "a", "Dr A", RoleGP)
		v2.Wards[0].Needs[0].Size = 4
		_, _, err := Merge(m, []*Document{v1, v2}, MergeOptions{Now: mergeNow})
		var dup *DuplicateDraftError
		if !errors.As(err, &dup) || dup.ID != "a" || dup.First != 0 || dup.Second != 1 {
			t.Errorf("Merge(two saves) = %v, want a DuplicateDraftError", err)
		}
	})
	t.Run("a draft of another document on an unknown base is refused", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", RoleGP)
		a.ID = "another-borough"
		a.Draft.Base = "sha256:" + strings.Repeat("1", 64)
		_, _, err := Merge(m, []*Document{a}, MergeOptions{Now: mergeNow})
		if err == nil || !strings.Contains(err.Error(), `is a draft of "another-borough", not of this master`) {
			t.Errorf("Merge(another document's draft) = %v", err)
		}
	})
}

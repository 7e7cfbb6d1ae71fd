package jsna

import (
	"bytes"
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

// randomDrafts makes n drafts of m with random edits drawn from rng:
// numbers, narrative lines, deletions and additions, often touching the
// same paths so that conflicts and line merges happen.
func randomDrafts(rng *rand.Rand, m *Document, n int) []*Document {
	var ds []*Document
	for i := range n {
		d, err := NewDraft(m, DraftOptions{ID: fmt.Sprintf("d%d", i), Author: fmt.Sprintf("Author %d", i), Role: RoleGP, Now: mergeNow.Add(time.Duration(i) * time.Minute)})
		if err != nil {
			panic(err)
		}
		for range 1 + rng.IntN(4) {
			w := &d.Wards[rng.IntN(len(d.Wards))]
			switch rng.IntN(6) {
			case 0:
				w.Needs[0].Size = float64(rng.IntN(11))
			case 1:
				v := &w.Values[rng.IntN(len(w.Values))]
				x := float64(rng.IntN(3))
				v.Note = fmt.Sprintf("note %v", x)
			case 2:
				w.Sections[0].Text += fmt.Sprintf("\nline from %d", i)
			case 3:
				w.Sections[1].Text = fmt.Sprintf("rewritten by %d", rng.IntN(2))
			case 4:
				if len(w.Assets) > 1 {
					w.Assets = w.Assets[1:]
				}
			case 5:
				id := fmt.Sprintf("new%d", rng.IntN(3))
				if _, dup := firstVoice(w.Voice, id); !dup {
					w.Voice = append(w.Voice, Voice{ID: id, Text: fmt.Sprintf("said %d", rng.IntN(2))})
				}
			}
		}
		ds = append(ds, d)
	}
	return ds
}

func mustBytes(tb testing.TB, d *Document) []byte {
	tb.Helper()
	b, err := Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestMergeProperties drives merge with random masters and drafts and
// checks its guarantees: the result does not depend on the drafts' order;
// merging the same drafts again changes nothing; merging in one batch
// equals merging one by one when nothing conflicts; and every value any
// draft wrote is in the master, in a conflict or in a tombstone.
func TestMergeProperties(t *testing.T) {
	cases := 1000
	if testing.Short() {
		cases = 100
	}
	oneByOne := 0
	for c := range cases {
		rng := rand.New(rand.NewPCG(uint64(c), 7))
		m := Example(ExampleOptions{Wards: 2 + rng.IntN(2), Indicators: 3, Seed: uint64(c%5 + 1)})
		ds := randomDrafts(rng, m, 1+rng.IntN(4))
		out, _, err := Merge(m, ds, MergeOptions{Now: mergeNow})
		if err != nil {
			t.Fatalf("case %d: %v", c, err)
		}
		want := mustBytes(t, out)
		// Order.
		perm := append([]*Document(nil), ds...)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		out2, _, _ := Merge(m, perm, MergeOptions{Now: mergeNow})
		if !bytes.Equal(mustBytes(t, out2), want) {
			t.Fatalf("case %d: merge depends on the order of drafts", c)
		}
		// Idempotence.
		again, _, _ := Merge(out, ds, MergeOptions{Now: mergeNow})
		if !bytes.Equal(mustBytes(t, again), want) {
			t.Fatalf("case %d: merging the same drafts twice changed the master", c)
		}
		// Conservation.
		checkConservation(t, c, m, ds, out)
		// One by one equals batch when there are no conflicts.
		if len(out.Conflicts) == 0 {
			seq := m
			for _, d := range ds {
				seq, _, _ = Merge(seq, []*Document{d}, MergeOptions{Now: mergeNow})
			}
			if len(seq.Conflicts) == 0 {
				oneByOne++
				// Records are compared by key, as merge works: records
				// new in different merges may stand in another order.
				if d := Diff(seq, out); len(d) > 0 {
					t.Fatalf("case %d: one by one differs from batch: %+v", c, d)
				}
			}
		}
	}
	if oneByOne < cases/10 {
		t.Errorf("only %d of %d cases compared one-by-one with batch merging", oneByOne, cases)
	}
}

func checkConservation(t *testing.T, c int, m *Document, ds []*Document, out *Document) {
	t.Helper()
	base, fo := flatten(m), flatten(out)
	inConflict := map[string]bool{}
	for _, cf := range out.Conflicts {
		for _, cand := range cf.Candidates {
			inConflict[cf.Path+"\x00"+cand.Value] = true
		}
		inConflict[cf.Path] = true
	}
	tomb := map[string]bool{}
	for _, ts := range out.Tombstones {
		for _, f := range ts.Fields {
			tomb[f.Path] = true
		}
	}
	for _, d := range ds {
		fd := flatten(d)
		for p := range unionKeys(base.values, fd.values) {
			v := fd.values[p]
			if v == base.values[p] {
				continue
			}
			switch {
			case fo.values[p] == v:
			case inConflict[p+"\x00"+v]:
			case v == "" && tomb[p]:
			case underConflictPath(inConflict, p):
			case strings.HasPrefix(v, `"`) && strings.Contains(fo.values[p], strings.Trim(v, `"`)):
			default:
				if mergedText(fo.values[p], base.values[p], v) {
					continue
				}
				t.Fatalf("case %d: draft %s wrote %s = %s, which is neither in the master (%s), a conflict nor a tombstone", c, d.Draft.ID, p, v, fo.values[p])
			}
		}
	}
}

func underConflictPath(inConflict map[string]bool, p string) bool {
	for k := range inConflict {
		if !strings.Contains(k, "\x00") && (strings.HasPrefix(p, k+".") || strings.HasPrefix(p, k+"[")) {
			return true
		}
	}
	return false
}

// mergedText reports whether every line the draft added to a narrative
// text is in the merged text.
func mergedText(merged, base, draft string) bool {
	if !strings.HasPrefix(draft, `"`) || !strings.HasPrefix(merged, `"`) {
		return false
	}
	have := map[string]bool{}
	for _, l := range splitLines(parseStr(merged)) {
		have[l] = true
	}
	baseLines := map[string]bool{}
	for _, l := range splitLines(parseStr(base)) {
		baseLines[l] = true
	}
	for _, l := range splitLines(parseStr(draft)) {
		if !baseLines[l] && !have[l] {
			return false
		}
	}
	return true
}

// FuzzMerge merges drafts with random edits chosen by the fuzzer's bytes
// and checks no panic, order independence and idempotence.
func FuzzMerge(f *testing.F) {
	f.Add(uint64(1), uint8(2))
	f.Add(uint64(42), uint8(4))
	f.Add(uint64(7), uint8(1))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		rng := rand.New(rand.NewPCG(seed, 11))
		m := Example(ExampleOptions{Wards: 2, Indicators: 3, Seed: seed%7 + 1})
		ds := randomDrafts(rng, m, 1+int(n%5))
		out, _, err := Merge(m, ds, MergeOptions{Now: mergeNow})
		if err != nil {
			t.Fatal(err)
		}
		rev := append([]*Document(nil), ds...)
		for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
			rev[i], rev[j] = rev[j], rev[i]
		}
		out2, _, _ := Merge(m, rev, MergeOptions{Now: mergeNow})
		if !bytes.Equal(mustBytes(t, out), mustBytes(t, out2)) {
			t.Fatal("order dependent")
		}
		again, _, _ := Merge(out, ds, MergeOptions{Now: mergeNow})
		if !bytes.Equal(mustBytes(t, out), mustBytes(t, again)) {
			t.Fatal("not idempotent")
		}
		// Resolve every conflict by its first candidate: no panic, valid.
		for len(out.Conflicts) > 0 {
			r, err := Resolve(out, out.Conflicts[0].ID, Resolution{Take: 1, By: "fuzz", At: mergeNow})
			if err != nil {
				r, err = Resolve(out, out.Conflicts[0].ID, Resolution{Take: len(out.Conflicts[0].Candidates), By: "fuzz", At: mergeNow})
				if err != nil {
					return // neither candidate fits alone (e.g. a record without its fields): fine
				}
			}
			out = r
		}
	})
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

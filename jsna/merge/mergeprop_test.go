package merge

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// mergeCase is a random master and drafts of it, each with the document
// it was cut from (nil where its base was made unknown). earlier holds, by
// draft id, the save of that draft merged into master before (with its
// base), when a draft in drafts continues it.
type mergeCase struct {
	master  *jsna.Document
	drafts  []*jsna.Document
	bases   []*jsna.Document
	earlier map[string][2]*jsna.Document // draft id → {earlier save, its base}
}

// randomCase makes a merge case from rng: a small example master, given a
// history by an earlier merge one time in three, and one to four drafts,
// cut from the master or its earlier revision, for all wards or some, one
// in ten on an unknown base. Their edits touch numbers, notes, narrative
// lines, records added and deleted (the same ids in several drafts, with
// different content), document-wide members and unknown members, often the
// same paths, so that takes, line merges, conflicts and tombstones all
// happen. Drafts are continued by later saves of the same draft: the
// draft merged early half the time (one time in eight with a save older
// than the merged one), and one of the batch's drafts one time in three,
// with a third save now and then and, now and then, the same saved_at.
func randomCase(rng *rand.Rand) mergeCase {
	m0 := example.New(example.Options{Wards: 2 + rng.IntN(3), Indicators: 3, Seed: 1 + rng.Uint64N(5)})
	revs := []*jsna.Document{m0}
	c := mergeCase{master: m0, earlier: map[string][2]*jsna.Document{}}
	var early *jsna.Document
	if rng.IntN(3) == 0 {
		early = randomDraft(rng, m0, "early", 9)
		m1, _, err := Merge(m0, []*jsna.Document{early}, Options{Now: mergeNow.Add(-time.Hour)})
		if err != nil {
			panic(err)
		}
		c.master = m1
		revs = append(revs, m1)
	}
	for i := range 1 + rng.IntN(4) {
		base := revs[rng.IntN(len(revs))]
		d := randomDraft(rng, base, fmt.Sprintf("d%d", i), i)
		if rng.IntN(10) == 0 {
			d.Draft.Base = fmt.Sprintf("sha256:%064x", rng.Uint64())
			base = nil
		}
		c.drafts = append(c.drafts, d)
		c.bases = append(c.bases, base)
	}
	if early != nil && rng.IntN(2) == 0 {
		later := continueDraft(rng, early, time.Duration(rng.IntN(30))*time.Minute) // 0: the same saved_at
		if rng.IntN(8) == 0 {
			later.Draft.SavedAt = mergeNow.Add(-24 * time.Hour).Format(time.RFC3339) // older than the merged save
		}
		c.drafts = append(c.drafts, later)
		c.bases = append(c.bases, m0)
		c.earlier["early"] = [2]*jsna.Document{early, m0}
	}
	if rng.IntN(3) == 0 {
		i := rng.IntN(len(c.drafts))
		for range 1 + rng.IntN(2) {
			step := time.Duration(rng.IntN(3)) * time.Minute // 0: the same saved_at
			c.drafts = append(c.drafts, continueDraft(rng, c.drafts[i], step))
			c.bases = append(c.bases, c.bases[i])
			i = len(c.drafts) - 1
		}
	}
	return c
}

var draftRoles = []string{jsna.RoleGP, jsna.RoleCouncillor, jsna.RoleCoordinator, jsna.RoleAnalyst}

// randomDraft cuts a draft from base and edits it.
func randomDraft(rng *rand.Rand, base *jsna.Document, id string, i int) *jsna.Document {
	var wards []string
	if rng.IntN(2) == 0 {
		for _, w := range base.Wards {
			if rng.IntN(2) == 0 {
				wards = append(wards, w.Code)
			}
		}
		if len(wards) == 0 {
			wards = []string{base.Wards[rng.IntN(len(base.Wards))].Code}
		}
	}
	d, err := NewDraft(base, DraftOptions{ID: id, Author: "Author " + id, Role: draftRoles[i%len(draftRoles)], Wards: wards, Now: mergeNow.Add(time.Duration(i) * time.Minute)})
	if err != nil {
		panic(err)
	}
	editDraft(rng, d)
	return d
}

// continueDraft is a later save of the draft d: a copy, saved after (or,
// with step 0, at the same time), edited further.
func continueDraft(rng *rand.Rand, d *jsna.Document, step time.Duration) *jsna.Document {
	c := d.Clone()
	at, err := time.Parse(time.RFC3339, d.Draft.SavedAt)
	if err != nil {
		panic(err)
	}
	c.Draft.SavedAt = at.Add(step).UTC().Format(time.RFC3339)
	editDraft(rng, c)
	return c
}

// editDraft makes one to four random edits to the draft d.
func editDraft(rng *rand.Rand, d *jsna.Document) {
	id := d.Draft.ID
	subset := len(d.Draft.Wards) > 0
	for range 1 + rng.IntN(4) {
		w := &d.Wards[rng.IntN(len(d.Wards))]
		switch rng.IntN(14) {
		case 0:
			if len(w.Needs) > 0 {
				w.Needs[0].Size = float64(rng.IntN(11))
			}
		case 1:
			if len(w.Values) > 0 {
				w.Values[rng.IntN(len(w.Values))].Note = fmt.Sprintf("note %d", rng.IntN(3))
			}
		case 2:
			if len(w.Values) > 0 {
				// Suppressed: the numbers go, the note says why.
				v := &w.Values[rng.IntN(len(w.Values))]
				v.Count, v.Value, v.Lower, v.Upper, v.Lower998, v.Upper998 = nil, nil, nil, nil, nil, nil
				v.Note = "suppressed"
			}
		case 3:
			if len(w.Sections) > 0 {
				w.Sections[0].Text += fmt.Sprintf("\nline from %s", id)
			}
		case 4:
			if len(w.Sections) > 0 {
				w.Sections[0].Text = fmt.Sprintf("first line from %s\n", id) + w.Sections[0].Text
			}
		case 5:
			if len(w.Sections) > 1 {
				w.Sections[1].Text = fmt.Sprintf("rewritten by %d", rng.IntN(2))
			}
		case 6:
			if len(w.Assets) > 1 {
				w.Assets = w.Assets[1:]
			}
		case 7:
			if len(w.Assets) > 0 {
				w.Assets[0].Name = fmt.Sprintf("renamed %d", rng.IntN(2))
			}
		case 8:
			vid := fmt.Sprintf("new%d", rng.IntN(3))
			if _, dup := firstVoice(w.Voice, vid); !dup {
				w.Voice = append(w.Voice, jsna.Voice{ID: vid, Text: fmt.Sprintf("said %d", rng.IntN(2))})
			}
		case 9:
			if len(w.Needs) > 1 {
				w.Needs = w.Needs[1:]
			}
		case 10:
			d.Title = fmt.Sprintf("Title %d", rng.IntN(2))
		case 11:
			d.Indicators[rng.IntN(len(d.Indicators))].Period = fmt.Sprintf("202%d", rng.IntN(2))
		case 12:
			w.Extra = jsna.Extra{"local_note": []byte(fmt.Sprintf(`{"by":%q,"n":%d}`, id, rng.IntN(2)))}
		case 13:
			code := fmt.Sprintf("E0599999%d", rng.IntN(2))
			switch {
			case !subset && len(d.Wards) > 1 && rng.IntN(2) == 0:
				d.Wards = d.Wards[1:] // a full draft may delete a ward
			case !hasWard(d, code):
				d.Wards = append(d.Wards, jsna.Ward{Code: code, Name: fmt.Sprintf("New ward %d", rng.IntN(2))})
				if subset {
					d.Draft.Wards = append(d.Draft.Wards, code)
				}
			}
		}
	}
}

func hasWard(d *jsna.Document, code string) bool {
	for _, w := range d.Wards {
		if w.Code == code {
			return true
		}
	}
	return false
}

// TestMergeProperties drives Merge with thousands of random cases and
// checks its guarantees: the output bytes do not depend on the drafts'
// order; merging the same drafts again, or a draft twice in one batch,
// changes nothing; merging in one batch equals merging one by one when
// nothing conflicts; and every value any draft wrote is in the master, in a
// conflict or in a tombstone (for a draft saved several times, what its
// latest save wrote since the save merged before).
func TestMergeProperties(t *testing.T) {
	cases := 3000
	if testing.Short() {
		cases = 200
	}
	var st mergeStats
	for c := range cases {
		rng := rand.New(rand.NewPCG(uint64(c), 7))
		mc := randomCase(rng)
		checkMergeProperties(t, fmt.Sprintf("case %d", c), rng, mc, &st)
	}
	if st.oneByOne < cases/10 {
		t.Errorf("only %d of %d cases compared one-by-one with batch merging", st.oneByOne, cases)
	}
	if st.continued < cases/20 || st.superseded < cases/20 {
		t.Errorf("only %d of %d cases merged a later save against an earlier one, %d superseded a save", st.continued, cases, st.superseded)
	}
}

// mergeStats counts what the property checks saw.
type mergeStats struct {
	oneByOne   int // cases compared one by one with the batch
	continued  int // cases with a later save merged against its earlier save
	superseded int // cases where a save was superseded
}

// checkMergeProperties checks Merge's guarantees on one case.
func checkMergeProperties(tb testing.TB, name string, rng *rand.Rand, mc mergeCase, st *mergeStats) {
	tb.Helper()
	if st == nil {
		st = &mergeStats{}
	}
	m, ds := mc.master, mc.drafts
	out, rep, err := Merge(m, ds, Options{Now: mergeNow})
	if err != nil {
		tb.Fatalf("%s: Merge = %v", name, err)
	}
	if err := out.Validate(); err != nil {
		tb.Fatalf("%s: merged master invalid: %v", name, err)
	}
	for _, d := range rep.Drafts {
		if d.Previous != "" {
			st.continued++
			break
		}
	}
	if len(rep.Superseded) > 0 {
		st.superseded++
	}
	want := mustBytes(tb, out)
	// Order.
	perm := append([]*jsna.Document(nil), ds...)
	rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	if out2, _, err := Merge(m, perm, Options{Now: mergeNow}); err != nil || !bytes.Equal(mustBytes(tb, out2), want) {
		tb.Fatalf("%s: merge depends on the order of drafts (err %v)", name, err)
	}
	// Idempotence: the same drafts again, and a draft twice in a batch.
	if again, _, err := Merge(out, ds, Options{Now: mergeNow}); err != nil || !bytes.Equal(mustBytes(tb, again), want) {
		tb.Fatalf("%s: merging the same drafts twice changed the master (err %v)", name, err)
	}
	if twice, _, err := Merge(m, append(perm, ds[0]), Options{Now: mergeNow}); err != nil || !bytes.Equal(mustBytes(tb, twice), want) {
		tb.Fatalf("%s: a draft given twice in one batch changed the result (err %v)", name, err)
	}
	checkConservation(tb, name, mc, out)
	// One by one equals batch when nothing conflicts, and no two saves of
	// a draft have the same instant (one by one would order them).
	if len(out.Conflicts) == len(m.Conflicts) && !tiedSaves(mc) {
		seq := m
		for _, d := range ds {
			seq, _, err = Merge(seq, []*jsna.Document{d}, Options{Now: mergeNow})
			if err != nil {
				tb.Fatalf("%s: one by one: %v", name, err)
			}
		}
		if len(seq.Conflicts) == len(m.Conflicts) {
			st.oneByOne++
			// Records are compared by key, as merge works: records new
			// in different merges may stand in another order.
			if d := Diff(seq, out); len(d) > 0 {
				tb.Fatalf("%s: one by one differs from batch: %+v", name, d)
			}
		}
	}
}

// TestMergeSuccessiveSaves checks, over random drafts saved two to five
// times, that merging saves 1..n of one draft one by one gives the content
// of merging save n alone, and of merging them all in one batch, with no
// conflict in any of them: nobody else touched the fields, so the author is
// never in conflict with herself, whatever she changed, changed again or
// changed back from one save to the next.
func TestMergeSuccessiveSaves(t *testing.T) {
	cases := 1000
	if testing.Short() {
		cases = 100
	}
	for c := range cases {
		rng := rand.New(rand.NewPCG(uint64(c), 11))
		m := randomCase(rng).master // with a history one time in three
		saves := []*jsna.Document{randomDraft(rng, m, "x", c)}
		for range 1 + rng.IntN(4) {
			saves = append(saves, continueDraft(rng, saves[len(saves)-1], time.Duration(1+rng.IntN(90))*time.Second))
		}
		name := fmt.Sprintf("case %d (%d saves)", c, len(saves))
		noConflicts := func(how string, out *jsna.Document) {
			t.Helper()
			if len(out.Conflicts) != len(m.Conflicts) {
				t.Fatalf("%s: %s: conflicts %+v, want none", name, how, out.Conflicts[len(m.Conflicts):])
			}
		}
		seq := m
		for i, s := range saves {
			next, rep, err := Merge(seq, []*jsna.Document{s}, Options{Now: mergeNow})
			if err != nil {
				t.Fatalf("%s: save %d: %v", name, i+1, err)
			}
			if want := map[bool]string{true: "", false: draftRevision(saves[max(i-1, 0)])}[i == 0]; rep.Drafts[0].Previous != want {
				t.Fatalf("%s: save %d merged against %q, want %q", name, i+1, rep.Drafts[0].Previous, want)
			}
			noConflicts(fmt.Sprintf("save %d", i+1), next)
			seq = next
		}
		last, _, err := Merge(m, saves[len(saves)-1:], Options{Now: mergeNow})
		if err != nil {
			t.Fatalf("%s: the last save alone: %v", name, err)
		}
		noConflicts("the last save alone", last)
		if d := Diff(seq, last); len(d) > 0 {
			t.Fatalf("%s: saves one by one differ from the last save alone: %+v", name, d)
		}
		perm := append([]*jsna.Document(nil), saves...)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		batch, rep, err := Merge(m, perm, Options{Now: mergeNow})
		if err != nil {
			t.Fatalf("%s: in one batch: %v", name, err)
		}
		noConflicts("in one batch", batch)
		if d := Diff(batch, last); len(d) > 0 || len(rep.Superseded) != len(saves)-1 {
			t.Fatalf("%s: one batch differs from the last save alone: %+v (superseded %d, want %d)", name, d, len(rep.Superseded), len(saves)-1)
		}
	}
}

// checkConservation fails unless every value a draft changed from its base
// is in the merged master, among a conflict's candidates (or under a
// conflicted record) or in a tombstone.
func checkConservation(tb testing.TB, name string, mc mergeCase, out *jsna.Document) {
	tb.Helper()
	fo := flatten(out)
	inConflict := map[string]bool{}
	versions := map[string]map[string]bool{} // record conflicts: path → whole-record candidates
	for _, cf := range out.Conflicts {
		for _, cand := range cf.Candidates {
			inConflict[cf.Path+"\x00"+cand.Value] = true
			if strings.HasSuffix(cf.Path, "]") || !strings.Contains(cf.Path, "[") {
				if versions[cf.Path] == nil {
					versions[cf.Path] = map[string]bool{}
				}
				versions[cf.Path][cand.Value] = true
			}
		}
		inConflict[cf.Path] = true
	}
	// inVersion reports whether p is in a record conflict that offers d's
	// version of the record.
	inVersion := func(d *jsna.Document, p string) bool {
		for _, rp := range append(recordsAbove(p), p) {
			if vs := versions[rp]; vs != nil && vs[recordVersion(d, rp)] {
				return true
			}
		}
		return false
	}
	tomb := map[string]bool{}
	for _, ts := range out.Tombstones {
		for _, f := range ts.Fields {
			tomb[f.Path] = true
		}
	}
	// Only the latest saves of each draft (all those of its latest
	// instant) speak for it: what an earlier save wrote and a later one
	// changed, the author changed herself. The latest is compared with
	// what she had when she last sent: the save merged before (mc.earlier)
	// on its base, where there is one.
	latest := map[string]string{} // draft id → saved_at of its latest saves
	for _, d := range mc.drafts {
		if at, ok := latest[d.Draft.ID]; d.Draft.ID != "" && (!ok || compareSaved(at, d.Draft.SavedAt) < 0) {
			latest[d.Draft.ID] = d.Draft.SavedAt
		}
	}
	for i, d := range mc.drafts {
		if at, ok := latest[d.Draft.ID]; ok && compareSaved(d.Draft.SavedAt, at) < 0 {
			continue
		}
		base := mc.bases[i]
		if base == nil {
			base = mc.master
		}
		fb, fd := flatten(base), flatten(d)
		inDraft := draftScope(d)
		if e, ok := mc.earlier[d.Draft.ID]; ok {
			var older bool
			if fb, older = continuedView(fb, d, e[0], e[1]); older {
				continue // older than the save merged before
			}
		}
		for p := range unionKeys(fb.values, fd.values) {
			v := fd.values[p]
			if v == fb.values[p] || !inDraft(p) {
				continue
			}
			switch {
			case fo.values[p] == v:
			case inConflict[p+"\x00"+v]:
			case inVersion(d, p):
			case v == "" && tomb[p]:
			case mergedText(fo.values[p], fb.values[p], v):
			default:
				tb.Fatalf("%s: draft %s wrote %s = %s, which is neither in the master (%s), a conflict nor a tombstone", name, d.Draft.ID, p, v, fo.values[p])
			}
		}
	}
}

// continuedView is what the author of d had when she sent prev, an
// earlier save of d's draft cut from prevBase and merged before: fb (the
// flat form of d's base) with prev's changes from prevBase on top; fb
// itself where d is not known to be later than prev (the same instant);
// older when d was saved before prev.
func continuedView(fb flat, d, prev, prevBase *jsna.Document) (view flat, older bool) {
	switch compareSaved(d.Draft.SavedAt, prev.Draft.SavedAt) {
	case -1:
		return fb, true
	case 0:
		return fb, false
	}
	fp, fpb := flatten(prev), flatten(prevBase)
	inPrev := draftScope(prev)
	had := maps.Clone(fb.values)
	for p := range unionKeys(fp.values, fpb.values) {
		switch v := fp.values[p]; {
		case !inPrev(p) || v == fpb.values[p]:
		case v == "":
			delete(had, p)
		default:
			had[p] = v
		}
	}
	return flat{values: had}, false
}

// tiedSaves reports whether two saves of one draft in mc (in drafts, or
// one there and the one merged before) have the same saved_at instant.
func tiedSaves(mc mergeCase) bool {
	for i, d := range mc.drafts {
		if e, ok := mc.earlier[d.Draft.ID]; ok && compareSaved(d.Draft.SavedAt, e[0].Draft.SavedAt) == 0 {
			return true
		}
		for _, o := range mc.drafts[:i] {
			if o.Draft.ID == d.Draft.ID && d.Draft.ID != "" && compareSaved(o.Draft.SavedAt, d.Draft.SavedAt) == 0 {
				return true
			}
		}
	}
	return false
}

// draftRevision is the revision Merge gives a draft: the hash of its whole
// canonical encoding, draft block included.
func draftRevision(d *jsna.Document) string {
	h := sha256.Sum256(jsna.Canonical(d))
	return "sha256:" + hex.EncodeToString(h[:])
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

// FuzzMerge merges random cases chosen by the fuzzer's seed and checks the
// guarantees, then resolves every conflict.
func FuzzMerge(f *testing.F) {
	f.Add(uint64(1), uint8(2))
	f.Add(uint64(42), uint8(4))
	f.Add(uint64(7), uint8(1))
	f.Fuzz(func(t *testing.T, seed uint64, n uint8) {
		rng := rand.New(rand.NewPCG(seed, uint64(n)))
		mc := randomCase(rng)
		checkMergeProperties(t, "fuzz", rng, mc, nil)
		out, _, _ := Merge(mc.master, mc.drafts, Options{Now: mergeNow})
		resolveAll(t, out, int(n))
	})
}

// resolveAll resolves every open conflict of m, candidate by candidate as
// pick chooses, checking each resolution is recorded and leaves a valid
// master.
func resolveAll(tb testing.TB, m *jsna.Document, pick int) {
	tb.Helper()
	for len(m.Conflicts) > 0 {
		c := m.Conflicts[0]
		r, err := Resolve(m, c.ID, Resolution{Take: 1 + pick%len(c.Candidates), By: "fuzz", At: mergeNow})
		if err != nil {
			// A candidate may not fit on its own (a record without its
			// fields): the coordinator writes a value instead.
			r, err = Resolve(m, c.ID, Resolution{Delete: true, By: "fuzz", At: mergeNow})
			if err != nil {
				return
			}
		}
		if len(r.Conflicts) != len(m.Conflicts)-1 || len(r.Resolutions) != len(m.Resolutions)+1 || r.Resolutions[len(r.Resolutions)-1].Conflict != c.ID {
			tb.Fatalf("Resolve(%s): %d conflicts, %d resolutions after, want %d and %d", c.ID, len(r.Conflicts), len(r.Resolutions), len(m.Conflicts)-1, len(m.Resolutions)+1)
		}
		if err := r.Validate(); err != nil {
			tb.Fatalf("Resolve(%s) made an invalid master: %v", c.ID, err)
		}
		m = r
	}
}

// fuzzMaster is the master FuzzMergeDraft merges arbitrary drafts into.
var fuzzMaster = example.New(example.Options{Wards: 2, Indicators: 3, Seed: 3})

// FuzzMergeDraft merges arbitrary documents, as a draft file may hold
// anything, into a master with a second, well-formed draft: Merge refuses
// what is not a valid draft with an error and otherwise keeps its
// guarantees.
func FuzzMergeDraft(f *testing.F) {
	good := newDraft(f, fuzzMaster, "a", "Dr A", jsna.RoleGP)
	good.Wards[0].Needs[0].Size = 9
	f.Add(mustBytes(f, good))
	sub := newDraft(f, fuzzMaster, "b", "Cllr B", jsna.RoleCouncillor, fuzzMaster.Wards[1].Code)
	sub.Wards[0].Sections[0].Text += "\nB's line"
	sub.Wards[0].Voice = append(sub.Wards[0].Voice, jsna.Voice{ID: "vb", Text: "said"})
	f.Add(mustBytes(f, sub))
	unknown := newDraft(f, fuzzMaster, "u", "U", jsna.RoleAnalyst)
	unknown.Draft.Base = "sha256:" + strings.Repeat("ab", 32)
	unknown.Wards = unknown.Wards[1:]
	f.Add(mustBytes(f, unknown))
	f.Add([]byte(`{"format":"jsna/1","id":"other","title":"T","draft":{"author":"x","role":"gp","id":"a"}}`))
	f.Add([]byte(`{"draft":{"author":"x","role":"gp","wards":["E05000001"]},"wards":[{"code":"E05000001","name":"n","needs":[{"id":"n1","title":"t","size":11}]}]}`))
	other := newDraft(f, fuzzMaster, "z", "Dr Z", jsna.RoleGP)
	other.Wards[0].Needs[0].Size = 2
	other.Wards[1].Sections[0].Text = "Z rewrote it."
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := jsna.Decode(data)
		if err != nil {
			return
		}
		out, _, err := Merge(fuzzMaster, []*jsna.Document{d, other}, Options{Now: mergeNow})
		if err != nil {
			if d.Draft != nil && d.Validate() == nil && d.ID == fuzzMaster.ID {
				t.Fatalf("Merge refused a valid draft: %v", err)
			}
			return
		}
		if err := out.Validate(); err != nil {
			t.Fatalf("merged master invalid: %v", err)
		}
		mc := mergeCase{master: fuzzMaster, drafts: []*jsna.Document{d, other}, bases: []*jsna.Document{fuzzMaster, fuzzMaster}}
		if d.Draft.Base != jsna.Revision(fuzzMaster) {
			mc.bases[0] = nil
		}
		rng := rand.New(rand.NewPCG(uint64(len(data)), 1))
		checkMergeProperties(t, "fuzz", rng, mc, nil)
		resolveAll(t, out, len(data))
	})
}

// FuzzResolve resolves the conflicts of a random merge with arbitrary
// choices and values: no panic; an error, or a valid master with the
// conflict closed and the resolution recorded.
func FuzzResolve(f *testing.F) {
	f.Add(uint64(3), 1, "", false)
	f.Add(uint64(5), 0, "7", false)
	f.Add(uint64(8), 0, `{"x":[1,{"y":null}]}`, false)
	f.Add(uint64(13), 0, "plain words", false)
	f.Add(uint64(21), 0, "", true)
	f.Add(uint64(34), 9, "", false)
	f.Fuzz(func(t *testing.T, seed uint64, take int, value string, del bool) {
		rng := rand.New(rand.NewPCG(seed, 5))
		mc := randomCase(rng)
		m, _, err := Merge(mc.master, mc.drafts, Options{Now: mergeNow})
		if err != nil {
			t.Fatal(err)
		}
		if len(m.Conflicts) == 0 {
			return
		}
		c := m.Conflicts[rng.IntN(len(m.Conflicts))]
		before := mustBytes(t, m)
		r, err := Resolve(m, c.ID, Resolution{Take: take, Value: value, Delete: del, By: "fuzz", At: mergeNow})
		if !bytes.Equal(mustBytes(t, m), before) {
			t.Fatal("Resolve changed its input master")
		}
		if err != nil {
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("Resolve made an invalid master: %v", err)
		}
		if len(r.Conflicts) != len(m.Conflicts)-1 {
			t.Fatalf("Resolve left %d conflicts, want %d", len(r.Conflicts), len(m.Conflicts)-1)
		}
		last := r.Resolutions[len(r.Resolutions)-1]
		if last.Conflict != c.ID || last.By != "fuzz" || len(last.Over) != len(c.Candidates) {
			t.Fatalf("resolution recorded as %+v", last)
		}
		if _, err := jsna.Decode(mustBytes(t, r)); err != nil {
			t.Fatalf("resolved master does not decode: %v", err)
		}
	})
}

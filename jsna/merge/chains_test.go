package merge

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// chainMaster is a small example master for the chain tests.
func chainMaster() *jsna.Document {
	return example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
}

// stamp saves d as the app does, at the given time.
func stamp(d *jsna.Document, at time.Time) *jsna.Document {
	jsna.StampSave(d, at)
	return d
}

// TestMergeSkewedClock is the reproduction of issue 12's fourth point: a
// surgery PC whose date was a year ahead stamped a save 2027 and it was
// merged; the next genuine save (stamped 2026, continuing it) used to be
// dropped as superseded, with no conflict and exit 0. Ordered by their
// chain, it is merged and its value is in the master.
func TestMergeSkewedClock(t *testing.T) {
	m := chainMaster()
	d, err := NewDraft(m, DraftOptions{ID: "gp-a", Author: "Dr A", Role: jsna.RoleGP, Now: mergeNow})
	if err != nil {
		t.Fatal(err)
	}
	d.Wards[0].Needs[0].Size = 9
	wrong := stamp(d.Clone(), time.Date(2027, 11, 22, 10, 0, 0, 0, time.UTC))
	m1, _, err := Merge(m, []*jsna.Document{wrong}, Options{Now: mergeNow})
	if err != nil {
		t.Fatal(err)
	}
	next := wrong.Clone()
	next.Wards[0].Needs[0].Size = 3
	next.Wards[0].Sections[0].Text = "Written after the clock was put right."
	right := stamp(next, time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC))
	out, rep, err := Merge(m1, []*jsna.Document{right}, Options{Now: mergeNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Superseded) != 0 || len(rep.Drafts) != 1 || rep.Drafts[0].Previous != draftRevision(wrong) {
		t.Fatalf("Merge(the later save) report = %+v, want it merged against the 2027 save", rep)
	}
	w := out.Wards[0]
	if w.Needs[0].Size != 3 || w.Sections[0].Text != "Written after the clock was put right." || len(out.Conflicts) != 0 {
		t.Errorf("after the later save: size %v, text %q, %d conflicts; want 3, its text, none", w.Needs[0].Size, w.Sections[0].Text, len(out.Conflicts))
	}
	// Given in one batch, the 2027 save is the one superseded, by the
	// save that continues it, though its clock says it is later.
	batch, rep, err := Merge(m, []*jsna.Document{right, wrong}, Options{Now: mergeNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Superseded) != 1 || rep.Superseded[0].Save != wrong.Draft.Save || rep.Superseded[0].By != draftRevision(right) || batch.Wards[0].Needs[0].Size != 3 {
		t.Errorf("one batch: superseded %+v, size %v; want the 2027 save superseded by the later one, size 3", rep.Superseded, batch.Wards[0].Needs[0].Size)
	}
}

// TestMergeSharedDraftID: two files that share a draft id but not a chain
// (two people who typed the same id, or a copied file) are concurrent:
// both are merged, and where they differ the coordinator sees a conflict.
func TestMergeSharedDraftID(t *testing.T) {
	m := chainMaster()
	cut := func(author string, at time.Time) *jsna.Document {
		d, err := NewDraft(m, DraftOptions{ID: "ward-1", Author: author, Role: jsna.RoleCouncillor, Now: at})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	a := cut("Cllr A", mergeNow)
	a.Wards[0].Needs[0].Size = 8
	a.Wards[0].Assets[0].Name = "Library (A)"
	b := cut("Cllr B", mergeNow.Add(time.Hour))
	b.Wards[0].Needs[0].Size = 2
	stamp(a, mergeNow.Add(2*time.Hour)) // the later clock
	stamp(b, mergeNow.Add(time.Hour))
	out, rep, err := Merge(m, []*jsna.Document{a, b}, Options{Now: mergeNow})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Superseded) != 0 || len(rep.Drafts) != 2 {
		t.Fatalf("report %+v, want both saves merged, none superseded", rep)
	}
	want := "wards[" + m.Wards[0].Code + "].needs[" + m.Wards[0].Needs[0].ID + "].size"
	if len(out.Conflicts) != 1 || out.Conflicts[0].Path != want || len(out.Conflicts[0].Candidates) != 2 {
		t.Fatalf("conflicts %+v, want one on the need's size with both values", out.Conflicts)
	}
	if out.Wards[0].Assets[0].Name != "Library (A)" {
		t.Errorf("asset name %q, want Cllr A's change taken", out.Wards[0].Assets[0].Name)
	}
}

// TestMergeChainNotes: a save naming a save of another draft as its
// parent is reported and not followed.
func TestMergeChainNotes(t *testing.T) {
	m := chainMaster()
	x, _ := NewDraft(m, DraftOptions{ID: "x", Author: "X", Role: jsna.RoleGP, Now: mergeNow})
	x.Wards[0].Needs[0].Size = 7
	stamp(x, mergeNow)
	y, _ := NewDraft(m, DraftOptions{ID: "y", Author: "Y", Role: jsna.RoleGP, Now: mergeNow})
	y.Wards[0].Needs[0].Size = 7
	y.Draft.Parent = x.Draft.Save // claims to continue x's save
	stamp(y, mergeNow)
	_, rep, err := Merge(m, []*jsna.Document{x, y}, Options{Now: mergeNow})
	if err != nil {
		t.Fatal(err)
	}
	want := []ChainNote{{Draft: "y", Save: y.Draft.Save, Kind: ChainOtherDraft, Other: x.Draft.Save}}
	if !slices.Equal(rep.Chain, want) || len(rep.Superseded) != 0 {
		t.Errorf("Merge chain notes = %+v, superseded %+v; want %+v and none", rep.Chain, rep.Superseded, want)
	}
}

// chainCase is a random master and saves of drafts with save ids, their
// clocks skewed at random (a year ahead, days behind, equal), some saves
// continuing an earlier save rather than the latest (a fork), some files
// sharing a draft id without sharing a chain. first are merged before the
// rest.
type chainCase struct {
	master      *jsna.Document
	first, rest []*jsna.Document
	parentOf    map[string]*jsna.Document // save id → the save it continues
	base        *jsna.Document
}

func randomChainCase(rng *rand.Rand) chainCase {
	m := randomCase(rng).master
	c := chainCase{master: m, parentOf: map[string]*jsna.Document{}, base: m}
	clock := func(prev time.Time) time.Time {
		switch rng.IntN(5) {
		case 0:
			return mergeNow.AddDate(1, 0, 0) // a PC a year ahead
		case 1:
			return mergeNow.AddDate(0, 0, -3) // days behind
		case 2:
			return prev // the same instant
		}
		return prev.Add(time.Duration(1+rng.IntN(600)) * time.Second)
	}
	var all []*jsna.Document
	for k := range 1 + rng.IntN(3) {
		id := fmt.Sprintf("d%d", k)
		if k > 0 && rng.IntN(4) == 0 {
			id = "d0" // another file with the same draft id
		}
		d := randomDraft(rng, m, id, k)
		at := mergeNow
		chain := []*jsna.Document{stamp(d, at)}
		for range rng.IntN(4) {
			from := chain[len(chain)-1]
			if len(chain) > 1 && rng.IntN(4) == 0 {
				from = chain[rng.IntN(len(chain)-1)] // a fork
			}
			next := from.Clone()
			editDraft(rng, next)
			at = clock(at)
			stamp(next, at)
			c.parentOf[next.Draft.Save] = from
			chain = append(chain, next)
		}
		all = append(all, chain...)
	}
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	n := rng.IntN(len(all))
	c.first, c.rest = all[:n], all[n:]
	return c
}

// continuedBy reports whether save s is continued by another of saves.
func (c chainCase) continuedBy(s *jsna.Document, saves []*jsna.Document) bool {
	for _, o := range saves {
		for p := c.parentOf[o.Draft.Save]; p != nil; p = c.parentOf[p.Draft.Save] {
			if p.Draft.Save == s.Draft.Save {
				return true
			}
		}
	}
	return false
}

// TestMergeChainProperties merges random saves with skewed clocks and
// shared draft ids, in two batches, and checks that no value any save
// wrote is lost: for every save no other save continues, what it changed
// from the latest save of its chain merged in the first batch (or from
// its base) is in the master, in a conflict or in a tombstone. A save is
// reported superseded only when a save given continues it, and the result
// does not depend on the order of the saves or on merging them again.
func TestMergeChainProperties(t *testing.T) {
	cases := 800
	if testing.Short() {
		cases = 100
	}
	superseded := 0
	for k := range cases {
		rng := rand.New(rand.NewPCG(uint64(k), 12))
		c := randomChainCase(rng)
		name := fmt.Sprintf("case %d", k)
		m1, _, err := Merge(c.master, c.first, Options{Now: mergeNow})
		if err != nil {
			t.Fatalf("%s: first batch: %v", name, err)
		}
		out, rep, err := Merge(m1, c.rest, Options{Now: mergeNow})
		if err != nil {
			t.Fatalf("%s: second batch: %v", name, err)
		}
		all := append(append([]*jsna.Document(nil), c.first...), c.rest...)
		for _, s := range rep.Superseded {
			superseded++
			var save *jsna.Document
			for _, d := range all {
				if d.Draft.Save == s.Save {
					save = d
				}
			}
			if save == nil || !c.continuedBy(save, all) {
				t.Fatalf("%s: save %s reported superseded, but no save given continues it", name, s.Save)
			}
		}
		perm := slices.Clone(c.rest)
		rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		want := mustBytes(t, out)
		if o2, _, err := Merge(m1, perm, Options{Now: mergeNow}); err != nil || !bytes.Equal(mustBytes(t, o2), want) {
			t.Fatalf("%s: the merge depends on the order of the saves (err %v)", name, err)
		}
		if o3, _, err := Merge(out, all, Options{Now: mergeNow}); err != nil || !bytes.Equal(mustBytes(t, o3), want) {
			t.Fatalf("%s: merging the saves again changed the master (err %v)", name, err)
		}
		mc := mergeCase{master: m1, earlier: map[string][2]*jsna.Document{}}
		for _, d := range c.rest {
			if c.continuedBy(d, all) {
				continue
			}
			mc.drafts = append(mc.drafts, d)
			mc.bases = append(mc.bases, c.base)
		}
		checkChainConservation(t, name, c, mc, out)
	}
	if superseded < cases/10 {
		t.Errorf("only %d saves superseded in %d cases", superseded, cases)
	}
}

// checkChainConservation is checkConservation for saves ordered by their
// chain: each save in mc.drafts is compared with the latest save of its
// chain merged in the first batch, where there is exactly one.
func checkChainConservation(tb testing.TB, name string, c chainCase, mc mergeCase, out *jsna.Document) {
	tb.Helper()
	for i, d := range mc.drafts {
		var prevs []*jsna.Document
		for _, f := range c.first {
			if c.continuedBy(f, []*jsna.Document{d}) && !c.continuedBy(f, c.first) {
				prevs = append(prevs, f)
			}
		}
		one := mergeCase{master: mc.master, drafts: []*jsna.Document{d}, bases: []*jsna.Document{mc.bases[i]}, earlier: map[string][2]*jsna.Document{}}
		if len(prevs) == 1 {
			one.earlier[d.Draft.ID] = [2]*jsna.Document{chainClock(prevs[0], d), c.base}
		}
		checkConservation(tb, name, one, out)
	}
}

// chainClock is prev with a saved_at before d's, so that checkConservation
// (which orders by the clock) takes d for the later save, as its chain says.
func chainClock(prev, d *jsna.Document) *jsna.Document {
	p := prev.Clone()
	at, _ := time.Parse(time.RFC3339, d.Draft.SavedAt)
	p.Draft.SavedAt = at.Add(-time.Hour).UTC().Format(time.RFC3339)
	return p
}

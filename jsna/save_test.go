package jsna

import (
	"strings"
	"testing"
	"time"
)

func TestStampSave(t *testing.T) {
	d := loadSmall(t)
	d.Draft = &Draft{ID: "gp-a", Author: "Dr A", Role: RoleGP}
	at := time.Date(2026, 11, 22, 10, 0, 0, 123e6, time.FixedZone("BST", 3600))
	StampSave(d, at)
	first := d.Draft.Save
	if d.Draft.SavedAt != "2026-11-22T09:00:00.123Z" || d.Draft.Parent != "" || len(d.Draft.Ancestors) != 0 {
		t.Fatalf("first StampSave: saved_at %q, parent %q, ancestors %v", d.Draft.SavedAt, d.Draft.Parent, d.Draft.Ancestors)
	}
	if !strings.HasPrefix(first, "save:") || len(first) != 69 || SaveID(d) != first {
		t.Fatalf("first StampSave: save %q, SaveID %q", first, SaveID(d))
	}
	// A hub's sender label is not part of the save.
	d.Draft.Sender = "Dr A (token)"
	if SaveID(d) != first {
		t.Errorf("SaveID changed with the sender: %s, want %s", SaveID(d), first)
	}
	d.Draft.Sender = ""
	// The same content saved again is another save: it continues the first.
	StampSave(d, at)
	second := d.Draft.Save
	if second == first || d.Draft.Parent != first || len(d.Draft.Ancestors) != 0 {
		t.Fatalf("second StampSave: save %q parent %q ancestors %v (first %q)", second, d.Draft.Parent, d.Draft.Ancestors, first)
	}
	StampSave(d, at.Add(time.Second))
	if d.Draft.Parent != second || len(d.Draft.Ancestors) != 1 || d.Draft.Ancestors[0] != first {
		t.Fatalf("third StampSave: parent %q ancestors %v", d.Draft.Parent, d.Draft.Ancestors)
	}
	if err := d.Validate(); err != nil {
		t.Fatalf("stamped draft does not validate: %v", err)
	}
	for range MaxAncestors + 10 {
		StampSave(d, at)
	}
	if len(d.Draft.Ancestors) != MaxAncestors {
		t.Errorf("after %d saves, %d ancestors, want %d", MaxAncestors+13, len(d.Draft.Ancestors), MaxAncestors)
	}
	d.Draft.Parent = "sha256:00"
	d.Draft.Ancestors = append(d.Draft.Ancestors[:1], "x")
	err := d.Validate()
	for _, want := range []string{`draft.parent: "sha256:00" is not a save id (save: and 64 hex digits)`, `draft.ancestors[1]: "x" is not a save id`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want %s", err, want)
		}
	}
	var none Document
	StampSave(&none, at)
	if none.Draft != nil || SaveID(&none) != "" {
		t.Errorf("StampSave of a document with no draft block changed it")
	}
}

// TestSaveRevisionSealed checks that a sealed draft's SaveRevision and
// SaveID, memoised, are the hashes of its whole canonical encoding for its
// draft block as it is: a draft block changed without Edited (StampSave,
// a hub's sender) is hashed anew, and a struct copy is never given the
// original's memo.
func TestSaveRevisionSealed(t *testing.T) {
	d := loadSmall(t)
	d.Draft = &Draft{ID: "gp-a", Author: "Dr A", Role: RoleGP}
	fresh := func() (rev, id string) {
		c := *d // not the seal's owner: hashed from its content
		return SaveRevision(&c), SaveID(&c)
	}
	Seal(d)
	for step, change := range []func(){
		func() {},
		func() { StampSave(d, time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)) },
		func() { d.Draft.Sender = "Dr A (token)" },
		func() { StampSave(d, time.Date(2026, 11, 22, 11, 0, 0, 0, time.UTC)) },
	} {
		change()
		rev, id := fresh()
		if got := SaveRevision(d); got != rev || !strings.HasPrefix(got, "sha256:") || len(got) != 71 {
			t.Errorf("step %d: SaveRevision %q, want %q", step, got, rev)
		}
		if got := SaveID(d); got != id {
			t.Errorf("step %d: SaveID %q, want %q", step, got, id)
		}
	}
	before := SaveRevision(d)
	c := *d
	c.Title += " (edited)"
	if SaveRevision(&c) == before {
		t.Error("a struct copy edited after sealing kept the original's save revision")
	}
	if SaveRevision(d) == Revision(d) {
		t.Error("SaveRevision left the draft block out, as Revision does")
	}
}

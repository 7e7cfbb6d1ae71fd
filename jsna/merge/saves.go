package merge

import (
	"fmt"
	"sort"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// Step 1 of Merge: order the saves.

// admit is the first half of step 1: it checks that every document is a
// valid draft of this master (validDraft: what it changes, where that is
// enough), and keeps the saves not merged before (the same draft id and
// content) nor given twice, with their revision (jsna.SaveRevision: a
// sealed draft is encoded for it once) and their wards' sameness with the
// master's. The last save of each draft merged before is noted for the
// steps after.
func (m *merger) admit(drafts []*jsna.Document) ([]draftSave, error) {
	merged := map[string]bool{} // draft id and revision of every save merged before
	for _, md := range m.master.Merged {
		merged[md.Draft+"\x00"+md.Revision] = true
	}
	var all []draftSave
	seen := map[string]bool{}
	for i, d := range drafts {
		if d.Draft == nil {
			return nil, fmt.Errorf("jsna: merge: document %d is not a draft (no draft block)", i+1)
		}
		var same map[string]*wardShare
		if len(d.Draft.Wards) > 0 || jsna.Valid(m.master) {
			same = m.sameAsMaster(d)
		}
		docWide := same != nil && sameDocumentWide(d, m.master)
		if err := m.validDraftWide(d, same, docWide); err != nil {
			return nil, fmt.Errorf("jsna: merge: draft %q: %w", d.Draft.ID, err)
		}
		rev := jsna.SaveRevision(d)
		if merged[d.Draft.ID+"\x00"+rev] || seen[rev] {
			m.rep.Skipped = append(m.rep.Skipped, d.Draft.ID)
			continue
		}
		if d.ID != m.master.ID && d.Draft.Base != m.masterRev && !m.master.InHistory(d.Draft.Base) {
			return nil, fmt.Errorf("jsna: merge: draft %q is a draft of %q, not of this master %q, and its base is not in the master's history", d.Draft.ID, d.ID, m.master.ID)
		}
		seen[rev] = true
		x := draftSave{d: d, rev: rev, same: same, docWide: docWide}
		chainOf(&x)
		all = append(all, x)
	}
	return all, nil
}

// orderSaves is the second half of step 1. It sorts the saves the same
// way whatever order the caller gave them in (by draft id, then the saves
// of each draft oldest first), then decides which saves stand: the saves
// of a chain (saves with a save id, as the app, jsna draft and the hub
// client write them) by their chain (orderChained), older files without
// save ids by their saved_at as before (orderByClock).
func (m *merger) orderSaves(all []draftSave) {
	sort.Slice(all, func(i, j int) bool { return saveBefore(all[i], all[j]) })
	var byClock, chained []draftSave
	for _, x := range all {
		if x.chained {
			chained = append(chained, x)
		} else {
			byClock = append(byClock, x)
		}
	}
	m.orderByClock(byClock)
	m.orderChained(chained)
	sort.Slice(m.saves, func(i, j int) bool { return saveBefore(m.saves[i], m.saves[j]) })
}

// saveBefore is the order the saves are merged in: by draft id, then by
// saved_at (savedBefore). The order decides nothing but the order in
// which texts are merged line by line, and makes it the same whatever
// order the caller gave.
func saveBefore(x, y draftSave) bool {
	a, b := x.d.Draft, y.d.Draft
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	return savedBefore(a.SavedAt, x.rev, b.SavedAt, y.rev)
}

// orderByClock decides which saves without save ids stand, by their
// saved_at, as Merge did before saves had ids: the latest save of each
// draft stands for its earlier ones, which are reported as superseded.
// Saves of the latest instant all stand, since none is known to be later;
// and a save older than one merged before is superseded by that one. A
// save later than the draft's latest merged save is merged against it.
func (m *merger) orderByClock(all []draftSave) {
	last := latestSaves(m.master.Merged)
	for i := 0; i < len(all); {
		j := i + 1
		if id := all[i].d.Draft.ID; id != "" {
			for j < len(all) && all[j].d.Draft.ID == id {
				j++
			}
		}
		first := j - 1 // the first save of the latest instant
		for first > i && compareSaved(all[first-1].d.Draft.SavedAt, all[j-1].d.Draft.SavedAt) == 0 {
			first--
		}
		by := all[first].rev
		id := all[i].d.Draft.ID
		l, merged := last[id]
		if merged && id != "" && compareSaved(all[j-1].d.Draft.SavedAt, l.SavedAt) < 0 {
			by, first = l.Revision, j // even the latest is older than a save merged before
		}
		for _, x := range all[first:j] {
			if merged && id != "" && !l.tied && compareSaved(l.SavedAt, x.d.Draft.SavedAt) < 0 {
				x.prev = &l.MergedDraft
			}
			m.saves = append(m.saves, x)
		}
		for _, x := range all[i:first] {
			m.supersede(x, by)
		}
		i = j
	}
}

// supersede records save x as stood for by the save whose revision is by.
func (m *merger) supersede(x draftSave, by string) {
	m.superseded = append(m.superseded, x)
	m.rep.Superseded = append(m.rep.Superseded, SupersededSave{Draft: x.d.Draft.ID, SavedAt: x.d.Draft.SavedAt, Revision: x.rev, Save: x.id, By: by})
}

// draftSave is a draft given to Merge, with its revision, and where it
// has a save id, its place in its draft's chain.
type draftSave struct {
	d    *jsna.Document
	rev  string
	same map[string]*wardShare // its wards' sameness with the master's (sameAsMaster)
	// docWide: it has the master's document-wide members as they are
	// (sameDocumentWide), asked where same is not nil.
	docWide bool

	chained bool     // it has a save id: ordered by its chain
	id      string   // its save id (jsna.SaveID, whatever the file says)
	direct  []string // the saves it names as continued: parent first, then its ancestors
	// prev is the save merged before that this one is merged against, the
	// latest of its draft that it continues; nil to merge it against its
	// base revision.
	prev *jsna.MergedDraft
}

// parent is the save x continues directly, "" for none.
func (x draftSave) parent() string {
	if len(x.direct) == 0 {
		return ""
	}
	return x.direct[0]
}

// chainOf fills in x's place in its draft's chain from its draft block. A
// file whose save id is not its own (edited after it was saved, by hand or
// by a tool that does not stamp saves) continues the save it claims to be.
func chainOf(x *draftSave) {
	dr := x.d.Draft
	if dr.Save == "" && dr.Parent == "" {
		return
	}
	x.chained, x.id = true, jsna.SaveID(x.d)
	if dr.Save != "" && dr.Save != x.id {
		x.direct = append(x.direct, dr.Save)
	}
	if dr.Parent != "" {
		x.direct = append(x.direct, dr.Parent)
	}
	x.direct = append(x.direct, dr.Ancestors...)
}

// compareSaved compares two saves' saved_at as instants: -1 when at1 is
// earlier, +1 when later, 0 when they are the same instant (however
// written) or both are missing. A save without a readable saved_at comes
// before any with one.
func compareSaved(at1, at2 string) int {
	t1, err1 := time.Parse(time.RFC3339, at1)
	t2, err2 := time.Parse(time.RFC3339, at2)
	switch {
	case err1 != nil && err2 != nil:
		return 0
	case err1 != nil:
		return -1
	case err2 != nil:
		return 1
	}
	return t1.Compare(t2)
}

// savedBefore orders saves of a draft: by saved_at as an instant
// (compareSaved), then as text, then by revision. It is a total order, so
// saves sort the same whatever order they come in; but saves of the same
// instant cannot be told apart in time, and Merge never takes one of them
// for a later save of the other.
func savedBefore(at1, rev1, at2, rev2 string) bool {
	if c := compareSaved(at1, at2); c != 0 {
		return c < 0
	}
	if at1 != at2 {
		return at1 < at2
	}
	return rev1 < rev2
}

// lastSave is the latest merged save of a draft; tied when another merged
// save of it has the same saved_at instant, so that which of them came
// last is not known.
type lastSave struct {
	jsna.MergedDraft
	tied bool
}

// latestSaves returns the latest merged save of each draft id, among the
// saves without save ids (ordered by the clock).
func latestSaves(merged []jsna.MergedDraft) map[string]lastSave {
	last := map[string]lastSave{}
	for _, m := range merged {
		if m.Draft == "" || m.Save != "" {
			continue
		}
		l, ok := last[m.Draft]
		if !ok {
			last[m.Draft] = lastSave{MergedDraft: m}
			continue
		}
		switch c := compareSaved(m.SavedAt, l.SavedAt); {
		case c > 0:
			last[m.Draft] = lastSave{MergedDraft: m}
		case c == 0:
			l.tied = true
			if savedBefore(l.SavedAt, l.Revision, m.SavedAt, m.Revision) {
				l.MergedDraft = m
			}
			last[m.Draft] = l
		}
	}
	return last
}

// laterSave reports whether src is a later save of a draft that has an
// earlier save among c's candidates.
func (m *merger) laterSave(src jsna.Source, c jsna.Conflict) bool {
	for _, cand := range c.Candidates {
		for _, s := range cand.By {
			if m.earlier(s, src) {
				return true
			}
		}
	}
	return false
}

package merge

import (
	"sort"

	"github.com/wardwise/wardwise/jsna"
)

// Saves of one draft ordered by their chain, not by the clock. Each save
// the app, jsna draft or the hub client writes has a save id and names the
// save it continues (and the ones before that: jsna.Draft.Ancestors). A
// save stands unless a later save in its own chain, given now or merged
// before, continues it; then it is superseded and that save stands for it.
// Saves that do not continue one another (a save whose predecessor is
// unknown, two saves that continue the same parent, two files that share a
// draft id) are concurrent: each is merged against the latest save merged
// before that it continues, or its base, and where they differ the
// coordinator sees a conflict. Nothing is dropped and the author's clock
// decides nothing.

// chains knows every save with a save id that a merge can see: the saves
// given now and the saves merged before, and what each continues.
type chains struct {
	draftOf map[string]string            // save id → its draft id
	direct  map[string][]string          // save id → the saves it names as continued
	merged  map[string]*jsna.MergedDraft // save id → its entry in the master's merged list
	anc     map[string]map[string]bool   // save id → every save it continues (cache)
	notes   []ChainNote
}

func newChains(master *jsna.Document, saves []draftSave) *chains {
	c := &chains{draftOf: map[string]string{}, direct: map[string][]string{}, merged: map[string]*jsna.MergedDraft{}, anc: map[string]map[string]bool{}}
	for i := range master.Merged {
		md := &master.Merged[i]
		if md.Save == "" {
			continue
		}
		c.draftOf[md.Save], c.merged[md.Save] = md.Draft, md
		if md.Parent != "" {
			c.direct[md.Save] = []string{md.Parent}
		}
	}
	for _, x := range saves {
		c.draftOf[x.id], c.direct[x.id] = x.d.Draft.ID, x.direct
	}
	return c
}

// ancestors is every save that save id continues, as far as the known
// saves tell: the saves it names and, for each of them that is known, the
// saves that one names. A link to a save of another draft, or back to the
// save itself, is not followed and is noted.
func (c *chains) ancestors(id string) map[string]bool {
	if a, ok := c.anc[id]; ok {
		return a
	}
	a := map[string]bool{}
	c.anc[id] = a // a cycle back to id finds it here, under way
	draft := c.draftOf[id]
	queue := append([]string(nil), c.direct[id]...)
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if a[p] {
			continue
		}
		if d, known := c.draftOf[p]; known && (d != draft || draft == "") {
			c.note(draft, id, ChainOtherDraft, p)
			continue
		}
		if p == id {
			c.note(draft, id, ChainCycle, p)
			continue
		}
		a[p] = true
		queue = append(queue, c.direct[p]...)
	}
	return a
}

func (c *chains) note(draft, save, kind, other string) {
	for _, n := range c.notes {
		if n.Save == save && n.Kind == kind && n.Other == other {
			return
		}
	}
	c.notes = append(c.notes, ChainNote{Draft: draft, Save: save, Kind: kind, Other: other})
}

// continues reports whether save a continues save b.
func (c *chains) continues(a, b string) bool {
	return a != "" && b != "" && a != b && c.ancestors(a)[b]
}

// orderChained decides which saves with save ids stand. A save that a
// later save of its chain continues (given now, or merged before) is
// superseded, and reported with the save that stands for it: one given
// now that stands, else the merged one. A save that stands is merged
// against the latest save merged before that it continues, where the
// master still has that save's changes; otherwise against its base.
func (m *merger) orderChained(saves []draftSave) {
	m.chains = newChains(m.master, saves)
	c := m.chains
	later := map[string][]string{} // save id → revisions of the saves given now that continue it
	for _, x := range saves {
		for _, y := range saves {
			if c.continues(y.id, x.id) {
				later[x.id] = append(later[x.id], y.rev)
			}
		}
	}
	isStanding := map[string]bool{}
	for _, x := range saves {
		if len(later[x.id]) == 0 {
			isStanding[x.rev] = true
		}
	}
	for _, x := range saves {
		by := c.standFor(x, later[x.id], isStanding)
		if by == "" {
			x.prev = c.previous(x.id)
			m.saves = append(m.saves, x)
			continue
		}
		m.supersede(x, by)
	}
	m.rep.Chain = append(m.rep.Chain, c.notes...)
}

// standFor is the revision of the save that stands for x: among the saves
// given now that continue it (revisions later), the first that stands;
// else a save merged before that continues it; "" when none continues x.
func (c *chains) standFor(x draftSave, later []string, isStanding map[string]bool) string {
	sort.Strings(later)
	for _, rev := range later {
		if isStanding[rev] {
			return rev
		}
	}
	var merged []string
	for id, md := range c.merged {
		if c.continues(id, x.id) {
			merged = append(merged, md.Revision)
		}
	}
	sort.Strings(merged)
	if len(merged) > 0 {
		return merged[0]
	}
	if len(later) > 0 {
		return later[0]
	}
	return ""
}

// previous is the save merged before that save id is merged against: of
// the merged saves it continues, the latest (one that no other of them
// continues) that still has its changes; nil when there is none, or more
// than one, which leaves the save merged against its base.
func (c *chains) previous(id string) *jsna.MergedDraft {
	var cands []string
	for p := range c.ancestors(id) {
		if md, ok := c.merged[p]; ok && md.Changes != nil {
			cands = append(cands, p)
		}
	}
	var latest []string
	for _, p := range cands {
		newer := false
		for _, q := range cands {
			newer = newer || c.continues(q, p)
		}
		if !newer {
			latest = append(latest, p)
		}
	}
	if len(latest) != 1 {
		return nil
	}
	return c.merged[latest[0]]
}

// earlier reports whether s is an earlier save of the same draft than t:
// by their chain where both have save ids, by their saved_at where neither
// has; a save with an id and one without are not ordered.
func (m *merger) earlier(s, t jsna.Source) bool {
	if s.Draft != t.Draft || s.Draft == "" {
		return false
	}
	switch {
	case s.Save == "" && t.Save == "":
		return compareSaved(s.SavedAt, t.SavedAt) < 0
	case s.Save != "" && t.Save != "" && m.chains != nil:
		return m.chains.continues(t.Save, s.Save)
	}
	return false
}

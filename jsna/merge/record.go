package merge

import (
	"slices"
	"sort"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// Step 6 of Merge: record provenance, history, tombstones and the merged
// saves.

// record is step 6: the new master, the rebuilt records in scope and the
// master's own everywhere else, with the bookkeeping carried forward and
// this merge's added. Any save merged changes the master's revision (its
// merged list at least), so the old revision goes into the history, with
// what it takes to undo this merge, for drafts still based on it.
func (m *merger) record() *jsna.Document {
	undo := m.undo()
	out := assemble(m.master, m.frag, m.scope)
	out.History = m.master.History
	if len(m.saves)+len(m.superseded) > 0 {
		var drafts []string
		for _, x := range m.saves {
			drafts = append(drafts, x.d.Draft.ID)
		}
		slices.Sort(drafts)
		out.History = append(append([]jsna.HistoryEntry(nil), m.master.History...), jsna.HistoryEntry{Revision: m.masterRev, SavedAt: m.opts.Now.UTC().Format(time.RFC3339), Undo: sortPathValues(undo),
			By: m.opts.By, Drafts: slices.Compact(drafts), Opened: len(m.conflicts)})
	}
	out.Conflicts = mergeConflicts(m.master.Conflicts, m.conflicts, m.earlier)
	out.Tombstones = append(append([]jsna.Tombstone(nil), m.master.Tombstones...), m.tombstones()...)
	out.Merged = m.mergedSaves()
	out.Resolutions = m.master.Resolutions
	for _, p := range sortedKeys(m.prov) {
		if _, still := m.next.values[p]; m.prov[p] != nil && (still || !m.scope.covers(p) || m.cur.shares.under(p)) {
			out.Provenance = append(out.Provenance, jsna.Provenance{Path: p, By: m.prov[p]})
		}
	}
	m.rep.Conflicts = m.conflicts
	for i := range m.rep.Drafts {
		for _, c := range m.conflicts {
			for _, cand := range c.Candidates {
				for _, s := range cand.By {
					if s.Draft == m.rep.Drafts[i].Draft {
						m.rep.Drafts[i].Conflicts++
					}
				}
			}
		}
	}
	return out
}

// undo lists the master's values at the paths this merge changed, and
// keeps the provenance of exactly those paths: the others keep the
// master's provenance.
func (m *merger) undo() []jsna.PathValue {
	var undo []jsna.PathValue
	for p := range m.changed {
		if m.next.values[p] != m.cur.values[p] {
			undo = append(undo, jsna.PathValue{Path: p, Value: m.cur.values[p]})
		} else {
			delete(m.changed, p)
		}
	}
	for p := range m.prov {
		if _, still := m.changed[p]; !still {
			m.prov[p] = nil
		}
	}
	for _, p := range m.master.Provenance {
		if m.prov[p.Path] == nil {
			m.prov[p.Path] = p.By
		}
	}
	return undo
}

// tombstones are the records this merge deleted, each with its last
// fields and who deleted it, so that it can be restored.
func (m *merger) tombstones() []jsna.Tombstone {
	var tombs []jsna.Tombstone
	for _, rp := range sortedKeys(m.deleted) {
		if m.conflictAt[rp] || m.underConflict(rp) || m.next.values[rp] != "" {
			continue
		}
		t := jsna.Tombstone{Path: rp, By: m.deleted[rp]}
		var fields []string
		for _, p := range m.pathsUnder(rp) {
			if _, ok := m.cur.values[p]; ok {
				fields = append(fields, p)
			}
		}
		sort.Strings(fields)
		for _, p := range slices.Compact(fields) {
			t.Fields = append(t.Fields, jsna.PathValue{Path: p, Value: m.cur.values[p]})
		}
		tombs = append(tombs, t)
	}
	return tombs
}

// mergedSaves is the master's list of merged saves with this merge's
// added. Only the latest merged saves of a draft keep their changes: a
// save merged before loses them when a save merged now continues it (by
// its chain, or for saves without save ids, by its saved_at).
func (m *merger) mergedSaves() []jsna.MergedDraft {
	newest := map[string]string{} // draft id → saved_at of its saves without ids merged now
	for _, x := range m.saves {
		if x.d.Draft.ID != "" && !x.chained {
			newest[x.d.Draft.ID] = x.d.Draft.SavedAt
		}
	}
	out := make([]jsna.MergedDraft, 0, len(m.master.Merged)+len(m.saves)+len(m.superseded))
	for _, md := range m.master.Merged {
		if at, ok := newest[md.Draft]; ok && md.Save == "" && compareSaved(md.SavedAt, at) < 0 {
			md.Changes = nil
		}
		if md.Save != "" && m.continuedNow(md.Save) {
			md.Changes = nil
		}
		out = append(out, md)
	}
	for _, x := range m.saves {
		out = append(out, jsna.MergedDraft{Draft: x.d.Draft.ID, Revision: x.rev, SavedAt: x.d.Draft.SavedAt, Save: x.id, Parent: x.parent(), Changes: m.changes[x.rev]})
	}
	for _, x := range m.superseded {
		out = append(out, jsna.MergedDraft{Draft: x.d.Draft.ID, Revision: x.rev, SavedAt: x.d.Draft.SavedAt, Save: x.id, Parent: x.parent()})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Draft != out[j].Draft {
			return out[i].Draft < out[j].Draft
		}
		return out[i].Revision < out[j].Revision
	})
	return out
}

// continuedNow reports whether a save merged now continues save id.
func (m *merger) continuedNow(id string) bool {
	for _, x := range m.saves {
		if x.chained && m.chains.continues(x.id, id) {
			return true
		}
	}
	return false
}

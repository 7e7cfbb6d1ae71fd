package merge

import (
	"maps"
	"sort"
	"strings"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

// Step 4 of Merge: decide, path by path, to take a change, merge a text
// line by line, or open a conflict.

// decide is step 4. It starts the new content from the master's, then
// makes the conflicts on whole records (a record deleted and edited, or
// deleted without seeing its content, or edited after the master deleted
// it), and decides every other changed path: take it, merge its text line
// by line, or open a conflict.
func (m *merger) decide() {
	// Cloned whole (the map's table copied, not its entries inserted one
	// by one): an England-scale merge's content in scope has 55 k paths.
	m.next = flat{values: maps.Clone(m.cur.values), order: m.cur.order, raw: m.cur.raw, shares: m.cur.shares}
	if m.next.values == nil {
		m.next.values = map[string]string{}
	}
	m.prov = map[string][]jsna.Source{}
	for _, p := range m.master.Provenance {
		m.prov[p.Path] = p.By
	}
	m.openAt = map[string]int{}
	for i, c := range m.master.Conflicts {
		m.openAt[c.Path] = i
	}
	m.conflictAt = map[string]bool{}
	m.changed, m.taken, m.textMerged = map[string]bool{}, map[string]bool{}, map[string]bool{}
	m.recordConflicts()
	for _, p := range m.paths {
		if !m.underConflict(p) {
			m.decidePath(p)
		}
	}
}

// recordConflicts opens the conflicts on whole records that deletions
// make: a record the master deleted since a draft's base and the draft
// edited (the deletion, or a draft's version of the record); and a
// deletion that meets edits inside the record, in another draft or in the
// master since the deleting draft's base (the outermost such record; its
// fields are left as they are).
func (m *merger) recordConflicts() {
	for _, rp := range sortedKeys(m.revived) {
		if !m.underConflict(rp) {
			m.conflicts = append(m.conflicts, m.recordConflict(rp, jsna.ConflictDeletedInMaster))
		}
	}
	for _, rp := range sortedKeys(m.deleted) {
		if m.underConflict(rp) {
			continue
		}
		edited := false
		for _, p := range within(m.paths, rp) {
			for _, pr := range m.props[p] {
				edited = edited || (p != rp && pr.value != "")
			}
		}
		switch {
		case edited:
			m.conflicts = append(m.conflicts, m.recordConflict(rp, jsna.ConflictDeletedAndEdited))
		case m.stale[rp]:
			m.conflicts = append(m.conflicts, m.recordConflict(rp, jsna.ConflictStaleDelete))
		}
	}
}

// recordConflict makes the conflict on a whole record (or member) rp
// whose changes cannot be taken field by field: every draft that changed
// something in it offers its version of the record ("" where it deleted
// it), and the master's own content is a candidate too (recordMark: keep
// the record as it is; "": leave it deleted).
func (m *merger) recordConflict(rp, kind string) jsna.Conflict {
	byVersion := map[string][]jsna.Source{}
	for _, q := range within(m.paths, rp) {
		for _, pr := range m.props[q] {
			v := recordVersion(m.draftOf[pr.rev], rp)
			byVersion[v] = appendSource(byVersion[v], pr.src)
		}
	}
	switch c := m.cur.values[rp]; c {
	case "":
		if _, ok := byVersion[""]; !ok {
			byVersion[""] = deleters(rp, m.master)
		}
	default:
		if _, ok := byVersion[c]; !ok {
			byVersion[c] = keepers(rp, m.master, m.prov)
		}
	}
	var cands []jsna.Candidate
	for _, v := range sortedKeys(byVersion) {
		cands = append(cands, jsna.Candidate{Value: v, By: uniqueSources(byVersion[v])})
	}
	m.conflictAt[rp] = true
	return newConflict(rp, m.cur.values[rp], cands, kind)
}

// underConflict reports whether path p is inside a record on which this
// merge opened a conflict.
func (m *merger) underConflict(p string) bool {
	for i := 0; i < len(p); i++ {
		if p[i] == ']' && (i+1 == len(p) || p[i+1] == '.' || p[i+1] == '[') && m.conflictAt[p[:i+1]] {
			return true
		}
	}
	return false
}

// decidePath decides one changed path. One new value, proposed cleanly
// (the master still has the value each draft started from) is taken. A
// text that several drafts, or a draft and the master, changed is merged
// line by line where the edits fit. Anything else is a conflict: on the
// path, or on its record where the path is a record added or deleted.
func (m *merger) decidePath(p string) {
	ps, c := m.props[p], m.cur.values[p]
	g := m.groupProposals(p, ps, c)
	if len(g.values) == 1 && g.clean && !g.again {
		m.set(p, g.values[0], g.byValue[g.values[0]])
		m.taken[p] = true
		return
	}
	kind := jsna.ConflictChangedDifferently
	if !g.clean {
		kind = jsna.ConflictChangedSinceBase
	}
	if !g.known {
		kind = jsna.ConflictBaseUnknown
	}
	if g.known && !g.again && (len(g.values) > 1 || !g.clean) {
		text, isText, ok := mergeText(c, ps)
		if ok {
			var all []jsna.Source
			for _, v := range g.values {
				all = append(all, g.byValue[v]...)
			}
			m.set(p, text, uniqueSources(all))
			m.textMerged[p] = true
			return
		}
		if isText {
			kind = jsna.ConflictTextOverlap
		}
	}
	if strings.HasSuffix(p, "]") {
		// A record added or deleted: its fields cannot be chosen apart
		// from it.
		m.conflicts = append(m.conflicts, m.recordConflict(p, kind))
		return
	}
	var cands []jsna.Candidate
	for _, v := range g.values {
		cands = append(cands, jsna.Candidate{Value: v, By: g.byValue[v]})
	}
	m.conflicts = append(m.conflicts, newConflict(p, c, cands, kind))
}

// proposals are the changes to one path grouped by the value proposed.
type proposals struct {
	byValue map[string][]jsna.Source
	values  []string // sorted
	clean   bool     // the master has, for each, its base value or its new one
	known   bool     // every proposing draft's base was found
	again   bool     // a later save of a draft whose earlier value is in the path's open conflict
}

// groupProposals groups the changes ps to path p, whose master value is c.
func (m *merger) groupProposals(p string, ps []proposal, c string) proposals {
	g := proposals{byValue: map[string][]jsna.Source{}, clean: true, known: true}
	for _, pr := range ps {
		if _, ok := g.byValue[pr.value]; !ok {
			g.values = append(g.values, pr.value)
		}
		g.byValue[pr.value] = append(g.byValue[pr.value], pr.src)
		if !pr.known || (c != pr.base && c != pr.value) {
			g.clean = false
		}
		g.known = g.known && pr.known
		if i, open := m.openAt[p]; open && m.laterSave(pr.src, m.master.Conflicts[i]) {
			// The open conflict holds her earlier value: her new one
			// replaces it there.
			g.again = true
		}
	}
	sort.Strings(g.values)
	return g
}

// set gives path p the value v in the new content, set by the drafts by.
func (m *merger) set(p, v string, by []jsna.Source) {
	if m.next.values[p] == v {
		return
	}
	m.changed[p] = true
	if v == "" {
		delete(m.next.values, p)
	} else {
		m.next.values[p] = v
	}
	m.prov[p] = by
}

// mergeText merges the line edits that several drafts made to one
// narrative text, each from its own base text (diff3 of the base, the text
// as merged so far and the draft's text, draft after draft). isText reports
// whether all the values are texts; ok whether every edit fitted and is in
// the result: a draft's edit that a later edit from another base changed
// again (a line one draft wrote and another rewrote) is not merged away.
func mergeText(cur string, ps []proposal) (text string, isText, ok bool) {
	if !strings.HasPrefix(cur, `"`) {
		return "", false, false
	}
	for _, p := range ps {
		if !strings.HasPrefix(p.value, `"`) || (p.base != "" && !strings.HasPrefix(p.base, `"`)) {
			return "", false, false
		}
	}
	text = gjson.Parse(cur).Str
	for _, p := range ps {
		m, fits := merge3(gjson.Parse(p.base).Str, text, gjson.Parse(p.value).Str)
		if !fits {
			return "", true, false
		}
		text = m
	}
	for _, p := range ps {
		if m, fits := merge3(gjson.Parse(p.base).Str, text, gjson.Parse(p.value).Str); !fits || m != text {
			return "", true, false
		}
	}
	return string(jsna.AppendString(nil, text)), true, true
}

// isUnder reports whether path p is record rp or one of its fields.
func isUnder(p, rp string) bool {
	return strings.HasPrefix(p, rp) && (len(p) == len(rp) || p[len(rp)] == '.' || p[len(rp)] == '[')
}

// recordsAbove lists the records path p is in, outermost first.
func recordsAbove(p string) []string {
	var out []string
	for i := 0; i+1 < len(p); i++ {
		if p[i] == ']' && (p[i+1] == '.' || p[i+1] == '[') {
			out = append(out, p[:i+1])
		}
	}
	return out
}

// deleters are who deleted record rp from master, from its tombstones, or
// the master itself where none is recorded.
func deleters(rp string, master *jsna.Document) []jsna.Source {
	var by []jsna.Source
	for _, t := range master.Tombstones {
		if t.Path == rp {
			by = append(by, t.By...)
		}
	}
	if len(by) == 0 {
		return keepers(rp, master, nil)
	}
	return uniqueSources(by)
}

// keepers are who last set the master's content of record rp, from its
// provenance, or the master itself where none is recorded.
func keepers(rp string, master *jsna.Document, prov map[string][]jsna.Source) []jsna.Source {
	var by []jsna.Source
	for _, p := range sortedKeys(prov) {
		if p == rp || strings.HasPrefix(p, rp+".") || strings.HasPrefix(p, rp+"[") {
			by = append(by, prov[p]...)
		}
	}
	if len(by) == 0 {
		at := ""
		if n := len(master.History); n > 0 {
			at = master.History[n-1].SavedAt
		}
		by = []jsna.Source{{Draft: "master", Author: "the master as it is", Role: jsna.RoleCoordinator, SavedAt: at}}
	}
	return by
}

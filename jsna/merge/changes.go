package merge

import (
	"maps"
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Step 3 of Merge: find each draft's changes.

// proposal is one draft's change to one path.
type proposal struct {
	src   jsna.Source
	rev   string // the draft's revision
	base  string // the draft's base value ("" absent)
	value string // the draft's value ("" absent)
	known bool   // the base was found
}

// findChanges is step 3: each save's changes, as proposals per path.
func (m *merger) findChanges() {
	m.props = map[string][]proposal{}
	m.deleted = map[string][]jsna.Source{}
	m.stale = map[string]bool{}
	m.revived = map[string][]jsna.Source{}
	m.changes = map[string][]jsna.PathValue{}
	m.draftOf = map[string]*jsna.Document{}
	for i := range m.saves {
		m.draftChanges(&m.saves[i])
		m.draftOf[m.saves[i].rev] = m.saves[i].d
	}
	m.paths = sortedKeys(m.props)
}

// draftChanges finds the paths where save x differs from what it is
// compared with (its view: its base revision, or for a later save of a
// draft, her previous save rebuilt on it) and proposes each change. It
// also keeps every path where the save differs from its base revision
// (MergedDraft.Changes), from which a later save's view is rebuilt.
func (m *merger) draftChanges(x *draftSave) {
	d := x.d
	src := jsna.Source{Draft: d.Draft.ID, Author: d.Draft.Author, Role: d.Draft.Role, SavedAt: d.Draft.SavedAt, Save: x.id, Sender: d.Draft.Sender}
	base, known := m.bases(d.Draft.Base)
	if !known {
		base = m.cur
	}
	var df flat // the draft block is not content
	// Compared with the master's current content, in a scope, a draft
	// with the master's document-wide members as they are (admit asked)
	// can change none of them: they are neither encoded nor compared.
	wardsOnly := base.raw != nil && x.prev == nil && x.docWide && m.scope != nil
	if base.raw != nil && x.prev == nil {
		// Compared with the master's current content: records the
		// draft has as they are there need no comparing, and those
		// shared with the master need not even be encoded.
		against := func(b []byte) flat { return flattenAgainst(b, base) }
		c := d
		if wardsOnly {
			c = &jsna.Document{Wards: d.Wards}
		}
		if len(base.shares.byWard) > 0 {
			df = prunedFlat(c, nil, base.shares, against)
		} else {
			df = flattenContent(c, against)
		}
		if wardsOnly {
			for p := range df.values {
				if !strings.HasPrefix(p, "wards[") {
					delete(df.values, p) // the zero members of c
				}
			}
		}
	} else {
		df = flattenContent(d, flattenCanonical)
	}
	keep := draftWards(d)
	inDraft := wardsScope(keep)
	dr := DraftReport{Draft: src.Draft, Author: src.Author, BaseKnown: known}
	v := view{base: base, since: base.since}
	if x.prev != nil {
		dr.Previous = x.prev.Revision
		v = continued(base, x.prev.Changes, m.cur, func(p string) bool { return m.scope.covers(p) && inDraft(p) })
	}
	baseValue := func(p string) string { return base.values[p] }
	if len(keep) > 0 {
		byWard := base.wardIndex()
		baseValue = func(p string) string { return base.valueIn(byWard[wardOf(p)], p) }
	}
	var wrote []jsna.PathValue
	visit := func(p, dv string) {
		if !inDraft(p) {
			return // wards outside a subset draft are not deletions
		}
		bv := baseValue(p)
		if dv != bv {
			wrote = append(wrote, jsna.PathValue{Path: p, Value: dv})
		}
		if o, ok := v.over[p]; ok {
			bv = o
		}
		if bv != dv {
			dr.Changes++
			m.propose(p, proposal{src: src, rev: x.rev, base: bv, value: dv, known: known}, v)
		}
	}
	eachCandidate(base, df, d, wardsOnly, visit)
	for p := range v.over {
		_, inDf := df.values[p]
		if _, inBase := base.values[p]; !inDf && !inBase {
			visit(p, "") // what she had and has no more
		}
	}
	if d.Draft.ID != "" {
		m.changes[x.rev] = sortPathValues(wrote)
	}
	m.rep.Drafts = append(m.rep.Drafts, dr)
}

// propose records a save's change pr to path p, seen against view v. A
// change inside a record that the master deleted since the view revives
// it; a record the save deleted is noted as deleted, and as stale where
// the save did not see the record's current content (its base is unknown,
// or the master changed the record since).
func (m *merger) propose(p string, pr proposal, v view) {
	m.props[p] = append(m.props[p], pr)
	if pr.value != "" && len(v.since) > 0 {
		for _, rp := range recordsAbove(p) {
			if v.value(rp) == recordMark && m.cur.values[rp] != recordMark {
				m.revived[rp] = appendSource(m.revived[rp], pr.src)
				break
			}
		}
	}
	if pr.base == recordMark && pr.value == "" {
		m.deleted[p] = append(m.deleted[p], pr.src)
		if !pr.known || len(within(v.since, p)) > 0 {
			m.stale[p] = true
		}
	}
}

// view is what a draft is compared with: the content of its base revision
// and, for a later save of a draft merged before, the values the author's
// previous save had on the paths it changed (over), so that together they
// are what she had when she last sent it. since lists, sorted, the paths
// where the master now differs from the view by changes the draft did not
// see.
type view struct {
	base  flat
	over  map[string]string
	since []string
}

func (v view) value(p string) string {
	if x, ok := v.over[p]; ok {
		return x
	}
	return v.base.values[p]
}

// continued is the view of a later save of a draft whose previous save
// changed changes (MergedDraft.Changes) from its base: base with those
// changes on top, for the paths keep accepts (the merge's scope and the
// draft's wards). The master differs from it where the master changed a
// path since base and she had not written the master's value, and where
// the master did not take (or no longer has) a value she wrote.
func continued(base flat, changes []jsna.PathValue, cur flat, keep func(string) bool) view {
	v := view{base: base, over: make(map[string]string, len(changes))}
	for _, pv := range changes {
		if keep(pv.Path) {
			v.over[pv.Path] = pv.Value
		}
	}
	since := map[string]bool{}
	for _, p := range base.since {
		if x, ok := v.over[p]; !ok || x != cur.values[p] {
			since[p] = true
		}
	}
	for p, x := range v.over {
		if x != cur.values[p] {
			since[p] = true
		}
	}
	v.since = sortedKeys(since)
	return v
}

// baseLookup returns a function that finds the content of a master
// revision: the current one, or an earlier one rebuilt from the history.
func baseLookup(master *jsna.Document, now string, cur flat, scope wardScope) func(rev string) (flat, bool) {
	cache := map[string]flat{}
	return func(rev string) (flat, bool) {
		if rev == now {
			return cur, true
		}
		if f, ok := cache[rev]; ok {
			return f, true
		}
		at := -1
		for i := len(master.History) - 1; i >= 0; i-- {
			if master.History[i].Revision == rev {
				at = i
				break
			}
		}
		if at < 0 {
			return flat{}, false // unknown: no need to copy anything
		}
		f := flat{values: maps.Clone(cur.values), order: cur.order, index: new(map[string][]jsna.PathValue)}
		if f.values == nil {
			f.values = map[string]string{}
		}
		touched := map[string]bool{}
		for i := len(master.History) - 1; i >= at; i-- {
			for _, pv := range master.History[i].Undo {
				if !scope.covers(pv.Path) {
					continue
				}
				touched[pv.Path] = true
				if pv.Value == "" {
					delete(f.values, pv.Path)
				} else {
					f.values[pv.Path] = pv.Value
				}
			}
		}
		for p := range touched {
			if f.values[p] != cur.values[p] {
				f.since = append(f.since, p)
			}
		}
		sort.Strings(f.since)
		cache[rev] = f
		return f, true
	}
}

// eachCandidate calls visit once for every path a draft may have changed
// from base, with df's value there ("" for none), given its flat form df:
// all of its own and its base's, or for a draft cut for some wards, the
// base's paths outside wards and under those wards only. The ward index makes merging a one-ward draft into an
// England-scale master cheap.
//
// With wardsOnly, the draft's document-wide members are the master's and
// df leaves them out: so are base's, where base is the master's current
// content.
func eachCandidate(base, df flat, d *jsna.Document, wardsOnly bool, visit func(p, dv string)) {
	for p, dv := range df.values {
		visit(p, dv)
	}
	if len(df.same) > 0 {
		// Records left out of df as equal to base's: left out of base too.
		inner := visit
		visit = func(p, dv string) {
			if !underSame(p, df.same) {
				inner(p, dv)
			}
		}
	}
	if d.Draft == nil || len(d.Draft.Wards) == 0 {
		for p := range base.values {
			if _, in := df.values[p]; !in && (!wardsOnly || strings.HasPrefix(p, "wards[")) {
				visit(p, "")
			}
		}
		return
	}
	idx := base.wardIndex()
	var groups [][]jsna.PathValue
	if !wardsOnly {
		groups = append(groups, idx[""])
	}
	seen := map[string]bool{}
	for _, c := range d.Draft.Wards {
		if k := "wards[" + quoteKey(c) + "]"; !seen[k] {
			seen[k] = true
			groups = append(groups, idx[k])
		}
	}
	for _, g := range groups {
		for _, pv := range g {
			if _, in := df.values[pv.Path]; !in {
				visit(pv.Path, "")
			}
		}
	}
}

// draftWards is the set of a subset draft's ward records ("wards[CODE]"),
// nil for a draft of every ward.
func draftWards(d *jsna.Document) map[string]bool {
	if d.Draft == nil || len(d.Draft.Wards) == 0 {
		return nil
	}
	keep := map[string]bool{}
	for _, c := range d.Draft.Wards {
		keep["wards["+quoteKey(c)+"]"] = true
	}
	return keep
}

// draftScope limits a subset draft's changes to its wards.
func draftScope(d *jsna.Document) func(path string) bool {
	return wardsScope(draftWards(d))
}

// wardsScope limits paths to the ward records keep (draftWards): all
// paths for nil.
func wardsScope(keep map[string]bool) func(path string) bool {
	if keep == nil {
		return func(string) bool { return true }
	}
	return func(p string) bool {
		k := wardOf(p)
		return k == "" || keep[k]
	}
}

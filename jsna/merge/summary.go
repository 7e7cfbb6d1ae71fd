package merge

import (
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// The verbs of a RecordChange.
const (
	Added   = "added"
	Edited  = "edited"
	Removed = "deleted"
)

// RecordChange is one record changed between two documents, with the
// changes to it and under it. Kind is the array the record is in
// ("wards", "sections", "voice", "assets", "needs", "values",
// "indicators", ...), or "" for the document's own fields, whose Path is
// "". A record's change is counted on the innermost record only: a voice
// note added to a ward is the voice note's, not the ward's.
type RecordChange struct {
	Path    string   `json:"path"`
	Kind    string   `json:"kind"`
	Change  string   `json:"change"` // Added, Edited or Removed
	Changes []Change `json:"changes"`
}

// RecordCount counts the records of one kind added, edited and deleted.
type RecordCount struct {
	Kind    string `json:"kind"`
	Added   int    `json:"added,omitempty"`
	Edited  int    `json:"edited,omitempty"`
	Deleted int    `json:"deleted,omitempty"`
}

// summaryKinds is the order kinds are counted in; other kinds follow by
// name, and the document's own fields ("") come last.
var summaryKinds = []string{"wards", "sections", "voice", "assets", "needs", "values", "indicators"}

// Records groups changes (as Diff gives them) by the innermost record
// each is in, sorted by path. A record whose own entry went from absent to
// present was added, from present to absent deleted; any other change
// under it edits it.
func Records(changes []Change) []RecordChange {
	byPath := map[string]*RecordChange{}
	var order []string
	for _, c := range changes {
		rp, kind := innermostRecord(c.Path)
		r := byPath[rp]
		if r == nil {
			r = &RecordChange{Path: rp, Kind: kind, Change: Edited}
			byPath[rp] = r
			order = append(order, rp)
		}
		r.Changes = append(r.Changes, c)
		if c.Path == rp && rp != "" {
			switch {
			case c.From == "":
				r.Change = Added
			case c.To == "":
				r.Change = Removed
			}
		}
	}
	sort.Strings(order)
	out := make([]RecordChange, len(order))
	for i, p := range order {
		out[i] = *byPath[p]
	}
	return out
}

// Summarise counts the records changes add, edit and delete, by kind, in
// the order wards, sections, voice notes, assets, needs, values,
// indicators, then other kinds by name, then the document's own fields
// (Kind ""), which count as one edit however many of them changed. Kinds
// without a change are left out.
func Summarise(changes []Change) []RecordCount {
	counts := map[string]*RecordCount{}
	for _, r := range Records(changes) {
		c := counts[r.Kind]
		if c == nil {
			c = &RecordCount{Kind: r.Kind}
			counts[r.Kind] = c
		}
		switch r.Change {
		case Added:
			c.Added++
		case Removed:
			c.Deleted++
		default:
			c.Edited++
		}
	}
	var kinds []string
	for k := range counts {
		kinds = append(kinds, k)
	}
	rank := func(k string) int {
		for i, s := range summaryKinds {
			if s == k {
				return i
			}
		}
		if k == "" {
			return len(summaryKinds) + 1
		}
		return len(summaryKinds)
	}
	sort.Slice(kinds, func(i, j int) bool {
		ri, rj := rank(kinds[i]), rank(kinds[j])
		if ri != rj {
			return ri < rj
		}
		return kinds[i] < kinds[j]
	})
	out := make([]RecordCount, len(kinds))
	for i, k := range kinds {
		out[i] = *counts[k]
	}
	return out
}

// innermostRecord is the path of the innermost record p is in (p itself
// when it names a record) and the name of that record's array; "", "" for
// a path outside every record.
func innermostRecord(p string) (string, string) {
	segs, err := parsePath(p)
	if err != nil {
		return "", ""
	}
	last := -1
	for i, s := range segs {
		if s.record {
			last = i
		}
	}
	if last < 0 {
		return "", ""
	}
	var b strings.Builder
	for i, s := range segs[:last+1] {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(joinPath("", s.name))
		if s.record {
			b.WriteString("[" + quoteKey(s.key) + "]")
		}
	}
	return b.String(), segs[last].name
}

// DraftChanges lists what draft d changes from its base, the master
// revision it names, rebuilt from master's history, sorted by path as
// Diff does: what merging it would propose, before any conflict is
// decided. For a draft cut for some wards, only those wards and the
// document-wide members count. Where the base is not in the history (or d
// is not a draft) d is compared with master itself and baseKnown is
// false.
func DraftChanges(master, d *jsna.Document) (changes []Change, baseKnown bool) {
	scope := mergeScope(master, []*jsna.Document{d})
	cur := flattenScoped(master, scope)
	base := cur
	if d.Draft != nil {
		base, baseKnown = baseLookup(master, jsna.Revision(master), cur, scope)(d.Draft.Base)
		if !baseKnown {
			base = cur
		}
	}
	df := flattenScoped(d, scope)
	keep := draftScope(d)
	seen := map[string]bool{}
	eachCandidate(base, df, d, false, func(p, _ string) {
		if seen[p] || !keep(p) {
			return
		}
		seen[p] = true
		if base.values[p] != df.values[p] {
			changes = append(changes, Change{Path: p, From: shown(base.values[p]), To: shown(df.values[p])})
		}
	})
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return changes, baseKnown
}

package jsna

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tidwall/gjson"
)

// Merge bookkeeping kept in a master. None of it is content: flatten and
// Diff leave it out.

// HistoryEntry is one earlier revision of a master: Undo holds, for every
// path the next merge changed, the value it had before ("" where the path
// was absent), so that any earlier revision's content can be rebuilt from
// the current one. Drafts name their base by revision; this is how a merge
// finds it.
type HistoryEntry struct {
	Revision string      `json:"revision"`
	SavedAt  string      `json:"saved_at,omitempty"`
	Undo     []PathValue `json:"undo,omitempty"`
	Extra    Extra       `json:"-"`
}

// PathValue is a path and a canonical JSON value; an empty Value means the
// path is absent.
type PathValue struct {
	Path  string `json:"path"`
	Value string `json:"value,omitempty"`
	Extra Extra  `json:"-"`
}

// Source is who wrote a value: a draft, its author and role, and when.
type Source struct {
	Draft   string `json:"draft"`
	Author  string `json:"author"`
	Role    string `json:"role"`
	SavedAt string `json:"saved_at,omitempty"`
	Extra   Extra  `json:"-"`
}

// Candidate is one value proposed for a conflicted path, and by whom. An
// empty Value proposes deleting the path (or the record).
type Candidate struct {
	Value string   `json:"value,omitempty"`
	By    []Source `json:"by"`
	Extra Extra    `json:"-"`
}

// Conflict is a path on which drafts disagree. The master keeps Current
// until a coordinator resolves it with Resolve.
type Conflict struct {
	ID         string      `json:"id"`
	Path       string      `json:"path"`
	Current    string      `json:"current,omitempty"`
	Candidates []Candidate `json:"candidates"`
	Reason     string      `json:"reason,omitempty"`
	Extra      Extra       `json:"-"`
}

// Provenance records which drafts set the value a path has now.
type Provenance struct {
	Path  string   `json:"path"`
	By    []Source `json:"by"`
	Extra Extra    `json:"-"`
}

// Tombstone keeps a deleted record, so that it can be restored.
type Tombstone struct {
	Path   string      `json:"path"`
	Fields []PathValue `json:"fields"`
	By     []Source    `json:"by"`
	Extra  Extra       `json:"-"`
}

// MergedDraft marks a draft as merged: merging it again changes nothing.
type MergedDraft struct {
	Draft    string `json:"draft"`
	Revision string `json:"revision"` // hash of the draft's whole canonical encoding
	Extra    Extra  `json:"-"`
}

// ResolutionRecord is a resolved conflict: who chose what over what.
type ResolutionRecord struct {
	Conflict string      `json:"conflict"`
	Path     string      `json:"path"`
	Chosen   string      `json:"chosen,omitempty"`
	Over     []Candidate `json:"over"`
	By       string      `json:"by"`
	At       string      `json:"at"`
	Extra    Extra       `json:"-"`
}

// DraftOptions describe a new draft.
type DraftOptions struct {
	ID     string    // draft id; required
	Author string    // required
	Role   string    // gp, councillor, coordinator or analyst
	Wards  []string  // ward codes to keep; empty keeps them all
	Now    time.Time // saved_at
}

// NewDraft cuts a draft from master: a copy of its content (without merge
// bookkeeping), possibly for a subset of wards, with a draft block naming
// master's revision as its base.
func NewDraft(master *Document, opts DraftOptions) (*Document, error) {
	if opts.ID == "" || opts.Author == "" {
		return nil, errors.New("jsna: a draft needs an id and an author")
	}
	// Copy through the codec, so that the draft shares nothing with the
	// master; with a ward subset, only those wards are copied.
	src := *master
	if len(opts.Wards) > 0 {
		keep := map[string]bool{}
		for _, c := range opts.Wards {
			keep[c] = true
		}
		var wards []Ward
		for _, w := range master.Wards {
			if keep[w.Code] {
				wards = append(wards, w)
				delete(keep, w.Code)
			}
		}
		if len(keep) > 0 {
			var missing []string
			for c := range keep {
				missing = append(missing, c)
			}
			sort.Strings(missing)
			return nil, fmt.Errorf("jsna: wards %s are not in the master", strings.Join(missing, ", "))
		}
		src.Wards = wards
	}
	d, err := Decode(content(&src))
	if err != nil {
		return nil, err
	}
	d.Draft = &Draft{ID: opts.ID, Author: opts.Author, Role: opts.Role, Base: Revision(master),
		SavedAt: opts.Now.UTC().Format(time.RFC3339), Wards: append([]string(nil), opts.Wards...)}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// MergeOptions say who merges and when.
type MergeOptions struct {
	Now time.Time
}

// MergeReport says what a merge did.
type MergeReport struct {
	Drafts    []DraftReport `json:"drafts"`
	Taken     int           `json:"taken"`     // paths set from a single proposal
	Merged    int           `json:"merged"`    // narrative texts merged line by line
	Conflicts []Conflict    `json:"conflicts"` // opened by this merge
	Skipped   []string      `json:"skipped,omitempty"`
}

// DraftReport is one draft's part in a merge.
type DraftReport struct {
	Draft     string `json:"draft"`
	Author    string `json:"author"`
	Changes   int    `json:"changes"`
	Conflicts int    `json:"conflicts"`
	BaseKnown bool   `json:"base_known"`
}

// proposal is one draft's change to one path.
type proposal struct {
	src   Source
	base  string // the draft's base value ("" absent)
	value string // the draft's value ("" absent)
	known bool   // the base was found
}

// Merge merges drafts into master, three-way and path by path, each draft
// against the master revision it names as its base (found in master's
// history). A path one draft changed is taken; the same new value from
// several is taken once; different values become a Conflict holding every
// candidate, and the master keeps its value until Resolve. Narrative texts
// changed in several drafts, or in a draft and in the master since its
// base, are merged line by line (diff3) where the edits do not overlap.
// A plain delete leaves a Tombstone.
//
// Where changes cannot be taken field by field, the record (a ward, a
// value, a need, ...) becomes one conflict whose candidates are whole
// versions of it, as canonical JSON objects, "" for deleted, or the
// master's own record: a record deleted in one draft and edited in
// another; deleted by a draft that did not see the master's later edits to
// it; edited by a draft after the master deleted it; added or deleted by a
// draft on an unknown base; or changed in ways that together break a rule
// the master kept (an interval from one draft around a value from another,
// a record new in two drafts whose required text conflicts). So the merged
// master of a valid master is valid, and every value a draft wrote is in
// it, in a conflict or in a tombstone.
//
// A draft whose base is not in the history is compared with the current
// master and every difference becomes a conflict; but a draft of another
// document (another id) whose base is unknown is refused, as are two
// drafts with the same id and different content (a *DuplicateDraftError:
// two saves of one draft). Drafts already merged (same id and content)
// are skipped, and the result does not depend on the order of drafts. The
// new master records its previous revision in its history. Drafts cut for
// some wards (Draft.Wards) are merged in time and memory proportional to
// those wards, not to the master.
func Merge(master *Document, drafts []*Document, opts MergeOptions) (*Document, *MergeReport, error) {
	rep := &MergeReport{}
	masterRev := Revision(master)
	merged := map[string]bool{} // draft id and revision of every draft merged before
	for _, m := range master.Merged {
		merged[m.Draft+"\x00"+m.Revision] = true
	}
	// Deterministic order whatever order the caller gives.
	type dr struct {
		d   *Document
		rev string
	}
	var ds []dr
	seen := map[string]bool{}
	byID := map[string]int{} // draft id → index in drafts
	for i, d := range drafts {
		if d.Draft == nil {
			return nil, nil, fmt.Errorf("jsna: merge: document %d is not a draft (no draft block)", i+1)
		}
		if err := d.Validate(); err != nil {
			return nil, nil, fmt.Errorf("jsna: merge: draft %q: %w", d.Draft.ID, err)
		}
		h := sha256.Sum256(Canonical(d))
		rev := "sha256:" + hex.EncodeToString(h[:])
		if merged[d.Draft.ID+"\x00"+rev] || seen[rev] {
			rep.Skipped = append(rep.Skipped, d.Draft.ID)
			continue
		}
		if id := d.Draft.ID; id != "" {
			// Two saves of one draft in one batch would conflict with
			// themselves: the coordinator must say which one counts.
			if j, dup := byID[id]; dup {
				return nil, nil, &DuplicateDraftError{ID: id, First: j, Second: i}
			}
			byID[id] = i
		}
		if d.ID != master.ID && d.Draft.Base != masterRev && !master.InHistory(d.Draft.Base) {
			return nil, nil, fmt.Errorf("jsna: merge: draft %q is a draft of %q, not of this master %q, and its base is not in the master's history", d.Draft.ID, d.ID, master.ID)
		}
		seen[rev] = true
		ds = append(ds, dr{d, rev})
	}
	var kept []*Document
	for _, x := range ds {
		kept = append(kept, x.d)
	}
	scope := mergeScope(master, kept)
	cur := flattenScoped(master, scope)
	bases := baseLookup(master, masterRev, cur, scope)
	sort.Slice(ds, func(i, j int) bool {
		a, b := ds[i].d.Draft, ds[j].d.Draft
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		if a.SavedAt != b.SavedAt {
			return a.SavedAt < b.SavedAt
		}
		return ds[i].rev < ds[j].rev
	})
	props := map[string][]proposal{}
	deleted := map[string][]Source{} // record path → who deleted it
	// Records deleted by a draft that did not see their current content:
	// its base is unknown, or the master changed them since its base.
	stale := map[string]bool{}
	// Records the master deleted since a draft's base, which the draft
	// still edits.
	revived := map[string][]Source{}
	for _, x := range ds {
		d := x.d
		src := Source{Draft: d.Draft.ID, Author: d.Draft.Author, Role: d.Draft.Role, SavedAt: d.Draft.SavedAt}
		base, known := bases(d.Draft.Base)
		if !known {
			base = cur
		}
		df := flatten(d)
		inDraft := draftScope(d)
		dr := DraftReport{Draft: src.Draft, Author: src.Author, BaseKnown: known}
		for p := range candidatePaths(base, df, d) {
			if !inDraft(p) {
				continue // wards outside a subset draft are not deletions
			}
			bv, dv := base.values[p], df.values[p]
			if bv == dv {
				continue
			}
			dr.Changes++
			props[p] = append(props[p], proposal{src: src, base: bv, value: dv, known: known})
			if dv != "" && len(base.since) > 0 {
				for _, rp := range recordsAbove(p) {
					if base.values[rp] == recordMark && cur.values[rp] != recordMark {
						revived[rp] = appendSource(revived[rp], src)
						break
					}
				}
			}
			if bv == recordMark && dv == "" {
				deleted[p] = append(deleted[p], src)
				if !known || len(within(base.since, p)) > 0 {
					stale[p] = true
				}
			}
		}
		rep.Drafts = append(rep.Drafts, dr)
	}
	next := flat{values: make(map[string]string, len(cur.values)), order: cur.order}
	for p, v := range cur.values {
		next.values[p] = v
	}
	prov := map[string][]Source{}
	for _, p := range master.Provenance {
		prov[p.Path] = p.By
	}
	var conflicts []Conflict
	conflictAt := map[string]bool{}
	paths := sortedKeys(props)
	underConflict := func(p string) bool {
		for i := 0; i < len(p); i++ {
			if p[i] == ']' && (i+1 == len(p) || p[i+1] == '.' || p[i+1] == '[') && conflictAt[p[:i+1]] {
				return true
			}
		}
		return false
	}
	draftOf := map[string]*Document{}
	for _, x := range ds {
		draftOf[x.d.Draft.ID+"\x00"+x.d.Draft.SavedAt] = x.d
	}
	// recordConflict makes the conflict on a whole record (or member) rp
	// whose changes cannot be taken field by field: every draft that
	// changed something in it offers its version of the record ("" where
	// it deleted it), and the master's own content is a candidate too
	// (recordMark: keep the record as it is; "": leave it deleted).
	recordConflict := func(rp, reason string) Conflict {
		byVersion := map[string][]Source{}
		for _, q := range within(paths, rp) {
			for _, pr := range props[q] {
				v := recordVersion(draftOf[pr.src.Draft+"\x00"+pr.src.SavedAt], rp)
				byVersion[v] = appendSource(byVersion[v], pr.src)
			}
		}
		switch c := cur.values[rp]; c {
		case "":
			if _, ok := byVersion[""]; !ok {
				byVersion[""] = deleters(rp, master)
			}
		default:
			if _, ok := byVersion[c]; !ok {
				byVersion[c] = keepers(rp, master, prov)
			}
		}
		var cands []Candidate
		for _, v := range sortedKeys(byVersion) {
			cands = append(cands, Candidate{Value: v, By: uniqueSources(byVersion[v])})
		}
		conflictAt[rp] = true
		return newConflict(rp, cur.values[rp], cands, reason)
	}
	// A record the master deleted since a draft's base and the draft
	// edited: the deletion, or a draft's version of the record.
	for _, rp := range sortedKeys(revived) {
		if !underConflict(rp) {
			conflicts = append(conflicts, recordConflict(rp, "deleted in the master since the draft's base, and edited in the draft"))
		}
	}
	// Deletions that meet edits inside the record, in another draft or in
	// the master since the deleting draft's base, are conflicts on the
	// record (the outermost one); the record's fields are left as they are.
	for _, rp := range sortedKeys(deleted) {
		if underConflict(rp) {
			continue
		}
		edited := false
		for _, p := range within(paths, rp) {
			for _, pr := range props[p] {
				edited = edited || (p != rp && pr.value != "")
			}
		}
		switch {
		case edited:
			conflicts = append(conflicts, recordConflict(rp, "deleted in one draft and edited in another"))
		case stale[rp]:
			conflicts = append(conflicts, recordConflict(rp, "deleted in a draft that did not see the master's changes to it (its base is older or unknown)"))
		}
	}
	changed := map[string]bool{} // paths set from drafts
	taken, textMerged := map[string]bool{}, map[string]bool{}
	set := func(p, v string, by []Source) {
		if next.values[p] == v {
			return
		}
		changed[p] = true
		if v == "" {
			delete(next.values, p)
		} else {
			next.values[p] = v
		}
		prov[p] = by
	}
	for _, p := range paths {
		if underConflict(p) {
			continue
		}
		ps := props[p]
		c := cur.values[p]
		// Group proposals by value.
		byValue := map[string][]Source{}
		var values []string
		clean, known := true, true
		for _, pr := range ps {
			if _, ok := byValue[pr.value]; !ok {
				values = append(values, pr.value)
			}
			byValue[pr.value] = append(byValue[pr.value], pr.src)
			if !pr.known || (c != pr.base && c != pr.value) {
				clean = false
			}
			known = known && pr.known
		}
		sort.Strings(values)
		if len(values) == 1 && clean {
			set(p, values[0], byValue[values[0]])
			taken[p] = true
			continue
		}
		if known && (len(values) > 1 || !clean) {
			// Narrative text changed in several drafts, or in a draft and
			// in the master since its base: diff3, line by line.
			if text, ok := mergeText(c, ps); ok {
				var all []Source
				for _, v := range values {
					all = append(all, byValue[v]...)
				}
				set(p, text, uniqueSources(all))
				textMerged[p] = true
				continue
			}
		}
		reason := "changed differently in several drafts"
		if !clean {
			reason = "changed since the draft's base, or the draft's base is unknown"
		}
		if strings.HasSuffix(p, "]") {
			// A record added or deleted: its fields cannot be chosen
			// apart from it.
			conflicts = append(conflicts, recordConflict(p, reason))
			continue
		}
		var cands []Candidate
		for _, v := range values {
			cands = append(cands, Candidate{Value: v, By: byValue[v]})
		}
		conflicts = append(conflicts, newConflict(p, c, cands, reason))
	}
	// Changes taken field by field may not fit together (an interval from
	// one draft around a value kept from the master, a record new in two
	// drafts whose required text conflicts): where the result breaks a rule
	// the master kept, the record's changes are undone and it becomes one
	// conflict between the drafts' versions of the whole record.
	frag, err := fragment(next)
	if err != nil {
		return nil, nil, fmt.Errorf("jsna: merge produced an unreadable document: %w", err)
	}
	if scopedContent(master, scope).Validate() == nil {
		for round := 0; round < 8; round++ {
			records := map[string]bool{}
			var nextPaths []string
			for p := range changed {
				if next.values[p] == "" {
					if cur.values[p] == recordMark {
						// A record deleted with some of its fields left.
						if nextPaths == nil {
							nextPaths = sortedKeys(next.values)
						}
						if len(within(nextPaths, p)) > 0 {
							records[p] = true
						}
					}
					continue
				}
				// A field taken into a record that is not there.
				for _, rp := range recordsAbove(p) {
					if next.values[rp] != recordMark {
						records[rp] = true
						break
					}
				}
			}
			verr := frag.Validate()
			var ve *Error
			if errors.As(verr, &ve) {
				for _, pb := range ve.Problems {
					if r := recordOf(frag, next, pb.Path); r != "" {
						records[r] = true
					}
				}
			}
			if len(records) == 0 {
				if verr != nil {
					return nil, nil, fmt.Errorf("jsna: merge produced an invalid master: %w", verr)
				}
				break
			}
			if nextPaths == nil {
				nextPaths = sortedKeys(next.values)
			}
			curPaths := sortedKeys(cur.values)
			for _, r := range sortedKeys(records) {
				if underConflict(r) {
					continue
				}
				var touched []string
				for _, q := range append(within(nextPaths, r), within(curPaths, r)...) {
					if next.values[q] != cur.values[q] {
						touched = append(touched, q)
					}
				}
				if len(touched) == 0 {
					continue
				}
				for _, q := range touched {
					if v, ok := cur.values[q]; ok {
						next.values[q] = v
					} else {
						delete(next.values, q)
					}
					delete(changed, q)
					delete(taken, q)
					delete(textMerged, q)
				}
				kept := conflicts[:0]
				for _, c := range conflicts {
					if c.Path != r && !strings.HasPrefix(c.Path, r+".") && !strings.HasPrefix(c.Path, r+"[") {
						kept = append(kept, c)
					}
				}
				reason := "changed in ways that do not fit together: choose one version"
				if cur.values[r] == "" && strings.HasSuffix(r, "]") {
					reason = "added with different content: choose one version"
				}
				conflicts = append(kept, recordConflict(r, reason))
			}
			if frag, err = fragment(next); err != nil {
				return nil, nil, fmt.Errorf("jsna: merge produced an unreadable document: %w", err)
			}
		}
	}
	rep.Taken, rep.Merged = len(taken), len(textMerged)
	var undo []PathValue
	for p := range changed {
		if next.values[p] != cur.values[p] {
			undo = append(undo, PathValue{Path: p, Value: cur.values[p]})
		} else {
			delete(changed, p)
		}
	}
	for p := range prov {
		if _, still := changed[p]; !still {
			prov[p] = nil
		}
	}
	for _, p := range master.Provenance {
		if prov[p.Path] == nil {
			prov[p.Path] = p.By
		}
	}
	// Deleted records leave tombstones with their last fields.
	var tombs []Tombstone
	var curPaths []string
	for _, rp := range sortedKeys(deleted) {
		if conflictAt[rp] || underConflict(rp) || next.values[rp] != "" {
			continue
		}
		if curPaths == nil {
			curPaths = sortedKeys(cur.values)
		}
		t := Tombstone{Path: rp, By: deleted[rp]}
		for _, p := range within(curPaths, rp) {
			t.Fields = append(t.Fields, PathValue{Path: p, Value: cur.values[p]})
		}
		tombs = append(tombs, t)
	}
	out := assemble(master, frag, scope)
	// Carry the bookkeeping forward and add this merge's. Any draft merged
	// changes the master's revision (its merged list at least), so the old
	// revision goes into the history for drafts still based on it.
	out.History = master.History
	if len(ds) > 0 {
		out.History = append(append([]HistoryEntry(nil), master.History...), HistoryEntry{Revision: masterRev, SavedAt: opts.Now.UTC().Format(time.RFC3339), Undo: sortPathValues(undo)})
	}
	out.Conflicts = mergeConflicts(master.Conflicts, conflicts)
	out.Tombstones = append(append([]Tombstone(nil), master.Tombstones...), tombs...)
	out.Merged = append([]MergedDraft(nil), master.Merged...)
	for _, x := range ds {
		out.Merged = append(out.Merged, MergedDraft{Draft: x.d.Draft.ID, Revision: x.rev})
	}
	sort.Slice(out.Merged, func(i, j int) bool {
		if out.Merged[i].Draft != out.Merged[j].Draft {
			return out.Merged[i].Draft < out.Merged[j].Draft
		}
		return out.Merged[i].Revision < out.Merged[j].Revision
	})
	out.Resolutions = master.Resolutions
	for _, p := range sortedKeys(prov) {
		if _, still := next.values[p]; prov[p] != nil && (still || !scope.covers(p)) {
			out.Provenance = append(out.Provenance, Provenance{Path: p, By: prov[p]})
		}
	}
	rep.Conflicts = conflicts
	for i := range rep.Drafts {
		for _, c := range conflicts {
			for _, cand := range c.Candidates {
				for _, s := range cand.By {
					if s.Draft == rep.Drafts[i].Draft {
						rep.Drafts[i].Conflicts++
					}
				}
			}
		}
	}
	return out, rep, nil
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
func deleters(rp string, master *Document) []Source {
	var by []Source
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
func keepers(rp string, master *Document, prov map[string][]Source) []Source {
	var by []Source
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
		by = []Source{{Draft: "master", Author: "the master as it is", Role: RoleCoordinator, SavedAt: at}}
	}
	return by
}

// DuplicateDraftError is Merge's error when two of the drafts given have the
// same id but different content: two saves of one draft, of which only one
// can be merged. First and Second index the drafts slice.
type DuplicateDraftError struct {
	ID            string
	First, Second int
}

func (e *DuplicateDraftError) Error() string {
	return fmt.Sprintf("jsna: merge: drafts %d and %d both have the id %q but different content: merge one save of a draft at a time", e.First+1, e.Second+1, e.ID)
}

// mergeText merges the line edits of several drafts to one narrative text,
// all made from the same base text.
func mergeText(cur string, ps []proposal) (string, bool) {
	if !strings.HasPrefix(cur, `"`) {
		return "", false
	}
	base := ps[0].base
	for _, p := range ps {
		if p.base != base || !strings.HasPrefix(p.value, `"`) {
			return "", false
		}
	}
	text := gjson.Parse(cur).Str
	b := gjson.Parse(base).Str
	for _, p := range ps {
		m, ok := merge3(b, text, gjson.Parse(p.value).Str)
		if !ok {
			return "", false
		}
		text = m
	}
	return string(appendString(nil, text)), true
}

func newConflict(path, current string, cands []Candidate, reason string) Conflict {
	h := sha256.New()
	h.Write([]byte(path + "\x00" + current))
	for _, c := range cands {
		h.Write([]byte("\x00" + c.Value))
		for _, s := range c.By {
			h.Write([]byte("\x01" + s.Draft + "\x01" + s.SavedAt))
		}
	}
	return Conflict{ID: "c-" + hex.EncodeToString(h.Sum(nil))[:12], Path: path, Current: current, Candidates: cands, Reason: reason}
}

// mergeConflicts adds new conflicts to the open ones; a new conflict on a
// path already conflicted joins its candidates.
func mergeConflicts(open, added []Conflict) []Conflict {
	byPath := map[string]int{}
	out := append([]Conflict(nil), open...)
	for i, c := range out {
		byPath[c.Path] = i
	}
	for _, c := range added {
		if i, ok := byPath[c.Path]; ok {
			out[i].Candidates = append(out[i].Candidates, c.Candidates...)
			out[i] = newConflict(out[i].Path, out[i].Current, out[i].Candidates, out[i].Reason)
			continue
		}
		byPath[c.Path] = len(out)
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// baseLookup returns a function that finds the content of a master
// revision: the current one, or an earlier one rebuilt from the history.
func baseLookup(master *Document, now string, cur flat, scope wardScope) func(rev string) (flat, bool) {
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
		f := flat{values: make(map[string]string, len(cur.values)), order: cur.order, index: new(map[string][]string)}
		for p, v := range cur.values {
			f.values[p] = v
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

// candidatePaths is every path a draft may have changed: all of its own
// and its base's, or for a draft cut for some wards, the base's paths
// outside wards and under those wards only. The index makes merging a
// one-ward draft into an England-scale master cheap.
func candidatePaths(base, df flat, d *Document) map[string]bool {
	if d.Draft == nil || len(d.Draft.Wards) == 0 {
		return unionKeys(base.values, df.values)
	}
	idx := base.wardIndex()
	u := make(map[string]bool, len(df.values)*2)
	for p := range df.values {
		u[p] = true
	}
	for _, p := range idx[""] {
		u[p] = true
	}
	for _, c := range d.Draft.Wards {
		for _, p := range idx["wards["+quoteKey(c)+"]"] {
			u[p] = true
		}
	}
	return u
}

// draftScope limits a subset draft's changes to its wards.
func draftScope(d *Document) func(path string) bool {
	if d.Draft == nil || len(d.Draft.Wards) == 0 {
		return func(string) bool { return true }
	}
	keep := map[string]bool{}
	for _, c := range d.Draft.Wards {
		keep["wards["+quoteKey(c)+"]"] = true
	}
	return func(p string) bool {
		if !strings.HasPrefix(p, "wards[") {
			return true
		}
		end := strings.Index(p, "]")
		return keep[p[:end+1]]
	}
}

func unionKeys(a, b map[string]string) map[string]bool {
	u := make(map[string]bool, len(a))
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sortPathValues(pv []PathValue) []PathValue {
	sort.Slice(pv, func(i, j int) bool { return pv[i].Path < pv[j].Path })
	return pv
}

func uniqueSources(s []Source) []Source {
	seen := map[string]bool{}
	var out []Source
	for _, x := range s {
		k := x.Draft + "\x00" + x.SavedAt
		if !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Draft < out[j].Draft })
	return out
}

// InHistory reports whether rev is one of the earlier revisions d's history
// records (not d's own revision, which Revision computes).
func (d *Document) InHistory(rev string) bool {
	for _, h := range d.History {
		if h.Revision == rev {
			return true
		}
	}
	return false
}

// OpenConflicts returns the conflicts still waiting for a coordinator.
func (d *Document) OpenConflicts() []Conflict { return d.Conflicts }

// Resolution is a coordinator's answer to a conflict: Take names a
// candidate (1-based, as `jsna conflicts` lists them), or Value gives a new
// canonical JSON value ("" with Delete to remove the path).
type Resolution struct {
	Take   int
	Value  string
	Delete bool
	By     string
	At     time.Time
}

// Resolve settles the conflict id in master and returns the new master;
// master itself is not changed. On a record's conflict a candidate (or a
// Value) that is a JSON object replaces the whole record; the candidate
// that keeps the record (the value "\x00record", which jsna conflicts shows
// as "(keep the record)") leaves it as it is, and "" deletes it. The result must validate: a
// choice that does not fit is an error and the conflict stays open. The
// choice is recorded (who, when, chosen over what) and the path's
// provenance names the resolver.
func Resolve(master *Document, id string, r Resolution) (*Document, error) {
	idx := -1
	for i, c := range master.Conflicts {
		if c.ID == id {
			idx = i
		}
	}
	if idx < 0 {
		return nil, fmt.Errorf("jsna: no open conflict %q", id)
	}
	c := master.Conflicts[idx]
	var chosen string
	switch {
	case r.Take > 0:
		if r.Take > len(c.Candidates) {
			return nil, fmt.Errorf("jsna: conflict %s has %d candidates, not %d", id, len(c.Candidates), r.Take)
		}
		chosen = c.Candidates[r.Take-1].Value
	case r.Delete:
		chosen = ""
	default:
		if !gjson.Valid(r.Value) {
			// A bare word is taken as a string.
			r.Value = string(appendString(nil, r.Value))
		}
		chosen = string(canonicalRaw(gjson.Parse(r.Value)))
	}
	scope := pathScope(master, c.Path)
	cur := flattenScoped(master, scope)
	next := flat{values: make(map[string]string, len(cur.values)), order: cur.order}
	for p, v := range cur.values {
		next.values[p] = v
	}
	var undo []PathValue
	apply := func(p, v string) {
		if next.values[p] == v {
			return
		}
		undo = append(undo, PathValue{Path: p, Value: cur.values[p]})
		if v == "" {
			delete(next.values, p)
		} else {
			next.values[p] = v
		}
	}
	if strings.HasSuffix(c.Path, "]") && strings.HasPrefix(chosen, "{") {
		// A version of a whole record: its fields replace the record's.
		for p := range cur.values {
			if p == c.Path || strings.HasPrefix(p, c.Path+".") || strings.HasPrefix(p, c.Path+"[") {
				apply(p, "")
			}
		}
		rec := flat{values: map[string]string{}, order: next.order}
		rec.walk(c.Path, gjson.Parse(chosen), false)
		apply(c.Path, recordMark)
		for p, v := range rec.values {
			apply(p, v)
		}
	} else if chosen == recordMark || (chosen == "" && cur.values[c.Path] == recordMark) {
		// A delete-versus-edit conflict: keep the record, or delete it
		// with everything under it.
		if chosen == "" {
			for p := range cur.values {
				if p == c.Path || strings.HasPrefix(p, c.Path+".") || strings.HasPrefix(p, c.Path+"[") {
					apply(p, "")
				}
			}
		}
	} else {
		apply(c.Path, chosen)
	}
	out, err := rebuild(master, next, scope)
	if err != nil {
		return nil, fmt.Errorf("jsna: resolve: the chosen value does not fit %s: %w", c.Path, err)
	}
	if err := out.Validate(); err != nil {
		return nil, fmt.Errorf("jsna: resolve: the chosen value does not fit %s: %w", c.Path, err)
	}
	at := r.At.UTC().Format(time.RFC3339)
	out.History = append(append([]HistoryEntry(nil), master.History...), HistoryEntry{Revision: Revision(master), SavedAt: at, Undo: sortPathValues(undo)})
	out.Conflicts = append(append([]Conflict(nil), master.Conflicts[:idx]...), master.Conflicts[idx+1:]...)
	out.Tombstones, out.Merged = master.Tombstones, master.Merged
	out.Resolutions = append(append([]ResolutionRecord(nil), master.Resolutions...), ResolutionRecord{Conflict: id, Path: c.Path, Chosen: chosen, Over: c.Candidates, By: r.By, At: at})
	out.Provenance = nil
	for _, p := range master.Provenance {
		if p.Path != c.Path {
			out.Provenance = append(out.Provenance, p)
		}
	}
	out.Provenance = append(out.Provenance, Provenance{Path: c.Path, By: []Source{{Draft: "resolution " + id, Author: r.By, Role: RoleCoordinator, SavedAt: at}}})
	sort.Slice(out.Provenance, func(i, j int) bool { return out.Provenance[i].Path < out.Provenance[j].Path })
	return out, nil
}

// Change is one difference between two documents' content.
type Change struct {
	Path string `json:"path"`
	From string `json:"from,omitempty"` // canonical JSON; "" absent
	To   string `json:"to,omitempty"`
}

// Diff lists the paths whose content differs between a and b, sorted by
// path. Merge bookkeeping and draft blocks are not content.
func Diff(a, b *Document) []Change {
	s := diffScope(a, b)
	fa, fb := flattenScoped(a, s), flattenScoped(b, s)
	var out []Change
	for _, p := range sortedKeys(unionKeys(fa.values, fb.values)) {
		if fa.values[p] != fb.values[p] {
			out = append(out, Change{Path: p, From: shown(fa.values[p]), To: shown(fb.values[p])})
		}
	}
	return out
}

func shown(v string) string {
	if v == recordMark {
		return "(record)"
	}
	return v
}

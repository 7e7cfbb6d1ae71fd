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
// changed in several drafts are merged line by line where the edits do not
// overlap. A record deleted in one draft and edited in another is a
// conflict; a plain delete leaves a Tombstone. A draft whose base is not
// in the history is compared with the current master and every difference
// becomes a conflict. Drafts already merged (same id and content) are
// skipped, and the result does not depend on the order of drafts. The new
// master records its previous revision in its history.
func Merge(master *Document, drafts []*Document, opts MergeOptions) (*Document, *MergeReport, error) {
	rep := &MergeReport{}
	cur := flatten(master)
	bases := baseLookup(master, cur)
	merged := map[string]string{}
	for _, m := range master.Merged {
		merged[m.Draft] = m.Revision
	}
	// Deterministic order whatever order the caller gives.
	type dr struct {
		d   *Document
		rev string
	}
	var ds []dr
	seen := map[string]bool{}
	for _, d := range drafts {
		if d.Draft == nil {
			return nil, nil, errors.New("jsna: merge: a document without a draft block is not a draft")
		}
		if err := d.Validate(); err != nil {
			return nil, nil, fmt.Errorf("jsna: merge: draft %q: %w", d.Draft.ID, err)
		}
		h := sha256.Sum256(Canonical(d))
		rev := "sha256:" + hex.EncodeToString(h[:])
		if merged[d.Draft.ID] == rev || seen[rev] {
			rep.Skipped = append(rep.Skipped, d.Draft.ID)
			continue
		}
		seen[rev] = true
		ds = append(ds, dr{d, rev})
	}
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
	for _, x := range ds {
		d := x.d
		src := Source{Draft: d.Draft.ID, Author: d.Draft.Author, Role: d.Draft.Role, SavedAt: d.Draft.SavedAt}
		base, known := bases(d.Draft.Base)
		if !known {
			base = cur
		}
		df := flatten(d)
		scope := draftScope(d)
		dr := DraftReport{Draft: src.Draft, Author: src.Author, BaseKnown: known}
		for p := range candidatePaths(base, df, d) {
			if !scope(p) {
				continue // wards outside a subset draft are not deletions
			}
			bv, dv := base.values[p], df.values[p]
			if bv == dv {
				continue
			}
			dr.Changes++
			props[p] = append(props[p], proposal{src: src, base: bv, value: dv, known: known})
			if bv == recordMark && dv == "" {
				deleted[p] = append(deleted[p], src)
			}
		}
		rep.Drafts = append(rep.Drafts, dr)
	}
	next := flat{values: map[string]string{}, order: cur.order}
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
	// Deletions that meet edits inside the record are conflicts on the
	// record; the record's fields are left as they are.
	for _, rp := range sortedKeys(deleted) {
		var editors []Source
		for _, p := range paths {
			if strings.HasPrefix(p, rp+".") || strings.HasPrefix(p, rp+"[") {
				for _, pr := range props[p] {
					if pr.value != "" {
						editors = append(editors, pr.src)
					}
				}
			}
		}
		if len(editors) > 0 {
			c := newConflict(rp, cur.values[rp], []Candidate{{Value: "", By: deleted[rp]}, {Value: recordMark, By: uniqueSources(editors)}}, "deleted in one draft and edited in another")
			conflicts = append(conflicts, c)
			conflictAt[rp] = true
		}
	}
	underConflict := func(p string) bool {
		for rp := range conflictAt {
			if p == rp || strings.HasPrefix(p, rp+".") || strings.HasPrefix(p, rp+"[") {
				return true
			}
		}
		return false
	}
	var undo []PathValue
	set := func(p, v string, by []Source) {
		if next.values[p] == v {
			return
		}
		undo = append(undo, PathValue{Path: p, Value: cur.values[p]})
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
		clean := true
		for _, pr := range ps {
			if _, ok := byValue[pr.value]; !ok {
				values = append(values, pr.value)
			}
			byValue[pr.value] = append(byValue[pr.value], pr.src)
			if !pr.known || (c != pr.base && c != pr.value) {
				clean = false
			}
		}
		sort.Strings(values)
		if len(values) == 1 && clean {
			set(p, values[0], byValue[values[0]])
			rep.Taken++
			continue
		}
		if len(values) > 1 && clean {
			if text, ok := mergeText(c, ps); ok {
				var all []Source
				for _, v := range values {
					all = append(all, byValue[v]...)
				}
				set(p, text, uniqueSources(all))
				rep.Merged++
				continue
			}
		}
		var cands []Candidate
		for _, v := range values {
			cands = append(cands, Candidate{Value: v, By: byValue[v]})
		}
		reason := "changed differently in several drafts"
		if !clean {
			reason = "changed since the draft's base, or the draft's base is unknown"
		}
		conflicts = append(conflicts, newConflict(p, c, cands, reason))
	}
	// Deleted records leave tombstones with their last fields.
	var tombs []Tombstone
	for _, rp := range sortedKeys(deleted) {
		if conflictAt[rp] || next.values[rp] != "" {
			continue
		}
		t := Tombstone{Path: rp, By: deleted[rp]}
		for _, p := range sortedKeys(cur.values) {
			if p == rp || strings.HasPrefix(p, rp+".") || strings.HasPrefix(p, rp+"[") {
				t.Fields = append(t.Fields, PathValue{Path: p, Value: cur.values[p]})
			}
		}
		tombs = append(tombs, t)
	}
	body, err := unflatten(next)
	if err != nil {
		return nil, nil, err
	}
	out, err := Decode(body)
	if err != nil {
		return nil, nil, fmt.Errorf("jsna: merge produced an unreadable document: %w", err)
	}
	// Carry the bookkeeping forward and add this merge's.
	out.History = append(append([]HistoryEntry(nil), master.History...), HistoryEntry{Revision: Revision(master), SavedAt: opts.Now.UTC().Format(time.RFC3339), Undo: sortPathValues(undo)})
	if len(undo) == 0 && len(conflicts) == 0 && len(tombs) == 0 {
		out.History = master.History // nothing changed: no new revision
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
		if _, still := next.values[p]; still {
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
func baseLookup(master *Document, cur flat) func(rev string) (flat, bool) {
	now := Revision(master)
	cache := map[string]flat{}
	return func(rev string) (flat, bool) {
		if rev == now {
			return cur, true
		}
		if f, ok := cache[rev]; ok {
			return f, true
		}
		f := flat{values: map[string]string{}, order: cur.order, index: new(map[string][]string)}
		for p, v := range cur.values {
			f.values[p] = v
		}
		for i := len(master.History) - 1; i >= 0; i-- {
			h := master.History[i]
			for _, pv := range h.Undo {
				if pv.Value == "" {
					delete(f.values, pv.Path)
				} else {
					f.values[pv.Path] = pv.Value
				}
			}
			if h.Revision == rev {
				cache[rev] = f
				return f, true
			}
		}
		return flat{}, false
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
// master itself is not changed. The choice is recorded (who, when, chosen
// over what) and the path's provenance names the resolver.
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
	cur := flatten(master)
	next := flat{values: map[string]string{}, order: cur.order}
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
	if chosen == recordMark || (chosen == "" && cur.values[c.Path] == recordMark) {
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
	body, err := unflatten(next)
	if err != nil {
		return nil, err
	}
	out, err := Decode(body)
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
	fa, fb := flatten(a), flatten(b)
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

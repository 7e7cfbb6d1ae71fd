package merge

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

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
func NewDraft(master *jsna.Document, opts DraftOptions) (*jsna.Document, error) {
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
		var wards []jsna.Ward
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
	d, err := jsna.Decode(content(&src))
	if err != nil {
		return nil, err
	}
	d.Draft = &jsna.Draft{ID: opts.ID, Author: opts.Author, Role: opts.Role, Base: jsna.Revision(master),
		SavedAt: opts.Now.UTC().Format(time.RFC3339), Wards: append([]string(nil), opts.Wards...)}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

// Options say who merges and when.
type Options struct {
	Now time.Time
}

// Report says what a merge did.
type Report struct {
	Drafts     []DraftReport    `json:"drafts"`
	Taken      int              `json:"taken"`                // paths set from a single proposal
	Merged     int              `json:"merged"`               // narrative texts merged line by line
	Conflicts  []jsna.Conflict  `json:"conflicts"`            // opened by this merge
	Skipped    []string         `json:"skipped,omitempty"`    // ids of drafts merged before, with the same content
	Superseded []SupersededSave `json:"superseded,omitempty"` // earlier saves a later save of the same draft stands for
}

// DraftReport is one draft's part in a merge. Previous is the revision of
// the same draft's earlier save, merged before, that this save was merged
// against (what the author had when she last sent it); "" where this is
// the draft's first save to be merged.
type DraftReport struct {
	Draft     string `json:"draft"`
	Author    string `json:"author"`
	Changes   int    `json:"changes"`
	Conflicts int    `json:"conflicts"`
	BaseKnown bool   `json:"base_known"`
	Previous  string `json:"previous,omitempty"`
}

// SupersededSave is a save of a draft that a later save of the same draft
// (By, a revision) stands for: it is recorded as merged, and what it wrote
// is in the later save unless the author changed it since.
type SupersededSave struct {
	Draft    string `json:"draft"`
	SavedAt  string `json:"saved_at,omitempty"`
	Revision string `json:"revision"`
	By       string `json:"by"`
}

// proposal is one draft's change to one path.
type proposal struct {
	src   jsna.Source
	rev   string // the draft's revision
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
// Saves of one draft (the same Draft.ID) are one author continuing her
// work, ordered by Draft.SavedAt as an instant. A later save is merged
// against her previous merged save, rebuilt from the master
// (MergedDraft.Changes over its base revision): only what she changed
// since she last sent counts as her change, so a field she changed again
// is not a conflict with herself, and a field she changed back is a
// change. Where an open conflict lists her earlier value, her new value
// replaces it among the candidates. Several saves of one draft in one
// batch are merged as successive saves: the latest stands for them all,
// and the earlier ones are recorded as merged and reported as Superseded,
// as is a save older than one merged before. Saves of the same instant
// cannot be ordered, so none is taken for a later save of another: each
// is merged against the view they share (or its own base, when it has the
// instant of the save merged before), and where they differ the
// coordinator sees a conflict; nothing is dropped. Drafts with no id are
// never taken for saves of one another.
//
// A draft whose base is not in the history is compared with the current
// master and every difference becomes a conflict; but a draft of another
// document (another id) whose base is unknown is refused. Drafts already
// merged (same id and content) are skipped, and the result does not depend
// on the order of drafts. The new master records its previous revision in
// its history. Drafts cut for some wards (Draft.Wards) are merged in time
// and memory proportional to those wards, not to the master.
func Merge(master *jsna.Document, drafts []*jsna.Document, opts Options) (*jsna.Document, *Report, error) {
	rep := &Report{}
	masterRev := jsna.Revision(master)
	merged := map[string]bool{} // draft id and revision of every draft merged before
	for _, m := range master.Merged {
		merged[m.Draft+"\x00"+m.Revision] = true
	}
	last := latestSaves(master.Merged)
	var all []draftSave
	seen := map[string]bool{}
	for i, d := range drafts {
		if d.Draft == nil {
			return nil, nil, fmt.Errorf("jsna: merge: document %d is not a draft (no draft block)", i+1)
		}
		if err := d.Validate(); err != nil {
			return nil, nil, fmt.Errorf("jsna: merge: draft %q: %w", d.Draft.ID, err)
		}
		canon := jsna.Canonical(d)
		h := sha256.Sum256(canon)
		rev := "sha256:" + hex.EncodeToString(h[:])
		if merged[d.Draft.ID+"\x00"+rev] || seen[rev] {
			rep.Skipped = append(rep.Skipped, d.Draft.ID)
			continue
		}
		if d.ID != master.ID && d.Draft.Base != masterRev && !master.InHistory(d.Draft.Base) {
			return nil, nil, fmt.Errorf("jsna: merge: draft %q is a draft of %q, not of this master %q, and its base is not in the master's history", d.Draft.ID, d.ID, master.ID)
		}
		seen[rev] = true
		all = append(all, draftSave{d, rev, canon})
	}
	// Deterministic order whatever order the caller gives: by draft id,
	// then the saves of each draft oldest first.
	sort.Slice(all, func(i, j int) bool {
		a, b := all[i].d.Draft, all[j].d.Draft
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return savedBefore(a.SavedAt, all[i].rev, b.SavedAt, all[j].rev)
	})
	// The latest save of each draft stands for the earlier ones. Saves of
	// the latest instant all stand: none is known to be later.
	var ds, superseded []draftSave
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
		if l, ok := last[all[i].d.Draft.ID]; ok && all[i].d.Draft.ID != "" && compareSaved(all[j-1].d.Draft.SavedAt, l.SavedAt) < 0 {
			by, first = l.Revision, j // even the latest is older than a save merged before
		}
		ds = append(ds, all[first:j]...)
		for _, x := range all[i:first] {
			superseded = append(superseded, x)
			rep.Superseded = append(rep.Superseded, SupersededSave{Draft: x.d.Draft.ID, SavedAt: x.d.Draft.SavedAt, Revision: x.rev, By: by})
		}
		i = j
	}
	var kept []*jsna.Document
	for _, x := range ds {
		kept = append(kept, x.d)
	}
	scope := mergeScope(master, kept)
	cur := flattenScoped(master, scope)
	bases := baseLookup(master, masterRev, cur, scope)
	props := map[string][]proposal{}
	deleted := map[string][]jsna.Source{} // record path → who deleted it
	// Records deleted by a draft that did not see their current content:
	// its base is unknown, or the master changed them since its base.
	stale := map[string]bool{}
	// Records the master deleted since a draft's base, which the draft
	// still edits.
	revived := map[string][]jsna.Source{}
	changes := map[string][]jsna.PathValue{} // draft revision → its changes from its base revision
	for i, x := range ds {
		d := x.d
		src := jsna.Source{Draft: d.Draft.ID, Author: d.Draft.Author, Role: d.Draft.Role, SavedAt: d.Draft.SavedAt, Sender: d.Draft.Sender}
		base, known := bases(d.Draft.Base)
		if !known {
			base = cur
		}
		df := flattenCanonical(x.canon) // the draft block is not content
		ds[i].canon = nil
		inDraft := draftScope(d)
		dr := DraftReport{Draft: src.Draft, Author: src.Author, BaseKnown: known}
		// What the draft is compared with: its base revision, or for a
		// later save, her previous save rebuilt on that revision.
		v := view{base: base, since: base.since}
		if l, ok := last[d.Draft.ID]; ok && d.Draft.ID != "" && !l.tied && compareSaved(l.SavedAt, d.Draft.SavedAt) < 0 {
			dr.Previous = l.Revision
			v = continued(base, l.Changes, cur, func(p string) bool { return scope.covers(p) && inDraft(p) })
		}
		var wrote []jsna.PathValue
		visit := func(p string) {
			if !inDraft(p) {
				return // wards outside a subset draft are not deletions
			}
			dv, bv := df.values[p], base.values[p]
			if dv != bv {
				wrote = append(wrote, jsna.PathValue{Path: p, Value: dv})
			}
			if o, ok := v.over[p]; ok {
				bv = o
			}
			if bv == dv {
				return
			}
			dr.Changes++
			props[p] = append(props[p], proposal{src: src, rev: x.rev, base: bv, value: dv, known: known})
			if dv != "" && len(v.since) > 0 {
				for _, rp := range recordsAbove(p) {
					if v.value(rp) == recordMark && cur.values[rp] != recordMark {
						revived[rp] = appendSource(revived[rp], src)
						break
					}
				}
			}
			if bv == recordMark && dv == "" {
				deleted[p] = append(deleted[p], src)
				if !known || len(within(v.since, p)) > 0 {
					stale[p] = true
				}
			}
		}
		eachCandidate(base, df, d, visit)
		for p := range v.over {
			_, inDf := df.values[p]
			if _, inBase := base.values[p]; !inDf && !inBase {
				visit(p) // what she had and has no more
			}
		}
		if d.Draft.ID != "" {
			changes[x.rev] = sortPathValues(wrote)
		}
		rep.Drafts = append(rep.Drafts, dr)
	}
	next := flat{values: make(map[string]string, len(cur.values)), order: cur.order}
	for p, v := range cur.values {
		next.values[p] = v
	}
	prov := map[string][]jsna.Source{}
	for _, p := range master.Provenance {
		prov[p.Path] = p.By
	}
	openAt := map[string]int{} // path → index of its open conflict in master
	for i, c := range master.Conflicts {
		openAt[c.Path] = i
	}
	var conflicts []jsna.Conflict
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
	draftOf := map[string]*jsna.Document{} // revision → draft
	for _, x := range ds {
		draftOf[x.rev] = x.d
	}
	// recordConflict makes the conflict on a whole record (or member) rp
	// whose changes cannot be taken field by field: every draft that
	// changed something in it offers its version of the record ("" where
	// it deleted it), and the master's own content is a candidate too
	// (recordMark: keep the record as it is; "": leave it deleted).
	recordConflict := func(rp, kind string) jsna.Conflict {
		byVersion := map[string][]jsna.Source{}
		for _, q := range within(paths, rp) {
			for _, pr := range props[q] {
				v := recordVersion(draftOf[pr.rev], rp)
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
		var cands []jsna.Candidate
		for _, v := range sortedKeys(byVersion) {
			cands = append(cands, jsna.Candidate{Value: v, By: uniqueSources(byVersion[v])})
		}
		conflictAt[rp] = true
		return newConflict(rp, cur.values[rp], cands, kind)
	}
	// A record the master deleted since a draft's base and the draft
	// edited: the deletion, or a draft's version of the record.
	for _, rp := range sortedKeys(revived) {
		if !underConflict(rp) {
			conflicts = append(conflicts, recordConflict(rp, jsna.ConflictDeletedInMaster))
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
			conflicts = append(conflicts, recordConflict(rp, jsna.ConflictDeletedAndEdited))
		case stale[rp]:
			conflicts = append(conflicts, recordConflict(rp, jsna.ConflictStaleDelete))
		}
	}
	changed := map[string]bool{} // paths set from drafts
	taken, textMerged := map[string]bool{}, map[string]bool{}
	set := func(p, v string, by []jsna.Source) {
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
		byValue := map[string][]jsna.Source{}
		var values []string
		clean, known, again := true, true, false
		for _, pr := range ps {
			if _, ok := byValue[pr.value]; !ok {
				values = append(values, pr.value)
			}
			byValue[pr.value] = append(byValue[pr.value], pr.src)
			if !pr.known || (c != pr.base && c != pr.value) {
				clean = false
			}
			known = known && pr.known
			if i, open := openAt[p]; open && laterSave(pr.src, master.Conflicts[i]) {
				// The open conflict holds her earlier value: her new
				// one replaces it there.
				again = true
			}
		}
		sort.Strings(values)
		if len(values) == 1 && clean && !again {
			set(p, values[0], byValue[values[0]])
			taken[p] = true
			continue
		}
		kind := jsna.ConflictChangedDifferently
		if !clean {
			kind = jsna.ConflictChangedSinceBase
		}
		if !known {
			kind = jsna.ConflictBaseUnknown
		}
		if known && !again && (len(values) > 1 || !clean) {
			// Narrative text changed in several drafts, or in a draft and
			// in the master since its base: diff3, line by line.
			text, isText, ok := mergeText(c, ps)
			if ok {
				var all []jsna.Source
				for _, v := range values {
					all = append(all, byValue[v]...)
				}
				set(p, text, uniqueSources(all))
				textMerged[p] = true
				continue
			}
			if isText {
				kind = jsna.ConflictTextOverlap
			}
		}
		if strings.HasSuffix(p, "]") {
			// A record added or deleted: its fields cannot be chosen
			// apart from it.
			conflicts = append(conflicts, recordConflict(p, kind))
			continue
		}
		var cands []jsna.Candidate
		for _, v := range values {
			cands = append(cands, jsna.Candidate{Value: v, By: byValue[v]})
		}
		conflicts = append(conflicts, newConflict(p, c, cands, kind))
	}
	// pathsUnder lists the paths of cur and next that are record rp or
	// under it, unsorted and perhaps twice: next differs from cur only at
	// paths in changed.
	pathsUnder := func(rp string) []string {
		var out []string
		for _, q := range cur.wardIndex()[wardOf(rp)] {
			if isUnder(q, rp) {
				out = append(out, q)
			}
		}
		for q := range changed {
			if isUnder(q, rp) {
				out = append(out, q)
			}
		}
		return out
	}
	// dirty lists the paths where next differs from cur, all of them set
	// from drafts.
	dirty := func() []string {
		var ps []string
		for p := range changed {
			if next.values[p] != cur.values[p] {
				ps = append(ps, p)
			}
		}
		return ps
	}
	// Changes taken field by field may not fit together (an interval from
	// one draft around a value kept from the master, a record new in two
	// drafts whose required text conflicts): where the result breaks a rule
	// the master kept, the record's changes are undone and it becomes one
	// conflict between the drafts' versions of the whole record. Whether
	// the master kept the rules is asked only when the result breaks one.
	frag, err := scopedFragment(master, cur, next, dirty(), scope)
	if err != nil {
		return nil, nil, fmt.Errorf("jsna: merge produced an unreadable document: %w", err)
	}
	for round := 0; round < 8; round++ {
		records := map[string]bool{}
		for p := range changed {
			if next.values[p] == "" {
				if cur.values[p] == recordMark {
					// A record deleted with some of its fields left.
					for _, q := range pathsUnder(p) {
						if _, left := next.values[q]; left && q != p {
							records[p] = true
							break
						}
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
		var ve *jsna.Error
		if errors.As(verr, &ve) {
			for _, pb := range ve.Problems {
				if r := recordOf(frag, next, pb.Path); r != "" {
					records[r] = true
				}
			}
		}
		if len(records) == 0 && verr == nil {
			break
		}
		if round == 0 && scopedContent(master, scope).Validate() != nil {
			break // a rule the master broke already is not the drafts' to keep
		}
		if len(records) == 0 {
			return nil, nil, fmt.Errorf("jsna: merge produced an invalid master: %w", verr)
		}
		for _, r := range sortedKeys(records) {
			if underConflict(r) {
				continue
			}
			var touched []string
			for _, q := range pathsUnder(r) {
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
			kind := jsna.ConflictRecordVersions
			if cur.values[r] == "" && strings.HasSuffix(r, "]") {
				kind = jsna.ConflictAddedDifferently
			}
			conflicts = append(kept, recordConflict(r, kind))
		}
		if frag, err = scopedFragment(master, cur, next, dirty(), scope); err != nil {
			return nil, nil, fmt.Errorf("jsna: merge produced an unreadable document: %w", err)
		}
	}
	rep.Taken, rep.Merged = len(taken), len(textMerged)
	var undo []jsna.PathValue
	for p := range changed {
		if next.values[p] != cur.values[p] {
			undo = append(undo, jsna.PathValue{Path: p, Value: cur.values[p]})
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
	var tombs []jsna.Tombstone
	for _, rp := range sortedKeys(deleted) {
		if conflictAt[rp] || underConflict(rp) || next.values[rp] != "" {
			continue
		}
		t := jsna.Tombstone{Path: rp, By: deleted[rp]}
		var fields []string
		for _, p := range pathsUnder(rp) {
			if _, ok := cur.values[p]; ok {
				fields = append(fields, p)
			}
		}
		sort.Strings(fields)
		for _, p := range slices.Compact(fields) {
			t.Fields = append(t.Fields, jsna.PathValue{Path: p, Value: cur.values[p]})
		}
		tombs = append(tombs, t)
	}
	out := assemble(master, frag, scope)
	// Carry the bookkeeping forward and add this merge's. Any draft merged
	// changes the master's revision (its merged list at least), so the old
	// revision goes into the history for drafts still based on it.
	out.History = master.History
	if len(ds)+len(superseded) > 0 {
		out.History = append(append([]jsna.HistoryEntry(nil), master.History...), jsna.HistoryEntry{Revision: masterRev, SavedAt: opts.Now.UTC().Format(time.RFC3339), Undo: sortPathValues(undo)})
	}
	out.Conflicts = mergeConflicts(master.Conflicts, conflicts)
	out.Tombstones = append(append([]jsna.Tombstone(nil), master.Tombstones...), tombs...)
	// Only the latest merged saves of a draft keep their changes.
	newest := map[string]string{} // draft id → saved_at of its saves merged now
	for _, x := range ds {
		if x.d.Draft.ID != "" {
			newest[x.d.Draft.ID] = x.d.Draft.SavedAt
		}
	}
	out.Merged = make([]jsna.MergedDraft, 0, len(master.Merged)+len(ds)+len(superseded))
	for _, m := range master.Merged {
		if at, ok := newest[m.Draft]; ok && compareSaved(m.SavedAt, at) < 0 {
			m.Changes = nil
		}
		out.Merged = append(out.Merged, m)
	}
	for _, x := range ds {
		out.Merged = append(out.Merged, jsna.MergedDraft{Draft: x.d.Draft.ID, Revision: x.rev, SavedAt: x.d.Draft.SavedAt, Changes: changes[x.rev]})
	}
	for _, x := range superseded {
		out.Merged = append(out.Merged, jsna.MergedDraft{Draft: x.d.Draft.ID, Revision: x.rev, SavedAt: x.d.Draft.SavedAt})
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
			out.Provenance = append(out.Provenance, jsna.Provenance{Path: p, By: prov[p]})
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

// draftSave is a draft given to Merge, with its revision and its
// canonical encoding.
type draftSave struct {
	d     *jsna.Document
	rev   string
	canon []byte
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

// latestSaves returns the latest merged save of each draft id.
func latestSaves(merged []jsna.MergedDraft) map[string]lastSave {
	last := map[string]lastSave{}
	for _, m := range merged {
		if m.Draft == "" {
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
func laterSave(src jsna.Source, c jsna.Conflict) bool {
	for _, cand := range c.Candidates {
		for _, s := range cand.By {
			if s.Draft == src.Draft && compareSaved(s.SavedAt, src.SavedAt) < 0 {
				return true
			}
		}
	}
	return false
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

func newConflict(path, current string, cands []jsna.Candidate, kind string) jsna.Conflict {
	h := sha256.New()
	h.Write([]byte(path + "\x00" + current))
	for _, c := range cands {
		h.Write([]byte("\x00" + c.Value))
		for _, s := range c.By {
			h.Write([]byte("\x01" + s.Draft + "\x01" + s.SavedAt))
		}
	}
	return jsna.Conflict{ID: "c-" + hex.EncodeToString(h.Sum(nil))[:12], Path: path, Current: current, Candidates: cands, Kind: kind, Reason: jsna.ConflictReason(kind)}
}

// mergeConflicts adds new conflicts to the open ones. A new conflict on a
// path already conflicted joins its candidates: a later save of a draft
// replaces the earlier save's candidate, and candidates with the same
// value become one. The open conflict keeps its kind and reason, and gets
// a new id.
func mergeConflicts(open, added []jsna.Conflict) []jsna.Conflict {
	byPath := map[string]int{}
	out := append([]jsna.Conflict(nil), open...)
	for i, c := range out {
		byPath[c.Path] = i
	}
	for _, c := range added {
		i, ok := byPath[c.Path]
		if !ok {
			byPath[c.Path] = len(out)
			out = append(out, c)
			continue
		}
		o := out[i]
		var cands []jsna.Candidate
		for _, cand := range o.Candidates {
			var by []jsna.Source
			for _, s := range cand.By {
				if !supersededBy(s, c) {
					by = append(by, s)
				}
			}
			if len(by) > 0 {
				cands = append(cands, jsna.Candidate{Value: cand.Value, By: by, Extra: cand.Extra})
			}
		}
		cands = joinCandidates(append(cands, c.Candidates...))
		j := newConflict(o.Path, o.Current, cands, o.Kind)
		j.Reason, j.Extra = o.Reason, o.Extra
		out[i] = j
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// supersededBy reports whether s is an earlier save of a draft that
// proposes a value in c.
func supersededBy(s jsna.Source, c jsna.Conflict) bool {
	for _, cand := range c.Candidates {
		for _, t := range cand.By {
			if t.Draft == s.Draft && compareSaved(s.SavedAt, t.SavedAt) < 0 {
				return true
			}
		}
	}
	return false
}

// joinCandidates makes candidates with the same value one, in the order
// each value first comes.
func joinCandidates(cands []jsna.Candidate) []jsna.Candidate {
	at := map[string]int{}
	var out []jsna.Candidate
	for _, c := range cands {
		if i, ok := at[c.Value]; ok {
			out[i].By = uniqueSources(append(append([]jsna.Source(nil), out[i].By...), c.By...))
			continue
		}
		at[c.Value] = len(out)
		out = append(out, c)
	}
	return out
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

// eachCandidate calls visit once for every path a draft may have changed
// from base, given its flat form df: all of its own and its base's, or for
// a draft cut for some wards, the base's paths outside wards and under
// those wards only. The ward index makes merging a one-ward draft into an
// England-scale master cheap.
func eachCandidate(base, df flat, d *jsna.Document, visit func(string)) {
	for p := range df.values {
		visit(p)
	}
	if d.Draft == nil || len(d.Draft.Wards) == 0 {
		for p := range base.values {
			if _, in := df.values[p]; !in {
				visit(p)
			}
		}
		return
	}
	idx := base.wardIndex()
	groups := [][]string{idx[""]}
	seen := map[string]bool{}
	for _, c := range d.Draft.Wards {
		if k := "wards[" + quoteKey(c) + "]"; !seen[k] {
			seen[k] = true
			groups = append(groups, idx[k])
		}
	}
	for _, g := range groups {
		for _, p := range g {
			if _, in := df.values[p]; !in {
				visit(p)
			}
		}
	}
}

// draftScope limits a subset draft's changes to its wards.
func draftScope(d *jsna.Document) func(path string) bool {
	if d.Draft == nil || len(d.Draft.Wards) == 0 {
		return func(string) bool { return true }
	}
	keep := map[string]bool{}
	for _, c := range d.Draft.Wards {
		keep["wards["+quoteKey(c)+"]"] = true
	}
	return func(p string) bool {
		k := wardOf(p)
		return k == "" || keep[k]
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

func sortPathValues(pv []jsna.PathValue) []jsna.PathValue {
	sort.Slice(pv, func(i, j int) bool { return pv[i].Path < pv[j].Path })
	return pv
}

func uniqueSources(s []jsna.Source) []jsna.Source {
	seen := map[string]bool{}
	var out []jsna.Source
	for _, x := range s {
		k := x.Draft + "\x00" + x.SavedAt
		if !seen[k] {
			seen[k] = true
			out = append(out, x)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Draft != out[j].Draft {
			return out[i].Draft < out[j].Draft
		}
		return savedBefore(out[i].SavedAt, "", out[j].SavedAt, "")
	})
	return out
}

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
func Resolve(master *jsna.Document, id string, r Resolution) (*jsna.Document, error) {
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
			r.Value = string(jsna.AppendString(nil, r.Value))
		}
		chosen = string(jsna.CanonicalJSON(gjson.Parse(r.Value)))
	}
	scope := pathScope(master, c.Path)
	cur := flattenScoped(master, scope)
	next := flat{values: make(map[string]string, len(cur.values)), order: cur.order}
	for p, v := range cur.values {
		next.values[p] = v
	}
	var undo []jsna.PathValue
	apply := func(p, v string) {
		if next.values[p] == v {
			return
		}
		undo = append(undo, jsna.PathValue{Path: p, Value: cur.values[p]})
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
	out.History = append(append([]jsna.HistoryEntry(nil), master.History...), jsna.HistoryEntry{Revision: jsna.Revision(master), SavedAt: at, Undo: sortPathValues(undo)})
	out.Conflicts = append(append([]jsna.Conflict(nil), master.Conflicts[:idx]...), master.Conflicts[idx+1:]...)
	out.Tombstones, out.Merged = master.Tombstones, master.Merged
	out.Resolutions = append(append([]jsna.ResolutionRecord(nil), master.Resolutions...), jsna.ResolutionRecord{Conflict: id, Path: c.Path, Chosen: chosen, Over: c.Candidates, By: r.By, At: at})
	out.Provenance = nil
	for _, p := range master.Provenance {
		if p.Path != c.Path {
			out.Provenance = append(out.Provenance, p)
		}
	}
	out.Provenance = append(out.Provenance, jsna.Provenance{Path: c.Path, By: []jsna.Source{{Draft: "resolution " + id, Author: r.By, Role: jsna.RoleCoordinator, SavedAt: at}}})
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
func Diff(a, b *jsna.Document) []Change {
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

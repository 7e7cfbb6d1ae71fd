package merge

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

// Resolution is a coordinator's answer to a conflict: Take names a
// candidate (1-based, as `jsna conflicts` lists them), or Value gives a new
// canonical JSON value ("" with Delete to remove the path).
type Resolution struct {
	Take   int
	Value  string
	Delete bool
	// KeepAll keeps every version of a record added differently, each
	// under the id KeptIDs gives it (see KeepAll's doc in keepboth.go).
	KeepAll bool
	By      string
	At      time.Time
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
	if r.KeepAll {
		return keepAll(master, idx, r)
	}
	chosen, err := chosenValue(c, r)
	if err != nil {
		return nil, err
	}
	scope := pathScope(master, c.Path)
	cur := flattenScoped(master, scope)
	next, undo := applyChoice(cur, c.Path, chosen)
	at := r.At.UTC().Format(time.RFC3339)
	resolver := jsna.Source{Draft: "resolution " + id, Author: r.By, Role: jsna.RoleCoordinator, SavedAt: at}
	return settle(master, idx, next, scope, undo, chosen, r, []jsna.Provenance{{Path: c.Path, By: []jsna.Source{resolver}}})
}

// settle is master with conflict idx resolved: the content next (in
// scope), the history entry undoing it, the resolution recorded with
// chosen, and prov replacing the provenance of its paths.
func settle(master *jsna.Document, idx int, next flat, scope wardScope, undo []jsna.PathValue, chosen string, r Resolution, prov []jsna.Provenance) (*jsna.Document, error) {
	c := master.Conflicts[idx]
	out, err := rebuild(master, next, scope)
	if err != nil {
		return nil, fmt.Errorf("jsna: resolve: the chosen value does not fit %s: %w", c.Path, err)
	}
	if err := out.Validate(); err != nil {
		return nil, fmt.Errorf("jsna: resolve: the chosen value does not fit %s: %w", c.Path, err)
	}
	at := r.At.UTC().Format(time.RFC3339)
	out.History = append(append([]jsna.HistoryEntry(nil), master.History...), jsna.HistoryEntry{Revision: jsna.Revision(master), SavedAt: at, Undo: sortPathValues(undo), By: r.By, Resolved: c.ID})
	out.Conflicts = append(append([]jsna.Conflict(nil), master.Conflicts[:idx]...), master.Conflicts[idx+1:]...)
	out.Tombstones, out.Merged = master.Tombstones, master.Merged
	out.Resolutions = append(append([]jsna.ResolutionRecord(nil), master.Resolutions...), jsna.ResolutionRecord{Conflict: c.ID, Path: c.Path, Chosen: chosen, Over: c.Candidates, By: r.By, At: at})
	replaced := map[string]bool{}
	for _, p := range prov {
		replaced[p.Path] = true
	}
	out.Provenance = nil
	for _, p := range master.Provenance {
		if !replaced[p.Path] {
			out.Provenance = append(out.Provenance, p)
		}
	}
	out.Provenance = append(out.Provenance, prov...)
	sort.Slice(out.Provenance, func(i, j int) bool { return out.Provenance[i].Path < out.Provenance[j].Path })
	jsna.Seal(out)
	return out, nil
}

// chosenValue is the canonical JSON value resolution r chooses for
// conflict c: a candidate's, "" to delete, or r.Value, where a bare word
// is taken as a string.
func chosenValue(c jsna.Conflict, r Resolution) (string, error) {
	switch {
	case r.Take > 0:
		if r.Take > len(c.Candidates) {
			return "", fmt.Errorf("jsna: conflict %s has %d candidates, not %d", c.ID, len(c.Candidates), r.Take)
		}
		return c.Candidates[r.Take-1].Value, nil
	case r.Delete:
		return "", nil
	}
	v := r.Value
	if !gjson.Valid(v) {
		v = string(jsna.AppendString(nil, v))
	}
	return string(jsna.CanonicalJSON(gjson.Parse(v))), nil
}

// applyChoice is cur with the value chosen for the conflict at path
// written in, and what it takes to undo that. A version of a whole record
// replaces the record's fields; on a delete-versus-edit conflict the
// record is kept as it is, or deleted with everything under it.
func applyChoice(cur flat, path, chosen string) (flat, []jsna.PathValue) {
	next := flat{values: make(map[string]string, len(cur.values)), order: cur.order}
	for p, v := range cur.values {
		next.values[p] = v
	}
	var undo []jsna.PathValue
	set := func(p, v string) {
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
	deleteRecord := func() {
		for p := range cur.values {
			if isUnder(p, path) {
				set(p, "")
			}
		}
	}
	switch {
	case strings.HasSuffix(path, "]") && strings.HasPrefix(chosen, "{"):
		deleteRecord()
		rec := flat{values: map[string]string{}, order: next.order}
		rec.walk(path, gjson.Parse(chosen), false)
		set(path, recordMark)
		for p, v := range rec.values {
			set(p, v)
		}
	case chosen == recordMark:
	case chosen == "" && cur.values[path] == recordMark:
		deleteRecord()
	default:
		set(path, chosen)
	}
	return next, undo
}

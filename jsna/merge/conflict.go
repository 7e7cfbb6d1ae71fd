package merge

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"

	"github.com/wardwise/wardwise/jsna"
)

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
func mergeConflicts(open, added []jsna.Conflict, earlier func(s, t jsna.Source) bool) []jsna.Conflict {
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
				if !supersededBy(s, c, earlier) {
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
func supersededBy(s jsna.Source, c jsna.Conflict, earlier func(s, t jsna.Source) bool) bool {
	for _, cand := range c.Candidates {
		for _, t := range cand.By {
			if earlier(s, t) {
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

func uniqueSources(s []jsna.Source) []jsna.Source {
	seen := map[string]bool{}
	var out []jsna.Source
	for _, x := range s {
		k := x.Draft + "\x00" + x.SavedAt + "\x00" + x.Save
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

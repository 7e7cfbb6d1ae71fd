package merge

import (
	"sort"
	"strings"
)

// CombinePart is one run of lines of a combined text: lines settled
// (Lines, Versions nil), or a place where the texts overlap (Versions:
// each text's lines there, in the order the texts were given; Lines nil).
type CombinePart struct {
	Lines    []string   `json:"lines,omitempty"`
	Versions [][]string `json:"versions,omitempty"`
}

// Combine merges texts line by line for a coordinator to edit into one,
// the "combine" choice of a narrative conflict. With fromBase, every text
// is an edit of base (the master's value was the drafts' base): a change
// only one text made, or the same change made by several, is settled, as
// the line merge (diff3) would take it; where the texts change the same
// lines differently the part holds each text's lines. Without fromBase
// (the master may have changed since the drafts' bases) nothing is taken
// on trust: base only lines the texts up, and a line is settled only
// where every text has it; a caller that must keep the master's value
// passes it among texts. Parts follow one another in the order of base;
// joining every part's lines (an overlap's by one of its versions)
// rebuilds a text. Texts longer than 3,000 lines give one overlap of the
// whole texts.
func Combine(base string, texts []string, fromBase bool) []CombinePart {
	bl := splitLines(base)
	type owned struct {
		hunk
		owner int
	}
	var all []owned
	for k, t := range texts {
		hs, ok := lineHunks(bl, splitLines(t))
		if !ok {
			return wholeOverlap(texts)
		}
		for _, h := range hs {
			all = append(all, owned{h, k})
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end < all[j].end
	})
	var parts []CombinePart
	settle := func(lines []string) {
		if len(lines) == 0 {
			return
		}
		if n := len(parts); n > 0 && parts[n-1].Versions == nil {
			parts[n-1].Lines = append(parts[n-1].Lines, lines...)
			return
		}
		parts = append(parts, CombinePart{Lines: append([]string(nil), lines...)})
	}
	pos := 0
	for i := 0; i < len(all); {
		// A cluster: hunks that overlap one another, directly or through
		// others, over base lines [cs, ce).
		cs, ce := all[i].start, all[i].end
		j := i + 1
		for j < len(all) && (overlaps(hunk{start: cs, end: ce}, all[j].hunk) || (!fromBase && all[j].start <= ce)) {
			ce = max(ce, all[j].end)
			j++
		}
		settle(bl[pos:cs])
		versions := make([][]string, len(texts))
		owners := map[int]bool{}
		for k := range texts {
			var mine []hunk
			for _, h := range all[i:j] {
				if h.owner == k {
					mine = append(mine, h.hunk)
					owners[k] = true
				}
			}
			versions[k] = applyHunks(bl, cs, ce, mine)
		}
		same := true
		for k := range texts {
			if owners[k] && !equalLines(versions[k], firstOwned(versions, owners)) {
				same = false
			}
		}
		switch {
		case same && (fromBase || len(owners) == len(texts)):
			settle(firstOwned(versions, owners))
		default:
			parts = append(parts, CombinePart{Versions: versions})
		}
		pos = ce
		i = j
	}
	settle(bl[pos:])
	return parts
}

// firstOwned is the version of the first text that changed the cluster.
func firstOwned(versions [][]string, owners map[int]bool) []string {
	for k := range versions {
		if owners[k] {
			return versions[k]
		}
	}
	return nil
}

// applyHunks is base lines [cs, ce) with hs (sorted, within the range,
// not overlapping: the hunks of one text) applied.
func applyHunks(bl []string, cs, ce int, hs []hunk) []string {
	out := []string{}
	pos := cs
	for _, h := range hs {
		out = append(out, bl[pos:h.start]...)
		out = append(out, h.lines...)
		pos = h.end
	}
	return append(out, bl[pos:ce]...)
}

func wholeOverlap(texts []string) []CombinePart {
	vs := make([][]string, len(texts))
	for k, t := range texts {
		vs[k] = splitLines(t)
	}
	return []CombinePart{{Versions: vs}}
}

// CombinedText joins parts into one text, each overlap written as its
// versions one after another, each between the lines open(k) and close(k)
// for text k. A version that is empty is written as its two marks alone.
func CombinedText(parts []CombinePart, open, close func(k int) string) string {
	var lines []string
	for _, p := range parts {
		if p.Versions == nil {
			lines = append(lines, p.Lines...)
			continue
		}
		for k, v := range p.Versions {
			lines = append(lines, open(k))
			lines = append(lines, v...)
			lines = append(lines, close(k))
		}
	}
	return strings.Join(lines, "\n")
}

package merge

import "strings"

// hunk replaces base lines [start, end) with lines.
type hunk struct {
	start, end int
	lines      []string
}

// maxDiffLines bounds the line diff (quadratic in the lines compared); a
// longer text edited in two drafts is a conflict rather than a slow merge.
const maxDiffLines = 3000

// lineHunks returns the edits that turn base into other, from a longest
// common subsequence of lines.
func lineHunks(base, other []string) ([]hunk, bool) {
	n, m := len(base), len(other)
	if n > maxDiffLines || m > maxDiffLines {
		return nil, false
	}
	// lcs[i][j] is the LCS length of base[i:] and other[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if base[i] == other[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var hunks []hunk
	i, j := 0, 0
	cur := hunk{start: -1}
	flush := func() {
		if cur.start >= 0 {
			hunks = append(hunks, cur)
			cur = hunk{start: -1}
		}
	}
	for i < n || j < m {
		switch {
		case i < n && j < m && base[i] == other[j]:
			flush()
			i++
			j++
		case j < m && (i == n || lcs[i][j+1] >= lcs[i+1][j]):
			if cur.start < 0 {
				cur = hunk{start: i, end: i}
			}
			cur.lines = append(cur.lines, other[j])
			j++
		default:
			if cur.start < 0 {
				cur = hunk{start: i, end: i}
			}
			cur.end = i + 1
			i++
		}
	}
	flush()
	return hunks, true
}

// merge3 merges the line edits that a and b made to base (diff3). It
// reports false when edits overlap: the same base lines changed
// differently, or different lines inserted at the same place.
func merge3(base, a, b string) (string, bool) {
	bl, al, cl := splitLines(base), splitLines(a), splitLines(b)
	ha, ok1 := lineHunks(bl, al)
	hb, ok2 := lineHunks(bl, cl)
	if !ok1 || !ok2 {
		return "", false
	}
	var all []hunk
	ia, ib := 0, 0
	for ia < len(ha) || ib < len(hb) {
		if ia < len(ha) && ib < len(hb) {
			x, y := ha[ia], hb[ib]
			if x.start == y.start && x.end == y.end && equalLines(x.lines, y.lines) {
				all = append(all, x) // the same edit in both: once
				ia++
				ib++
				continue
			}
			if overlaps(x, y) {
				return "", false
			}
			if x.start < y.start || (x.start == y.start && x.end < y.end) {
				all = append(all, x)
				ia++
			} else {
				all = append(all, y)
				ib++
			}
			continue
		}
		if ia < len(ha) {
			all = append(all, ha[ia])
			ia++
		} else {
			all = append(all, hb[ib])
			ib++
		}
	}
	var out []string
	pos := 0
	for _, h := range all {
		out = append(out, bl[pos:h.start]...)
		out = append(out, h.lines...)
		pos = h.end
	}
	out = append(out, bl[pos:]...)
	return strings.Join(out, "\n"), true
}

func overlaps(x, y hunk) bool {
	if x.start == x.end && y.start == y.end {
		return x.start == y.start
	}
	return x.start < y.end && y.start < x.end
}

func equalLines(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

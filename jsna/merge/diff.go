package merge

import (
	"github.com/wardwise/wardwise/jsna"
)

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

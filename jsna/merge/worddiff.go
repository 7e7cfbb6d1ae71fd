package merge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DiffOp says what a DiffPart of a word difference is.
type DiffOp int

const (
	// Same is text both sides have.
	Same DiffOp = iota
	// Deleted is text only the first side has.
	Deleted
	// Inserted is text only the second side has.
	Inserted
)

func (op DiffOp) String() string {
	switch op {
	case Deleted:
		return "deleted"
	case Inserted:
		return "inserted"
	}
	return "same"
}

// DiffPart is one run of a word difference.
type DiffPart struct {
	Op   DiffOp
	Text string
}

// wordDiffCells bounds the table the longest common subsequence is found
// in (tokens of a times tokens of b, after the common start and end are
// taken off). Beyond it the middle is shown deleted and inserted whole,
// which is still exact, only coarser.
const wordDiffCells = 4_000_000

// WordDiff is the difference between a and b word by word: the parts, in
// order, whose Same and Deleted texts joined give a and whose Same and
// Inserted texts joined give b. A word is a run of letters, digits and
// marks; a run of spaces and each other character (punctuation) are
// tokens of their own. Within a change the deleted part comes before the
// inserted one, and a space alone between two changes is taken into
// both, so that "the big red dog" against "a small blue dog" reads as
// one change rather than three. Adjacent parts never share an Op, and no
// part is empty; equal texts give one Same part, and two empty texts none.
func WordDiff(a, b string) []DiffPart {
	ta, tb := wordTokens(a), wordTokens(b)
	pre := 0
	for pre < len(ta) && pre < len(tb) && ta[pre] == tb[pre] {
		pre++
	}
	suf := 0
	for suf < len(ta)-pre && suf < len(tb)-pre && ta[len(ta)-1-suf] == tb[len(tb)-1-suf] {
		suf++
	}
	var ops []tokenOp
	for _, t := range ta[:pre] {
		ops = append(ops, tokenOp{Same, t})
	}
	ops = append(ops, lcsOps(ta[pre:len(ta)-suf], tb[pre:len(tb)-suf])...)
	for _, t := range ta[len(ta)-suf:] {
		ops = append(ops, tokenOp{Same, t})
	}
	return joinParts(absorbSpaces(groupChanges(ops)))
}

type tokenOp struct {
	op  DiffOp
	tok string
}

// wordTokens splits s into words, runs of white space and single other
// characters.
func wordTokens(s string) []string {
	var out []string
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		class := tokenClass(r)
		if class != 0 {
			for n < len(s) {
				r2, m := utf8.DecodeRuneInString(s[n:])
				if tokenClass(r2) != class {
					break
				}
				n += m
			}
		}
		out = append(out, s[:n])
		s = s[n:]
	}
	return out
}

// tokenClass is 1 for a word's characters, 2 for white space and 0 for
// a character that is a token by itself.
func tokenClass(r rune) int {
	switch {
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 1
	case unicode.IsSpace(r):
		return 2
	}
	return 0
}

// lcsOps is the edit of a into b along a longest common subsequence of
// their tokens, or a deleted and b inserted whole when the table would be
// too large.
func lcsOps(a, b []string) []tokenOp {
	var ops []tokenOp
	if len(a)*len(b) > wordDiffCells || len(a) == 0 || len(b) == 0 {
		for _, t := range a {
			ops = append(ops, tokenOp{Deleted, t})
		}
		for _, t := range b {
			ops = append(ops, tokenOp{Inserted, t})
		}
		return ops
	}
	// l[i][j] is the length of the longest common subsequence of a[i:]
	// and b[j:].
	w := len(b) + 1
	l := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				l[i*w+j] = l[(i+1)*w+j+1] + 1
			case l[(i+1)*w+j] >= l[i*w+j+1]:
				l[i*w+j] = l[(i+1)*w+j]
			default:
				l[i*w+j] = l[i*w+j+1]
			}
		}
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			ops = append(ops, tokenOp{Same, a[i]})
			i, j = i+1, j+1
		case l[(i+1)*w+j] >= l[i*w+j+1]:
			ops = append(ops, tokenOp{Deleted, a[i]})
			i++
		default:
			ops = append(ops, tokenOp{Inserted, b[j]})
			j++
		}
	}
	for ; i < len(a); i++ {
		ops = append(ops, tokenOp{Deleted, a[i]})
	}
	for ; j < len(b); j++ {
		ops = append(ops, tokenOp{Inserted, b[j]})
	}
	return ops
}

// groupChanges puts, in each run of changed tokens, the deleted before
// the inserted.
func groupChanges(ops []tokenOp) []tokenOp {
	out := make([]tokenOp, 0, len(ops))
	for i := 0; i < len(ops); {
		if ops[i].op == Same {
			out = append(out, ops[i])
			i++
			continue
		}
		j := i
		for j < len(ops) && ops[j].op != Same {
			j++
		}
		for _, o := range ops[i:j] {
			if o.op == Deleted {
				out = append(out, o)
			}
		}
		for _, o := range ops[i:j] {
			if o.op == Inserted {
				out = append(out, o)
			}
		}
		i = j
	}
	return out
}

// absorbSpaces turns a Same run of white space alone between two changes
// into a deletion and an insertion of it, then groups the changes again.
func absorbSpaces(ops []tokenOp) []tokenOp {
	changed := false
	for i := 1; i+1 < len(ops); i++ {
		if ops[i].op == Same && strings.TrimSpace(ops[i].tok) == "" && ops[i-1].op != Same && ops[i+1].op != Same {
			ops = append(ops[:i+1], append([]tokenOp{{Inserted, ops[i].tok}}, ops[i+1:]...)...)
			ops[i].op = Deleted
			changed = true
		}
	}
	if changed {
		return groupChanges(ops)
	}
	return ops
}

// joinParts joins adjacent tokens of the same op into parts.
func joinParts(ops []tokenOp) []DiffPart {
	var out []DiffPart
	for i := 0; i < len(ops); {
		j := i
		var b strings.Builder
		for j < len(ops) && ops[j].op == ops[i].op {
			b.WriteString(ops[j].tok)
			j++
		}
		if b.Len() > 0 {
			out = append(out, DiffPart{ops[i].op, b.String()})
		}
		i = j
	}
	return out
}

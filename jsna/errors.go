package jsna

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Problem is one thing wrong with a document. Path is the JSON path of the
// offending member in the form wards[3].values[12].count ("" for the whole
// file). Line and Column, counted from 1, locate it in the file where they
// are known (always for syntax errors); they are 0 otherwise. Message is
// written for the person who has to fix the file.
type Problem struct {
	Path    string `json:"path"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Message string `json:"message"`
	// Text is Message as jsna made it, its format and arguments, for a
	// front end to word in another language (not in the JSON).
	Text Text `json:"-"`
}

// String formats p as "PATH (line L, column C): MESSAGE", leaving out what
// is unknown; a syntax error reads "line L, column C: MESSAGE".
func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Path)
	if p.Line > 0 {
		if p.Path != "" {
			fmt.Fprintf(&b, " (line %d, column %d)", p.Line, p.Column)
		} else {
			fmt.Fprintf(&b, "line %d, column %d", p.Line, p.Column)
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// MaxProblems is the number of problems an Error lists; the rest are counted
// in Omitted, so that a badly broken file still gives a readable answer.
const MaxProblems = 1000

// Error reports everything wrong with one file. File is the name the caller
// gave (may be empty). The CLI prints it; the browser app shows Problems in
// an error summary.
type Error struct {
	File     string    `json:"file,omitempty"`
	Problems []Problem `json:"problems"`
	Omitted  int       `json:"omitted,omitempty"` // problems beyond MaxProblems, not listed
}

// Error returns every problem, one a line, each prefixed by the file name.
func (e *Error) Error() string {
	var b strings.Builder
	name := e.File
	if name == "" {
		name = "document"
	}
	n := len(e.Problems) + e.Omitted
	if n == 1 {
		fmt.Fprintf(&b, "jsna: %s: %s", name, e.Problems[0])
		return b.String()
	}
	fmt.Fprintf(&b, "jsna: %s: %d problems", name, n)
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n%s: %s", name, p)
	}
	if e.Omitted > 0 {
		fmt.Fprintf(&b, "\n%s: and %d more problems", name, e.Omitted)
	}
	return b.String()
}

// Problems collects the problems found in one file, up to MaxProblems (the
// rest are counted), for readers of every kind (the document decoder, the
// importers) to report them all at once as an *Error. The zero value is
// ready to use.
type Problems struct {
	list    []Problem
	omitted int
}

// Add records a problem at a JSON path (or "" for the whole file).
func (ps *Problems) Add(path, format string, args ...any) {
	ps.AddAt(path, 0, 0, format, args...)
}

// AddAt records a problem at a path and a line and column of the file.
func (ps *Problems) AddAt(path string, line, col int, format string, args ...any) {
	if len(ps.list) >= MaxProblems {
		ps.omitted++
		return
	}
	t := Textf(format, args...)
	ps.list = append(ps.list, Problem{Path: path, Line: line, Column: col, Message: t.String(), Text: t})
}

// Err returns the collected problems as an *Error, or nil when there are
// none.
func (ps *Problems) Err() error {
	if len(ps.list) == 0 {
		return nil
	}
	return &Error{Problems: ps.list, Omitted: ps.omitted}
}

// sortProblems orders problems as their paths appear in a document: array
// indexes compare as numbers, so wards[10] comes after wards[9].
func sortProblems(list []Problem) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.Line > 0 && b.Line > 0 && (a.Line != b.Line || a.Column != b.Column) {
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			return a.Column < b.Column
		}
		return comparePaths(a.Path, b.Path) < 0
	})
}

// comparePaths compares two JSON paths, numbers within brackets by value.
func comparePaths(a, b string) int {
	for a != "" && b != "" {
		ra, na := pathToken(a)
		rb, nb := pathToken(b)
		if c := compareTokens(a[:na], b[:nb]); c != 0 {
			return c
		}
		a, b = ra, rb
	}
	return len(a) - len(b)
}

func pathToken(p string) (rest string, n int) {
	i := strings.IndexAny(p[1:], ".[")
	if i < 0 {
		return "", len(p)
	}
	return p[i+1:], i + 1
}

func compareTokens(a, b string) int {
	if strings.HasPrefix(a, "[") && strings.HasPrefix(b, "[") {
		x, errx := strconv.Atoi(strings.Trim(a, "[]"))
		y, erry := strconv.Atoi(strings.Trim(b, "[]"))
		if errx == nil && erry == nil {
			return x - y
		}
	}
	return strings.Compare(a, b)
}

// index appends "[i]" to path.
func index(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// member appends ".name" to path, or returns name at the root.
func member(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

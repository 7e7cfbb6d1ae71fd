package jsna

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// The checks every reader makes of a file before decoding it: UTF-8,
// depth, JSON syntax, and where in the file a byte offset is.

// kind names a JSON value's type for messages.
func kind(r gjson.Result) Text {
	switch r.Type {
	case gjson.Null:
		return Textf("null")
	case gjson.False, gjson.True:
		return Textf("a boolean")
	case gjson.Number:
		return Textf("the number %s", r.Raw)
	case gjson.String:
		s := r.Str
		if len(s) > 40 {
			s = s[:37] + "..."
		}
		return Textf("the string %s", strconv.Quote(s))
	}
	if r.IsArray() {
		return Textf("an array")
	}
	return Textf("an object")
}

// checkDepth reports whether data nests arrays and objects no deeper than
// MaxDepth, and otherwise the offset where it first goes deeper. It runs
// before any recursive parsing, so that a hostile file cannot exhaust the
// stack.
func checkDepth(data []byte) (int, bool) {
	depth := 0
	inString := false
	for i := 0; i < len(data); i++ {
		c := data[i]
		if inString {
			switch c {
			case '\\':
				i++
			case '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '[', '{':
			depth++
			if depth > MaxDepth {
				return i, false
			}
		case ']', '}':
			depth--
		}
	}
	return 0, true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func firstInvalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// lineCol returns the 1-based line and column (in characters) of offset off.
func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	line := 1 + bytes.Count(data[:off], []byte{'\n'})
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return line, 1 + utf8.RuneCount(data[start:off])
}

func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func lineColFrom(starts []int, data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	i := sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	return i + 1, 1 + utf8.RuneCount(data[starts[i]:off])
}

func ByteSize(n int) string {
	const mb = 1 << 20
	if n >= mb {
		return fmt.Sprintf("%.0f MB", float64(n)/mb)
	}
	return fmt.Sprintf("%d bytes", n)
}

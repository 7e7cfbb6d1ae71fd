//go:build !wardwise_viewer

package jsna

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"unicode/utf8"
)

// The position and wording of a syntax error come from encoding/json's
// scanner. The viewer build (tag wardwise_viewer) leaves this file out so
// that it links no encoding/json: it reads only documents validated when
// they were stored, and hands a file it cannot read to the full app, which
// says what is wrong (syntax_viewer.go).

// syntaxError locates the first syntax error in data, which gjson has found
// invalid, using encoding/json's scanner for the position. The message is
// one of syntaxMessages, with the character (and for a literal, the
// literal and the character expected) as arguments, so that a front end
// words it in its language; the English is encoding/json's.
func syntaxError(data []byte) (line, col int, msg Text) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var raw json.RawMessage
	err := dec.Decode(&raw)
	if err == nil {
		// One value parsed: the problem is what follows it.
		off := int(dec.InputOffset())
		for off < len(data) && isSpace(data[off]) {
			off++
		}
		line, col = lineCol(data, off)
		return line, col, Textf("unexpected data after the end of the document")
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off := int(se.Offset)
		if off > 0 {
			off-- // Offset counts the byte that was read past the error
		}
		line, col = lineCol(data, off)
		return line, col, syntaxText(strings.TrimPrefix(se.Error(), "json: "))
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		line, col = lineCol(data, len(data))
		return line, col, Textf("file ends before the document does (truncated?)")
	}
	line, col = lineCol(data, 0)
	return line, col, Textf("syntax error: %s", err.Error())
}

// syntaxMessages are encoding/json's syntax errors, each after "invalid
// character 'c' ", as jsna's sentences: the character is the argument.
var syntaxMessages = map[string]func(char string) Text{
	"looking for beginning of value": func(c string) Text {
		return Textf("syntax error: invalid character %s looking for beginning of value", c)
	},
	"looking for beginning of object key string": func(c string) Text {
		return Textf("syntax error: invalid character %s looking for beginning of object key string", c)
	},
	"after object key": func(c string) Text { return Textf("syntax error: invalid character %s after object key", c) },
	"after object key:value pair": func(c string) Text {
		return Textf("syntax error: invalid character %s after object key:value pair", c)
	},
	"after array element":   func(c string) Text { return Textf("syntax error: invalid character %s after array element", c) },
	"after top-level value": func(c string) Text { return Textf("syntax error: invalid character %s after top-level value", c) },
	"in string literal":     func(c string) Text { return Textf("syntax error: invalid character %s in string literal", c) },
	"in string escape code": func(c string) Text { return Textf("syntax error: invalid character %s in string escape code", c) },
	`in \u hexadecimal character escape`: func(c string) Text {
		return Textf(`syntax error: invalid character %s in \u hexadecimal character escape`, c)
	},
	"in numeric literal": func(c string) Text { return Textf("syntax error: invalid character %s in numeric literal", c) },
	"after decimal point in numeric literal": func(c string) Text {
		return Textf("syntax error: invalid character %s after decimal point in numeric literal", c)
	},
	"in exponent of numeric literal": func(c string) Text {
		return Textf("syntax error: invalid character %s in exponent of numeric literal", c)
	},
}

// literalContext reads the context of a bad character in true, false or
// null, "in literal true (expecting 'r')", as the literal and the quoted
// character expected. By hand, not by a regular expression, so that the
// browser's viewer does without package regexp.
func literalContext(c string) (lit, expecting string, ok bool) {
	rest, ok := strings.CutPrefix(c, "in literal ")
	if !ok {
		return "", "", false
	}
	lit, rest, ok = strings.Cut(rest, " (expecting ")
	if !ok || (lit != "true" && lit != "false" && lit != "null") {
		return "", "", false
	}
	q, ok := strings.CutSuffix(rest, ")")
	if !ok || len(q) < 3 || q[0] != '\'' || q[len(q)-1] != '\'' {
		return "", "", false
	}
	if r := q[1 : len(q)-1]; utf8.RuneCountInString(r) != 1 || r == "\n" {
		return "", "", false
	}
	return lit, q, true
}

// syntaxText is encoding/json's syntax error message m as a Text: one of
// syntaxMessages, or the literal's, with the character quoted as
// encoding/json quotes it ('x', '\n'), which is the same in every
// language. A message of another form (a newer Go) is kept whole, in
// English, as the argument of "syntax error: %s".
func syntaxText(m string) Text {
	rest, ok := strings.CutPrefix(m, "invalid character ")
	if !ok || len(rest) < 3 || rest[0] != '\'' {
		return Textf("syntax error: %s", m)
	}
	// The character is quoted ('x', '\'', '\u00e9'): it ends at the
	// first "' " after the opening quote's next character.
	end := strings.Index(rest[2:], "' ")
	if end < 0 {
		return Textf("syntax error: %s", m)
	}
	char, context := rest[:end+3], rest[end+4:]
	if f, ok := syntaxMessages[context]; ok {
		return f(char)
	}
	if lit, expecting, ok := literalContext(context); ok {
		return Textf("syntax error: invalid character %s in literal %s (expecting %s)", char, lit, expecting)
	}
	return Textf("syntax error: %s", m)
}

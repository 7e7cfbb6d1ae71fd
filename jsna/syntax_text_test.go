package jsna

import (
	"reflect"
	"testing"
)

// TestSyntaxText checks that every syntax error encoding/json reports is
// given as one of jsna's formats with the character (and the literal) as
// arguments, and that its English is encoding/json's message word for
// word (the messages of encoding/json/scanner.go, Go 1.26).
func TestSyntaxText(t *testing.T) {
	tests := []struct {
		in   string
		want Text
		en   string // the English, as encoding/json words it
	}{
		{`{"a": x}`, Textf("syntax error: invalid character %s looking for beginning of value", "'x'"),
			"syntax error: invalid character 'x' looking for beginning of value"},
		{`{1: 2}`, Textf("syntax error: invalid character %s looking for beginning of object key string", "'1'"),
			"syntax error: invalid character '1' looking for beginning of object key string"},
		{`{"a" 1}`, Textf("syntax error: invalid character %s after object key", "'1'"),
			"syntax error: invalid character '1' after object key"},
		{`{"a": 1 "b": 2}`, Textf("syntax error: invalid character %s after object key:value pair", `'"'`),
			`syntax error: invalid character '"' after object key:value pair`},
		{`[1 2]`, Textf("syntax error: invalid character %s after array element", "'2'"),
			"syntax error: invalid character '2' after array element"},
		{"{\"a\": \"x\ty\"}", Textf("syntax error: invalid character %s in string literal", `'\t'`),
			`syntax error: invalid character '\t' in string literal`},
		{`{"a": "\q"}`, Textf("syntax error: invalid character %s in string escape code", "'q'"),
			"syntax error: invalid character 'q' in string escape code"},
		{`{"a": "\u12g4"}`, Textf(`syntax error: invalid character %s in \u hexadecimal character escape`, "'g'"),
			`syntax error: invalid character 'g' in \u hexadecimal character escape`},
		{`{"a": -x}`, Textf("syntax error: invalid character %s in numeric literal", "'x'"),
			"syntax error: invalid character 'x' in numeric literal"},
		{`{"a": 1.x}`, Textf("syntax error: invalid character %s after decimal point in numeric literal", "'x'"),
			"syntax error: invalid character 'x' after decimal point in numeric literal"},
		{`{"a": 1e}`, Textf("syntax error: invalid character %s in exponent of numeric literal", "'}'"),
			"syntax error: invalid character '}' in exponent of numeric literal"},
		{`{"a": nul}`, Textf("syntax error: invalid character %s in literal %s (expecting %s)", "'}'", "null", "'l'"),
			"syntax error: invalid character '}' in literal null (expecting 'l')"},
		{`{"a": fals'}`, Textf("syntax error: invalid character %s in literal %s (expecting %s)", `'\''`, "false", "'e'"),
			`syntax error: invalid character '\'' in literal false (expecting 'e')`},
	}
	for _, tt := range tests {
		_, _, got := syntaxError([]byte(tt.in))
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("syntaxError(%s) = %#v, want %#v", tt.in, got, tt.want)
		}
		if got.String() != tt.en {
			t.Errorf("syntaxError(%s).String() = %q, want %q", tt.in, got.String(), tt.en)
		}
	}
	// A message of a form jsna does not know is kept whole.
	if got, want := syntaxText("something new"), Textf("syntax error: %s", "something new"); !reflect.DeepEqual(got, want) {
		t.Errorf("syntaxText(unknown) = %#v, want %#v", got, want)
	}
}

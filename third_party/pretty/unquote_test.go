package pretty

import (
	"encoding/json"
	"testing"
)

// unquote gives what json.Unmarshal into a string gave parsestr.
func TestUnquote(t *testing.T) {
	for _, in := range []string{
		`"plain"`, `""`, `"a\"b\\c\/d"`, `"\b\f\n\r\t"`, `"\u00e9\u0041"`, `"\ud83d\ude00"`,
		`"\ud83d"`, `"\ud83dx"`, `"\ude00\ud83d"`, "\"caf\xc3\xa9\"", "\"bad \xff utf8\"", `"x"  `,
		`"x" y`, `"unterminated`, `"\q"`, `"\u12"`, `"\u12g4"`, "\"tab\tin\"", `x`, ``, `"`,
		`"Ysgol \u201cGymraeg\u201d"`, `"\ud83d\u0041"`,
	} {
		var want string
		wantOK := json.Unmarshal([]byte(in), &want) == nil
		got, ok := unquote([]byte(in))
		if got != want || ok != wantOK {
			t.Errorf("unquote(%q) = %q, %v; json.Unmarshal gives %q, %v", in, got, ok, want, wantOK)
		}
	}
}

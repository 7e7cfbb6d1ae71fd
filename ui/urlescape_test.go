//go:build js && wasm

package ui

import (
	"net/url"
	"strings"
	"testing"
)

// pathEscape, queryEscape and pathUnescape are net/url's, byte for byte.
func TestURLEscapingIsNetURL(t *testing.T) {
	var every strings.Builder
	for c := 0; c < 256; c++ {
		every.WriteByte(byte(c))
	}
	cases := []string{"", "E05000026", "Ward 1/2", "a+b c", "Caerdydd – Tŷ", "100%", "%zz", "%4", "%41%2f+", "?;,/:@&=$!*'()#", every.String()}
	for c := 0; c < 256; c++ {
		cases = append(cases, string(rune(c)), "%"+string(byte(c))+"0", "x%0"+string(byte(c)))
	}
	for _, s := range cases {
		if got, want := pathEscape(s), url.PathEscape(s); got != want {
			t.Errorf("pathEscape(%q) = %q, want %q", s, got, want)
		}
		q := url.Values{"subject": {s}}
		if got, want := "subject="+queryEscape(s), strings.ReplaceAll(q.Encode(), "+", "%20"); got != want {
			t.Errorf("queryEscape(%q) = %q, want %q", s, got, want)
		}
		got, ok := pathUnescape(s)
		want, err := url.PathUnescape(s)
		if ok != (err == nil) || got != want {
			t.Errorf("pathUnescape(%q) = %q, %v; url.PathUnescape: %q, %v", s, got, ok, want, err)
		}
	}
	if got, want := pathEscape("Ward 1/2;x"), "Ward%201%2F2%3Bx"; got != want {
		t.Errorf("pathEscape = %q, want %q", got, want)
	}
	if got, ok := pathUnescape("Ward%201%2F2+x"); !ok || got != "Ward 1/2+x" {
		t.Errorf("pathUnescape = %q, %v, want %q, true", got, ok, "Ward 1/2+x")
	}
}

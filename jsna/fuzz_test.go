package jsna

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzDecode checks that Decode never panics, that every failure is an
// *Error with at least one problem, and that whatever decodes encodes to
// canonical bytes that decode again to the same bytes.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(`{"format":"jsna/1","wards":[{"code":"E05000001","values":[{"count":1e308,"value":-0}]}],"x":{"b":[],"a":{}}}`))
	f.Add([]byte("\xef\xbb\xbf{\"a\":\"\\u2028\\ud800\"}"))
	f.Add([]byte(`{"format":"jsna/1","format":"jsna/2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || len(e.Problems) == 0 {
				t.Fatalf("Decode() error = %T %v, want *Error with problems", err, err)
			}
			return
		}
		_ = d.Validate() // must not panic either
		out, err := Marshal(d)
		if err != nil {
			t.Fatalf("Marshal() = %v", err)
		}
		d2, err := Decode(out)
		if err != nil {
			t.Fatalf("Decode(Marshal()) = %v\n%s", err, out)
		}
		out2, _ := Marshal(d2)
		if !bytes.Equal(out, out2) {
			t.Fatalf("Marshal not stable:\n%s\n%s", out, out2)
		}
	})
}

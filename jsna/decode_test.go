package jsna

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the .golden files from the current output")

const minimal = `{"format":"jsna/1","id":"m","title":"M","area":{"code":"E09000099","name":"A"},"benchmark":{"code":"E92000001","name":"England"},"indicators":[],"wards":[]}`

// TestDecodeProblems checks the message, path, line and column Decode
// gives for broken files.
func TestDecodeProblems(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Problem
	}{
		{"empty", "", []Problem{{Message: "file is empty"}}},
		{"only space", " \n\t", []Problem{{Message: "file is empty"}}},
		{"truncated", "{\n  \"format\": \"jsna/1\",\n  \"id\": \"x\"",
			[]Problem{{Line: 3, Column: 12, Message: "file ends before the document does (truncated?)"}}},
		{"bad literal", "{\n  \"format\": \"jsna/1\",\n  \"synthetic\": tru }",
			[]Problem{{Line: 3, Column: 19, Message: "syntax error: invalid character ' ' in literal true (expecting 'e')"}}},
		{"missing comma", "{\"a\": 1\n \"b\": 2}",
			[]Problem{{Line: 2, Column: 2, Message: "syntax error: invalid character '\"' after object key:value pair"}}},
		{"NaN", `{"a": NaN}`,
			[]Problem{{Line: 1, Column: 7, Message: "syntax error: invalid character 'N' looking for beginning of value"}}},
		{"Infinity", `{"a": -Infinity}`,
			[]Problem{{Line: 1, Column: 8, Message: "syntax error: invalid character 'I' in numeric literal"}}},
		{"trailing data", `{"a": 1} {}`,
			[]Problem{{Line: 1, Column: 10, Message: "unexpected data after the end of the document"}}},
		{"not an object", `[1, 2]`, []Problem{{Message: "document must be a JSON object, got an array"}}},
		{"not UTF-8", "{\n\"title\": \"caf\xe9\"}",
			[]Problem{{Line: 2, Column: 14, Message: "file is not UTF-8 text (byte 0xe9 at offset 15)"}}},
		{"nested too deep", `{"x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`,
			[]Problem{{Line: 1, Column: 69, Message: "arrays and objects nested deeper than 64 levels"}}},
		{"newer format", `{"format":"jsna/2","id":1}`,
			[]Problem{{Path: "format", Message: `format "jsna/2" is not one this version reads (it reads "jsna/1")`}}},
		{"wrong types", "{\"format\":\"jsna/1\",\"id\":7,\"wards\":[{\"code\":\"E05000001\",\n\"values\":[{\"count\":\"12\",\"value\":true}],\"needs\":{}}],\"indicators\":\"none\"}",
			[]Problem{
				{Path: "id", Line: 1, Column: 25, Message: "must be a string, got the number 7"},
				{Path: "wards[0].values[0].count", Line: 2, Column: 20, Message: `must be a number, got the string "12"`},
				{Path: "wards[0].values[0].value", Line: 2, Column: 33, Message: "must be a number, got a boolean"},
				{Path: "wards[0].needs", Line: 2, Column: 48, Message: "must be an array, got an object"},
				{Path: "indicators", Line: 2, Column: 66, Message: "must be an array, got the string \"none\""},
			}},
		{"duplicate member", `{"format":"jsna/1","id":"a","id":"b"}`,
			[]Problem{{Path: "id", Line: 1, Column: 29, Message: `member "id" appears twice`}}},
		{"number out of range", `{"format":"jsna/1","wards":[{"population":1e999}]}`,
			[]Problem{{Path: "wards[0].population", Line: 1, Column: 43, Message: "number 1e999 is out of range"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Decode([]byte(tt.in))
			if d != nil {
				t.Errorf("Decode returned a document with an error")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Decode() error = %T %v, want *Error", err, err)
			}
			want := tt.want
			if !equalProblems(e.Problems, want) {
				t.Errorf("Decode() problems =\n%s\nwant\n%s", problemList(e.Problems), problemList(want))
			}
		})
	}
}

func TestDecodeAcceptsBOMAndNulls(t *testing.T) {
	in := "\xef\xbb\xbf" + strings.Replace(minimal, `"wards":[]`,
		`"wards":[{"code":"E05000001","name":"R","population":null,"values":[{"indicator":"1","count":null,"value":null}]}],"draft":null`, 1)
	d, err := Decode([]byte(in))
	if err != nil {
		t.Fatalf("Decode() = %v", err)
	}
	v := d.Wards[0].Values[0]
	if v.Count != nil || v.Value != nil || d.Wards[0].Population != nil || d.Draft != nil {
		t.Errorf("Decode() nulls = %+v, want nil members", v)
	}
}

func TestParseReportsTypesAndRulesTogether(t *testing.T) {
	in := strings.Replace(minimal, `"wards":[]`, `"wards":[{"code":"X1","name":5}]`, 1)
	_, err := Parse("f.json", []byte(in))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("Parse() = %v, want *Error", err)
	}
	want := []Problem{
		{Path: "wards[0].code", Message: `"X1" is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)`},
		{Path: "wards[0].name", Line: 1, Column: 175, Message: "must be a string, got the number 5"},
	}
	if e.File != "f.json" || !equalProblems(e.Problems, want) {
		t.Errorf("Parse() = %s %s, want f.json\n%s", e.File, problemList(e.Problems), problemList(want))
	}
}

func TestErrorMessage(t *testing.T) {
	e := &Error{File: "a.json", Problems: []Problem{
		{Path: "wards[3].values[12].count", Message: "count 12 is more than the denominator 10, which a proportion cannot be"},
		{Line: 4, Column: 2, Message: "syntax error: x"},
	}, Omitted: 3}
	want := "jsna: a.json: 5 problems\n" +
		"a.json: wards[3].values[12].count: count 12 is more than the denominator 10, which a proportion cannot be\n" +
		"a.json: line 4, column 2: syntax error: x\n" +
		"a.json: and 3 more problems"
	if got := e.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	one := &Error{File: "b.json", Problems: []Problem{{Path: "id", Line: 1, Column: 9, Message: "is required"}}}
	if got, want := one.Error(), "jsna: b.json: id (line 1, column 9): is required"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"format":"jsna/1","wards":[`)
	for i := range MaxProblems + 5 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"code":1}`)
	}
	b.WriteString(`]}`)
	_, err := Decode([]byte(b.String()))
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) != MaxProblems || e.Omitted != 5 {
		t.Fatalf("Decode() = %d problems, %d omitted; want %d, 5", len(e.Problems), e.Omitted, MaxProblems)
	}
}

// TestRoundTrip checks decode → encode → decode gives the same document,
// that unknown members survive, and that encoding is canonical: the bytes
// match the golden file and a second pass gives the same bytes.
func TestRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Parse("small.json", data)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "small.golden")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("Marshal(small.json) differs from %s; run go test -update and review the diff\n%s", golden, out)
	}
	d2, err := Parse("small.golden", out)
	if err != nil {
		t.Fatal(err)
	}
	out2, _ := Marshal(d2)
	if !bytes.Equal(out, out2) {
		t.Errorf("Marshal is not stable across a round trip:\n%s\nthen\n%s", out, out2)
	}
	if got := string(d2.Indicators[1].Extra["x_future_field"]); got != `{"a":"kept","b":[1,2]}` {
		t.Errorf("unknown member after round trip = %s, want it kept", got)
	}
	if Revision(d) != Revision(d2) {
		t.Errorf("Revision changed across a round trip: %s, %s", Revision(d), Revision(d2))
	}
}

func TestRevision(t *testing.T) {
	d, err := Decode([]byte(minimal))
	if err != nil {
		t.Fatal(err)
	}
	// sha256 of the canonical bytes below, computed with sha256sum:
	// printf '%s' '{"area":{"code":"E09000099","name":"A"},"benchmark":{"code":"E92000001","name":"England"},"format":"jsna/1","id":"m","indicators":[],"title":"M","wards":[]}' | sha256sum
	wantCanonical := `{"area":{"code":"E09000099","name":"A"},"benchmark":{"code":"E92000001","name":"England"},"format":"jsna/1","id":"m","indicators":[],"title":"M","wards":[]}`
	if got := string(Canonical(d)); got != wantCanonical {
		t.Fatalf("Canonical() = %s\nwant %s", got, wantCanonical)
	}
	const revMinimal = "sha256:d4d399c710f1e65cd2790958f8c3f864e9694f45aa92310e5d26acee907a319d"
	rev := Revision(d)
	if rev != revMinimal {
		t.Errorf("Revision() = %s, want %s", rev, revMinimal)
	}
	d.Draft = &Draft{Author: "x", Role: RoleGP}
	if got := Revision(d); got != rev {
		t.Errorf("Revision() with a draft block = %s, want %s (the draft is not part of it)", got, rev)
	}
	// A struct copy is not the sealed document: changed, it is hashed anew.
	c := *d
	c.Title = "N"
	if got := Revision(&c); got == rev {
		t.Errorf("Revision() of an edited copy = %s, want a different revision", got)
	}
	// Decode seals d: an edit in place is seen once Edited is called.
	d.Title = "N"
	d.Edited()
	if got := Revision(d); got == rev {
		t.Errorf("Revision() after an edit = %s, want a different revision", got)
	}
	d.Title = "M"
	if got := Revision(d); got != rev {
		t.Errorf("Revision() of an unsealed document edited back = %s, want %s", got, rev)
	}
}

func TestCanonicalNumbersAndStrings(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{`1.50`, `1.5`},
		{`1e2`, `100`},
		{`-0`, `0`},
		{`0.0000001`, `1e-7`},
		{`1e21`, `1e+21`},
		{`123456789012`, `123456789012`},
		{`"<a & b>"`, `"<a & b>"`},
		{`"tab\there\u0001"`, `"tab\there\u0001"`},
		{`"\u2028"`, `"\u2028"`},
		{`"\ud83d\ude00"`, `"😀"`},
		{`{"b":1,"a":{"d":[1,{"z":0,"y":1}],"c":null}}`, `{"a":{"c":null,"d":[1,{"y":1,"z":0}]},"b":1}`},
	}
	for _, tt := range tests {
		in := strings.Replace(minimal, `"wards":[]`, `"wards":[],"x":`+tt.in, 1)
		d, err := Decode([]byte(in))
		if err != nil {
			t.Fatalf("Decode(%s) = %v", tt.in, err)
		}
		if got := string(d.Extra["x"]); got != tt.want {
			t.Errorf("canonical(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestDecodeValueSmallRecordAllocates checks that decoding a small record
// costs about its size, not a whole block of strings: the merge decodes
// thousands of records one at a time, and 64 KB each was most of what a
// merge allocated.
func TestDecodeValueSmallRecordAllocates(t *testing.T) {
	data := []byte(`{"id":"demographics","title":"Who lives here","text":"About 7,100 people."}`)
	const runs = 100
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		var s Section
		if err := DecodeValue(data, reflect.ValueOf(&s).Elem()); err != nil {
			t.Fatal(err)
		}
		if s.Title != "Who lives here" {
			t.Fatalf("Title = %q, want %q", s.Title, "Who lives here")
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / runs; per > 4<<10 {
		t.Errorf("DecodeValue of a %d-byte record allocates %d bytes, want at most 4 KB", len(data), per)
	}
}

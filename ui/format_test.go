//go:build js && wasm

package ui

import (
	"reflect"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

func TestFmtNum(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0.0"},
		{112.24, "112.2"},
		{1234567.89, "1,234,567.9"},
		{-1234.5, "-1,234.5"},
		{0.456, "0.46"},
		{-0.05, "-0.05"},
		{9.95, "9.9"}, // 9.95 is 9.949999… in binary
	}
	for _, tt := range tests {
		if got := fmtNum(tt.in); got != tt.want {
			t.Errorf("fmtNum(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFmtCount(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{0, "0"},
		{1234, "1,234"},
		{1100.5, "1,100.5"},
	}
	for _, tt := range tests {
		if got := fmtCount(tt.in); got != tt.want {
			t.Errorf("fmtCount(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSplitPath(t *testing.T) {
	tests := []struct {
		in   string
		want []pathSeg
	}{
		{"wards[E05000001].sections[demographics].text", []pathSeg{
			{name: "wards", record: true, key: "E05000001"},
			{name: "sections", record: true, key: "demographics"},
			{name: "text"}}},
		{`wards[E05000001].needs["a b"].size`, []pathSeg{
			{name: "wards", record: true, key: "E05000001"},
			{name: "needs", record: true, key: "a b"},
			{name: "size"}}},
		{"title", []pathSeg{{name: "title"}}},
		{"wards[E05000001", nil},
		{"wards[x]y", nil},
	}
	for _, tt := range tests {
		if got := splitPath(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitPath(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestEditedValue(t *testing.T) {
	text := jsna.Conflict{Current: `"old"`, Candidates: []jsna.Candidate{{Value: `"a"`}, {Value: `"b"`}}}
	number := jsna.Conflict{Current: "6", Candidates: []jsna.Candidate{{Value: "5"}, {Value: "7"}}}
	tests := []struct {
		c    jsna.Conflict
		in   string
		want string
	}{
		{text, "New text\nwith \"quotes\"", `"New text\nwith \"quotes\""`},
		{text, "7", `"7"`}, // text that looks like a number stays text
		{text, "", `""`},
		{number, " 7 ", "7"},
		{number, "", ""},
	}
	for _, tt := range tests {
		if got := editedValue(tt.c, tt.in); got != tt.want {
			t.Errorf("editedValue(%s, %q) = %q, want %q", tt.c.Current, tt.in, got, tt.want)
		}
	}
}

func TestPlainValue(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"a\nb"`, "a\nb"},
		{"12.5", "12.5"},
		{`{"x":1}`, `{"x":1}`},
	}
	for _, tt := range tests {
		if got := plainValue(tt.in); got != tt.want {
			t.Errorf("plainValue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		s     string
		width int
		n     int
		want  []string
	}{
		{"short", 10, 2, []string{"short"}},
		{"one two three four", 9, 2, []string{"one two", "three fo…"}},
		{"one two three", 9, 2, []string{"one two", "three"}},
		{"a very long first word", 6, 1, []string{"a ver…"}},
	}
	for _, tt := range tests {
		if got := wrap(tt.s, tt.width, tt.n); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrap(%q, %d, %d) = %q, want %q", tt.s, tt.width, tt.n, got, tt.want)
		}
	}
}

func TestParseScore(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"7", 7, true},
		{" 2,5 ", 2.5, true},
		{"10", 10, true},
		{"10.5", 0, false},
		{"-1", 0, false},
		{"", 0, false},
		{"NaN", 0, false},
		{"seven", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseScore(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseScore(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		data []byte
		want string
	}{
		{[]byte("PK\x03\x04rest"), ".ods"},
		{[]byte("\xef\xbb\xbf  {\"format\":\"jsna/1\"}"), ".json"},
		{[]byte("\"Indicator ID\",\"Indicator Name\""), ".csv"},
	}
	for _, tt := range tests {
		if got := sniff(tt.data); got != tt.want {
			t.Errorf("sniff(%q) = %q, want %q", tt.data[:4], got, tt.want)
		}
	}
}

func TestParseRoute(t *testing.T) {
	tests := []struct {
		hash string
		want route
	}{
		{"", route{}},
		{"#/", route{}},
		{"#/area", route{view: "area"}},
		{"#/ward/E05000001/needs", route{view: "ward", ward: "E05000001", tab: "needs"}},
		{"#/report/E05000001", route{view: "report", ward: "E05000001"}},
		{"#/nowhere", route{view: "notfound"}},
	}
	for _, tt := range tests {
		if got := parseRoute(tt.hash); got != tt.want {
			t.Errorf("parseRoute(%q) = %+v, want %+v", tt.hash, got, tt.want)
		}
	}
}

func TestSafeFileName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"example-borough-wards-2026-draft-Dr A. Example.json", "example-borough-wards-2026-draft-dr-a.-example.json"},
		{"../../etc/passwd", "..-..-etc-passwd"},
	}
	for _, tt := range tests {
		if got := safeFileName(tt.in); got != tt.want {
			t.Errorf("safeFileName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFormatTime(t *testing.T) {
	at := time.Date(2026, 8, 3, 9, 5, 0, 0, time.Local)
	tests := []struct {
		lang Lang
		want string
	}{
		{English, "3 Aug 2026, 09:05"},
		{Welsh, "3 Awst 2026, 09:05"},
	}
	for _, tt := range tests {
		if got := (&App{lang: tt.lang}).formatTime(at); got != tt.want {
			t.Errorf("formatTime(%v) in %s = %q, want %q", at, tt.lang, got, tt.want)
		}
	}
}

package main

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInputs is the catalogue of broken files in testdata/bad: each must be
// refused with its own message, path (or line and column) included.
var badInputs = []struct {
	file string
	want string // the message jsna validate prints, after "jsna: FILE: "
}{
	{"truncated.json", "line 35, column 11: file ends before the document does (truncated?)"},
	{"wrong-format-version.json", `format: format "jsna/2" is not one this version reads (it reads "jsna/1")`},
	{"wrong-types.json", `wards[0].values[0].count (line 36, column 15): must be a number, got the string "40"`},
	{"nan.json", "line 38, column 15: syntax error: invalid character 'N' looking for beginning of value"},
	{"infinity.json", "line 40, column 15: syntax error: invalid character 'I' looking for beginning of value"},
	{"negative-count.json", "wards[0].values[1].count: must be at least 0, got -3"},
	{"count-above-denominator.json", "wards[0].values[0].count: count 400 is more than the denominator 350, which a proportion cannot be"},
	{"lower-above-upper.json", "wards[0].values[0].lower: lower 16 is above upper 15.2"},
	{"unknown-indicator.json", `wards[1].values[0].indicator: indicator "12345" is not in the document's indicators`},
	{"duplicate-ward-code.json", `wards[1].code: ward "E05000001" is listed twice (also wards[0])`},
	{"duplicate-indicator-id.json", `indicators[1].id: indicator "90323" is listed twice (also indicators[0])`},
	{"ward-code-wrong-form.json", `wards[1].code: "E0500002" is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)`},
	{"ward-code-district.json", `wards[1].code: "E07000002" is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)`},
	{"non-utf8.json", "line 75, column 22: file is not UTF-8 text (byte 0xe9 at offset 1269)"},
	{"bom-with-error.json", `wards[1].code: "X" is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)`},
	{"deeply-nested.json", "line 1, column 87: arrays and objects nested deeper than 64 levels"},
	{"not-an-object.json", "document must be a JSON object, got an array"},
	{"empty.json", "file is empty"},
	{"trailing-garbage.json", "line 79, column 1: unexpected data after the end of the document"},
	{"duplicate-member.json", `title (line 5, column 2): member "title" appears twice`},
	{"missing-required.json", "area.code: is required"},
	{"hanlon-out-of-range.json", "wards[0].needs[0].seriousness: must be at most 10, got 11"},
	{"bad-date.json", `wards[0].voice[0].date: must be an ISO 8601 date like 2026-10-01, got "1 Oct 2026"`},
	{"draft-bad-role.json", `draft.role: must be one of gp, councillor, coordinator, analyst, got "nurse"`},
	{"duplicate-section-id.json", `wards[0].sections[1].id: section id "s1" is used twice (also wards[0].sections[0])`},
	{"number-out-of-range.json", "wards[0].values[0].denominator (line 37, column 21): number 1e400 is out of range"},
	{"value-without-indicator.json", "wards[0].values[1].indicator: is required"},
	{"unknown-polarity.json", `indicators[0].polarity: must be one of lower-is-better, higher-is-better, no-judgement, not-applicable, got "up"`},
	{"draft-base-not-a-revision.json", `draft.base: "v3" is not a revision (sha256: and 64 hex digits)`},
}

// TestBadInputCatalogue checks each broken file gives its message and that
// neither validate nor fmt -w writes or changes anything.
func TestBadInputCatalogue(t *testing.T) {
	for _, tt := range badInputs {
		t.Run(tt.file, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join("testdata", "bad", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			p := filepath.Join(dir, tt.file)
			if err := os.WriteFile(p, orig, 0o644); err != nil {
				t.Fatal(err)
			}
			code, _, errs := runCLI(t, "", "validate", p)
			if code != 1 || !strings.Contains(errs, p+": "+tt.want) {
				t.Errorf("jsna validate %s = %d\n%s\nwant 1 and %q", tt.file, code, errs, tt.want)
			}
			code, out, errs := runCLI(t, "", "fmt", "-w", p)
			if code != 1 || out != "" || !strings.Contains(errs, tt.want) {
				t.Errorf("jsna fmt -w %s = %d, stdout %q\n%s\nwant 1, nothing on stdout and %q", tt.file, code, out, errs, tt.want)
			}
			assertDirHolds(t, dir, map[string][]byte{tt.file: orig})
		})
	}
}

// TestBadInputTooLarge checks a 200 MB file is refused for its size before
// it is decoded.
func TestBadInputTooLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200 MB")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "huge.json")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"format":"jsna/1","padding":"`)
	chunk := bytes.Repeat([]byte("x"), 1<<20)
	for range 200 {
		f.Write(chunk)
	}
	f.WriteString(`"}`)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "", "validate", p)
	if want := p + ": file is larger than the 128 MB this version reads"; code != 1 || !strings.Contains(errs, want) {
		t.Errorf("jsna validate huge.json = %d\n%s\nwant 1 and %q", code, errs, want)
	}
}

// assertDirHolds fails unless dir holds exactly the files in want, with
// those contents: no temporary file left, nothing changed.
func assertDirHolds(tb testing.TB, dir string, want map[string][]byte) {
	tb.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	if len(entries) != len(want) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		tb.Errorf("%s holds %v, want only %d files", dir, names, len(want))
	}
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || !bytes.Equal(got, content) {
			tb.Errorf("%s changed (err %v)", name, err)
		}
	}
}

// badImports is the catalogue of broken files for jsna import: each is
// refused with its message and no output file is written.
var badImports = []struct {
	kind, file string
	want       string
}{
	{"fingertips", "csv-missing-columns.csv", `line 1, column 1: not a Fingertips data header: no column "Area Code", "Value"`},
	{"fingertips", "csv-shifted-columns.csv", "line 3, column 1: row has 21 fields but the header has 20 (shifted or missing columns?)"},
	{"fingertips", "csv-not-a-csv.csv", `line 1, column 2: not valid CSV: bare " in non-quoted-field`},
	{"ods", "ods-not-a-zip.ods", "not an OpenDocument spreadsheet: not a zip archive (zip: not a valid zip file)"},
}

func TestBadImportCatalogue(t *testing.T) {
	for _, tt := range badImports {
		t.Run(tt.file, func(t *testing.T) {
			orig, err := os.ReadFile(filepath.Join("testdata", "bad", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			in := filepath.Join(dir, tt.file)
			os.WriteFile(in, orig, 0o644)
			out := filepath.Join(dir, "out.json")
			code, _, errs := runCLI(t, "", "import", tt.kind, in, "-o", out)
			if code != 1 || !strings.Contains(errs, in+": "+tt.want) {
				t.Errorf("jsna import %s %s = %d\n%s\nwant 1 and %q", tt.kind, tt.file, code, errs, tt.want)
			}
			assertDirHolds(t, dir, map[string][]byte{tt.file: orig})
		})
	}
}

// TestBadImportZipBomb feeds jsna import ods a 1 MB archive whose
// content.xml inflates past the importer's limit, and an existing output
// file that must survive.
func TestBadImportZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 600 MB")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "bomb.ods")
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	w, _ := zw.Create("content.xml")
	zeros := make([]byte, 1<<20)
	for range 600 {
		w.Write(zeros)
	}
	zw.Close()
	os.WriteFile(in, z.Bytes(), 0o644)
	out := filepath.Join(dir, "out.json")
	os.WriteFile(out, []byte("previous output"), 0o644)
	code, _, errs := runCLI(t, "", "import", "ods", in, "-o", out)
	if code != 1 || !strings.Contains(errs, "bomb.ods: ") || !strings.Contains(errs, "512 MB") {
		t.Errorf("jsna import ods bomb.ods = %d\n%s\nwant 1 and the 512 MB limit named", code, errs)
	}
	assertDirHolds(t, dir, map[string][]byte{"bomb.ods": z.Bytes(), "out.json": []byte("previous output")})
}

package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna/merge"
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
	before, _ := os.Stat(p)
	want := p + ": file is larger than the 128 MB this version reads"
	for _, args := range [][]string{{"validate", p}, {"fmt", "-w", p}, {"merge", p, p, "-o", filepath.Join(dir, "out.json")}} {
		code, _, errs := runCLI(t, "", args...)
		if code != 1 || !strings.Contains(errs, want) {
			t.Errorf("jsna %s huge.json = %d\n%s\nwant 1 and %q", args[0], code, errs, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	after, err := os.Stat(p)
	if len(entries) != 1 || err != nil || !after.ModTime().Equal(before.ModTime()) || after.Size() != before.Size() {
		t.Errorf("after refusing huge.json the directory holds %d files, huge.json %v (err %v)", len(entries), after, err)
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

// TestBadImportZipBomb feeds jsna import ods archives of about 1 MB whose
// content.xml inflates to 600 MB, past the importer's limit: one that says
// so in its header and one that claims to hold 1 kB. Neither is inflated
// past the limit, and an existing output file survives.
func TestBadImportZipBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates up to 512 MB")
	}
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for range 600 {
		fw.Write(zeros)
		crc.Write(zeros)
	}
	fw.Close()
	bomb := func(claimed uint64) []byte {
		var z bytes.Buffer
		zw := zip.NewWriter(&z)
		w, err := zw.CreateRaw(&zip.FileHeader{Name: "content.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
			CompressedSize64: uint64(deflated.Len()), UncompressedSize64: claimed})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(deflated.Bytes())
		zw.Close()
		return z.Bytes()
	}
	tests := []struct {
		name    string
		archive []byte
		want    string
	}{
		{"honest header", bomb(600 << 20), "content.xml is 600 MB uncompressed, more than the 512 MB this version reads"},
		{"lying header", bomb(1000), "content.xml is damaged or inflates to more than its header says (a zip bomb?): zip: not a valid zip file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, "bomb.ods")
			os.WriteFile(in, tt.archive, 0o644)
			out := filepath.Join(dir, "out.json")
			os.WriteFile(out, []byte("previous output"), 0o644)
			code, _, errs := runCLI(t, "", "import", "ods", in, "-o", out)
			if code != 1 || !strings.Contains(errs, in+": "+tt.want) {
				t.Errorf("jsna import ods bomb.ods = %d\n%s\nwant 1 and %q", code, errs, tt.want)
			}
			assertDirHolds(t, dir, map[string][]byte{"bomb.ods": tt.archive, "out.json": []byte("previous output")})
		})
	}
}

// badMerges is the catalogue of drafts jsna merge must refuse, or merge
// without applying anything: each case names its message; a refused merge
// writes no output and changes no input.
var badMerges = []struct {
	name   string
	drafts []string // under testdata/bad, merged into testdata/merge-master.json
	code   int
	want   string // on stderr, after "jsna: "
}{
	{"a draft of another assessment", []string{"draft-of-another-assessment.json"}, 1,
		`draft-of-another-assessment.json: id: a draft of "another-borough-2026", not of the master ` + "%s" + `merge-master.json ("merge-catalogue"): its base sha256:1111111111111111111111111111111111111111111111111111111111111111 is not in the master's history`},
	{"a master given as a draft", []string{"../merge-master.json"}, 1,
		"merge-master.json: not a draft (no draft block)"},
	{"an invalid draft", []string{"count-above-denominator.json"}, 1,
		"count-above-denominator.json: wards[0].values[0].count: count 400 is more than the denominator 350, which a proportion cannot be"},
	{"a truncated draft", []string{"truncated.json"}, 1,
		"truncated.json: line 35, column 11: file ends before the document does (truncated?)"},
}

// TestBadMergeCatalogue merges each case into a copy of the catalogue's
// master, with an existing output file that must survive.
func TestBadMergeCatalogue(t *testing.T) {
	master, err := os.ReadFile(filepath.Join("testdata", "merge-master.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range badMerges {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			want := map[string][]byte{"merge-master.json": master, "out.json": []byte("previous master")}
			mp := filepath.Join(dir, "merge-master.json")
			os.WriteFile(mp, master, 0o644)
			os.WriteFile(filepath.Join(dir, "out.json"), want["out.json"], 0o644)
			var args []string
			for _, d := range tt.drafts {
				data, err := os.ReadFile(filepath.Join("testdata", "bad", d))
				if err != nil {
					t.Fatal(err)
				}
				name := filepath.Base(d)
				if _, dup := want[name]; !dup {
					os.WriteFile(filepath.Join(dir, name), data, 0o644)
					want[name] = data
				}
				args = append(args, filepath.Join(dir, name))
			}
			out := filepath.Join(dir, "out.json")
			code, _, errs := runCLI(t, "", append([]string{"merge", mp, "-o", out}, args...)...)
			msg := tt.want
			if strings.Contains(msg, "%s") {
				msg = strings.ReplaceAll(msg, "%s", dir+string(filepath.Separator))
			}
			if code != tt.code || !strings.Contains(errs, "jsna: "+filepath.Join(dir, "")+string(filepath.Separator)+msg) {
				t.Errorf("jsna merge %v = %d\n%s\nwant %d and %q", tt.drafts, code, errs, tt.code, msg)
			}
			assertDirHolds(t, dir, want)
		})
	}
}

// TestMergeUnknownBase merges a draft whose base is not in the master's
// history: jsna merge names it, applies none of its changes and, with
// --fail-on-conflict, exits 3; the inputs are left as they were.
func TestMergeUnknownBase(t *testing.T) {
	master, _ := os.ReadFile(filepath.Join("testdata", "merge-master.json"))
	draft, _ := os.ReadFile(filepath.Join("testdata", "bad", "draft-unknown-base.json"))
	dir := t.TempDir()
	mp, dp, out := filepath.Join(dir, "master.json"), filepath.Join(dir, "draft.json"), filepath.Join(dir, "out.json")
	os.WriteFile(mp, master, 0o644)
	os.WriteFile(dp, draft, 0o644)
	code, stdout, errs := runCLI(t, "", "merge", mp, dp, "-o", out, "--fail-on-conflict")
	want := "jsna: " + dp + ": draft.base: not a revision in the history of " + mp + ": every difference from the master is a conflict, none is applied"
	if code != 3 || !strings.Contains(errs, want) || !strings.Contains(errs, "jsna: 1 conflicts open") {
		t.Fatalf("jsna merge (unknown base) = %d\n%s%s\nwant 3 and %q", code, stdout, errs, want)
	}
	if !strings.Contains(stdout, "conflict c-") || !strings.Contains(stdout, "at wards[E05000001].needs[n1].size (base-unknown: the draft's base is not in the master's history: its differences from the master are not applied)") {
		t.Errorf("jsna merge output lacks the conflict:\n%s", stdout)
	}
	m, err := readDocument(mp)
	if err != nil {
		t.Fatal(err)
	}
	o, err := readDocument(out)
	if err != nil {
		t.Fatal(err)
	}
	if d := merge.Diff(m, o); len(d) != 0 {
		t.Errorf("a draft on an unknown base changed the master: %+v", d)
	}
	if c := o.Conflicts; len(c) != 1 || c[0].Candidates[0].Value != "9" || c[0].Current != "5" {
		t.Errorf("conflicts = %+v, want one on the size: current 5, candidate 9", c)
	}
	assertDirHolds(t, dir, map[string][]byte{"master.json": master, "draft.json": draft, "out.json": mustRead(t, out)})
}

func mustRead(tb testing.TB, path string) []byte {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
)

// sampleCSV is the Fingertips sample the jsna package's import tests use.
var sampleCSV = filepath.Join("..", "..", "jsna", "importer", "testdata", "import", "fingertips.csv")

// sampleODS writes a one-sheet .ods with a Fingertips header and two rows.
func sampleODS(tb testing.TB) string {
	tb.Helper()
	cell := func(v string) string {
		return `<table:table-cell office:value-type="string"><text:p>` + v + `</text:p></table:table-cell>`
	}
	num := func(v string) string {
		return `<table:table-cell office:value-type="float" office:value="` + v + `"><text:p>` + v + `</text:p></table:table-cell>`
	}
	row := func(cells ...string) string {
		return "<table:table-row>" + strings.Join(cells, "") + "</table:table-row>"
	}
	content := `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Data">` +
		row(cell("Indicator ID"), cell("Parent Code"), cell("Parent Name"), cell("Area Code"), cell("Area Name"), cell("Value"), cell("Count"), cell("Denominator")) +
		row(num("93227"), cell("E09000099"), cell("Example Borough"), cell("E92000001"), cell("England"), num("100"), cell(""), cell("")) +
		row(num("93227"), cell("E09000099"), cell("Example Borough"), cell("E05000001"), cell("Riverside"), num("112.1"), num("1234"), num("1100.5")) +
		`</table:table></office:spreadsheet></office:body></office:document-content>`
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(content))
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	p := filepath.Join(tb.TempDir(), "ward-data.ods")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.json")
	ods := sampleODS(t)
	bad := writeTemp(t, "bad.csv", "Ward,Obesity\nRiverside,12\n")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // substring of stdout
		wantErr  string // substring of stderr
	}{
		{"fingertips", []string{"import", "fingertips", sampleCSV, "-o", out}, 0, "",
			"fingertips.csv: 25 rows read: 11 ward values, 7 benchmark values, 7 skipped"},
		{"grouped", []string{"import", "fingertips", sampleCSV, "-o", out}, 0, "",
			"  1 row is of area type MSOA, neither a ward nor England\n    indicator 93227: 1 row (line 24)\n    what to do: Nothing to do"},
		{"flags first", []string{"import", "-o", out, "-parent", "E09000099", "fingertips", sampleCSV}, 0, "", "wrote " + out + " (sha256:"},
		{"to stdout", []string{"import", "fingertips", sampleCSV, "-o", "-"}, 0, `"format": "jsna/1"`, "25 rows read"},
		{"verbose lists all", []string{"import", "fingertips", "-v", sampleCSV, "-o", out}, 0, "", "line 26: sex Male"},
		{"ods", []string{"import", "ods", ods, "-o", out}, 0, "", `ward-data.ods: 2 rows read from sheet "Data": 1 ward values, 1 benchmark values, 0 skipped`},
		{"ods sheet", []string{"import", "ods", "-sheet", "Data", ods, "-o", out}, 0, "", "1 wards, 1 indicators"},
		{"csv as ods", []string{"import", "ods", sampleCSV, "-o", out}, 1, "", "fingertips.csv: not an OpenDocument spreadsheet: not a zip archive"},
		{"not fingertips", []string{"import", "fingertips", bad, "-o", out}, 1, "",
			`bad.csv: line 1, column 1: not a Fingertips data header: no column "Indicator ID", "Area Code", "Value"`},
		{"missing file", []string{"import", "fingertips", filepath.Join(dir, "nope.csv"), "-o", out}, 1, "", "no such file or directory"},
		{"no output", []string{"import", "fingertips", sampleCSV}, 2, "", "usage: jsna import"},
		{"no file", []string{"import", "fingertips", "-o", out}, 2, "", "usage: jsna import"},
		{"unknown kind", []string{"import", "xlsx", sampleCSV, "-o", out}, 2, "", `the kind of file is fingertips, ods or registrations, not "xlsx"`},
		{"sheet for csv", []string{"import", "fingertips", "-sheet", "A", sampleCSV, "-o", out}, 2, "", "-sheet is for ods files"},
		{"json to stdout", []string{"import", "fingertips", "--json", sampleCSV, "-o", "-"}, 2, "", "--json prints the report on stdout"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(out)
			code, stdout, stderr := runCLI(t, "", tt.args...)
			if code != tt.wantCode {
				t.Errorf("jsna %s: exit %d, want %d\nstdout: %s\nstderr: %s", strings.Join(tt.args, " "), code, tt.wantCode, stdout, stderr)
			}
			if !strings.Contains(stdout, tt.wantOut) {
				t.Errorf("jsna %s: stdout = %q, want it to contain %q", strings.Join(tt.args, " "), stdout, tt.wantOut)
			}
			if !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("jsna %s: stderr = %q, want it to contain %q", strings.Join(tt.args, " "), stderr, tt.wantErr)
			}
			_, statErr := os.Stat(out)
			if wrote := statErr == nil; wrote != (code == 0 && !strings.Contains(strings.Join(tt.args, " "), "-o -")) {
				t.Errorf("jsna %s: output written = %v with exit %d", strings.Join(tt.args, " "), wrote, code)
			}
		})
	}
}

// TestImportCommandOutput checks the written file is the document
// importer.Fingertips makes, valid and canonical.
func TestImportCommandOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	if code, _, stderr := runCLI(t, "", "import", "fingertips", sampleCSV, "-o", out); code != 0 {
		t.Fatalf("jsna import: exit %d: %s", code, stderr)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(sampleCSV)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := importer.Fingertips("fingertips.csv", bytes.NewReader(data), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := jsna.Marshal(d)
	if !bytes.Equal(got, want) {
		t.Errorf("jsna import wrote\n%s\nwant\n%s", got, want)
	}
	if code, _, stderr := runCLI(t, "", "validate", out); code != 0 {
		t.Errorf("jsna validate on the import: exit %d: %s", code, stderr)
	}
}

// TestImportCommandKeepsOutputOnFailure: a failed import leaves an existing
// output file as it was.
func TestImportCommandKeepsOutputOnFailure(t *testing.T) {
	out := writeTemp(t, "out.json", "previous work\n")
	bad := writeTemp(t, "bad.csv", "Indicator ID,Area Code,Value\n93227,E92000001,100\n")
	code, _, stderr := runCLI(t, "", "import", "fingertips", bad, "-o", out)
	if code != 1 || !strings.Contains(stderr, "no ward rows to import") {
		t.Errorf("jsna import bad.csv: exit %d, stderr %q, want 1 and no ward rows", code, stderr)
	}
	if got, _ := os.ReadFile(out); string(got) != "previous work\n" {
		t.Errorf("out.json = %q after a failed import, want it unchanged", got)
	}
}

func TestImportCommandJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out.json")
	code, stdout, _ := runCLI(t, "", "import", "fingertips", "--json", sampleCSV, "-o", out)
	var res importResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != 0 {
		t.Fatalf("jsna import --json: exit %d, %v\n%s", code, err, stdout)
	}
	if !res.OK || res.Output != out || !strings.HasPrefix(res.Revision, "sha256:") || res.Report.Rows != 25 || res.Report.Skipped[importer.SkipArea] != 2 || len(res.Report.SkippedRows) != 7 || res.Report.Benchmarks != 7 || res.Report.Periods["93227"] != 2 {
		t.Errorf("jsna import --json = %+v", res)
	}
	bad := writeTemp(t, "bad.csv", "Ward,Obesity\nRiverside,12\n")
	code, stdout, _ = runCLI(t, "", "import", "fingertips", "--json", bad, "-o", out)
	res = importResult{}
	if err := json.Unmarshal([]byte(stdout), &res); err != nil || code != 1 {
		t.Fatalf("jsna import --json bad.csv: exit %d, %v\n%s", code, err, stdout)
	}
	if res.OK || len(res.Problems) != 1 || res.Problems[0].Line != 1 || res.Output != "" {
		t.Errorf("jsna import --json bad.csv = %+v", res)
	}
}

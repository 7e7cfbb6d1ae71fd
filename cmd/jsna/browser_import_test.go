//go:build browser

package main

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna/importer"
)

// odsFromCSV writes the rows of a CSV file as the only sheet of an
// OpenDocument spreadsheet, as a Local Health download is laid out: every
// cell a string cell, numbers included, which the importer reads as text.
func odsFromCSV(tb testing.TB, data []byte) []byte {
	tb.Helper()
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var x strings.Builder
	x.WriteString(`<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:spreadsheet><table:table table:name="Data">`)
	for _, rec := range recs {
		x.WriteString("<table:table-row>")
		for _, c := range rec {
			var b bytes.Buffer
			xml.EscapeText(&b, []byte(c))
			x.WriteString(`<table:table-cell office:value-type="string"><text:p>` + b.String() + `</text:p></table:table-cell>`)
		}
		x.WriteString("</table:table-row>")
	}
	x.WriteString(`</table:table></office:spreadsheet></office:body></office:document-content>`)
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	mw, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		tb.Fatal(err)
	}
	mw.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	cw, err := zw.Create("content.xml")
	if err != nil {
		tb.Fatal(err)
	}
	cw.Write([]byte(x.String()))
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return z.Bytes()
}

// TestBrowserImport opens a Fingertips CSV export and the same data as a
// Local Health .ods through the file input: each becomes a document with
// the wards jsna's importer finds natively, and the overview says what the
// import skipped.
func TestBrowserImport(t *testing.T) {
	csvData, err := os.ReadFile("../../static/examples/fingertips-sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := importer.Fingertips("fingertips-sample.csv", bytes.NewReader(csvData), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	odsFile := filepath.Join(dir, "local-health.ods")
	if err := os.WriteFile(odsFile, odsFromCSV(t, csvData), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	for _, tt := range []struct{ name, file string }{
		{"csv", "../../static/examples/fingertips-sample.csv"},
		{"ods", odsFile},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p.navigate("#/")
			p.upload("#open-file", tt.file)
			p.waitFor("the overview", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
			p.shot("import-" + tt.name)
			if got := eval[int](p, `document.querySelectorAll("#ward-ranking tbody tr").length`); got != len(want.Wards) {
				t.Errorf("wards after importing %s = %d, want %d", tt.file, got, len(want.Wards))
			}
			if got := p.text("#import-notes"); !strings.Contains(got, "rows read") {
				t.Errorf("import notes = %q, want the import report", got)
			}
			if got := p.text("#page-heading"); got != want.Area.Name {
				t.Errorf("heading = %q, want the area %q", got, want.Area.Name)
			}
		})
	}
	p.checkClean()
}

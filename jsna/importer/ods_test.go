package importer

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// odsDoc wraps table elements in an OpenDocument content.xml.
func odsDoc(tables string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="` + nsOffice + `" xmlns:table="` + nsTable + `" xmlns:text="` + nsText + `" office:version="1.3"><office:body><office:spreadsheet>` +
		tables + `</office:spreadsheet></office:body></office:document-content>`
}

// odsZip makes an .ods archive: the mimetype entry, stored first as the
// standard asks, content.xml and any other entries.
func odsZip(tb testing.TB, content string, other ...string) []byte {
	tb.Helper()
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	mw, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	if err != nil {
		tb.Fatal(err)
	}
	mw.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	entries := append([]string{"content.xml", content}, other...)
	for i := 0; i+1 < len(entries); i += 2 {
		w, err := zw.Create(entries[i])
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(entries[i+1]))
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return z.Bytes()
}

func xmlText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// odsCell writes a cell as LibreOffice does: numbers as float cells whose
// displayed text is rounded to 0 decimals (the importer must read
// office:value), runs of spaces as text:s, other text as string cells.
func odsCell(v string) string {
	if v == "" {
		return `<table:table-cell/>`
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		return fmt.Sprintf(`<table:table-cell office:value-type="float" office:value="%s" calcext:value-type="float"><text:p>%.0f</text:p></table:table-cell>`, v, f)
	}
	text := xmlText(v)
	text = strings.ReplaceAll(text, "  ", ` <text:s/>`)
	return `<table:table-cell office:value-type="string"><text:p>` + text + `</text:p></table:table-cell>`
}

// odsFromCSV turns a CSV file into the sheet "Ward data" of an .ods, below
// a title block, after a "Notes" sheet, padded as spreadsheets pad.
func odsFromCSV(tb testing.TB, data []byte) []byte {
	tb.Helper()
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var x strings.Builder
	x.WriteString(`<table:table table:name="Notes"><table:table-row><table:table-cell office:value-type="string"><text:p>About this file</text:p></table:table-cell></table:table-row></table:table>`)
	x.WriteString(`<table:table table:name="Ward data">`)
	x.WriteString(`<table:table-row><table:table-cell office:value-type="string"><text:p>Local Health: ward data</text:p><office:annotation><text:p>not data</text:p></office:annotation></table:table-cell></table:table-row>`)
	x.WriteString(`<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>`)
	for _, rec := range recs {
		x.WriteString("<table:table-row>")
		for _, c := range rec {
			x.WriteString(odsCell(c))
		}
		x.WriteString(`<table:table-cell table:number-columns-repeated="16357"/></table:table-row>`)
	}
	x.WriteString(`<table:table-row table:number-rows-repeated="1048540"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>`)
	return odsZip(tb, strings.Replace(odsDoc(x.String()), `xmlns:text=`, `xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:text=`, 1))
}

// TestImportODSMatchesCSV imports the sample as .ods: the same document as
// from the CSV, with rows named by sheet and row (the CSV's line 2 is the
// sheet's row 5, below the title block and the header).
func TestImportODSMatchesCSV(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "import", "fingertips.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ods := odsFromCSV(t, data)
	opts := Options{ID: "sample", Title: "Sample"}
	fromCSV, _, err := Fingertips("fingertips.csv", bytes.NewReader(data), opts)
	if err != nil {
		t.Fatal(err)
	}
	fromODS, rep, err := ODS("fingertips.ods", bytes.NewReader(ods), int64(len(ods)), opts)
	if err != nil {
		t.Fatalf("ODS(fingertips.ods) = %v", err)
	}
	if a, b := jsna.Canonical(fromCSV), jsna.Canonical(fromODS); !bytes.Equal(a, b) {
		t.Errorf("ODS differs from Fingertips:\nods: %s\ncsv: %s", b, a)
	}
	if rep.Sheet != "Ward data" || rep.Rows != 25 {
		t.Errorf("ODS report: sheet %q, %d rows, want \"Ward data\", 25", rep.Sheet, rep.Rows)
	}
	checkGolden(t, "ods-report.golden", []byte(rep.Summary(0)))
}

func TestImportODSCells(t *testing.T) {
	header := `<table:table-row>` + odsCell("Indicator ID") + odsCell("Area Code") + odsCell("Area Name") + odsCell("Value") + odsCell("Value note") + `</table:table-row>`
	tests := []struct {
		name, row string
		wantName  string
		wantValue string
		wantNote  string
	}{
		{"float keeps full precision", `<table:table-cell office:value-type="float" office:value="93227"><text:p>93227</text:p></table:table-cell>` + odsCell("E05000001") + odsCell("Riverside") + `<table:table-cell office:value-type="float" office:value="112.123456"><text:p>112.1</text:p></table:table-cell>`,
			"Riverside", "112.123456", ""},
		{"percentage as shown", odsCell("93227") + odsCell("E05000001") + odsCell("Riverside") + `<table:table-cell office:value-type="percentage" office:value="0.123"><text:p>12.3%</text:p></table:table-cell>`,
			"Riverside", "12.3", ""},
		{"text number", odsCell("93227") + odsCell("E05000001") + odsCell("Riverside") + `<table:table-cell office:value-type="string"><text:p>98.5</text:p></table:table-cell>`,
			"Riverside", "98.5", ""},
		{"spaces, tabs, lines and spans", odsCell("93227") + odsCell("E05000001") + `<table:table-cell office:value-type="string"><text:p>St<text:s text:c="2"/>Mary<text:span>’s</text:span><text:tab/>East</text:p><text:p>Ward</text:p></table:table-cell>` + odsCell("101"),
			"St  Mary’s\tEast\nWard", "101", ""},
		{"repeated cells and a note", odsCell("93227") + odsCell("E05000001") + odsCell("Riverside") + `<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>*</text:p></table:table-cell>`,
			"Riverside", "", "*"},
		{"covered cell", odsCell("93227") + `<table:table-cell table:number-columns-spanned="2" office:value-type="string"><text:p>E05000001</text:p></table:table-cell><table:covered-table-cell/>` + odsCell("102"),
			"E05000001", "102", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ods := odsZip(t, odsDoc(`<table:table table:name="S">`+header+`<table:table-row>`+tt.row+`</table:table-row></table:table>`))
			d, rep, err := ODS("cells.ods", bytes.NewReader(ods), int64(len(ods)), Options{})
			if err != nil {
				t.Fatalf("ODS = %v\n%s", err, rep.Summary(0))
			}
			w := d.Wards[0]
			v := w.Values[0]
			got := ""
			if v.Value != nil {
				got = strconv.FormatFloat(*v.Value, 'g', -1, 64)
			}
			if w.Name != tt.wantName || got != tt.wantValue || v.Note != tt.wantNote {
				t.Errorf("ODS(%s) = name %q, value %q, note %q, want %q, %q, %q", tt.name, w.Name, got, v.Note, tt.wantName, tt.wantValue, tt.wantNote)
			}
		})
	}
}

// TestImportODSRepeatedDataRow: a data row repeated by
// table:number-rows-repeated is read once; the copies are duplicates.
func TestImportODSRepeatedDataRow(t *testing.T) {
	header := `<table:table-row>` + odsCell("Indicator ID") + odsCell("Area Code") + odsCell("Value") + `</table:table-row>`
	row := `<table:table-row table:number-rows-repeated="3">` + odsCell("93227") + odsCell("E05000001") + odsCell("100.5") + `</table:table-row>`
	ods := odsZip(t, odsDoc(`<table:table table:name="S">`+header+row+`</table:table>`))
	_, rep, err := ODS("rep.ods", bytes.NewReader(ods), int64(len(ods)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 3 || rep.Imported != 1 || rep.Skipped[SkipDuplicate] != 2 || len(rep.SkippedRows) != 2 || rep.SkippedRows[1].String() != `sheet "S" row 4: repeats sheet "S" row 2` {
		t.Errorf("ODS(repeated row) report = %+v", rep)
	}
}

func TestImportODSErrors(t *testing.T) {
	header := `<table:table-row>` + odsCell("Indicator ID") + odsCell("Area Code") + odsCell("Value") + `</table:table-row>`
	data := `<table:table-row>` + odsCell("93227") + odsCell("E05000001") + odsCell("100.5") + `</table:table-row>`
	sheet := func(rows string) string { return odsDoc(`<table:table table:name="S">` + rows + `</table:table>`) }
	var xlsx bytes.Buffer
	zw := zip.NewWriter(&xlsx)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	zw.Close()
	var huge bytes.Buffer
	zw = zip.NewWriter(&huge)
	// A header claiming 1 TiB uncompressed.
	w, _ = zw.CreateRaw(&zip.FileHeader{Name: "content.xml", Method: zip.Store, CompressedSize64: 1, UncompressedSize64: 1 << 40})
	w.Write([]byte("<"))
	zw.Close()

	tests := []struct {
		name string
		data []byte
		opts Options
		want string
	}{
		{"empty", nil, Options{}, `jsna: bad.ods: file is empty`},
		{"not a zip", []byte("PK\x03\x04 not really"), Options{},
			`jsna: bad.ods: not an OpenDocument spreadsheet: not a zip archive (zip: not a valid zip file)`},
		{"xlsx", xlsx.Bytes(), Options{},
			`jsna: bad.ods: is an Excel workbook (.xlsx), not an OpenDocument spreadsheet: save it as .ods or export it as CSV`},
		{"no content", func() []byte {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			zw.Create("meta.xml")
			zw.Close()
			return b.Bytes()
		}(), Options{}, `jsna: bad.ods: not an OpenDocument spreadsheet: the archive has no content.xml`},
		{"size claimed too big", huge.Bytes(), Options{},
			`jsna: bad.ods: content.xml is 1048576 MB uncompressed, more than the 512 MB this version reads`},
		{"xml syntax", odsZip(t, sheet(header+`<table:table-row><table:table-cell></table:table-row>`)), Options{},
			`jsna: bad.ods: content.xml is not a readable OpenDocument spreadsheet: XML syntax error on line 2: element <table-cell> closed by </table-row>`},
		{"no header", odsZip(t, sheet(data+data)), Options{},
			`jsna: bad.ods: no sheet has a Fingertips header row with the columns "Indicator ID", "Area Code" and "Value" in its first 100 rows (sheets: "S")`},
		{"no such sheet", odsZip(t, sheet(header+data)), Options{Sheet: "Data"},
			`jsna: bad.ods: no sheet named "Data" (sheets: "S")`},
		{"header lacks a column", odsZip(t, sheet(`<table:table-row>`+odsCell("Indicator ID")+odsCell("Area Code")+odsCell("Area Name")+odsCell("Count")+`</table:table-row>`+data)), Options{Sheet: "S"},
			`jsna: bad.ods: sheet "S" row 1: not a Fingertips data header: no column "Value" (a Fingertips export starts "Indicator ID","Indicator Name",...,"Area Code",...,"Value")`},
		{"bad repeat", odsZip(t, sheet(header+`<table:table-row table:number-rows-repeated="many">`+odsCell("1")+`</table:table-row>`)), Options{},
			`jsna: bad.ods: sheet "S" row 2: table:number-rows-repeated "many" is not a positive whole number`},
		{"content past the last column", odsZip(t, sheet(header+`<table:table-row><table:table-cell table:number-columns-repeated="20000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>`)), Options{},
			`jsna: bad.ods: sheet "S" row 2: content beyond column 16384 (cell A)`},
		{"a data row repeated past the last row", odsZip(t, sheet(header+`<table:table-row table:number-rows-repeated="2000000">`+odsCell("93227")+odsCell("E05000001")+odsCell("1")+`</table:table-row>`)), Options{},
			`jsna: bad.ods: sheet "S" row 2: more than 1048576 rows with content`},
		{"cell too long", odsZip(t, sheet(header+`<table:table-row>`+odsCell(strings.Repeat("x", MaxODSCellBytes+1))+`</table:table-row>`)), Options{},
			`jsna: bad.ods: sheet "S" cell A2 holds more than 65536 bytes of text`},
		{"only empty rows", odsZip(t, sheet(header+`<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`)), Options{},
			`jsna: bad.ods: no data rows after the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, rep, err := ODS("bad.ods", bytes.NewReader(tt.data), int64(len(tt.data)), tt.opts)
			if tt.want == "" {
				if err != nil {
					t.Errorf("ODS(%s) = %v, want no error", tt.name, err)
				}
				return
			}
			var e *jsna.Error
			if !errors.As(err, &e) || d != nil || rep == nil {
				t.Fatalf("ODS(%s) = %v, %v, %v, want nil, a report and an *Error", tt.name, d, rep, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("ODS(%s) error = %s, want %s", tt.name, got, tt.want)
			}
		})
	}
}

func TestImportODSWrongMimetype(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.text"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(odsDoc("")))
	zw.Close()
	_, _, err := ODS("letter.odt", bytes.NewReader(b.Bytes()), int64(b.Len()), Options{})
	if got, want := fmt.Sprint(err), `jsna: letter.odt: is an OpenDocument file of type "application/vnd.oasis.opendocument.text", not a spreadsheet`; got != want {
		t.Errorf("ODS(letter.odt) = %s, want %s", got, want)
	}
}

func TestImportFlatODS(t *testing.T) {
	flat := `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="` + nsOffice + `" xmlns:table="` + nsTable + `" xmlns:text="` + nsText + `" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:body><office:spreadsheet><table:table table:name="S">` +
		`<table:table-row>` + odsCell("Indicator ID") + odsCell("Area Code") + odsCell("Value") + `</table:table-row>` +
		`<table:table-row>` + odsCell("93227") + odsCell("E05000001") + odsCell("100.5") + `</table:table-row>` +
		`</table:table></office:spreadsheet></office:body></office:document>`
	d, _, err := ODS("flat.fods", strings.NewReader(flat), int64(len(flat)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v := d.Wards[0].Values[0].Value; v == nil || *v != 100.5 {
		t.Errorf("ODS(flat.fods) value = %v, want 100.5", v)
	}
}

func TestCapReader(t *testing.T) {
	tests := []struct {
		in      string
		n       int64
		want    string
		wantErr error
	}{
		{"abc", 3, "abc", nil},
		{"abc", 5, "abc", nil},
		{"abcd", 3, "abc", errODSTooBig},
	}
	for _, tt := range tests {
		got, err := io.ReadAll(&capReader{r: strings.NewReader(tt.in), n: tt.n})
		if string(got) != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("ReadAll(capReader(%q, %d)) = %q, %v, want %q, %v", tt.in, tt.n, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestShiftDecimal(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0.123", "12.3"},
		{"0.5", "50"},
		{"1", "100"},
		{"-0.0725", "-7.25"},
		{"12.34567", "1234.567"},
		{"1.5E-2", "1.5"},
		{"abc", "abc"},
	}
	for _, tt := range tests {
		if got := shiftDecimal(tt.in, 2); got != tt.want {
			t.Errorf("shiftDecimal(%q, 2) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestColumnLetters(t *testing.T) {
	tests := []struct {
		i    int
		want string
	}{{0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}}
	for _, tt := range tests {
		if got := columnLetters(tt.i); got != tt.want {
			t.Errorf("columnLetters(%d) = %q, want %q", tt.i, got, tt.want)
		}
	}
}

// BenchmarkImportODS imports a county-sized Local Health sheet: 1,000
// wards by 30 indicators, 30,030 rows.
func BenchmarkImportODS(b *testing.B) {
	ods := odsFromCSV(b, writeFingertips(b, example.New(example.Options{Wards: 1000, Indicators: 30, Seed: 1})))
	b.SetBytes(int64(len(ods)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := ODS("county.ods", bytes.NewReader(ods), int64(len(ods)), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzImportODS checks that no content.xml makes the .ods reader panic.
func FuzzImportODS(f *testing.F) {
	header := `<table:table-row>` + odsCell("Indicator ID") + odsCell("Area Code") + odsCell("Value") + `</table:table-row>`
	row := `<table:table-row table:number-rows-repeated="2">` + odsCell("93227") + odsCell("E05000001") + `<table:table-cell office:value-type="percentage" office:value="1.005"/></table:table-row>`
	f.Add(odsDoc(`<table:table table:name="S">` + header + row + `</table:table>`))
	f.Add(odsDoc(`<table:table table:name="N"><table:table-row><table:table-cell table:number-columns-repeated="3"><text:p>a<text:s text:c="9"/></text:p></table:table-cell></table:table-row></table:table>`))
	f.Fuzz(func(t *testing.T, content string) {
		ods := odsZip(t, content)
		d, rep, err := ODS("fuzz.ods", bytes.NewReader(ods), int64(len(ods)), Options{})
		if rep == nil {
			t.Fatalf("ODS returned no report (err %v)", err)
		}
		if err == nil {
			if verr := d.Validate(); verr != nil {
				t.Fatalf("ODS made an invalid document: %v", verr)
			}
		}
	})
}

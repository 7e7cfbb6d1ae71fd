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

// FuzzImportODSArchive feeds ImportODS arbitrary files, not only arbitrary
// content.xml (FuzzImportODS): the zip reader, the flat OpenDocument path
// and the limits must hold for any bytes. An import either fails with an
// *Error or makes a valid document.
func FuzzImportODSArchive(f *testing.F) {
	header := `<table:table-row>` + odsCell("Indicator ID") + odsCell("Area Code") + odsCell("Value") + `</table:table-row>`
	row := `<table:table-row>` + odsCell("93227") + odsCell("E05000001") + odsCell("112.1") + `</table:table-row>` +
		`<table:table-row>` + odsCell("93227") + odsCell("E92000001") + odsCell("100") + `</table:table-row>`
	content := odsDoc(`<table:table table:name="Data">` + header + row + `</table:table>`)
	f.Add(odsZip(f, content))
	f.Add([]byte(content)) // a flat OpenDocument file
	f.Add(odsZip(f, content, "xl/workbook.xml", "<workbook/>"))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		d, rep, err := ImportODS("fuzz.ods", bytes.NewReader(data), int64(len(data)), ImportOptions{})
		if rep == nil {
			t.Fatalf("ImportODS returned no report (err %v)", err)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || d != nil || len(e.Problems) == 0 {
				t.Fatalf("ImportODS = %v, %v, want nil and an *Error", d, err)
			}
			return
		}
		if verr := d.Validate(); verr != nil {
			t.Fatalf("ImportODS made an invalid document: %v", verr)
		}
	})
}

package importer

import (
	"bytes"
	"errors"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// FuzzImportODSArchive feeds ODS arbitrary files, not only arbitrary
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
		d, rep, err := ODS("fuzz.ods", bytes.NewReader(data), int64(len(data)), Options{})
		if rep == nil {
			t.Fatalf("ODS returned no report (err %v)", err)
		}
		if err != nil {
			var e *jsna.Error
			if !errors.As(err, &e) || d != nil || len(e.Problems) == 0 {
				t.Fatalf("ODS = %v, %v, want nil and an *Error", d, err)
			}
			return
		}
		if verr := d.Validate(); verr != nil {
			t.Fatalf("ODS made an invalid document: %v", verr)
		}
	})
}

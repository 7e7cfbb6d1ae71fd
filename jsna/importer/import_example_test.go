package importer_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
)

func ExampleFingertips() {
	// Part of a Fingertips export: England, the county, and two wards, one
	// of them with its value suppressed.
	csv := `"Indicator ID","Indicator Name","Parent Code","Parent Name","Area Code","Area Name","Area Type","Sex","Age","Category Type","Category","Time period","Value","Lower CI 95.0 limit","Upper CI 95.0 limit","Count","Denominator","Value note"
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",,,E92000001,England,England,Persons,All ages,,,2016/17 - 20/21,100,99.9,100.1,6512034,6512034,
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",E12000007,London region,E09000099,Example Borough,Counties & UAs,Persons,All ages,,,2016/17 - 20/21,105.2,104.6,105.8,61234,58209.1,
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",E09000099,Example Borough,E05900001,Riverside,Ward,Persons,All ages,,,2016/17 - 20/21,112.1,105.9,118.6,1234,1100.5,
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",E09000099,Example Borough,E05900002,Hillside,Ward,Persons,All ages,,,2016/17 - 20/21,,,,,,Value suppressed for disclosure control
`
	d, report, err := importer.Fingertips("export.csv", strings.NewReader(csv), importer.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ind := d.Indicators[0]
	fmt.Printf("%s: %s, %s, England %v\n", ind.ID, ind.Method, ind.Polarity, *ind.BenchmarkValue)
	for _, w := range d.Wards {
		v := w.Values[0]
		if v.Value == nil {
			fmt.Printf("%s %s: no value (%s)\n", w.Code, w.Name, v.Note)
			continue
		}
		fmt.Printf("%s %s: %v (%v to %v)\n", w.Code, w.Name, *v.Value, *v.Lower, *v.Upper)
	}
	for _, b := range d.OtherBenchmarks {
		v := b.Values[0]
		fmt.Printf("beside England: %s (%s) %v (%v to %v)\n", b.Name, b.Kind, *v.Value, *v.Lower, *v.Upper)
	}
	fmt.Println(len(report.SkippedRows), "rows skipped")
	// Output:
	// 93227: isr, lower-is-better, England 100
	// E05900001 Riverside: 112.1 (105.9 to 118.6)
	// E05900002 Hillside: no value (Value suppressed for disclosure control)
	// beside England: Example Borough (local-authority) 105.2 (104.6 to 105.8)
	// 0 rows skipped
}

func ExampleKnownIndicator() {
	ind, ok := jsna.KnownIndicator("93105")
	fmt.Println(ok, ind.Method, ind.Polarity, ind.Unit)
	fmt.Println(ind.Name)
	// Output:
	// true proportion lower-is-better %
	// Reception: Prevalence of obesity (including severe obesity), 3 years data combined
}

func ExampleODS() {
	// A one-sheet .ods as OHID's Local Health downloads are laid out: a
	// title row, the Fingertips header, then England and a ward.
	cell := func(v string) string {
		return `<table:table-cell office:value-type="string"><text:p>` + v + `</text:p></table:table-cell>`
	}
	num := func(v string) string {
		return `<table:table-cell office:value-type="float" office:value="` + v + `"><text:p>` + v + `</text:p></table:table-cell>`
	}
	row := func(cells ...string) string {
		return "<table:table-row>" + strings.Join(cells, "") + "</table:table-row>"
	}
	content := `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="Ward data">` +
		row(cell("Local Health: ward data")) +
		row(cell("Indicator ID"), cell("Area Code"), cell("Area Name"), cell("Value"), cell("Count"), cell("Denominator")) +
		row(num("93227"), cell("E92000001"), cell("England"), num("100"), cell(""), cell("")) +
		row(num("93227"), cell("E05000001"), cell("Riverside"), num("112.1"), num("1234"), num("1100.5")) +
		`</table:table></office:spreadsheet></office:body></office:document-content>`
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	w, _ = zw.Create("content.xml")
	w.Write([]byte(content))
	zw.Close()

	d, report, err := importer.ODS("ward-data.ods", bytes.NewReader(b.Bytes()), int64(b.Len()), importer.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	v := d.Wards[0].Values[0]
	fmt.Printf("sheet %q: %d rows, %d ward values, %d benchmark\n", report.Sheet, report.Rows, report.Imported, report.Benchmarks)
	fmt.Printf("%s %s: %v (count %v of %v), England %v\n", d.Wards[0].Code, d.Wards[0].Name, *v.Value, *v.Count, *v.Denominator, *d.Indicators[0].BenchmarkValue)
	// Output:
	// sheet "Ward data": 2 rows, 1 ward values, 1 benchmark
	// E05000001 Riverside: 112.1 (count 1234 of 1100.5), England 100
}

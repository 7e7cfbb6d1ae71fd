package jsna_test

import (
	"fmt"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

func ExampleImportFingertips() {
	// Part of a Fingertips export: England, the county, and two wards, one
	// of them with its value suppressed.
	csv := `"Indicator ID","Indicator Name","Parent Code","Parent Name","Area Code","Area Name","Area Type","Sex","Age","Category Type","Category","Time period","Value","Lower CI 95.0 limit","Upper CI 95.0 limit","Count","Denominator","Value note"
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",,,E92000001,England,England,Persons,All ages,,,2016/17 - 20/21,100,99.9,100.1,6512034,6512034,
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",E12000007,London region,E09000099,Example Borough,Counties & UAs,Persons,All ages,,,2016/17 - 20/21,105.2,104.6,105.8,61234,58209.1,
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",E09000099,Example Borough,E05900001,Riverside,Ward,Persons,All ages,,,2016/17 - 20/21,112.1,105.9,118.6,1234,1100.5,
93227,"Emergency hospital admissions for all causes, all ages, standardised admission ratio",E09000099,Example Borough,E05900002,Hillside,Ward,Persons,All ages,,,2016/17 - 20/21,,,,,,Value suppressed for disclosure control
`
	d, report, err := jsna.ImportFingertips("export.csv", strings.NewReader(csv), jsna.ImportOptions{})
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
	for _, s := range report.SkippedRows {
		fmt.Println("skipped", s)
	}
	// Output:
	// 93227: isr, lower-is-better, England 100
	// E05900001 Riverside: 112.1 (105.9 to 118.6)
	// E05900002 Hillside: no value (Value suppressed for disclosure control)
	// skipped line 3: Example Borough (E09000099, area type Counties & UAs) is not a ward or England
}

func ExampleKnownIndicator() {
	ind, ok := jsna.KnownIndicator("93105")
	fmt.Println(ok, ind.Method, ind.Polarity, ind.Unit)
	fmt.Println(ind.Name)
	// Output:
	// true proportion lower-is-better %
	// Reception: Prevalence of obesity (including severe obesity), 3 years data combined
}

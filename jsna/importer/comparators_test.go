package importer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// TestComparators summarises a reference file of ten wards (synthetic,
// built here) with values 1 … 10: percentiles by type 7 (25th at
// 1 + 0.25 × 9 = 3.25), quintiles two wards each (phe_quantile), so cut
// at 2, 4, 6 and 8. England's row and an older period are not counted.
func TestComparators(t *testing.T) {
	rows := [][]string{ftRow("93105", "", England, "Persons", "4-5 yrs", "", "2018/19 - 20/21", "9.9", "", "")}
	for i := 1; i <= 10; i++ {
		code := fmt.Sprintf("E05%06d", i)
		rows = append(rows, ftRow("93105", "E09000099", code, "Persons", "4-5 yrs", "", "2018/19 - 20/21", fmt.Sprint(11-i), "", ""))
		rows = append(rows, ftRow("93105", "E09000099", code, "Persons", "4-5 yrs", "", "2017/18 - 19/20", "50", "", ""))
	}
	ref, rep, err := Comparators("all-wards.csv", strings.NewReader(fingertipsCSV(t, rows...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := ref["93105"]
	want := jsna.Comparators{Source: "Fingertips", File: "all-wards.csv", Area: "England", AreaCode: England, Period: "2018/19 - 20/21",
		N: 10, Min: 1, Q25: 3.25, Median: 5.5, Q75: 7.75, Max: 10, Quintiles: []float64{2, 4, 6, 8}}
	if c == nil || fmt.Sprint(*c) != fmt.Sprint(want) {
		t.Fatalf("Comparators = %+v, want %+v", c, want)
	}
	if rep.WardsByIndicator["93105"] != 10 {
		t.Errorf("wards counted = %v, want 10", rep.WardsByIndicator)
	}

	d := &jsna.Document{Indicators: []jsna.Indicator{
		{ID: "93105", Period: "2018/19 - 20/21"},
		{ID: "93106", Period: "2018/19 - 20/21"},
	}}
	ref["93106"] = &jsna.Comparators{Period: "2017/18 - 19/20"}
	changes := ApplyComparators(d, ref)
	if d.Indicators[0].Comparators == nil || d.Indicators[0].Comparators.N != 10 || d.Indicators[1].Comparators != nil {
		t.Errorf("ApplyComparators set %+v, %+v; want the first only", d.Indicators[0].Comparators, d.Indicators[1].Comparators)
	}
	if len(changes) != 2 || !changes[0].Set || changes[1].Why.String() != "the reference file has 2017/18 - 19/20, not 2018/19 - 20/21" {
		t.Errorf("changes = %+v", changes)
	}
}

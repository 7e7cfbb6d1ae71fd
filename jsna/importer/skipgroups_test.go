package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// groupsCSV is a synthetic Fingertips export (made up for the test) with
// rows skipped for several reasons: two wards of Example Borough with one
// value each of 93227; 147 rows with no Indicator ID; the borough's own
// rows (its parent area) and 10,005 MSOA rows of 93227, more than the
// report lists one by one (MaxSkippedRows); and a Value that is not a
// number in 93105.
func groupsCSV(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"Indicator ID", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex", "Age", "Time period", "Value"})
	ward := func(id, code, value string) {
		w.Write([]string{id, "E09000099", "Example Borough", code, "Ward " + code, "Ward", "Persons", "All ages", "2021/22", value})
	}
	ward("93227", "E05900001", "101.5") // line 2
	ward("93227", "E05900002", "97")    // line 3
	for i := 0; i < 147; i++ {          // lines 4–150
		ward("", "E05900001", "1")
	}
	w.Write([]string{"93227", "E92000001", "England", "E09000099", "Example Borough", "Counties & UAs (from Apr 2023)", "Persons", "All ages", "2021/22", "100"}) // line 151
	for i := 0; i < 10005; i++ {                                                                                                                                  // lines 152–10156
		w.Write([]string{"93227", "E09000099", "Example Borough", fmt.Sprintf("E02%06d", i), "MSOA", "MSOA", "Persons", "All ages", "2021/22", "99"})
	}
	ward("93105", "E05900001", "n/a?") // line 10157
	w.Flush()
	return b.Bytes()
}

// TestSkipGroups checks that every skipped row counts in its group by
// indicator and reason, those past MaxSkippedRows too, with the first
// lines as examples, and that the summary says them in words with what
// to do.
func TestSkipGroups(t *testing.T) {
	_, rep, err := Fingertips("groups.csv", bytes.NewReader(groupsCSV(t)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []SkipGroup{
		{Reason: ReasonNoIndicator, Kind: SkipMissing, Rows: 147, Lines: []int{4, 5, 6, 7, 8}},
		{Reason: ReasonNumber, Kind: SkipNumber, Indicator: "93105", Detail: "Value", Rows: 1, Lines: []int{10157}},
		{Reason: ReasonOtherArea, Kind: SkipArea, Indicator: "93227", Detail: "MSOA", Rows: 10005, Lines: []int{152, 153, 154, 155, 156}},
	}
	if !reflect.DeepEqual(rep.Groups, want) {
		t.Errorf("Groups =\n%+v\nwant\n%+v", rep.Groups, want)
	}
	if len(rep.SkippedRows) != MaxSkippedRows || rep.SkippedRowsOmitted != 147+1+10005-MaxSkippedRows {
		t.Errorf("skipped rows listed %d, omitted %d", len(rep.SkippedRows), rep.SkippedRowsOmitted)
	}
	wantSummary := "skipped rows, by reason:\n" +
		"  147 rows had no indicator ID\n" +
		"    147 rows (lines 4, 5, 6, 7, 8, …)\n" +
		"    what to do: Fill in the Indicator ID column (Fingertips' number for the indicator, such as 93227), or delete these rows: without it a value cannot be matched to an indicator.\n" +
		"  1 row has a cell in the column Value that is not a number\n" +
		"    indicator 93105: 1 row (line 10157)\n" +
		"    what to do: Correct these cells: a number with a full stop as the decimal point, or empty where there is none. Then import the file again.\n" +
		"  10005 rows are of area type MSOA, neither wards nor England\n" +
		"    indicator 93227: 10005 rows (lines 152, 153, 154, 155, 156, …)\n" +
		"    what to do: Nothing to do: Fingertips downloads carry other areas too (regions, MSOAs), and Wardwise reads wards, England and the wards' parent area.\n"
	if got := rep.Summary(-1); !strings.Contains(got, wantSummary) || strings.Contains(got, "one by one") {
		t.Errorf("Summary(-1) =\n%s\nwant it to contain\n%s", got, wantSummary)
	}
}

// TestSkipReasons checks the grouping by reason: groups of one reason and
// detail are one, their rows summed, in order.
func TestSkipReasons(t *testing.T) {
	groups := []SkipGroup{
		{Reason: ReasonSex, Indicator: "93227", Detail: "Persons", Rows: 2, Lines: []int{3, 4}},
		{Reason: ReasonSex, Indicator: "93105", Detail: "Persons", Rows: 3, Lines: []int{9, 10, 11}},
		{Reason: ReasonSex, Indicator: "90366", Detail: "Male", Rows: 1, Lines: []int{12}},
	}
	got := SkipReasons(groups)
	if len(got) != 2 || got[0].Rows != 5 || len(got[0].Groups) != 2 || got[1].Rows != 1 || got[1].Detail != "Male" {
		t.Fatalf("SkipReasons = %+v", got)
	}
	if w := got[0].What(); w != "5 rows are for other sexes than Persons" {
		t.Errorf("What() = %q", w)
	}
	if w := got[1].What(); w != "1 row is for another sex than Male" {
		t.Errorf("What() = %q", w)
	}
}

// TestReasonsTable checks every reason has its kind, both sentences and
// what to do, and that each sentence takes the detail only when it says
// it does.
func TestReasonsTable(t *testing.T) {
	for _, code := range Reasons() {
		one, other, hasDetail, todo := ReasonWords(code)
		verbs := 1
		if hasDetail {
			verbs = 2
		}
		if ReasonKind(code) == "" || todo == "" || strings.Count(one, "%") != verbs || strings.Count(other, "%") != verbs {
			t.Errorf("reason %s: kind %q, %q, %q, todo %q", code, ReasonKind(code), one, other, todo)
		}
	}
}

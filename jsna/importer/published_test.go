package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
)

// recentTrendCSV is a synthetic Fingertips export (figures made up for
// the test) of unemployment (93097, a proportion, lower is better) in six
// wards, each row with Fingertips' Recent Trend as exports word it:
//
//   - Riverside: 40, 52, 64, 76, 88 of 2000 over 2017/18–2021/22, published
//     "Increasing and getting worse", which the calculation agrees with;
//   - Hillside: 50, 50, 51, 50, 50, no significant change, published
//     "Decreasing and getting better": they differ;
//   - Castle: three years only, too few to calculate, published
//     "Increasing & getting worse": Fingertips' only;
//   - Meadow: 100, 90, 80, 70, 60, decreasing, published "Cannot be
//     calculated";
//   - Oldtown: the latest year only, published "Decreasing": Fingertips'
//     only;
//   - Parkway: 60 a year, published "Rising a bit", which is not a trend's
//     words.
//
// Published trends are on the latest year's rows; the earlier rows have
// none, as Fingertips leaves them in a single-period download.
func recentTrendCSV(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type",
		"Sex", "Age", "Time period", "Value", "Count", "Denominator", "Recent Trend", "Time period Sortable"})
	years := []string{"2017/18", "2018/19", "2019/20", "2020/21", "2021/22"}
	wards := []struct {
		code, name string
		counts     []int // the last len(counts) years
		published  string
	}{
		{"E05900001", "Riverside", []int{40, 52, 64, 76, 88}, "Increasing and getting worse"},
		{"E05900002", "Hillside", []int{50, 50, 51, 50, 50}, "Decreasing and getting better"},
		{"E05900003", "Castle", []int{60, 70, 80}, "Increasing & getting worse"},
		{"E05900004", "Meadow", []int{100, 90, 80, 70, 60}, "Cannot be calculated"},
		{"E05900005", "Oldtown", []int{70}, "Decreasing"},
		{"E05900006", "Parkway", []int{60, 60, 60, 60, 60}, "Rising a bit"},
	}
	name := "Unemployment (% of the working age population claiming out of work benefit)"
	for _, wd := range wards {
		first := len(years) - len(wd.counts)
		for i, c := range wd.counts {
			y := years[first+i]
			trend := ""
			if first+i == len(years)-1 {
				trend = wd.published
			}
			w.Write([]string{"93097", name, "E09000099", "Example Borough", wd.code, wd.name, "Ward", "Persons", "16-64 yrs", y,
				fmt.Sprint(float64(c) / 2000 * 100), fmt.Sprint(c), "2000", trend, y[:4] + "0000"})
		}
	}
	w.Write([]string{"93097", name, "", "", "E92000001", "England", "England", "Persons", "16-64 yrs", "2021/22", "3.4", "", "", "", "20210000"})
	w.Flush()
	return b.Bytes()
}

// TestImportRecentTrendGolden imports recentTrendCSV: every value keeps
// its published trend (recent_trend), and CheckPublished sets each ward's
// current one beside the trend calculated from the file, with the verdict.
// The golden file holds the document, then a line per ward.
func TestImportRecentTrendGolden(t *testing.T) {
	d, _, err := Fingertips("recent-trend.csv", bytes.NewReader(recentTrendCSV(t)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := score.Score(d, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var table strings.Builder
	want := map[string]string{
		"E05900001": score.PublishedAgrees, "E05900002": score.PublishedDiffers, "E05900003": score.PublishedOnly,
		"E05900004": score.PublishedCannot, "E05900005": score.PublishedOnly, "E05900006": score.PublishedUnread,
	}
	for i := range d.Wards {
		w := &d.Wards[i]
		trend := s.Ward(w.Code).Trend(0)
		cur := currentValue(w, &d.Indicators[0])
		c, ok := score.CheckPublished(cur, trend)
		calc := "one period"
		if t := trend; t != nil {
			calc = orDefault(t.Direction, "none: "+t.NoMarker)
			if t.Marker != "" {
				calc += fmt.Sprintf(" (chi2 %.6f)", t.Chi2)
			}
		}
		fmt.Fprintf(&table, "%s %s: calculated %s; published %q (marker %q, better %v, worse %v): %s\n",
			w.Code, w.Name, calc, c.Text, c.Marker, c.Better, c.Worse, c.Verdict)
		if !ok || c.Verdict != want[w.Code] {
			t.Errorf("%s: CheckPublished = %+v, %v; want verdict %s", w.Code, c, ok, want[w.Code])
		}
	}
	// Riverside's χ² by the chi-squared test for trend (docs/statistics.md,
	// "Recent trends"), with t = 0…4: D = 10000, C = 320, Σcₜt = 760,
	// Σdₜt = 20000, Σdₜt² = 60000, so χ² = 10000·(10000·760 − 320·20000)² /
	// (320·9680·(10000·60000 − 20000²)) = 5625/242.
	if got := s.Ward("E05900001").Trend(0).Chi2; math.Abs(got-5625.0/242) > 1e-9 {
		t.Errorf("Riverside chi2 = %v, want 5625/242 = %v", got, 5625.0/242)
	}
	b, err := jsna.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "recent-trend.golden", append(append(b, "--- published and calculated trends\n"...), table.String()...))
}

// currentValue is w's value of ind for the indicator's own period.
func currentValue(w *jsna.Ward, ind *jsna.Indicator) *jsna.Value {
	for i := range w.Values {
		if v := &w.Values[i]; v.Indicator == ind.ID && (v.Period == "" || v.Period == ind.Period) {
			return v
		}
	}
	return nil
}

// TestReadPublishedTrend checks the lenient reading of Fingertips'
// Recent Trend words.
func TestReadPublishedTrend(t *testing.T) {
	tests := []struct {
		in            string
		marker        string
		better, worse bool
		ok            bool
	}{
		{"Increasing and getting worse", "Increasing", false, true, true},
		{"increasing &  getting better", "Increasing", true, false, true},
		{"Decreasing", "Decreasing", false, false, true},
		{"No significant change", "No significant change", false, false, true},
		{"Could not be calculated", "Cannot be calculated", false, false, true},
		{"Decreasing and staying put", "", false, false, false},
		{"", "", false, false, false},
	}
	for _, tt := range tests {
		m, better, worse, ok := score.ReadPublishedTrend(tt.in)
		if m != tt.marker || better != tt.better || worse != tt.worse || ok != tt.ok {
			t.Errorf("ReadPublishedTrend(%q) = %q, %v, %v, %v; want %q, %v, %v, %v", tt.in, m, better, worse, ok, tt.marker, tt.better, tt.worse, tt.ok)
		}
	}
}

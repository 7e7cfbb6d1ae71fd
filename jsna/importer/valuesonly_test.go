package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna/score"
)

// valuesOnlyCSV is a ward file as many councils publish them (synthetic
// figures): Fingertips' CSV layout, six wards of Example Borough, no
// England or borough rows, no confidence intervals. Emergency admissions
// (93227, a ratio, lower is better) and the fertility rate (93089, no
// judgement) have values only; unemployment (93097, a proportion) has
// counts and denominators too, its values count / denominator × 100.
func valuesOnlyCSV(tb testing.TB) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type",
		"Sex", "Age", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator", "Value note"})
	wards := []string{"Riverside", "Hillside", "Castle", "Meadow", "Oldtown", "Parkway"}
	sar := []string{"112.1", "95.3", "101", "88.4", "130.2", "99"}
	gfr := []string{"61.2", "55", "70.4", "48.9", "66.1", "58"}
	unemp := [][2]int{{40, 1000}, {30, 1500}, {25, 500}, {60, 2000}, {90, 1800}, {20, 1000}}
	for i, name := range wards {
		code := fmt.Sprintf("E0590000%d", i+1)
		row := func(id, ind, period, value, count, den string) {
			w.Write([]string{id, ind, "E09000099", "Example Borough", code, name, "Ward", "Persons", "All ages", period, value, "", "", count, den, ""})
		}
		row("93227", "Emergency hospital admissions for all causes, all ages, standardised admission ratio", "2016/17 - 20/21", sar[i], "", "")
		row("93089", "General fertility rate", "2016 - 20", gfr[i], "", "")
		c, n := unemp[i][0], unemp[i][1]
		row("93097", "Unemployment (% of the working age population claiming out of work benefit)", "2021/22",
			fmt.Sprint(float64(c)/float64(n)*100), fmt.Sprint(c), fmt.Sprint(n))
	}
	w.Flush()
	return b.Bytes()
}

// TestImportValuesOnly imports a values-only file with no England rows
// (the browser test, cmd/jsna/browser_benchmark_test.go, opens the same
// file, testdata/import/values-only.csv): the benchmark is the borough
// built from its wards, said so, and the values without intervals are
// placed by quintile; nothing is called England.
func TestImportValuesOnly(t *testing.T) {
	data := valuesOnlyCSV(t)
	checkGolden(t, "values-only.csv", data)
	d, _, err := Fingertips("values-only.csv", bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := score.Score(d, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.BenchmarkName(d), "Example Borough (its wards: sum or median by indicator)"; got != want {
		t.Errorf("benchmark = %q, want %q", got, want)
	}
	benchmarks := map[string]struct {
		value float64
		src   score.BenchmarkSource
	}{
		"93227": {100, score.FromWardsMedian},             // (99 + 101) / 2
		"93089": {59.6, score.FromWardsMedian},            // (58 + 61.2) / 2
		"93097": {265.0 / 7800 * 100, score.FromWardsSum}, // 3.397…%
	}
	for _, is := range s.Indicators {
		want := benchmarks[is.Indicator]
		if is.Benchmark == nil || *is.Benchmark != want.value || is.BenchmarkSource != want.src {
			t.Errorf("%s: benchmark %v from %s, want %v from %s", is.Indicator, is.Benchmark, is.BenchmarkSource, want.value, want.src)
		}
	}
	// Quintiles of 6 values (phe_quantile, ⌊6 − ⌈(7 − rank)/1.2⌉⌋): ranks
	// 1–6 give 1, 1, 2, 3, 4, 5.
	// 93227 (lower is better): 88.4, 95.3, 99, 101, 112.1, 130.2;
	// 93089 (no judgement): 48.9, 55, 58, 61.2, 66.1, 70.4.
	// 93097 has counts: Wilson intervals are computed and it is compared
	// with the sum, 3.397%: Riverside 40/1000 (2.95–5.40%) similar, Castle
	// 25/500 (3.409–7.28%) worse, Oldtown 90/1800 (99.8%: 3.64–6.84%)
	// worst.
	want := map[string][3]string{
		"Riverside": {"2nd-worst", "middle", "similar"},
		"Hillside":  {"best", "lowest", "better"},
		"Castle":    {"middle", "highest", "worse"},
		"Meadow":    {"best", "lowest", "similar"},
		"Oldtown":   {"worst", "2nd-highest", "worst"},
		"Parkway":   {"2nd-best", "2nd-lowest", "better"},
	}
	for _, w := range s.Wards {
		got := [3]string{w.Values[0].ByQuintile(), w.Values[1].ByQuintile(), string(w.Values[2].Comparison())}
		if got != want[w.Name] {
			t.Errorf("%s: %q, want %q", w.Name, got, want[w.Name])
		}
		for i, v := range w.Values {
			if note := w.Note(i); strings.Contains(note, "England") || v.ByQuintile() != "" && note != score.NoteByQuintile {
				t.Errorf("%s %s: note %q", w.Name, s.Indicators[i].Indicator, note)
			}
		}
	}
}

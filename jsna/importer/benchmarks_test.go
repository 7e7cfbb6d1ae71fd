package importer

import (
	"strings"
	"testing"
)

// areaRow is a row of fingertipsCSV for an area that is not a ward: a
// Welsh health board or a local authority, of the given area type.
func areaRow(id, code, name, areaType, period, value string) []string {
	r := ftRow(id, "", code, "Persons", "All ages", "", period, value, "", "")
	r[5], r[6] = name, areaType
	return r
}

// TestImportParentBenchmarks: England's rows and the wards' parent's
// become the benchmark and the benchmark beside it, for every period the
// wards have; a file without England rows takes the parent as its
// benchmark. The files are synthetic, built here.
func TestImportParentBenchmarks(t *testing.T) {
	rows := [][]string{
		ftRow("93227", "", England, "Persons", "All ages", "", "2016/17 - 20/21", "100", "", ""),
		ftRow("93227", "", England, "Persons", "All ages", "", "2015/16 - 19/20", "100", "", ""),
		ftRow("93227", "", England, "Persons", "All ages", "", "2014/15 - 18/19", "100", "", ""), // no ward has it
		areaRow("93227", "W11000028", "Aneurin Bevan University Health Board", "Local health board", "2016/17 - 20/21", "108.5"),
		areaRow("93227", "W11000028", "Aneurin Bevan University Health Board", "Local health board", "2015/16 - 19/20", "107.1"),
		areaRow("93227", "W11000029", "Swansea Bay University Health Board", "Local health board", "2016/17 - 20/21", "99"), // not the parent
		ftRow("93227", "W11000028", "W05000980", "Persons", "All ages", "", "2016/17 - 20/21", "112", "", ""),
		ftRow("93227", "W11000028", "W05000980", "Persons", "All ages", "", "2015/16 - 19/20", "111", "", ""),
		ftRow("93227", "W11000028", "W05000981", "Persons", "All ages", "", "2016/17 - 20/21", "95", "", ""),
	}
	d, rep, err := Fingertips("wales.csv", strings.NewReader(fingertipsCSV(t, rows...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Benchmark.Code != England || d.Benchmark.Kind != "england" || *d.Indicators[0].BenchmarkValue != 100 {
		t.Errorf("benchmark = %+v, %v; want England, 100", d.Benchmark, d.Indicators[0].BenchmarkValue)
	}
	if len(d.Benchmark.Values) != 1 || d.Benchmark.Values[0].Period != "2015/16 - 19/20" {
		t.Errorf("England's earlier periods = %+v, want 2015/16 - 19/20 only", d.Benchmark.Values)
	}
	if len(d.OtherBenchmarks) != 1 {
		t.Fatalf("other benchmarks = %+v, want the health board", d.OtherBenchmarks)
	}
	hb := d.OtherBenchmarks[0]
	if hb.Code != "W11000028" || hb.Kind != "health-board" || hb.Name != "Aneurin Bevan University Health Board" || len(hb.Values) != 2 ||
		*hb.Values[0].Value != 108.5 || hb.Values[0].Period != "" || *hb.Values[1].Value != 107.1 || hb.Values[1].Period != "2015/16 - 19/20" {
		t.Errorf("health board = %+v", hb)
	}
	if rep.Benchmarks != 4 || rep.Skipped[SkipArea] != 1 || rep.Skipped[SkipPeriod] != 1 {
		t.Errorf("report: %d benchmark values, skipped %v; want 4, 1 area (Swansea Bay) and 1 period (2014/15 - 18/19)", rep.Benchmarks, rep.Skipped)
	}
	want := "line 4: England row for time period 2014/15 - 18/19, which no ward row of indicator 93227 has"
	if got := rep.SkippedRows[0].String(); got != want {
		t.Errorf("first skipped row = %q, want %q", got, want)
	}

	// Without England's rows the health board is the benchmark.
	d, _, err = Fingertips("wales.csv", strings.NewReader(fingertipsCSV(t, rows[3:]...)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Benchmark.Code != "W11000028" || d.Benchmark.Kind != "health-board" || *d.Indicators[0].BenchmarkValue != 108.5 ||
		len(d.Benchmark.Values) != 1 || *d.Benchmark.Values[0].Value != 107.1 || len(d.OtherBenchmarks) != 0 {
		t.Errorf("without England: benchmark %+v, value %v, others %+v; want the health board, 108.5 (107.1 before), none beside", d.Benchmark, d.Indicators[0].BenchmarkValue, d.OtherBenchmarks)
	}
}

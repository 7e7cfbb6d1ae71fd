package jsna

import (
	"strings"
	"testing"
)

// besideJSON is a document (synthetic, written here) with a benchmark
// beside England, benchmark values per period and a reference file's
// comparators: every member jsna/1 added for them.
const besideJSON = `{"format":"jsna/1","id":"b","title":"B",
"area":{"code":"E09000099","name":"Example Borough"},
"benchmark":{"code":"E92000001","name":"England","kind":"england",
  "values":[{"indicator":"93085","period":"2015/16 - 19/20","value":100}]},
"other_benchmarks":[{"code":"E09000099","name":"Example Borough","kind":"local-authority",
  "values":[{"indicator":"93085","value":104.5,"lower":102.1,"upper":106.9},
            {"indicator":"93085","period":"2015/16 - 19/20","value":103}]}],
"indicators":[{"id":"93085","name":"Emergency admissions","method":"isr","polarity":"lower-is-better",
  "period":"2016/17 - 20/21","benchmark_value":100,
  "comparators":{"source":"Fingertips","area":"England","area_code":"E92000001","period":"2016/17 - 20/21",
    "n":6856,"min":31.2,"q25":86.4,"median":99.1,"q75":113.8,"max":261.7,"quintiles":[82.3,94.6,104,118.9]}}],
"wards":[{"code":"E05000001","name":"Riverside","values":[{"indicator":"93085","value":112.2}]}]}`

func TestDecodeBenchmarks(t *testing.T) {
	d, err := Parse("beside.json", []byte(besideJSON))
	if err != nil {
		t.Fatal(err)
	}
	if d.Benchmark.Kind != KindEngland || len(d.Benchmark.Values) != 1 || d.Benchmark.Values[0].Period != "2015/16 - 19/20" {
		t.Errorf("benchmark = %+v", d.Benchmark)
	}
	if len(d.OtherBenchmarks) != 1 || d.OtherBenchmarks[0].Kind != KindLocalAuthority || *d.OtherBenchmarks[0].Values[0].Upper != 106.9 {
		t.Errorf("other_benchmarks = %+v", d.OtherBenchmarks)
	}
	c := d.Indicators[0].Comparators
	if c == nil || c.N != 6856 || c.Q75 != 113.8 || len(c.Quintiles) != 4 || c.Quintiles[2] != 104 {
		t.Fatalf("comparators = %+v", c)
	}
	ind := &d.Indicators[0]
	if v := d.Benchmark.ValueOf(ind, "", true); v == nil || *v.Value != 100 {
		t.Errorf("England's current value = %v, want benchmark_value 100", v)
	}
	if v := d.OtherBenchmarks[0].ValueOf(ind, "2015/16 - 19/20", false); v == nil || *v.Value != 103 {
		t.Errorf("the borough's 2015/16 - 19/20 value = %v, want 103", v)
	}
	if v := d.OtherBenchmarks[0].ValueOf(ind, "2014/15 - 18/19", false); v != nil {
		t.Errorf("a period the borough has no value for gave %v", v)
	}
	// Written back and read again, nothing changes.
	b := Canonical(d)
	d2, err := Parse("again.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if string(Canonical(d2)) != string(b) {
		t.Errorf("canonical encoding changed on a second pass:\n%s\n%s", b, Canonical(d2))
	}
	for _, member := range []string{`"other_benchmarks":[{"code":"E09000099"`, `"kind":"local-authority"`, `"quintiles":[82.3,94.6,104,118.9]`} {
		if !strings.Contains(string(b), member) {
			t.Errorf("canonical encoding lacks %s", member)
		}
	}
}

// TestValidateBenchmarks: bad benchmarks and comparators are refused with
// the JSON path of each problem.
func TestValidateBenchmarks(t *testing.T) {
	tests := []struct {
		name, from, to, want string
	}{
		{"code", `"code":"E09000099","name":"Example Borough","kind"`, `"code":"borough","name":"Example Borough","kind"`,
			`other_benchmarks[0].code: "borough" is not a GSS code`},
		{"twice", `"code":"E09000099","name":"Example Borough","kind"`, `"code":"E92000001","name":"Example Borough","kind"`,
			`other_benchmarks[0].code: benchmark "E92000001" is listed twice (also benchmark)`},
		{"kind", `"kind":"local-authority"`, `"kind":"borough"`,
			`other_benchmarks[0].kind: must be one of england, country, region, local-authority, health-board, other, got "borough"`},
		{"indicator", `{"indicator":"93085","period":"2015/16 - 19/20","value":103}`, `{"indicator":"9999","value":103}`,
			`other_benchmarks[0].values[1].indicator: indicator "9999" is not in the document's indicators`},
		{"period twice", `"period":"2015/16 - 19/20","value":103`, `"period":"2016/17 - 20/21","value":103`,
			`other_benchmarks[0].values[1].indicator: benchmark "E09000099" has two values for indicator "93085"`},
		{"interval", `"lower":102.1,"upper":106.9`, `"lower":107.1,"upper":106.9`,
			`other_benchmarks[0].values[0].lower: lower 107.1 is above upper 106.9`},
		{"order", `"q75":113.8`, `"q75":13.8`, `indicators[0].comparators.q75: q75 13.8 is below median 99.1`},
		{"cuts", `[82.3,94.6,104,118.9]`, `[82.3,94.6,90,118.9]`, `indicators[0].comparators.quintiles[2]: quintile cut 90 is below the one before, 94.6`},
		{"n", `"n":6856`, `"n":0`, `indicators[0].comparators.n: must be at least 1`},
	}
	for _, tt := range tests {
		src := strings.Replace(besideJSON, tt.from, tt.to, 1)
		if src == besideJSON {
			t.Fatalf("%s: %q not in the document", tt.name, tt.from)
		}
		_, err := Parse("bad.json", []byte(src))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Parse error = %v, want one with %q", tt.name, err, tt.want)
		}
	}
}

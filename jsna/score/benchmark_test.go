package score

import (
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

func TestWardsBenchmark(t *testing.T) {
	prop := &jsna.Indicator{ID: "P", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter}
	dsr := &jsna.Indicator{ID: "D", Method: jsna.MethodDSR, Polarity: jsna.LowerIsBetter}
	cd := func(c, n float64, x *float64) *jsna.Value {
		return &jsna.Value{Count: fp(c), Denominator: fp(n), Value: x}
	}
	val := func(x float64) *jsna.Value { return &jsna.Value{Value: fp(x)} }
	tests := []struct {
		name   string
		ind    *jsna.Indicator
		values []*jsna.Value
		want   float64
		src    BenchmarkSource
	}{
		// 60 / 1000 × 100.
		{"sum", prop, []*jsna.Value{cd(10, 100, fp(10)), cd(20, 400, fp(5)), cd(30, 500, fp(6))}, 6, FromWardsSum},
		// Values rounded to one decimal place still add up: 1/3 is 33.3.
		{"sum rounded", prop, []*jsna.Value{cd(1, 3, fp(33.3)), cd(2, 3, nil)}, 50, FromWardsSum},
		// 7 is not 30/500 × 100: the file's values are something else.
		{"inconsistent", prop, []*jsna.Value{cd(10, 100, fp(10)), cd(20, 400, fp(5)), cd(30, 500, fp(7))}, 7, FromWardsMedian},
		// A ward without counts (or without a value) leaves the sum incomplete.
		{"one without counts", prop, []*jsna.Value{cd(10, 100, fp(10)), cd(20, 400, fp(5)), val(8)}, 8, FromWardsMedian},
		{"one without a value", prop, []*jsna.Value{cd(10, 100, fp(10)), cd(20, 400, fp(5)), nil}, 7.5, FromWardsMedian},
		// A DSR is never summed; the median of 4 values is the mean of the middle two.
		{"dsr", dsr, []*jsna.Value{cd(10, 100, fp(1)), cd(20, 400, fp(2)), cd(30, 500, fp(3)), cd(5, 50, fp(10))}, 2.5, FromWardsMedian},
		// Values computed from counts (Wilson's value is x/n × 100).
		{"computed", prop, []*jsna.Value{val(4), val(9), {Count: fp(1), Denominator: fp(20)}}, 5, FromWardsMedian},
		{"one ward", prop, []*jsna.Value{cd(10, 100, fp(10)), nil}, 0, NoBenchmark},
		{"none", prop, nil, 0, NoBenchmark},
	}
	for _, tt := range tests {
		got, src := WardsBenchmark(tt.ind, tt.values)
		if got != tt.want || src != tt.src {
			t.Errorf("%s: WardsBenchmark = %v, %s; want %v, %s", tt.name, got, src, tt.want, tt.src)
		}
	}
}

// TestScoreWardsBenchmark: a file without benchmark values is compared
// with the area built from its wards, and says so; one with them, with
// its benchmark area.
func TestScoreWardsBenchmark(t *testing.T) {
	d := &jsna.Document{
		Area:      jsna.Area{Code: "E09000001", Name: "Borough"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		Indicators: []jsna.Indicator{
			{ID: "P", Name: "P", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter},
			{ID: "V", Name: "V", Method: jsna.MethodOther, Polarity: jsna.HigherIsBetter},
		},
	}
	for i, c := range []float64{10, 20, 30} {
		d.Wards = append(d.Wards, jsna.Ward{Code: "W" + string(rune('1'+i)), Name: "W", Values: []jsna.Value{
			{Indicator: "P", Count: fp(c), Denominator: fp(100 * c)},
			{Indicator: "V", Value: fp(c)},
		}})
	}
	// The area's own row is not one of its wards.
	d.Wards = append(d.Wards, jsna.Ward{Code: "E09000001", Name: "Borough", Values: []jsna.Value{{Indicator: "V", Value: fp(1000)}}})
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b := s.Indicators[0].Benchmark; b == nil || *b != 1 || s.Indicators[0].BenchmarkSource != FromWardsSum {
		t.Errorf("P: benchmark %v from %s, want 1 (60/6000 × 100) from %s", b, s.Indicators[0].BenchmarkSource, FromWardsSum)
	}
	if b := s.Indicators[1].Benchmark; b == nil || *b != 20 || s.Indicators[1].BenchmarkSource != FromWardsMedian {
		t.Errorf("V: benchmark %v from %s, want 20 from %s", b, s.Indicators[1].BenchmarkSource, FromWardsMedian)
	}
	// Ward 1, 10 in 1000 (Wilson 0.54–1.83%), is not below 1%: similar.
	if c := s.Wards[0].Values[0].Comparison(); c != "similar" {
		t.Errorf("ward 1 P = %s, want similar", c)
	}
	names := []struct {
		pBench, vBench *float64
		pMethod        string
		src            BenchmarkSource
		name           string
	}{
		{nil, nil, jsna.MethodProportion, FromWards, "Borough (its wards: sum or median by indicator)"},
		{nil, fp(3), jsna.MethodProportion, MixedBenchmarks, "England where the file gives its value, otherwise the wards"},
		{nil, nil, jsna.MethodDSR, FromWardsMedian, "Median of the wards"}, // a DSR is never summed
		{fp(2), nil, jsna.MethodProportion, MixedBenchmarks, "England where the file gives its value, otherwise the wards"},
		{fp(2), fp(3), jsna.MethodProportion, FromFile, "England"},
	}
	for _, n := range names {
		d.Indicators[0].BenchmarkValue, d.Indicators[1].BenchmarkValue, d.Indicators[0].Method = n.pBench, n.vBench, n.pMethod
		s, _ = Score(d, Options{})
		if s.BenchmarkSource != n.src || s.BenchmarkName(d) != n.name {
			t.Errorf("%v, %v, %s: %s %q, want %s %q", n.pBench, n.vBench, n.pMethod, s.BenchmarkSource, s.BenchmarkName(d), n.src, n.name)
		}
	}
	d.Indicators[0].BenchmarkValue, d.Indicators[1].BenchmarkValue = fp(2), fp(3)
	s, _ = Score(d, Options{})
	if s.BenchmarkSource != FromFile || *s.Indicators[0].Benchmark != 2 {
		t.Errorf("with benchmark values: %s, %v; want %s, 2", s.BenchmarkSource, *s.Indicators[0].Benchmark, FromFile)
	}
	if c := s.Wards[0].Values[0].Comparison(); c != "better" && c != "best" {
		t.Errorf("ward 1 P against 2%% = %s, want better", c)
	}
}

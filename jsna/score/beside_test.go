package score

import (
	"fmt"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// besideDoc is a synthetic document (built here, labelled synthetic): six
// wards with a lower-is-better ratio "R" given with 95% and 99.8%
// intervals for 2019/20 (the indicator's period) and 2018/19; England the
// primary benchmark (benchmark_value 100 in 2019/20, 98 in 2018/19 from
// benchmark.values) and Example Borough beside it (110 and 95).
func besideDoc() *jsna.Document {
	d := &jsna.Document{
		Format: jsna.Format, ID: "beside", Title: "Beside", Synthetic: true,
		Area:      jsna.Area{Code: "E09000099", Name: "Example Borough"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England", Kind: jsna.KindEngland, Values: []jsna.Value{{Indicator: "R", Period: "2018/19", Value: fp(98)}}},
		OtherBenchmarks: []jsna.Benchmark{{Code: "E09000099", Name: "Example Borough", Kind: jsna.KindLocalAuthority, Values: []jsna.Value{
			{Indicator: "R", Value: fp(110), Lower: fp(108), Upper: fp(112)},
			{Indicator: "R", Period: "2018/19", Value: fp(95)},
		}}},
		Indicators: []jsna.Indicator{{ID: "R", Name: "Ratio", Method: jsna.MethodOther, Polarity: jsna.LowerIsBetter, Period: "2019/20", BenchmarkValue: fp(100)}},
	}
	// For 2019/20 the value, its 95% limits and lower 99.8% limit (the
	// upper 99.8% limit as far above the upper 95% as the lower is below
	// it), then the same for 2018/19.
	rows := [][8]float64{
		{104, 101, 107, 99, 97, 95, 99, 94},
		{120, 115, 125, 112, 90, 85, 95, 83},
		{96, 94, 98, 93, 100, 99, 101, 98},
		{100, 97, 103, 95, 97, 96, 98, 95},
		{111, 109, 113, 107, 104, 102, 106, 101},
		{90, 85, 95, 82, 93, 92, 94, 91},
	}
	for i, r := range rows {
		d.Wards = append(d.Wards, jsna.Ward{Code: fmt.Sprintf("E0500000%d", i+1), Name: fmt.Sprintf("Ward %d", i+1), Values: []jsna.Value{
			{Indicator: "R", Value: fp(r[0]), Lower: fp(r[1]), Upper: fp(r[2]), Lower998: fp(r[3]), Upper998: fp(r[2] + (r[2] - r[3]))},
			{Indicator: "R", Period: "2018/19", Value: fp(r[4]), Lower: fp(r[5]), Upper: fp(r[6]), Lower998: fp(r[7]), Upper998: fp(r[6] + (r[6] - r[7]))},
		}})
	}
	return d
}

// TestScoreBeside: every value is compared with England (Comparison) and
// with the borough beside it (Others), each with its own value.
func TestScoreBeside(t *testing.T) {
	d := besideDoc()
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.OtherBenchmarks) != 1 || s.OtherBenchmarks[0].Name != "Example Borough" || s.OtherBenchmarks[0].Kind != jsna.KindLocalAuthority || s.OtherBenchmarks[0].Values != nil {
		t.Fatalf("OtherBenchmarks = %+v, want Example Borough without its values", s.OtherBenchmarks)
	}
	is := s.Indicators[0]
	if *is.Benchmark != 100 || is.BenchmarkSource != FromFile || len(is.Others) != 1 || *is.Others[0].Value != 110 {
		t.Fatalf("indicator R: benchmark %v (%s), others %+v; want 100 (file), borough 110", *is.Benchmark, is.BenchmarkSource, is.Others)
	}
	// England 100, the borough 110 (lower is better; best and worst where
	// the 99.8% interval also excludes it).
	want := []struct{ england, borough stats.Comparison }{
		{stats.Worse, stats.Better},   // 104 (101–107; 99–115)
		{stats.Worst, stats.Worst},    // 120 (115–125; 112–138)
		{stats.Better, stats.Best},    // 96 (94–98; 93–103)
		{stats.Similar, stats.Better}, // 100 (97–103; 95–111)
		{stats.Worst, stats.Similar},  // 111 (109–113; 107–119)
		{stats.Better, stats.Best},    // 90 (85–95; 82–108)
	}
	for wi, w := range want {
		ws := &s.Wards[wi]
		if c, o := ws.Values[0].Comparison(), ws.Other(0, 0); c != w.england || o != w.borough {
			t.Errorf("ward %d: compared %s with England and %s with the borough; want %s and %s", wi+1, c, o, w.england, w.borough)
		}
	}
	// The benchmark's series: 2018/19 (benchmark.values) then 2019/20.
	wantSeries := []PeriodBenchmark{{"2018/19", 98, FromFile}, {"2019/20", 100, FromFile}}
	if fmt.Sprint(is.Series) != fmt.Sprint(wantSeries) {
		t.Errorf("Series = %v, want %v", is.Series, wantSeries)
	}
}

// TestSeriesScores: each period of a ward's series is compared with its
// own period's benchmarks, never with the latest period's.
func TestSeriesScores(t *testing.T) {
	d := besideDoc()
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := s.SeriesScores(d, &d.Wards[0], &d.Indicators[0])
	// 2018/19: 99 (95–99) against England 98 and the borough 95; 2019/20:
	// 104 (101–107) against 100 and 110.
	want := []struct {
		period           string
		benchmark        float64
		england, borough stats.Comparison
	}{
		{"2018/19", 98, stats.Similar, stats.Similar},
		{"2019/20", 100, stats.Worse, stats.Better},
	}
	if len(got) != len(want) {
		t.Fatalf("SeriesScores gave %d periods, want %d", len(got), len(want))
	}
	for k, w := range want {
		g := got[k]
		if g.Period != w.period || g.Benchmark == nil || *g.Benchmark != w.benchmark || g.Score.Comparison() != w.england || g.Others[0] != w.borough {
			t.Errorf("period %d: %s, benchmark %v, %s, %v; want %s, %v, %s, %s", k, g.Period, g.Benchmark, g.Score.Comparison(), g.Others, w.period, w.benchmark, w.england, w.borough)
		}
	}
}

// TestScoreCurrentOlderPeriod: a ward whose latest value is of an earlier
// period than the indicator's is compared with that period's benchmark.
func TestScoreCurrentOlderPeriod(t *testing.T) {
	d := besideDoc()
	d.Wards[1].Values = d.Wards[1].Values[1:] // only 2018/19: 90 (85–95; 83–107)
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := &s.Wards[1]
	// 90 (85–95) against England's 98 for 2018/19: better (not against 100);
	// 99.8% 83–107 includes 98, so not best. Borough 95: similar.
	if p, c, o := ws.Period(0), ws.Values[0].Comparison(), ws.Other(0, 0); p != "2018/19" || c != stats.Better || o != stats.Similar {
		t.Errorf("older current value: period %q, %s, %s; want 2018/19, better, similar", p, c, o)
	}
}

// TestScoreReferenceComparators: with a reference file's summary the spine
// range is the reference's, and values are placed in the reference's
// quintiles.
func TestScoreReferenceComparators(t *testing.T) {
	d := besideDoc()
	d.Indicators[0].Comparators = &jsna.Comparators{Source: "Fingertips", Area: "England", Period: "2019/20", N: 6856,
		Min: 40, Q25: 88, Median: 99, Q75: 112, Max: 250, Quintiles: []float64{85, 95, 104, 116}}
	for wi := range d.Wards {
		v := &d.Wards[wi].Values[0]
		v.Lower, v.Upper, v.Lower998, v.Upper998 = nil, nil, nil, nil // values only: compared by quintile
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	is := s.Indicators[0]
	sp := is.Spine
	// Lower is better: worst is the max, the oriented 25th percentile the 75th.
	if is.Range != RangeReference || sp.Worst != 250 || sp.Q25 != 112 || sp.Q75 != 88 || sp.Best != 40 || sp.N != 6856 || !sp.Shown || !sp.Quartiles {
		t.Fatalf("reference spine: range %s, %+v", is.Range, sp)
	}
	// h = max(|40 − 100|, |250 − 100|) = 150: 104 is at 0.5 − 4/300.
	if got, _ := s.Wards[0].Values[0].SpineAt(); got != 0.5-4.0/300 {
		want := 0.5 - 4.0/300
		t.Errorf("spine position of 104 = %v, want %v", got, want)
	}
	// Values 104, 120, 96, 100, 111, 90 in quintiles cut at 85, 95, 104, 116.
	wantQ := []int{3, 5, 3, 3, 4, 2}
	wantLabel := []string{"middle", "worst", "middle", "middle", "2nd-worst", "2nd-best"}
	for wi := range wantQ {
		vs := &s.Wards[wi].Values[0]
		if vs.Quintile() != wantQ[wi] || vs.ByQuintile() != wantLabel[wi] || s.Wards[wi].Note(0) != NoteByQuintileReference {
			t.Errorf("ward %d: quintile %d %q, note %q; want %d %q, %q", wi+1, vs.Quintile(), vs.ByQuintile(), s.Wards[wi].Note(0), wantQ[wi], wantLabel[wi], NoteByQuintileReference)
		}
	}
}

// TestScoreBesideComputed998: the 99.8% interval is computed only where a
// comparison may need it, and the further benchmarks' comparisons can
// need it where the primary's does not. Three wards have 50 of 1,000
// (5%, a proportion: Wilson intervals 3.81–6.53% at 95%, 3.26–7.59% at
// 99.8%, computed from count and denominator). England's 5.0% is inside
// the 95% interval (similar, no 99.8% interval wanted); 7.0% lies between
// the 95% and 99.8% upper limits (better); 10% is beyond the 99.8% limit
// (best, Fingertips' two-level rule, docs/statistics.md).
func TestScoreBesideComputed998(t *testing.T) {
	d := &jsna.Document{
		Format: jsna.Format, ID: "beside998", Title: "Beside 99.8", Synthetic: true,
		Area:      jsna.Area{Code: "E09000099", Name: "Example Borough"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		OtherBenchmarks: []jsna.Benchmark{
			{Code: "E12000007", Name: "London", Kind: jsna.KindRegion, Values: []jsna.Value{{Indicator: "P", Value: fp(7)}}},
			{Code: "E09000098", Name: "Other Borough", Kind: jsna.KindLocalAuthority, Values: []jsna.Value{{Indicator: "P", Value: fp(10)}}},
		},
		Indicators: []jsna.Indicator{{ID: "P", Name: "Proportion", Method: jsna.MethodProportion, Multiplier: 100, Polarity: jsna.LowerIsBetter, Period: "2019/20", BenchmarkValue: fp(5)}},
	}
	for i := range 3 {
		d.Wards = append(d.Wards, jsna.Ward{Code: fmt.Sprintf("E0500000%d", i+1), Name: fmt.Sprintf("Ward %d", i+1),
			Values: []jsna.Value{{Indicator: "P", Count: fp(50), Denominator: fp(1000)}}})
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for wi := range s.Wards {
		w := &s.Wards[wi]
		lo, up, ok := w.Values[0].Interval()
		if !ok || fmt.Sprintf("%.2f–%.2f", lo, up) != "3.81–6.53" {
			t.Errorf("%s: interval %v–%v (%v), want 3.81–6.53", w.Code, lo, up, ok)
		}
		got := []stats.Comparison{w.Values[0].Comparison(), w.Other(0, 0), w.Other(0, 1)}
		want := []stats.Comparison{stats.Similar, stats.Better, stats.Best}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: England, London, Other Borough: %v, want %v", w.Code, got, want)
		}
	}
}

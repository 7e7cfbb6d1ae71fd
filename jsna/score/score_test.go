package score

import (
	"math"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
	"github.com/wardwise/wardwise/jsna/stats"
)

// scoreDoc is a small document exercising every path of Score: intervals
// computed from counts (P, N) or read from the file (R, X), two-level
// comparisons, a benchmark row, a missing value and a value that cannot
// be computed.
func scoreDoc() *jsna.Document {
	v := func(ind string, count, den, value, lower, upper, l998, u998 *float64) jsna.Value {
		return jsna.Value{Indicator: ind, Count: count, Denominator: den, Value: value, Lower: lower, Upper: upper, Lower998: l998, Upper998: u998}
	}
	return &jsna.Document{
		Format: jsna.Format, ID: "score-test", Title: "Score test",
		Area:      jsna.Area{Code: "E09000099", Name: "Borough"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		Indicators: []jsna.Indicator{
			{ID: "P", Name: "Proportion", Domain: "d1", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Multiplier: 100, BenchmarkValue: fp(10)},
			{ID: "R", Name: "Rate", Domain: "d2", Method: jsna.MethodRate, Polarity: jsna.HigherIsBetter, Multiplier: 1000, BenchmarkValue: fp(50)},
			{ID: "N", Name: "Ratio", Domain: "d1", Method: jsna.MethodISR, Polarity: jsna.NoJudgement, Multiplier: 100, BenchmarkValue: fp(100)},
			{ID: "X", Name: "Other", Domain: "d2", Method: jsna.MethodOther, Polarity: jsna.LowerIsBetter},
		},
		Wards: []jsna.Ward{
			{Code: "E05000001", Name: "One", Values: []jsna.Value{
				v("P", fp(30), fp(100), nil, nil, nil, nil, nil),
				v("R", nil, nil, fp(60), fp(55), fp(65), nil, nil),
				v("N", fp(150), fp(100), nil, nil, nil, nil, nil),
				v("X", nil, nil, fp(5), fp(4), fp(6), nil, nil),
			}},
			{Code: "E05000002", Name: "Two", Values: []jsna.Value{
				v("R", nil, nil, fp(40), fp(32), fp(48), fp(31), fp(49)),
				v("P", fp(8), fp(100), nil, nil, nil, nil, nil),
			}},
			{Code: "E05000003", Name: "Three", Values: []jsna.Value{v("P", fp(12), fp(0), nil, nil, nil, nil, nil)}},
			{Code: "E05000004", Name: "Four", Values: []jsna.Value{v("P", fp(50), fp(100), nil, nil, nil, nil, nil)}},
			{Code: "E92000001", Name: "England", Values: []jsna.Value{v("P", fp(10), fp(100), nil, nil, nil, nil, nil)}},
		},
	}
}

func TestScore(t *testing.T) {
	d := scoreDoc()
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Confidence != stats.Level95 || s.NeedIndex != NeedIndexFormula {
		t.Errorf("Score confidence %v, need index %q", s.Confidence, s.NeedIndex)
	}
	type cell struct {
		ward, ind string
		cmp       stats.Comparison
		computed  bool
		note      string
	}
	cells := []cell{
		{"E05000001", "P", stats.Worst, true, ""},   // 30% (21.9–39.6), 99.8% also above 10
		{"E05000001", "R", stats.Better, false, ""}, // file interval, no 99.8% to make it best
		{"E05000001", "N", stats.Higher, true, ""},  // 150 observed of 100 expected
		{"E05000001", "X", stats.NotCompared, false, "no benchmark value"},
		{"E05000002", "P", stats.Similar, true, ""},
		{"E05000002", "R", stats.Worst, false, ""},
		{"E05000002", "N", stats.NotCompared, false, "no value"},
		{"E05000003", "P", stats.NotCompared, false, "jsna: denominator is zero (count 12)"},
		{"E05000004", "P", stats.Worst, true, ""},
		{"E92000001", "P", stats.NotCompared, true, "the benchmark area is not compared with itself"},
	}
	order := map[string]int{"P": 0, "R": 1, "N": 2, "X": 3}
	for _, c := range cells {
		w := s.Ward(c.ward)
		if w == nil {
			t.Fatalf("Ward(%q) = nil", c.ward)
		}
		i := order[c.ind]
		vs := &w.Values[i]
		if s.Indicators[i].Indicator != c.ind || vs.Comparison() != c.cmp || vs.Computed() != c.computed || w.Note(i) != c.note {
			t.Errorf("Score ward %s indicator %s = %q computed %v note %q, want %q, %v, %q",
				c.ward, c.ind, vs.Comparison(), vs.Computed(), w.Note(i), c.cmp, c.computed, c.note)
		}
	}

	// A computed interval is the method's.
	one := s.Ward("E05000001")
	want, _ := stats.ProportionCI(30, 100, stats.Level95, 100)
	value, _ := one.Values[0].Value()
	if lower, upper, ok := one.Values[0].Interval(); value != 30 || !ok || lower != want.Lower || upper != want.Upper {
		t.Errorf("ward One P = %v (%v–%v, %v), want 30 (%v–%v)", value, lower, upper, ok, want.Lower, want.Upper)
	}

	// Spines leave out the benchmark row: P over One, Two and Four
	// (30, 8, 50) around 10, half-width 40, lower is better.
	sp := s.Indicators[0].Spine
	if sp.N != 3 || sp.Worst != 50 || sp.Best != 8 {
		t.Errorf("spine P = N %d worst %v best %v, want 3, 50, 8", sp.N, sp.Worst, sp.Best)
	}
	// Fingertips' rules: 3 of the 4 comparators (75%) have P, so it has
	// a spine, but from 3 values the range alone.
	if !sp.Shown || sp.Quartiles || sp.Comparators != 4 || sp.Q25 != sp.Worst || sp.Q75 != sp.Best {
		t.Errorf("spine P = shown %v quartiles %v comparators %d Q25 %v Q75 %v, want true, false, 4, the range ends", sp.Shown, sp.Quartiles, sp.Comparators, sp.Q25, sp.Q75)
	}
	for _, c := range []struct {
		ward string
		at   float64
	}{{"E05000001", 0.25}, {"E05000004", 0}, {"E92000001", 0.5}, {"E05000002", 0.525}} {
		if got, ok := s.Ward(c.ward).Values[0].SpineAt(); !ok || math.Abs(got-c.at) > 1e-12 {
			t.Errorf("ward %s P spine position = %v, %v, want %v", c.ward, got, ok, c.at)
		}
	}
	if _, ok := s.Ward("E05000003").Values[0].SpineAt(); ok {
		t.Errorf("ward Three P spine position set without a value")
	}

	// Need index: only P counts (R has two values, too few for a spread;
	// N has no polarity; X no benchmark). P's values 30, 8 and 50 (Wilson
	// 95% intervals, se = width / 3.919928) have variance 441.3333 and mean
	// sampling variance 17.385650, so τ² = 423.947683; each ward's effect
	// r·(x − 10)/τ, r = τ²/(τ² + se²). Evaluated independently in Python
	// (math module, the same formula): One 0.9268229862013332, Two
	// −0.09539826218822184 (better than the benchmark), Four
	// 1.838298210191229; Three has no value and England is the benchmark.
	for _, c := range []struct {
		ward    string
		need    float64
		rank    int
		missing int
	}{{"E05000004", 1.838298210191229, 1, 3}, {"E05000001", 0.9268229862013332, 2, 3}, {"E05000003", 0, 3, 4}, {"E92000001", 0, 3, 4}, {"E05000002", -0.09539826218822184, 5, 3}} {
		w := s.Ward(c.ward)
		if math.Abs(w.NeedIndex-c.need) > 1e-12 || w.Rank != c.rank || w.Missing != c.missing || w.Unadjusted {
			t.Errorf("ward %s need index %v rank %d missing %d unadjusted %v, want %v, %d, %d, false", c.ward, w.NeedIndex, w.Rank, w.Missing, w.Unadjusted, c.need, c.rank, c.missing)
		}
	}
	if got := strings.Join(s.Ranking, ","); got != "E05000004,E05000001,E05000003,E92000001,E05000002" {
		t.Errorf("Ranking = %s", got)
	}

	// Domain counts, in first-appearance order (d1: P, N; d2: R, X).
	wantDomains := []DomainCount{
		{Domain: "d1", Worse: 1, Higher: 1},
		{Domain: "d2", Better: 1, NotCompared: 1},
	}
	for i, dc := range one.Domains {
		if dc != wantDomains[i] {
			t.Errorf("ward One domain %d = %+v, want %+v", i, dc, wantDomains[i])
		}
	}
	if one.Total != (DomainCount{Better: 1, Worse: 1, Higher: 1, NotCompared: 1}) {
		t.Errorf("ward One total = %+v", one.Total)
	}
	if s.Ward("nope") != nil {
		t.Errorf("Ward(nope) != nil")
	}
	// Score does not touch the document.
	if d.Wards[0].Values[0].Lower != nil {
		t.Errorf("Score wrote an interval into the document")
	}
}

func TestScoreAt998(t *testing.T) {
	s, err := Score(scoreDoc(), Options{Confidence: stats.Level998})
	if err != nil {
		t.Fatal(err)
	}
	pct, err := Score(scoreDoc(), Options{Confidence: 99.8})
	if err != nil || pct.Confidence != stats.Level998 {
		t.Fatalf("Score(confidence 99.8) = %v, %v", pct, err)
	}
	if lower, _, ok := pct.Ward("E05000002").Values[1].Interval(); !ok || lower != 31 {
		t.Errorf("Score(confidence 99.8) did not use the file's 99.8%% interval: %v", err)
	}
	one, two := s.Ward("E05000001"), s.Ward("E05000002")
	want, _ := stats.ProportionCI(30, 100, stats.Level998, 100)
	for _, c := range []struct {
		name string
		w    *WardScore
		i    int
		cmp  stats.Comparison
		note string
	}{
		{"One P", one, 0, stats.Worse, ""}, // single level: never worst
		{"One R", one, 1, stats.NotCompared, "no confidence interval"},
		{"Two R", two, 1, stats.Worse, ""},
	} {
		if got := c.w.Values[c.i].Comparison(); got != c.cmp || c.w.Note(c.i) != c.note {
			t.Errorf("%s at 99.8%% = %q %q, want %q %q", c.name, got, c.w.Note(c.i), c.cmp, c.note)
		}
	}
	if lower, _, _ := one.Values[0].Interval(); lower != want.Lower {
		t.Errorf("One P 99.8%% lower = %v, want %v", lower, want.Lower)
	}
}

func TestScoreOptionsErrors(t *testing.T) {
	if _, err := Score(scoreDoc(), Options{Confidence: 1.5}); err == nil {
		t.Errorf("Score(confidence 1.5) error = nil")
	}
	if _, err := Score(scoreDoc(), Options{Weights: map[string]float64{"nonsense": 1}}); err == nil ||
		!strings.Contains(err.Error(), `no criterion "nonsense"`) {
		t.Errorf("Score(bad weights) error = %v", err)
	}
}

// The example borough has comparisons of every kind and ranked needs.
func TestScoreExample(t *testing.T) {
	d := example.New(example.Options{})
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var total DomainCount
	for _, w := range s.Wards {
		total.Better += w.Total.Better
		total.Worse += w.Total.Worse
		total.Similar += w.Total.Similar
		if len(w.Values) != len(d.Indicators) {
			t.Fatalf("ward %s has %d values, want %d", w.Code, len(w.Values), len(d.Indicators))
		}
	}
	if total.Better == 0 || total.Worse == 0 || total.Similar == 0 {
		t.Errorf("example comparisons = %+v, want some of each", total)
	}
	if len(s.Needs) == 0 || s.Needs[0].Rank != 1 {
		t.Errorf("example needs = %d, first rank %v", len(s.Needs), s.Needs)
	}
	if s.Wards[0].Rank == 0 || len(s.Ranking) != len(d.Wards) {
		t.Errorf("example ranking %d wards, want %d", len(s.Ranking), len(d.Wards))
	}
	weighted, err := Score(d, Options{Weights: map[string]float64{"size": 1, "severity": 2}})
	if err != nil || len(weighted.Needs) != len(s.Needs) {
		t.Errorf("weighted Score: %v", err)
	}
}

// englandExample is the England-scale synthetic master: 7,000 wards by
// 60 indicators.
func englandExample() *jsna.Document {
	return example.New(example.Options{Wards: 7000, Indicators: 60, Seed: 1})
}

// benchmarkScore scores d b.N times and reports the time per ward value.
func benchmarkScore(b *testing.B, d *jsna.Document) {
	values := float64(len(d.Wards) * len(d.Indicators))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Score(d, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/values, "ns/value")
}

// BenchmarkScore scores an England-scale document, 7,000 wards by 60
// indicators, with the intervals read from the file and with every
// interval computed from the counts, and reports the cost per ward value.
func BenchmarkScore(b *testing.B) {
	if testing.Short() {
		b.Skip("England-scale benchmark skipped with -short")
	}
	d := englandExample()
	bare := d.Clone()
	for wi := range bare.Wards {
		for vi := range bare.Wards[wi].Values {
			v := &bare.Wards[wi].Values[vi]
			v.Value, v.Lower, v.Upper, v.Lower998, v.Upper998 = nil, nil, nil, nil, nil
		}
	}
	b.Run("file-intervals", func(b *testing.B) { benchmarkScore(b, d) })
	b.Run("computed-intervals", func(b *testing.B) { benchmarkScore(b, bare) })
	// The same document read from its file, as the app and the CLI have
	// it: the decoder keeps its numbers in blocks, so there are far fewer
	// objects for the collector to mark than in example.New's.
	data, err := jsna.Marshal(d)
	if err != nil {
		b.Fatal(err)
	}
	decoded, err := jsna.Parse("england.json", data)
	if err != nil {
		b.Fatal(err)
	}
	data, d, bare = nil, nil, nil
	b.Run("decoded", func(b *testing.B) { benchmarkScore(b, decoded) })
}

// BenchmarkScoreEngland is BenchmarkScore's file-intervals case under the
// name `make bench` (cmd/benchtable) reports.
func BenchmarkScoreEngland(b *testing.B) {
	if testing.Short() {
		b.Skip("England-scale benchmark skipped with -short")
	}
	benchmarkScore(b, englandExample())
}

func fp(x float64) *float64 { return &x }

// An indicator may name its comparison method; every comparator value
// gets its quintile among the comparators (phe_quantile, not inverted).
func TestScoreComparisonMethods(t *testing.T) {
	d := &jsna.Document{
		Format: jsna.Format, ID: "methods", Title: "Methods",
		Area:      jsna.Area{Code: "E09000099", Name: "Borough"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		Indicators: []jsna.Indicator{
			{ID: "T", Name: "Two-level", Method: jsna.MethodOther, Polarity: jsna.LowerIsBetter, BenchmarkValue: fp(10), Comparison: stats.CompareTwoLevel},
			{ID: "Q", Name: "Quintiles", Method: jsna.MethodOther, Polarity: jsna.LowerIsBetter, BenchmarkValue: fp(10), Comparison: stats.CompareQuintiles},
		},
	}
	for i := 1; i <= 5; i++ {
		code := "E0500000" + string(rune('0'+i))
		d.Wards = append(d.Wards, jsna.Ward{Code: code, Name: "W" + code, Values: []jsna.Value{
			{Indicator: "T", Value: fp(float64(i)), Lower: fp(float64(i) - 0.5), Upper: fp(float64(i) + 0.5)},
			{Indicator: "Q", Value: fp(float64(10 - i)), Lower: fp(0), Upper: fp(20)},
		}})
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := *d
	bad.Indicators = append([]jsna.Indicator(nil), d.Indicators...)
	bad.Indicators[0].Comparison = "ci90"
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "comparison") {
		t.Errorf("Validate(comparison ci90) error = %v", err)
	}
	// A benchmark row, as an imported file may carry one.
	d.Wards = append(d.Wards, jsna.Ward{Code: "E92000001", Name: "England", Values: []jsna.Value{{Indicator: "Q", Value: fp(10)}}})
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 5; i++ {
		w := s.Ward("E0500000" + string(rune('0'+i)))
		// Two-level without the 99.8% interval: not compared.
		if got := w.Values[0].Comparison(); got != stats.NotCompared {
			t.Errorf("ward %d T = %s, want not compared (no 99.8%% interval)", i, got)
		}
		// Q values 9, 8, 7, 6, 5: ward 1 has the highest, quintile 5.
		q := &w.Values[1]
		if q.Quintile() != 6-i || q.Comparison() != stats.NotCompared || w.Note(1) != "compared by quintiles: quintile "+string(rune('0'+6-i))+" of 5" {
			t.Errorf("ward %d Q = quintile %d, %s, %q, want %d", i, q.Quintile(), q.Comparison(), w.Note(1), 6-i)
		}
		if w.Values[0].Quintile() != i {
			t.Errorf("ward %d T quintile = %d, want %d", i, w.Values[0].Quintile(), i)
		}
	}
	if q := s.Ward("E92000001").Values[1].Quintile(); q != 0 {
		t.Errorf("benchmark ward's quintile = %d, want 0", q)
	}
}

// Score of no document panics in its caller's goroutine, where it can be
// recovered (the app shows it as an error); the needs' goroutine, which
// panics too, recovers and hands its panic on rather than stopping the
// program.
func TestScorePanicReachesCaller(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Score(nil) did not panic")
		}
	}()
	Score(nil, Options{})
}

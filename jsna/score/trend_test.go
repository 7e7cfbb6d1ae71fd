package score

import (
	"math"
	"strconv"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

func f(x float64) *float64 { return &x }

// annualWard is a ward with one proportion value a year from 2015 on,
// counts of 1000; the last period is the indicator's own (no period).
func annualWard(ind *jsna.Indicator, periods []string, counts []float64) jsna.Ward {
	w := jsna.Ward{Code: "E05000001", Name: "Riverside"}
	for i, p := range periods {
		v := jsna.Value{Indicator: ind.ID, Period: p, Count: f(counts[i]), Denominator: f(1000), Value: f(counts[i] / 10)}
		if p == ind.Period {
			v.Period = ""
		}
		w.Values = append(w.Values, v)
	}
	return w
}

// The rising series is TestRecentTrend's (jsna/stats): counts 100, 120,
// ..., 180 of 1000 in 2015–2019, χ² 33.222591362126245 by
// PHEindicatormethods' assign_trend_markers formulas.
func TestRecentTrendCriteria(t *testing.T) {
	ind := jsna.Indicator{ID: "90323", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Period: "2019"}
	rising := []float64{100, 120, 140, 160, 180}
	years := []string{"2015", "2016", "2017", "2018", "2019"}
	tests := []struct {
		name      string
		ind       jsna.Indicator
		periods   []string
		counts    []float64
		marker    string
		noMarker  string
		direction string
		worsening bool
	}{
		{"five annual periods, rising, lower is better", ind, years, rising, stats.TrendIncreasing, "", "Increasing and getting worse", true},
		{"higher is better: getting better", withPolarity(ind, jsna.HigherIsBetter), years, rising, stats.TrendIncreasing, "", "Increasing and getting better", false},
		{"flat", ind, years, []float64{100, 102, 99, 101, 100}, stats.TrendNoChange, "", stats.TrendNoChange, false},
		{"four periods", ind, years[1:], rising[1:], "", NoMarkerTooFew, "", false},
		{"a gap", ind, []string{"2013", "2015", "2016", "2017", "2019"}, rising, "", NoMarkerGaps, "", false},
		{"pooled periods", withPeriod(ind, "2017 - 19"), []string{"2013 - 15", "2014 - 16", "2015 - 17", "2016 - 18", "2017 - 19"}, rising, "", NoMarkerPooled, "", false},
		{"a quarter", withPeriod(ind, "2019 Q1"), []string{"2018", "2019 Q1"}, rising[:2], "", NoMarkerPeriod, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := annualWard(&tt.ind, tt.periods, tt.counts)
			got := RecentTrend(&w, &tt.ind)
			if got.Periods != len(tt.periods) || got.Marker != tt.marker || got.NoMarker != tt.noMarker || got.Direction != tt.direction || got.Worsening != tt.worsening {
				t.Errorf("RecentTrend = %+v, want %d periods, marker %q, no marker %q, direction %q, worsening %v",
					got, len(tt.periods), tt.marker, tt.noMarker, tt.direction, tt.worsening)
			}
		})
	}
	w := annualWard(&ind, years, rising)
	if got := RecentTrend(&w, &ind); math.Abs(got.Chi2-33.222591362126245) > 1e-9*33.2 {
		t.Errorf("χ² = %v, want 33.222591362126245", got.Chi2)
	}
	w.Values[2].Count = nil
	if got := RecentTrend(&w, &ind); got.NoMarker != NoMarkerMissing {
		t.Errorf("a missing count: RecentTrend = %+v, want no marker (%s)", got, NoMarkerMissing)
	}
}

func withPolarity(ind jsna.Indicator, p string) jsna.Indicator { ind.Polarity = p; return ind }
func withPeriod(ind jsna.Indicator, p string) jsna.Indicator   { ind.Period = p; return ind }

// Score compares the current value (the latest period) and flags a ward
// worse than the benchmark and getting worse.
func TestScoreCurrentValueAndWorsening(t *testing.T) {
	ind := jsna.Indicator{ID: "90323", Name: "Obesity", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Period: "2019", Multiplier: 100, BenchmarkValue: f(10)}
	d := &jsna.Document{Format: jsna.Format, ID: "t", Title: "t", Area: jsna.Area{Code: "E09000099", Name: "A"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"}, Indicators: []jsna.Indicator{ind}}
	counts := []float64{100, 120, 140, 160, 180}
	var periods []string
	for i := range counts {
		periods = append(periods, strconv.Itoa(2015+i))
	}
	w := annualWard(&ind, periods, counts)
	w.Values[0], w.Values[4] = w.Values[4], w.Values[0] // the current value is not first
	d.Wards = []jsna.Ward{w}
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ws := &s.Wards[0]
	if x, ok := ws.Values[0].Value(); !ok || x != 18 || ws.Period(0) != "" {
		t.Fatalf("scored value %v, %v (period %q), want 18, the 2019 value", x, ok, ws.Period(0))
	}
	if c, tr := ws.Values[0].Comparison(), ws.Trend(0); c != stats.Worst || tr == nil || tr.Marker != stats.TrendIncreasing || !ws.WorseAndWorsening(0) || !ws.Values[0].HasTrend() {
		t.Errorf("comparison %s, trend %+v, worse and worsening %v; want worst, increasing, true", c, tr, ws.WorseAndWorsening(0))
	}
}

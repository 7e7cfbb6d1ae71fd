//go:build js && wasm

package ui

import (
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

func TestNiceTick(t *testing.T) {
	tests := []struct{ in, want float64 }{
		{0.3, 0.5}, {1, 1}, {1.2, 2}, {3.7, 5}, {6, 10}, {12.5, 20}, {250, 500}, {0.04, 0.05},
	}
	for _, tt := range tests {
		if got := niceTick(tt.in); got != tt.want {
			t.Errorf("niceTick(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// The axis covers every value, limit and the benchmark in whole ticks.
func TestTrendRange(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	ts := trendSeries{ind: &jsna.Indicator{BenchmarkValue: f(100)}, values: []*jsna.Value{
		{Value: f(127), Lower: f(123.3), Upper: f(130.9)},
		{Value: f(142.6), Lower: f(138.5), Upper: f(146.8)},
	}}
	lo, hi, tick := trendRange(ts)
	if lo != 100 || hi != 160 || tick != 20 {
		t.Errorf("trendRange = %v, %v, %v; want 100, 160, 20", lo, hi, tick)
	}
	flat := trendSeries{ind: &jsna.Indicator{}, values: []*jsna.Value{{Value: f(5)}, {Value: f(5)}}}
	if lo, hi, tick := trendRange(flat); lo != 4.5 || hi != 5.5 || tick != 0.5 {
		t.Errorf("trendRange(flat 5) = %v, %v, %v; want 4.5, 5.5, 0.5", lo, hi, tick)
	}
	none := trendSeries{ind: &jsna.Indicator{}, values: []*jsna.Value{{}, {}}}
	if lo, hi, tick := trendRange(none); lo != 0 || hi != 1 || tick != 0.25 {
		t.Errorf("trendRange(no values) = %v, %v, %v; want 0, 1, 0.25", lo, hi, tick)
	}
}

func TestTrendPeriods(t *testing.T) {
	ind := &jsna.Indicator{ID: "1", Period: "2021/22"}
	d := &jsna.Document{Wards: []jsna.Ward{
		{Values: []jsna.Value{{Indicator: "1"}, {Indicator: "1", Period: "2019/20"}}},
		{Values: []jsna.Value{{Indicator: "1", Period: "2020/21"}, {Indicator: "1", Period: "2019/20"}, {Indicator: "2", Period: "2010"}}},
	}}
	if got := strings.Join(trendPeriods(d, ind), ", "); got != "2019/20, 2020/21, 2021/22" {
		t.Errorf("trendPeriods = %q, want 2019/20, 2020/21, 2021/22", got)
	}
}

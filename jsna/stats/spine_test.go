package stats

import (
	"fmt"
	"testing"
)

func TestSpine(t *testing.T) {
	b := func(x float64) *float64 { return &x }
	tests := []struct {
		name     string
		values   []float64
		bench    *float64
		polarity string
		want     string // worst q25 q75 best @ positions, degenerate
		at       float64
		wantAt   float64
	}{
		// Quartiles of 1..9 by type 7: 3 and 7 (R: quantile(1:9, c(.25,.75))).
		{"higher is better", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, b(5), HigherIsBetter,
			"1 3 7 9 @ 0 0.25 0.75 1 ", 7, 0.75},
		{"lower is better flips the scale", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}, b(5), LowerIsBetter,
			"9 7 3 1 @ 0 0.25 0.75 1 ", 3, 0.75},
		{"skewed: the far side sets the width", []float64{90, 95, 100, 150}, b(100), LowerIsBetter,
			"150 112.5 93.75 90 @ 0 0.375 0.5625 0.6 ", 100, 0.5},
		{"all equal", []float64{100, 100, 100}, b(100), LowerIsBetter,
			"100 100 100 100 @ 0.5 0.5 0.5 0.5 all equal to the benchmark", 100, 0.5},
		{"one ward", []float64{12}, b(10), HigherIsBetter,
			"12 12 12 12 @ 1 1 1 1 ", 8, 0},
		{"no values", nil, b(10), HigherIsBetter,
			"0 0 0 0 @ 0.5 0.5 0.5 0.5 no values", 3, 0.5},
		// Three values: the range alone (Fingertips: percentiles only from
		// more than 3 values), so Q25 and Q75 are the ends.
		{"no benchmark: centred on the median", []float64{1, 2, 3}, nil, NoJudgement,
			"1 1 3 3 @ 0 0 1 1 ", 2, 0.5},
		{"four values: quartiles at (n − 1)p + 1", []float64{1, 2, 3, 4}, b(2.5), HigherIsBetter,
			"1 1.75 3.25 4 @ 0 0.25 0.75 1 ", 2.5, 0.5},
	}
	for _, tt := range tests {
		s := NewSpine("x", tt.values, tt.bench, tt.polarity)
		got := fmt.Sprintf("%g %g %g %g @ %g %g %g %g %s", s.Worst, s.Q25, s.Q75, s.Best, s.WorstAt, s.Q25At, s.Q75At, s.BestAt, s.Degenerate)
		if got != tt.want {
			t.Errorf("%s: NewSpine = %q, want %q", tt.name, got, tt.want)
		}
		if p := s.Position(tt.at); p != tt.wantAt {
			t.Errorf("%s: Position(%v) = %v, want %v", tt.name, tt.at, p, tt.wantAt)
		}
	}
}

// Fingertips draws no spine for an indicator fewer than 75% of the
// comparators have, and quartiles only from more than 3 values.
func TestSpineRules(t *testing.T) {
	b := 5.0
	tests := []struct {
		n, comparators int
		shown, quart   bool
	}{{0, 4, false, false}, {3, 4, true, false}, {4, 4, true, true}, {4, 5, true, true}, {4, 6, false, true}, {6, 8, true, true}, {5, 7, false, true}}
	for _, c := range tests {
		v := make([]float64, c.n)
		for i := range v {
			v[i] = float64(i)
		}
		s := NewSpineFor("x", v, c.comparators, &b, HigherIsBetter, FingertipsSpine)
		if s.Shown != c.shown || s.Quartiles != c.quart {
			t.Errorf("NewSpineFor(%d of %d) shown %v, quartiles %v, want %v, %v (%s)", c.n, c.comparators, s.Shown, s.Quartiles, c.shown, c.quart, s.Degenerate)
		}
	}
}

package stats

import (
	"math/rand/v2"
	"testing"
)

// TestQuantileCuts checks that the cuts give every value the quantile
// Quantiles gives it, on random values with ties, for several n.
func TestQuantileCuts(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 5))
	for trial := range 200 {
		m := 5 + r.IntN(60)
		values := make([]float64, m)
		for i := range values {
			values[i] = float64(r.IntN(20)) // ties on purpose
		}
		for _, n := range []int{2, 4, 5, 10} {
			want, _ := Quantiles(values, n, false)
			cuts, err := QuantileCuts(values, n)
			if err != nil {
				t.Fatal(err)
			}
			for i, x := range values {
				if got := QuantileOf(x, cuts); got != want[i] {
					t.Fatalf("trial %d n %d: QuantileOf(%v, %v) = %d, Quantiles gives %d (values %v)", trial, n, x, cuts, got, want[i], values)
				}
			}
		}
	}
}

// TestQuantileCutsExact pins the cuts of 1…10 in quintiles: phe_quantile
// puts two values in each (1–2, 3–4, ...), so the cuts are 2, 4, 6, 8.
func TestQuantileCutsExact(t *testing.T) {
	cuts, err := QuantileCuts([]float64{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{2, 4, 6, 8}
	for i := range want {
		if cuts[i] != want[i] {
			t.Fatalf("QuantileCuts(1…10, 5) = %v, want %v", cuts, want)
		}
	}
	if got := QuantileOf(4.5, cuts); got != 3 {
		t.Errorf("QuantileOf(4.5) = %d, want 3", got)
	}
	if cuts, _ := QuantileCuts([]float64{1, 2, 3}, 5); cuts != nil {
		t.Errorf("QuantileCuts of 3 values in 5 = %v, want none", cuts)
	}
}

// TestSpineFromRange checks that a spine drawn from a summary is the one
// drawn from the values.
func TestSpineFromRange(t *testing.T) {
	values := []float64{91.5, 104.2, 88, 120.7, 99.9, 101.3, 110}
	b := 100.0
	for _, pol := range []string{LowerIsBetter, HigherIsBetter} {
		want := NewSpine("x", values, &b, pol)
		got := NewSpineFromRange("x", RangeOf(values), &b, pol)
		if got != want {
			t.Errorf("%s: NewSpineFromRange = %+v, want %+v", pol, got, want)
		}
	}
}

package stats

import (
	"math/rand"
	"slices"
	"testing"
)

// Select places the order statistics asked for where a sort would, on
// values with many ties and without, already sorted and reversed.
func TestSelect(t *testing.T) {
	r := rand.New(rand.NewSource(15))
	for trial := 0; trial < 300; trial++ {
		n := 1 + r.Intn(3000)
		a := make([]float64, n)
		for i := range a {
			switch trial % 4 {
			case 0:
				a[i] = r.NormFloat64()
			case 1:
				a[i] = float64(r.Intn(7)) // ties
			case 2:
				a[i] = float64(i) // sorted
			case 3:
				a[i] = float64(n - i) // reversed
			}
		}
		want := slices.Clone(a)
		slices.Sort(want)
		var ks []int
		for k := range n {
			if r.Intn(n) < 12 || k == 0 || k == n-1 {
				ks = append(ks, k)
			}
		}
		Select(a, ks)
		for _, k := range ks {
			if a[k] != want[k] {
				t.Fatalf("trial %d (n %d): Select(ks %v)[%d] = %v, want %v", trial, n, ks, k, a[k], want[k])
			}
		}
		slices.Sort(a)
		if !slices.Equal(a, want) {
			t.Fatalf("trial %d: Select lost or changed values", trial)
		}
	}
}

// QuantileStarts with the values ordered at its places gives every value
// the quantile Quantiles gives it (not inverted).
func TestQuantileStarts(t *testing.T) {
	r := rand.New(rand.NewSource(5))
	for trial := 0; trial < 400; trial++ {
		nq := 1 + r.Intn(10)
		m := nq + r.Intn(300)
		values := make([]float64, m)
		for i := range values {
			if trial%2 == 0 {
				values[i] = float64(r.Intn(1 + m/3)) // ties across boundaries
			} else {
				values[i] = r.Float64()
			}
		}
		want, err := Quantiles(values, nq, false)
		if err != nil {
			t.Fatal(err)
		}
		starts := QuantileStarts(m, nq)
		sorted := slices.Clone(values)
		slices.Sort(sorted)
		for i, x := range values {
			q := 1
			for k := 2; k <= nq; k++ {
				if starts[k] <= 1 || starts[k] <= m && x > sorted[starts[k]-2] {
					q++
				}
			}
			if q != want[i] {
				t.Fatalf("trial %d (m %d, n %d, starts %v): value %v in quantile %d, Quantiles says %d", trial, m, nq, starts, x, q, want[i])
			}
		}
	}
	if got, want := QuantileStarts(10, 5), []int{1, 1, 3, 5, 7, 9}; !slices.Equal(got, want) {
		t.Errorf("QuantileStarts(10, 5) = %v, want %v (two values a quintile)", got, want)
	}
}

// BenchmarkSelect orders 7,000 values (an England indicator's wards) at
// the places a spine and its quintiles read, against sorting them.
func BenchmarkSelect(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	src := make([]float64, 7000)
	for i := range src {
		src[i] = r.NormFloat64()*10 + 50
	}
	ks := SpineRanks(len(src))
	for _, s := range QuantileStarts(len(src), 5)[2:] {
		ks = append(ks, s-2)
	}
	slices.Sort(ks)
	ks = slices.Compact(ks)
	buf := make([]float64, len(src))
	b.Run("select", func(b *testing.B) {
		for b.Loop() {
			copy(buf, src)
			Select(buf, ks)
		}
	})
	b.Run("sort", func(b *testing.B) {
		for b.Loop() {
			copy(buf, src)
			slices.Sort(buf)
		}
	})
}

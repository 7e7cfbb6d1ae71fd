package stats

import (
	"bytes"
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

// phe_sii's documented example: two areas by decile, with standard errors.
var (
	siiPops = []float64{7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534,
		21675, 20065, 19750, 24713, 20112, 19618, 22408, 19752, 18939, 19312}
	siiValues = []float64{75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3,
		70.5, 71.6, 72.5, 73.5, 73.1, 76.2, 78.7, 80.6, 80.9, 80}
	siiSEs = []float64{1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57,
		0.23, 0.26, 0.3, 0.16, 0.79, 0.78, 0.4, 0.28, 0.23, 0.35}
)

func siiArea(k int) []SIIQuantile {
	qs := make([]SIIQuantile, 10)
	for i := range qs {
		qs[i] = SIIQuantile{siiPops[k*10+i], siiValues[k*10+i], siiSEs[k*10+i]}
	}
	return qs
}

// The SII and RII are from the regression in exact rational arithmetic,
// and sd the standard deviation of the SII when each value is normal with
// its SE (testdata/ci_reference2.py, sii_examples). For value type 0 the
// simulated SII is exactly normal, so its 2.5th and 97.5th percentiles
// estimate SII ∓ 1.959964·sd; over r repetitions an estimated percentile
// has Monte Carlo standard error sd·√(p(1 − p)/r)/φ(z) (0.00845·sd for
// r = 100,000), and the limits must lie within 4 of those.
func TestCalculateSII(t *testing.T) {
	tests := []struct{ sii, rii, sd float64 }{
		{7.0002347600798878, 1.0897097049119413, 1.9626921183098553},
		{12.622738563631682, 1.1820343480014965, 0.31177711536659664},
	}
	for k, c := range tests {
		got, err := CalculateSII(siiArea(k), SIIOptions{RII: true, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if !relClose(got.SII, c.sii, 1e-12) || !relClose(got.RII, c.rii, 1e-12) {
			t.Errorf("CalculateSII(area %d) = %.17g, RII %.17g, want %.17g, %.17g", k+1, got.SII, got.RII, c.sii, c.rii)
		}
		z := 1.959963984540054
		mcse := c.sd * math.Sqrt(0.025*0.975/100000) / (math.Exp(-z*z/2) / math.Sqrt(2*math.Pi))
		for _, l := range [][2]float64{{got.SIILower, c.sii - z*c.sd}, {got.SIIUpper, c.sii + z*c.sd}} {
			if math.Abs(l[0]-l[1]) > 4*mcse {
				t.Errorf("CalculateSII(area %d) limit %v, want %v ± %v", k+1, l[0], l[1], 4*mcse)
			}
			t.Logf("area %d: limit %v vs %v: %.2f Monte Carlo SEs", k+1, l[0], l[1], (l[0]-l[1])/mcse)
		}
		if !(got.RIILower < got.RII && got.RII < got.RIIUpper) {
			t.Errorf("CalculateSII(area %d) RII %v outside (%v, %v)", k+1, got.RII, got.RIILower, got.RIIUpper)
		}
		again, _ := CalculateSII(siiArea(k), SIIOptions{RII: true, Seed: 1})
		if again != got {
			t.Errorf("CalculateSII(area %d) is not reproducible with its seed", k+1)
		}
	}
	// A negative multiplier turns the SII round and inverts the RII.
	neg, _ := CalculateSII(siiArea(0), SIIOptions{Multiplier: -1, RII: true, Seed: 1, Repetitions: 1000})
	if !relClose(neg.SII, -tests[0].sii, 1e-12) || !relClose(neg.RII, 1/tests[0].rii, 1e-12) {
		t.Errorf("CalculateSII(multiplier -1) = %v, %v", neg.SII, neg.RII)
	}
	errs := []struct {
		qs   []SIIQuantile
		opts SIIOptions
		want string
	}{
		{siiArea(0)[:4], SIIOptions{}, "number of quantiles must be between 5 and 100"},
		{siiArea(0), SIIOptions{Repetitions: 999}, "number of repetitions must be 1000 or greater"},
		{siiArea(0), SIIOptions{ValueType: SIIProportion}, "value proportions are not all between 0 and 1"},
	}
	for _, c := range errs {
		if _, err := CalculateSII(c.qs, c.opts); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("CalculateSII(%d quantiles, %+v) error = %v, want %q", len(c.qs), c.opts, err, c.want)
		}
	}
}

func TestWriteSIITable(t *testing.T) {
	var in strings.Builder
	in.WriteString("group,quantile,population,value,se\n")
	for k, area := range []string{"Area1", "Area2"} {
		for i := 0; i < 10; i++ {
			fmt.Fprintf(&in, "%s,%d,%v,%v,%v\n", area, i+1, siiPops[k*10+i], siiValues[k*10+i], siiSEs[k*10+i])
		}
	}
	in.WriteString("Area3,1,100,5,1\n")
	var out bytes.Buffer
	if err := WriteSIITable(&out, strings.NewReader(in.String()), SIITableOptions{SIIOptions{RII: true, Repetitions: 1000}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if lines[0] != "group,sii,sii_lower95_0cl,sii_upper95_0cl,rii,rii_lower95_0cl,rii_upper95_0cl,note" || len(lines) != 4 {
		t.Fatalf("WriteSIITable =\n%s", out.String())
	}
	if !strings.HasPrefix(lines[1], "Area1,7.00023476007") || lines[3] != "Area3,,,,,,,no row for quantile 2" {
		t.Errorf("WriteSIITable =\n%s", out.String())
	}
	if got := SIIColumns(0.998, false); strings.Join(got, ",") != "group,sii,sii_lower99_8cl,sii_upper99_8cl,note" {
		t.Errorf("SIIColumns(0.998) = %v", got)
	}
	err := WriteSIITable(&out, strings.NewReader("quantile,population,value,se\n1,10,1,1\n2,10,1,1\n"), SIITableOptions{})
	if err == nil || !strings.Contains(err.Error(), "number of quantiles must be between 5 and 100, not 2") {
		t.Errorf("WriteSIITable(2 quantiles) error = %v", err)
	}
}

// BenchmarkSIITable is the SII of about 300 local authorities by decile,
// from about 7,000 ward values (englandWards) placed in deciles within
// their authority, at the reference's default 100,000 repetitions.
func BenchmarkSIITable(b *testing.B) {
	groups, values := englandWards()
	var in strings.Builder
	in.WriteString("group,quantile,population,value,se\n")
	for start := 0; start < len(groups); {
		end := start
		for end < len(groups) && groups[end] == groups[start] {
			end++
		}
		for d := 1; d <= 10; d++ {
			v := values[start+(d-1)*(end-start)/10]
			fmt.Fprintf(&in, "%s,%d,%d,%v,%v\n", groups[start], d, 5000+100*d, v, 1+v/100)
		}
		start = end
	}
	s := in.String()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if err := WriteSIITable(&out, strings.NewReader(s), SIITableOptions{SIIOptions{RII: true}}); err != nil {
			b.Fatal(err)
		}
	}
}

// selectKth agrees with sorting.
func TestOrderStatistics(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for _, n := range []int{1, 2, 17, 1000, 4001} {
		x := make([]float64, n)
		for i := range x {
			x[i] = math.Round(rng.NormFloat64() * 10) // with ties
		}
		s := append([]float64(nil), x...)
		sort.Float64s(s)
		lo, hi := n/40, n-1-n/40
		a, b := orderStatistics(x, lo, hi)
		if a != s[lo] || b != s[hi] {
			t.Errorf("orderStatistics(n=%d) = %v, %v, want %v, %v", n, a, b, s[lo], s[hi])
		}
	}
}

// Rates: by default simulated on the log scale and transformed back, the
// SII is of the values; with Transform, of their logs (the SII of
// log-values by the same exact regression as TestCalculateSII).
func TestCalculateSIITransform(t *testing.T) {
	qs := siiArea(0)
	for i := range qs {
		qs[i].SE = SIIStandardError(qs[i].Value-2, qs[i].Value+2, SIIRate)
	}
	plain, err := CalculateSII(qs, SIIOptions{ValueType: SIIRate, Repetitions: 20000, Seed: 2})
	if err != nil || !relClose(plain.SII, 7.0002347600798878, 1e-12) || !(plain.SIILower < plain.SII && plain.SII < plain.SIIUpper) {
		t.Errorf("CalculateSII(rate) = %+v, %v", plain, err)
	}
	logs, err := CalculateSII(qs, SIIOptions{ValueType: SIIRate, Transform: true, Repetitions: 20000, Seed: 2})
	if err != nil || !(logs.SII > 0 && logs.SII < 0.2) || !(logs.SIILower < logs.SII && logs.SII < logs.SIIUpper) {
		t.Errorf("CalculateSII(rate, transform) = %+v, %v", logs, err)
	}
}

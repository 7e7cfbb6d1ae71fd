package score

import (
	"fmt"
	"math"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// needDoc is a borough of ten comparator wards and a ward under test
// (E05000099), on two proportion indicators (lower is better, England 20%)
// in two domains. The comparators' rates spread from 12% to 30% on
// populations of 2,000; the ward under test has the rates rate1 and rate2
// on a population of pop. With noise false every value is given with a
// zero-width interval (no sampling error), otherwise counts and
// denominators give Wilson intervals.
func needDoc(rate1, rate2, pop float64, noise bool) *jsna.Document {
	d := &jsna.Document{
		Format: jsna.Format, ID: "need", Title: "Need index",
		Area: jsna.Area{Code: "E09000099", Name: "Borough"}, Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		Indicators: []jsna.Indicator{
			{ID: "a", Name: "A", Domain: "one", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Multiplier: 100, BenchmarkValue: fp(20)},
			{ID: "b", Name: "B", Domain: "two", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Multiplier: 100, BenchmarkValue: fp(20)},
		},
	}
	val := func(ind string, rate, den float64) jsna.Value {
		if !noise {
			return jsna.Value{Indicator: ind, Value: fp(rate), Lower: fp(rate), Upper: fp(rate)}
		}
		return jsna.Value{Indicator: ind, Count: fp(rate / 100 * den), Denominator: fp(den)}
	}
	for i := range 10 {
		r := 12 + 2*float64(i)
		d.Wards = append(d.Wards, jsna.Ward{Code: fmt.Sprintf("E050000%02d", i), Name: "W", Values: []jsna.Value{val("a", r, 2000), val("b", 42-r, 2000)}})
	}
	d.Wards = append(d.Wards, jsna.Ward{Code: "E05000099", Name: "Test", Values: []jsna.Value{val("a", rate1, pop), val("b", rate2, pop)}})
	return d
}

func needOf(tb testing.TB, d *jsna.Document) float64 {
	tb.Helper()
	s, err := Score(d, Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return s.Ward("E05000099").NeedIndex
}

// TestNeedIndexAtBenchmark: a ward at the benchmark on every indicator
// scores exactly 0, whatever its size.
func TestNeedIndexAtBenchmark(t *testing.T) {
	for _, pop := range []float64{500, 2000, 8000, 1e6} {
		for _, noise := range []bool{false, true} {
			if got := needOf(t, needDoc(20, 20, pop, noise)); got != 0 {
				t.Errorf("need index at the benchmark (population %v, noise %v) = %v, want 0", pop, noise, got)
			}
		}
	}
}

// TestNeedIndexNoNoise: without sampling error, scaling the population
// changes nothing, and the index is the mean over domains of
// (x − b)/τ. τ² here is the variance of the eleven wards' values.
func TestNeedIndexNoNoise(t *testing.T) {
	base := needOf(t, needDoc(26, 14, 2000, false))
	for _, pop := range []float64{500, 8000, 1e6} {
		if got := needOf(t, needDoc(26, 14, pop, false)); got != base {
			t.Errorf("no noise: population %v gives %v, population 2000 %v", pop, got, base)
		}
	}
	// a's values are 12, 14, ..., 30 and the ward's 26; b's 30, 28, ..., 12
	// and 14; τ² is each set's variance (n − 1 = 10).
	sd := func(own float64) float64 {
		xs := []float64{12, 14, 16, 18, 20, 22, 24, 26, 28, 30, own}
		mean, v := 0.0, 0.0
		for _, x := range xs {
			mean += x
		}
		mean /= 11
		for _, x := range xs {
			v += (x - mean) * (x - mean)
		}
		return math.Sqrt(v / 10)
	}
	want := ((26-20)/sd(26) + (14-20)/sd(14)) / 2
	if math.Abs(base-want) > 1e-12 {
		t.Errorf("no noise: need index %v, want %v", base, want)
	}
}

// TestNeedIndexSize: with sampling error, the same rates in a larger ward
// never give a smaller absolute score, and approach the score without
// noise. The old index, a sum over significant results, gave 34.1, 40.7
// and 43.2 for populations ¼, 1 and 4 times.
func TestNeedIndexSize(t *testing.T) {
	prev := 0.0
	for k, pop := range []float64{250, 1000, 4000, 16000, 64000, 1e6, 1e8} {
		got := needOf(t, needDoc(30, 26, pop, true))
		if k > 0 && math.Abs(got) < math.Abs(prev) {
			t.Errorf("population %v: need index %v, smaller than %v at the smaller population", pop, got, prev)
		}
		prev = got
	}
	// The limit: the ward's own sampling variance gone, the comparators'
	// as they are.
	d := needDoc(30, 26, 1e8, true)
	d.Wards[10].Values = []jsna.Value{{Indicator: "a", Value: fp(30), Lower: fp(30), Upper: fp(30)}, {Indicator: "b", Value: fp(26), Lower: fp(26), Upper: fp(26)}}
	if limit := needOf(t, d); math.Abs(prev-limit) > 1e-4*math.Abs(limit) {
		t.Errorf("population 1e8: need index %v, want it within 0.01%% of the no-noise %v", prev, limit)
	}
}

// TestEffect checks the shrunk effect: 0 at the benchmark, exactly twice
// for twice the difference, growing as the standard error falls, to d/τ.
func TestEffect(t *testing.T) {
	const tau2 = 4.0
	for _, se := range []float64{0, 0.5, 2, 10} {
		if e := effect(0, se, tau2); e != 0 {
			t.Errorf("effect(0, %v) = %v, want 0", se, e)
		}
		for _, d := range []float64{-3, 0.7, 5} {
			if e1, e2 := effect(d, se, tau2), effect(2*d, se, tau2); e2 != 2*e1 {
				t.Errorf("effect(2×%v, %v) = %v, want 2 × %v", d, se, e2, e1)
			}
		}
	}
	prev := 0.0
	for _, se := range []float64{10, 4, 2, 1, 0.5, 0.1, 0} {
		e := effect(3, se, tau2)
		if e < prev {
			t.Errorf("effect(3, se %v) = %v, smaller than %v at a larger se", se, e, prev)
		}
		prev = e
	}
	if prev != 1.5 {
		t.Errorf("effect(3, 0, τ² 4) = %v, want 3/2", prev)
	}
}

// TestNeedIndexMissing: a suppressed value is left out, not taken as 0,
// and a value without an interval marks the ward unadjusted.
func TestNeedIndexMissing(t *testing.T) {
	d := needDoc(30, 26, 2000, true)
	d.Wards[10].Values[1] = jsna.Value{Indicator: "b", Note: "suppressed"}
	s, err := Score(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := s.Ward("E05000099")
	if w.Missing != 1 || w.Unadjusted {
		t.Errorf("missing %d unadjusted %v, want 1, false", w.Missing, w.Unadjusted)
	}
	only := needDoc(30, 26, 2000, true)
	only.Indicators = only.Indicators[:1]
	for i := range only.Wards {
		only.Wards[i].Values = only.Wards[i].Values[:1]
	}
	if got, want := w.NeedIndex, needOf(t, only); math.Abs(got-want) > 1e-12 {
		t.Errorf("with b suppressed, need index %v, want a's alone %v", got, want)
	}
	d.Wards[10].Values[0] = jsna.Value{Indicator: "a", Value: fp(30)}
	if s, _ = Score(d, Options{}); !s.Ward("E05000099").Unadjusted {
		t.Errorf("a value without an interval did not mark the ward unadjusted")
	}
}

package jsna

import (
	"bytes"
	"os"
	"testing"
)

func TestExampleValidAndDeterministic(t *testing.T) {
	for _, opts := range []ExampleOptions{{}, {Seed: 2}, {Wards: 3, Indicators: 5, Seed: 9}, {Wards: 60, Indicators: 70, Seed: 3}} {
		a, b := Example(opts), Example(opts)
		if err := a.Validate(); err != nil {
			t.Errorf("Example(%+v).Validate() = %v", opts, err)
		}
		ba, _ := Marshal(a)
		bb, _ := Marshal(b)
		if !bytes.Equal(ba, bb) {
			t.Errorf("Example(%+v) is not deterministic", opts)
		}
		wantWards, wantInd := opts.Wards, opts.Indicators
		if wantWards == 0 {
			wantWards = 20
		}
		if wantInd == 0 {
			wantInd = 30
		}
		if len(a.Wards) != wantWards || len(a.Indicators) != wantInd || len(a.Wards[0].Values) != wantInd {
			t.Errorf("Example(%+v) = %d wards, %d indicators, want %d, %d", opts, len(a.Wards), len(a.Indicators), wantWards, wantInd)
		}
		if !a.Synthetic || a.Notice != ExampleNotice {
			t.Errorf("Example(%+v) is not labelled synthetic", opts)
		}
	}
	if Revision(Example(ExampleOptions{Seed: 1})) == Revision(Example(ExampleOptions{Seed: 2})) {
		t.Errorf("Example with seeds 1 and 2 gave the same document")
	}
}

// TestExampleValuesConsistent checks each value agrees with its count and
// denominator and lies within its intervals, the 99.8% one outside the 95%.
func TestExampleValuesConsistent(t *testing.T) {
	d := Example(ExampleOptions{})
	methods := map[string]*Indicator{}
	for i := range d.Indicators {
		methods[d.Indicators[i].ID] = &d.Indicators[i]
	}
	for _, w := range d.Wards {
		if len(w.Needs) < 2 || len(w.Sections) == 0 || len(w.Assets) == 0 || len(w.Voice) == 0 {
			t.Errorf("ward %s lacks needs, sections, assets or voice", w.Code)
		}
		for _, v := range w.Values {
			ind := methods[v.Indicator]
			mult := ind.Multiplier
			want := *v.Count / *v.Denominator * mult
			if diff := *v.Value - want; diff > 5.001e-5 || diff < -5.001e-5 { // rounded to 4 places
				t.Errorf("%s %s: value %v, want count/denominator×%v = %v", w.Code, v.Indicator, *v.Value, mult, want)
			}
			if !(*v.Lower998 <= *v.Lower && *v.Lower <= *v.Value && *v.Value <= *v.Upper && *v.Upper <= *v.Upper998) {
				t.Errorf("%s %s: intervals out of order: %v %v %v %v %v", w.Code, v.Indicator, *v.Lower998, *v.Lower, *v.Value, *v.Upper, *v.Upper998)
			}
		}
	}
}

// TestExampleIntervals checks the intervals the generator writes against
// values computed independently in Python 3.11: Wilson's score interval
// from its textbook form (centre (p + z²/2n)/(1 + z²/n)), Byar's from
// Breslow and Day (1987) eq. 2.6, and the exact Poisson limits as
// regularised gamma quantiles found with mpmath 1.3 (findroot on
// gammainc), which match Garwood's (1936) tables: 0 events 0–3.6889,
// 5 events 1.6235–11.6683.
func TestExampleIntervals(t *testing.T) {
	iv, err := ProportionCI(40, 350, Level95, 100)
	if err != nil || round4(iv.Lower) != 8.506 || round4(iv.Upper) != 15.1887 {
		t.Errorf("ProportionCI(40, 350) = %.4f%%, %.4f%%, %v, want 8.5060%%, 15.1887%%", iv.Lower, iv.Upper, err)
	}
	tests := []struct{ o, lo, hi float64 }{
		{0, 0, 3.6889},
		{5, 1.6235, 11.6683},
		{100, 81.3621, 121.6279},
	}
	for _, tt := range tests {
		lo, hi, err := CountCI(tt.o, Level95)
		if err != nil || round4(lo) != tt.lo || round4(hi) != tt.hi {
			t.Errorf("CountCI(%v) = %.4f, %.4f, %v, want %v, %v", tt.o, lo, hi, err, tt.lo, tt.hi)
		}
	}
}

func round4(x float64) float64 {
	return float64(int64(x*1e4+0.5)) / 1e4
}

// TestShippedExample checks static/examples/example-borough.json is what
// the generator makes at its defaults (regenerate with go test -update).
func TestShippedExample(t *testing.T) {
	got, _ := Marshal(Example(ExampleOptions{}))
	path := "../static/examples/example-borough.json"
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not the generator's output; run go test ./jsna -run TestShippedExample -update", path)
	}
}

// englandScale is the England-scale master the benchmarks share: 7,000
// wards by 60 indicators.
func englandScale(tb testing.TB) (*Document, []byte) {
	tb.Helper()
	d := Example(ExampleOptions{Wards: 7000, Indicators: 60, Seed: 1})
	b, err := Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return d, b
}

// BenchmarkParseEngland decodes and validates an England-scale master
// (about 90 MB). MB/s is the throughput.
func BenchmarkParseEngland(b *testing.B) {
	_, data := englandScale(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := Parse("england.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncodeEngland(b *testing.B) {
	d, data := englandScale(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := Marshal(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExampleEngland(b *testing.B) {
	for range b.N {
		Example(ExampleOptions{Wards: 7000, Indicators: 60, Seed: 1})
	}
}

package example

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

func TestExampleValidAndDeterministic(t *testing.T) {
	for _, opts := range []Options{{}, {Seed: 2}, {Wards: 3, Indicators: 5, Seed: 9}, {Wards: 60, Indicators: 70, Seed: 3}} {
		a, b := New(opts), New(opts)
		if err := a.Validate(); err != nil {
			t.Errorf("New(%+v).Validate() = %v", opts, err)
		}
		ba, _ := jsna.Marshal(a)
		bb, _ := jsna.Marshal(b)
		if !bytes.Equal(ba, bb) {
			t.Errorf("New(%+v) is not deterministic", opts)
		}
		wantWards, wantInd := opts.Wards, opts.Indicators
		if wantWards == 0 {
			wantWards = 20
		}
		if wantInd == 0 {
			wantInd = 30
		}
		if len(a.Wards) != wantWards || len(a.Indicators) != wantInd {
			t.Errorf("New(%+v) = %d wards, %d indicators, want %d, %d", opts, len(a.Wards), len(a.Indicators), wantWards, wantInd)
		}
		wantEarlier := 0 // the earlier periods of the indicators drawn (series.go)
		for _, ind := range a.Indicators {
			wantEarlier += len(earlierPeriods[ind.ID])
		}
		if n := len(a.Wards[0].Values); n != wantInd+wantEarlier {
			t.Errorf("New(%+v): %d values in a ward, want %d current and %d earlier", opts, n, wantInd, wantEarlier)
		}
		if !a.Synthetic || a.Notice != Notice {
			t.Errorf("New(%+v) is not labelled synthetic", opts)
		}
	}
	if jsna.Revision(New(Options{Seed: 1})) == jsna.Revision(New(Options{Seed: 2})) {
		t.Errorf("New with seeds 1 and 2 gave the same document")
	}
}

// TestExampleValuesConsistent checks each value agrees with its count and
// denominator and lies within its intervals, the 99.8% one outside the 95%.
func TestExampleValuesConsistent(t *testing.T) {
	d := New(Options{})
	methods := map[string]*jsna.Indicator{}
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
	iv, err := stats.ProportionCI(40, 350, stats.Level95, 100)
	if err != nil || round4(iv.Lower) != 8.506 || round4(iv.Upper) != 15.1887 {
		t.Errorf("ProportionCI(40, 350) = %.4f%%, %.4f%%, %v, want 8.5060%%, 15.1887%%", iv.Lower, iv.Upper, err)
	}
	tests := []struct{ o, lo, hi float64 }{
		{0, 0, 3.6889},
		{5, 1.6235, 11.6683},
		{100, 81.3621, 121.6279},
	}
	for _, tt := range tests {
		lo, hi, err := stats.CountCI(tt.o, stats.Level95)
		if err != nil || round4(lo) != tt.lo || round4(hi) != tt.hi {
			t.Errorf("CountCI(%v) = %.4f, %.4f, %v, want %v, %v", tt.o, lo, hi, err, tt.lo, tt.hi)
		}
	}
}

func round4(x float64) float64 {
	return float64(int64(x*1e4+0.5)) / 1e4
}

// TestShippedExample checks static/examples/example-borough.json is what
// the generator makes at its defaults, with practices (regenerate with go
// test -update).
func TestShippedExample(t *testing.T) {
	got, _ := jsna.Marshal(New(Options{Practices: true}))
	path := "../../static/examples/example-borough.json"
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
		t.Errorf("%s is not the generator's output; run go test ./jsna/example -run TestShippedExample -update", path)
	}
}

func BenchmarkExampleEngland(b *testing.B) {
	for range b.N {
		New(Options{Wards: 7000, Indicators: 60, Seed: 1})
	}
}

// TestExamplePractices checks the example's practices: labelled synthetic,
// lists of 4,000–15,000, every patient accounted for, and some small cells
// for disclosure control to suppress; and that the wards are the same
// with or without them.
func TestExamplePractices(t *testing.T) {
	d := New(Options{Practices: true})
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(d.Practices) != 8 || len(d.Indicators) != 32 {
		t.Fatalf("%d practices, %d indicators; want 8, 32", len(d.Practices), len(d.Indicators))
	}
	small := 0
	for _, p := range d.Practices {
		if !p.Synthetic || p.ListSize < 4000 || p.ListSize > 15000 || p.Elsewhere() <= 0 || len(p.Values) != 2 || len(p.Wards) < 3 {
			t.Errorf("practice %s: synthetic %v, list %d, elsewhere %d, %d values, %d wards", p.ID, p.Synthetic, p.ListSize, p.Elsewhere(), len(p.Values), len(p.Wards))
		}
		for _, w := range p.Wards {
			if w.Patients < 5 {
				small++
			}
		}
	}
	if small == 0 {
		t.Errorf("no small ward–practice cell")
	}
	a, _ := jsna.Marshal(&jsna.Document{Wards: New(Options{}).Wards})
	b, _ := jsna.Marshal(&jsna.Document{Wards: d.Wards})
	if !bytes.Equal(a, b) {
		t.Errorf("the wards differ with practices")
	}
}

package stats

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// The expected intervals below come from jsna/stats/testdata/ci_reference.py,
// which evaluates PHEindicatormethods' formulas (R/utils.R wilson_lower,
// wilson_upper, byars_lower, byars_upper; R/Rates.R phe_rate with exact
// limits below 10; R/DSR.R phe_dsr; R/ISRatio.R calculate_ISRatio; R/Means.R
// phe_mean) in 50-digit arithmetic with mpmath, independently of this
// package. They are required to 1e-9 relative: well past the six
// significant figures PHEindicatormethods is compared at.
const ciRel = 1e-9

func checkInterval(tb testing.TB, call string, got, want Interval) {
	tb.Helper()
	if !relClose(got.Value, want.Value, ciRel) || !relClose(got.Lower, want.Lower, ciRel) || !relClose(got.Upper, want.Upper, ciRel) {
		tb.Errorf("%s = %+v, want %+v", call, got, want)
	}
}

func TestProportionCI(t *testing.T) {
	tests := []struct {
		x, n, conf, mult float64
		want             Interval
	}{
		{65, 100, 0.95, 100, Interval{65.0, 55.254443296887962, 73.635751756902468}},
		{0, 50, 0.95, 100, Interval{0.0, 0.0, 7.1347599133358704}},
		{50, 50, 0.95, 100, Interval{100.0, 92.86524008666413, 100.0}},
		{1, 1000, 0.998, 100, Interval{0.1, 0.0087248968518742489, 1.1353037315210215}},
		{1234, 56789, 0.95, 1, Interval{0.021729560302171195, 0.020562371863068944, 0.022961449015183376}},
		{3, 7, 0.9, 100, Interval{42.857142857142857, 18.644319036395599, 71.052290898640719}},
		{3, 7, 90, 100, Interval{42.857142857142857, 18.644319036395599, 71.052290898640719}}, // a percentage level
	}
	for _, c := range tests {
		got, err := ProportionCI(c.x, c.n, c.conf, c.mult)
		if err != nil {
			t.Errorf("ProportionCI(%v, %v, %v, %v): %v", c.x, c.n, c.conf, c.mult, err)
			continue
		}
		checkInterval(t, "ProportionCI", got, c.want)
	}
}

func TestRateCI(t *testing.T) {
	tests := []struct {
		x, n, conf, mult float64
		want             Interval
	}{
		{0, 1000, 0.95, 100000, Interval{0.0, 0.0, 368.88794541139354}},
		{1, 1000, 0.95, 100000, Interval{100.0, 2.5317807984289898, 557.16433909388975}},
		{9, 3456, 0.95, 100000, Interval{260.41666666666667, 119.07908267877121, 494.35195171930465}}, // exact
		{10, 3456, 0.95, 100000, Interval{289.35185185185185, 138.52574982545031, 532.1602605832313}}, // Byar's
		{82, 10000, 0.95, 100000, Interval{820.0, 652.14911658096684, 1017.8483940118894}},
		{6500, 10000, 0.998, 100, Interval{65.0, 62.537022639274191, 67.530164928026842}},
		{3, 250, 0.998, 1000, Interval{12.0, 0.762133510273613, 52.248963116752278}},
	}
	for _, c := range tests {
		got, err := RateCI(c.x, c.n, c.conf, c.mult)
		if err != nil {
			t.Errorf("RateCI(%v, %v, %v, %v): %v", c.x, c.n, c.conf, c.mult, err)
			continue
		}
		checkInterval(t, "RateCI", got, c.want)
	}
}

func TestCountCI(t *testing.T) {
	tests := []struct{ x, conf, lo, hi float64 }{
		{0, 0.95, 0.0, 3.6888794541139354},
		{1, 0.95, 0.025317807984289898, 5.5716433909388975},
		{5, 0.998, 0.73937173191783267, 16.454745203680105},
		{9, 0.95, 4.1153730973783331, 17.084803451419169},
		// PHEindicatormethods' testByars.R cases (65, 1045; 10 at 99.8%).
		{10, 0.998, 2.9163183746956855, 24.193724927880538},
		{65, 0.95, 50.163187710459444, 82.849138545939856},
		{1045, 0.998, 947.94070356103749, 1148.8061609880327},
		{1045, 0.95, 982.5932018073327, 1110.3312129856498},
	}
	for _, c := range tests {
		lo, hi, err := CountCI(c.x, c.conf)
		if err != nil || !relClose(lo, c.lo, ciRel) || !relClose(hi, c.hi, ciRel) {
			t.Errorf("CountCI(%v, %v) = %v, %v, %v, want %v, %v", c.x, c.conf, lo, hi, err, c.lo, c.hi)
		}
	}
}

// dsrBands is a 19-band example with the ESP2013 weights.
func dsrBands() []AgeBand {
	counts := []float64{2, 0, 1, 3, 5, 6, 8, 11, 15, 22, 31, 45, 62, 80, 101, 120, 110, 85, 60}
	pops := []float64{6100, 5900, 5600, 5400, 6300, 7100, 7600, 7300, 6900, 6800, 6600, 6000, 5300, 4700, 4100, 3000, 2100, 1200, 600}
	bands := make([]AgeBand, len(counts))
	for i := range counts {
		bands[i] = AgeBand{counts[i], pops[i], ESP2013[i].Population}
	}
	return bands
}

func TestESP2013(t *testing.T) {
	want := []float64{5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000}
	if len(ESP2013) != 19 {
		t.Fatalf("len(ESP2013) = %d, want 19", len(ESP2013))
	}
	total := 0.0
	for i, b := range ESP2013 {
		total += b.Population
		if b.Population != want[i] {
			t.Errorf("ESP2013[%d] = %+v, want population %v (PHEindicatormethods esp2013)", i, b, want[i])
		}
	}
	if total != 100000 || ESP2013[0].Age != "0-4" || ESP2013[18].Age != "90+" {
		t.Errorf("ESP2013 totals %v from %q to %q, want 100000 from 0-4 to 90+", total, ESP2013[0].Age, ESP2013[18].Age)
	}
}

func TestDSRCI(t *testing.T) {
	for _, c := range []struct {
		conf float64
		want Interval
	}{
		{0.95, Interval{936.57147162898878, 870.86006397605276, 1005.8925277179821}},
		{0.998, Interval{936.57147162898878, 834.60790549711801, 1046.8581620178135}},
	} {
		got, err := DSRCI(dsrBands(), c.conf, 100000)
		if err != nil {
			t.Fatalf("DSRCI(%v): %v", c.conf, err)
		}
		checkInterval(t, "DSRCI", got, c.want)
	}
	few := []AgeBand{{3, 1000, 5000}, {6, 2000, 5500}}
	if _, err := DSRCI(few, 0.95, 100000); !errors.Is(err, ErrTooFewEvents) {
		t.Errorf("DSRCI(9 events) error = %v, want ErrTooFewEvents", err)
	}
}

func TestISRCI(t *testing.T) {
	bands := []ISRBand{{3, 2500, 800, 3000000}, {12, 2200, 5200, 2800000}, {41, 1800, 30100, 2500000}, {87, 900, 61000, 1200000}}
	for _, c := range []struct {
		bands         []ISRBand
		conf          float64
		observed, exp float64
		want          Interval
	}{
		{bands, 0.95, 143, 72.174380952380952, Interval{198.13124562072547, 166.98687816659835, 233.39714735204616}},
		{bands, 0.998, 143, 72.174380952380952, Interval{198.13124562072547, 150.82890999663144, 254.88865735691637}},
		// 7 observed: exact limits.
		{[]ISRBand{{1, 2500, 800, 3000000}, {2, 2200, 5200, 2800000}, {4, 1800, 30100, 2500000}}, 0.95, 7, 26.424380952380952,
			Interval{26.49068681160256, 10.650630024565553, 54.580939427467767}},
	} {
		got, err := ISRCI(c.bands, c.conf, 100)
		if err != nil {
			t.Fatalf("ISRCI(%v): %v", c.conf, err)
		}
		if got.Observed != c.observed || !relClose(got.Expected, c.exp, ciRel) {
			t.Errorf("ISRCI(%v) observed, expected = %v, %v, want %v, %v", c.conf, got.Observed, got.Expected, c.observed, c.exp)
		}
		checkInterval(t, "ISRCI", got.Interval, c.want)
	}
}

func TestMeanCI(t *testing.T) {
	values := []float64{12.1, 15.3, 9.8, 11.4, 14.9, 10.2, 13.7}
	for _, c := range []struct {
		conf float64
		want Interval
	}{
		{0.95, Interval{12.485714285714286, 10.452856085343129, 14.518572486085442}},
		{0.998, Interval{12.485714285714286, 8.159295375728935, 16.812133195699637}},
	} {
		got, n, err := MeanCI(values, c.conf)
		if err != nil || n != 7 {
			t.Fatalf("MeanCI(%v) n = %d, err = %v, want 7, nil", c.conf, n, err)
		}
		checkInterval(t, "MeanCI", got, c.want)
	}
}

func TestCIErrors(t *testing.T) {
	tests := []struct {
		name string
		call func() error
		want string
	}{
		{"zero denominator", func() error { _, err := ProportionCI(0, 0, 0.95, 100); return err }, "jsna: denominator is zero (count 0)"},
		{"rate zero denominator", func() error { _, err := RateCI(3, 0, 0.95, 1e5); return err }, "jsna: denominator is zero (count 3)"},
		{"negative count", func() error { _, err := RateCI(-1, 10, 0.95, 1e5); return err }, "jsna: count -1 is negative"},
		{"negative denominator", func() error { _, err := ProportionCI(1, -10, 0.95, 100); return err }, "jsna: denominator -10 is negative"},
		{"count above denominator", func() error { _, err := ProportionCI(11, 10, 0.95, 100); return err }, "jsna: count 11 exceeds denominator 10 for a proportion"},
		{"nan count", func() error { _, _, err := CountCI(math.NaN(), 0.95); return err }, "jsna: count NaN is not a finite number"},
		{"confidence 1", func() error { _, err := RateCI(1, 10, 1, 1e5); return err }, "jsna: confidence 1 is neither a fraction between 0 and 1 nor a percentage from 50 to 100"},
		{"confidence 0", func() error { _, err := RateCI(1, 10, 0, 1e5); return err }, "jsna: confidence 0 is neither a fraction between 0 and 1 nor a percentage from 50 to 100"},
		{"multiplier 0", func() error { _, err := RateCI(1, 10, 0.95, 0); return err }, "jsna: multiplier 0 must be a positive number"},
		{"no bands", func() error { _, err := DSRCI(nil, 0.95, 1e5); return err }, "jsna: dsr needs at least one age band"},
		{"dsr band zero population", func() error { _, err := DSRCI([]AgeBand{{5, 0, 100}}, 0.95, 1e5); return err }, "jsna: age band 1: jsna: denominator is zero (count 5)"},
		{"isr zero expected", func() error { _, err := ISRCI([]ISRBand{{5, 0, 10, 100}}, 0.95, 100); return err }, "jsna: expected count is zero (observed 5)"},
		{"mean of one", func() error { _, _, err := MeanCI([]float64{1}, 0.95); return err }, "jsna: mean interval needs at least 2 values, have 1"},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			err := c.call()
			if err == nil || err.Error() != c.want {
				t.Errorf("error = %v, want %q", err, c.want)
			}
		})
	}
	if _, err := ProportionCI(0, 0, 0.95, 100); !errors.Is(err, ErrZeroDenominator) {
		t.Errorf("ProportionCI(0, 0) error = %v, want ErrZeroDenominator", err)
	}
}

// Edge cases: zero counts have a zero lower limit, a count equal to the
// denominator an upper limit of 100%, and identical values a zero-width
// interval.
func TestCIEdges(t *testing.T) {
	for _, conf := range []float64{Level95, Level998} {
		p, _ := ProportionCI(0, 20, conf, 100)
		if p.Lower != 0 || p.Value != 0 || !(p.Upper > 0) {
			t.Errorf("ProportionCI(0, 20, %v) = %+v, want value and lower 0, upper above 0", conf, p)
		}
		p, _ = ProportionCI(20, 20, conf, 100)
		if p.Upper != 100 || p.Value != 100 || !(p.Lower < 100) {
			t.Errorf("ProportionCI(20, 20, %v) = %+v, want value and upper 100, lower below", conf, p)
		}
		r, _ := RateCI(0, 500, conf, 1000)
		if r.Lower != 0 || r.Value != 0 || !(r.Upper > 0) {
			t.Errorf("RateCI(0, 500, %v) = %+v, want value and lower 0, upper above 0", conf, r)
		}
	}
	m, n, err := MeanCI([]float64{5, 5, 5}, 0.95)
	if err != nil || n != 3 || m != (Interval{5, 5, 5}) {
		t.Errorf("MeanCI(5, 5, 5) = %+v, %d, %v, want {5 5 5}, 3, nil", m, n, err)
	}
	// Large offsets keep their precision.
	m, _, _ = MeanCI([]float64{1e9 + 1, 1e9 + 2, 1e9 + 3}, 0.95)
	if m.Value != 1e9+2 || !relClose(m.Upper-m.Value, 2.4841377118471, 1e-6) {
		t.Errorf("MeanCI(1e9+1, 1e9+2, 1e9+3) = %+v, want value 1e9+2, half-width 2.48414", m)
	}
}

// Properties every interval must have, over a grid of counts and
// denominators: it holds the value, narrows (relative to the value's
// scale) as the denominator grows at a fixed rate, and the 99.8% interval
// contains the 95% one.
func TestCIProperties(t *testing.T) {
	type method struct {
		name string
		ci   func(x, n, conf float64) (Interval, error)
	}
	methods := []method{
		{"proportion", func(x, n, c float64) (Interval, error) { return ProportionCI(x, n, c, 100) }},
		{"rate", func(x, n, c float64) (Interval, error) { return RateCI(x, n, c, 100000) }},
		{"ratio", func(x, n, c float64) (Interval, error) { return RatioCI(x, n, c, 100) }},
	}
	for _, m := range methods {
		for _, n := range []float64{1, 2, 7, 10, 25, 99, 100, 1000, 12345, 1e6} {
			for _, share := range []float64{0, 0.001, 0.05, 0.3, 0.5, 0.9, 1} {
				x := math.Round(n * share)
				iv95, err := m.ci(x, n, Level95)
				if err != nil {
					t.Fatalf("%s(%v, %v): %v", m.name, x, n, err)
				}
				iv998, _ := m.ci(x, n, Level998)
				if !iv95.Contains(iv95.Value) || !iv998.Contains(iv998.Value) {
					t.Errorf("%s(%v, %v) = %+v / %+v: interval misses the value", m.name, x, n, iv95, iv998)
				}
				if iv998.Lower > iv95.Lower || iv998.Upper < iv95.Upper {
					t.Errorf("%s(%v, %v): 99.8%% %+v does not contain 95%% %+v", m.name, x, n, iv998, iv95)
				}
				if x == 0 {
					continue
				}
				// Ten times the denominator at the same rate: narrower.
				big, _ := m.ci(x*10, n*10, Level95)
				if big.Upper-big.Lower >= iv95.Upper-iv95.Lower {
					t.Errorf("%s: interval for %v/%v (%v) not narrower than for %v/%v (%v)",
						m.name, x*10, n*10, big.Upper-big.Lower, x, n, iv95.Upper-iv95.Lower)
				}
			}
		}
	}
	// DSR and mean: 99.8% contains 95%, both hold the value.
	d95, _ := DSRCI(dsrBands(), Level95, 1e5)
	d998, _ := DSRCI(dsrBands(), Level998, 1e5)
	if !d95.Contains(d95.Value) || d998.Lower > d95.Lower || d998.Upper < d95.Upper {
		t.Errorf("DSRCI 95%% %+v, 99.8%% %+v: not nested around the value", d95, d998)
	}
}

func TestNormConfidence(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{{0.95, 0.95}, {95, 0.95}, {99.8, 0.998}, {0.5, 0.5}} {
		got, err := normConfidence(c.in)
		if err != nil || !relClose(got, c.want, 1e-15) {
			t.Errorf("normConfidence(%v) = %v, %v, want %v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []float64{0, 1, 1.5, 20, 100, -5, 150, math.NaN()} {
		if _, err := normConfidence(bad); err == nil || !strings.HasPrefix(err.Error(), "jsna: confidence") {
			t.Errorf("normConfidence(%v) error = %v, want a confidence error", bad, err)
		}
	}
}

package disclosure

import (
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// leakDoc is one ward with the all-age and under-75 mortality ratios of
// the Local Health profile (93250, 93252; the built-in table says the
// second is part of the first), given with their observed counts, and an
// admission ratio (93227) published without count or denominator.
func leakDoc(allAges, under75 float64, sar, sarLower, sarUpper float64) *jsna.Document {
	ratio := func(id string) jsna.Indicator {
		k, _ := jsna.KnownIndicator(id)
		return k
	}
	smr := func(id string, o, e float64) jsna.Value {
		return jsna.Value{Indicator: id, Count: fp(o), Denominator: fp(e), Value: fp(o / e * 100)}
	}
	return &jsna.Document{
		Format: jsna.Format, ID: "leaks", Title: "Leaks",
		Area:       jsna.Area{Code: "E09000099", Name: "Borough"},
		Benchmark:  jsna.Benchmark{Code: "E92000001", Name: "England"},
		Indicators: []jsna.Indicator{ratio("93250"), ratio("93252"), ratio("93227")},
		Wards: []jsna.Ward{{Code: "E05000001", Name: "One", Values: []jsna.Value{
			smr("93250", allAges, 10), smr("93252", under75, 8),
			{Indicator: "93227", Value: fp(sar), Lower: fp(sarLower), Upper: fp(sarUpper)},
		}}},
	}
}

// TestDiscloseNested is the first leak of issue 14: a ward published
// all-age deaths 12 and under-75 deaths 9, so 3 deaths at 75 and over
// could be derived. Before nested pairs were known nothing was suppressed.
func TestDiscloseNested(t *testing.T) {
	tests := []struct {
		name             string
		allAges, under75 float64
		want             string
	}{
		{"difference 3", 12, 9, "E05000001/93252:secondary"},
		{"difference 0, zeros suppressed", 9, 9, "E05000001/93252:secondary"},
		{"difference 5", 14, 9, ""},
		{"the part is small itself", 12, 4, "E05000001/93252:primary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, rep := Disclose(leakDoc(tt.allAges, tt.under75, 100, 90, 111), Options{})
			if got := suppressedCells(rep); got != tt.want {
				t.Fatalf("Disclose() suppressed %q, want %q", got, tt.want)
			}
			v := findValue(out, "E05000001", "93252")
			if tt.want == "E05000001/93252:secondary" && (v.Count != nil || v.Value != nil || v.Note != "suppressed: with 93250 it would reveal a count below 5 by difference") {
				t.Errorf("under-75 value after Disclose = %+v", v)
			}
			if all := findValue(out, "E05000001", "93250"); all.Count == nil || *all.Count != tt.allAges {
				t.Errorf("the all-age count was changed: %+v", all)
			}
		})
	}
	// A document declares its own pairs.
	d := leakDoc(20, 20, 100, 90, 111)
	d.Indicators[0].ID, d.Wards[0].Values[0].Indicator = "all", "all"
	d.Indicators[1].ID, d.Wards[0].Values[1].Indicator = "young", "young"
	if _, rep := Disclose(d, Options{}); suppressedCells(rep) != "" {
		t.Fatalf("without a declared pair, %q suppressed", suppressedCells(rep))
	}
	d.Indicators[1].PartOf = []string{"all"}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, rep := Disclose(d, Options{}); suppressedCells(rep) != "E05000001/young:secondary" {
		t.Errorf("with part_of, suppressed %q, want E05000001/young:secondary", suppressedCells(rep))
	}
}

// TestDiscloseImpliedCount is the second leak of issue 14: an SAR of 40
// with the interval 11–102 and no count was published, though its
// interval reveals about 4 events. The exact Poisson 95% interval of 4
// events is 1.0899–10.2416 (chi-squared quantiles, Ulm 1990; as
// PHEindicatormethods' byars_lower/byars_upper below 10 events), so an
// SAR of 40 has the interval 10.9–102.4.
func TestDiscloseImpliedCount(t *testing.T) {
	tests := []struct {
		sar, lower, upper float64
		want              string
	}{
		{40, 11, 102, "E05000001/93227:primary"},
		{40, 10.9, 102.4, "E05000001/93227:primary"},
		{100, 90, 111, ""},                      // about 400 events
		{40, 20, 70, ""},                        // an interval no small count gives
		{0, 0, 28.3, "E05000001/93227:primary"}, // 0 events, zeros suppressed
	}
	for _, tt := range tests {
		out, rep := Disclose(leakDoc(20, 10, tt.sar, tt.lower, tt.upper), Options{})
		if got := suppressedCells(rep); got != tt.want {
			t.Errorf("Disclose(SAR %v, %v–%v) suppressed %q, want %q", tt.sar, tt.lower, tt.upper, got, tt.want)
			continue
		}
		if v := findValue(out, "E05000001", "93227"); tt.want != "" && tt.sar != 0 && (v.Value != nil || v.Note != "suppressed: its interval implies a count below 5") {
			t.Errorf("SAR after Disclose = %+v", v)
		}
	}
	// A ratio with its expected count: observed = SAR/100 × expected.
	d := leakDoc(20, 10, 40, 11, 102)
	d.Wards[0].Values[2].Denominator = fp(7.5)
	if _, rep := Disclose(d, Options{}); suppressedCells(rep) != "E05000001/93227:primary" {
		t.Errorf("SAR 40 of 7.5 expected (3 observed): suppressed %q", suppressedCells(rep))
	}
}

// TestDisclosePresetHES applies NHS England's HES rule: 0 shown, 1–7
// suppressed, the rest rounded to the nearest 5, percentages from the
// rounded numerator and denominator.
func TestDisclosePresetHES(t *testing.T) {
	d := discloseDoc()
	out, rep := Disclose(d, Options{Preset: PresetNHSEnglandHES, Threshold: 2})
	if rep.Threshold != 8 || !rep.ShowZero || rep.Round != 5 || rep.Preset != PresetNHSEnglandHES {
		t.Fatalf("report = %+v, want threshold 8, zeros shown, rounding 5", rep)
	}
	if !strings.HasPrefix(rep.Rule, "Disclosure control: NHS England's disclosure control methodology for Hospital Episode Statistics (HES)") {
		t.Errorf("rule = %q", rep.Rule)
	}
	// W1/A 3 and W1/C 4 are below 8; the area total and the shared
	// denominator take W3/A 12 and W1/B 196 with them.
	if got := suppressedCells(rep); got != "W1/A:primary W1/B:secondary W1/C:primary W3/A:secondary" {
		t.Errorf("suppressed %q", got)
	}
	// Counts already multiples of 5 stay as they are: W4/A 25 of 110.
	v := findValue(out, "W4", "A")
	if *v.Count != 25 || *v.Denominator != 110 || *v.Value != 25.0/110*100 {
		t.Errorf("W4/A = %v of %v, value %v", *v.Count, *v.Denominator, *v.Value)
	}
	d.Wards[3].Values[0] = jsna.Value{Indicator: "A", Count: fp(13), Denominator: fp(102), Value: fp(13.0 / 102 * 100)}
	out, _ = Disclose(d, Options{Preset: PresetNHSEnglandHES})
	v = findValue(out, "W4", "A")
	// 13 → 15 and 102 → 100: 15%, its Wilson interval recomputed.
	if *v.Count != 15 || *v.Denominator != 100 || *v.Value != 15 || v.Lower == nil || *v.Lower >= 15 || *v.Upper <= 15 {
		t.Errorf("W4/A rounded = %v of %v, value %v (%v–%v), want 15 of 100, 15%%", *v.Count, *v.Denominator, *v.Value, v.Lower, v.Upper)
	}
	if !(*v.Lower998 < *v.Lower && *v.Upper < *v.Upper998) {
		t.Errorf("W4/A 99.8%% interval %v–%v not around the 95%% one", *v.Lower998, *v.Upper998)
	}
}

// TestDiscloseNamedRule: a custom threshold carries the deployer's name.
func TestDiscloseNamedRule(t *testing.T) {
	_, rep := Disclose(discloseDoc(), Options{Threshold: 10, Name: "Borough small numbers policy 2024"})
	if !strings.HasPrefix(rep.Rule, "Disclosure control (Borough small numbers policy 2024): counts from 0 to 9 are suppressed") {
		t.Errorf("rule = %q", rep.Rule)
	}
}

// Every period of a series is published, so each period's pair is
// checked on its own: the current period's 12 and 9 reveal 3, the
// earlier period's 30 and 9 (all ages) and 20 (under 75) nothing, and the
// earlier under-75 20 is never set against the current all-age 12.
func TestDiscloseNestedPeriods(t *testing.T) {
	d := leakDoc(12, 9, 100, 90, 111)
	early := func(id string, o float64) jsna.Value {
		return jsna.Value{Indicator: id, Period: "2010 - 14", Count: fp(o), Denominator: fp(10), Value: fp(o * 10)}
	}
	d.Wards[0].Values = append(d.Wards[0].Values, early("93250", 30), early("93252", 20))
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	_, rep := Disclose(d, Options{})
	if got := suppressedCells(rep); got != "E05000001/93252:secondary" || rep.Suppressed[0].Period != "" {
		t.Errorf("suppressed %q (%+v), want the current period's E05000001/93252:secondary", got, rep.Suppressed)
	}
	d.Wards[0].Values[4].Count = fp(27) // 30 − 27 = 3 in 2010 - 14
	_, rep = Disclose(d, Options{})
	if got := suppressedCells(rep); got != "E05000001/93252:secondary E05000001/93252:secondary" || rep.Suppressed[1].Period != "2010 - 14" {
		t.Errorf("suppressed %q (%+v), want both periods of E05000001/93252", got, rep.Suppressed)
	}
}

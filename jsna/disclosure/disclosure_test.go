package disclosure

import (
	"reflect"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// discloseDoc has one proportion indicator A over four wards and the
// area's own row, and a ward (W1) whose indicators B and C are the two
// categories of one population (their counts add up to the shared
// denominator 200).
func discloseDoc() *jsna.Document {
	cv := func(ind string, count, den float64) jsna.Value {
		v := count / den * 100
		return jsna.Value{Indicator: ind, Count: fp(count), Denominator: fp(den), Value: &v, Lower: fp(v - 1), Upper: fp(v + 1), Lower998: fp(v - 2), Upper998: fp(v + 2)}
	}
	return &jsna.Document{
		Format: jsna.Format, ID: "disclose-test", Title: "Disclosure test",
		Area:      jsna.Area{Code: "E09000099", Name: "Borough"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		Indicators: []jsna.Indicator{
			{ID: "A", Name: "A", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Multiplier: 100},
			{ID: "B", Name: "B", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Multiplier: 100},
			{ID: "C", Name: "C", Method: jsna.MethodProportion, Polarity: jsna.LowerIsBetter, Multiplier: 100},
		},
		Wards: []jsna.Ward{
			{Code: "W1", Name: "One", Values: []jsna.Value{cv("A", 3, 100), cv("B", 196, 200), cv("C", 4, 200)}},
			{Code: "W2", Name: "Two", Values: []jsna.Value{cv("A", 40, 120)}},
			{Code: "W3", Name: "Three", Values: []jsna.Value{cv("A", 12, 90)}},
			{Code: "W4", Name: "Four", Values: []jsna.Value{cv("A", 25, 110)}},
			{Code: "E09000099", Name: "Borough", Values: []jsna.Value{cv("A", 80, 420)}},
		},
	}
}

func suppressedCells(rep Report) string {
	var s []string
	for _, c := range rep.Suppressed {
		s = append(s, c.Ward+"/"+c.Indicator+":"+c.Reason)
	}
	return strings.Join(s, " ")
}

func TestDisclose(t *testing.T) {
	tests := []struct {
		name string
		edit func(d *jsna.Document)
		opts Options
		want string // suppressed cells in document order
	}{
		// W1/A = 3 is primary; the area row's 80 = 3 + 40 + 12 + 25 would
		// give it back, so the next smallest ward count, W3/A = 12, goes
		// too. W1/C = 4 is primary; B + C = 200, the shared denominator,
		// so W1/B goes too.
		{"default threshold", nil, Options{}, "W1/A:primary W1/B:secondary W1/C:primary W3/A:secondary"},
		// Threshold 3: only counts 0–2; nothing here.
		{"threshold 3", nil, Options{Threshold: 3}, ""},
		// Threshold 13: 3, 4 and 12 are primary; two suppressed in A, so
		// no secondary there; B goes with C.
		{"threshold 13", nil, Options{Threshold: 13}, "W1/A:primary W1/B:secondary W1/C:primary W3/A:primary"},
		// A zero is suppressed unless ShowZero.
		{"zero suppressed", func(d *jsna.Document) { d.Wards[1].Values[0].Count = fp(0) }, Options{},
			"W1/A:primary W1/B:secondary W1/C:primary W2/A:primary"},
		{"zero shown", func(d *jsna.Document) { d.Wards[1].Values[0].Count = fp(0) }, Options{ShowZero: true},
			"W1/A:primary W1/B:secondary W1/C:primary W2/A:secondary"},
		// A ward with a missing count hides the subtraction already.
		{"missing count protects", func(d *jsna.Document) {
			v := &d.Wards[3].Values[0]
			v.Count, v.Value = nil, nil
		}, Options{}, "W1/A:primary W1/B:secondary W1/C:primary"},
		// B and C that do not add up to their denominator are no group.
		{"no partition", func(d *jsna.Document) { d.Wards[0].Values[1].Count = fp(150) }, Options{},
			"W1/A:primary W1/C:primary W3/A:secondary"},
		// Categories adding up to the ward's population form a group too.
		{"population total", func(d *jsna.Document) {
			d.Wards[0].Values[1].Denominator = fp(500)
			d.Wards[0].Values[2].Denominator = fp(500)
			d.Wards[0].Population = fp(200)
		}, Options{}, "W1/A:primary W1/B:secondary W1/C:primary W3/A:secondary"},
		{"different denominators", func(d *jsna.Document) {
			d.Wards[0].Values[1].Denominator = fp(500)
			d.Wards[0].Values[2].Denominator = fp(300)
			d.Wards[0].Population = fp(200)
		}, Options{}, "W1/A:primary W1/C:primary W3/A:secondary"},
		// Secondary suppression propagates: W3/A (12) goes to protect
		// W1/A; W3's A and B add up to their denominator 90, so W3/B goes
		// to protect W3/A. Column B then has two suppressed cells.
		{"chained", func(d *jsna.Document) {
			d.Wards[2].Values = append(d.Wards[2].Values, jsna.Value{Indicator: "B", Count: fp(78), Denominator: fp(90)})
		}, Options{}, "W1/A:primary W1/B:secondary W1/C:primary W3/A:secondary W3/B:secondary"},
		// A count implied by value and denominator is a count.
		{"implied count", func(d *jsna.Document) {
			v := &d.Wards[2].Values[0]
			v.Count, v.Value = nil, fp(2.0/90*100)
		}, Options{}, "W1/A:primary W1/B:secondary W1/C:primary W3/A:primary"},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			d := discloseDoc()
			if c.edit != nil {
				c.edit(d)
			}
			before := jsna.Canonical(d)
			out, rep := Disclose(d, c.opts)
			if got := suppressedCells(rep); got != c.want {
				t.Errorf("Disclose(%s) suppressed %q, want %q", c.name, got, c.want)
			}
			if string(jsna.Canonical(d)) != string(before) {
				t.Errorf("Disclose(%s) modified its input", c.name)
			}
			for _, sc := range rep.Suppressed {
				v := findValue(out, sc.Ward, sc.Indicator)
				if v.Count != nil || v.Value != nil || v.Lower != nil || v.Upper != nil || v.Lower998 != nil || v.Upper998 != nil {
					t.Errorf("Disclose(%s) %s/%s kept numbers: %+v", c.name, sc.Ward, sc.Indicator, v)
				}
				if !strings.HasPrefix(v.Note, "suppressed: ") {
					t.Errorf("Disclose(%s) %s/%s note = %q", c.name, sc.Ward, sc.Indicator, v.Note)
				}
			}
		})
	}
}

func findValue(d *jsna.Document, ward, ind string) *jsna.Value {
	for wi := range d.Wards {
		if d.Wards[wi].Code != ward {
			continue
		}
		for vi := range d.Wards[wi].Values {
			if d.Wards[wi].Values[vi].Indicator == ind {
				return &d.Wards[wi].Values[vi]
			}
		}
	}
	return nil
}

func TestDiscloseCells(t *testing.T) {
	d := discloseDoc()
	d.Wards[1].Values[0].Count, d.Wards[1].Values[0].Denominator = fp(2), fp(3) // a tiny denominator goes too
	out, rep := Disclose(d, Options{})
	w1a := findValue(out, "W1", "A")
	if *w1a.Denominator != 100 || w1a.Note != "suppressed: count below 5" {
		t.Errorf("W1/A = denominator %v note %q, want 100 kept and the primary note", *w1a.Denominator, w1a.Note)
	}
	w2a := findValue(out, "W2", "A")
	if w2a.Denominator != nil {
		t.Errorf("W2/A denominator %v kept, want removed (below the threshold)", *w2a.Denominator)
	}
	w4a := findValue(out, "W4", "A")
	if !reflect.DeepEqual(*w4a, d.Wards[3].Values[0]) {
		t.Errorf("W4/A changed: %+v", *w4a)
	}
	if got := findValue(out, "W3", "A").Note; got != "" {
		t.Errorf("W3/A note %q: two suppressed cells in A need no secondary", got)
	}
	if !strings.Contains(rep.Rule, "counts from 0 to 4 are suppressed") || !strings.Contains(rep.Rule, "secondary suppression") {
		t.Errorf("rule = %q", rep.Rule)
	}
	_, rep = Disclose(d, Options{Threshold: 10, ShowZero: true})
	if !strings.Contains(rep.Rule, "counts from 1 to 9 are suppressed") || !strings.Contains(rep.Rule, "zero counts are shown") {
		t.Errorf("rule = %q", rep.Rule)
	}
	// The copy shares nothing with the input.
	out.Wards[3].Values[0].Count = fp(999)
	out.Indicators[0].Name = "changed"
	if *d.Wards[3].Values[0].Count != 25 || d.Indicators[0].Name != "A" {
		t.Errorf("Disclose's output shares memory with its input")
	}
}

func fp(x float64) *float64 { return &x }

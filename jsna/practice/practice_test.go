package practice

import (
	"math"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

func ptr(f float64) *float64 { return &f }

// handDoc has two wards and three practices: A (list 1000: 600 in W1,
// 300 in W2) and B (list 500: 400 in W1) have values of the practice
// indicator q with intervals; C (list 250, all in W1) has none. Ward W1
// has a value of the ward indicator w with an interval, W2 one without.
func handDoc() *jsna.Document {
	return &jsna.Document{
		Indicators: []jsna.Indicator{
			{ID: "q", Name: "QOF-style prevalence", Method: jsna.MethodOther, Polarity: jsna.NoJudgement},
			{ID: "p", Name: "a proportion", Method: jsna.MethodProportion, Polarity: jsna.NoJudgement, Multiplier: 100},
			{ID: "w", Name: "a ward indicator", Method: jsna.MethodOther, Polarity: jsna.NoJudgement},
		},
		Wards: []jsna.Ward{
			{Code: "E05000001", Name: "W1", Values: []jsna.Value{{Indicator: "w", Value: ptr(20), Lower: ptr(18), Upper: ptr(22)}}},
			{Code: "E05000002", Name: "W2", Values: []jsna.Value{{Indicator: "w", Value: ptr(30)}}},
		},
		Practices: []jsna.Practice{
			{ID: "A00001", Name: "A", ListSize: 1000, Wards: []jsna.PracticeWard{{Code: "E05000001", Patients: 600}, {Code: "E05000002", Patients: 300}},
				Values: []jsna.PracticeValue{{Indicator: "q", Value: ptr(10), Lower: ptr(9), Upper: ptr(11)},
					{Indicator: "p", Value: ptr(10), Count: ptr(30), Denominator: ptr(300)}}},
			{ID: "B00001", Name: "B", ListSize: 500, Wards: []jsna.PracticeWard{{Code: "E05000001", Patients: 400}},
				Values: []jsna.PracticeValue{{Indicator: "q", Value: ptr(5), Lower: ptr(4), Upper: ptr(6)}}},
			{ID: "C00001", Name: "C", ListSize: 250, Wards: []jsna.PracticeWard{{Code: "E05000001", Patients: 250}}},
		},
	}
}

func near(a *float64, b float64) bool { return a != nil && math.Abs(*a-b) < 1e-9 }

func TestWardEstimate(t *testing.T) {
	d := handDoc()
	// W1: (600×10 + 400×5) / 1000 = 8. Both intervals are 2 wide, so
	// SE = 1/1.959964 each; weights 0.6 and 0.4 give SE_E = SE √0.52, and
	// the half-width is 1.959964 SE_E = √0.52 = 0.72111025509. C has no
	// value: coverage 1000/1250 = 0.8.
	e := WardEstimate(d, "E05000001", "q")
	if !near(e.Value, 8) || !near(e.Lower, 8-0.7211102550927979) || !near(e.Upper, 8+0.7211102550927979) || e.Coverage != 0.8 || e.Parts != 2 {
		t.Errorf("WardEstimate(W1, q) = %v [%v, %v], coverage %v, parts %d; want 8 [7.27889, 8.72111], 0.8, 2", *e.Value, deref(e.Lower), deref(e.Upper), e.Coverage, e.Parts)
	}
	// W2: A alone, 10 with A's interval 9–11; coverage 300/300.
	e = WardEstimate(d, "E05000002", "q")
	if !near(e.Value, 10) || !near(e.Lower, 9) || !near(e.Upper, 11) || e.Coverage != 1 {
		t.Errorf("WardEstimate(W2, q) = %+v; want 10 [9, 11], coverage 1", e)
	}
	// W2, proportion 30/300 = 10% without an interval: the Wilson
	// interval's SE, √(p(1−p)/n + z²/4n²)/(1 + z²/n) × 100 = 1.74030105 at
	// p = 0.1, n = 300, gives 10 ± 1.959964 × 1.74030105.
	e = WardEstimate(d, "E05000002", "p")
	h := 1.959963984540054 * 1.7403010547057334
	if !near(e.Value, 10) || !near(e.Lower, 10-h) || !near(e.Upper, 10+h) {
		t.Errorf("WardEstimate(W2, p) = %v [%v, %v]; want 10 [%v, %v]", deref(e.Value), deref(e.Lower), deref(e.Upper), 10-h, 10+h)
	}
	// W1, p: only A has a value, and C and B none: 10, coverage 600/1250.
	if e = WardEstimate(d, "E05000001", "p"); !near(e.Value, 10) || e.Coverage != 0.48 {
		t.Errorf("WardEstimate(W1, p) = %v, coverage %v; want 10, 0.48", deref(e.Value), e.Coverage)
	}
	if e = WardEstimate(d, "E05000009", "q"); e.Value != nil {
		t.Errorf("WardEstimate(a ward no practice serves) = %v, want none", *e.Value)
	}
	if n := len(WardEstimates(d)); n != 4 {
		t.Errorf("WardEstimates: %d estimates, want 2 wards × 2 indicators", n)
	}
}

func TestListWeightedAndCatchment(t *testing.T) {
	d := handDoc()
	a := &d.Practices[0]
	// (600×20 + 300×30) / 900 = 23.333…; W2 has no interval, so neither
	// has the estimate; 900 of A's 1000 patients are behind it.
	e := ListWeighted(d, a, "w")
	if !near(e.Value, 70.0/3) || e.Lower != nil || e.Coverage != 0.9 || e.Parts != 2 {
		t.Errorf("ListWeighted(A, w) = %+v; want 23.333, no interval, coverage 0.9", e)
	}
	// B lives only in W1: W1's value and interval.
	if e = ListWeighted(d, &d.Practices[1], "w"); !near(e.Value, 20) || !near(e.Lower, 18) || !near(e.Upper, 22) || e.Coverage != 0.8 {
		t.Errorf("ListWeighted(B, w) = %+v; want 20 [18, 22], coverage 400/500", e)
	}
	c := Catchment(a)
	if len(c) != 2 || c[0] != (WardShare{"E05000001", 600, 0.6}) || c[1] != (WardShare{"E05000002", 300, 0.3}) {
		t.Errorf("Catchment(A) = %+v", c)
	}
	if tot := WardTotals(d); tot["E05000001"] != 1250 || tot["E05000002"] != 300 {
		t.Errorf("WardTotals = %v, want W1 1250, W2 300", tot)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func TestAroundPractice(t *testing.T) {
	d := handDoc()
	// A's patients: 600 in W1, whose estimate is 8, and 300 in W2, 10:
	// (600×8 + 300×10) / 900 = 8.6667, with no interval, over 900 of 1000.
	e := AroundPractice(d, &d.Practices[0], "q")
	if !near(e.Value, 7800.0/900) || e.Lower != nil || e.Coverage != 0.9 || e.Parts != 2 {
		t.Errorf("AroundPractice(A, q) = %+v; want 8.6667, no interval, coverage 0.9", e)
	}
}

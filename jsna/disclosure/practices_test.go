package disclosure

import (
	"fmt"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// practiceDoc has three wards and four practices, worked by hand at the
// default threshold 5:
//
//	         W1   W2   W3   elsewhere
//	A (100)  50    3   47   0
//	B (200) 100   20    –   80
//	C (30)    –   30    –   0
//	D (10)    –    –   10   0
//
// A–W2 (3) is primary. A places its whole list, so its cells add up to its
// list size: the next smallest of A, A–W3 (47), goes too. W2's cells add
// up to the ward's total: with A–W2 alone suppressed there, B–W2 (20, the
// smaller of 20 and 30) goes too. W3 now has A–W3 alone suppressed: D–W3
// (10) goes. B has patients elsewhere, which hide B–W2; D has no other
// cell to suppress. Nothing else changes.
func practiceDoc() *jsna.Document {
	return &jsna.Document{
		Wards: []jsna.Ward{{Code: "E05000001", Name: "W1"}, {Code: "E05000002", Name: "W2"}, {Code: "E05000003", Name: "W3"}},
		Practices: []jsna.Practice{
			{ID: "A00001", Name: "A", ListSize: 100, Wards: []jsna.PracticeWard{{Code: "E05000001", Patients: 50}, {Code: "E05000002", Patients: 3}, {Code: "E05000003", Patients: 47}}},
			{ID: "B00001", Name: "B", ListSize: 200, Wards: []jsna.PracticeWard{{Code: "E05000001", Patients: 100}, {Code: "E05000002", Patients: 20}}},
			{ID: "C00001", Name: "C", ListSize: 30, Wards: []jsna.PracticeWard{{Code: "E05000002", Patients: 30}}},
			{ID: "D00001", Name: "D", ListSize: 10, Wards: []jsna.PracticeWard{{Code: "E05000003", Patients: 10}}},
		},
	}
}

func TestPracticeCells(t *testing.T) {
	cells := PracticeCells(practiceDoc(), Options{})
	var got []string
	for _, c := range cells {
		s := fmt.Sprintf("%s %s ", c.Practice, c.WardName)
		if c.Reason != "" {
			s += c.Reason
		} else {
			s += fmt.Sprintf("%d %.4f %.4f", *c.Patients, *c.OfPractice, *c.OfWard)
		}
		got = append(got, s)
	}
	// Shares: A–W1 50/100 of A and 50/150 of W1; B–W1 100/200, 100/150;
	// C–W2 30/30 of C and 30/53 of W2 (3 + 20 + 30).
	want := []string{
		"A00001 W1 50 0.5000 0.3333", "A00001 W2 primary", "A00001 W3 secondary",
		"B00001 W1 100 0.5000 0.6667", "B00001 W2 secondary",
		"C00001 W2 30 1.0000 0.5660",
		"D00001 W3 secondary",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("PracticeCells =\n%q\nwant\n%q", got, want)
	}
	// At threshold 3 nothing is below it.
	for _, c := range PracticeCells(practiceDoc(), Options{Threshold: 3}) {
		if c.Reason != "" {
			t.Errorf("threshold 3: %s %s suppressed", c.Practice, c.Ward)
		}
	}
}

func TestDiscloseRemovesPracticeCells(t *testing.T) {
	d := practiceDoc()
	out, rep := Disclose(d, Options{})
	if got := out.Practices[0].Wards; len(got) != 1 || got[0].Patients != 50 {
		t.Errorf("published A wards = %+v, want only W1's 50", got)
	}
	if n := len(out.Practices[3].Wards); n != 0 {
		t.Errorf("published D has %d ward cells, want 0", n)
	}
	want := "[{E05000002  A00001  primary} {E05000003  A00001  secondary} {E05000002  B00001  secondary} {E05000003  D00001  secondary}]" // ward, indicator, practice, period, reason
	if fmt.Sprint(rep.Suppressed) != want {
		t.Errorf("report = %v\nwant %s", rep.Suppressed, want)
	}
	if len(d.Practices[0].Wards) != 3 {
		t.Errorf("Disclose changed its input")
	}
}

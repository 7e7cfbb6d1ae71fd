package merge

import (
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// TestMergePractices checks that practices merge by key like every record:
// a practice added in one draft is kept, a ward count changed in one draft
// is taken, and two drafts setting one practice value differently conflict
// at the path named by the practice's id and the value's indicator.
func TestMergePractices(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	w0, w1 := m.Wards[0].Code, m.Wards[1].Code
	ind := m.Indicators[0].ID
	v := 10.0
	m.Practices = []jsna.Practice{{ID: "A81001", Name: "The Riverside Surgery", ListSize: 9000,
		Wards:  []jsna.PracticeWard{{Code: w0, Patients: 6000}, {Code: w1, Patients: 2000}},
		Values: []jsna.PracticeValue{{Indicator: ind, Value: &v}}}}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	jsna.Seal(m)

	a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
	a.Practices[0].Wards[1].Patients = 2100
	a.Practices = append(a.Practices, jsna.Practice{ID: "A81002", Name: "Hillside Medical Centre", ListSize: 4000,
		Wards: []jsna.PracticeWard{{Code: w1, Patients: 3000}}})
	b := newDraft(t, m, "b", "Analyst B", jsna.RoleAnalyst)
	v1, v2 := 11.0, 12.0
	a.Practices[0].Values[0].Value = &v1
	b.Practices[0].Values[0].Value = &v2

	out, _ := mustMerge(t, m, a, b)
	if len(out.Practices) != 2 || out.Practices[1].ID != "A81002" {
		t.Fatalf("practices = %+v, want A81001 and the added A81002", out.Practices)
	}
	if got := out.Practices[0].Wards[1].Patients; got != 2100 {
		t.Errorf("A81001 patients in %s = %d, want 2100 from draft a", w1, got)
	}
	if len(out.Conflicts) != 1 {
		t.Fatalf("conflicts = %+v, want one on the practice value", out.Conflicts)
	}
	if want := "practices[A81001].values[" + ind + "].value"; out.Conflicts[0].Path != want {
		t.Errorf("conflict path = %q, want %q", out.Conflicts[0].Path, want)
	}
}

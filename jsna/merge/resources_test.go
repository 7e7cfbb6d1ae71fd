package merge

import (
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// resourcedMaster is an example master with a costed need, an area-wide
// recommendation and a pooled budget, the records jsna/resources.go adds.
func resourcedMaster(tb testing.TB) *jsna.Document {
	tb.Helper()
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	m.Wards[0].Needs[0].Resourcing = &jsna.Resourcing{OneOff: 1000, PerYear: 500, Year: 2027, PriceBasis: "2026/27 prices",
		Funders: []jsna.Funder{{ID: "council", Kind: jsna.PartnerCouncil, Share: 50}, {ID: "bcf", Kind: jsna.PartnerPooled, Budget: "bcf", Share: 50}}}
	m.Resources = &jsna.Resources{
		Recommendations: []jsna.AreaRecommendation{{ID: "r1", Title: "Falls service",
			Serves:     []jsna.NeedRef{{Ward: m.Wards[0].Code, Need: m.Wards[0].Needs[0].ID}, {Ward: m.Wards[1].Code, Need: m.Wards[1].Needs[0].ID}},
			Resourcing: &jsna.Resourcing{PerYear: 20000, Year: 2027, PriceBasis: "2026/27 prices"}}},
		PooledBudgets: []jsna.PooledBudget{{ID: "bcf", Name: "Better Care Fund", LegalBasis: "s75 NHS Act 2006",
			Partners: []jsna.PoolPartner{{ID: "council", Kind: jsna.PartnerCouncil, Contributions: map[string]float64{"2027": 100000}},
				{ID: "icb", Kind: jsna.PartnerICB, Contributions: map[string]float64{"2027": 200000}}}}},
	}
	if err := m.Validate(); err != nil {
		tb.Fatal(err)
	}
	out := mustRoundTrip(tb, m)
	jsna.Seal(out)
	return out
}

func mustRoundTrip(tb testing.TB, d *jsna.Document) *jsna.Document {
	tb.Helper()
	out, err := jsna.Decode(jsna.Canonical(d))
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// TestMergeResources checks that the resources records merge by key like
// every other: a cost changed in one draft is taken, changed differently in
// two is a conflict at its path, and a pooled budget's contribution (a map
// member) and a funder (a record keyed by id) are merged field by field.
func TestMergeResources(t *testing.T) {
	m := resourcedMaster(t)
	w0, n0 := m.Wards[0].Code, m.Wards[0].Needs[0].ID
	t.Run("a cost changed in one draft is taken", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Needs[0].Resourcing.OneOff = 1500
		b.Resources.PooledBudgets[0].Partners[1].Contributions["2028"] = 210000
		out, _ := mustMerge(t, m, a, b)
		if got := out.Wards[0].Needs[0].Resourcing.OneOff; got != 1500 || len(out.Conflicts) != 0 {
			t.Fatalf("one_off = %v with %d conflicts, want 1500 and none", got, len(out.Conflicts))
		}
		if got := out.Resources.PooledBudgets[0].ContributionIn(2028); got != 210000 {
			t.Errorf("2028 contribution = %v, want 210000", got)
		}
	})
	t.Run("a cost changed differently in two drafts conflicts", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Resources.Recommendations[0].Resourcing.PerYear = 25000
		b.Resources.Recommendations[0].Resourcing.PerYear = 18000
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 1 {
			t.Fatalf("%d conflicts, want 1: %+v", len(out.Conflicts), out.Conflicts)
		}
		c := out.Conflicts[0]
		if c.Path != "resources.recommendations[r1].resourcing.per_year" || c.Current != "20000" ||
			c.Candidates[0].Value != "18000" || c.Candidates[1].Value != "25000" {
			t.Errorf("conflict = %s current %s candidates %+v", c.Path, c.Current, c.Candidates)
		}
		if got := out.Resources.Recommendations[0].Resourcing.PerYear; got != 20000 {
			t.Errorf("per_year = %v, want the master's 20000 until resolved", got)
		}
	})
	t.Run("funders merge by id", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		fs := a.Wards[0].Needs[0].Resourcing.Funders
		fs[0].Name = "Example Borough Council"
		b.Wards[0].Needs[0].Resourcing.Status = jsna.StatusAgreed
		out, _ := mustMerge(t, m, a, b)
		got := out.Wards[0].Needs[0].Resourcing
		if len(out.Conflicts) != 0 || got.Funders[0].Name != "Example Borough Council" || got.Status != jsna.StatusAgreed {
			t.Errorf("conflicts %d, funder %+v, status %q", len(out.Conflicts), got.Funders[0], got.Status)
		}
	})
	t.Run("shares changed in two drafts conflict per funder", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Needs[0].Resourcing.Funders[0].Share, a.Wards[0].Needs[0].Resourcing.Funders[1].Share = 70, 30
		b.Wards[0].Needs[0].Resourcing.Funders[0].Share, b.Wards[0].Needs[0].Resourcing.Funders[1].Share = 40, 60
		out, _, err := Merge(m, []*jsna.Document{a, b}, Options{Now: mergeNow})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"wards[" + w0 + "].needs[" + n0 + "].resourcing.funders[bcf].share", "wards[" + w0 + "].needs[" + n0 + "].resourcing.funders[council].share"}
		if len(out.Conflicts) != 2 || out.Conflicts[0].Path != want[0] || out.Conflicts[1].Path != want[1] {
			t.Errorf("conflicts %+v, want at %v", out.Conflicts, want)
		}
	})
}

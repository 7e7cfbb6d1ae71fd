package merge

import (
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// A ward's values are keyed by indicator and period (jsna.ValueKey):
// earlier periods added in two drafts are records of their own.
func TestMergeSeries(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	ind := m.Indicators[0]
	w0 := m.Wards[0].Code
	period := func(p string, x float64) jsna.Value {
		return jsna.Value{Indicator: ind.ID, Period: p, Value: &x}
	}
	valuesOf := func(d *jsna.Document) map[string]float64 {
		out := map[string]float64{}
		for _, v := range d.Wards[0].Values {
			if v.Indicator == ind.ID && v.Value != nil {
				out[v.Key()] = *v.Value
			}
		}
		return out
	}

	t.Run("two drafts adding different periods merge cleanly", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Values = append(a.Wards[0].Values, period("2001", 11))
		b.Wards[0].Values = append(b.Wards[0].Values, period("2002", 12))
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 0 {
			t.Fatalf("conflicts = %+v, want none", out.Conflicts)
		}
		got := valuesOf(out)
		if got[ind.ID+"@2001"] != 11 || got[ind.ID+"@2002"] != 12 || len(got) != len(valuesOf(m))+2 {
			t.Errorf("values of %s = %v, want the master's and 2001: 11, 2002: 12", ind.ID, got)
		}
		if cur := jsna.CurrentValue(&out.Wards[0], &out.Indicators[0]); cur == nil || cur.Period != "" {
			t.Errorf("current value = %+v, want the indicator's own period's (%s)", cur, ind.Period)
		}
	})
	t.Run("the same period edited in both drafts conflicts", func(t *testing.T) {
		m2 := m.Clone()
		m2.Wards[0].Values = append(m2.Wards[0].Values, period("2001", 11))
		a := newDraft(t, m2, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m2, "b", "Cllr B", jsna.RoleCouncillor)
		last := len(a.Wards[0].Values) - 1
		a.Wards[0].Values[last].Value = ptrTo(21.0)
		b.Wards[0].Values[last].Value = ptrTo(31.0)
		out, _ := mustMerge(t, m2, a, b)
		want := "wards[" + w0 + "].values[" + ind.ID + "@2001].value"
		if len(out.Conflicts) != 1 || out.Conflicts[0].Path != want {
			t.Fatalf("conflicts = %+v, want one on %s", out.Conflicts, want)
		}
		if got := valuesOf(out)[ind.ID+"@2001"]; got != 11 {
			t.Errorf("2001 value = %v, want the master's 11 until resolved", got)
		}
	})
	t.Run("a field of an indicator merges like any field", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Indicators[0].Unit = "per 1,000"
		b.Indicators[0].Definition = "Written by B."
		out, _ := mustMerge(t, m, a, b)
		if len(out.Conflicts) != 0 || out.Indicators[0].Unit != "per 1,000" || out.Indicators[0].Definition != "Written by B." {
			t.Fatalf("conflicts %d, unit %q, definition %q; want 0, per 1,000, Written by B.", len(out.Conflicts), out.Indicators[0].Unit, out.Indicators[0].Definition)
		}
		a2 := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b2 := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a2.Indicators[0].Polarity, b2.Indicators[0].Polarity = jsna.HigherIsBetter, jsna.NoJudgement
		out2, _ := mustMerge(t, m, a2, b2)
		want := "indicators[" + ind.ID + "].polarity"
		if len(out2.Conflicts) != 1 || out2.Conflicts[0].Path != want {
			t.Errorf("conflicts = %+v, want one on %s", out2.Conflicts, want)
		}
	})
}

func ptrTo[T any](v T) *T { return &v }

package merge

import (
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// Further benchmarks are keyed by code, their values by indicator and
// period, and a reference file's comparators merge field by field.
func TestMergeBenchmarks(t *testing.T) {
	m := example.New(example.Options{Wards: 3, Indicators: 4, Seed: 5})
	ind := m.Indicators[0]
	x := func(v float64) *float64 { return &v }
	m.OtherBenchmarks = []jsna.Benchmark{{Code: m.Area.Code, Name: m.Area.Name, Kind: jsna.KindLocalAuthority,
		Values: []jsna.Value{{Indicator: ind.ID, Value: x(104)}}}}
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	a := newDraft(t, m, "a", "Dr A", jsna.RoleAnalyst)
	b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
	a.OtherBenchmarks[0].Values[0].Value = x(105)
	b.OtherBenchmarks[0].Values = append(b.OtherBenchmarks[0].Values, jsna.Value{Indicator: ind.ID, Period: "2001", Value: x(99)})
	b.Indicators[1].Comparators = &jsna.Comparators{Source: "Fingertips", Area: "England", N: 10, Min: 1, Q25: 3.25, Median: 5.5, Q75: 7.75, Max: 10, Quintiles: []float64{2, 4, 6, 8}}
	out, _ := mustMerge(t, m, a, b)
	if len(out.Conflicts) != 0 {
		t.Fatalf("conflicts = %+v, want none", out.Conflicts)
	}
	vals := out.OtherBenchmarks[0].Values
	if len(vals) != 2 || *vals[0].Value != 105 || vals[1].Period != "2001" || *vals[1].Value != 99 {
		t.Errorf("the borough's values = %+v, want 105 and 2001: 99", vals)
	}
	if c := out.Indicators[1].Comparators; c == nil || c.N != 10 || c.Quintiles[3] != 8 {
		t.Errorf("comparators = %+v, want the reference's", c)
	}

	// The same value edited differently in two drafts: a conflict on that
	// benchmark's value alone.
	a = newDraft(t, out, "c", "Dr C", jsna.RoleAnalyst)
	b = newDraft(t, out, "d", "Cllr D", jsna.RoleCouncillor)
	a.OtherBenchmarks[0].Values[0].Value = x(106)
	b.OtherBenchmarks[0].Values[0].Value = x(107)
	out2, _ := mustMerge(t, out, a, b)
	want := "other_benchmarks[" + m.Area.Code + "].values[" + ind.ID + "].value"
	if len(out2.Conflicts) != 1 || out2.Conflicts[0].Path != want {
		t.Errorf("conflicts = %+v, want one on %s", out2.Conflicts, want)
	}
}

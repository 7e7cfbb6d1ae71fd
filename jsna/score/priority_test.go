package score

import (
	"cmp"
	"fmt"
	"math/rand"
	"slices"
	"strconv"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

func yesNo(p, e, a, r, l bool) *jsna.Pearl {
	return &jsna.Pearl{Propriety: &p, Economics: &e, Acceptability: &a, Resources: &r, Legality: &l}
}

// onlyProper is a PEARL test with one answer given, yes: assessed, and no
// failure.
func onlyProper() *jsna.Pearl {
	yes := true
	return &jsna.Pearl{Propriety: &yes}
}

func TestRankNeeds(t *testing.T) {
	pass := yesNo(true, true, true, true, true)
	d := &jsna.Document{Wards: []jsna.Ward{
		{Code: "E05000002", Name: "B", Needs: []jsna.Need{
			{ID: "n1", Title: "tied high", Size: 6, Seriousness: 7, Effectiveness: 5, Pearl: pass},                                       // 100
			{ID: "n2", Title: "fails PEARL", Size: 10, Seriousness: 10, Effectiveness: 10, Pearl: yesNo(true, false, true, false, true)}, // 300, excluded
			{ID: "n3", Title: "low", Size: 1, Seriousness: 1, Effectiveness: 1, Pearl: onlyProper()},                                     // 3
			{ID: "n6", Title: "PEARL left empty", Size: 9, Seriousness: 9, Effectiveness: 9, Pearl: &jsna.Pearl{}},                       // 243, not assessed
		}},
		{Code: "E05000001", Name: "A", Needs: []jsna.Need{
			{ID: "n9", Title: "tied high too", Size: 10, Seriousness: 5, Effectiveness: 5, Pearl: pass}, // 100
			{ID: "n4", Title: "top", Size: 10, Seriousness: 10, Effectiveness: 4, Pearl: pass},          // 120
			{ID: "n5", Title: "no PEARL yet", Size: 10, Seriousness: 10, Effectiveness: 10},             // 300, not assessed
		}},
	}}
	got, err := RankNeeds(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1 E05000001/n4 120 rank 1",
		"2 E05000001/n9 100 rank 2, tied with other needs scoring 100",
		"2 E05000002/n1 100 rank 2, tied with other needs scoring 100",
		"4 E05000002/n3 3 rank 4",
		"0 E05000001/n5 300 not ranked: the PEARL test is not yet assessed",
		"0 E05000002/n2 300 not ranked: the PEARL test's answer was no for economics, resources",
		"0 E05000002/n6 243 not ranked: the PEARL test is not yet assessed",
	}
	if len(got) != len(want) {
		t.Fatalf("RankNeeds() = %d needs, want %d", len(got), len(want))
	}
	for i, r := range got {
		if s := fmt.Sprintf("%d %s/%s %g %s", r.Rank, r.Ward, r.Need, r.Score, r.Explain()); s != want[i] {
			t.Errorf("RankNeeds()[%d] = %q, want %q", i, s, want[i])
		}
	}
}

func TestWeightedScore(t *testing.T) {
	ineq := 8.0
	n := jsna.Need{Size: 6, Seriousness: 4, Effectiveness: 5, Inequality: &ineq}
	tests := []struct {
		weights map[string]float64
		want    float64
		missing []string
		err     string
	}{
		{map[string]float64{"size": 1}, 60, nil, ""},
		{map[string]float64{"size": 1, "severity": 1}, 50, nil, ""},                         // (6+4)/2 × 10
		{map[string]float64{"size": 2, "inequality": 1, "effectiveness": 1}, 62.5, nil, ""}, // (12+8+5)/4 × 10
		{map[string]float64{"size": 1, "trend": 1}, 30, []string{"trend"}, ""},
		{map[string]float64{"size": 0}, 0, nil, "jsna: every weight is zero"},
		{map[string]float64{"cost": 1}, 0, nil, `jsna: no criterion "cost" (criteria: size, severity, inequality, trend, effectiveness, public_view)`},
		{map[string]float64{"size": -1}, 0, nil, `jsna: weight for "size" is negative`},
	}
	for _, tt := range tests {
		got, missing, err := WeightedScore(n, tt.weights)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("WeightedScore(%v) error = %v, want %q", tt.weights, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want || fmt.Sprint(missing) != fmt.Sprint(tt.missing) {
			t.Errorf("WeightedScore(%v) = %v, %v, %v; want %v, %v", tt.weights, got, missing, err, tt.want, tt.missing)
		}
	}
}

// sortNeeds orders as a stable sort does, ties and all.
func TestSortNeedsStable(t *testing.T) {
	r := rand.New(rand.NewSource(14))
	for trial := 0; trial < 50; trial++ {
		rs := make([]RankedNeed, r.Intn(200))
		for i := range rs {
			rs[i] = RankedNeed{Ward: string(rune('a' + r.Intn(4))), Score: float64(r.Intn(5)), Need: strconv.Itoa(i)}
		}
		want := slices.Clone(rs)
		slices.SortStableFunc(want, func(a, b RankedNeed) int { return cmp.Compare(b.Score, a.Score) })
		given := slices.Clone(rs)
		sortNeeds(rs, func(a, b int) int { return cmp.Compare(given[b].Score, given[a].Score) })
		for i := range rs {
			if rs[i].Need != want[i].Need {
				t.Fatalf("trial %d: sortNeeds[%d] = need %s, a stable sort gives %s", trial, i, rs[i].Need, want[i].Need)
			}
		}
	}
}

package merge_test

import (
	"fmt"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
)

// master is a one-ward master for the merge examples.
func master() *jsna.Document {
	d, err := jsna.Parse("master.json", []byte(`{"format": "jsna/1", "id": "borough-2026", "title": "Borough ward profiles 2026",
  "area": {"code": "E09000099", "name": "Example Borough"},
  "benchmark": {"code": "E92000001", "name": "England"},
  "indicators": [{"id": "90323", "name": "Reception obesity", "method": "proportion", "polarity": "lower-is-better"}],
  "wards": [{"code": "E05000001", "name": "Riverside",
    "sections": [{"id": "health", "title": "Health", "text": "Obesity is high.\nSmoking is average."}],
    "needs": [{"id": "n1", "title": "Childhood obesity", "size": 6, "seriousness": 7, "effectiveness": 5}]}]}`))
	if err != nil {
		panic(err)
	}
	return d
}

var saved = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

func ExampleNewDraft() {
	m := master()
	d, err := merge.NewDraft(m, merge.DraftOptions{ID: "gp-a", Author: "Dr A", Role: jsna.RoleGP, Wards: []string{"E05000001"}, Now: saved})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Draft.Author, d.Draft.Role, d.Draft.SavedAt, d.Draft.Wards)
	fmt.Println(d.Draft.Base == jsna.Revision(m))
	// Output:
	// Dr A gp 2026-11-20T10:00:00Z [E05000001]
	// true
}

func ExampleMerge() {
	m := master()
	gp, _ := merge.NewDraft(m, merge.DraftOptions{ID: "gp-a", Author: "Dr A", Role: jsna.RoleGP, Now: saved})
	cllr, _ := merge.NewDraft(m, merge.DraftOptions{ID: "cllr-b", Author: "Cllr B", Role: jsna.RoleCouncillor, Now: saved.Add(time.Hour)})
	// Both edit the narrative, on different lines; both score the need,
	// differently.
	gp.Wards[0].Sections[0].Text = "Obesity is high, above all in reception year.\nSmoking is average."
	cllr.Wards[0].Sections[0].Text = "Obesity is high.\nSmoking is average.\nResidents ask for a park run."
	gp.Wards[0].Needs[0].Size = 8
	cllr.Wards[0].Needs[0].Size = 7

	merged, report, err := merge.Merge(m, []*jsna.Document{gp, cllr}, merge.Options{Now: saved.Add(2 * time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("taken %d, merged line by line %d, conflicts %d\n", report.Taken, report.Merged, len(merged.Conflicts))
	fmt.Println(merged.Wards[0].Sections[0].Text)
	c := merged.Conflicts[0]
	fmt.Printf("%s: master keeps %s\n", c.Path, c.Current)
	for i, cand := range c.Candidates {
		fmt.Printf("  %d: %s by %s (%s)\n", i+1, cand.Value, cand.By[0].Author, cand.By[0].Role)
	}
	// Output:
	// taken 0, merged line by line 1, conflicts 1
	// Obesity is high, above all in reception year.
	// Smoking is average.
	// Residents ask for a park run.
	// wards[E05000001].needs[n1].size: master keeps 6
	//   1: 7 by Cllr B (councillor)
	//   2: 8 by Dr A (gp)
}

func ExampleResolve() {
	m := master()
	gp, _ := merge.NewDraft(m, merge.DraftOptions{ID: "gp-a", Author: "Dr A", Role: jsna.RoleGP, Now: saved})
	cllr, _ := merge.NewDraft(m, merge.DraftOptions{ID: "cllr-b", Author: "Cllr B", Role: jsna.RoleCouncillor, Now: saved})
	gp.Wards[0].Needs[0].Size = 8
	cllr.Wards[0].Needs[0].Size = 7
	merged, _, _ := merge.Merge(m, []*jsna.Document{gp, cllr}, merge.Options{Now: saved})

	resolved, err := merge.Resolve(merged, merged.Conflicts[0].ID, merge.Resolution{Take: 2, By: "Coordinator C", At: saved.Add(time.Hour)})
	if err != nil {
		fmt.Println(err)
		return
	}
	r := resolved.Resolutions[0]
	fmt.Println(resolved.Wards[0].Needs[0].Size, len(resolved.Conflicts))
	fmt.Printf("%s chose %s over %d candidates at %s\n", r.By, r.Chosen, len(r.Over), r.At)
	fmt.Println(resolved.Provenance[0].Path, "set by", resolved.Provenance[0].By[0].Author)
	// Output:
	// 8 0
	// Coordinator C chose 8 over 2 candidates at 2026-11-20T11:00:00Z
	// wards[E05000001].needs[n1].size set by Coordinator C
}

func ExampleDiff() {
	a := master()
	b := master()
	b.Wards[0].Needs[0].Seriousness = 9
	b.Wards[0].Needs = append(b.Wards[0].Needs, jsna.Need{ID: "n2", Title: "Smoking", Size: 4, Seriousness: 8, Effectiveness: 6})
	for _, c := range merge.Diff(a, b) {
		fmt.Printf("%s: %q -> %q\n", c.Path, c.From, c.To)
	}
	// Output:
	// wards[E05000001].needs[n1].seriousness: "7" -> "9"
	// wards[E05000001].needs[n2]: "" -> "(record)"
	// wards[E05000001].needs[n2].effectiveness: "" -> "6"
	// wards[E05000001].needs[n2].id: "" -> "\"n2\""
	// wards[E05000001].needs[n2].seriousness: "" -> "8"
	// wards[E05000001].needs[n2].size: "" -> "4"
	// wards[E05000001].needs[n2].title: "" -> "\"Smoking\""
}

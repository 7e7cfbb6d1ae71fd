package jsna

import (
	"bytes"
	"reflect"
	"testing"
)

// resourcedJSON is small.json's shape with resources on a need, an
// area-wide recommendation and a pooled budget.
const resourcedJSON = `{"format":"jsna/1","id":"t","title":"T (synthetic)","synthetic":true,
 "area":{"code":"E09000099","name":"Test Borough"},"benchmark":{"code":"E92000001","name":"England"},
 "indicators":[{"id":"90323","name":"Obesity","method":"proportion","polarity":"lower-is-better"}],
 "wards":[
  {"code":"E05000001","name":"Riverside","needs":[{"id":"n1","title":"Obesity","size":6,"seriousness":7,"effectiveness":5,
    "resourcing":{"one_off":10000,"per_year":2500.5,"year":2027,"years":3,"price_basis":"2026/27 prices","status":"agreed",
      "funders":[{"id":"council","kind":"council","name":"Test Borough Council","share":60},{"id":"bcf","kind":"pooled","budget":"bcf","share":40}],
      "outcome":{"indicator":"90323","target":9.5,"by":2030}}}]},
  {"code":"E05000002","name":"Hillside","needs":[{"id":"n2","title":"Falls","size":5,"seriousness":5,"effectiveness":5}]}],
 "resources":{
  "recommendations":[{"id":"r1","title":"Falls service","serves":[{"ward":"E05000001","need":"n1"},{"ward":"E05000002","need":"n2"}],
    "resourcing":{"per_year":50000,"year":2027,"price_basis":"2026/27 prices","funders":[{"id":"icb","kind":"icb","share":100}]}}],
  "pooled_budgets":[{"id":"bcf","name":"Better Care Fund","legal_basis":"s75 NHS Act 2006",
    "partners":[{"id":"council","kind":"council","contributions":{"2027":400000,"2028":410000}},{"id":"icb","kind":"icb","contributions":{"2027":600000}}]}]}}`

func parseResourced(tb testing.TB) *Document {
	tb.Helper()
	d, err := Parse("resourced.json", []byte(resourcedJSON))
	if err != nil {
		tb.Fatalf("Parse(resourced.json) = %v", err)
	}
	return d
}

// TestResourcesRoundTrip decodes every resources member and writes it
// back: a second decode of the encoding gives the same model.
func TestResourcesRoundTrip(t *testing.T) {
	d := parseResourced(t)
	rs := d.Wards[0].Needs[0].Resourcing
	if rs == nil || rs.OneOff != 10000 || rs.PerYear != 2500.5 || rs.Year != 2027 || rs.Years != 3 || rs.Status != StatusAgreed ||
		len(rs.Funders) != 2 || rs.Funders[1].Budget != "bcf" || rs.Outcome == nil || *rs.Outcome.Target != 9.5 {
		t.Fatalf("resourcing = %+v", rs)
	}
	pb := d.Resources.PooledBudget("bcf")
	if pb == nil || pb.ContributionIn(2027) != 1000000 || pb.ContributionIn(2028) != 410000 || pb.ContributionIn(2029) != 0 {
		t.Fatalf("pooled budget = %+v", pb)
	}
	if got := d.Resources.Recommendations[0].Serves; len(got) != 2 || got[1].Ward != "E05000002" || got[1].Need != "n2" {
		t.Fatalf("serves = %+v", got)
	}
	enc := Canonical(d)
	back, err := Decode(enc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Canonical(back), enc) || !reflect.DeepEqual(back.Resources, d.Resources) {
		t.Errorf("round trip changed the resources:\n%s\n%s", enc, Canonical(back))
	}
	// A document without resources writes no resources member.
	small := loadSmall(t)
	if bytes.Contains(Canonical(small), []byte(`"resourcing"`)) || bytes.Contains(Canonical(small), []byte(`"resources":{`)) {
		t.Errorf("a document without resources encodes a resources member")
	}
}

// TestRecurringIn checks which years a recurring cost runs in.
func TestRecurringIn(t *testing.T) {
	r := &Resourcing{PerYear: 100, Year: 2027, Years: 2}
	open := &Resourcing{PerYear: 100, Year: 2027}
	for _, tt := range []struct {
		r    *Resourcing
		year int
		want float64
	}{
		{r, 2026, 0}, {r, 2027, 100}, {r, 2028, 100}, {r, 2029, 0},
		{open, 2026, 0}, {open, 2027, 100}, {open, 2090, 100}, {nil, 2027, 0},
	} {
		if got := tt.r.RecurringIn(tt.year); got != tt.want {
			t.Errorf("%+v.RecurringIn(%d) = %v, want %v", tt.r, tt.year, got, tt.want)
		}
	}
}

// TestValidateResources changes a valid document in one place and checks
// the exact problems reported.
func TestValidateResources(t *testing.T) {
	need := func(d *Document) *Resourcing { return d.Wards[0].Needs[0].Resourcing }
	area := func(d *Document) *AreaRecommendation { return &d.Resources.Recommendations[0] }
	tests := []struct {
		name   string
		change func(d *Document)
		want   []Problem
	}{
		{"valid", func(d *Document) {}, nil},
		{"negative one-off", func(d *Document) { need(d).OneOff = -1 },
			[]Problem{{Path: "wards[0].needs[0].resourcing.one_off", Message: "must be at least 0, got -1"}}},
		{"negative per year", func(d *Document) { area(d).Resourcing.PerYear = -0.5 },
			[]Problem{{Path: "resources.recommendations[0].resourcing.per_year", Message: "must be at least 0, got -0.5"}}},
		{"shares short", func(d *Document) { need(d).Funders[0].Share = 50 },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders", Message: "the funders' shares add up to 90%, not 100% (within 0.01 percentage points)"}}},
		{"shares within tolerance", func(d *Document) {
			need(d).Funders[0].Share = 33.33
			need(d).Funders[1].Share = 33.33
			need(d).Funders = append(need(d).Funders, Funder{ID: "vcs", Kind: PartnerVoluntary, Share: 33.33})
		}, nil},
		{"shares just outside tolerance", func(d *Document) { need(d).Funders[0].Share = 59.98 },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders", Message: "the funders' shares add up to 99.98%, not 100% (within 0.01 percentage points)"}}},
		{"zero share", func(d *Document) { need(d).Funders[0].Share = 0; need(d).Funders[1].Share = 100 },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders[0].share", Message: "a funder's share must be more than 0%, got 0"}}},
		{"share above 100", func(d *Document) { area(d).Resourcing.Funders[0].Share = 101 },
			[]Problem{{Path: "resources.recommendations[0].resourcing.funders", Message: "the funders' shares add up to 101%, not 100% (within 0.01 percentage points)"},
				{Path: "resources.recommendations[0].resourcing.funders[0].share", Message: "must be at most 100, got 101"}}},
		{"unknown pooled budget", func(d *Document) { need(d).Funders[1].Budget = "icf" },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders[1].budget", Message: `pooled budget "icf" is not in resources.pooled_budgets`}}},
		{"pooled without budget", func(d *Document) { need(d).Funders[1].Budget = "" },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders[1].budget", Message: "a pooled funder must name its pooled budget (an id in resources.pooled_budgets)"}}},
		{"budget on a council", func(d *Document) { need(d).Funders[0].Budget = "bcf" },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders[0].budget", Message: `only a funder of kind pooled names a budget; this one is "council"`}}},
		{"funder kind", func(d *Document) { need(d).Funders[0].Kind = "nhs" },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders[0].kind", Message: `must be one of council, icb, health-board, pooled, voluntary, other, got "nhs"`}}},
		{"one partner two kinds", func(d *Document) { area(d).Resourcing.Funders[0].ID = "council" },
			[]Problem{{Path: "resources.recommendations[0].resourcing.funders[0].kind", Message: `partner "council" is "icb" here but "council" at resources.pooled_budgets[0].partners[0]: one partner has one kind`}}},
		{"funder twice", func(d *Document) {
			need(d).Funders[1].ID = "council"
			need(d).Funders[1].Kind = "council"
			need(d).Funders[1].Budget = ""
		},
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders[1].id", Message: `funder id "council" is used twice (also wards[0].needs[0].resourcing.funders[0])`}}},
		{"cost without year", func(d *Document) { need(d).Year = 0 },
			[]Problem{{Path: "wards[0].needs[0].resourcing.year", Message: "is required with a cost: the financial year the spending starts, like 2027 for 2027/28"}}},
		{"cost without price basis", func(d *Document) { area(d).Resourcing.PriceBasis = "" },
			[]Problem{{Path: "resources.recommendations[0].resourcing.price_basis", Message: `is required with a cost: the prices the cost is in, like "2026/27 prices"`}}},
		{"no cost, no year needed", func(d *Document) { need(d).OneOff, need(d).PerYear, need(d).Year, need(d).PriceBasis = 0, 0, 0, "" }, nil},
		{"status", func(d *Document) { need(d).Status = "paid" },
			[]Problem{{Path: "wards[0].needs[0].resourcing.status", Message: `must be one of proposed, agreed, funded, got "paid"`}}},
		{"outcome indicator", func(d *Document) { need(d).Outcome.Indicator = "99999" },
			[]Problem{{Path: "wards[0].needs[0].resourcing.outcome.indicator", Message: `indicator "99999" is not in the document's indicators`}}},
		// A need removed (or in a ward a draft was not cut for) leaves its
		// reference, which is not an error: removing a need must never make
		// a merged master invalid.
		{"serves a need not in the document", func(d *Document) { area(d).Serves[1].Ward = "E05000009"; area(d).Serves[0].Need = "n9" }, nil},
		{"serves a need twice", func(d *Document) { area(d).Serves[1] = area(d).Serves[0] },
			[]Problem{{Path: "resources.recommendations[0].serves[1]", Message: `ward "E05000001" need "n1" is listed twice (also resources.recommendations[0].serves[0])`}}},
		{"serves nothing", func(d *Document) { area(d).Serves = nil },
			[]Problem{{Path: "resources.recommendations[0].serves", Message: "is required"}}},
		{"recommendation id twice", func(d *Document) {
			d.Resources.Recommendations = append(d.Resources.Recommendations, AreaRecommendation{ID: "r1", Title: "Again", Serves: area(d).Serves})
		}, []Problem{{Path: "resources.recommendations[1].id", Message: `recommendation id "r1" is used twice (also resources.recommendations[0])`}}},
		{"pooled budget without legal basis", func(d *Document) { d.Resources.PooledBudgets[0].LegalBasis = "" },
			[]Problem{{Path: "resources.pooled_budgets[0].legal_basis", Message: "is required"}}},
		{"contribution year", func(d *Document) { d.Resources.PooledBudgets[0].Partners[1].Contributions["27/28"] = 5 },
			[]Problem{{Path: "resources.pooled_budgets[0].partners[1].contributions.27/28", Message: `"27/28" is not a financial year (the year it starts in, 2000 to 2100, like 2027 for 2027/28)`}}},
		{"negative contribution", func(d *Document) { d.Resources.PooledBudgets[0].Partners[0].Contributions["2028"] = -1 },
			[]Problem{{Path: "resources.pooled_budgets[0].partners[0].contributions.2028", Message: "a contribution must be at least 0, got -1"}}},
		{"pool partner pooled", func(d *Document) { d.Resources.PooledBudgets[0].Partners[0].Kind = "pooled" },
			[]Problem{{Path: "resources.pooled_budgets[0].partners[0].kind", Message: `must be one of council, icb, health-board, voluntary, other, got "pooled"`},
				{Path: "wards[0].needs[0].resourcing.funders[0].kind", Message: `partner "council" is "council" here but "pooled" at resources.pooled_budgets[0].partners[0]: one partner has one kind`}}},
		{"bidi in a funder name", func(d *Document) { need(d).Funders[0].Name = "Council\u202e" },
			[]Problem{{Path: "wards[0].needs[0].resourcing.funders[0].name", Message: "contains U+202E (right-to-left override), which can disguise text"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parseResourced(t)
			tt.change(d)
			err := d.Validate()
			var got []Problem
			if err != nil {
				e, ok := err.(*Error)
				if !ok {
					t.Fatalf("Validate() = %T %v", err, err)
				}
				got = e.Problems
			}
			for i := range got {
				got[i].Text = Text{} // the sentence's format and arguments: text_test.go checks them
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate() problems\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

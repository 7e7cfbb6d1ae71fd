package plan

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

func yes() *jsna.Pearl {
	t := true
	return &jsna.Pearl{Propriety: &t, Economics: &t, Acceptability: &t, Resources: &t, Legality: &t}
}

func no() *jsna.Pearl {
	t, f := true, false
	return &jsna.Pearl{Propriety: &t, Economics: &t, Acceptability: &t, Resources: &f, Legality: &t}
}

// testDoc is a small document worked by hand in the tests below:
//
//	rank ward       need  BPR  counted in 2027
//	1=   E05000001  n1    100  10,000 one-off + 5,000 a year = 15,000 (council 60%, bcf pool 40%)
//	1=   E05000002  n1    100  20,000 one-off (in 2028), nothing recurring in 2027 = 20,000 (council 100%)
//	3    area r1 serving E05000002 n3 and E05000001 n2: 8,000 a year (vcs 50%, icb 50%), counted once
//	3    E05000001  n2     75  30,000 a year (icb 100%)
//	4    E05000002  n3     50  not costed (served by r1)
//	-    E05000001  n3         PEARL "no": left out
//	-    E05000002  n2         not yet assessed: 1,000 a year, listed apart
//
// The two needs rated 100 are tied and ordered by ward code.
func testDoc() *jsna.Document {
	rs := func(oneOff, perYear float64, year int, funders ...jsna.Funder) *jsna.Resourcing {
		return &jsna.Resourcing{OneOff: oneOff, PerYear: perYear, Year: year, PriceBasis: "2026/27 prices", Funders: funders}
	}
	council := func(s float64) jsna.Funder {
		return jsna.Funder{ID: "council", Kind: jsna.PartnerCouncil, Name: "Test Council", Share: s}
	}
	icb := func(s float64) jsna.Funder { return jsna.Funder{ID: "icb", Kind: jsna.PartnerICB, Share: s} }
	d := &jsna.Document{Format: jsna.Format, ID: "t", Title: "T",
		Area:      jsna.Area{Code: "E09000099", Name: "Test Borough"},
		Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		Wards: []jsna.Ward{
			{Code: "E05000002", Name: "Hillside", Needs: []jsna.Need{
				{ID: "n1", Title: "Falls", Size: 6, Seriousness: 7, Effectiveness: 5, Pearl: yes(), Recommendation: "Strength classes.", Resourcing: rs(20000, 0, 2028, council(100))},
				{ID: "n2", Title: "Loneliness", Size: 5, Seriousness: 5, Effectiveness: 5, Resourcing: rs(0, 1000, 2027)},
				{ID: "n3", Title: "Frailty", Size: 4, Seriousness: 3, Effectiveness: 5, Pearl: yes()},
			}},
			{Code: "E05000001", Name: "Riverside", Needs: []jsna.Need{
				{ID: "n1", Title: "Obesity", Size: 6, Seriousness: 7, Effectiveness: 5, Pearl: yes(), Recommendation: "=HYPERLINK(\"x\")",
					Resourcing: rs(10000, 5000, 2027, council(60), jsna.Funder{ID: "bcf", Kind: jsna.PartnerPooled, Budget: "bcf", Share: 40})},
				{ID: "n2", Title: "Smoking", Size: 5, Seriousness: 5, Effectiveness: 5, Pearl: yes(), Resourcing: rs(0, 30000, 2027, icb(100))},
				{ID: "n3", Title: "Alcohol", Size: 9, Seriousness: 9, Effectiveness: 9, Pearl: no(), Resourcing: rs(1, 1, 2027)},
			}},
		},
		Resources: &jsna.Resources{
			Recommendations: []jsna.AreaRecommendation{{ID: "r1", Title: "Frailty and smoking hub",
				Serves:     []jsna.NeedRef{{Ward: "E05000002", Need: "n3"}, {Ward: "E05000001", Need: "n2"}},
				Resourcing: rs(0, 8000, 2027, jsna.Funder{ID: "vcs", Kind: jsna.PartnerVoluntary, Share: 50}, icb(50))}},
			PooledBudgets: []jsna.PooledBudget{{ID: "bcf", Name: "Better Care Fund", LegalBasis: "s75 NHS Act 2006",
				Partners: []jsna.PoolPartner{
					{ID: "council", Kind: jsna.PartnerCouncil, Contributions: map[string]float64{"2027": 100000}},
					{ID: "icb", Kind: jsna.PartnerICB, Contributions: map[string]float64{"2027": 300000}}}}},
		},
	}
	return d
}

func budget(x float64) *float64 { return &x }

// summary is an item as the tests compare it: rank, needs, counted cost,
// cumulative total and funded.
func summary(it Item) string {
	var refs []string
	for _, r := range it.Needs {
		refs = append(refs, r.Ward+"/"+r.Need)
	}
	id := strings.Join(refs, "+")
	if it.Area != "" {
		id = it.Area + ":" + id
	}
	return fmt.Sprintf("%d %s %s %s %v", it.Rank, id, Money(it.Counted), Money(it.Cumulative), it.Funded)
}

func summaries(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, summary(it))
	}
	return out
}

func TestMakeOrderAndCutOff(t *testing.T) {
	if err := testDoc().Validate(); err != nil {
		t.Fatalf("test document invalid: %v", err)
	}
	tests := []struct {
		name      string
		opts      Options
		want      []string
		funded    int
		committed string
	}{
		{"no budget funds every costed one", Options{}, []string{
			"1 E05000001/n1 15000.00 15000.00 true",
			"1 E05000002/n1 20000.00 35000.00 true",
			"3 r1:E05000002/n3+E05000001/n2 8000.00 43000.00 true",
			"3 E05000001/n2 30000.00 73000.00 true",
			"4 E05000002/n3 0.00 73000.00 false",
		}, 4, "73000.00"},
		{"strict stops at the first that does not fit", Options{Budget: budget(30000)}, []string{
			"1 E05000001/n1 15000.00 15000.00 true",
			"1 E05000002/n1 20000.00 15000.00 false",
			"3 r1:E05000002/n3+E05000001/n2 8000.00 15000.00 false",
			"3 E05000001/n2 30000.00 15000.00 false",
			"4 E05000002/n3 0.00 15000.00 false",
		}, 1, "15000.00"},
		{"skip funds a later one that fits", Options{Budget: budget(30000), Skip: true}, []string{
			"1 E05000001/n1 15000.00 15000.00 true",
			"1 E05000002/n1 20000.00 15000.00 false",
			"3 r1:E05000002/n3+E05000001/n2 8000.00 23000.00 true",
			"3 E05000001/n2 30000.00 23000.00 false",
			"4 E05000002/n3 0.00 23000.00 false",
		}, 2, "23000.00"},
		{"a budget met exactly to the penny fits", Options{Budget: budget(43000)}, []string{
			"1 E05000001/n1 15000.00 15000.00 true",
			"1 E05000002/n1 20000.00 35000.00 true",
			"3 r1:E05000002/n3+E05000001/n2 8000.00 43000.00 true",
			"3 E05000001/n2 30000.00 43000.00 false",
			"4 E05000002/n3 0.00 43000.00 false",
		}, 3, "43000.00"},
		{"in 2028 the one-offs still count and recurring costs run on", Options{Year: 2028, Budget: budget(0)}, []string{
			"1 E05000001/n1 15000.00 0.00 false",
			"1 E05000002/n1 20000.00 0.00 false",
			"3 r1:E05000002/n3+E05000001/n2 8000.00 0.00 false",
			"3 E05000001/n2 30000.00 0.00 false",
			"4 E05000002/n3 0.00 0.00 false",
		}, 0, "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Make(testDoc(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := summaries(p.Items); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("items\n got %q\nwant %q", got, tt.want)
			}
			if p.Funded != tt.funded || Money(p.Committed) != tt.committed || p.Costed != 4 || p.Excluded != 1 {
				t.Errorf("funded %d committed %s costed %d excluded %d; want %d, %s, 4, 1", p.Funded, Money(p.Committed), p.Costed, p.Excluded, tt.funded, tt.committed)
			}
			if got := summaries(p.Unassessed); !reflect.DeepEqual(got, []string{"0 E05000002/n2 1000.00 0.00 false"}) {
				t.Errorf("unassessed = %q", got)
			}
		})
	}
}

func TestMakeDefaultYearAndServedBy(t *testing.T) {
	p, err := Make(testDoc(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2027 || p.Years != 1 {
		t.Errorf("year %d, years %d; want the earliest, 2027, and 1", p.Year, p.Years)
	}
	if got := p.Items[4].ServedBy; !reflect.DeepEqual(got, []string{"r1"}) {
		t.Errorf("E05000002/n3 served by %v, want [r1]", got)
	}
	if got := p.Items[2].Wards; !reflect.DeepEqual(got, []string{"E05000002", "E05000001"}) || p.Items[2].Ward != "" {
		t.Errorf("r1 wards %v (ward %q), want both and no single ward", got, p.Items[2].Ward)
	}
	if !p.Items[0].Tied || !p.Items[1].Tied || p.Items[2].Tied {
		t.Errorf("tied = %v %v %v, want true true false", p.Items[0].Tied, p.Items[1].Tied, p.Items[2].Tied)
	}
}

// TestTotals checks who pays for the funded items with a 30,000 budget,
// skipping what does not fit: E05000001/n1 (15,000: council 9,000, bcf
// 6,000) and r1 (8,000: vcs 4,000, icb 4,000). The pool draws 6,000 of
// the 400,000 its partners put in for 2027, shared as they put it in:
// council 100,000/400,000 × 6,000 = 1,500, icb 300,000/400,000 × 6,000 =
// 4,500.
func TestTotals(t *testing.T) {
	p, err := Make(testDoc(), Options{Budget: budget(30000), Skip: true})
	if err != nil {
		t.Fatal(err)
	}
	var partners []string
	for _, pt := range p.Partners {
		partners = append(partners, fmt.Sprintf("%s %s %q %s via %s (%d)", pt.Kind, pt.ID, pt.Name, Money(pt.Amount), Money(pt.ViaPools), pt.Items))
	}
	want := []string{
		`council council "Test Council" 9000.00 via 1500.00 (1)`,
		`icb icb "" 4000.00 via 4500.00 (1)`,
		`pooled bcf "" 6000.00 via 0.00 (1)`,
		`voluntary vcs "" 4000.00 via 0.00 (1)`,
	}
	if !reflect.DeepEqual(partners, want) {
		t.Errorf("partners\n got %q\nwant %q", partners, want)
	}
	if len(p.Pools) != 1 || Money(p.Pools[0].Drawn) != "6000.00" || Money(p.Pools[0].Contributed) != "400000.00" || Money(p.Pools[0].Remaining) != "394000.00" {
		t.Errorf("pools = %+v", p.Pools)
	}
	if len(p.Wards) != 1 || p.Wards[0].Code != "E05000001" || p.Wards[0].Name != "Riverside" || Money(p.Wards[0].Amount) != "15000.00" || Money(p.AreaWide) != "8000.00" {
		t.Errorf("wards %+v, area-wide %s; want Riverside 15000.00 and 8000.00", p.Wards, Money(p.AreaWide))
	}
	if !reflect.DeepEqual(p.PriceBases, []string{"2026/27 prices"}) || p.Unassigned != 0 {
		t.Errorf("price bases %q, unassigned %v", p.PriceBases, p.Unassigned)
	}
}

// TestGreenBookFactors checks the discount factors worked by hand from the
// Green Book's rates (HM Treasury, The Green Book, 2022, Annex A6): 3.5%
// for years 1 to 30, 3% from year 31, 2.5% from year 76; year 0 is not
// discounted.
func TestGreenBookFactors(t *testing.T) {
	f := DiscountFactors(77, 0)
	for _, tt := range []struct {
		year int
		want float64
	}{
		{0, 1},
		{1, 1 / 1.035},                    // 0.96618
		{2, 1 / (1.035 * 1.035)},          // 0.93351
		{30, math.Pow(1.035, -30)},        // 0.35628
		{31, math.Pow(1.035, -30) / 1.03}, // 0.34590
		{76, math.Pow(1.035, -30) * math.Pow(1.03, -45) / 1.025}, // 0.09147
	} {
		if math.Abs(f[tt.year]-tt.want) > 1e-12 {
			t.Errorf("D(%d) = %.15f, want %.15f", tt.year, f[tt.year], tt.want)
		}
	}
	if got := math.Round(f[30]*1e4) / 1e4; got != 0.3563 {
		t.Errorf("D(30) = %v to 4 places, want 0.3563", got)
	}
	if c := DiscountFactors(3, 0.05); math.Abs(c[2]-1/(1.05*1.05)) > 1e-15 {
		t.Errorf("constant 5%%: D(2) = %v, want 1/1.05²", c[2])
	}
}

// TestYearsCost works three years from 2027 at 3.5% by hand:
// 1/1.035 = 0.9661836, 1/1.035² = 0.9335107.
func TestYearsCost(t *testing.T) {
	f := DiscountFactors(3, 0)
	tests := []struct {
		name              string
		r                 jsna.Resourcing
		total, discounted string
	}{
		// 15,000 + 5,000 × 0.9661836 + 5,000 × 0.9335107 = 24,498.47
		{"one-off and ongoing", jsna.Resourcing{OneOff: 10000, PerYear: 5000, Year: 2027}, "25000.00", "24498.47"},
		// 20,000 in 2028 × 0.9661836 = 19,323.67
		{"one-off a year later", jsna.Resourcing{OneOff: 20000, Year: 2028}, "20000.00", "19323.67"},
		// 8,000 + 8,000 × 0.9661836 = 15,729.47; nothing in the third year
		{"two years only", jsna.Resourcing{PerYear: 8000, Year: 2027, Years: 2}, "16000.00", "15729.47"},
		// started in 2025: the one-off not yet spent falls in 2027
		{"started before", jsna.Resourcing{OneOff: 100, PerYear: 1000, Year: 2025}, "3100.00", "2999.69"},
		{"starts after the years", jsna.Resourcing{OneOff: 100, PerYear: 1000, Year: 2030}, "0.00", "0.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			total, disc := YearsCost(&tt.r, 2027, f)
			if Money(total) != tt.total || Money(disc) != tt.discounted {
				t.Errorf("YearsCost = %s, %s; want %s, %s", Money(total), Money(disc), tt.total, tt.discounted)
			}
		})
	}
	p, err := Make(testDoc(), Options{Years: 3})
	if err != nil {
		t.Fatal(err)
	}
	// Funded: 25,000 + 20,000 + 24,000 + 90,000 undiscounted; discounted
	// 24,498.47 + 19,323.67 + 8,000 × 2.8996943 + 30,000 × 2.8996943.
	if Money(p.Total) != "159000.00" || Money(p.Discounted) != "154010.53" {
		t.Errorf("plan over 3 years = %s, %s; want 159000.00, 154010.53", Money(p.Total), Money(p.Discounted))
	}
}

func TestWriteCSV(t *testing.T) {
	p, err := Make(testDoc(), Options{Budget: budget(30000), Skip: true, Years: 3})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := WriteCSV(&b, p, true); err != nil {
		t.Fatal(err)
	}
	want := `rank,ward_code,need_id,recommendation,one_off,per_year,cumulative,funded,partner_shares,years_total,years_discounted
1,E05000001,n1,"'=HYPERLINK(""x"")",10000.00,5000.00,15000.00,true,council=60;bcf=40,25000.00,24498.47
1,E05000002,n1,Strength classes.,20000.00,0.00,15000.00,false,council=100,20000.00,19323.67
3,E05000002;E05000001,n3;n2,Frailty and smoking hub,0.00,8000.00,23000.00,true,vcs=50;icb=50,24000.00,23197.55
3,E05000001,n2,,0.00,30000.00,23000.00,false,icb=100,90000.00,86990.83
4,E05000002,n3,,,,,,,,
,E05000002,n2,,0.00,1000.00,,,,3000.00,2899.69
`
	if b.String() != want {
		t.Errorf("WriteCSV\n got:\n%s\nwant:\n%s", b.String(), want)
	}
	b.Reset()
	if err := WritePartnersCSV(&b, p); err != nil {
		t.Fatal(err)
	}
	want = `kind,id,name,amount,via_pools,total,contributed,remaining
council,council,Test Council,9000.00,1500.00,10500.00,,
icb,icb,,4000.00,4500.00,8500.00,,
voluntary,vcs,,4000.00,0.00,4000.00,,
pooled,bcf,Better Care Fund,6000.00,,,400000.00,394000.00
`
	if b.String() != want {
		t.Errorf("WritePartnersCSV\n got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestAreaWideMissingNeed: a need an area-wide recommendation served that
// has been removed is left out of the item; one serving only removed or
// failing needs is left out of the plan.
func TestAreaWideMissingNeed(t *testing.T) {
	d := testDoc()
	d.Resources.Recommendations[0].Serves = append(d.Resources.Recommendations[0].Serves, jsna.NeedRef{Ward: "E05000001", Need: "gone"})
	d.Resources.Recommendations = append(d.Resources.Recommendations, jsna.AreaRecommendation{ID: "r2", Title: "Gone",
		Serves: []jsna.NeedRef{{Ward: "E05000009", Need: "n1"}, {Ward: "E05000001", Need: "n3"}}, Resourcing: &jsna.Resourcing{PerYear: 5, Year: 2027, PriceBasis: "x"}})
	p, err := Make(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1 E05000001/n1 15000.00 15000.00 true",
		"1 E05000002/n1 20000.00 35000.00 true",
		"3 r1:E05000002/n3+E05000001/n2 8000.00 43000.00 true",
		"3 E05000001/n2 30000.00 73000.00 true",
		"4 E05000002/n3 0.00 73000.00 false",
	}
	if got := summaries(p.Items); !reflect.DeepEqual(got, want) {
		t.Errorf("items\n got %q\nwant %q", got, want)
	}
}

func TestParseMoney(t *testing.T) {
	for in, want := range map[string]float64{"1200000": 1200000, "1,200,000": 1200000, "£1.2m": 1200000, "£250k": 250000, " 99.5 ": 99.5, "0": 0, "£ 20,000": 20000} {
		if got, err := ParseMoney(in); err != nil || got != want {
			t.Errorf("ParseMoney(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "lots", "-5", "1e6", "£", "0x10", "NaN", "Inf"} {
		if got, err := ParseMoney(in); err == nil {
			t.Errorf("ParseMoney(%q) = %v, want an error", in, got)
		}
	}
}

func TestPounds(t *testing.T) {
	for x, want := range map[float64]string{0: "£0", 20000: "£20,000", 1234.5: "£1,234.50", 1234567.891: "£1,234,567.89", -300: "-£300", 999: "£999", 0.004: "£0"} {
		if got := Pounds(x); got != want {
			t.Errorf("Pounds(%v) = %q, want %q", x, got, want)
		}
	}
}

package example

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// costedWards is how many of the example's wards have costed
// recommendations: the borough's 20, and no more, so that England-scale
// files made for benchmarks stay the size they were.
const costedWards = 20

// priceBasis is the price basis of every synthetic cost.
const priceBasis = "2026/27 prices (synthetic)"

// The example's partners. The pooled budget is a Better Care Fund, which
// in England is pooled under section 75 of the NHS Act 2006.
var (
	council   = jsna.Funder{ID: "council", Kind: jsna.PartnerCouncil, Name: "Example Borough Council (synthetic)"}
	icb       = jsna.Funder{ID: "icb", Kind: jsna.PartnerICB, Name: "NHS Example Integrated Care Board (synthetic)"}
	voluntary = jsna.Funder{ID: "vcs", Kind: jsna.PartnerVoluntary, Name: "Example Voluntary Action (synthetic)"}
	bcf       = jsna.Funder{ID: "bcf", Kind: jsna.PartnerPooled, Name: "Better Care Fund (synthetic)", Budget: "bcf"}
)

// funderMixes are the ways the example's recommendations are shared
// between the partners, used in turn.
var funderMixes = [][]struct {
	f     jsna.Funder
	share float64
}{
	{{council, 100}},
	{{council, 50}, {icb, 50}},
	{{bcf, 60}, {council, 40}},
	{{icb, 70}, {voluntary, 30}},
	{{bcf, 100}},
}

// No synthetic recommendation is marked funded: that is for partners to
// decide, and the budget on the Resources view says what it would fund.
var statuses = []string{jsna.StatusProposed, jsna.StatusAgreed, jsna.StatusProposed}

// addResources costs the recommendations of the first costedWards wards
// of d: each need's own, except those of the two indicators most wards
// name a need for, which an area-wide recommendation serves instead (its
// cost counted once); and a Better Care Fund pooled budget that several
// draw on. Every figure is synthetic, drawn from a generator of its own
// so that the rest of the document is as it was.
func addResources(d *jsna.Document, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x5245534f55524345)) // "RESOURCE"
	wards := d.Wards[:min(costedWards, len(d.Wards))]
	areaWide := areaWideIndicators(wards)
	res := &jsna.Resources{PooledBudgets: []jsna.PooledBudget{{
		ID: "bcf", Name: "Better Care Fund (synthetic)", LegalBasis: "s75 NHS Act 2006",
		Partners: []jsna.PoolPartner{
			{ID: council.ID, Kind: council.Kind, Name: council.Name, Contributions: map[string]float64{"2027": 300000, "2028": 310000, "2029": 320000}},
			{ID: icb.ID, Kind: icb.Kind, Name: icb.Name, Contributions: map[string]float64{"2027": 700000, "2028": 720000, "2029": 740000}},
		},
	}}}
	k := 0
	for wi := range wards {
		for ni := range wards[wi].Needs {
			n := &wards[wi].Needs[ni]
			if len(n.Indicators) > 0 && areaWide[n.Indicators[0]] {
				continue
			}
			n.Resourcing = exampleResourcing(rng, k)
			k++
		}
	}
	for i, id := range sortedKeys(areaWide) {
		res.Recommendations = append(res.Recommendations, areaRecommendation(rng, d, wards, id, i))
	}
	d.Resources = res
}

// areaWideIndicators are the (at most two) indicators that the needs of
// most wards, and at least three, are about.
func areaWideIndicators(wards []jsna.Ward) map[string]bool {
	count := map[string]int{}
	for _, w := range wards {
		for _, n := range w.Needs {
			if len(n.Indicators) > 0 {
				count[n.Indicators[0]]++
			}
		}
	}
	ids := sortedKeys(count)
	sort.SliceStable(ids, func(i, j int) bool { return count[ids[i]] > count[ids[j]] })
	out := map[string]bool{}
	for _, id := range ids[:min(2, len(ids))] {
		if count[id] >= 3 {
			out[id] = true
		}
	}
	return out
}

// exampleResourcing is the k-th need's synthetic costs and funders.
func exampleResourcing(rng *rand.Rand, k int) *jsna.Resourcing {
	r := &jsna.Resourcing{
		PerYear:    thousandPounds(10 + rng.Float64()*70),
		Year:       2027,
		PriceBasis: priceBasis,
		Status:     statuses[k%len(statuses)],
	}
	if rng.IntN(3) == 0 {
		r.OneOff = thousandPounds(5 + rng.Float64()*40)
	}
	if rng.IntN(2) == 0 {
		r.Years = 3
	}
	for _, m := range funderMixes[k%len(funderMixes)] {
		f := m.f
		f.Share = m.share
		r.Funders = append(r.Funders, f)
	}
	return r
}

// areaRecommendation is the i-th area-wide recommendation, serving every
// need about indicator id in wards.
func areaRecommendation(rng *rand.Rand, d *jsna.Document, wards []jsna.Ward, id string, i int) jsna.AreaRecommendation {
	name := id
	for _, ind := range d.Indicators {
		if ind.ID == id {
			name = needTitle(ind.Name)
		}
	}
	a := jsna.AreaRecommendation{
		ID:    fmt.Sprintf("area-%d", i+1),
		Title: fmt.Sprintf("Borough-wide programme: %s", strings.ToLower(name)),
		Text:  "One service for every ward that names this need, commissioned once across the borough. (Synthetic example text.)",
		Resourcing: &jsna.Resourcing{
			OneOff: thousandPounds(20 + rng.Float64()*30), PerYear: thousandPounds(90 + rng.Float64()*60),
			Year: 2027, PriceBasis: priceBasis, Status: jsna.StatusAgreed,
			Funders: []jsna.Funder{withShare(bcf, 70), withShare(icb, 30)},
		},
	}
	if target := benchmarkOf(d, id); target != nil {
		a.Resourcing.Outcome = &jsna.Outcome{Indicator: id, Target: target, By: 2030}
	}
	for _, w := range wards {
		for _, n := range w.Needs {
			if len(n.Indicators) > 0 && n.Indicators[0] == id {
				a.Serves = append(a.Serves, jsna.NeedRef{Ward: w.Code, Need: n.ID})
			}
		}
	}
	return a
}

func withShare(f jsna.Funder, share float64) jsna.Funder {
	f.Share = share
	return f
}

// benchmarkOf is the England value of indicator id, the example's target.
func benchmarkOf(d *jsna.Document, id string) *float64 {
	for _, ind := range d.Indicators {
		if ind.ID == id && ind.BenchmarkValue != nil {
			v := *ind.BenchmarkValue
			return &v
		}
	}
	return nil
}

// thousandPounds is x thousand pounds, to the nearest thousand.
func thousandPounds(x float64) float64 { return math.Round(x) * 1000 }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

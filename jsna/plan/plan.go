package plan

import (
	"cmp"
	"math"
	"slices"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
)

// Options choose the budget and the years a Plan counts.
type Options struct {
	// Budget is what the partners can spend in Year; nil is no limit,
	// which funds every costed recommendation.
	Budget *float64
	// Year is the financial year counted against the budget (2027 is
	// 2027/28); 0 is the earliest year of any costed recommendation ranked
	// or listed.
	Year int
	// Skip funds, past a recommendation that does not fit, the later ones
	// that do; without it the plan stops at the first that does not fit.
	Skip bool
	// Years is how many years, from Year, the multi-year totals cover; 0
	// is 1.
	Years int
	// Rate is the discount rate a year (0.035 is 3.5%); 0 is the Green
	// Book's schedule (DiscountFactors).
	Rate float64
}

// Item is one recommendation in the plan: a need's own, or an area-wide
// one, which serves several needs and is listed once, at the rank of the
// best ranked need it serves.
type Item struct {
	Rank int  // the rank of the need (for an area-wide one, the best ranked it serves); 0 when not ranked
	Tied bool // the need shares its rank with another
	// Area is the id of an area-wide recommendation; "" for a need's own.
	Area  string
	Needs []jsna.NeedRef // the needs it serves
	Wards []string       // their wards' codes, each once, in the order of Needs
	// Ward is the name of the ward when it serves one ward.
	Ward           string
	Title          string // the need's title, or the area-wide recommendation's
	Recommendation string // the need's recommendation, or the area-wide one's text
	BPR            float64
	// ServedBy lists the area-wide recommendations that serve this need.
	ServedBy []string

	Resourcing *jsna.Resourcing // nil when not costed
	OneOff     float64          // the one-off cost
	Recurring  float64          // the recurring cost in the plan's year
	Counted    float64          // what counts against the budget: OneOff + Recurring
	Cumulative float64          // what the budget has funded after this item, in rank order
	Funded     bool             // the budget funds it
	Shares     []Share          // each funder's share of Counted

	Total      float64 // over the plan's years, undiscounted
	Discounted float64 // over the plan's years, discounted
}

// Costed reports whether the item has a cost.
func (it *Item) Costed() bool { return it.Resourcing.Costed() }

// Share is one funder's part of an item's counted cost.
type Share struct {
	jsna.Funder
	Amount float64 // Share% of the item's counted cost
}

// Plan is every ward's needs in one area-wide priority order with what
// they cost against a budget, and who pays for the ones it funds.
type Plan struct {
	Options
	Items      []Item // ranked, in priority order
	Unassessed []Item // needs the PEARL test has not assessed yet (and area-wide recommendations serving only those): unranked, not funded
	Excluded   int    // needs left out because a PEARL answer was no

	Costed    int     // items of Items with a cost
	Funded    int     // items the budget funds
	Committed float64 // what the funded items count against the budget
	// Total and Discounted are the funded items' costs over the years.
	Total, Discounted float64
	// Partners, Pools and Wards are the funded items' counted costs by
	// funder, by pooled budget and by ward; AreaWide is those of
	// area-wide recommendations serving more than one ward, and
	// Unassigned what no funder is named for.
	Partners   []PartnerTotal
	Pools      []PoolTotal
	Wards      []WardTotal
	AreaWide   float64
	Unassigned float64
	PriceBases []string // the price bases of the costed items, each once
}

// Make plans d: its needs ranked as score.RankNeeds ranks them (basic
// priority rating, highest first; equal ratings share a rank and are
// ordered by ward code, then need id), needs that fail the PEARL test left
// out and those not yet assessed listed apart; then, in that order, each
// costed recommendation counts its one-off cost plus its recurring cost
// in the year against the budget. Strictly (the default), the budget
// funds recommendations until the first that does not fit and none after
// it; with Skip, it passes over those that do not fit and funds any later
// one that does. Recommendations with no cost are listed and funded by
// no one. Money is compared in whole pence.
func Make(d *jsna.Document, opts Options) (*Plan, error) {
	ranked, err := score.RankNeeds(d, nil)
	if err != nil {
		return nil, err
	}
	p := &Plan{Options: opts}
	p.items(d, ranked)
	if p.Year == 0 {
		p.Year = earliestYear(p.Items, p.Unassessed)
	}
	if p.Years < 1 {
		p.Years = 1
	}
	factors := DiscountFactors(p.Years, p.Rate)
	for _, list := range [][]Item{p.Items, p.Unassessed} {
		for i := range list {
			list[i].cost(p.Year, factors)
		}
	}
	p.fund()
	p.totals(d)
	return p, nil
}

// earliestYear is the first year of any costed item, or 0.
func earliestYear(lists ...[]Item) int {
	y := 0
	for _, list := range lists {
		for _, it := range list {
			if it.Costed() && (y == 0 || it.Resourcing.Year < y) {
				y = it.Resourcing.Year
			}
		}
	}
	return y
}

// cost sets the item's costs for year y and over the years of factors.
func (it *Item) cost(y int, factors []float64) {
	r := it.Resourcing
	if !r.Costed() {
		return
	}
	it.OneOff, it.Recurring = r.OneOff, r.RecurringIn(y)
	it.Counted = it.OneOff + it.Recurring
	it.Total, it.Discounted = YearsCost(r, y, factors)
	for _, f := range r.Funders {
		it.Shares = append(it.Shares, Share{Funder: f, Amount: it.Counted * f.Share / 100})
	}
}

// YearsCost is what r costs over the years y, y+1, …, one for each
// discount factor: undiscounted, and each year's cost times its factor.
// The one-off cost falls in r's first year, or in y when that is earlier
// (it counts against the budget of y as it has not been spent); the
// recurring cost in each year it runs (jsna.Resourcing.RecurringIn).
func YearsCost(r *jsna.Resourcing, y int, factors []float64) (total, discounted float64) {
	oneOffAt := max(r.Year-y, 0)
	for t, f := range factors {
		c := r.RecurringIn(y + t)
		if t == oneOffAt {
			c += r.OneOff
		}
		total += c
		discounted += c * f
	}
	return total, discounted
}

// pence is x in whole pence, for comparing sums of money.
func pence(x float64) int64 { return int64(math.Round(x * 100)) }

// fund decides which items the budget funds, in rank order.
func (p *Plan) fund() {
	cum := 0.0
	stopped := false
	for i := range p.Items {
		it := &p.Items[i]
		if !it.Costed() {
			it.Cumulative = cum
			continue
		}
		p.Costed++
		fits := p.Budget == nil || pence(cum+it.Counted) <= pence(*p.Budget)
		if fits && !stopped {
			it.Funded = true
			cum += it.Counted
			p.Funded++
		} else if !p.Skip {
			stopped = true
		}
		it.Cumulative = cum
	}
	p.Committed = cum
}

// items builds the plan's items from the ranking.
func (p *Plan) items(d *jsna.Document, ranked []score.RankedNeed) {
	wards := map[string]*jsna.Ward{}
	for i := range d.Wards {
		wards[d.Wards[i].Code] = &d.Wards[i]
	}
	var areas []jsna.AreaRecommendation
	if d.Resources != nil {
		areas = d.Resources.Recommendations
	}
	servedBy := map[[2]string][]string{}
	for _, a := range areas {
		for _, ref := range a.Serves {
			k := [2]string{ref.Ward, ref.Need}
			servedBy[k] = append(servedBy[k], a.ID)
		}
	}
	placed := map[string]bool{}
	for pass, unassessed := range []bool{false, true} {
		for _, rn := range ranked {
			if len(rn.Excluded) > 0 {
				if pass == 0 {
					p.Excluded++
				}
				continue
			}
			if rn.Unassessed != unassessed {
				continue
			}
			k := [2]string{rn.Ward, rn.Need}
			for _, a := range areas {
				if !placed[a.ID] && slices.Contains(servedBy[k], a.ID) {
					placed[a.ID] = true
					p.add(unassessed, areaItem(a, rn, wards))
				}
			}
			p.add(unassessed, needItem(rn, wards[rn.Ward], servedBy[k]))
		}
	}
}

func (p *Plan) add(unassessed bool, it Item) {
	if unassessed {
		it.Rank, it.Tied = 0, false
		p.Unassessed = append(p.Unassessed, it)
		return
	}
	p.Items = append(p.Items, it)
}

// needItem is the item of a ranked need's own recommendation.
func needItem(rn score.RankedNeed, w *jsna.Ward, servedBy []string) Item {
	it := Item{Rank: rn.Rank, Tied: rn.Tied, Needs: []jsna.NeedRef{{Ward: rn.Ward, Need: rn.Need}}, Wards: []string{rn.Ward},
		Ward: rn.WardName, Title: rn.Title, BPR: rn.Score, ServedBy: servedBy}
	for i := range w.Needs {
		if w.Needs[i].ID == rn.Need {
			it.Recommendation = w.Needs[i].Recommendation
			it.Resourcing = w.Needs[i].Resourcing
		}
	}
	return it
}

// areaItem is the item of area-wide recommendation a, placed at the rank
// of rn, the best ranked need it serves. It lists the needs served that
// are in the document.
func areaItem(a jsna.AreaRecommendation, rn score.RankedNeed, wards map[string]*jsna.Ward) Item {
	it := Item{Rank: rn.Rank, Tied: rn.Tied, Area: a.ID, Title: a.Title, Recommendation: a.Text,
		BPR: rn.Score, Resourcing: a.Resourcing}
	for _, ref := range a.Serves {
		if !hasNeed(wards[ref.Ward], ref.Need) {
			continue // removed: the reference is left out
		}
		it.Needs = append(it.Needs, ref)
		if !slices.Contains(it.Wards, ref.Ward) {
			it.Wards = append(it.Wards, ref.Ward)
		}
	}
	if len(it.Wards) == 1 && wards[it.Wards[0]] != nil {
		it.Ward = wards[it.Wards[0]].Name
	}
	return it
}

// hasNeed reports whether w has a need with id.
func hasNeed(w *jsna.Ward, id string) bool {
	if w == nil {
		return false
	}
	for i := range w.Needs {
		if w.Needs[i].ID == id {
			return true
		}
	}
	return false
}

// kindOrder orders partner kinds as jsna.PartnerKinds lists them.
func kindOrder(kind string) int { return slices.Index(jsna.PartnerKinds, kind) }

// sortPartners orders partner totals by kind, then id.
func sortPartners(ps []PartnerTotal) {
	slices.SortFunc(ps, func(a, b PartnerTotal) int {
		if c := cmp.Compare(kindOrder(a.Kind), kindOrder(b.Kind)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

package plan

import (
	"slices"
	"strconv"

	"github.com/wardwise/wardwise/jsna"
)

// PartnerTotal is what one funder pays towards the funded items in the
// plan's year. For a pooled budget (Kind pooled, Budget its id) it is what
// the items draw from the pool; the pool's partners' part of that is in
// their ViaPools.
type PartnerTotal struct {
	ID     string
	Kind   string
	Name   string // the name given with the id, if any
	Budget string // the pooled budget, for kind pooled
	Amount float64
	// ViaPools is this partner's part of what the funded items draw from
	// pooled budgets, in proportion to what it puts into each pool in the
	// plan's year; 0 for a partner that is in no pool.
	ViaPools float64
	Items    int // funded items it pays towards
}

// PoolTotal is what the funded items draw from one pooled budget in the
// plan's year, against what its partners put in that year.
type PoolTotal struct {
	ID, Name, LegalBasis string
	Drawn                float64 // drawn by the funded items
	Contributed          float64 // the partners' contributions in the year
	Remaining            float64 // Contributed − Drawn; negative when the pool is overcommitted
}

// WardTotal is what the funded items serving only one ward count against
// the budget.
type WardTotal struct {
	Code, Name string
	Amount     float64
	Items      int
}

// totals adds up the funded items by partner, pooled budget and ward.
func (p *Plan) totals(d *jsna.Document) {
	partners := map[string]*PartnerTotal{}
	wards := map[string]*WardTotal{}
	pools := map[string]*PoolTotal{}
	res := d.Resources
	if res != nil {
		for _, b := range res.PooledBudgets {
			pools[b.ID] = &PoolTotal{ID: b.ID, Name: b.Name, LegalBasis: b.LegalBasis, Contributed: b.ContributionIn(p.Year)}
		}
	}
	for _, it := range slices.Concat(p.Items, p.Unassessed) {
		if it.Costed() && !slices.Contains(p.PriceBases, it.Resourcing.PriceBasis) {
			p.PriceBases = append(p.PriceBases, it.Resourcing.PriceBasis)
		}
	}
	for _, it := range p.Items {
		if !it.Funded {
			continue
		}
		p.Total += it.Total
		p.Discounted += it.Discounted
		p.addWard(it, wards)
		assigned := 0.0
		for _, s := range it.Shares {
			pt := partners[s.ID]
			if pt == nil {
				pt = &PartnerTotal{ID: s.ID, Kind: s.Kind, Budget: s.Budget}
				partners[s.ID] = pt
			}
			if pt.Name == "" {
				pt.Name = s.Name
			}
			pt.Amount += s.Amount
			pt.Items++
			assigned += s.Amount
			if pool := pools[s.Budget]; s.Kind == jsna.PartnerPooled && pool != nil {
				pool.Drawn += s.Amount
			}
		}
		if len(it.Shares) == 0 {
			p.Unassigned += it.Counted
		}
	}
	p.throughPools(res, pools, partners)
	for _, pt := range partners {
		p.Partners = append(p.Partners, *pt)
	}
	sortPartners(p.Partners)
	if res != nil {
		for _, b := range res.PooledBudgets {
			pt := pools[b.ID]
			pt.Remaining = pt.Contributed - pt.Drawn
			p.Pools = append(p.Pools, *pt)
		}
	}
	for _, w := range d.Wards {
		if wt := wards[w.Code]; wt != nil {
			wt.Name = w.Name
			p.Wards = append(p.Wards, *wt)
		}
	}
}

// addWard counts a funded item against its ward, or as area-wide when it
// serves several.
func (p *Plan) addWard(it Item, wards map[string]*WardTotal) {
	if len(it.Wards) != 1 {
		p.AreaWide += it.Counted
		return
	}
	wt := wards[it.Wards[0]]
	if wt == nil {
		wt = &WardTotal{Code: it.Wards[0]}
		wards[it.Wards[0]] = wt
	}
	wt.Amount += it.Counted
	wt.Items++
}

// throughPools shares what the funded items draw from each pool among the
// pool's partners, in proportion to their contributions in the plan's
// year, adding each part to the partner's ViaPools (and listing a pool
// partner that pays nothing directly).
func (p *Plan) throughPools(res *jsna.Resources, pools map[string]*PoolTotal, partners map[string]*PartnerTotal) {
	if res == nil {
		return
	}
	for _, b := range res.PooledBudgets {
		pool := pools[b.ID]
		if pool.Drawn == 0 || pool.Contributed <= 0 {
			continue
		}
		for _, part := range b.Partners {
			c := part.Contributions[strconv.Itoa(p.Year)]
			if c <= 0 {
				continue
			}
			pt := partners[part.ID]
			if pt == nil {
				pt = &PartnerTotal{ID: part.ID, Kind: part.Kind, Name: part.Name}
				partners[part.ID] = pt
			}
			if pt.Name == "" {
				pt.Name = part.Name
			}
			pt.ViaPools += pool.Drawn * c / pool.Contributed
		}
	}
}

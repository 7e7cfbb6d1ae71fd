//go:build !wardwise_viewer

package jsna

import (
	"math"
	"slices"
	"strconv"
)

// validateResources checks the rules of the resources that span fields
// (the field rules are in the struct tags): a cost has a year and a price
// basis; funders' shares are above 0 and add up to 100 within
// ShareTolerance; a pooled funder names a pooled budget of the document and
// no other funder names one; one partner id has one kind throughout; an
// outcome names an indicator of the document; an area-wide recommendation
// lists a need once; pooled budgets' contributions are keyed by year and
// not negative; ids are unique.
func (d *Document) validateResources(indicators map[string]*Indicator, ps *Problems) {
	rv := resourceValidator{d: d, indicators: indicators, ps: ps, kinds: map[string]partnerSeen{}}
	if r := d.Resources; r != nil {
		uniqueIDs("resources.pooled_budgets", "pooled budget", len(r.PooledBudgets), func(i int) string { return r.PooledBudgets[i].ID }, ps)
		for i := range r.PooledBudgets {
			rv.pooledBudget(index("resources.pooled_budgets", i), &r.PooledBudgets[i])
		}
	}
	for wi := range d.Wards {
		for ni := range d.Wards[wi].Needs {
			if rs := d.Wards[wi].Needs[ni].Resourcing; rs != nil {
				rv.resourcing(member(index(member(index("wards", wi), "needs"), ni), "resourcing"), rs)
			}
		}
	}
	if r := d.Resources; r != nil {
		uniqueIDs("resources.recommendations", "recommendation", len(r.Recommendations), func(i int) string { return r.Recommendations[i].ID }, ps)
		for i := range r.Recommendations {
			rv.areaRecommendation(index("resources.recommendations", i), &r.Recommendations[i])
		}
	}
}

// resourceValidator carries what the resource rules look up.
type resourceValidator struct {
	d          *Document
	indicators map[string]*Indicator
	ps         *Problems
	kinds      map[string]partnerSeen // partner id → its kind where first seen
}

// partnerSeen is the kind a partner id was first given, and where.
type partnerSeen struct{ kind, path string }

// partner checks that partner id, at path, has the kind it was first given.
func (rv *resourceValidator) partner(path, id, kind string) {
	if id == "" || !slices.Contains(PartnerKinds, kind) {
		return // the field rules report a missing id or kind
	}
	checkBidi(rv.ps, member(path, "id"), id)
	if seen, ok := rv.kinds[id]; ok {
		if seen.kind != kind {
			rv.ps.Add(member(path, "kind"), "partner %q is %q here but %q at %s: one partner has one kind", id, kind, seen.kind, seen.path)
		}
		return
	}
	rv.kinds[id] = partnerSeen{kind, path}
}

func (rv *resourceValidator) pooledBudget(p string, b *PooledBudget) {
	checkBidi(rv.ps, member(p, "id"), b.ID)
	checkBidi(rv.ps, member(p, "name"), b.Name)
	pp := member(p, "partners")
	uniqueIDs(pp, "partner", len(b.Partners), func(i int) string { return b.Partners[i].ID }, rv.ps)
	for i := range b.Partners {
		part := &b.Partners[i]
		rv.partner(index(pp, i), part.ID, part.Kind)
		checkBidi(rv.ps, member(index(pp, i), "name"), part.Name)
		for _, y := range sortedYears(part.Contributions) {
			cp := member(member(index(pp, i), "contributions"), y)
			if n, err := strconv.Atoi(y); err != nil || n < 2000 || n > 2100 || strconv.Itoa(n) != y {
				rv.ps.Add(cp, "%q is not a financial year (the year it starts in, 2000 to 2100, like 2027 for 2027/28)", y)
			}
			if c := part.Contributions[y]; !(c >= 0) || math.IsInf(c, 0) {
				rv.ps.Add(cp, "a contribution must be at least 0, got %v", c)
			}
		}
	}
}

func (rv *resourceValidator) resourcing(p string, r *Resourcing) {
	if r.Costed() && r.Year == 0 {
		rv.ps.Add(member(p, "year"), "is required with a cost: the financial year the spending starts, like 2027 for 2027/28")
	}
	if r.Costed() && r.PriceBasis == "" {
		rv.ps.Add(member(p, "price_basis"), "is required with a cost: the prices the cost is in, like \"2026/27 prices\"")
	}
	fp := member(p, "funders")
	uniqueIDs(fp, "funder", len(r.Funders), func(i int) string { return r.Funders[i].ID }, rv.ps)
	total := 0.0
	for i := range r.Funders {
		f := &r.Funders[i]
		at := index(fp, i)
		total += f.Share
		rv.partner(at, f.ID, f.Kind)
		checkBidi(rv.ps, member(at, "name"), f.Name)
		if f.Share <= 0 {
			rv.ps.Add(member(at, "share"), "a funder's share must be more than 0%%, got %v", f.Share)
		}
		switch {
		case f.Kind == PartnerPooled && f.Budget == "":
			rv.ps.Add(member(at, "budget"), "a pooled funder must name its pooled budget (an id in resources.pooled_budgets)")
		case f.Kind == PartnerPooled && rv.d.Resources.PooledBudget(f.Budget) == nil:
			rv.ps.Add(member(at, "budget"), "pooled budget %q is not in resources.pooled_budgets", f.Budget)
		case f.Kind != PartnerPooled && f.Budget != "":
			rv.ps.Add(member(at, "budget"), "only a funder of kind pooled names a budget; this one is %q", f.Kind)
		}
	}
	// The sum is compared with a margin of rounding error, so that shares
	// exactly ShareTolerance short (99.99) pass as the rule says.
	if len(r.Funders) > 0 && math.Abs(total-100) > ShareTolerance+1e-9 {
		shown := strconv.FormatFloat(math.Round(total*1e6)/1e6, 'f', -1, 64)
		rv.ps.Add(fp, "the funders' shares add up to %s%%, not 100%% (within %v percentage points)", shown, ShareTolerance)
	}
	if o := r.Outcome; o != nil && o.Indicator != "" {
		checkBidi(rv.ps, member(member(p, "outcome"), "indicator"), o.Indicator)
		if rv.indicators[o.Indicator] == nil {
			rv.ps.Add(member(member(p, "outcome"), "indicator"), "indicator %q is not in the document's indicators", o.Indicator)
		}
	}
}

func (rv *resourceValidator) areaRecommendation(p string, r *AreaRecommendation) {
	checkBidi(rv.ps, member(p, "id"), r.ID)
	checkBidi(rv.ps, member(p, "title"), r.Title)
	// A need served may be missing: removed in a draft, or in a ward a
	// draft was not cut for. That is not an error, so that removing a need
	// never makes a merged master invalid; the plan leaves the reference
	// out.
	seen := map[[2]string]int{}
	for i, ref := range r.Serves {
		at := index(member(p, "serves"), i)
		checkBidi(rv.ps, member(at, "ward"), ref.Ward)
		checkBidi(rv.ps, member(at, "need"), ref.Need)
		key := [2]string{ref.Ward, ref.Need}
		if j, dup := seen[key]; dup {
			rv.ps.Add(at, "ward %q need %q is listed twice (also %s)", ref.Ward, ref.Need, index(member(p, "serves"), j))
			continue
		}
		seen[key] = i
	}
	if r.Resourcing != nil {
		rv.resourcing(member(p, "resourcing"), r.Resourcing)
	}
}

// sortedYears is the keys of m in order.
func sortedYears(m map[string]float64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

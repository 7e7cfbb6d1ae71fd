package jsna

import "strconv"

// Resources: what the recommendations cost, who pays for them, and the
// budgets the partners pool. A need's recommendation carries its own
// Resourcing (Need.Resourcing); a recommendation that serves several
// wards' needs is written once, in the document's Resources, so that its
// cost is counted once. Every member is optional: a document without them
// reads and writes as before. The format is described in docs/design.md
// ("Resources: costs, funders and pooled budgets").

// Resources holds the document's area-wide recommendations and its pooled
// budgets.
type Resources struct {
	Recommendations []AreaRecommendation `json:"recommendations,omitempty" validate:"max=10000,dive"`
	PooledBudgets   []PooledBudget       `json:"pooled_budgets,omitempty" validate:"max=1000,dive"`
	Extra           Extra                `json:"-"`
}

// AreaRecommendation is a recommendation that serves the needs of several
// wards (or several needs of one), with its resourcing, counted once
// however many needs it serves.
type AreaRecommendation struct {
	ID         string      `json:"id" validate:"required,max=100"`
	Title      string      `json:"title" validate:"required,max=500"`
	Text       string      `json:"text,omitempty" validate:"max=20000"`
	Serves     []NeedRef   `json:"serves" validate:"required,max=10000,dive"`
	Resourcing *Resourcing `json:"resourcing,omitempty"`
	Extra      Extra       `json:"-"`
}

// NeedRef names one need of one ward: the ward's code and the need's id.
type NeedRef struct {
	Ward  string `json:"ward" validate:"required,max=20"`
	Need  string `json:"need" validate:"required,max=100"`
	Extra Extra  `json:"-"`
}

// Statuses of a recommendation's resourcing: proposed (the default when
// none is given), agreed by the partners, funded (the money is committed).
const (
	StatusProposed = "proposed"
	StatusAgreed   = "agreed"
	StatusFunded   = "funded"
)

// Resourcing is what a recommendation costs and who pays for it.
//
// Money is in pounds at the stated PriceBasis (for example "2026/27
// prices"). OneOff is spent once, in Year; PerYear is spent every year
// from Year for Years years (0: every year from Year on). Year is a
// financial year named by the calendar year it starts in: 2027 is
// 2027/28. Year and PriceBasis are required when there is a cost.
type Resourcing struct {
	OneOff     float64  `json:"one_off,omitempty" validate:"gte=0"`
	PerYear    float64  `json:"per_year,omitempty" validate:"gte=0"`
	Year       int      `json:"year,omitempty" validate:"omitempty,gte=2000,lte=2100"`
	Years      int      `json:"years,omitempty" validate:"gte=0,lte=100"`
	PriceBasis string   `json:"price_basis,omitempty" validate:"max=200"`
	Funders    []Funder `json:"funders,omitempty" validate:"max=50,dive"`
	Outcome    *Outcome `json:"outcome,omitempty"`
	Status     string   `json:"status,omitempty" validate:"omitempty,oneof=proposed agreed funded"`
	Extra      Extra    `json:"-"`
}

// RecurringIn is the recurring cost in financial year y: PerYear when the
// recurring spending runs in y, else 0.
func (r *Resourcing) RecurringIn(y int) float64 {
	if r == nil || y < r.Year || (r.Years > 0 && y >= r.Year+r.Years) {
		return 0
	}
	return r.PerYear
}

// Costed reports whether r has a cost.
func (r *Resourcing) Costed() bool { return r != nil && (r.OneOff > 0 || r.PerYear > 0) }

// StatusOrDefault is r's status, proposed when none is given.
func (r *Resourcing) StatusOrDefault() string {
	if r == nil || r.Status == "" {
		return StatusProposed
	}
	return r.Status
}

// Kinds of partner that fund a recommendation. A pooled budget (Funder
// with Kind pooled) names the budget by its id in Budget; its money comes
// from the pool's partners.
const (
	PartnerCouncil     = "council"      // a local authority
	PartnerICB         = "icb"          // an integrated care board (England)
	PartnerHealthBoard = "health-board" // a local health board (Wales)
	PartnerPooled      = "pooled"       // a pooled budget of the document
	PartnerVoluntary   = "voluntary"    // the voluntary and community sector
	PartnerOther       = "other"
)

// PartnerKinds are the kinds a Funder may have, in the order they are
// listed; pool partners may have any but pooled.
var PartnerKinds = []string{PartnerCouncil, PartnerICB, PartnerHealthBoard, PartnerPooled, PartnerVoluntary, PartnerOther}

// Funder is one partner's share of a recommendation's cost. ID names the
// partner across the document: the same id in two recommendations (or in
// a pooled budget's partners) is the same partner, and must have the same
// kind. Share is a percentage; a recommendation's shares add up to 100
// (within ShareTolerance).
type Funder struct {
	ID     string  `json:"id" validate:"required,max=100"`
	Kind   string  `json:"kind" validate:"required,oneof=council icb health-board pooled voluntary other"`
	Name   string  `json:"name,omitempty" validate:"max=200"`
	Budget string  `json:"budget,omitempty" validate:"max=100"`
	Share  float64 `json:"share" validate:"gte=0,lte=100"`
	Extra  Extra   `json:"-"`
}

// ShareTolerance is how far, in percentage points, a recommendation's
// funders' shares may add up to other than 100: shares such as 33.33,
// 33.33 and 33.33 are accepted.
const ShareTolerance = 0.01

// Outcome is what a recommendation is expected to achieve: an indicator of
// the document reaching Target, by the financial year By if given.
type Outcome struct {
	Indicator string   `json:"indicator" validate:"required,max=100"`
	Target    *float64 `json:"target,omitempty"`
	By        int      `json:"by,omitempty" validate:"omitempty,gte=2000,lte=2100"`
	Extra     Extra    `json:"-"`
}

// Legal bases on which partners pool budgets, offered as suggestions: in
// England section 75 of the NHS Act 2006 (through which the Better Care
// Fund must be pooled), in Wales section 33 of the NHS (Wales) Act 2006 and
// Part 9 of the Social Services and Well-being (Wales) Act 2014, whose
// regulations require some pooled funds. Any text is accepted.
var LegalBases = []string{"s75 NHS Act 2006", "s33 NHS (Wales) Act 2006", "Part 9 SSWB(W)A 2014"}

// PooledBudget is a budget partners pool under a legal agreement, with
// each partner's contribution by financial year.
type PooledBudget struct {
	ID         string        `json:"id" validate:"required,max=100"`
	Name       string        `json:"name" validate:"required,max=200"`
	LegalBasis string        `json:"legal_basis" validate:"required,max=200"`
	Partners   []PoolPartner `json:"partners,omitempty" validate:"max=50,dive"`
	Extra      Extra         `json:"-"`
}

// PoolPartner is one partner of a pooled budget and what it puts in, by
// financial year: Contributions["2027"] is its contribution in 2027/28.
type PoolPartner struct {
	ID            string             `json:"id" validate:"required,max=100"`
	Kind          string             `json:"kind" validate:"required,oneof=council icb health-board voluntary other"`
	Name          string             `json:"name,omitempty" validate:"max=200"`
	Contributions map[string]float64 `json:"contributions,omitempty"`
	Extra         Extra              `json:"-"`
}

// ContributionIn is what the pool's partners put in, in financial year y.
func (b *PooledBudget) ContributionIn(y int) float64 {
	total := 0.0
	for _, p := range b.Partners {
		total += p.Contributions[yearKey(y)]
	}
	return total
}

// PooledBudget returns the pooled budget with id, or nil.
func (r *Resources) PooledBudget(id string) *PooledBudget {
	if r == nil {
		return nil
	}
	for i := range r.PooledBudgets {
		if r.PooledBudgets[i].ID == id {
			return &r.PooledBudgets[i]
		}
	}
	return nil
}

// yearKey is the key of financial year y in Contributions.
func yearKey(y int) string { return strconv.Itoa(y) }

package disclosure

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// DefaultThreshold is the disclosure threshold used when none is given:
// counts 1–4 (and 0, unless shown) are suppressed. It is Wardwise's
// default, not a publisher's rule: a deployer names her own rule
// (Options.Name) or takes a preset.
const DefaultThreshold = 5

// Presets are published rules Disclose applies as they are written.
const (
	// PresetNHSEnglandHES is the disclosure control methodology of NHS
	// England's (formerly NHS Digital's) secondary care outputs, Hospital
	// Episode Statistics and the Emergency Care Data Set, in use since
	// September 2018 ("Disclosure control methodology for HES and ECDS"):
	// below national level a count of 0 is shown, counts 1–7 are
	// suppressed, and every other count is rounded to the nearest 5;
	// percentages are calculated from the rounded numerator and
	// denominator; complex calculations (standardised rates and ratios,
	// confidence intervals) need no further control.
	PresetNHSEnglandHES = "nhs-england-hes"
)

// Options sets the disclosure control rule for published output.
type Options struct {
	// Preset names a published rule (PresetNHSEnglandHES); it sets the
	// threshold, zeros and rounding, and the other fields are ignored.
	// Empty for a custom rule.
	Preset string
	// Threshold: counts below it are suppressed; 0 means
	// DefaultThreshold (5), so counts 1–4.
	Threshold int
	// ShowZero shows a count of 0 as 0; otherwise 0 is suppressed too.
	ShowZero bool
	// Name is the name of a custom rule as the deployer calls it (her
	// organisation's small-number policy), written into the rule.
	Name string
}

// rule is the rule Disclose applies: Options resolved.
type rule struct {
	name      string // the preset's or the deployer's name; "" for Wardwise's default
	preset    string
	threshold int
	showZero  bool
	round     int // published counts rounded to the nearest multiple; 0 for none
}

func (o Options) rule() rule {
	if o.Preset == PresetNHSEnglandHES {
		return rule{name: "NHS England's disclosure control methodology for Hospital Episode Statistics (HES) and the Emergency Care Data Set (ECDS), since September 2018",
			preset: o.Preset, threshold: 8, showZero: true, round: 5}
	}
	r := rule{name: o.Name, threshold: o.Threshold, showZero: o.ShowZero}
	if r.threshold <= 0 {
		r.threshold = DefaultThreshold
	}
	return r
}

// SuppressedCell is one ward value that Disclose removed.
type SuppressedCell struct {
	Ward      string `json:"ward"`
	Indicator string `json:"indicator,omitempty"`
	Practice  string `json:"practice,omitempty"` // a ward–practice cell (PracticeCells), not a value
	Period    string `json:"period,omitempty"`   // the value's own period; empty for the indicator's
	Reason    string `json:"reason"`             // "primary" or "secondary"
}

// Report says what Disclose did.
type Report struct {
	Rule       string           `json:"rule"` // the rule applied, in English, written into the output
	Preset     string           `json:"preset,omitempty"`
	Threshold  int              `json:"threshold"` // counts below it were suppressed
	ShowZero   bool             `json:"show_zero,omitempty"`
	Round      int              `json:"round,omitempty"` // other counts rounded to the nearest multiple
	Suppressed []SuppressedCell `json:"suppressed,omitempty"`
}

// Reasons a cell is suppressed.
const (
	SuppressedPrimary   = "primary"
	SuppressedSecondary = "secondary"
)

// Disclose returns a deep copy of d prepared for publication, with
// statistical disclosure control applied, and a report of what it did. d is
// not modified. The rule, which the report's Rule states in words, is:
//
// Primary suppression. A ward value whose count is below the threshold
// (and above zero, or zero too unless ShowZero) is suppressed. Where the
// file gives no count, the count the value implies with its denominator
// (value/multiplier × denominator, for proportions, crude rates and
// ratios) is used, and failing that the count its interval implies
// (impliedCount: an SAR of 40 with the interval 11–102 is 4 events).
//
// Secondary suppression, repeated until nothing changes, so that no
// suppressed count can be recovered by subtraction from a total:
//   - each indicator's ward counts add up to the area's count, which is
//     published (by Fingertips, or in the file when a row carries the
//     area's code); in any indicator with exactly one suppressed ward cell,
//     the ward cell with the next smallest count is suppressed too;
//   - in a ward, indicators whose counts share a denominator and together
//     add up to it or to the ward's population (categories of one
//     population) form a group; in a group with exactly one suppressed
//     cell, the cell with the next smallest count is suppressed too.
//
// Nested indicators: where one indicator's count is part of another's
// (Indicator.PartOf, or jsna.KnownParts for the built-in ones), both are
// published for a ward and their difference is a small count (deaths at
// all ages 12 and under 75 9 leave 3 deaths at 75 and over), the part is
// suppressed too.
//
// A preset with rounding (PresetNHSEnglandHES) then rounds every count
// left to the nearest multiple, and recomputes proportions and crude
// rates, with their intervals, from the rounded numbers.
//
// A cell whose count is missing in the file already hides a group's
// subtraction, so a group with one is left alone. Ties for the smallest
// count go to the first in document order.
//
// A suppressed cell loses its count, value and both intervals, and its
// denominator too where it is a proportion's denominator below the
// threshold (which would itself bound the count to a small number); its
// Note says why. The suppressed cells are listed in the report in
// document order of wards and indicators. Ward–practice cells are
// suppressed as PracticeCells says, and removed from the copy's
// practices; they follow in the report.
func Disclose(d *jsna.Document, opts Options) (*jsna.Document, Report) {
	r := opts.rule()
	out := d.Clone()
	rep := Report{Rule: r.text(), Preset: r.preset, Threshold: r.threshold, ShowZero: r.showZero, Round: r.round}
	inds, order := indicatorsByID(out)
	cells := primarySuppression(out, inds, r)
	groups := append(areaTotalGroups(out, cells), sharedDenominatorGroups(out, cells)...)
	pairs := nestedPairs(out)
	for changed := true; changed; {
		changed = secondarySuppression(cells, groups)
		changed = nestedSuppression(out, cells, pairs, r) || changed
	}
	rep.Suppressed = suppress(out, cells, inds, order, r.threshold)
	rep.Suppressed = append(rep.Suppressed, suppressPractices(out, r)...)
	if r.round > 0 {
		roundCounts(out, cells, inds, r.round)
	}
	return out, rep
}

// indicatorsByID indexes d's indicators by ID, with their places in
// document order; of two indicators with one ID the first counts.
func indicatorsByID(d *jsna.Document) (map[string]*jsna.Indicator, map[string]int) {
	inds := make(map[string]*jsna.Indicator, len(d.Indicators))
	order := make(map[string]int, len(d.Indicators))
	for i := range d.Indicators {
		if _, dup := inds[d.Indicators[i].ID]; !dup {
			inds[d.Indicators[i].ID] = &d.Indicators[i]
			order[d.Indicators[i].ID] = i
		}
	}
	return inds, order
}

// cell is one ward value, with its effective count and whether, and why,
// it is suppressed.
type cell struct {
	ward, val int
	count     float64
	known     bool   // count given or implied
	implied   bool   // the count is implied by the value and its interval, not given
	why       string // for a secondary suppression by difference: the Note
	total     bool   // the area's own row: a group total, not a member
	reason    string // SuppressedPrimary, SuppressedSecondary or ""
}

// primarySuppression lists every ward value of d as a cell, in document
// order, and decides the primary suppression: a known count below t, and
// above zero unless zero is not shown.
func primarySuppression(d *jsna.Document, inds map[string]*jsna.Indicator, r rule) []cell {
	t, showZero := float64(r.threshold), r.showZero
	var cells []cell
	for wi := range d.Wards {
		w := &d.Wards[wi]
		total := w.Code == d.Area.Code || w.Code == d.Benchmark.Code
		for vi := range w.Values {
			c := cell{ward: wi, val: vi, total: total}
			c.count, c.known = effectiveCount(&w.Values[vi], inds[w.Values[vi].Indicator])
			if !c.known {
				c.count, c.known = impliedCount(&w.Values[vi], inds[w.Values[vi].Indicator], r.threshold)
				c.implied = c.known
			}
			if c.known && (c.count > 0 && c.count < t || c.count == 0 && !showZero) {
				c.reason = SuppressedPrimary
			}
			cells = append(cells, c)
		}
	}
	return cells
}

// areaTotalGroups groups the ward cells (not the area's own rows) of each
// indicator and period with more than one, in order of first appearance: their counts
// add up to the published area count.
func areaTotalGroups(d *jsna.Document, cells []cell) [][]int {
	var groups [][]int
	byIndicator := map[string][]int{}
	var indOrder []string
	for k, c := range cells {
		if c.total {
			continue
		}
		id := periodKey(d, &d.Wards[c.ward].Values[c.val]) // each period adds up on its own
		if _, ok := byIndicator[id]; !ok {
			indOrder = append(indOrder, id)
		}
		byIndicator[id] = append(byIndicator[id], k)
	}
	for _, id := range indOrder {
		if len(byIndicator[id]) > 1 {
			groups = append(groups, byIndicator[id])
		}
	}
	return groups
}

// sharedDenominatorGroups groups, ward by ward, the cells with a count and
// denominator that share their denominator, where there are two or more and
// their counts add up to the denominator or to the ward's population.
func sharedDenominatorGroups(d *jsna.Document, cells []cell) [][]int {
	var groups [][]int
	for wi := range d.Wards {
		w := &d.Wards[wi]
		byDen := map[float64][]int{}
		var dens []float64
		for k, c := range cells {
			if c.ward != wi || !c.known {
				continue
			}
			v := &w.Values[c.val]
			if v.Denominator == nil || v.Count == nil {
				continue
			}
			if _, ok := byDen[*v.Denominator]; !ok {
				dens = append(dens, *v.Denominator)
			}
			byDen[*v.Denominator] = append(byDen[*v.Denominator], k)
		}
		for _, den := range dens {
			g := byDen[den]
			if len(g) < 2 {
				continue
			}
			sum := 0.0
			for _, k := range g {
				sum += cells[k].count
			}
			if sum == den || w.Population != nil && sum == *w.Population {
				groups = append(groups, g)
			}
		}
	}
	return groups
}

// secondarySuppression decides the secondary suppression, repeating until
// nothing changes: in a group with exactly one suppressed cell and no cell
// of unknown count, the unsuppressed cell with the smallest count (the
// first of equal ones) is suppressed too.
func secondarySuppression(cells []cell, groups [][]int) (any bool) {
	for changed := true; changed; {
		changed = false
		for _, g := range groups {
			suppressed, unknown, pick := 0, 0, -1
			for _, k := range g {
				switch {
				case cells[k].reason != "":
					suppressed++
				case !cells[k].known:
					unknown++
				case pick < 0 || cells[k].count < cells[pick].count:
					pick = k
				}
			}
			if suppressed == 1 && unknown == 0 && pick >= 0 {
				cells[pick].reason = SuppressedSecondary
				changed, any = true, true
			}
		}
	}
	return any
}

// suppress removes from d the numbers of the suppressed cells, says why in
// their Notes, and lists them in document order of wards and indicators.
func suppress(d *jsna.Document, cells []cell, inds map[string]*jsna.Indicator, order map[string]int, threshold int) []SuppressedCell {
	type listedCell struct {
		ward, ind int
		SuppressedCell
	}
	var listed []listedCell
	for _, c := range cells {
		if c.reason == "" {
			continue
		}
		w := &d.Wards[c.ward]
		v := &w.Values[c.val]
		ind := inds[v.Indicator]
		if ind != nil && ind.Method == jsna.MethodProportion && v.Denominator != nil && *v.Denominator < float64(threshold) {
			v.Denominator = nil
		}
		v.Count, v.Value, v.Lower, v.Upper, v.Lower998, v.Upper998 = nil, nil, nil, nil, nil, nil
		switch {
		case c.reason == SuppressedPrimary && c.implied:
			v.Note = fmt.Sprintf("suppressed: its interval implies a count below %d", threshold)
		case c.reason == SuppressedPrimary:
			v.Note = fmt.Sprintf("suppressed: count below %d", threshold)
		case c.why != "":
			v.Note = c.why
		default:
			v.Note = "suppressed: would reveal another suppressed count"
		}
		listed = append(listed, listedCell{c.ward, order[v.Indicator], SuppressedCell{Ward: w.Code, Indicator: v.Indicator, Period: v.Period, Reason: c.reason}})
	}
	sort.SliceStable(listed, func(i, j int) bool {
		a, b := listed[i], listed[j]
		return a.ward < b.ward || a.ward == b.ward && a.ind < b.ind
	})
	var out []SuppressedCell
	for _, l := range listed {
		out = append(out, l.SuppressedCell)
	}
	return out
}

// effectiveCount is a value's count, or the count its value and
// denominator imply (value/multiplier × denominator: for a proportion or
// crude rate the numerator, for a ratio the observed count over the
// expected), rounded to a whole number when within 10⁻⁶ of one.
func effectiveCount(v *jsna.Value, ind *jsna.Indicator) (float64, bool) {
	if v.Count != nil {
		return *v.Count, true
	}
	if ind == nil || v.Value == nil || v.Denominator == nil {
		return 0, false
	}
	switch ind.Method {
	case jsna.MethodProportion, jsna.MethodRate, jsna.MethodISR:
		c := *v.Value / ind.EffectiveMultiplier() * *v.Denominator
		if r := math.Round(c); math.Abs(c-r) < 1e-6 {
			c = r
		}
		return c, !math.IsNaN(c) && !math.IsInf(c, 0)
	}
	return 0, false
}

// text is the rule in English, as written into the output.
func (r rule) text() string {
	if r.preset == PresetNHSEnglandHES {
		return "Disclosure control: " + r.name + ". A count of 0 is shown, counts from 1 to 7 are suppressed with " +
			"their values and confidence intervals, and every other count is rounded to the nearest 5; percentages " +
			"and crude rates are calculated from the rounded numbers. " + secondaryText
	}
	t := disclosureRule(r.threshold, r.showZero)
	if r.name != "" {
		t = strings.Replace(t, "Disclosure control:", "Disclosure control ("+r.name+"):", 1)
	}
	return t
}

// secondaryText describes secondary suppression, whatever the rule.
const secondaryText = "Where a suppressed count could be recovered by subtraction, because an " +
	"indicator's ward counts add up to the published area count or a ward's counts add up to a shared " +
	"denominator or the ward's population, the next smallest count in that group is suppressed too; " +
	"where one indicator's count is part of another's and their difference is a small count, the part is " +
	"suppressed; and a value whose interval implies a small count is suppressed as if its count were " +
	"given (secondary suppression)."

func disclosureRule(threshold int, showZero bool) string {
	small := fmt.Sprintf("counts from 1 to %d", threshold-1)
	if !showZero {
		small = fmt.Sprintf("counts from 0 to %d", threshold-1)
	}
	if threshold == 1 {
		small = "no counts"
		if !showZero {
			small = "counts of 0"
		}
	}
	return fmt.Sprintf("Disclosure control: %s are suppressed with their values and confidence intervals "+
		"(primary suppression)%s. ", small, zeroClause(showZero)) + secondaryText
}

func zeroClause(showZero bool) string {
	if showZero {
		return "; zero counts are shown"
	}
	return ""
}

// valuePeriod is v's period, its own or its indicator's (jsna.ValuePeriod):
// every period of a series is published, so disclosure control groups the
// cells of one period.
func valuePeriod(d *jsna.Document, v *jsna.Value) string {
	for i := range d.Indicators {
		if d.Indicators[i].ID == v.Indicator {
			return jsna.ValuePeriod(v, &d.Indicators[i])
		}
	}
	return v.Period
}

// periodKey is v's key by its indicator and period (valuePeriod).
func periodKey(d *jsna.Document, v *jsna.Value) string {
	return jsna.ValueKey(v.Indicator, valuePeriod(d, v))
}

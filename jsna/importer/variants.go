package importer

import (
	"fmt"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// variant is one indicator of the document: an Indicator ID with the sex
// and age its rows have.
type variant struct {
	id, sex, age string
	docID, label string // label: "Male", "65+ yrs", for a split indicator
	rows         []*row // ward rows
	period       string
	sortable     float64
	bySortable   bool
}

func variantKey(id, sex, age string) string {
	return id + "\x00" + strings.ToLower(sex) + "\x00" + strings.ToLower(age)
}

// indicatorRows are the kept rows grouped by indicator: the Indicator IDs
// in order of first appearance, the ward rows of each ID by sex and age (its
// variants), and each ID's England rows.
type indicatorRows struct {
	order   []string
	byID    map[string][]*variant
	england map[string][]*row
	areas   map[string][]*row // other areas' rows, by ID: perhaps the wards' parent
}

// groupRows groups the kept rows by Indicator ID, and an ID's ward rows by
// sex and age into variants in order of first appearance.
func (im *importer) groupRows() *indicatorRows {
	g := &indicatorRows{byID: map[string][]*variant{}, england: map[string][]*row{}, areas: map[string][]*row{}}
	variants := map[string]*variant{}
	for _, r := range im.rows {
		if _, seen := g.byID[r.id]; !seen {
			g.order = append(g.order, r.id)
			g.byID[r.id] = nil
		}
		if r.code == England {
			g.england[r.id] = append(g.england[r.id], r)
			continue
		}
		if r.area {
			g.areas[r.id] = append(g.areas[r.id], r)
			continue
		}
		k := variantKey(r.id, r.sex, r.age)
		v := variants[k]
		if v == nil {
			v = &variant{id: r.id, sex: r.sex, age: r.age}
			variants[k] = v
			g.byID[r.id] = append(g.byID[r.id], v)
		}
		v.rows = append(v.rows, r)
	}
	return g
}

// chooseVariants decides which variants become indicators of the document,
// in order of first appearance, and the time period each imports: Persons
// and All ages where the file has them (preferVariants), otherwise one
// indicator per sex or age (splitVariants); the latest period or the one
// the options name (choosePeriod). The England rows of an ID no ward row
// has are skipped.
func (im *importer) chooseVariants(g *indicatorRows) []*variant {
	var chosen []*variant
	for _, id := range g.order {
		vs := g.byID[id]
		if len(vs) == 0 {
			for _, r := range g.england[id] {
				im.skip(r.loc, because(ReasonNoWards, r, ""), "England row of indicator %s, which no ward row has", id)
			}
			for _, r := range g.areas[id] {
				im.skip(r.loc, because(ReasonNoWards, r, ""), "row of %s for indicator %s, which no ward row has", orUnknown(r.areaName), id)
			}
			delete(g.england, id)
			delete(g.areas, id)
			continue
		}
		vs = im.preferVariants(vs)
		if len(vs) > 1 {
			im.splitVariants(vs)
		} else {
			vs[0].docID = id
		}
		for _, v := range vs {
			im.choosePeriod(v)
		}
		chosen = append(chosen, vs...)
	}
	return chosen
}

// preferVariants keeps, of an indicator's sexes and ages, Persons and All
// ages where the file has them (unless the options chose), and skips the
// rows of the others.
func (im *importer) preferVariants(vs []*variant) []*variant {
	keep := func(pred func(*variant) bool, kind, why string) {
		reason := ReasonAge
		if kind == SkipSex {
			reason = ReasonSex
		}
		var kept []*variant
		for _, v := range vs {
			if pred(v) {
				kept = append(kept, v)
			}
		}
		if len(kept) == 0 || len(kept) == len(vs) {
			return
		}
		for _, v := range vs {
			if pred(v) {
				continue
			}
			for _, r := range v.rows {
				if kind == SkipSex {
					im.skip(r.loc, because(reason, r, why), "sex %s: this indicator is imported for %s", orUnknown(r.sex), why)
				} else {
					im.skip(r.loc, because(reason, r, why), "age %s: this indicator is imported for %s", orUnknown(r.age), why)
				}
			}
		}
		vs = kept
	}
	if im.opts.Sex == "" {
		keep(func(v *variant) bool { return strings.EqualFold(v.sex, "Persons") }, SkipSex, "Persons")
	}
	if im.opts.Age == "" {
		keep(func(v *variant) bool { return strings.EqualFold(v.age, "All ages") }, SkipAge, "All ages")
	}
	return vs
}

// splitVariants gives each of an indicator's remaining sexes or ages an
// indicator of its own.
func (im *importer) splitVariants(vs []*variant) {
	sexes, ages := map[string]bool{}, map[string]bool{}
	for _, v := range vs {
		sexes[strings.ToLower(v.sex)] = true
		ages[strings.ToLower(v.age)] = true
	}
	var ids, labels []string
	for _, v := range vs {
		var parts []string
		if len(sexes) > 1 {
			parts = append(parts, orDefault(v.sex, "no sex"))
		}
		if len(ages) > 1 {
			parts = append(parts, orDefault(v.age, "no age"))
		}
		v.label = strings.Join(parts, ", ")
		v.docID = v.id + "-" + slug(v.label)
		ids = append(ids, v.docID)
		labels = append(labels, v.label)
	}
	im.note("indicator %s is given for %s, not for Persons, All ages: imported as %s", vs[0].id, strings.Join(labels, "; "), strings.Join(ids, ", "))
}

// choosePeriod sets v.period to the latest time period of its rows (or the
// one the options name): by Time period Sortable where every row has one,
// otherwise by jsna.ComparePeriods, the order the document's series use.
func (im *importer) choosePeriod(v *variant) {
	v.bySortable = true
	for _, r := range v.rows {
		if !r.hasSortable {
			v.bySortable = false
			break
		}
	}
	for i, r := range v.rows {
		if i == 0 || (v.bySortable && r.sortable > v.sortable) || (!v.bySortable && jsna.ComparePeriods(r.period, v.period) > 0) {
			v.period, v.sortable = r.period, r.sortable
		}
	}
}

// areaSkip says why a row of England or of the wards' parent is not a
// benchmark value of a ward import: a period, age or sex no ward row of
// its indicator has.
func (im *importer) areaSkip(r *row, vs []*variant) (why skipWhy, says jsna.Text) {
	for _, v := range vs {
		if strings.EqualFold(v.sex, r.sex) && strings.EqualFold(v.age, r.age) && v.docID != "" {
			return because(ReasonBenchmarkPeriod, r, ""), jsna.Textf("time period %s, which no ward row of indicator %s has", orUnknown(r.period), v.docID)
		}
	}
	return im.englandSkip(r, vs)
}

// englandSkip says why an England row is not an indicator's benchmark.
func (im *importer) englandSkip(r *row, vs []*variant) (why skipWhy, says jsna.Text) {
	for _, v := range vs {
		if strings.EqualFold(v.sex, r.sex) && strings.EqualFold(v.age, r.age) && v.docID != "" {
			return because(ReasonEnglandPeriod, r, ""), jsna.Textf("time period %s: the benchmark value is the latest period's, %s", orUnknown(r.period), orUnknown(v.period))
		}
	}
	for _, v := range vs {
		if strings.EqualFold(v.sex, r.sex) && v.docID != "" {
			why := because(ReasonEnglandUnused, r, "")
			why.kind = SkipAge
			return why, jsna.Textf("age %s, which no ward row of indicator %s has", orUnknown(r.age), r.id)
		}
	}
	return because(ReasonEnglandUnused, r, ""), jsna.Textf("sex %s, age %s, which no ward row of indicator %s has", orUnknown(r.sex), orUnknown(r.age), r.id)
}

func describe(sex, age string) string {
	return fmt.Sprint(orUnknown(sex)) + ", " + fmt.Sprint(orUnknown(age))
}

func describeVariant(v *variant) string {
	return describe(v.sex, v.age) + ", " + fmt.Sprint(orUnknown(v.period))
}

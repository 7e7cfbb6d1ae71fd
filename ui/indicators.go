//go:build js && wasm

package ui

import (
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// indicatorRow is what the ward page shows of one indicator, as the model
// computed it.
type indicatorRow struct {
	id        string
	name      string
	domain    string
	period    string
	unit      string
	count     string // formatted; "" when unknown
	value     string
	ci        string // "lower – upper"
	benchmark string
	cmp       string // comparison class
	note      string // why a value is missing or suppressed
	spine     spineRow
	worst     string // spine chart figures, formatted
	q25       string
	q75       string
	best      string
	rangeFrom string      // where the spine range comes from (rangeCell)
	others    []otherCell // one per further benchmark (Document.OtherBenchmarks)
}

// otherCell is an indicator's value in a further benchmark and the ward's
// comparison with it.
type otherCell struct {
	value string // formatted; "" when the benchmark has none
	cmp   string // comparison class
}

// renderIndicators is the ward's indicators: counts, the spine chart with
// its key and table alternative, and the indicator table.
func (a *App) renderIndicators(w *jsna.Ward) dom.Node {
	v := el("div")
	rows, method := a.wardIndicators(w)

	var c counts
	byQuintile := 0 // values without intervals, placed by quintile: apart from "other"
	for _, r := range rows {
		if r.spine.quintile != "" {
			byQuintile++
			continue
		}
		switch r.cmp {
		case cmpBest:
			c.best++
		case cmpBetter:
			c.better++
		case cmpSimilar:
			c.similar++
		case cmpWorse:
			c.worse++
		case cmpWorst:
			c.worst++
		default:
			c.other++
		}
	}
	// What is drawn once, with no listener, is markup parsed in one go
	// (markup.go): the counts, the spine chart and the two tables.
	var sm markup
	sm.start("ul", "class", "app-counts", "aria-label", a.t("indicators.summary", a.benchmarkName(a.doc)))
	for _, class := range a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst, cmpNone) {
		label := a.cmpLabel(class)
		if class == cmpNone {
			label = a.t("indicators.other")
		}
		sm.start("li", "id", "count-"+class).elem("strong", itoa(c.of(class)))
		cmpBadgeMarkup(&sm, class, label)
		sm.end()
	}
	if byQuintile > 0 {
		sm.start("li", "id", "count-quintile").elem("strong", itoa(byQuintile))
		cmpBadgeMarkup(&sm, cmpNone, a.t("benchmark.count.quintile"))
		sm.end()
	}
	v.AppendChild(sm.end().node())
	v.AppendChild(el("p", cls("govuk-body"), text(method)))
	v.AppendChild(a.levelForm())

	// The spine chart.
	v.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("spine.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("spine.intro", a.benchmarkName(a.doc)))))
	var spine []spineRow
	for _, r := range rows {
		spine = append(spine, r.spine)
	}
	v.AppendChild(a.spineKey(a.doc, a.benchmarkName(a.doc), spine))
	v.AppendChild(el("figure", cls("app-figure"),
		child(a.spineChart("spine", a.t("spine.title", a.wardName(w)), a.spineDesc(a.doc, w), spine))))
	performanceMark("wardwise-ward-view")

	// Its table alternative.
	v.AppendChild(detailsBox(a.t("spine.table.summary"), child(a.spineTable(w, rows))))

	// The indicator table, grouped by domain.
	v.AppendChild(el("h3", cls("govuk-heading-m"), attr("id", "indicator-heading"), text(a.t("indicators.heading"))))
	table := a.indicatorTable(rows, el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("indicators.caption", a.wardName(w), a.benchmarkName(a.doc)))), true)
	table.SetAttribute("id", "indicator-table")
	v.AppendChild(el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"),
		attr("aria-labelledby", "indicator-heading"), child(table)))
	return v
}

// spineTable is the spine chart's table alternative, in its wrapper.
func (a *App) spineTable(w *jsna.Ward, rows []indicatorRow) dom.Element {
	var m markup
	m.start("div", "class", "app-table-wrap").start("table", "class", "govuk-table", "id", "spine-table")
	m.elem("caption", a.t("spine.table.caption", a.wardName(w)), "class", "govuk-table__caption govuk-table__caption--s")
	m.start("thead", "class", "govuk-table__head").start("tr", "class", "govuk-table__row")
	others := a.otherNames(a.doc)
	heads := append([]string{a.t("indicators.col.indicator"), a.t("spine.col.value"), a.benchmarkAxisName(a.doc)}, others...)
	heads = append(heads, a.t("spine.col.worst"), a.t("spine.col.q25"), a.t("spine.col.q75"), a.t("spine.col.best"),
		a.t("indicators.col.compared.with", a.benchmarkAxisName(a.doc)), a.t("spine.col.range"))
	for i, h := range heads {
		thMarkup(&m, h, i > 0 && i < len(heads)-2)
	}
	m.end().end()
	m.start("tbody", "class", "govuk-table__body")
	for _, r := range rows {
		m.start("tr", "class", "govuk-table__row")
		m.elem("th", r.name, "class", "govuk-table__header", "scope", "row")
		cells := []string{r.value, r.benchmark}
		for _, o := range r.others {
			cells = append(cells, o.value)
		}
		for _, s := range append(cells, r.worst, r.q25, r.q75, r.best) {
			tdMarkup(&m, s, "govuk-table__cell govuk-table__cell--numeric", "")
		}
		m.start("td", "class", "govuk-table__cell")
		cmpBadgeMarkup(&m, r.cmp, r.spine.cmpWord(a))
		m.end()
		tdMarkup(&m, r.rangeFrom, "govuk-table__cell", "")
		m.end()
	}
	return m.end().end().end().node()
}

// indicatorTable is the table of a ward's indicators, grouped by domain,
// with its caption; units adds each indicator's unit to its name.
func (a *App) indicatorTable(rows []indicatorRow, caption dom.Element, units bool) dom.Element {
	var m markup
	m.start("table", "class", "govuk-table")
	m.start("thead", "class", "govuk-table__head").start("tr", "class", "govuk-table__row")
	heads := []string{a.t("indicators.col.indicator"), a.t("indicators.col.period"), a.t("indicators.col.count"),
		a.t("indicators.col.value"), a.t("indicators.col.ci"), a.benchmarkAxisName(a.doc), a.t("indicators.col.compared")}
	numeric := map[int]bool{2: true, 3: true, 4: true, 5: true}
	if others := a.otherNames(a.doc); len(others) > 0 {
		// Each benchmark says which it is: its value, then the comparison with it.
		heads[6] = a.t("indicators.col.compared.with", a.benchmarkAxisName(a.doc))
		for _, name := range others {
			numeric[len(heads)] = true
			heads = append(heads, name, a.t("indicators.col.compared.with", name))
		}
	}
	for i, h := range heads {
		thMarkup(&m, h, numeric[i])
	}
	m.end().end()
	last := "\x00"
	for _, r := range rows {
		if r.domain != last {
			if last != "\x00" {
				m.end()
			}
			last = r.domain
			name := r.domain
			if name == "" {
				name = a.t("indicators.domain.none")
			}
			m.start("tbody", "class", "govuk-table__body").start("tr", "class", "app-domain-row").
				elem("th", name, "class", "govuk-table__header app-domain", "scope", "rowgroup", "colspan", itoa(len(heads))).end()
		}
		a.indicatorRow(&m, r, units)
	}
	if last != "\x00" {
		m.end()
	}
	table := m.end().node()
	table.InsertBefore(caption, table.FirstChild())
	return table
}

// indicatorRow writes the row of one indicator of the indicator table.
func (a *App) indicatorRow(m *markup, r indicatorRow, units bool) {
	const num = "govuk-table__cell govuk-table__cell--numeric"
	m.start("tr", "class", "govuk-table__row")
	m.start("th", "class", "govuk-table__header app-indicator-name", "scope", "row")
	if units && r.id != "" { // linked to the indicator's page (indicator_page.go)
		m.elem("a", r.name, "class", "govuk-link", "href", route{view: "indicator", ward: r.id}.href())
	} else {
		m.text(r.name)
	}
	if units && r.unit != "" {
		m.elem("span", " ("+a.unitText(r.unit)+")", "class", "govuk-body-s app-unit")
	}
	m.end()
	tdMarkup(m, r.period, "govuk-table__cell", "")
	tdMarkup(m, r.count, num, "")
	tdMarkup(m, r.value, num, r.note)
	tdMarkup(m, r.ci, num+" app-nowrap", "")
	tdMarkup(m, r.benchmark, num, "")
	m.start("td", "class", "govuk-table__cell")
	cmpBadgeMarkup(m, r.cmp, r.spine.cmpWord(a))
	m.end()
	for _, o := range r.others {
		tdMarkup(m, o.value, num, "")
		m.start("td", "class", "govuk-table__cell")
		cmpBadgeMarkup(m, o.cmp, a.cmpLabel(o.cmp))
		m.end()
	}
	m.end()
}

// thMarkup writes a column header.
func thMarkup(m *markup, s string, numeric bool) {
	c := "govuk-table__header"
	if numeric {
		c += " govuk-table__header--numeric"
	}
	m.elem("th", s, "class", c, "scope", "col")
}

// tdMarkup writes a cell of class c; "" shows as a dash with words for
// screen readers. A note (why a value is missing) follows the value.
func tdMarkup(m *markup, s, c, note string) {
	m.start("td", "class", c)
	if s == "" {
		m.elem("span", "–", "aria-hidden", "true").elem("span", translate(currentLang, "value.none"), "class", "govuk-visually-hidden")
	} else {
		m.text(s)
	}
	if note != "" {
		m.elem("span", " "+note, "class", "govuk-body-s app-suppressed")
	}
	m.end()
}

// th is a column header.
func th(s string, numeric bool) dom.Element {
	c := "govuk-table__header"
	if numeric {
		c += " govuk-table__header--numeric"
	}
	return el("th", cls(c), attr("scope", "col"), text(s))
}

// td is a cell; "" shows as a dash with words for screen readers.
func td(s string, numeric bool) dom.Element {
	c := "govuk-table__cell"
	if numeric {
		c += " govuk-table__cell--numeric"
	}
	if s == "" {
		return el("td", cls(c), child(el("span", attr("aria-hidden", "true"), text("–"))),
			child(el("span", cls("govuk-visually-hidden"), text(translate(currentLang, "value.none")))))
	}
	return el("td", cls(c), text(s))
}

// currentLang is the language of the app, for helpers that have no *App.
var currentLang = English

// performanceMark records a User Timing mark, which the cold-start
// measurement reads.
func performanceMark(name string) {
	perf := js.Global().Get("performance")
	if perf.Truthy() && perf.Get("mark").Type() == js.TypeFunction {
		if perf.Call("getEntriesByName", name).Length() == 0 {
			perf.Call("mark", name)
		}
	}
}

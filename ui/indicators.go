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
}

// renderIndicators is the ward's indicators: counts, the spine chart with
// its key and table alternative, and the indicator table.
func (a *App) renderIndicators(w *jsna.Ward) dom.Node {
	v := el("div")
	rows, method := a.wardIndicators(w)

	var c counts
	for _, r := range rows {
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
	summary := el("ul", cls("app-counts"), attr("aria-label", a.t("indicators.summary", a.doc.Benchmark.Name)))
	n := map[string]int{cmpBest: c.best, cmpBetter: c.better, cmpSimilar: c.similar, cmpWorse: c.worse, cmpWorst: c.worst, cmpNone: c.other}
	for _, class := range a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst, cmpNone) {
		label := a.cmpLabel(class)
		if class == cmpNone {
			label = a.t("indicators.other")
		}
		summary.AppendChild(el("li", attr("id", "count-"+class), child(el("strong", text(itoa(n[class])))), child(a.cmpBadgeText(class, label))))
	}
	v.AppendChild(summary)
	v.AppendChild(el("p", cls("govuk-body"), text(method)))
	v.AppendChild(a.levelForm())

	// The spine chart.
	v.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("spine.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("spine.intro", a.doc.Benchmark.Name))))
	v.AppendChild(a.spineKey(a.doc.Benchmark.Name))
	var spine []spineRow
	for _, r := range rows {
		spine = append(spine, r.spine)
	}
	v.AppendChild(el("figure", cls("app-figure"),
		child(a.spineChart("spine", a.t("spine.title", w.Name), a.t("spine.desc", w.Name, a.doc.Benchmark.Name), spine))))
	performanceMark("wardwise-ward-view")

	// Its table alternative.
	st := el("table", cls("govuk-table"), attr("id", "spine-table"))
	st.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("spine.table.caption", w.Name))))
	st.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("indicators.col.indicator"), false)),
		child(th(a.t("spine.col.value"), true)),
		child(th(a.doc.Benchmark.Name, true)),
		child(th(a.t("spine.col.worst"), true)),
		child(th(a.t("spine.col.q25"), true)),
		child(th(a.t("spine.col.q75"), true)),
		child(th(a.t("spine.col.best"), true)),
		child(th(a.t("indicators.col.compared"), false))))))
	sb := el("tbody", cls("govuk-table__body"))
	for _, r := range rows {
		sb.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(r.name))),
			child(td(r.value, true)), child(td(r.benchmark, true)), child(td(r.worst, true)),
			child(td(r.q25, true)), child(td(r.q75, true)), child(td(r.best, true)),
			child(el("td", cls("govuk-table__cell"), child(a.cmpBadge(r.cmp))))))
	}
	st.AppendChild(sb)
	v.AppendChild(detailsBox(a.t("spine.table.summary"), child(el("div", cls("app-table-wrap"), child(st)))))

	// The indicator table, grouped by domain.
	v.AppendChild(el("h3", cls("govuk-heading-m"), attr("id", "indicator-heading"), text(a.t("indicators.heading"))))
	table := a.indicatorTable(rows, el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("indicators.caption", w.Name, a.doc.Benchmark.Name))), true)
	table.SetAttribute("id", "indicator-table")
	v.AppendChild(el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"),
		attr("aria-labelledby", "indicator-heading"), child(table)))
	return v
}

// indicatorTable is the table of a ward's indicators, grouped by domain,
// with its caption; units adds each indicator's unit to its name.
func (a *App) indicatorTable(rows []indicatorRow, caption dom.Element, units bool) dom.Element {
	table := el("table", cls("govuk-table"))
	table.AppendChild(caption)
	table.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("indicators.col.indicator"), false)),
		child(th(a.t("indicators.col.period"), false)),
		child(th(a.t("indicators.col.count"), true)),
		child(th(a.t("indicators.col.value"), true)),
		child(th(a.t("indicators.col.ci"), true)),
		child(th(a.doc.Benchmark.Name, true)),
		child(th(a.t("indicators.col.compared"), false))))))
	var body dom.Element
	last := "\x00"
	for _, r := range rows {
		if r.domain != last {
			last = r.domain
			name := r.domain
			if name == "" {
				name = a.t("indicators.domain.none")
			}
			body = el("tbody", cls("govuk-table__body"))
			body.AppendChild(el("tr", cls("app-domain-row"),
				child(el("th", cls("govuk-table__header app-domain"), attr("scope", "rowgroup"), attr("colspan", "7"), text(name)))))
			table.AppendChild(body)
		}
		nameCell := el("th", cls("govuk-table__header app-indicator-name"), attr("scope", "row"), child(a.indicatorLink(r.id, r.name, units)))
		if units && r.unit != "" {
			nameCell.AppendChild(el("span", cls("govuk-body-s app-unit"), text(" ("+r.unit+")")))
		}
		valueCell := td(r.value, true)
		if r.note != "" {
			valueCell.AppendChild(el("span", cls("govuk-body-s app-suppressed"), text(" "+r.note)))
		}
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(nameCell),
			child(td(r.period, false)),
			child(td(r.count, true)),
			child(valueCell),
			child(nowrap(td(r.ci, true))),
			child(td(r.benchmark, true)),
			child(el("td", cls("govuk-table__cell"), child(a.cmpBadge(r.cmp))))))
	}
	return table
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

// nowrap keeps a cell on one line (an interval, "12.3 – 45.6").
func nowrap(e dom.Element) dom.Element {
	e.Class().Add("app-nowrap")
	return e
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

//go:build js && wasm

package ui

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// renderOverview is the area overview: every ward ranked by its need index,
// with how many indicators are better, similar or worse than the benchmark
// in each domain.
func (a *App) renderOverview() dom.Node {
	d := a.doc
	a.setTitle(a.t("overview.title"), d.Area.Name)
	a.coord.draftBack = route{}
	v := el("div")
	v.AppendChild(el("span", cls("govuk-caption-xl"), text(a.t("overview.title"))))
	v.AppendChild(h1(d.Area.Name))
	ov := a.overview()
	v.AppendChild(el("p", cls("govuk-body-l"), text(a.t("overview.lede", a.tn("count.wards", len(d.Wards)), a.tn("count.indicators", len(d.Indicators)), a.placeName(d.Benchmark.Code, d.Benchmark.Name)))))
	if d.Notice != "" {
		v.AppendChild(el("div", cls("govuk-inset-text"), text(d.Notice)))
	}
	if lines := a.importNotes(); len(lines) > 0 {
		notes := el("ul", cls("govuk-list govuk-list--bullet"))
		for _, n := range lines {
			notes.AppendChild(el("li", text(n)))
		}
		v.AppendChild(el("div", cls("govuk-inset-text"), attr("id", "import-notes"),
			child(el("h2", cls("govuk-heading-s"), text(a.t("overview.import.heading")))), child(notes)))
	}
	v.AppendChild(a.levelForm())

	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "ranking-heading"), text(a.t("overview.ranking.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), attr("id", "ranking-method"), text(ov.method)))
	v.AppendChild(a.cmpKey(a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst)))

	table := el("table", cls("govuk-table app-overview"), attr("id", "ward-ranking"))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("overview.ranking.caption"))))
	head := el("tr", cls("govuk-table__row"),
		child(el("th", cls("govuk-table__header govuk-table__header--numeric"), attr("scope", "col"), text(a.t("overview.col.rank")))),
		child(el("th", cls("govuk-table__header"), attr("scope", "col"), text(a.t("overview.col.ward")))),
		child(el("th", cls("govuk-table__header govuk-table__header--numeric"), attr("scope", "col"), text(a.t("overview.col.index")))))
	for _, dom := range ov.domains {
		name := dom
		if name == "" {
			name = a.t("indicators.domain.none")
		}
		head.AppendChild(el("th", cls("govuk-table__header"), attr("scope", "col"), text(name)))
	}
	table.AppendChild(el("thead", cls("govuk-table__head"), child(head)))
	body := el("tbody", cls("govuk-table__body"))
	for _, r := range ov.rows {
		tr := el("tr", cls("govuk-table__row"),
			child(el("td", cls("govuk-table__cell govuk-table__cell--numeric"), text(r.rank))),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"),
				child(link(route{view: "ward", ward: r.code}.href(), r.name)))),
			child(el("td", cls("govuk-table__cell govuk-table__cell--numeric"), text(r.index))))
		for _, c := range r.counts {
			tr.AppendChild(el("td", cls("govuk-table__cell app-nowrap"), child(a.countsCell(c))))
		}
		body.AppendChild(tr)
	}
	table.AppendChild(body)
	v.AppendChild(el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"),
		attr("aria-labelledby", "ranking-heading"), child(table)))
	return v
}

// counts is how many indicators compare each way. Best and worst are not
// counted in better and worse.
type counts struct {
	best, better, similar, worse, worst, other int
}

// countsCell shows counts as markers with numbers, and in words for screen
// readers. Best and worst show when the comparisons are two-level.
func (a *App) countsCell(c counts) dom.Element {
	span := el("span", cls("app-counts-cell"))
	words := a.t("overview.counts.words", c.better, c.similar, c.worse)
	if a.twoLevel() {
		words = a.t("overview.counts.words.two", c.best, c.better, c.similar, c.worse, c.worst)
	}
	span.AppendChild(el("span", cls("govuk-visually-hidden"), text(words)))
	vis := el("span", cls("app-counts-cell__items"), attr("aria-hidden", "true"))
	n := map[string]int{cmpBest: c.best, cmpBetter: c.better, cmpSimilar: c.similar, cmpWorse: c.worse, cmpWorst: c.worst}
	for _, class := range a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst) {
		icon := svgEl("svg", attr("width", "14"), attr("height", "14"), attr("viewBox", "0 0 16 16"),
			attr("focusable", "false"), cls("app-cmp__icon"))
		icon.AppendChild(shape(class, 8, 8, 6.5))
		item := "app-cmp app-cmp--" + class + " app-counts-cell__item"
		if n[class] == 0 {
			item += " app-counts-cell__item--zero"
		}
		vis.AppendChild(el("span", cls(item), child(icon), text(itoa(n[class]))))
	}
	span.AppendChild(vis)
	return span
}

// levelForm lets the user choose the confidence level of every
// comparison.
func (a *App) levelForm() dom.Element {
	choices := []choice{
		{value: "95", label: a.t("level.95"), checked: a.scoreOpt.level != "99.8"},
		{value: "99.8", label: a.t("level.998"), checked: a.scoreOpt.level == "99.8"},
	}
	g, inputs := a.radios("level", a.t("level.legend"), "govuk-fieldset__legend--s", a.t("level.hint"), "", true, true, choices)
	for _, in := range inputs {
		in := in
		a.view.onEl(in, "change", func(js.Value) {
			a.scoreOpt.level = value(in)
			id := in.ID()
			a.render()
			focus(byID(id))
			a.announce(a.t("status.level", value(in)))
		})
	}
	return el("div", cls("app-noprint"), child(g))
}

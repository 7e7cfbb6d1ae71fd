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
	a.setTitle(a.t("overview.title"), a.areaName(d))
	a.coord.draftBack = route{}
	v := el("div")
	v.AppendChild(el("span", cls("govuk-caption-xl"), text(a.t("overview.title"))))
	v.AppendChild(h1(a.areaName(d)))
	ov := a.overview()
	v.AppendChild(el("p", cls("govuk-body-l"), text(a.t("overview.lede", a.tn("count.wards", len(d.Wards)), a.tn("count.indicators", len(d.Indicators)), a.benchmarkName(d)))))
	if d.Notice != "" {
		v.AppendChild(el("div", cls("govuk-inset-text"), text(d.Notice)))
	}
	appendNode(v, a.importBox())
	v.AppendChild(a.levelForm())

	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "ranking-heading"), text(a.t("overview.ranking.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), attr("id", "ranking-method"), text(ov.method)))
	v.AppendChild(a.cmpKey(a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst)))

	// The table of every ward is built as markup and parsed in one go
	// (markup.go): thousands of cells, no element wrapped one by one. Its
	// links go to the ward through the address; it needs no listener.
	wrapEl := el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"), attr("aria-labelledby", "ranking-heading"))
	table := a.rankingTable(ov)
	if len(ov.rows) < rankingLater {
		wrapEl.Underlying().Set("innerHTML", table)
	} else {
		// A large table is parsed and laid out (seconds for a thousand
		// wards) once the rest of the view has been painted, in a task of
		// its own, so that the page answers in between; the region says
		// it is busy until then. A view drawn again meanwhile leaves this
		// one out of the page, and its table with it.
		wrapEl.SetAttribute("aria-busy", "true")
		a.spawn(func() {
			yieldToBrowser()
			if wrapEl.Underlying().Get("isConnected").Bool() {
				wrapEl.Underlying().Set("innerHTML", table)
				wrapEl.RemoveAttribute("aria-busy")
			}
		})
	}
	v.AppendChild(wrapEl)
	appendNode(v, a.comparatorsImport())
	return v
}

// rankingLater is the number of wards from which the area's table is put
// in the page after the rest of the view has been painted.
const rankingLater = 500

// rankingTable is the markup of the table of every ward, ranked.
func (a *App) rankingTable(ov overviewData) string {
	var m markup
	m.start("table", "class", "govuk-table app-overview", "id", "ward-ranking")
	m.elem("caption", a.t("overview.ranking.caption"), "class", "govuk-table__caption govuk-visually-hidden")
	m.start("thead", "class", "govuk-table__head").start("tr", "class", "govuk-table__row")
	m.elem("th", a.t("overview.col.rank"), "class", "govuk-table__header govuk-table__header--numeric", "scope", "col")
	m.elem("th", a.t("overview.col.ward"), "class", "govuk-table__header", "scope", "col")
	m.elem("th", a.t("overview.col.index"), "class", "govuk-table__header govuk-table__header--numeric", "scope", "col")
	for _, dom := range ov.domains {
		name := a.english(dom) // the file's English (langparts.go)
		if name == "" {
			name = a.t("indicators.domain.none")
		}
		m.elem("th", name, "class", "govuk-table__header", "scope", "col")
	}
	m.end().end()
	m.start("tbody", "class", "govuk-table__body")
	classes := a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst)
	for _, r := range ov.rows {
		m.start("tr", "class", "govuk-table__row")
		m.elem("td", r.rank, "class", "govuk-table__cell govuk-table__cell--numeric")
		m.start("th", "class", "govuk-table__header", "scope", "row").
			elem("a", r.name, "class", "govuk-link", "href", route{view: "ward", ward: r.code}.href()).end()
		m.elem("td", r.index, "class", "govuk-table__cell govuk-table__cell--numeric")
		for _, c := range r.counts {
			m.start("td", "class", "govuk-table__cell app-nowrap")
			a.countsCell(&m, c, classes)
			m.end()
		}
		m.end()
	}
	m.end().end()
	return m.String()
}

// counts is how many indicators compare each way. Best and worst are not
// counted in better and worse.
type counts struct {
	best, better, similar, worse, worst, other int
}

// countsCell writes counts as markers with numbers, and in words for
// screen readers. Best and worst show when the comparisons are two-level
// (classes are the classes shown). Each marker is its item's ::before
// (cmpBadgeMarkup).
func (a *App) countsCell(m *markup, c counts, classes []string) {
	m.start("span", "class", "app-counts-cell")
	words := a.t("overview.counts.words", c.better, c.similar, c.worse)
	if a.twoLevel() {
		words = a.t("overview.counts.words.two", c.best, c.better, c.similar, c.worse, c.worst)
	}
	m.elem("span", words, "class", "govuk-visually-hidden")
	m.start("span", "class", "app-counts-cell__items", "aria-hidden", "true")
	for _, class := range classes {
		n := c.of(class)
		item := "app-cmp app-cmp--" + class + " app-counts-cell__item"
		if n == 0 {
			item += " app-counts-cell__item--zero"
		}
		m.start("span", "class", item).text(itoa(n)).end()
	}
	m.end().end()
}

// of is the count of comparison class class.
func (c counts) of(class string) int {
	switch class {
	case cmpBest:
		return c.best
	case cmpBetter:
		return c.better
	case cmpSimilar:
		return c.similar
	case cmpWorse:
		return c.worse
	case cmpWorst:
		return c.worst
	}
	return c.other
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
			level, id := value(in), in.ID()
			a.spawn(func() { a.changeLevel(level, id) })
		})
	}
	return el("div", cls("app-noprint"), child(g))
}

// changeLevel scores every comparison again at level and draws the view,
// focus back on the radio with id id; the progress of a large document
// shows. It blocks.
func (a *App) changeLevel(level, id string) {
	a.scoreOpt.level = level
	w := a.beginWork(2, largeDoc(a.doc))
	defer w.end()
	w.step(a.t("work.score"))
	if a.doc != nil {
		a.scores()
	}
	w.step(a.t("work.draw"))
	a.render()
	focus(byID(id))
	a.announce(a.t("status.level", level))
}

//go:build js && wasm

package ui

import (
	"sort"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/disclosure"
	"github.com/wardwise/wardwise/jsna/practice"
	"honnef.co/go/js/dom/v2"
)

// The "My practice" view (#/practice/CODE) and the ward page's "Practices
// serving this ward": GP practices and wards joined through the
// registrations by LSOA (jsna/practice). Ward–practice cells under the
// disclosure threshold show as suppressed, as in every export
// (disclosure.PracticeCells).

func init() {
	if viewerBuild {
		return // the viewer hands this view over to the full app
	}
	registerView("practice", extraView{navKey: "nav.practice", needsDoc: true, render: func(a *App, r route) dom.Node { return a.renderPractice(r) }})
}

// practiceCells are the working document's ward–practice cells with
// disclosure control applied at the default threshold.
func (a *App) practiceCells() []disclosure.PracticeCell {
	return disclosure.PracticeCells(a.doc, disclosure.Options{})
}

// pct formats a fraction as a percentage with one decimal place.
func pct(f float64) string { return fmtNum(f*100) + "%" }

// renderPractice is the "My practice" view: the choice of practice and,
// once chosen, where its patients live and its figures beside its wards'.
func (a *App) renderPractice(r route) dom.Node {
	d := a.doc
	a.setTitle(a.t("practice.title"), a.areaName(d))
	v := el("div", cls("app-practice"))
	v.AppendChild(el("span", cls("govuk-caption-l"), text(a.areaName(d))))
	v.AppendChild(h1(a.t("practice.title")))
	if len(d.Practices) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), attr("id", "practice-none"), text(a.t("practice.none"))))
		v.AppendChild(a.practiceImport())
		return v
	}
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("practice.lede"))))
	p := d.PracticeByID(r.ward)
	v.AppendChild(a.practiceChooser(p))
	if p == nil {
		if r.ward != "" {
			v.AppendChild(el("p", cls("govuk-body"), attr("id", "practice-notfound"), text(a.t("practice.notfound", r.ward))))
		}
		v.AppendChild(a.practiceImport())
		return v
	}
	a.setTitle(p.Name, a.t("practice.title"))
	v.AppendChild(el("h2", cls("govuk-heading-l"), attr("id", "practice-name"), text(p.Name)))
	if p.Synthetic {
		v.AppendChild(el("div", cls("govuk-inset-text"), text(a.t("practice.synthetic"))))
	}
	v.AppendChild(el("p", cls("govuk-body"), attr("id", "practice-summary"), text(a.practiceSummary(p))))
	v.AppendChild(a.practiceWards(p))
	v.AppendChild(a.practiceFigures(p))
	v.AppendChild(a.practiceWardView(p))
	v.AppendChild(a.practiceCaveats())
	return v
}

// practiceChooser is the form that chooses the practice: a select and a
// button, so that it works by keyboard without surprises on change.
func (a *App) practiceChooser(current *jsna.Practice) dom.Element {
	sel := el("select", cls("govuk-select"), attr("id", "practice-choice"), attr("name", "practice"))
	sel.AppendChild(el("option", attr("value", ""), text(a.t("practice.choose.none"))))
	for _, p := range a.doc.Practices {
		o := el("option", attr("value", p.ID), text(a.t("practice.choose.option", p.Name, p.ID)))
		if current != nil && p.ID == current.ID {
			o.SetAttribute("selected", "")
		}
		sel.AppendChild(o)
	}
	show := button(a.t("practice.choose.button"), "secondary", attr("id", "practice-show"), attr("type", "submit"))
	form := el("form", cls("app-noprint"), attr("id", "practice-form"), attr("novalidate", ""),
		child(el("div", cls("govuk-form-group"),
			child(el("label", cls("govuk-label govuk-label--s"), attr("for", "practice-choice"), text(a.t("practice.choose.label")))),
			child(sel))),
		child(show))
	a.view.on(form.Underlying(), "submit", func(ev js.Value) {
		ev.Call("preventDefault")
		a.goTo(route{view: "practice", ward: value(sel)})
	})
	return form
}

// practiceSummary says how the practice's list is placed.
func (a *App) practiceSummary(p *jsna.Practice) string {
	date := p.ExtractDate
	if date == "" {
		date = a.t("practice.date.unknown")
	}
	return a.tn("practice.summary", len(p.Wards), fmtInt(p.ListSize), p.ID, date, fmtInt(p.InWards()), fmtInt(p.Elsewhere()), fmtInt(p.Unknown))
}

// wardCounts is each ward's comparisons with the benchmark, over all its
// indicators, from the area overview's data.
func (a *App) wardCounts() map[string]counts {
	out := map[string]counts{}
	for _, r := range a.overview().rows {
		var t counts
		for _, c := range r.counts {
			t = counts{t.best + c.best, t.better + c.better, t.similar + c.similar, t.worse + c.worse, t.worst + c.worst, t.other + c.other}
		}
		out[r.code] = t
	}
	return out
}

// practiceWards is where the practice's patients live: a bar chart of the
// share of its list in each ward, and the table of the same with each
// ward's comparisons.
func (a *App) practiceWards(p *jsna.Practice) dom.Element {
	v := el("section", attr("aria-labelledby", "practice-wards-heading"))
	v.AppendChild(el("h3", cls("govuk-heading-m"), attr("id", "practice-wards-heading"), text(a.t("practice.wards.heading"))))
	var cells []disclosure.PracticeCell
	for _, c := range a.practiceCells() {
		if c.Practice == p.ID {
			cells = append(cells, c)
		}
	}
	// Largest share first, suppressed cells last, as the caption says.
	sort.SliceStable(cells, func(i, j int) bool {
		ci, cj := cells[i].Patients, cells[j].Patients
		if ci == nil || cj == nil {
			return ci != nil && cj == nil
		}
		return *ci > *cj
	})
	var bars []bar
	for _, c := range cells {
		b := bar{label: a.wardNamed(c.Ward, orCode(c.WardName, c.Ward)), text: a.t("cell.suppressed"), excluded: true}
		if c.OfPractice != nil {
			b = bar{label: a.wardNamed(c.Ward, orCode(c.WardName, c.Ward)), value: *c.OfPractice, text: pct(*c.OfPractice)}
		}
		bars = append(bars, b)
	}
	v.AppendChild(el("figure", cls("app-figure"),
		child(a.barChart("practice-chart", a.t("practice.chart.title", p.Name), a.t("practice.chart.desc"), bars))))
	wc := a.wardCounts()
	table := el("table", cls("govuk-table"), attr("id", "practice-wards"))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("practice.wards.caption", p.Name))))
	table.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("overview.col.ward"), false)), child(th(a.t("practice.col.patients"), true)),
		child(th(a.t("practice.col.share"), true)), child(th(a.t("practice.col.comparisons"), false))))))
	body := el("tbody", cls("govuk-table__body"))
	classes := a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst)
	for _, c := range cells {
		tr := el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), child(link(route{view: "ward", ward: c.Ward}.href(), a.wardNamed(c.Ward, orCode(c.WardName, c.Ward)))))))
		if c.Patients != nil {
			tr.AppendChild(td(fmtInt(*c.Patients), true))
			tr.AppendChild(td(pct(*c.OfPractice), true))
		} else {
			tr.AppendChild(td(a.t("cell.suppressed"), true))
			tr.AppendChild(td(a.t("cell.suppressed"), true))
		}
		var m markup
		m.start("td", "class", "govuk-table__cell app-nowrap")
		a.countsCell(&m, wc[c.Ward], classes)
		tr.AppendChild(m.end().node())
		body.AppendChild(tr)
	}
	table.AppendChild(body)
	v.AppendChild(tableWrap("practice-wards-heading", table))
	if a.hasSuppressed(cells) {
		v.AppendChild(el("p", cls("govuk-body-s"), text(a.tn("cell.suppressed.why", disclosure.DefaultThreshold))))
	}
	return v
}

func (a *App) hasSuppressed(cells []disclosure.PracticeCell) bool {
	for _, c := range cells {
		if c.Reason != "" {
			return true
		}
	}
	return false
}

func orCode(name, code string) string {
	if name == "" {
		return code
	}
	return name
}

// tableWrap is a table in a scrolling region a keyboard can reach.
func tableWrap(labelledBy string, table dom.Element) dom.Element {
	return el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"), attr("aria-labelledby", labelledBy), child(table))
}

// estimateText is an estimate's value and interval, or "no estimate".
func (a *App) estimateText(e practice.Estimate) string {
	if e.Value == nil {
		return a.t("practice.estimate.none")
	}
	if e.Lower != nil && e.Upper != nil {
		return fmtNum(*e.Value) + " (" + a.t("cmp.format.ci", fmtNum(*e.Lower), fmtNum(*e.Upper)) + ")"
	}
	return fmtNum(*e.Value)
}

// practiceFigures sets the practice's own values beside the estimates of
// the wards its patients live in (practice.AroundPractice).
func (a *App) practiceFigures(p *jsna.Practice) dom.Element {
	v := el("section", attr("aria-labelledby", "practice-figures-heading"))
	v.AppendChild(el("h3", cls("govuk-heading-m"), attr("id", "practice-figures-heading"), text(a.t("practice.figures.heading"))))
	if len(p.Values) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("practice.figures.none"))))
		return v
	}
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("practice.figures.lede"))))
	table := el("table", cls("govuk-table"), attr("id", "practice-figures"))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("practice.figures.caption", p.Name))))
	table.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("practice.col.indicator"), false)), child(th(a.t("practice.col.yours", "95%"), true)),
		child(th(a.t("practice.col.around"), true)), child(th(a.placeName(a.doc.Benchmark.Code, a.doc.Benchmark.Name), true))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, ind := range a.doc.Indicators {
		pv := practiceValueOf(p, ind.ID)
		if pv == nil {
			continue
		}
		yours := a.t("practice.estimate.none")
		if pv.Value != nil {
			yours = a.estimateText(practice.Estimate{Value: pv.Value, Lower: pv.Lower, Upper: pv.Upper})
		}
		around := practice.AroundPractice(a.doc, p, ind.ID)
		name := a.english(ind.Name)
		if pv.Period != "" {
			name = a.t("practice.indicator.period", a.english(ind.Name), pv.Period)
		}
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(name))),
			child(td(yours, true)), child(td(a.estimateText(around), true)),
			child(td(fmtPtr(ind.BenchmarkValue, fmtNum), true))))
	}
	table.AppendChild(body)
	v.AppendChild(tableWrap("practice-figures-heading", table))
	return v
}

func practiceValueOf(p *jsna.Practice, id string) *jsna.PracticeValue {
	for i := range p.Values {
		if p.Values[i].Indicator == id {
			return &p.Values[i]
		}
	}
	return nil
}

// practiceWardView is the practice's list-weighted view of the wards'
// indicators (practice.ListWeighted), beside the benchmark.
func (a *App) practiceWardView(p *jsna.Practice) dom.Element {
	v := el("section", attr("aria-labelledby", "practice-view-heading"))
	v.AppendChild(el("h3", cls("govuk-heading-m"), attr("id", "practice-view-heading"), text(a.t("practice.view.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("practice.view.lede"))))
	table := el("table", cls("govuk-table"), attr("id", "practice-view"))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("practice.view.caption", p.Name))))
	table.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("practice.col.indicator"), false)), child(th(a.t("practice.col.weighted", "95%"), true)),
		child(th(a.t("practice.col.coverage"), true)), child(th(a.placeName(a.doc.Benchmark.Code, a.doc.Benchmark.Name), true))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, ind := range a.doc.Indicators {
		e := practice.ListWeighted(a.doc, p, ind.ID)
		if e.Value == nil {
			continue // a practice-level indicator, or no ward has a value
		}
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(a.english(ind.Name)))),
			child(td(a.estimateText(e), true)), child(td(pct(e.Coverage), true)),
			child(td(fmtPtr(ind.BenchmarkValue, fmtNum), true))))
	}
	table.AppendChild(body)
	v.AppendChild(tableWrap("practice-view-heading", table))
	return v
}

// practiceCaveats says how the figures are made and what they cannot say.
func (a *App) practiceCaveats() dom.Element {
	list := el("ul", cls("govuk-list govuk-list--bullet"))
	for _, c := range []string{a.t("practice.caveat.registered"), a.t("practice.caveat.uniform"), a.t("practice.caveat.bestfit"), a.t("practice.caveat.interval")} {
		list.AppendChild(el("li", text(c)))
	}
	return detailsBox(a.t("practice.caveats.summary"),
		child(el("p", cls("govuk-body"), text(a.t("practice.method")))), child(list))
}

// practicesServing is the ward page's "Practices serving this ward": the
// share of the ward's registered patients at each practice, on the
// indicators part of the page; nothing when the document has no
// practices or tab is another part.
func (a *App) practicesServing(w *jsna.Ward, tab string) dom.Node {
	var cells []disclosure.PracticeCell
	if tab == "" && len(a.doc.Practices) > 0 {
		for _, c := range a.practiceCells() {
			if c.Ward == w.Code {
				cells = append(cells, c)
			}
		}
	}
	if len(cells) == 0 {
		return doc.CreateDocumentFragment()
	}
	v := el("section", cls("app-practices"), attr("aria-labelledby", "ward-practices-heading"))
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "ward-practices-heading"), text(a.t("ward.practices.heading"))))
	total := practice.WardTotals(a.doc)[w.Code]
	v.AppendChild(el("p", cls("govuk-body"), text(a.tn("ward.practices.lede", len(cells), fmtInt(total)))))
	table := el("table", cls("govuk-table"), attr("id", "ward-practices"))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("ward.practices.caption", a.wardName(w)))))
	table.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("practice.col.practice"), false)), child(th(a.t("practice.col.patients"), true)),
		child(th(a.t("ward.practices.col.share"), true)), child(th(a.t("ward.practices.col.list"), true))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, c := range cells {
		tr := el("tr", cls("govuk-table__row"), child(el("th", cls("govuk-table__header"), attr("scope", "row"),
			child(link(route{view: "practice", ward: c.Practice}.href(), a.t("practice.choose.option", c.PracticeName, c.Practice))))))
		if c.Patients != nil {
			tr.AppendChild(td(fmtInt(*c.Patients), true))
			tr.AppendChild(td(pct(*c.OfWard), true))
			tr.AppendChild(td(pct(*c.OfPractice), true))
		} else {
			for range 3 {
				tr.AppendChild(td(a.t("cell.suppressed"), true))
			}
		}
		body.AppendChild(tr)
	}
	table.AppendChild(body)
	v.AppendChild(tableWrap("ward-practices-heading", table))
	if a.hasSuppressed(cells) {
		v.AppendChild(el("p", cls("govuk-body-s"), text(a.tn("cell.suppressed.why", disclosure.DefaultThreshold))))
	}
	v.AppendChild(el("p", cls("govuk-body-s"), text(a.t("ward.practices.caveat"))))
	v.AppendChild(a.wardEstimates(w))
	return v
}

// wardEstimates is the ward's estimates of the practice-level indicators
// (practice.WardEstimate), with the share of its registered patients
// behind each; nothing when no practice has a value.
func (a *App) wardEstimates(w *jsna.Ward) dom.Node {
	ids := practice.PracticeIndicators(a.doc)
	if len(ids) == 0 {
		return doc.CreateDocumentFragment()
	}
	names := map[string]string{}
	for _, ind := range a.doc.Indicators {
		names[ind.ID] = a.english(ind.Name)
	}
	v := el("div")
	v.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", "ward-estimates-heading"), text(a.t("ward.estimates.heading"))))
	v.AppendChild(el("p", cls("govuk-body-s"), text(a.t("practice.method"))))
	table := el("table", cls("govuk-table"), attr("id", "ward-estimates"))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("ward.estimates.caption", a.wardName(w)))))
	table.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("practice.col.indicator"), false)), child(th(a.t("ward.estimates.col.value", "95%"), true)),
		child(th(a.t("ward.estimates.col.coverage"), true))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, id := range ids {
		e := practice.WardEstimate(a.doc, w.Code, id)
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(names[id]))),
			child(td(a.estimateText(e), true)), child(td(pct(e.Coverage), true))))
	}
	table.AppendChild(body)
	v.AppendChild(tableWrap("ward-estimates-heading", table))
	return v
}

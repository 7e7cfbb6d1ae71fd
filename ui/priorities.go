//go:build js && wasm

package ui

import (
	"honnef.co/go/js/dom/v2"
)

// priorityRow is one need in the area's ranking, as the model computed it.
type priorityRow struct {
	rank      string // "" for a need the PEARL test keeps out
	title     string
	wardCode  string
	wardName  string
	needIndex int // index of the need in its ward, for the link
	a, b, c   string
	bpr       float64
	bprText   string
	included  bool
	pearl     string // the PEARL result in words
}

// renderPriorities ranks every scored need across the wards by its basic
// priority rating, with a bar chart and the table behind it.
func (a *App) renderPriorities() dom.Node {
	a.setTitle(a.t("priorities.title"))
	v := el("div")
	v.AppendChild(h1(a.t("priorities.title")))
	v.AppendChild(el("p", cls("govuk-body-l"), text(a.t("priorities.lede"))))
	appendNode(v, a.priorityWorsening()) // trend.go
	rows := a.priorityRows()
	if len(rows) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("priorities.none"))))
		return v
	}
	var bars []bar
	var included, excluded []priorityRow
	for _, r := range rows {
		if r.included {
			included = append(included, r)
		} else {
			excluded = append(excluded, r)
		}
	}
	const maxBars = 20
	for i, r := range included {
		if i == maxBars {
			break
		}
		bars = append(bars, bar{label: r.title, sub: r.wardName, value: r.bpr, text: r.bprText})
	}
	if len(bars) > 0 {
		v.AppendChild(el("h2", cls("govuk-heading-m"), text(a.tn("priorities.chart.heading", len(bars)))))
		v.AppendChild(el("figure", cls("app-figure"),
			child(a.barChart("priorities-chart", a.tn("priorities.chart.title", len(bars)), a.t("priorities.chart.desc"), bars))))
	}

	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "priorities-heading"), text(a.t("priorities.table.heading"))))
	table := el("table", cls("govuk-table"), attr("id", "priority-table"))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("priorities.table.caption"))))
	table.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("priorities.col.rank"), true)),
		child(th(a.t("priorities.col.need"), false)),
		child(th(a.t("priorities.col.ward"), false)),
		child(th(a.t("priorities.col.a"), true)),
		child(th(a.t("priorities.col.b"), true)),
		child(th(a.t("priorities.col.c"), true)),
		child(th(a.t("priorities.col.bpr"), true)),
		child(th(a.t("priorities.col.pearl"), false))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, r := range append(included, excluded...) {
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(td(r.rank, true)),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"),
				child(link(route{view: "ward", ward: r.wardCode, tab: "needs"}.href(), r.title)))),
			child(td(r.wardName, false)),
			child(td(r.a, true)), child(td(r.b, true)), child(td(r.c, true)),
			child(td(r.bprText, true)),
			child(td(r.pearl, false))))
	}
	table.AppendChild(body)
	v.AppendChild(el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"),
		attr("aria-labelledby", "priorities-heading"), child(table)))
	return v
}

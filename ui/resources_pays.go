//go:build js && wasm

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/plan"
	"honnef.co/go/js/dom/v2"
)

// resourcesWhoPays appends to v who pays for the funded priorities: a
// chart of each partner's contribution (what it pays directly and its part
// of what the pooled budgets pay) with the table behind it, the pooled
// budgets, and the totals per ward. Element ids start with prefix, so
// that the view and the report can each have one; its heading is of level
// hs, the ones within it of level sub.
func (a *App) resourcesWhoPays(v dom.Element, p *plan.Plan, prefix, hs, sub string) {
	v.AppendChild(el(hs, cls("govuk-heading-m"), attr("id", prefix+"-pays-heading"), text(a.t("res.pays.heading"))))
	if p.Funded == 0 {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("res.pays.none"))))
		return
	}
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("res.pays.body", fy(p.Year)))))
	if partners := payingPartners(p); len(partners) > 0 {
		v.AppendChild(el("figure", cls("app-figure"),
			child(a.partnerChart(prefix+"-chart", a.t("res.chart.title", fy(p.Year)), a.t("res.chart.desc"), partners))))
	}
	v.AppendChild(a.partnerTable(prefix+"-partners", p))
	if len(p.Pools) > 0 {
		v.AppendChild(el(sub, cls("govuk-heading-s"), text(a.t("res.pools.heading"))))
		v.AppendChild(a.poolTable(prefix+"-pools", p))
	}
	v.AppendChild(el(sub, cls("govuk-heading-s"), text(a.t("res.wards.heading"))))
	v.AppendChild(a.wardTotalsTable(prefix+"-wards", p))
}

// partnerTotalName is a partner's name, or its kind in words.
func (a *App) partnerTotalName(pt plan.PartnerTotal) string {
	return a.partnerName(jsna.Funder{ID: pt.ID, Kind: pt.Kind, Name: pt.Name, Budget: pt.Budget})
}

// moneyTable is a table with a caption, a header row and rows of cells,
// the first of each row its header; columns after the first are numbers.
// A caption the heading before it repeats is visually hidden.
func moneyTable(id, caption string, hideCaption bool, head []string, rows [][]string) dom.Element {
	table := el("table", cls("govuk-table"), attr("id", id))
	cc := "govuk-table__caption govuk-table__caption--s"
	if hideCaption {
		cc = "govuk-table__caption govuk-visually-hidden"
	}
	table.AppendChild(el("caption", cls(cc), text(caption)))
	hr := el("tr", cls("govuk-table__row"))
	for i, h := range head {
		hr.AppendChild(th(h, i > 0))
	}
	table.AppendChild(el("thead", cls("govuk-table__head"), child(hr)))
	body := el("tbody", cls("govuk-table__body"))
	for _, r := range rows {
		tr := el("tr", cls("govuk-table__row"), child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(r[0]))))
		for _, c := range r[1:] {
			tr.AppendChild(td(c, true))
		}
		body.AppendChild(tr)
	}
	table.AppendChild(body)
	return el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"), attr("aria-label", caption), child(table))
}

// partnerTable is the table behind the chart: each partner's direct
// payment, its part through pooled budgets and the total.
func (a *App) partnerTable(id string, p *plan.Plan) dom.Element {
	var rows [][]string
	direct, via := 0.0, 0.0
	for _, pt := range p.Partners {
		if pt.Kind == jsna.PartnerPooled {
			continue
		}
		rows = append(rows, []string{a.partnerTotalName(pt), plan.Pounds(pt.Amount), plan.Pounds(pt.ViaPools), plan.Pounds(pt.Amount + pt.ViaPools)})
		direct += pt.Amount
		via += pt.ViaPools
	}
	if p.Unassigned > 0 {
		rows = append(rows, []string{a.t("res.funders.none"), plan.Pounds(p.Unassigned), "", plan.Pounds(p.Unassigned)})
	}
	rows = append(rows, []string{a.t("res.total"), plan.Pounds(direct + p.Unassigned), plan.Pounds(via), plan.Pounds(direct + via + p.Unassigned)})
	return moneyTable(id, a.t("res.partners.caption", fy(p.Year)), false,
		[]string{a.t("res.col.partner"), a.t("res.col.direct"), a.t("res.col.viapools"), a.t("res.col.total")}, rows)
}

// poolTable lists the pooled budgets: their legal basis, what the funded
// priorities draw, what the partners put in and what is left.
func (a *App) poolTable(id string, p *plan.Plan) dom.Element {
	var rows [][]string
	for _, pool := range p.Pools {
		left := plan.Pounds(pool.Remaining)
		if pool.Remaining < 0 {
			left = a.t("res.pool.over", plan.Pounds(-pool.Remaining))
		}
		rows = append(rows, []string{a.t("res.pool.name", pool.Name, pool.LegalBasis), plan.Pounds(pool.Drawn), plan.Pounds(pool.Contributed), left})
	}
	return moneyTable(id, a.t("res.pools.caption", fy(p.Year)), true,
		[]string{a.t("res.col.pool"), a.t("res.col.drawn"), a.t("res.col.contributed"), a.t("res.col.remaining")}, rows)
}

// wardTotalsTable is what the funded priorities of each ward cost, and
// those serving several wards, counted once.
func (a *App) wardTotalsTable(id string, p *plan.Plan) dom.Element {
	var rows [][]string
	for _, w := range p.Wards {
		rows = append(rows, []string{a.wardNamed(w.Code, w.Name), itoa(w.Items), plan.Pounds(w.Amount)})
	}
	if p.AreaWide > 0 {
		n := 0
		for _, it := range p.Items {
			if it.Funded && len(it.Wards) != 1 {
				n++
			}
		}
		rows = append(rows, []string{a.t("res.wards.area"), itoa(n), plan.Pounds(p.AreaWide)})
	}
	rows = append(rows, []string{a.t("res.total"), itoa(p.Funded), plan.Pounds(p.Committed)})
	return moneyTable(id, a.t("res.wards.caption", fy(p.Year)), true,
		[]string{a.t("res.col.ward"), a.t("res.col.count"), a.t("res.col.amount")}, rows)
}

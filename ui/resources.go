//go:build js && wasm

package ui

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/plan"
	"honnef.co/go/js/dom/v2"
)

func init() {
	if viewerBuild {
		return // the viewer hands this view over to the full app
	}
	registerView("resources", extraView{navKey: "nav.resources", needsDoc: true,
		render: func(a *App, _ route) dom.Node { return a.renderResources() }})
}

// resourceSettings are what the coordinator set on the Resources view: the
// budget, the year it is for, the years of the multi-year totals and the
// rule. They are kept while the page is open (there is one App a page), so
// that the report shows the plan the view showed.
type resourceSettings struct {
	budget *float64 // nil: no budget set
	year   int      // 0: the earliest year costed
	years  int
	skip   bool
}

var resourceSet = resourceSettings{years: 5}

// planNow is the plan of the working document under the view's settings.
func (a *App) planNow() *plan.Plan {
	p, err := plan.Make(a.doc, plan.Options{Budget: resourceSet.budget, Year: resourceSet.year, Years: resourceSet.years, Skip: resourceSet.skip})
	if err != nil {
		return nil // the document is valid, so ranking cannot fail
	}
	if p.Year == 0 {
		p.Year = currentFinancialYear() // nothing is costed: the year only labels the view
	}
	return p
}

// fy names financial year y, as 2027/28.
func fy(y int) string {
	if y == 0 {
		return ""
	}
	return strconv.Itoa(y) + "/" + strconv.Itoa((y+1)%100 + 100)[1:]
}

// renderResources is the Resources view: what a budget the coordinator
// types funds, in priority order, and who pays.
func (a *App) renderResources() dom.Node {
	a.setTitle(a.t("res.title"))
	v := el("div")
	v.AppendChild(h1(a.t("res.title")))
	v.AppendChild(el("p", cls("govuk-body-l"), text(a.t("res.lede"))))
	p := a.planNow()
	if p == nil || (len(p.Items) == 0 && len(p.Unassessed) == 0) {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("res.none"))))
		return v
	}
	v.AppendChild(a.resourcesForm(p))
	v.AppendChild(el("div", cls("govuk-inset-text"), attr("id", "res-rule"), text(a.resourcesRule(p))))
	v.AppendChild(el("p", cls("govuk-body govuk-!-font-weight-bold"), attr("id", "res-summary"), text(a.resourcesSummary(p))))
	if len(p.PriceBases) > 1 {
		v.AppendChild(a.warningText(a.t("res.prices.mixed", strings.Join(p.PriceBases, "; "))))
	}
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "res-list-heading"), text(a.t("res.list.heading"))))
	v.AppendChild(a.resourcesTable("res-list", a.t("res.list.caption", fy(p.Year)), p.Items, true))
	if len(p.Unassessed) > 0 {
		v.AppendChild(el("h2", cls("govuk-heading-m"), text(a.t("res.unassessed.heading"))))
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("res.unassessed.body"))))
		v.AppendChild(a.resourcesTable("res-unassessed", a.t("res.unassessed.caption"), p.Unassessed, false))
	}
	a.resourcesWhoPays(v, p, "res", "h2", "h3")
	v.AppendChild(el("h2", cls("govuk-heading-m"), text(a.t("res.years.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), attr("id", "res-years"), text(a.resourcesYears(p))))
	v.AppendChild(a.poolsEditor(p.Year)) // pools.go
	return v
}

// resourcesForm is the budget, the year, the years and the rule, applied
// with the button (or Enter in a field).
func (a *App) resourcesForm(p *plan.Plan) dom.Element {
	form := el("form", cls("app-noprint"), attr("id", "res-form"), attr("novalidate", ""))
	budget := ""
	if resourceSet.budget != nil {
		budget = plan.Pounds(*resourceSet.budget)
	}
	bg, bin := a.input(field{id: "res-budget", label: a.t("res.budget"), hint: a.t("res.budget.hint"), value: budget,
		width: "govuk-input--width-10", inputmode: "decimal", labelCls: "govuk-label--s"})
	yg, yin := a.input(field{id: "res-year", label: a.t("res.year"), hint: a.t("res.year.hint"), value: itoa(p.Year),
		width: "govuk-input--width-4", inputmode: "numeric", labelCls: "govuk-label--s"})
	ng, nin := a.input(field{id: "res-years-n", label: a.t("res.years"), hint: a.t("res.years.hint"), value: itoa(p.Years),
		width: "govuk-input--width-2", inputmode: "numeric", labelCls: "govuk-label--s"})
	sg, skips := a.checkboxes("res-skip", a.t("res.skip.legend"), "govuk-fieldset__legend--s", "", true,
		[]choice{{value: "skip", label: a.t("res.skip"), hint: a.t("res.skip.hint"), checked: resourceSet.skip}})
	apply := button(a.t("res.apply"), "", attr("type", "submit"), attr("id", "res-apply"))
	form.AppendChild(el("div", cls("app-score-row"), child(bg), child(yg), child(ng)))
	form.AppendChild(sg)
	form.AppendChild(apply)
	a.view.onEl(form, "submit", func(ev js.Value) {
		ev.Call("preventDefault")
		a.applyResourceSettings(value(bin), value(yin), value(nin), checked(skips[0]))
	})
	return form
}

// applyResourceSettings stores the settings typed, or shows what is wrong
// with them, and redraws the view with focus on the summary.
func (a *App) applyResourceSettings(budget, year, years string, skip bool) {
	set := resourceSettings{skip: skip}
	ok := true
	a.setFieldError("res-budget", "")
	if strings.TrimSpace(budget) != "" {
		b, err := plan.ParseMoney(budget)
		if err != nil {
			a.setFieldError("res-budget", a.t("res.budget.invalid"))
			ok = false
		}
		set.budget = &b
	}
	y, err := strconv.Atoi(strings.TrimSpace(year))
	a.setFieldError("res-year", "")
	if err != nil || y < 2000 || y > 2100 {
		a.setFieldError("res-year", a.t("res.year.invalid"))
		ok = false
	}
	set.year = y
	n, err := strconv.Atoi(strings.TrimSpace(years))
	a.setFieldError("res-years-n", "")
	if err != nil || n < 1 || n > 50 {
		a.setFieldError("res-years-n", a.t("res.years.invalid"))
		ok = false
	}
	set.years = n
	if !ok {
		a.announce(a.t("res.settings.invalid"))
		return
	}
	resourceSet = set
	a.render()
	if s := byID("res-summary"); s != nil {
		s.SetAttribute("tabindex", "-1")
		focus(s)
		a.announce(s.TextContent())
	}
}

// resourcesRule states the rule the plan follows, in words.
func (a *App) resourcesRule(p *plan.Plan) string {
	rule := a.t("res.rule.strict")
	if p.Skip {
		rule = a.t("res.rule.skip")
	}
	return a.t("res.rule", fy(p.Year), rule)
}

// resourcesSummary says what the budget funds.
func (a *App) resourcesSummary(p *plan.Plan) string {
	if p.Costed == 0 {
		return a.t("res.summary.nocosts")
	}
	if p.Budget == nil {
		return a.tn("res.summary.nobudget", p.Costed, plan.Pounds(p.Committed), fy(p.Year))
	}
	return a.tn("res.summary.budget", p.Costed, plan.Pounds(*p.Budget), fy(p.Year), p.Funded, plan.Pounds(p.Committed), plan.Pounds(*p.Budget-p.Committed))
}

// resourcesYears states the multi-year totals and how they are discounted.
func (a *App) resourcesYears(p *plan.Plan) string {
	s := a.tn("res.years.body", p.Years, fy(p.Year), plan.Pounds(p.Total), plan.Pounds(p.Discounted))
	if len(p.PriceBases) > 0 {
		s += " " + a.t("res.prices", strings.Join(p.PriceBases, "; "))
	}
	return s
}

// resourcesTable is the table of items: rank, priority and ward, the
// recommendation, its costs, the cumulative total, whether funded, and who
// pays. ranked tables show the cumulative total and funding.
func (a *App) resourcesTable(id, caption string, items []plan.Item, ranked bool) dom.Element {
	table := el("table", cls("govuk-table app-res-table"), attr("id", id))
	table.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(caption)))
	head := el("tr", cls("govuk-table__row"))
	for _, c := range []struct {
		label   string
		numeric bool
		ranked  bool // shown only in a ranked table
	}{
		{a.t("res.col.rank"), true, true}, {a.t("res.col.priority"), false, false}, {a.t("res.col.oneoff"), true, false},
		{a.t("res.col.inyear"), true, false}, {a.t("res.col.cumulative"), true, true}, {a.t("res.col.funded"), false, true},
		{a.t("res.col.whopays"), false, false},
	} {
		if c.ranked && !ranked {
			continue
		}
		head.AppendChild(th(c.label, c.numeric))
	}
	table.AppendChild(el("thead", cls("govuk-table__head"), child(head)))
	body := el("tbody", cls("govuk-table__body"))
	for i := range items {
		body.AppendChild(a.resourcesRow(&items[i], ranked))
	}
	table.AppendChild(body)
	return el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"), attr("aria-label", caption), child(table))
}

// resourcesRow is one item's row.
func (a *App) resourcesRow(it *plan.Item, ranked bool) dom.Element {
	tr := el("tr", cls("govuk-table__row"))
	if it.Funded {
		tr.Class().Add("app-res-funded")
	}
	if ranked {
		rank := itoa(it.Rank)
		if it.Tied {
			rank = a.t("res.rank.tied", it.Rank)
		}
		tr.AppendChild(td(rank, true))
	}
	tr.AppendChild(a.resourcesPriorityCell(it))
	oneOff, inYear, cum := "", "", ""
	if it.Costed() {
		oneOff, inYear, cum = plan.Pounds(it.OneOff), plan.Pounds(it.Recurring), plan.Pounds(it.Cumulative)
	}
	tr.AppendChild(td(oneOff, true))
	tr.AppendChild(td(inYear, true))
	if ranked {
		tr.AppendChild(td(cum, true))
		tr.AppendChild(el("td", cls("govuk-table__cell"), child(a.fundedTag(it))))
	}
	tr.AppendChild(a.sharesCell(it))
	return tr
}

// sharesCell lists each funder with its share, one a line.
func (a *App) sharesCell(it *plan.Item) dom.Element {
	if !it.Costed() {
		return td("", false)
	}
	if len(it.Shares) == 0 {
		return td(a.t("res.funders.none"), false)
	}
	ul := el("ul", cls("govuk-list govuk-body-s app-res-shares"))
	for _, s := range it.Shares {
		ul.AppendChild(el("li", text(a.t("res.share", a.partnerName(s.Funder), strconv.FormatFloat(s.Share, 'f', -1, 64)))))
	}
	return el("td", cls("govuk-table__cell"), child(ul))
}

// resourcesPriorityCell names the priority: the need (a link to its ward's
// needs) or the area-wide recommendation and the wards it serves, with the
// recommendation's status.
func (a *App) resourcesPriorityCell(it *plan.Item) dom.Element {
	cell := el("th", cls("govuk-table__header"), attr("scope", "row"))
	if it.Area != "" {
		cell.AppendChild(el("span", text(a.english(it.Title))))
		cell.AppendChild(el("span", cls("govuk-body-s app-res-sub"), text(a.tn("res.area.serves", len(it.Needs), a.tn("count.wards", len(it.Wards))))))
	} else {
		cell.AppendChild(link(route{view: "ward", ward: it.Wards[0], tab: "needs"}.href(), a.english(it.Title)))
		cell.AppendChild(el("span", cls("govuk-body-s app-res-sub"), text(a.wardNamed(it.Wards[0], it.Ward))))
		if len(it.ServedBy) > 0 {
			cell.AppendChild(el("span", cls("govuk-body-s app-res-sub"), text(a.t("res.servedby", strings.Join(a.areaTitles(it.ServedBy), "; ")))))
		}
	}
	if it.Resourcing != nil {
		cell.AppendChild(el("span", cls("govuk-body-s app-res-sub"), text(a.t("res.status.line", a.t("res.status."+it.Resourcing.StatusOrDefault())))))
		if o := it.Resourcing.Outcome; o != nil {
			cell.AppendChild(el("span", cls("govuk-body-s app-res-sub"), text(a.outcomeText(o))))
		}
	}
	return cell
}

// outcomeText says what a recommendation is expected to achieve: its
// indicator, by name, reaching the target, by the year if given.
func (a *App) outcomeText(o *jsna.Outcome) string {
	name := o.Indicator
	for _, ind := range a.doc.Indicators {
		if ind.ID == o.Indicator {
			name = ind.Name
		}
	}
	switch {
	case o.Target == nil:
		return a.t("res.outcome", name)
	case o.By == 0:
		return a.t("res.outcome.target", name, strconv.FormatFloat(*o.Target, 'f', -1, 64))
	}
	return a.t("res.outcome.by", name, strconv.FormatFloat(*o.Target, 'f', -1, 64), fy(o.By))
}

// areaTitles are the titles of the area-wide recommendations ids.
func (a *App) areaTitles(ids []string) []string {
	var out []string
	for _, id := range ids {
		title := id
		if a.doc.Resources != nil {
			for _, r := range a.doc.Resources.Recommendations {
				if r.ID == id {
					title = r.Title
				}
			}
		}
		out = append(out, a.english(title))
	}
	return out
}

// fundedTag says whether the budget funds the item, in words and colour.
func (a *App) fundedTag(it *plan.Item) dom.Element {
	switch {
	case !it.Costed():
		return tag(a.t("res.funded.nocost"), "grey")
	case it.Funded:
		return tag(a.t("res.funded.yes"), "green")
	}
	return tag(a.t("res.funded.no"), "yellow")
}

// partnerName is a funder's name, or its kind in words.
func (a *App) partnerName(f jsna.Funder) string {
	if f.Name != "" {
		return f.Name
	}
	if f.Kind == jsna.PartnerPooled && a.doc.Resources != nil {
		if b := a.doc.Resources.PooledBudget(f.Budget); b != nil {
			return b.Name
		}
	}
	return a.t("res.kind." + f.Kind)
}

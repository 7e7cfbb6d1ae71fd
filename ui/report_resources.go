//go:build js && wasm

package ui

import (
	"slices"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/plan"
	"honnef.co/go/js/dom/v2"
)

// reportResources appends the report's resources section to v, under the
// budget and rule set on the Resources view: in the area's report a
// chapter with the plan's rule and summary, who pays, the multi-year
// totals and each ward's costed recommendations; in a ward's report that
// ward's costed recommendations (its own and the area-wide ones serving
// it). Nothing is appended when nothing is costed.
func (a *App) reportResources(v dom.Element, wards []*jsna.Ward, inArea bool) {
	p := a.planNow()
	if p == nil || p.Costed == 0 && !slices.ContainsFunc(p.Unassessed, func(it plan.Item) bool { return it.Costed() }) {
		return
	}
	sec := el("section", cls("app-report__ward app-report__resources"), attr("aria-labelledby", "report-resources"), attr("id", "report-resources-section"))
	sec.AppendChild(el("h2", cls("govuk-heading-l"), attr("id", "report-resources"), text(a.t("report.res.heading"))))
	sec.AppendChild(el("p", cls("govuk-body"), text(a.resourcesRule(p))))
	if inArea {
		sec.AppendChild(el("p", cls("govuk-body govuk-!-font-weight-bold"), text(a.resourcesSummary(p))))
		a.resourcesWhoPays(sec, p, "report-res", "h3", "h4")
		sec.AppendChild(el("p", cls("govuk-body"), text(a.resourcesYears(p))))
		sec.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("report.res.wards"))))
	}
	for _, w := range wards {
		items := wardItems(p, w.Code)
		hs := "h3"
		if inArea {
			hs = "h4"
		}
		sec.AppendChild(el(hs, cls("govuk-heading-s"), text(a.t("report.res.ward", a.wardName(w)))))
		if len(items) == 0 {
			sec.AppendChild(el("p", cls("govuk-body"), text(a.t("report.res.ward.none"))))
			continue
		}
		table := a.resourcesTable("report-res-"+w.Code, a.t("report.res.ward.caption", a.wardName(w), fy(p.Year)), items, true)
		sec.AppendChild(table)
	}
	v.AppendChild(sec)
}

// wardItems are the costed items of p that serve ward code, in priority
// order: its needs' own and the area-wide ones serving it.
func wardItems(p *plan.Plan, code string) []plan.Item {
	var out []plan.Item
	for _, it := range p.Items {
		if it.Costed() && slices.Contains(it.Wards, code) {
			out = append(out, it)
		}
	}
	return out
}

//go:build js && wasm

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/plan"
	"honnef.co/go/js/dom/v2"
)

// partnerChart draws each partner's contribution to the funded priorities
// as a horizontal bar in two parts: what it pays directly (solid) and its
// part of what the pooled budgets pay (hatched, so that the parts differ
// by more than colour), with a key above. It is an image named by title
// and described by desc; the table after it holds the figures.
func (a *App) partnerChart(id, title, desc string, partners []plan.PartnerTotal) dom.Element {
	const (
		labelW = 330.0 // the partner's name and kind
		barW   = 480.0 // the longest bar; its value is written after it
		rowH   = 44.0
		top    = 40.0 // the key
	)
	f := svgNum
	max := 0.0
	for _, pt := range partners {
		max = maxFloat(max, pt.Amount+pt.ViaPools)
	}
	if max == 0 {
		max = 1
	}
	h := top + rowH*float64(len(partners)) + 10
	svg := chartSVG("app-bars", id, title, desc, h)
	hatch := id + "-hatch"
	svg.AppendChild(svgEl("defs", child(svgEl("pattern", attr("id", hatch), attr("patternUnits", "userSpaceOnUse"), attr("width", "6"), attr("height", "6"),
		child(svgEl("rect", attr("width", "6"), attr("height", "6"), attr("fill", "#d2e2f1"))),
		child(svgEl("path", attr("d", "M0 6 L6 0"), attr("stroke", "#003078"), attr("stroke-width", "1.2")))))))
	key := func(x float64, fill, label string) {
		svg.AppendChild(svgEl("rect", attr("x", f(x)), attr("y", "8"), attr("width", "18"), attr("height", "14"), attr("fill", fill), attr("stroke", "#003078")))
		svg.AppendChild(svgEl("text", attr("x", f(x+24)), attr("y", "20"), text(label)))
	}
	key(labelW, "#1d70b8", a.t("res.col.direct"))
	key(labelW+200, "url(#"+hatch+")", a.t("res.col.viapools"))
	for i, pt := range partners {
		y := top + rowH*float64(i)
		svg.AppendChild(svgEl("text", attr("x", "0"), attr("y", f(y+17)), text(truncate(a.partnerTotalName(pt), 40))))
		svg.AppendChild(svgEl("text", cls("app-bars__sub"), attr("x", "0"), attr("y", f(y+34)), text(a.t("res.kind."+pt.Kind))))
		wd := barW * pt.Amount / max
		wv := barW * pt.ViaPools / max
		svg.AppendChild(svgEl("rect", attr("x", f(labelW)), attr("y", f(y+8)), attr("width", f(wd)), attr("height", "24"), attr("fill", "#1d70b8")))
		if wv > 0 {
			svg.AppendChild(svgEl("rect", attr("x", f(labelW+wd)), attr("y", f(y+8)), attr("width", f(wv)), attr("height", "24"),
				attr("fill", "url(#"+hatch+")"), attr("stroke", "#003078")))
		}
		svg.AppendChild(svgEl("text", cls("app-bars__value"), attr("x", f(labelW+wd+wv+8)), attr("y", f(y+25)), text(plan.Pounds(pt.Amount+pt.ViaPools))))
	}
	return svg
}

func maxFloat(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}

// payingPartners are the partners that are not pooled budgets: who pays
// in the end.
func payingPartners(p *plan.Plan) []plan.PartnerTotal {
	var out []plan.PartnerTotal
	for _, pt := range p.Partners {
		if pt.Kind != jsna.PartnerPooled {
			out = append(out, pt)
		}
	}
	return out
}

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
	longest := 0.0 // the largest total, drawn barW long
	for _, pt := range partners {
		longest = max(longest, pt.Amount+pt.ViaPools)
	}
	if longest == 0 {
		longest = 1
	}
	h := top + rowH*float64(len(partners)) + 10
	var m markup
	chartSVG(&m, "app-bars", id, title, desc, h)
	hatch := id + "-hatch"
	m.start("defs").start("pattern", "id", hatch, "patternUnits", "userSpaceOnUse", "width", "6", "height", "6")
	m.leaf("rect", "width", "6", "height", "6", "fill", "#d2e2f1")
	m.leaf("path", "d", "M0 6 L6 0", "stroke", "#003078", "stroke-width", "1.2")
	m.end().end()
	key := func(x float64, fill, label string) {
		m.leaf("rect", "x", f(x), "y", "8", "width", "18", "height", "14", "fill", fill, "stroke", "#003078")
		m.elem("text", label, "x", f(x+24), "y", "20")
	}
	key(labelW, "#1d70b8", a.t("res.col.direct"))
	key(labelW+200, "url(#"+hatch+")", a.t("res.col.viapools"))
	for i, pt := range partners {
		y := top + rowH*float64(i)
		m.elem("text", truncate(a.partnerTotalName(pt), 40), "x", "0", "y", f(y+17))
		m.elem("text", a.t("res.kind."+pt.Kind), "class", "app-bars__sub", "x", "0", "y", f(y+34))
		wd := barW * pt.Amount / longest
		wv := barW * pt.ViaPools / longest
		m.leaf("rect", "x", f(labelW), "y", f(y+8), "width", f(wd), "height", "24", "fill", "#1d70b8")
		if wv > 0 {
			m.leaf("rect", "x", f(labelW+wd), "y", f(y+8), "width", f(wv), "height", "24",
				"fill", "url(#"+hatch+")", "stroke", "#003078")
		}
		m.elem("text", plan.Pounds(pt.Amount+pt.ViaPools), "class", "app-bars__value", "x", f(labelW+wd+wv+8), "y", f(y+25))
	}
	return m.end().node()
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

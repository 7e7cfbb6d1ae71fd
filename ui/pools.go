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

// poolsEditor is the Resources view's editor of the document's pooled
// budgets, folded in a details element: each budget's name, legal basis
// and its partners' contributions in year y, the view's year. A field is
// stored as it is typed when valid (the document is never left invalid);
// the figures above are updated when the view is drawn again.
func (a *App) poolsEditor(y int) dom.Element {
	body := el("div", attr("id", "pools-editor"))
	body.AppendChild(el("p", cls("govuk-body"), text(a.t("pools.intro", fy(y)))))
	body.AppendChild(el("datalist", attr("id", "pools-bases"), group(legalBasisOptions()...)))
	if res := a.doc.Resources; res != nil {
		for i := range res.PooledBudgets {
			body.AppendChild(a.poolEditor(res.PooledBudgets[i].ID, i, y))
		}
	}
	add := button(a.t("pools.add"), "secondary", attr("id", "pools-add"))
	a.view.onClick(add, func() {
		if a.doc.Resources == nil {
			a.doc.Resources = &jsna.Resources{}
		}
		basis := jsna.LegalBases[0]
		if strings.HasPrefix(a.doc.Area.Code, "W") {
			basis = jsna.LegalBases[1]
		}
		a.doc.Resources.PooledBudgets = append(a.doc.Resources.PooledBudgets, jsna.PooledBudget{ID: newKey("pool"), Name: a.t("pools.new.name"), LegalBasis: basis})
		a.markChanged()
		a.render()
		openPools()
		focus(byID("pool-" + itoa(len(a.doc.Resources.PooledBudgets)-1) + "-name"))
		a.announce(a.t("pools.added"))
	})
	body.AppendChild(add)
	box := detailsBox(a.t("pools.summary"), child(body))
	box.SetAttribute("id", "pools")
	return box
}

// openPools opens the pooled budgets' details after the view is drawn
// again.
func openPools() {
	if d := byID("pools"); d != nil {
		d.SetAttribute("open", "")
	}
}

func legalBasisOptions() []opt {
	var os []opt
	for _, b := range jsna.LegalBases {
		os = append(os, child(el("option", attr("value", b))))
	}
	return os
}

// poolEditor edits pooled budget i, with id key.
func (a *App) poolEditor(key string, i, y int) dom.Element {
	find := func() *jsna.PooledBudget { return a.doc.Resources.PooledBudget(key) }
	b := find()
	pid := "pool-" + itoa(i)
	box := el("div", cls("app-record"), attr("id", pid))
	heading := el("h3", cls("govuk-heading-s"), attr("id", pid+"-heading"), text(b.Name))
	box.AppendChild(heading)
	ng, name := a.input(field{id: pid + "-name", label: a.t("pools.name"), value: b.Name, maxLength: 200, spell: true})
	a.bind(name, func(v string) string {
		if strings.TrimSpace(v) == "" {
			return a.t("pools.name.required")
		}
		find().Name = strings.TrimSpace(v)
		heading.SetTextContent(v)
		return ""
	})
	bg, basis := a.input(field{id: pid + "-basis", label: a.t("pools.basis"), hint: a.t("pools.basis.hint"), value: b.LegalBasis, maxLength: 200})
	basis.SetAttribute("list", "pools-bases")
	a.bind(basis, func(v string) string {
		if strings.TrimSpace(v) == "" {
			return a.t("pools.basis.required")
		}
		find().LegalBasis = strings.TrimSpace(v)
		return ""
	})
	box.AppendChild(ng)
	box.AppendChild(bg)
	box.AppendChild(el("h4", cls("govuk-heading-s"), text(a.t("pools.partners", fy(y)))))
	for k := range b.Partners {
		box.AppendChild(a.poolPartnerField(find, pid, k, y))
	}
	box.AppendChild(a.poolAddPartner(find, pid))
	remove := button(a.t("pools.remove"), "warning", attr("id", pid+"-remove"), attr("aria-describedby", pid+"-heading"))
	a.view.onClick(remove, func() {
		if a.poolInUse(key) {
			a.setPoolError(pid, a.t("pools.remove.inuse"))
			return
		}
		removeRecord(&a.doc.Resources.PooledBudgets, key, func(b *jsna.PooledBudget) string { return b.ID })
		a.markChanged()
		a.render()
		openPools()
		focus(byID("pools-add"))
		a.announce(a.t("status.removed", heading.TextContent()))
	})
	box.AppendChild(el("p", cls("govuk-error-message"), attr("id", pid+"-error"), attr("aria-live", "polite")))
	box.AppendChild(remove)
	return box
}

func (a *App) setPoolError(pid, msg string) {
	if e := byID(pid + "-error"); e != nil {
		e.SetTextContent(msg)
	}
}

// poolInUse reports whether a funder names the pooled budget key.
func (a *App) poolInUse(key string) bool {
	uses := func(r *jsna.Resourcing) bool {
		if r == nil {
			return false
		}
		for _, f := range r.Funders {
			if f.Kind == jsna.PartnerPooled && f.Budget == key {
				return true
			}
		}
		return false
	}
	for _, w := range a.doc.Wards {
		for _, n := range w.Needs {
			if uses(n.Resourcing) {
				return true
			}
		}
	}
	for _, r := range a.doc.Resources.Recommendations {
		if uses(r.Resourcing) {
			return true
		}
	}
	return false
}

// poolPartnerField is partner k's contribution to the pool in year y.
func (a *App) poolPartnerField(find func() *jsna.PooledBudget, pid string, k, y int) dom.Element {
	part := find().Partners[k]
	id := part.ID
	label := a.partnerName(jsna.Funder{ID: part.ID, Kind: part.Kind, Name: part.Name})
	cur := ""
	if c, ok := part.Contributions[strconv.Itoa(y)]; ok {
		cur = plan.Pounds(c)
	}
	g, in := a.input(field{id: pid + "-partner-" + itoa(k), label: a.t("pools.contribution", label, fy(y)), hint: a.t("costs.money.hint"),
		value: cur, width: "govuk-input--width-10", inputmode: "decimal", labelCls: "govuk-label--s"})
	a.bind(in, func(v string) string {
		b := find()
		var p *jsna.PoolPartner
		for j := range b.Partners {
			if b.Partners[j].ID == id {
				p = &b.Partners[j]
			}
		}
		if p == nil {
			return ""
		}
		if strings.TrimSpace(v) == "" {
			delete(p.Contributions, strconv.Itoa(y))
			return ""
		}
		x, err := plan.ParseMoney(v)
		if err != nil {
			return a.t("costs.money.invalid")
		}
		if p.Contributions == nil {
			p.Contributions = map[string]float64{}
		}
		p.Contributions[strconv.Itoa(y)] = x
		return ""
	})
	return g
}

// poolAddPartner is the choice of a partner to add to the pool, from the
// partners the document names and new ones of each kind.
func (a *App) poolAddPartner(find func() *jsna.PooledBudget, pid string) dom.Element {
	sel := el("select", cls("govuk-select"), attr("id", pid+"-add-partner"), attr("name", pid+"-add-partner"))
	choices := map[string]jsna.Funder{}
	in := map[string]bool{}
	for _, p := range find().Partners {
		in[p.ID] = true
	}
	for _, c := range a.partnerChoices() {
		if c.funder.Kind == jsna.PartnerPooled || in[c.funder.ID] {
			continue
		}
		choices[c.funder.ID] = c.funder
		sel.AppendChild(el("option", attr("value", c.funder.ID), text(c.label)))
	}
	add := button(a.t("pools.partner.add"), "secondary", attr("id", pid+"-add-partner-button"))
	a.view.onClick(add, func() {
		f, ok := choices[value(sel)]
		if !ok {
			return
		}
		b := find()
		b.Partners = append(b.Partners, jsna.PoolPartner{ID: f.ID, Kind: f.Kind, Name: f.Name})
		a.markChanged()
		a.render()
		openPools()
		focus(byID(pid + "-partner-" + itoa(len(b.Partners)-1)))
		a.announce(a.t("status.added", a.partnerName(f)))
	})
	a.view.onEl(sel, "keydown", func(ev js.Value) {
		if ev.Get("key").String() == "Enter" {
			ev.Call("preventDefault")
			add.Underlying().Call("click")
		}
	})
	return el("div", cls("app-score-row"),
		child(el("div", cls("govuk-form-group"),
			child(el("label", cls("govuk-label govuk-label--s"), attr("for", pid+"-add-partner"), text(a.t("pools.partner.choose")))), child(sel))),
		child(el("div", cls("govuk-form-group"), child(add))))
}

//go:build js && wasm

package ui

import (
	"math"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/plan"
	"honnef.co/go/js/dom/v2"
)

// costEditor edits the costs, funders and status of one need's
// recommendation. The form is read whole at each change: when every field
// is valid (costs not negative, a year, funders' shares adding up to 100%)
// it becomes the need's Resourcing; otherwise the need keeps the last
// valid one and the form says what is wrong, so that the document is never
// left invalid.
type costEditor struct {
	a       *App
	fid     string // id prefix of the form's fields
	find    func() *jsna.Need
	fields  map[string]dom.Element
	status  []dom.Element
	funders dom.Element // the funder rows' container
	rows    []funderRow
	shares  dom.Element // the live line about the shares
}

// funderRow is one funder's controls.
type funderRow struct{ partner, share dom.Element }

// partnerChoice is a partner a funder may be: a partner the document
// names already, a pooled budget, or a new partner of a kind.
type partnerChoice struct {
	funder jsna.Funder
	label  string
}

// needResourcing is the costs editor of need find(), folded in a details
// element, with field ids under fid.
func (a *App) needResourcing(fid string, find func() *jsna.Need) dom.Element {
	ce := &costEditor{a: a, fid: fid + "-res", find: find, fields: map[string]dom.Element{}}
	r := find().Resourcing
	if r == nil {
		r = &jsna.Resourcing{}
	}
	money := func(x float64) string {
		if x == 0 {
			return ""
		}
		return plan.Pounds(x)
	}
	year := r.Year
	if year == 0 {
		year = currentFinancialYear()
	}
	basis := r.PriceBasis
	if basis == "" {
		basis = a.t("costs.basis.default", fy(year))
	}
	years := ""
	if r.Years > 0 {
		years = itoa(r.Years)
	}
	row := el("div", cls("app-score-row"))
	for _, f := range []field{
		{id: ce.fid + "-oneoff", label: a.t("costs.oneoff"), hint: a.t("costs.money.hint"), value: money(r.OneOff), width: "govuk-input--width-10", inputmode: "decimal"},
		{id: ce.fid + "-peryear", label: a.t("costs.peryear"), hint: a.t("costs.money.hint"), value: money(r.PerYear), width: "govuk-input--width-10", inputmode: "decimal"},
		{id: ce.fid + "-year", label: a.t("costs.year"), hint: a.t("costs.year.hint"), value: itoa(year), width: "govuk-input--width-4", inputmode: "numeric"},
		{id: ce.fid + "-years", label: a.t("costs.years"), hint: a.t("costs.years.hint"), value: years, width: "govuk-input--width-2", inputmode: "numeric"},
	} {
		f.labelCls = "govuk-label--s"
		g, in := a.input(f)
		ce.fields[f.id] = in
		row.AppendChild(g)
	}
	bg, bin := a.input(field{id: ce.fid + "-basis", label: a.t("costs.basis"), hint: a.t("costs.basis.hint"), value: basis,
		maxLength: 200, labelCls: "govuk-label--s", width: "govuk-!-width-one-half"})
	ce.fields[ce.fid+"-basis"] = bin
	status := r.StatusOrDefault()
	var choices []choice
	for _, s := range []string{jsna.StatusProposed, jsna.StatusAgreed, jsna.StatusFunded} {
		choices = append(choices, choice{value: s, label: a.t("res.status." + s), checked: status == s})
	}
	sg, sins := a.radios(ce.fid+"-status", a.t("costs.status"), "govuk-fieldset__legend--s", "", "", true, true, choices)
	ce.status = sins
	ce.funders = el("div", attr("id", ce.fid+"-funders"))
	ce.shares = el("p", cls("govuk-body-s"), attr("id", ce.fid+"-shares"), attr("aria-live", "polite"))
	for _, f := range r.Funders {
		ce.addRow(f.ID, strconv.FormatFloat(f.Share, 'f', -1, 64))
	}
	add := button(a.t("costs.funder.add"), "secondary", attr("id", ce.fid+"-funder-add"))
	a.view.onClick(add, func() {
		ce.addRow("", "")
		focus(ce.rows[len(ce.rows)-1].partner)
	})
	ce.listen()
	summary := a.t("costs.summary")
	switch {
	case r.OneOff > 0 && r.PerYear > 0:
		summary = a.t("costs.summary.costed", plan.Pounds(r.OneOff), plan.Pounds(r.PerYear))
	case r.OneOff > 0:
		summary = a.t("costs.summary.oneoff", plan.Pounds(r.OneOff))
	case r.PerYear > 0:
		summary = a.t("costs.summary.peryear", plan.Pounds(r.PerYear))
	}
	box := detailsBox(summary, child(el("p", cls("govuk-body"), text(a.t("costs.intro")))), child(row), child(bg), child(sg),
		child(fieldset(a.t("costs.funders"), "govuk-fieldset__legend--s", child(el("div", cls("govuk-hint"), text(a.t("costs.funders.hint")))),
			child(ce.funders), child(ce.shares), child(add))))
	box.SetAttribute("id", ce.fid)
	return box
}

// currentFinancialYear is the financial year today is in, by the year it
// starts (UK financial years start on 1 April).
func currentFinancialYear() int {
	now := time.Now()
	if now.Month() < time.April {
		return now.Year() - 1
	}
	return now.Year()
}

// listen commits the form at every change of its fields.
func (ce *costEditor) listen() {
	for _, in := range ce.fields {
		ce.a.trackEdits(in)
		ce.a.view.onEl(in, "input", func(js.Value) { ce.commit() })
	}
	for _, in := range ce.status {
		ce.a.view.onEl(in, "change", func(js.Value) { ce.commit() })
	}
}

// partnerChoices are the partners a funder may be: those the document
// names, its pooled budgets, and a new partner of each kind not named yet.
func (a *App) partnerChoices() []partnerChoice {
	var out []partnerChoice
	seen := map[string]bool{}
	addChoice := func(f jsna.Funder) {
		if f.ID == "" || seen[f.ID] {
			return
		}
		seen[f.ID] = true
		f.Share = 0
		label := a.partnerName(f)
		if f.Kind == jsna.PartnerPooled {
			label = a.t("costs.partner.pooled", label)
		}
		out = append(out, partnerChoice{funder: f, label: label})
	}
	res := a.doc.Resources
	if res != nil {
		for _, b := range res.PooledBudgets {
			addChoice(jsna.Funder{ID: b.ID, Kind: jsna.PartnerPooled, Name: b.Name, Budget: b.ID})
			for _, p := range b.Partners {
				addChoice(jsna.Funder{ID: p.ID, Kind: p.Kind, Name: p.Name})
			}
		}
	}
	for _, w := range a.doc.Wards {
		for _, n := range w.Needs {
			if n.Resourcing != nil {
				for _, f := range n.Resourcing.Funders {
					addChoice(f)
				}
			}
		}
	}
	for _, k := range jsna.PartnerKinds {
		if k != jsna.PartnerPooled {
			addChoice(jsna.Funder{ID: k, Kind: k})
		}
	}
	return out
}

// addRow adds a funder row with partner id and share chosen.
func (ce *costEditor) addRow(id, share string) {
	a := ce.a
	k := len(ce.rows)
	rid := ce.fid + "-funder-" + itoa(k)
	sel := el("select", cls("govuk-select"), attr("id", rid+"-partner"), attr("name", rid+"-partner"))
	sel.AppendChild(el("option", attr("value", ""), text(a.t("costs.partner.choose"))))
	for _, c := range a.partnerChoices() {
		o := el("option", attr("value", c.funder.ID), text(c.label))
		if c.funder.ID == id {
			o.SetAttribute("selected", "")
		}
		sel.AppendChild(o)
	}
	pg := el("div", cls("govuk-form-group"), attr("id", rid+"-partner-group"),
		child(el("label", cls("govuk-label govuk-label--s"), attr("for", rid+"-partner"), text(a.t("costs.partner", k+1)))), child(sel))
	sg, sin := a.input(field{id: rid + "-share", label: a.t("costs.share", k+1), value: share,
		width: "govuk-input--width-4", inputmode: "decimal", labelCls: "govuk-label--s"})
	remove := button(a.t("costs.funder.remove", k+1), "secondary", attr("id", rid+"-remove"))
	line := el("div", cls("app-score-row"), attr("id", rid), child(pg), child(sg), child(el("div", cls("govuk-form-group"), child(remove))))
	ce.funders.AppendChild(line)
	row := funderRow{partner: sel, share: sin}
	ce.rows = append(ce.rows, row)
	a.view.onEl(sel, "change", func(js.Value) { ce.commit() })
	a.trackEdits(sin)
	a.view.onEl(sin, "input", func(js.Value) { ce.commit() })
	a.view.onClick(remove, func() {
		for i := range ce.rows {
			if ce.rows[i] == row {
				ce.rows = append(ce.rows[:i], ce.rows[i+1:]...)
				break
			}
		}
		line.ParentNode().RemoveChild(line)
		ce.commit()
		focus(byID(ce.fid + "-funder-add"))
		a.announce(a.t("costs.funder.removed"))
	})
}

// commit reads the form and stores it in the need when it is valid.
func (ce *costEditor) commit() {
	a := ce.a
	r, ok := ce.read()
	if !ok {
		return
	}
	n := ce.find()
	if n == nil {
		return
	}
	if old := n.Resourcing; old != nil {
		r.Outcome, r.Extra = old.Outcome, old.Extra
	}
	if !r.Costed() && len(r.Funders) == 0 && r.Status == "" && r.Outcome == nil && len(r.Extra) == 0 {
		r = nil
	}
	n.Resourcing = r
	a.markChanged()
}

// read is the form's Resourcing, and whether every field is valid; it
// shows each field's error as it goes.
func (ce *costEditor) read() (*jsna.Resourcing, bool) {
	a := ce.a
	ok := true
	money := func(id string) float64 {
		s := value(ce.fields[id])
		if strings.TrimSpace(s) == "" {
			a.setFieldError(id, "")
			return 0
		}
		x, err := plan.ParseMoney(s)
		if err != nil {
			a.setFieldError(id, a.t("costs.money.invalid"))
			ok = false
			return 0
		}
		a.setFieldError(id, "")
		return x
	}
	r := &jsna.Resourcing{OneOff: money(ce.fid + "-oneoff"), PerYear: money(ce.fid + "-peryear")}
	yid, nid, bid := ce.fid+"-year", ce.fid+"-years", ce.fid+"-basis"
	// The year is needed only with a cost.
	y, err := strconv.Atoi(strings.TrimSpace(value(ce.fields[yid])))
	if r.Costed() && (err != nil || y < 2000 || y > 2100) {
		a.setFieldError(yid, a.t("costs.year.invalid"))
		ok = false
	} else {
		a.setFieldError(yid, "")
	}
	n := 0
	if s := strings.TrimSpace(value(ce.fields[nid])); s != "" {
		n, err = strconv.Atoi(s)
		if err != nil || n < 1 || n > 100 {
			a.setFieldError(nid, a.t("costs.years.invalid"))
			ok = false
		} else {
			a.setFieldError(nid, "")
		}
	} else {
		a.setFieldError(nid, "")
	}
	basis := strings.TrimSpace(value(ce.fields[bid]))
	a.setFieldError(bid, "")
	if r.Costed() {
		r.Year, r.Years, r.PriceBasis = y, n, basis
		if basis == "" {
			a.setFieldError(bid, a.t("costs.basis.required"))
			ok = false
		}
	}
	for _, in := range ce.status {
		if checked(in) && value(in) != jsna.StatusProposed {
			r.Status = value(in)
		}
	}
	funders, fok := ce.readFunders()
	r.Funders = funders
	return r, ok && fok
}

// readFunders reads the funder rows: each names a partner and a share
// above 0 and at most 100, and the shares add up to 100%.
func (ce *costEditor) readFunders() ([]jsna.Funder, bool) {
	a := ce.a
	choices := map[string]jsna.Funder{}
	for _, c := range a.partnerChoices() {
		choices[c.funder.ID] = c.funder
	}
	var out []jsna.Funder
	ok := true
	total := 0.0
	seen := map[string]bool{}
	for _, row := range ce.rows {
		sid := row.share.ID()
		f, known := choices[value(row.partner)]
		s, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(strings.ReplaceAll(value(row.share), ",", ".")), "%"), 64)
		switch {
		case err != nil || !(s > 0 && s <= 100):
			a.setFieldError(sid, a.t("costs.share.invalid"))
			ok = false
		default:
			a.setFieldError(sid, "")
		}
		if !known || seen[f.ID] {
			ok = false
			continue
		}
		seen[f.ID] = true
		f.Share = s
		total += s
		out = append(out, f)
	}
	msg := ""
	switch {
	case len(ce.rows) > len(out):
		msg = a.t("costs.partner.missing")
	case len(out) > 0 && math.Abs(total-100) > jsna.ShareTolerance+1e-9:
		msg = a.t("costs.shares.sum", strconv.FormatFloat(math.Round(total*100)/100, 'f', -1, 64))
		ok = false
	}
	ce.shares.SetTextContent(msg)
	if msg != "" {
		ce.shares.SetAttribute("class", "govuk-error-message")
	} else {
		ce.shares.SetAttribute("class", "govuk-body-s")
	}
	return out, ok
}

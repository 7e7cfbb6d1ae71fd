//go:build js && wasm

package ui

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// pearlQuestions are the five PEARL answers, in the order of the test.
var pearlQuestions = []string{"propriety", "economics", "acceptability", "resources", "legality"}

// pearlAnswer returns the pointer to one PEARL answer of p.
func pearlAnswer(p *jsna.Pearl, q string) **bool {
	switch q {
	case "propriety":
		return &p.Propriety
	case "economics":
		return &p.Economics
	case "acceptability":
		return &p.Acceptability
	case "resources":
		return &p.Resources
	default:
		return &p.Legality
	}
}

// parseScore reads a Hanlon score: a number from 0 to 10 (a decimal comma
// is accepted as well as a point).
func parseScore(s string) (float64, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 10 || f != f {
		return 0, false
	}
	return f, true
}

// fmtScore writes a score without a trailing ".0".
func fmtScore(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// renderNeeds edits the ward's needs: title, linked indicators, the Hanlon
// scores, the PEARL answers and the recommendation, showing the basic
// priority rating as the scores change.
func (a *App) renderNeeds(w *jsna.Ward) dom.Node {
	v := el("div")
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("needs.intro"))))
	v.AppendChild(detailsBox(a.t("needs.method.summary"),
		child(el("p", cls("govuk-body"), text(a.t("needs.method.bpr")))),
		child(el("p", cls("govuk-body"), text(a.t("needs.method.pearl"))))))
	if len(w.Needs) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("needs.none"))))
	}
	for i := range w.Needs {
		v.AppendChild(a.needEditor(w, i))
	}

	v.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("needs.add.heading"))))
	ng, title := a.input(a.newTextField(field{id: "new-need-title", label: a.t("needs.title"), hint: a.t("needs.title.hint"), maxLength: 500, spell: true}))
	add := button(a.t("needs.add.button"), "secondary", attr("id", "add-need"))
	addNeed := func() {
		t := strings.TrimSpace(value(title))
		if t == "" {
			a.setFieldError("new-need-title", a.t("needs.title.required"))
			focus(title)
			return
		}
		n := jsna.Need{ID: newKey("need")}
		a.setNew(n.Texts(), "title", t)
		w.Needs = append(w.Needs, n)
		a.recordAdded("need-"+itoa(len(w.Needs)-1)+"-size", a.t("status.added", t))
	}
	a.view.onClick(add, addNeed)
	// Enter in the title adds the need, as it would submit a one-field form.
	a.view.onEl(title, "keydown", func(ev js.Value) {
		if ev.Get("key").String() == "Enter" && !ev.Get("isComposing").Bool() {
			ev.Call("preventDefault")
			addNeed()
		}
	})
	v.AppendChild(ng)
	v.AppendChild(add)
	return v
}

// needEditor is the form for need i of w: its title, the Hanlon scores,
// the PEARL answers and the basic priority rating they give, the linked
// indicators, the recommendation, and a button to remove it.
func (a *App) needEditor(w *jsna.Ward, i int) dom.Element {
	key := w.Needs[i].ID
	find := func() *jsna.Need { return recordByID(w.Needs, key, needID) }
	texts := func() []jsna.Bilingual { return textsOf(find()) }
	n := &w.Needs[i]
	fid := "need-" + itoa(i)
	box := el("div", cls("app-record"), attr("id", fid))
	heading := el("h3", cls("govuk-heading-m"), attr("id", fid+"-heading"), text(a.shownText(jsna.TextNamed(n.Texts(), "title"))))
	box.AppendChild(heading)

	tg, title := a.input(field{id: fid + "-title", label: a.t("needs.title"), value: n.Title, maxLength: 500, spell: true})
	a.bind(title, func(v string) string {
		v = strings.TrimSpace(v)
		if v == "" && a.requiredIn(jsna.English) {
			return a.t("needs.title.required")
		}
		find().Title = v
		setText(heading, a.shownText(jsna.TextNamed(find().Texts(), "title")))
		return ""
	})
	box.AppendChild(a.bilingualPair(tg, "title", texts))

	// The basic priority rating, updated as the scores change.
	bpr := el("div", cls("app-bpr"), attr("id", fid+"-bpr"), attr("aria-live", "polite"), attr("aria-atomic", "true"))
	showBPR := func() {
		empty(bpr)
		for _, c := range a.bprLines(*find()) {
			bpr.AppendChild(c)
		}
	}
	box.AppendChild(a.needScores(fid, n, find, showBPR))
	box.AppendChild(el("h4", cls("govuk-heading-s"), text(a.t("needs.pearl.heading"))))
	box.AppendChild(a.needPearl(fid, n, find, showBPR))
	showBPR()
	box.AppendChild(bpr)
	if ind := a.needIndicators(fid, n, find); ind != nil {
		box.AppendChild(ind)
	}

	rg, rec := a.textarea(field{id: fid + "-recommendation", label: a.t("needs.recommendation"), hint: a.t("needs.recommendation.hint"), value: n.Recommendation, rows: 4, maxLength: 20000})
	a.bind(rec, func(v string) string { find().Recommendation = v; return "" })
	box.AppendChild(a.bilingualPair(rg, "recommendation", texts))
	box.AppendChild(a.needResourcing(fid, find)) // costs.go

	remove := button(a.t("needs.remove"), "warning", attr("id", fid+"-remove"), attr("aria-describedby", fid+"-heading"))
	a.view.onClick(remove, func() {
		removeRecord(&w.Needs, key, needID)
		a.recordRemoved(a.t("status.removed", heading.TextContent()))
	})
	box.AppendChild(remove)
	return box
}

// needID is the key of a need, for recordByID and removeRecord.
func needID(n *jsna.Need) string { return n.ID }

// needScores is the fieldset of need n's three Hanlon scores (size,
// seriousness, effectiveness), whose fields have ids fid-size and so on.
// A valid score is stored in find() as it is typed and changed is called;
// any other keeps the last good score and shows an error.
func (a *App) needScores(fid string, n *jsna.Need, find func() *jsna.Need, changed func()) dom.Element {
	scores := el("div", cls("app-score-row"))
	for _, sc := range []struct {
		name, label, hint string
		get               func(*jsna.Need) *float64
	}{
		{"size", a.t("needs.size"), a.t("needs.size.hint"), func(n *jsna.Need) *float64 { return &n.Size }},
		{"seriousness", a.t("needs.seriousness"), a.t("needs.seriousness.hint"), func(n *jsna.Need) *float64 { return &n.Seriousness }},
		{"effectiveness", a.t("needs.effectiveness"), a.t("needs.effectiveness.hint"), func(n *jsna.Need) *float64 { return &n.Effectiveness }},
	} {
		g, in := a.input(field{id: fid + "-" + sc.name, label: sc.label, hint: sc.hint, value: fmtScore(*sc.get(n)),
			width: "govuk-input--width-3", inputmode: "decimal", labelCls: "govuk-label--s"})
		get := sc.get
		a.bind(in, func(v string) string {
			f, ok := parseScore(v)
			if !ok {
				return a.t("needs.score.invalid")
			}
			*get(find()) = f
			changed()
			return ""
		})
		scores.AppendChild(g)
	}
	return fieldset(a.t("needs.scores"), "govuk-fieldset__legend--s", child(scores))
}

// needPearl is the five PEARL questions of need n, each answered yes, no
// or not yet with inline radios named fid-pearl-<question>. An answer is
// stored in find() as it is chosen and changed is called.
func (a *App) needPearl(fid string, n *jsna.Need, find func() *jsna.Need, changed func()) dom.Element {
	pearlBox := el("div", cls("app-pearl"))
	for _, q := range pearlQuestions {
		var cur *bool
		if n.Pearl != nil {
			cur = *pearlAnswer(n.Pearl, q)
		}
		choices := []choice{
			{value: "yes", label: a.t("needs.pearl.yes"), checked: cur != nil && *cur},
			{value: "no", label: a.t("needs.pearl.no"), checked: cur != nil && !*cur},
			{value: "", label: a.t("needs.pearl.unanswered"), checked: cur == nil},
		}
		g, inputs := a.radios(fid+"-pearl-"+q, a.t("needs.pearl."+q), "govuk-fieldset__legend--s", a.t("needs.pearl."+q+".hint"), "", true, true, choices)
		q := q
		for _, in := range inputs {
			in := in
			a.view.onEl(in, "change", func(js.Value) {
				nd := find()
				if nd.Pearl == nil {
					nd.Pearl = &jsna.Pearl{}
				}
				ans := pearlAnswer(nd.Pearl, q)
				switch value(in) {
				case "yes":
					t := true
					*ans = &t
				case "no":
					f := false
					*ans = &f
				default:
					*ans = nil
				}
				a.markChanged()
				changed()
			})
		}
		pearlBox.AppendChild(g)
	}
	return pearlBox
}

// needIndicators is the checkboxes, folded in a details element, that link
// need n to the document's indicators; a change is stored in find() at
// once. It is nil when the document has no indicators.
func (a *App) needIndicators(fid string, n *jsna.Need, find func() *jsna.Need) dom.Element {
	var ic []choice
	linked := map[string]bool{}
	for _, id := range n.Indicators {
		linked[id] = true
	}
	for i := range a.doc.Indicators {
		ind := &a.doc.Indicators[i]
		ic = append(ic, choice{value: ind.ID, label: a.indicatorName(a.doc, ind), checked: linked[ind.ID]})
	}
	if len(ic) == 0 {
		return nil
	}
	ig, inputs := a.checkboxes(fid+"-indicators", a.t("needs.indicators"), "govuk-fieldset__legend--s", a.t("needs.indicators.hint"), true, ic)
	filter := a.indicatorFilter(fid+"-indicators-filter", ic, inputs)
	for _, in := range inputs {
		a.view.onEl(in, "change", func(js.Value) {
			nd := find()
			var ids []string
			for _, x := range inputs {
				if checked(x) {
					ids = append(ids, value(x))
				}
			}
			nd.Indicators = ids
			a.markChanged()
		})
	}
	return detailsBox(a.t("needs.indicators.summary", len(n.Indicators)), child(filter), child(ig))
}

// indicatorFilter is a field, with id id, that narrows the indicator
// checkboxes inputs (for the choices ic) to those whose name or id holds
// what is typed; a ticked box always stays. A live line says how many
// show.
func (a *App) indicatorFilter(id string, ic []choice, inputs []dom.Element) dom.Element {
	g, in := a.input(field{id: id, label: a.t("needs.indicators.filter"), hint: a.t("needs.indicators.filter.hint"),
		maxLength: 200, labelCls: "govuk-label--s", width: "govuk-!-width-two-thirds"})
	in.SetAttribute("type", "search")
	in.SetAttribute("autocomplete", "off")
	status := el("p", cls("govuk-body-s"), attr("id", id+"-status"), attr("aria-live", "polite"))
	g.AppendChild(status)
	a.view.onEl(in, "input", func(js.Value) {
		q := strings.ToLower(strings.TrimSpace(value(in)))
		shown := 0
		for i, x := range inputs {
			match := q == "" || checked(x) || strings.Contains(strings.ToLower(ic[i].label), q) || strings.Contains(strings.ToLower(ic[i].value), q)
			display := "none"
			if match {
				display = ""
			}
			x.ParentElement().Underlying().Get("style").Set("display", display)
			if match {
				shown++
			}
		}
		if q == "" {
			status.SetTextContent("")
			return
		}
		status.SetTextContent(a.tn("needs.indicators.filter.shown", len(inputs), shown))
	})
	return g
}

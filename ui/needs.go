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
	v.AppendChild(el("details", cls("govuk-details"),
		child(el("summary", cls("govuk-details__summary"), child(el("span", cls("govuk-details__summary-text"), text(a.t("needs.method.summary")))))),
		child(el("div", cls("govuk-details__text"),
			child(el("p", cls("govuk-body"), text(a.t("needs.method.bpr")))),
			child(el("p", cls("govuk-body"), text(a.t("needs.method.pearl"))))))))
	if len(w.Needs) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("needs.none"))))
	}
	for i := range w.Needs {
		v.AppendChild(a.needEditor(w, i))
	}

	v.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("needs.add.heading"))))
	ng, title := a.input(field{id: "new-need-title", label: a.t("needs.title"), hint: a.t("needs.title.hint"), maxLength: 500, spell: true})
	add := button(a.t("needs.add.button"), "secondary", attr("id", "add-need"))
	a.view.onClick(add, func() {
		t := strings.TrimSpace(value(title))
		if t == "" {
			a.setFieldError("new-need-title", a.t("needs.title.required"))
			focus(title)
			return
		}
		w.Needs = append(w.Needs, jsna.Need{ID: newKey("need"), Title: t})
		a.markChanged()
		a.render()
		focus(byID("need-" + itoa(len(w.Needs)-1) + "-size"))
		a.announce(a.t("status.added", t))
	})
	v.AppendChild(ng)
	v.AppendChild(add)
	return v
}

// needEditor is the form for need i of w.
func (a *App) needEditor(w *jsna.Ward, i int) dom.Element {
	key := w.Needs[i].ID
	find := func() *jsna.Need {
		for j := range w.Needs {
			if w.Needs[j].ID == key {
				return &w.Needs[j]
			}
		}
		return nil
	}
	n := &w.Needs[i]
	fid := "need-" + itoa(i)
	box := el("div", cls("app-record"), attr("id", fid))
	heading := el("h3", cls("govuk-heading-m"), attr("id", fid+"-heading"), text(n.Title))
	box.AppendChild(heading)

	tg, title := a.input(field{id: fid + "-title", label: a.t("needs.title"), value: n.Title, maxLength: 500, spell: true})
	a.bind(title, func(v string) string {
		v = strings.TrimSpace(v)
		if v == "" {
			return a.t("needs.title.required")
		}
		find().Title = v
		heading.SetTextContent(v)
		return ""
	})
	box.AppendChild(tg)

	// The basic priority rating, updated as the scores change.
	bpr := el("div", cls("app-bpr"), attr("id", fid+"-bpr"), attr("aria-live", "polite"), attr("aria-atomic", "true"))
	showBPR := func() {
		empty(bpr)
		for _, c := range a.bprLines(*find()) {
			bpr.AppendChild(c)
		}
	}

	// Hanlon scores.
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
			showBPR()
			return ""
		})
		scores.AppendChild(g)
	}
	box.AppendChild(fieldset(a.t("needs.scores"), "govuk-fieldset__legend--s", child(scores)))

	// PEARL.
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
				showBPR()
			})
		}
		pearlBox.AppendChild(g)
	}
	box.AppendChild(el("h4", cls("govuk-heading-s"), text(a.t("needs.pearl.heading"))))
	box.AppendChild(pearlBox)

	showBPR()
	box.AppendChild(bpr)

	// Linked indicators.
	var ic []choice
	linked := map[string]bool{}
	for _, id := range n.Indicators {
		linked[id] = true
	}
	for _, ind := range a.doc.Indicators {
		ic = append(ic, choice{value: ind.ID, label: ind.Name, checked: linked[ind.ID]})
	}
	if len(ic) > 0 {
		ig, inputs := a.checkboxes(fid+"-indicators", a.t("needs.indicators"), "govuk-fieldset__legend--s", a.t("needs.indicators.hint"), true, ic)
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
		box.AppendChild(el("details", cls("govuk-details"),
			child(el("summary", cls("govuk-details__summary"), child(el("span", cls("govuk-details__summary-text"), text(a.t("needs.indicators.summary", len(n.Indicators))))))),
			child(el("div", cls("govuk-details__text"), child(ig)))))
	}

	rg, rec := a.textarea(field{id: fid + "-recommendation", label: a.t("needs.recommendation"), hint: a.t("needs.recommendation.hint"), value: n.Recommendation, rows: 4, maxLength: 20000})
	a.bind(rec, func(v string) string { find().Recommendation = v; return "" })
	box.AppendChild(rg)

	remove := button(a.t("needs.remove"), "warning", attr("id", fid+"-remove"), attr("aria-describedby", fid+"-heading"))
	a.view.onClick(remove, func() {
		for j := range w.Needs {
			if w.Needs[j].ID == key {
				w.Needs = append(w.Needs[:j], w.Needs[j+1:]...)
				break
			}
		}
		a.markChanged()
		a.render()
		focus(byID("page-heading"))
		a.announce(a.t("status.removed", heading.TextContent()))
	})
	box.AppendChild(remove)
	return box
}

//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// accessForm asks for the assessment and the token, and shows what the
// hub said of them.
func (h *hubState) accessForm() dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-access-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-access-heading"), attr("tabindex", "-1"), text(a.t("hub.access.heading"))))
	ag, assess := a.input(field{id: "hub-assessment", label: a.t("hub.assessment"), hint: a.t("hub.assessment.hint"),
		value: h.assessment, labelCls: "govuk-label--s", spell: false, maxLength: 200, width: "govuk-!-width-two-thirds"})
	sec.AppendChild(ag)
	tokenValue := h.token(h.assessment)
	if tokenValue == "" {
		tokenValue = h.typed
	}
	tg, tok := a.input(field{id: "hub-token", label: a.t("hub.token"), hint: a.t("hub.token.hint"),
		value: tokenValue, typ: "password", autocomp: "off", labelCls: "govuk-label--s", spell: false, maxLength: 200,
		width: "govuk-!-width-two-thirds"})
	sec.AppendChild(tg)
	remember, remInputs := a.checkboxes("hub-remember", a.t("hub.remember.legend"), "govuk-fieldset__legend--s", a.t("hub.remember.hint"), true,
		[]choice{{value: "yes", label: a.t("hub.remember"), checked: h.remembered[h.assessment]}})
	sec.AppendChild(remember)

	a.view.onEl(assess, "input", func(js.Value) {
		h.assessment = strings.TrimSpace(value(assess))
		a.setFieldError("hub-assessment", "")
	})
	a.view.onEl(tok, "input", func(js.Value) {
		h.typed = strings.TrimSpace(value(tok))
		a.setFieldError("hub-token", "")
	})

	check := button(a.t("hub.check"), "", attr("id", "hub-check"))
	a.view.onClick(check, func() { h.checkPressed(assess, tok, remInputs[0]) })
	buttons := el("div", cls("govuk-button-group"), child(check))
	if h.remembered[h.assessment] {
		forget := button(a.t("hub.forget"), "secondary", attr("id", "hub-forget"))
		a.view.onClick(forget, func() {
			id := h.assessment
			delete(h.remembered, id)
			delete(h.tokens, id)
			delete(h.access, id)
			h.saveTokens()
			a.problems = nil
			h.redraw("hub-token")
			a.announce(a.t("hub.status.forgotten"))
		})
		buttons.AppendChild(forget)
	}
	sec.AppendChild(buttons)

	if acc := h.access[h.assessment]; acc != nil && h.token(h.assessment) != "" {
		sec.AppendChild(h.accessSummary(acc))
	} else if why := h.accessErr[h.assessment]; why != "" {
		sec.AppendChild(el("p", cls("govuk-body"), attr("id", "hub-access-error"), text(why)))
	}
	return sec
}

// checkPressed checks the form's assessment id and token and, when both
// are there, keeps the token and asks the hub what it may do.
func (h *hubState) checkPressed(assess, tok, remember dom.Element) {
	a := h.a
	id := strings.TrimSpace(value(assess))
	t := strings.TrimSpace(value(tok))
	var items []problemItem
	a.setFieldError("hub-assessment", "")
	a.setFieldError("hub-token", "")
	if !hubIDPattern.MatchString(id) {
		msg := a.t("hub.assessment.required")
		if id != "" {
			msg = a.t("hub.assessment.invalid")
		}
		a.setFieldError("hub-assessment", msg)
		items = append(items, problemItem{text: msg, href: "#hub-assessment"})
	}
	if t == "" {
		a.setFieldError("hub-token", a.t("hub.token.required"))
		items = append(items, problemItem{text: a.t("hub.token.required"), href: "#hub-token"})
	}
	if len(items) > 0 {
		a.showProblems(&problemList{title: a.t("error.title"), items: items})
		return
	}
	if h.busy {
		return
	}
	h.assessment, h.typed = id, ""
	h.setToken(id, t, checked(remember))
	h.box.retryAll()
	a.spawn(func() { h.check(id, true) })
}

// accessSummary shows what the hub said of a token.
func (h *hubState) accessSummary(acc *hubAccess) dom.Element {
	a := h.a
	return summaryList("hub-access", [][2]string{
		{a.t("hub.access.assessment"), a.t("hub.access.assessment.value", acc.Title, acc.Assessment)},
		{a.t("hub.access.role"), a.t("hub.role." + acc.Role)},
		{a.t("hub.access.label"), acc.Label},
		{a.t("hub.access.master"), a.t("hub.access.master.value", acc.Master.Seq, a.tn("count.conflicts.open", acc.Master.OpenConflicts))},
		{a.t("hub.access.drafts"), a.tn("hub.access.drafts.value", acc.Drafts.Pending, acc.Drafts.Total)},
	})
}

// refreshAccess asks the hub again what the token for assessment may
// see (the master's revision, the drafts on the hub) after a send or a
// merge, and updates the summary where it is. Failures change nothing. It
// blocks.
func (h *hubState) refreshAccess(assessment string) {
	token := h.token(assessment)
	if token == "" || h.access[assessment] == nil {
		return
	}
	res, err := hubFetch("GET", hubPath(assessment), token, nil)
	if err != nil || res.status != 200 {
		return
	}
	var acc hubAccess
	if json.Unmarshal(res.body, &acc) != nil || h.token(assessment) != token {
		return
	}
	h.access[assessment] = &acc
	if old := byID("hub-access"); old != nil && h.onView() && h.assessment == assessment {
		old.ParentNode().ReplaceChild(h.accessSummary(&acc), old)
	}
}

// check asks the hub what the token for assessment may do. interactive
// is a press of "Check token": the answer moves focus, and a refusal goes
// to the error summary. It blocks.
func (h *hubState) check(assessment string, interactive bool) {
	a := h.a
	token := h.token(assessment)
	if token == "" {
		return
	}
	h.busy = true
	defer func() { h.busy = false }()
	if interactive {
		a.announce(a.t("hub.status.checking"))
	}
	if h.ensureProbe() == probeNoHub {
		if interactive {
			a.showError(a.t("hub.conn.none", origin()))
		}
		return
	}
	res, err := hubFetch("GET", hubPath(assessment), token, nil)
	if err != nil || retryable(res.status) {
		why := ""
		if err != nil {
			why = a.t("hub.check.offline")
		} else {
			why = a.t("hub.check.failed", res.status)
		}
		h.accessErr[assessment] = why
		if interactive && h.onView() {
			h.redraw("hub-access-heading")
			a.announce(why)
		}
		return
	}
	if res.status != 200 {
		msg := a.t("hub.why.status", res.status)
		if e := res.apiError(); e != nil {
			msg = e.Message
		}
		why := a.t("hub.check.refused", msg)
		h.dropToken(assessment, token)
		h.typed = token // shown again, with the error
		h.accessErr[assessment] = why
		if !h.onView() {
			return
		}
		if interactive {
			h.redraw("")
			a.setFieldError("hub-token", why)
			a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: why, href: "#hub-token"}}})
		} else {
			h.redraw("")
		}
		return
	}
	var acc hubAccess
	if err := json.Unmarshal(res.body, &acc); err != nil {
		h.accessErr[assessment] = a.t("hub.why.garbled", res.status)
		return
	}
	h.access[assessment] = &acc
	delete(h.accessErr, assessment)
	h.box.retryAll()
	if !h.onView() {
		return
	}
	if interactive {
		a.problems = nil
		h.redraw("hub-access-heading")
		a.announce(a.t("hub.status.checked", acc.Label, a.t("hub.role."+acc.Role)))
	} else {
		h.redraw("")
	}
}

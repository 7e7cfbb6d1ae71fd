//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"strings"

	"honnef.co/go/js/dom/v2"
)

// The tokens page (#/hub-tokens) is the coordinator's: every token of the
// assessment, with buttons to revoke one or to rotate it (a new token for
// the same person, the old one revoked), a form to make one for a new
// person, and the hub's audit log of who sent, merged, resolved and
// revoked what. A token is shown once, when made; the page keeps it only
// until the next token is made or the page is reloaded.

func init() {
	registerView("hub-tokens", extraView{render: func(a *App, r route) dom.Node { return a.renderHubTokens() }})
}

// hubToken is a token as GET …/tokens lists it.
type hubToken struct {
	ID        string `json:"id"`
	Identity  string `json:"identity"`
	Role      string `json:"role"`
	Label     string `json:"label"`
	CreatedAt string `json:"created_at"`
	RevokedAt string `json:"revoked_at"`
}

// hubIssued is a token just made, as the hub shows it once.
type hubIssued struct {
	Role  string `json:"role"`
	Label string `json:"label"`
	Token string `json:"token"`
	ID    string `json:"id"`
}

// hubAuditEntry is one entry of GET …/audit.
type hubAuditEntry struct {
	Seq    int    `json:"seq"`
	At     string `json:"at"`
	Actor  string `json:"actor"`
	Role   string `json:"role"`
	Action string `json:"action"`
	Target string `json:"target"`
}

// hubTokens is the tokens page's state, for one assessment.
type hubTokens struct {
	assessment string
	tokens     []hubToken
	audit      []hubAuditEntry
	retention  int
	loaded     bool
	err        string     // why the last load failed
	issued     *hubIssued // the token last made, shown once
}

// auditLimit is how many audit entries the page shows, newest first.
const auditLimit = 200

// tokensState returns the tokens page's state for the assessment in the
// hub form, starting afresh when that changed.
func (h *hubState) tokensState() *hubTokens {
	if h.toks == nil || h.toks.assessment != h.assessment {
		h.toks = &hubTokens{assessment: h.assessment}
	}
	return h.toks
}

// renderHubTokens is the tokens page.
func (a *App) renderHubTokens() dom.Node {
	h := a.hubState()
	a.setTitle(a.t("hub.tokens.title"))
	v := el("div", cls("govuk-grid-row"))
	col := el("div", cls("govuk-grid-column-full"))
	v.AppendChild(col)
	col.AppendChild(h1(a.t("hub.tokens.title")))
	acc := h.access[h.assessment]
	if acc == nil || acc.Role != "coordinator" || h.token(h.assessment) == "" {
		col.AppendChild(el("p", cls("govuk-body"), attr("id", "hub-tokens-none"), text(a.t("hub.tokens.coordinator")+" "),
			child(link("#/hub", a.t("hub.tokens.back")))))
		return v
	}
	ts := h.tokensState()
	col.AppendChild(el("p", cls("govuk-body-l"), text(a.t("hub.tokens.lede", acc.Title))))
	if ts.issued != nil {
		col.AppendChild(h.issuedPanel(ts.issued))
	}
	col.AppendChild(h.newTokenForm())
	col.AppendChild(h.tokenTable(ts))
	col.AppendChild(h.auditTable(ts))
	if !ts.loaded && !h.busy {
		a.spawn(func() { h.loadTokens(ts.assessment, "") })
	}
	return v
}

// issuedPanel shows a token just made, once.
func (h *hubState) issuedPanel(it *hubIssued) dom.Element {
	a := h.a
	return el("div", cls("govuk-panel govuk-panel--confirmation"), attr("id", "hub-token-issued"), attr("tabindex", "-1"),
		child(el("h2", cls("govuk-panel__title govuk-!-font-size-27"), text(a.t("hub.tokens.issued", it.Label)))),
		child(el("div", cls("govuk-panel__body govuk-!-font-size-19"),
			child(el("p", cls("govuk-body"), text(a.t("hub.tokens.issued.body")))),
			child(el("code", attr("id", "hub-token-value"), text(it.Token))))))
}

// newTokenForm makes a token for a new person.
func (h *hubState) newTokenForm() dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-new-token-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-new-token-heading"), text(a.t("hub.tokens.new"))))
	lg, label := a.input(field{id: "hub-new-label", label: a.t("hub.tokens.label"), hint: a.t("hub.tokens.label.hint"),
		labelCls: "govuk-label--s", maxLength: 200, width: "govuk-!-width-two-thirds"})
	sec.AppendChild(lg)
	rg, roles := a.radios("hub-new-role", a.t("hub.tokens.role"), "govuk-fieldset__legend--s", "", "", false, true, []choice{
		{value: "contributor", label: a.t("hub.tokens.role.contributor"), checked: true},
		{value: "coordinator", label: a.t("hub.tokens.role.coordinator")},
	})
	sec.AppendChild(rg)
	makeBtn := button(a.t("hub.tokens.make"), "", attr("id", "hub-new-token"))
	a.view.onClick(makeBtn, func() {
		l := strings.TrimSpace(value(label))
		a.setFieldError("hub-new-label", "")
		if l == "" {
			a.setFieldError("hub-new-label", a.t("hub.tokens.label.required"))
			a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("hub.tokens.label.required"), href: "#hub-new-label"}}})
			return
		}
		role := "contributor"
		if checked(roles[1]) {
			role = "coordinator"
		}
		body, _ := json.Marshal(map[string]string{"role": role, "label": l})
		a.spawn(func() { h.tokenRequest(hubPath(h.assessment, "tokens"), body, a.t("hub.tokens.made", l)) })
	})
	sec.AppendChild(makeBtn)
	return sec
}

// tokenTable lists the tokens, with revoke and rotate buttons for those
// that work.
func (h *hubState) tokenTable(ts *hubTokens) dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-tokens-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-tokens-heading"), attr("tabindex", "-1"), text(a.t("hub.tokens.heading"))))
	switch {
	case ts.err != "":
		sec.AppendChild(el("p", cls("govuk-body"), attr("id", "hub-tokens-error"), text(ts.err)))
		return sec
	case !ts.loaded:
		sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.tokens.loading"))))
		return sec
	}
	t := el("table", cls("govuk-table"), attr("id", "hub-tokens-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("hub.tokens.heading"))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("hub.tokens.col.label"), false)), child(th(a.t("hub.tokens.col.role"), false)),
		child(th(a.t("hub.tokens.col.id"), false)), child(th(a.t("hub.tokens.col.made"), false)),
		child(th(a.t("hub.tokens.col.state"), false)), child(th(a.t("hub.tokens.col.actions"), false))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, tk := range ts.tokens {
		body.AppendChild(h.tokenRow(tk))
	}
	t.AppendChild(body)
	sec.AppendChild(el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"),
		attr("aria-labelledby", "hub-tokens-heading"), child(t)))
	return sec
}

// tokenRow is one token's row.
func (h *hubState) tokenRow(tk hubToken) dom.Element {
	a := h.a
	state := tag(a.t("hub.tokens.active"), "green")
	if tk.RevokedAt != "" {
		state = el("span", child(tag(a.t("hub.tokens.revoked"), "grey")), text(" "+a.whenText(tk.RevokedAt)))
	}
	actions := el("td", cls("govuk-table__cell"))
	if tk.RevokedAt == "" {
		which := el("span", cls("govuk-visually-hidden"), text(" "+a.t("hub.tokens.which", tk.Label, tk.ID)))
		rotate := button(a.t("hub.tokens.rotate"), "secondary", attr("id", "hub-rotate-"+tk.ID), child(which))
		revoke := button(a.t("hub.tokens.revoke"), "warning", attr("id", "hub-revoke-"+tk.ID),
			child(el("span", cls("govuk-visually-hidden"), text(" "+a.t("hub.tokens.which", tk.Label, tk.ID)))))
		id, label := tk.ID, tk.Label
		a.view.onClick(rotate, func() {
			a.spawn(func() {
				h.tokenRequest(hubPath(h.assessment, "tokens", id, "rotate"), []byte("{}"), a.t("hub.tokens.rotated", label))
			})
		})
		a.view.onClick(revoke, func() {
			a.spawn(func() {
				h.tokenRequest(hubPath(h.assessment, "tokens", id, "revoke"), []byte("{}"), a.t("hub.tokens.revoked.done", label))
			})
		})
		actions.AppendChild(el("div", cls("govuk-button-group"), child(rotate), child(revoke)))
	}
	return el("tr", cls("govuk-table__row"),
		child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(tk.Label))),
		child(td(a.t("hub.tokens.role."+tk.Role), false)),
		child(el("td", cls("govuk-table__cell"), child(el("code", text(tk.ID))))),
		child(td(a.whenText(tk.CreatedAt), false)),
		child(el("td", cls("govuk-table__cell"), child(state))),
		child(actions))
}

// auditTable shows the newest entries of the audit log.
func (h *hubState) auditTable(ts *hubTokens) dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-audit-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-audit-heading"), text(a.t("hub.audit.heading"))))
	if !ts.loaded {
		return sec
	}
	sec.AppendChild(el("p", cls("govuk-body"), attr("id", "hub-audit-retention"), text(a.tn("hub.audit.retention", ts.retention, auditLimit))))
	t := el("table", cls("govuk-table"), attr("id", "hub-audit-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("hub.audit.heading"))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("hub.audit.col.when"), false)), child(th(a.t("hub.audit.col.who"), false)),
		child(th(a.t("hub.audit.col.what"), false)), child(th(a.t("hub.audit.col.target"), false))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, e := range ts.audit {
		// An action this version does not know is shown as the hub names it.
		what := a.t("hub.audit.action." + e.Action)
		if what == "hub.audit.action."+e.Action {
			what = e.Action
		}
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(td(a.whenText(e.At), false)), child(td(e.Actor, false)),
			child(td(what, false)), child(el("td", cls("govuk-table__cell"), child(el("code", text(e.Target)))))))
	}
	t.AppendChild(body)
	// A long log scrolls in its own region, which the keyboard can reach.
	sec.AppendChild(el("div", cls("app-table-wrap"), attr("tabindex", "0"), attr("role", "region"),
		attr("aria-labelledby", "hub-audit-heading"), child(t)))
	return sec
}

// loadTokens fetches the token list and the audit log, draws the page
// again and announces done, if given. It blocks.
func (h *hubState) loadTokens(assessment, done string) {
	a := h.a
	token := h.token(assessment)
	ts := h.tokensState()
	h.busy = true
	defer func() { h.busy = false }()
	var list struct {
		Tokens []hubToken `json:"tokens"`
	}
	var audit struct {
		Retention int             `json:"retention_days"`
		Entries   []hubAuditEntry `json:"entries"`
	}
	for _, q := range []struct {
		path string
		v    any
	}{{hubPath(assessment, "tokens"), &list}, {hubPath(assessment, "audit") + "?limit=" + itoa(auditLimit), &audit}} {
		res, err := hubFetch("GET", q.path, token, nil)
		switch {
		case err != nil:
			ts.err = a.t("hub.tokens.offline")
		case res.status != 200:
			ts.err = a.t("hub.tokens.failed", res.message(a))
		case json.Unmarshal(res.body, q.v) != nil:
			ts.err = a.t("hub.why.garbled", res.status)
		default:
			continue
		}
		break
	}
	if ts.err == "" {
		ts.tokens, ts.audit, ts.retention, ts.loaded = list.Tokens, audit.Entries, audit.Retention, true
	}
	if h.a.route.view == "hub-tokens" {
		focusID := ""
		if ts.issued != nil && done != "" {
			focusID = "hub-token-issued"
		}
		h.redraw(focusID)
	}
	if done != "" {
		a.announce(done)
	}
}

// tokenRequest makes, rotates or revokes a token, then loads the list
// again. A new token (made or rotated) is shown once. It blocks.
func (h *hubState) tokenRequest(path string, body []byte, done string) {
	a := h.a
	if h.busy {
		return
	}
	assessment := h.assessment
	res, err := hubFetch("POST", path, h.token(assessment), body)
	if err != nil {
		a.showError(a.t("hub.tokens.offline"))
		return
	}
	if res.status != 200 && res.status != 201 {
		a.showError(a.t("hub.tokens.failed", res.message(a)))
		return
	}
	var made struct {
		Token json.RawMessage `json:"token"`
	}
	ts := h.tokensState()
	ts.issued = nil
	var it hubIssued
	if json.Unmarshal(res.body, &made) == nil && len(made.Token) > 0 && json.Unmarshal(made.Token, &it) == nil && it.Token != "" {
		ts.issued = &it
	} else if json.Unmarshal(res.body, &it) == nil && it.Token != "" {
		ts.issued = &it
	}
	a.problems = nil
	ts.loaded, ts.err = false, ""
	h.loadTokens(assessment, done)
}

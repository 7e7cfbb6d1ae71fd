//go:build js && wasm

package ui

import (
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"
)

// The pages every UK public-sector service publishes, linked from the
// footer: the accessibility statement (as GOV.UK's model statement has
// it), the privacy notice and the feedback page the phase banner links to.
// The deployer names who runs the copy and where feedback goes in two meta
// tags of static/index.html (README.md, "Deploying"): wardwise-operator
// and wardwise-feedback.

func init() {
	if viewerBuild {
		return // the viewer hands this view over to the full app
	}
	registerView("accessibility", extraView{render: func(a *App, r route) dom.Node { return a.renderAccessibility() }})
	registerView("privacy", extraView{render: func(a *App, r route) dom.Node { return a.renderPrivacy() }})
	registerView("feedback", extraView{render: func(a *App, r route) dom.Node { return a.renderFeedback() }})
}

// The dates of the statement and the notice, and what the statement says
// was tested.
var (
	statementPrepared = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	statementReviewed = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	lastTested        = time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
)

// axeVersion is the axe-core the browser tests run (package.json).
const axeVersion = "4.14.1"

// auditDays is how long the hub keeps an audit entry (cmd/worker's
// AuditRetention).
const auditDays = 365

// metaContent is the content of the page's <meta name=name>, trimmed, or "".
func metaContent(name string) string {
	m := doc.QuerySelector(`meta[name="` + name + `"]`)
	if m == nil {
		return ""
	}
	return strings.TrimSpace(m.GetAttribute("content"))
}

// operator is who runs this copy of Wardwise, as the deployer named it.
func operator() string { return metaContent("wardwise-operator") }

// feedbackAddress is the email address the deployer gave for feedback, or
// "" when there is none or it is not an address.
func feedbackAddress() string {
	addr := strings.TrimPrefix(metaContent("wardwise-feedback"), "mailto:")
	at := strings.IndexByte(addr, '@')
	if at < 1 || at == len(addr)-1 || strings.ContainsAny(addr, " \t\r\n<>\"?&,;") {
		return ""
	}
	return addr
}

// formatDay shows the date of t, in words.
func (a *App) formatDay(t time.Time) string {
	month := t.Month().String()
	if names := strings.Fields(a.t("date.months.long")); len(names) == 12 {
		month = names[t.Month()-1]
	}
	return a.t("date.day", t.Day(), month, t.Year())
}

// textBlock is one part of a page of text: a heading (h2 or h3), a
// paragraph (p), an item of a bulleted list (li) or a node of its own.
type textBlock struct {
	tag  string
	text string
	node dom.Node
}

// textPage is a page of text with heading title, in a two-thirds column.
func (a *App) textPage(id, title string, blocks []textBlock, extra ...dom.Node) dom.Node {
	a.setTitle(title)
	col := el("div", cls("govuk-grid-column-two-thirds"), attr("id", id))
	col.AppendChild(h1(title))
	var list dom.Element
	for _, b := range blocks {
		if b.tag != "li" {
			list = nil
		}
		switch b.tag {
		case "node":
			col.AppendChild(b.node)
		case "h2":
			col.AppendChild(el("h2", cls("govuk-heading-m"), text(b.text)))
		case "h3":
			col.AppendChild(el("h3", cls("govuk-heading-s"), text(b.text)))
		case "li":
			if list == nil {
				list = el("ul", cls("govuk-list govuk-list--bullet"))
				col.AppendChild(list)
			}
			list.AppendChild(el("li", text(b.text)))
		default:
			col.AppendChild(el("p", cls("govuk-body"), text(b.text)))
		}
	}
	for _, n := range extra {
		col.AppendChild(n)
	}
	return el("div", cls("govuk-grid-row"), child(col))
}

// renderAccessibility is the accessibility statement, in the sections and
// words of GOV.UK's model accessibility statement.
func (a *App) renderAccessibility() dom.Node {
	run := a.t("a11y.run.unknown")
	if op := operator(); op != "" {
		run = a.t("a11y.run", op)
	}
	p := func(key string, args ...any) textBlock { return textBlock{tag: "p", text: a.t(key, args...)} }
	li := func(key string, args ...any) textBlock { return textBlock{tag: "li", text: a.t(key, args...)} }
	h2 := func(key string) textBlock { return textBlock{tag: "h2", text: a.t(key)} }
	h3 := func(key string) textBlock { return textBlock{tag: "h3", text: a.t(key)} }
	blocks := []textBlock{
		p("a11y.intro"), {tag: "p", text: run}, p("a11y.want"),
		li("a11y.can.colours"), li("a11y.can.zoom"), li("a11y.can.keyboard"), li("a11y.can.offline"), li("a11y.can.welsh"),
		p("a11y.abilitynet"),
		h2("a11y.how.heading"), p("a11y.how"), li("a11y.issue.lang"), li("a11y.issue.untested"),
		h2("a11y.feedback.heading"), p("a11y.feedback"),
		{tag: "node", node: el("p", cls("govuk-body"), child(link("#/feedback", a.t("a11y.feedback.link"), attr("id", "a11y-feedback"))))},
		h2("a11y.enforcement.heading"), p("a11y.enforcement"),
		h2("a11y.technical.heading"), p("a11y.technical"),
		h3("a11y.status.heading"), p("a11y.status"),
		h2("a11y.nonaccessible.heading"),
		h3("a11y.noncompliance.heading"), p("a11y.noncompliance.lang"),
		h3("a11y.burden.heading"), p("a11y.burden"),
		h3("a11y.scope.heading"), p("a11y.scope"),
		h2("a11y.improve.heading"), p("a11y.improve"),
		h2("a11y.prepared.heading"), p("a11y.prepared", a.formatDay(statementPrepared), a.formatDay(statementReviewed)),
		p("a11y.testing", a.formatDay(lastTested)),
		li("a11y.test.axe", axeVersion), li("a11y.test.keyboard"), li("a11y.test.widths"),
		p("a11y.test.not"),
	}
	return a.textPage("accessibility", a.t("a11y.title"), blocks)
}

// renderPrivacy is the privacy notice: what is kept where and for how
// long, in this browser, in files and on a hub.
func (a *App) renderPrivacy() dom.Node {
	who := a.t("privacy.who.unknown")
	if op := operator(); op != "" {
		who = a.t("privacy.who", op)
	}
	p := func(key string, args ...any) textBlock { return textBlock{tag: "p", text: a.t(key, args...)} }
	li := func(key string, args ...any) textBlock { return textBlock{tag: "li", text: a.t(key, args...)} }
	h2 := func(key string) textBlock { return textBlock{tag: "h2", text: a.t(key)} }
	return a.textPage("privacy", a.t("privacy.notice.title"), []textBlock{
		p("privacy.intro"),
		h2("privacy.who.heading"), {tag: "p", text: who},
		h2("privacy.browser.heading"), p("privacy.where"),
		li("privacy.where.idb", maxVersions), li("privacy.where.local"), li("privacy.where.session"),
		li("privacy.where.cookie"), li("privacy.where.cache"),
		p("privacy.howlong"), {tag: "p", text: a.tn("privacy.bin", binDays)}, p("privacy.shared"),
		h2("privacy.files.heading"), p("privacy.files"),
		h2("privacy.hub.heading"), p("privacy.hub.intro"),
		li("privacy.hub.drafts"), li("privacy.hub.tokens"), li("privacy.hub.audit"),
		{tag: "p", text: a.tn("hub.privacy.retention", auditDays)}, p("privacy.hub.address"),
		h2("privacy.rights.heading"), p("privacy.rights"),
		p("privacy.prepared", a.formatDay(statementPrepared), a.formatDay(statementReviewed)),
	})
}

// renderFeedback is where the phase banner's link goes: an email to the
// address the deployer gave, where there is one, and in any case a form
// that saves the feedback to a file, which works offline.
func (a *App) renderFeedback() dom.Node {
	var extra []dom.Node
	if addr := feedbackAddress(); addr != "" {
		href := "mailto:" + addr + "?subject=" + queryEscape(a.t("feedback.email.subject", appVersion()))
		extra = append(extra,
			el("p", cls("govuk-body"), child(link(href, a.t("feedback.email", addr), attr("id", "feedback-email")))),
			el("p", cls("govuk-body"), text(a.t("feedback.email.offline"))),
			el("h2", cls("govuk-heading-m"), text(a.t("feedback.file.heading"))))
	} else {
		extra = append(extra, el("p", cls("govuk-body"), attr("id", "feedback-noemail"), text(a.t("feedback.noemail"))))
	}
	area := el("textarea", cls("govuk-textarea"), attr("id", "feedback-text"), attr("name", "feedback"), attr("rows", "8"),
		attr("aria-describedby", "feedback-hint"))
	save := el("button", cls("govuk-button"), attr("type", "button"), attr("id", "feedback-save"), text(a.t("feedback.save")))
	a.view.onClick(save, func() { a.saveFeedback(area) })
	extra = append(extra, el("div", cls("govuk-form-group"),
		child(el("label", cls("govuk-label govuk-label--s"), attr("for", "feedback-text"), text(a.t("feedback.label")))),
		child(el("div", cls("govuk-hint"), attr("id", "feedback-hint"), text(a.t("feedback.hint")))),
		child(area)), save)
	return a.textPage("feedback", a.t("feedback.title"), []textBlock{{tag: "p", text: a.t("feedback.intro")}}, extra...)
}

// saveFeedback downloads the feedback typed in area as a text file.
func (a *App) saveFeedback(area dom.Element) {
	body := strings.TrimSpace(area.Underlying().Get("value").String())
	if body == "" {
		a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("feedback.required"), href: "#feedback-text"}}})
		return
	}
	now := time.Now()
	name := "wardwise-feedback-" + now.Format("2006-01-02-150405") + ".txt"
	lines := []string{
		a.t("feedback.file.header"),
		a.t("feedback.file.version", appVersion()),
		a.t("feedback.file.date", a.formatTime(now)),
		a.t("feedback.file.lang", string(a.lang)),
		"", body, "",
	}
	if err := download(name, "text/plain;charset=utf-8", []byte(strings.Join(lines, "\n"))); err != nil {
		a.showError(a.t("error.save", err.Error()))
		return
	}
	a.clearProblems()
	a.announce(a.t("feedback.saved", name))
}

// appVersion is the build's version, or the development build's name.
func appVersion() string {
	if v := js.Global().Get("WARDWISE_VERSION"); v.Type() == js.TypeString {
		return v.String()
	}
	return "dev"
}

// phaseBanner says the service is in beta and links to the feedback page.
func (a *App) phaseBanner() dom.Element {
	return el("div", cls("govuk-phase-banner"), attr("id", "phase-banner"),
		child(el("p", cls("govuk-phase-banner__content"),
			child(el("strong", cls("govuk-tag govuk-phase-banner__content__tag"), text(a.t("phase.tag")))),
			child(el("span", cls("govuk-phase-banner__text"), text(a.t("phase.text.before")+" "),
				child(link("#/feedback", a.t("phase.text.link"), attr("id", "phase-feedback"))), text("."))))))
}

// footerLinks are the footer's links to the statement, the notice and the
// feedback page.
func (a *App) footerLinks() dom.Element {
	list := el("ul", cls("govuk-footer__inline-list"))
	for _, l := range []struct{ href, key, id string }{
		{"#/accessibility", "footer.accessibility", "footer-accessibility"},
		{"#/privacy", "footer.privacynotice", "footer-privacy"},
		{"#/feedback", "footer.feedback", "footer-feedback"},
	} {
		list.AppendChild(el("li", cls("govuk-footer__inline-list-item"),
			child(el("a", cls("govuk-footer__link"), attr("href", l.href), attr("id", l.id), text(a.t(l.key))))))
	}
	return el("div", child(el("h2", cls("govuk-visually-hidden"), text(a.t("footer.links")))), child(list))
}

//go:build js && wasm && !wardwise_viewer

package ui

import (
	"honnef.co/go/js/dom/v2"
)

// renderConfirm asks, GOV.UK style, before a document goes to the bin
// (what "remove"), is deleted from this browser ("forget"), or everything
// is ("clear"). Nothing happens until the warning button is pressed.
func (a *App) renderConfirm(what, id string) dom.Node {
	e := a.findEntry(id)
	if what != "clear" && e == nil {
		return a.renderNotFound()
	}
	var title, body, yes string
	switch what {
	case "remove":
		title, body, yes = a.t("lib.remove.title", e.title()), a.tn("lib.remove.body", binDays), a.t("lib.remove.yes")
	case "forget":
		title, body, yes = a.t("lib.forget.title", e.title()), a.t("lib.forget.body"), a.t("lib.forget.yes")
	default:
		title, body, yes = a.t("lib.clear.title"), a.t("lib.clear.body"), a.t("lib.clear.yes")
	}
	a.setTitle(title)
	v := el("div", cls("govuk-grid-row"))
	col := el("div", cls("govuk-grid-column-two-thirds"))
	v.AppendChild(col)
	col.AppendChild(el("a", cls("govuk-back-link"), attr("href", "#/"), text(a.t("lib.back"))))
	col.AppendChild(h1(title))
	col.AppendChild(el("p", cls("govuk-body"), text(body)))
	if unsaved := a.unsavedAmong(e, what == "clear"); unsaved > 0 {
		col.AppendChild(el("div", cls("govuk-warning-text"),
			child(el("span", cls("govuk-warning-text__icon"), attr("aria-hidden", "true"), text("!"))),
			child(el("strong", cls("govuk-warning-text__text"),
				child(el("span", cls("govuk-visually-hidden"), text(a.t("report.warning")+" "))),
				text(a.unsavedText(unsaved, what == "clear"))))))
	}
	ok := button(yes, "warning", attr("id", "confirm-"+what))
	a.view.onClick(ok, func() { a.spawn(func() { a.confirmed(what, e) }) })
	col.AppendChild(el("div", cls("govuk-button-group"), child(ok),
		child(el("a", cls("govuk-link"), attr("href", "#/"), attr("id", "confirm-cancel"), text(a.t("lib.cancel"))))))
	return v
}

// unsavedAmong counts the entries with changes not saved to a file: e, or
// every entry when all.
func (a *App) unsavedAmong(e *entry, all bool) int {
	n := 0
	for _, x := range a.entries {
		if (all || x == e) && x.Dirty {
			n++
		}
	}
	return n
}

// unsavedText warns of unsaved changes: in the one document, or in n of
// them.
func (a *App) unsavedText(n int, all bool) string {
	if !all {
		return a.t("lib.confirm.unsaved.one")
	}
	return a.tn("lib.confirm.unsaved", n)
}

// confirmed does what the confirmation page asked, then returns to the
// start page and says what happened. It blocks.
func (a *App) confirmed(what string, e *entry) {
	var err error
	var msg string
	switch what {
	case "remove":
		err, msg = a.removeEntry(e), a.tn("lib.removed", binDays, e.title())
	case "forget":
		err, msg = a.forgetEntry(e), a.t("lib.forgotten", e.title())
	default:
		// The page reloads and says so (storage.cleared).
		if err := a.clearBrowser(); err != nil {
			a.showError(a.t("error.storage.write", err.Error()))
		}
		return
	}
	if err != nil {
		a.showError(a.t("error.storage.write", err.Error()))
		return
	}
	a.goTo(route{})
	a.announce(msg)
	a.spawn(a.estimate)
}

// renderVersions lists an entry's versions, newest first, each with a
// button that takes the document back to it.
func (a *App) renderVersions(id string) dom.Node {
	e := a.findEntry(id)
	if e == nil {
		return a.renderNotFound()
	}
	title := a.t("lib.versions.title", e.title())
	a.setTitle(title)
	v := el("div", cls("govuk-grid-row"))
	col := el("div", cls("govuk-grid-column-two-thirds"))
	v.AppendChild(col)
	col.AppendChild(el("a", cls("govuk-back-link"), attr("href", "#/"), text(a.t("lib.back"))))
	col.AppendChild(h1(title))
	col.AppendChild(el("p", cls("govuk-body"), text(a.t("lib.versions.body", maxVersions))))
	list := el("div", attr("id", "versions"), attr("aria-live", "polite"),
		child(el("p", cls("govuk-body"), text(a.t("lib.versions.loading")))))
	col.AppendChild(list)
	a.spawn(func() {
		vs := a.store.versions(e.ID)
		if a.route.view != "versions" || byID("versions") == nil {
			return
		}
		empty(list)
		if len(vs) == 0 {
			list.AppendChild(el("p", cls("govuk-body"), text(a.t("lib.versions.none"))))
			return
		}
		ul := el("ul", cls("govuk-list app-versions"))
		for i, ver := range vs {
			ver := ver
			b := button(a.t("lib.version.restore"), "secondary", attr("id", "version-"+itoa(i)), attr("data-at", ver.At.UTC().Format("2006-01-02T15:04:05.000Z")),
				attr("aria-describedby", "version-"+itoa(i)+"-label"))
			a.view.onClick(b, func() { a.spawn(func() { a.restoreVersion(e, ver) }) })
			ul.AppendChild(el("li", cls("app-versions__item"),
				child(el("p", cls("govuk-body govuk-!-margin-bottom-1"), attr("id", "version-"+itoa(i)+"-label"),
					text(a.t("lib.version.item", a.formatTime(ver.At), a.t("lib.version.reason."+ver.Reason))))),
				child(b)))
		}
		list.AppendChild(ul)
	})
	return v
}

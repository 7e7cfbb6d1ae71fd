//go:build js && wasm && !wardwise_viewer

package ui

import (
	"time"

	"honnef.co/go/js/dom/v2"
)

// The library's part of the start page: a card for each document in this
// browser with an honest state, the bin, and the storage section; and the
// pages that confirm a removal, list an entry's versions and give the
// privacy notice.

func init() {
	registerView("remove", extraView{render: func(a *App, r route) dom.Node { return a.renderConfirm("remove", r.ward) }})
	registerView("forget", extraView{render: func(a *App, r route) dom.Node { return a.renderConfirm("forget", r.ward) }})
	registerView("clear", extraView{render: func(a *App, r route) dom.Node { return a.renderConfirm("clear", "") }})
	registerView("versions", extraView{render: func(a *App, r route) dom.Node { return a.renderVersions(r.ward) }})
}

// libraryList is the start page's list of documents, nil when empty.
func (a *App) libraryList() dom.Node {
	var live []*entry
	for _, e := range a.entries {
		if e.Removed.IsZero() {
			live = append(live, e)
		}
	}
	if len(live) == 0 {
		return nil
	}
	top := a.lastEntry()
	box := el("div", attr("id", "library"))
	box.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "library-heading"), text(a.t("lib.heading"))))
	box.AppendChild(el("p", cls("govuk-body"), text(a.tn("lib.body", len(live)))))
	for _, e := range live {
		box.AppendChild(a.entryCard(e, e == top))
	}
	return box
}

// entryCard is one document of the library as a GOV.UK summary card.
func (a *App) entryCard(e *entry, top bool) dom.Element {
	id := "open-" + e.ID
	if top {
		id = "restore-current"
	}
	label := a.t("lib.continue")
	if a.entry == e {
		label = a.t("lib.goto")
	}
	cont := button(label, "", attr("id", id), attr("data-entry", e.ID))
	a.view.onClick(cont, func() { a.spawn(func() { a.openEntry(e, true) }) })
	actions := el("ul", cls("govuk-summary-card__actions"))
	for _, act := range []struct{ name, label string }{
		{"versions", a.t("lib.versions")},
		{"remove", a.t("lib.remove")},
		{"forget", a.t("lib.forget")},
	} {
		actions.AppendChild(el("li", cls("govuk-summary-card__action"),
			child(el("a", cls("govuk-link"), attr("href", "#/"+act.name+"/"+e.ID), attr("data-entry", e.ID), attr("data-action", act.name),
				text(act.label), child(el("span", cls("govuk-visually-hidden"), text(" "+e.title())))))))
	}
	title := el("h3", cls("govuk-summary-card__title"), text(e.title()))
	if a.entry == e {
		title.AppendChild(doc.CreateTextNode(" "))
		title.AppendChild(tag(a.t("lib.open.now"), "green"))
	}
	return el("div", cls("govuk-summary-card app-entry"), attr("id", "entry-"+e.ID), attr("data-entry", e.ID),
		child(el("div", cls("govuk-summary-card__title-wrapper"), child(title), child(actions))),
		child(el("div", cls("govuk-summary-card__content"),
			child(a.entrySummary(e)),
			child(cont))))
}

// entrySummary lists what an entry is and the state it is in.
func (a *App) entrySummary(e *entry) dom.Element {
	list := el("dl", cls("govuk-summary-list"))
	row := func(key, value string) {
		list.AppendChild(el("div", cls("govuk-summary-list__row"),
			child(el("dt", cls("govuk-summary-list__key"), text(key))),
			child(el("dd", cls("govuk-summary-list__value"), text(value)))))
	}
	kind := a.t("lib.kind.master")
	if e.Author != "" {
		kind = a.t("lib.kind.draft", e.Author, a.roleLabel(e.Role))
	}
	row(a.t("lib.row.kind"), kind)
	wards := a.tn("lib.wards.all", e.WardCount)
	if len(e.Wards) > 0 {
		wards = joinNames(e.Wards)
	}
	row(a.t("lib.row.wards"), wards)
	if e.FileName != "" {
		row(a.t("lib.row.file"), e.FileName)
	}
	row(a.t("lib.row.changed"), a.formatTime(e.last()))
	row(a.t("lib.row.state"), a.entryState(e))
	if hub := a.hubSent(e); hub != "" {
		row(a.t("lib.row.hub"), hub)
	}
	return list
}

// joinNames joins ward names with commas.
func joinNames(ns []string) string {
	s := ""
	for i, n := range ns {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// entryState says, truthfully, how the entry stands against its file.
func (a *App) entryState(e *entry) string {
	switch {
	case e.Dirty && !e.FileSaved.IsZero():
		return a.t("lib.state.changed.saved", a.formatTime(e.FileSaved))
	case e.Dirty && e.FileName != "":
		return a.t("lib.state.changed.opened", e.FileName)
	case e.Dirty:
		return a.t("lib.state.changed.never")
	case !e.FileSaved.IsZero():
		return a.t("lib.state.saved", a.formatTime(e.FileSaved))
	}
	return a.t("lib.state.unchanged")
}

// hubSent says when a draft was last sent to a hub and whether it changed
// since; "" when it never was (or the outbox is not loaded).
func (a *App) hubSent(e *entry) string {
	if a.hub == nil || e.DraftID == "" {
		return ""
	}
	var last time.Time
	for _, it := range a.hub.box.list() {
		if it.State == outSent && it.Draft == e.DraftID && it.Assessment == e.DocID && it.SentAt.After(last) {
			last = it.SentAt
		}
	}
	switch {
	case last.IsZero():
		return ""
	case e.Changed.After(last):
		return a.t("lib.hub.changed", a.formatTime(last))
	}
	return a.t("lib.hub.sent", a.formatTime(last))
}

// binList lists the removed entries, each with "Restore" and "Remove from
// this browser"; nil when the bin is empty.
func (a *App) binList() dom.Node {
	var bin []*entry
	for _, e := range a.entries {
		if !e.Removed.IsZero() {
			bin = append(bin, e)
		}
	}
	if len(bin) == 0 {
		return nil
	}
	box := el("div", attr("id", "bin"))
	box.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "bin-heading"), text(a.t("lib.bin.heading"))))
	box.AppendChild(el("p", cls("govuk-body"), text(a.tn("lib.bin.body", binDays))))
	list := el("ul", cls("govuk-list app-bin"))
	for _, e := range bin {
		e := e
		until := e.Removed.Add(binDays * 24 * time.Hour)
		restore := button(a.t("lib.bin.restore"), "secondary", attr("id", "unbin-"+e.ID), attr("data-entry", e.ID))
		restore.AppendChild(el("span", cls("govuk-visually-hidden"), text(" "+e.title())))
		a.view.onClick(restore, func() {
			a.spawn(func() {
				if err := a.restoreEntry(e); err != nil {
					a.showError(a.t("error.storage.write", err.Error()))
					return
				}
				a.render()
				focus(byID("library-heading"))
				a.announce(a.t("lib.bin.restored", e.title()))
			})
		})
		forget := el("a", cls("govuk-link"), attr("href", "#/forget/"+e.ID), attr("data-entry", e.ID), text(a.t("lib.forget")),
			child(el("span", cls("govuk-visually-hidden"), text(" "+e.title()))))
		list.AppendChild(el("li", cls("app-bin__item"),
			child(el("p", cls("govuk-body govuk-!-margin-bottom-1"), child(el("strong", text(e.title()))))),
			child(el("p", cls("govuk-body-s"), text(a.t("lib.bin.item", a.formatTime(e.Removed), a.formatTime(until))))),
			child(el("div", cls("govuk-button-group"), child(restore), child(forget)))))
	}
	box.AppendChild(list)
	return box
}

// storageSection says whether the browser keeps the library and how much
// it uses, and offers "Clear this browser".
func (a *App) storageSection() dom.Node {
	box := el("div", attr("id", "storage"))
	box.AppendChild(el("h2", cls("govuk-heading-m"), text(a.t("lib.storage.heading"))))
	box.AppendChild(el("p", cls("govuk-body"), attr("id", "storage-state"), text(a.storageText())))
	box.AppendChild(el("p", cls("govuk-body"), text(a.t("lib.storage.shared"))))
	box.AppendChild(el("div", cls("govuk-button-group"),
		child(el("a", cls("govuk-button govuk-button--warning"), attr("href", "#/clear"), attr("id", "clear-browser"),
			attr("role", "button"), attr("draggable", "false"), text(a.t("lib.clear")))),
		child(el("a", cls("govuk-link"), attr("href", "#/privacy"), attr("id", "privacy-link"), text(a.t("lib.privacy.link"))))))
	return box
}

// wipedWarning tells the user the browser deleted the library.
func (a *App) wipedWarning() dom.Node {
	return el("div", cls("govuk-error-summary"), attr("id", "wiped"), attr("tabindex", "-1"),
		child(el("div", attr("role", "alert"),
			child(el("h2", cls("govuk-error-summary__title"), text(a.t("lib.wiped.title")))),
			child(el("div", cls("govuk-error-summary__body"),
				child(el("p", cls("govuk-body"), text(a.t("lib.wiped.body")))))))))
}

// clearedBanner says that "Clear this browser" has done its work.
func (a *App) clearedBanner() dom.Node {
	return el("div", cls("govuk-notification-banner govuk-notification-banner--success"), attr("role", "alert"),
		attr("aria-labelledby", "cleared-title"), attr("id", "cleared"),
		child(el("div", cls("govuk-notification-banner__header"),
			child(el("h2", cls("govuk-notification-banner__title"), attr("id", "cleared-title"), text(a.t("lib.cleared.banner")))))),
		child(el("div", cls("govuk-notification-banner__content"),
			child(el("p", cls("govuk-notification-banner__heading"), text(a.t("lib.cleared")))))))
}

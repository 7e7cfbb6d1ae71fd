//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"
)

// outboxSection lists what was sent from this device, each item's state
// in its own status region, so that screen readers hear each change.
func (h *hubState) outboxSection() dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-outbox-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-outbox-heading"), attr("tabindex", "-1"), text(a.t("hub.outbox.heading"))))
	items := h.box.list()
	note := el("p", cls("govuk-body"), attr("id", "hub-outbox-empty"))
	switch {
	case !h.box.loaded:
		note.SetTextContent(a.t("hub.outbox.loading"))
	case len(items) == 0:
		note.SetTextContent(a.t("hub.outbox.empty"))
	default:
		note.SetAttribute("hidden", "")
	}
	sec.AppendChild(note)
	list := el("ol", cls("govuk-list"), attr("id", "hub-outbox"), attr("aria-labelledby", "hub-outbox-heading"))
	if h.box.loaded {
		for _, it := range items {
			h.drawItem(list, it)
		}
	}
	sec.AppendChild(list)
	return sec
}

// outboxChanged shows an item's new state in the hub view, or every
// item's when it is nil. It never blocks.
func (h *hubState) outboxChanged(it *outItem) {
	if !h.onView() {
		return
	}
	list := byID("hub-outbox")
	items := h.box.list()
	if it != nil {
		if h.box.loaded {
			h.drawItem(list, *it)
		}
	} else {
		present := map[string]bool{}
		for _, x := range items {
			present["outbox-"+x.ID] = true
			h.drawItem(list, x)
		}
		for _, li := range list.QuerySelectorAll(":scope > li") {
			if !present[li.ID()] {
				id := strings.TrimPrefix(li.ID(), "outbox-")
				if s := h.itemScopes[id]; s != nil {
					s.release()
					delete(h.itemScopes, id)
				}
				list.RemoveChild(li)
			}
		}
	}
	empty := byID("hub-outbox-empty")
	if empty != nil {
		if len(items) == 0 && h.box.loaded {
			empty.RemoveAttribute("hidden")
			empty.SetTextContent(h.a.t("hub.outbox.empty"))
		} else if !h.box.loaded {
			empty.RemoveAttribute("hidden")
			empty.SetTextContent(h.a.t("hub.outbox.loading"))
		} else {
			empty.SetAttribute("hidden", "")
		}
	}
}

// drawItem draws an outbox item into list, or updates it where it is:
// its status region is changed in place, so that only the change is read
// out, and focus on one of its buttons moves to its heading when the
// buttons are redrawn.
func (h *hubState) drawItem(list dom.Element, it outItem) {
	app := h.a
	id := "outbox-" + it.ID
	li := list.QuerySelector("#" + id)
	if li == nil {
		li = el("li", cls("app-record"), attr("id", id),
			child(el("h3", cls("govuk-heading-s govuk-!-margin-bottom-2"), attr("id", id+"-heading"), attr("tabindex", "-1"),
				text(app.t("hub.item.heading", it.Title, it.Author)))),
			child(el("p", cls("govuk-body"), attr("id", id+"-state"), attr("role", "status"))),
			child(el("div", attr("id", id+"-detail"))),
			child(el("div", cls("govuk-button-group"), attr("id", id+"-actions"))))
		list.AppendChild(li)
	}
	state := li.QuerySelector("#" + id + "-state")
	detail := li.QuerySelector("#" + id + "-detail")
	actions := li.QuerySelector("#" + id + "-actions")

	// The state, as it would be read out.
	colour := map[string]string{outQueued: "yellow", outSending: "blue", outSent: "green", outFailed: "red"}[it.State]
	line := h.stateText(it)
	if state.GetAttribute("data-state") != it.State || state.TextContent() != app.t("hub.state."+it.State)+" "+line {
		empty(state)
		state.SetAttribute("data-state", it.State)
		state.AppendChild(tag(app.t("hub.state."+it.State), colour))
		state.AppendChild(doc.CreateTextNode(" " + line))
	}

	h.drawItemDetail(detail, id, it)
	h.drawItemActions(actions, id, it)
}

// drawItemDetail draws an item's details: when it was queued and what
// became of it.
func (h *hubState) drawItemDetail(detail dom.Element, id string, it outItem) {
	app := h.a
	empty(detail)
	var lines []string
	lines = append(lines, app.t("hub.item.queued", app.formatTime(it.QueuedAt), it.Draft))
	switch it.State {
	case outQueued:
		if it.Why != "" {
			lines = append(lines, app.t("hub.item.why", it.Why))
		}
	case outSent:
		if it.Received != "" {
			lines = append(lines, app.t("hub.item.received", app.whenText(it.Received)))
		}
		if it.Dup {
			lines = append(lines, app.t("hub.item.duplicate"))
		}
		if it.Warning != "" {
			lines = append(lines, app.t("hub.item.warning", it.Warning))
		}
	}
	for _, l := range lines {
		detail.AppendChild(el("p", cls("govuk-body-s govuk-!-margin-bottom-2"), text(l)))
	}
	if it.State == outFailed && len(it.Problems) > 0 {
		ul := el("ul", cls("govuk-list govuk-list--bullet govuk-body-s"), attr("id", id+"-problems"))
		for _, p := range it.Problems {
			ul.AppendChild(el("li", text(p)))
		}
		detail.AppendChild(ul)
	}

}

// drawItemActions draws an item's buttons for its state, keeping focus
// on the item when one of them had it.
func (h *hubState) drawItemActions(actions dom.Element, id string, it outItem) {
	app := h.a
	hadFocus := false
	if ae := js.Global().Get("document").Get("activeElement"); ae.Truthy() {
		hadFocus = actions.Underlying().Call("contains", ae).Bool()
	}
	if s := h.itemScopes[it.ID]; s != nil {
		s.release()
	}
	s := &scope{app: app}
	h.itemScopes[it.ID] = s
	empty(actions)
	which := app.t("hub.item.which", it.Author, app.formatTime(it.QueuedAt))
	btn := func(label, kind, bid string, f func()) {
		b := button(label, kind, attr("id", id+"-"+bid),
			child(el("span", cls("govuk-visually-hidden"), text(" "+which))))
		s.onClick(b, func() { app.spawn(f) })
		actions.AppendChild(b)
	}
	itemID := it.ID
	switch it.State {
	case outQueued:
		btn(app.t("hub.item.retry"), "secondary", "retry", func() {
			h.box.retryAll()
			h.box.retryNow(itemID)
		})
		btn(app.t("hub.item.remove"), "warning", "remove", func() { h.removeItem(itemID) })
	case outFailed:
		btn(app.t("hub.item.again"), "secondary", "again", func() { h.box.retryNow(itemID) })
		btn(app.t("hub.item.remove"), "warning", "remove", func() { h.removeItem(itemID) })
	case outSent:
		btn(app.t("hub.item.refresh"), "secondary", "refresh", func() {
			if err := h.box.refresh(it.Assessment, it.Draft); err != nil {
				app.announce(app.t("hub.status.refresh.failed", err.Error()))
				return
			}
			app.announce(app.t("hub.status.refreshed"))
		})
		btn(app.t("hub.item.forget"), "secondary", "remove", func() { h.removeItem(itemID) })
	}
	if hadFocus {
		focus(byID(id + "-heading"))
	}
}

// stateText is an item's state in words.
func (h *hubState) stateText(it outItem) string {
	a := h.a
	switch it.State {
	case outQueued:
		switch {
		case h.token(it.Assessment) == "":
			return a.t("hub.note.token", it.Assessment)
		case h.connected() == probeNoHub:
			return a.t("hub.note.nohub")
		case !online():
			return a.t("hub.note.offline")
		case time.Until(it.NextTry) > 0:
			return a.t("hub.note.retry", a.formatClock(it.NextTry), it.Attempts)
		}
		return a.t("hub.note.next")
	case outSending:
		return a.t("hub.note.sending")
	case outSent:
		switch it.HubState {
		case "merged":
			return a.t("hub.note.merged", it.Version, it.MergedIn)
		case "pending":
			return a.t("hub.note.pending", it.Version)
		}
		return a.t("hub.note.sent", it.Version)
	case outFailed:
		return a.t("hub.note.failed", it.Error)
	}
	return it.State
}

// removeItem takes an item out of the outbox and moves focus to the list's
// heading. It blocks.
func (h *hubState) removeItem(id string) {
	it, _ := h.box.find(id)
	if !h.box.remove(id) {
		return
	}
	h.outboxChanged(nil)
	focus(byID("hub-outbox-heading"))
	h.a.announce(h.a.t("hub.status.removed", it.Title))
}

// sendDone shows the outcome of a send. A refusal goes to the error
// summary: with focus when the user has just pressed "Send to hub", quietly
// when the outbox retried on its own. Away from the hub view, the outcome
// is announced in the status region. It blocks.
func (h *hubState) sendDone(it *outItem, interactive bool) {
	a := h.a
	if it.ID == "" {
		return
	}
	h.outboxChanged(it)
	switch it.State {
	case outFailed:
		if !h.onView() {
			a.announce(a.t("hub.announce.failed", it.Title))
			return
		}
		list := &problemList{title: a.t("error.title"), intro: a.t("hub.refused.intro", it.Title, it.Error)}
		for _, p := range it.Problems {
			list.items = append(list.items, problemItem{text: p})
		}
		if len(list.items) == 0 {
			list.intro = a.t("hub.refused", it.Title)
			list.items = []problemItem{{text: it.Error, href: "#outbox-" + it.ID + "-heading"}}
		}
		switch {
		case h.token(it.Assessment) == "":
			// The hub refused the token, which is gone: draw the form
			// without it, with the summary.
			a.problems = list
			h.redraw("")
			if interactive {
				focus(byID("error-summary"))
			}
		case interactive:
			a.showProblems(list)
		default:
			h.showProblemsQuietly(list)
		}
	case outSent:
		if !h.onView() {
			a.announce(a.t("hub.announce.sent", it.Title, it.Version))
		}
		h.refreshAccess(it.Assessment)
	}
}

// showProblemsQuietly shows the error summary without moving focus: the
// user is doing something else while the outbox works.
func (h *hubState) showProblemsQuietly(list *problemList) {
	a := h.a
	a.problems = list
	old := byID("error-summary")
	sum := a.errorSummary()
	if old != nil {
		old.ParentNode().ReplaceChild(sum, old)
	} else if a.mainEl != nil {
		a.mainEl.InsertBefore(sum, a.mainEl.FirstChild())
	}
}

// refreshAll asks the hub what became of the sent items not asked about
// for a while (one request per draft). It blocks.
func (h *hubState) refreshAll(age time.Duration) {
	seen := map[string]bool{}
	var todo [][2]string
	for _, it := range h.box.list() {
		k := it.Assessment + "\x00" + it.Draft
		if it.State != outSent || it.HubState == "merged" || seen[k] || time.Since(it.Checked) < age || h.token(it.Assessment) == "" {
			continue
		}
		seen[k] = true
		todo = append(todo, [2]string{it.Assessment, it.Draft})
	}
	for _, t := range todo {
		if h.box.refresh(t[0], t[1]) != nil {
			return
		}
	}
}

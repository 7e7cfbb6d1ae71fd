//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strings"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// sendSection offers to send the working draft.
func (h *hubState) sendSection() dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-send-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-send-heading"), attr("tabindex", "-1"), text(a.t("hub.send.heading"))))
	d := a.doc
	switch {
	case h.connected() == probeNoHub:
		sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.send.nohub"))))
		return sec
	case d == nil:
		sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.send.nodoc")+" "),
			child(link("#/", a.t("hub.send.nodoc.link")))))
		return sec
	case d.Draft == nil:
		sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.send.master")+" "),
			child(link("#/draft", a.t("hub.send.master.link")))))
		return sec
	}
	sec.AppendChild(summaryList("hub-send-summary", [][2]string{
		{a.t("hub.send.author"), d.Draft.Author},
		{a.t("hub.send.title"), d.Title},
		{a.t("hub.send.assessment"), d.ID},
	}))
	sec.AppendChild(el("p", cls("govuk-body"), attr("id", "hub-send-hint"), text(a.t("hub.send.body"))))
	send := button(a.t("hub.send"), "", attr("id", "hub-send"), attr("aria-describedby", "hub-send-hint"))
	a.view.onClick(send, func() { a.spawn(h.sendDraft) })
	sec.AppendChild(send)
	return sec
}

// sendDraft puts the working draft in the outbox, stamped with the time,
// and sends it as soon as it can. It blocks.
func (h *hubState) sendDraft() {
	a := h.a
	d := a.doc
	if d == nil || d.Draft == nil {
		return
	}
	a.clearProblems()
	if f, r := byID("hub-token"), byID("hub-remember-0"); h.token(d.ID) == "" && h.assessment == d.ID && f != nil && r != nil {
		// A token typed but not checked yet: use it.
		if t := strings.TrimSpace(value(f)); t != "" {
			h.setToken(d.ID, t, checked(r))
			h.typed = ""
		}
	}
	if h.token(d.ID) == "" {
		msg := a.t("hub.send.notoken", d.ID)
		if f := byID("hub-assessment"); f != nil {
			f.Underlying().Set("value", d.ID)
			h.assessment = d.ID
		}
		a.setFieldError("hub-token", a.t("hub.token.required"))
		a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: msg, href: "#hub-token"}}})
		return
	}
	if d.Draft.ID == "" {
		// A draft from an older file: the hub needs an id to know a second
		// send of it. It is saved with the draft from now on.
		id := slug(d.Draft.Author)
		if id == "" {
			id = "draft"
		}
		d.Draft.ID = id + "-" + now().Format("20060102T150405Z") + "-" + newKey("")[1:5]
		a.markChanged()
	}
	if o, ok := h.box.same(d.ID, d.Draft.ID, jsna.Revision(d)); ok {
		msg := a.t("hub.send.already.queued")
		if o.State == outSent {
			msg = a.t("hub.send.already.sent", o.Version)
		}
		a.announce(msg)
		if li := byID("outbox-" + o.ID + "-heading"); li != nil {
			focus(li)
		}
		return
	}
	// A save continuing the draft's chain (jsna orders a draft's saves
	// by it, not by the clock), stamped to the millisecond.
	jsna.StampSave(d, time.Now())
	// The stamp is part of the document's head, not an edit: stored with
	// it now, so that the next save continues this one even after a
	// reload (sendDraft runs in a goroutine, so it may wait for the write).
	a.saver.headChanged()
	if err := a.saver.flush(); err != nil {
		a.saver.failed(err)
	}
	if err := d.Validate(); err != nil {
		a.showProblems(a.problemsOf(a.docName, err))
		return
	}
	data, err := jsna.Marshal(d)
	if err != nil {
		a.showError(a.t("hub.error.encode", err.Error()))
		return
	}
	h.box.add(newOutItem(d, data), true)
}

//go:build js && wasm

package ui

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// The hub view sends drafts to a Wardwise hub (cmd/worker, API.md) and,
// for coordinators, fetches and merges the master there.
//
// The app never sends a request off its own origin (its Content Security
// Policy says connect-src 'self'), so the hub it talks to is the origin it
// was loaded from: field users open the app from the hub's address, the
// service worker keeps it for offline use, and drafts go to /api/v1 there.
// A copy served by `jsna serve` has no /api/v1 (404, not JSON), and the
// view says plainly that it is not connected to a hub.
//
// The user gives the assessment's token (contributor or coordinator). It
// is kept for this session, and in the browser's localStorage only when
// they tick "remember". Sends go through the outbox (outbox.go).

func init() {
	registerView("hub", extraView{navKey: "nav.hub", render: func(a *App, r route) dom.Node { return a.renderHub() }})
	onStart(func(a *App) { a.hubState().start() })
}

// hubAPI is where the hub's API lives on the app's origin.
const hubAPI = "/api/v1"

// What the app knows of the hub on its origin.
const (
	probeUnknown     = ""            // not asked yet
	probeHub         = "hub"         // GET /api/v1 answered as a Wardwise hub
	probeNoHub       = "nohub"       // it answered, but not as a hub (jsna serve: 404)
	probeUnreachable = "unreachable" // no answer: offline, or the hub is down
)

// Keys of the hub's settings in localStorage.
const (
	hubTokensKey     = "wardwise.hub.tokens"     // remembered tokens by assessment, only when asked
	hubAssessmentKey = "wardwise.hub.assessment" // the assessment last used
	hubSeenKey       = "wardwise.hub.seen"       // what the last probe found
)

// hubIDPattern is what an assessment id may be on the hub (cmd/worker).
var hubIDPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$`)

// hubState is the hub view's state and the outbox. It lives as long as
// the page.
type hubState struct {
	a   *App
	box *outbox

	probeMu sync.Mutex // serialises probes; only goroutines take it
	probe   string
	probing bool

	tokens     map[string]string // by assessment, for this session
	remembered map[string]bool   // tokens also kept in localStorage
	access     map[string]*hubAccess
	accessErr  map[string]string // why the last check of a token failed
	checked    map[string]bool   // assessments checked quietly this session
	assessment string            // the assessment the form names
	docID      string            // the working document's id when the form last took it
	typed      string            // the token typed, before it is checked

	merge *hubMerge // the last merge run from here
	busy  bool      // a check, fetch or merge is under way

	// itemScopes hold the listeners of each outbox item's buttons, which
	// are redrawn with the item.
	itemScopes map[string]*scope
	started    bool
}

// hubAccess is the hub's answer to GET /api/v1/assessments/{id}: what a
// token may do.
type hubAccess struct {
	Assessment string `json:"assessment"`
	Title      string `json:"title"`
	Role       string `json:"role"`
	Label      string `json:"label"`
	Master     struct {
		Seq           int `json:"seq"`
		OpenConflicts int `json:"open_conflicts"`
	} `json:"master"`
	Drafts struct {
		Total   int `json:"total"`
		Pending int `json:"pending"`
	} `json:"drafts"`
}

// hubMerge is the hub's answer to POST …/merge.
type hubMerge struct {
	Master struct {
		Seq           int    `json:"seq"`
		Revision      string `json:"revision"`
		OpenConflicts int    `json:"open_conflicts"`
	} `json:"master"`
	Changed bool `json:"changed"`
	Merged  []struct {
		Draft   string `json:"draft"`
		Version int    `json:"version"`
		SentBy  string `json:"sent_by"`
		Round   int    `json:"round"`
	} `json:"merged"`
	Rounds int           `json:"rounds"`
	Report *merge.Report `json:"report"`
}

// hubState returns the app's hub state, making it on first use.
func (a *App) hubState() *hubState {
	if a.hub == nil {
		h := &hubState{a: a, tokens: map[string]string{}, remembered: map[string]bool{},
			access: map[string]*hubAccess{}, accessErr: map[string]string{}, checked: map[string]bool{},
			itemScopes: map[string]*scope{}}
		h.box = newOutbox(a)
		var saved map[string]string
		if json.Unmarshal([]byte(localGet(hubTokensKey)), &saved) == nil {
			for id, t := range saved {
				h.tokens[id], h.remembered[id] = t, true
			}
		}
		h.assessment = localGet(hubAssessmentKey)
		a.hub = h
	}
	return a.hub
}

// start listens for the network coming and going and starts the outbox's
// sender. It runs once, as the app starts, and does not block.
func (h *hubState) start() {
	if h.started {
		return
	}
	h.started = true
	h.a.global.on(js.Global(), "online", func(js.Value) {
		if h.probe == probeUnreachable {
			h.probe = probeUnknown
		}
		h.box.retryAll()
		h.outboxChanged(nil)
	})
	h.a.global.on(js.Global(), "offline", func(js.Value) { h.outboxChanged(nil) })
	h.box.start()
}

// token returns the token for an assessment, "" when there is none.
func (h *hubState) token(assessment string) string { return h.tokens[assessment] }

// setToken keeps a token for this session, and in localStorage when
// remember is set (otherwise any remembered one is forgotten).
func (h *hubState) setToken(assessment, token string, remember bool) {
	if h.tokens[assessment] != token {
		delete(h.access, assessment)
		delete(h.accessErr, assessment)
	}
	h.tokens[assessment] = token
	h.remembered[assessment] = remember
	h.saveTokens()
	localSet(hubAssessmentKey, assessment)
}

// dropToken forgets a token the hub refused, if it is still the one held.
func (h *hubState) dropToken(assessment, token string) {
	if h.tokens[assessment] != token {
		return
	}
	delete(h.tokens, assessment)
	delete(h.remembered, assessment)
	delete(h.access, assessment)
	h.saveTokens()
}

// saveTokens writes the remembered tokens to localStorage.
func (h *hubState) saveTokens() {
	keep := map[string]string{}
	for id, ok := range h.remembered {
		if ok && h.tokens[id] != "" {
			keep[id] = h.tokens[id]
		}
	}
	if len(keep) == 0 {
		localRemove(hubTokensKey)
		return
	}
	b, _ := json.Marshal(keep)
	localSet(hubTokensKey, string(b))
}

// ensureProbe finds out, once, whether the app's origin is a hub, and
// returns what it found. An unreachable hub is asked again next time. It
// blocks.
func (h *hubState) ensureProbe() string {
	h.probeMu.Lock()
	defer h.probeMu.Unlock()
	if h.probe == probeHub || h.probe == probeNoHub {
		return h.probe
	}
	h.probing = true
	h.showConnection()
	res, err := hubFetch("GET", hubAPI, "", nil)
	h.probing = false
	switch {
	case err != nil:
		h.setProbe(probeUnreachable)
	case res.status >= 500:
		h.setProbe(probeUnreachable)
	default:
		var info struct {
			Service string `json:"service"`
			API     string `json:"api"`
		}
		if res.status == 200 && json.Unmarshal(res.body, &info) == nil && info.Service == "wardwise-hub" && info.API == "v1" {
			h.setProbe(probeHub)
		} else {
			h.setProbe(probeNoHub)
		}
	}
	return h.probe
}

// setProbe records what the app knows of the hub, remembers a definite
// answer for offline starts, and redraws what shows it.
func (h *hubState) setProbe(state string) {
	before := h.connected()
	h.probe = state
	if state == probeHub || state == probeNoHub {
		localSet(hubSeenKey, state)
	}
	if h.connected() != before && h.onView() {
		// The form and the send button come or go: draw the view again,
		// keeping focus where it was if that element is still there.
		h.redraw("")
		return
	}
	h.showConnection()
	h.outboxChanged(nil)
}

// connected is what the view says about the hub: the probe's answer or,
// while there is none, what the last one found.
func (h *hubState) connected() string {
	if h.probe == probeUnreachable || h.probe == probeUnknown {
		if localGet(hubSeenKey) == probeNoHub {
			return probeNoHub
		}
	}
	return h.probe
}

// onView reports whether the hub view is showing.
func (h *hubState) onView() bool {
	return h.a.route.view == "hub" && byID("hub-outbox") != nil
}

// redraw draws the hub view again and moves focus to the element with id
// focusID, or keeps it on the element that had it.
func (h *hubState) redraw(focusID string) {
	if focusID == "" {
		if ae := js.Global().Get("document").Get("activeElement"); ae.Truthy() {
			focusID = ae.Get("id").String()
		}
	}
	h.a.render()
	if f := byID(focusID); f != nil && focusID != "" {
		focus(f)
	}
}

// origin is the app's origin, the hub's address.
func origin() string { return js.Global().Get("location").Get("origin").String() }

// renderHub is the hub view.
func (a *App) renderHub() dom.Node {
	h := a.hubState()
	for id, s := range h.itemScopes {
		s.release()
		delete(h.itemScopes, id)
	}
	a.setTitle(a.t("hub.title"))
	if a.doc != nil && a.doc.ID != "" && a.doc.ID != h.docID {
		// A newly opened document names the assessment; the user may
		// type another.
		h.docID, h.assessment = a.doc.ID, a.doc.ID
	}
	v := el("div", cls("govuk-grid-row"))
	col := el("div", cls("govuk-grid-column-two-thirds"))
	v.AppendChild(col)
	col.AppendChild(h1(a.t("hub.title")))
	col.AppendChild(el("p", cls("govuk-body-l"), text(a.t("hub.lede"))))
	col.AppendChild(h.connectionEl())

	if h.connected() != probeNoHub {
		col.AppendChild(h.accessForm())
	}
	col.AppendChild(h.sendSection())
	col.AppendChild(h.outboxSection())
	if acc := h.access[h.assessment]; acc != nil && h.token(h.assessment) != "" {
		col.AppendChild(h.masterSection(acc))
	}

	// Ask the hub what it can: whether it is there, whether a remembered
	// token still works, what became of drafts sent earlier.
	a.spawn(func() {
		if h.ensureProbe() != probeHub {
			return
		}
		id := h.assessment
		if h.token(id) != "" && h.access[id] == nil && !h.checked[id] && !h.busy {
			h.checked[id] = true
			h.check(id, false)
		}
		h.refreshAll(30 * time.Second)
	})
	return v
}

// connectionEl says whether this copy of the app is connected to a hub.
func (h *hubState) connectionEl() dom.Element {
	a := h.a
	box := el("div", attr("id", "hub-connection"))
	switch {
	case h.probing && h.probe == probeUnknown:
		box.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.conn.checking"))))
	case h.connected() == probeHub:
		box.AppendChild(el("div", cls("govuk-inset-text"), text(a.t("hub.conn.hub", origin()))))
	case h.connected() == probeNoHub:
		box.AppendChild(el("div", cls("govuk-warning-text"),
			child(el("span", cls("govuk-warning-text__icon"), attr("aria-hidden", "true"), text("!"))),
			child(el("strong", cls("govuk-warning-text__text"),
				child(el("span", cls("govuk-visually-hidden"), text(a.t("report.warning")+" "))),
				text(a.t("hub.conn.none", origin()))))))
		box.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.conn.none.body"))))
	case h.probe == probeUnreachable:
		box.AppendChild(el("div", cls("govuk-inset-text"), text(a.t("hub.conn.unreachable", origin()))))
	default:
		box.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.conn.checking"))))
	}
	return box
}

// showConnection redraws the connection note in place.
func (h *hubState) showConnection() {
	old := byID("hub-connection")
	if old == nil || !h.onView() {
		return
	}
	old.ParentNode().ReplaceChild(h.connectionEl(), old)
}

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
	a.view.onClick(check, func() {
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
		h.setToken(id, t, checked(remInputs[0]))
		h.box.retryAll()
		a.spawn(func() { h.check(id, true) })
	})
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

// accessSummary shows what the hub said of a token.
func (h *hubState) accessSummary(acc *hubAccess) dom.Element {
	a := h.a
	return summaryList("hub-access", [][2]string{
		{a.t("hub.access.assessment"), a.t("hub.access.assessment.value", acc.Title, acc.Assessment)},
		{a.t("hub.access.role"), a.t("hub.role." + acc.Role)},
		{a.t("hub.access.label"), acc.Label},
		{a.t("hub.access.master"), a.t("hub.access.master.value", acc.Master.Seq, acc.Master.OpenConflicts)},
		{a.t("hub.access.drafts"), a.t("hub.access.drafts.value", acc.Drafts.Total, acc.Drafts.Pending)},
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
	d.Draft.SavedAt = savedAt()
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

	// The details.
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

	// The buttons.
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

// masterSection lets a token holder fetch the hub's master, and a
// coordinator merge the drafts waiting on the hub.
func (h *hubState) masterSection(acc *hubAccess) dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-master-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-master-heading"), attr("tabindex", "-1"), text(a.t("hub.master.heading"))))
	sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.master.body"))))
	fetch := button(a.t("hub.master.fetch"), "secondary", attr("id", "hub-fetch-master"))
	a.view.onClick(fetch, func() {
		if !h.busy {
			a.spawn(func() { h.fetchMaster(acc.Assessment) })
		}
	})
	group := el("div", cls("govuk-button-group"), child(fetch))
	if acc.Role == "coordinator" {
		sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.merge.body"))))
		merge := button(a.t("hub.merge"), "", attr("id", "hub-merge"))
		a.view.onClick(merge, func() {
			if !h.busy {
				a.spawn(func() { h.runMerge(acc.Assessment) })
			}
		})
		group.AppendChild(merge)
	}
	sec.AppendChild(group)
	if m := h.merge; m != nil && acc.Role == "coordinator" {
		sec.AppendChild(h.mergeReport(m))
	}
	return sec
}

// fetchMaster opens the hub's current master as the working document.
// Unsaved work is kept in the browser as "earlier work", as when a file is
// opened. It blocks.
func (h *hubState) fetchMaster(assessment string) {
	a := h.a
	h.busy = true
	defer func() { h.busy = false }()
	a.announce(a.t("hub.status.fetching"))
	res, err := hubFetch("GET", hubPath(assessment, "master"), h.token(assessment), nil)
	if err != nil {
		a.showError(a.t("hub.master.offline"))
		return
	}
	if res.status != 200 {
		a.showError(a.t("hub.master.failed", res.message(a)))
		return
	}
	name := safeFileName(assessment + ".json")
	d, err := jsna.Parse(name, res.body)
	if err != nil {
		a.showProblems(a.problemsOf(name, err))
		return
	}
	seq := res.headers.Call("get", "Wardwise-Master-Seq")
	n := 0
	if seq.Type() == js.TypeString {
		n, _ = strconv.Atoi(seq.String())
	}
	a.setDocument(d, name, js.Undefined())
	a.renderShell()
	a.goTo(route{view: "area"})
	a.announce(a.t("hub.status.fetched", d.Title, n))
}

// runMerge merges the drafts waiting on the hub into its master and shows
// the hub's report. It blocks.
func (h *hubState) runMerge(assessment string) {
	a := h.a
	h.busy = true
	defer func() { h.busy = false }()
	a.announce(a.t("hub.status.merging"))
	res, err := hubFetch("POST", hubPath(assessment, "merge"), h.token(assessment), nil)
	if err != nil {
		a.showError(a.t("hub.merge.offline"))
		return
	}
	if res.status != 200 {
		list := &problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("hub.merge.failed", res.message(a))}}}
		if e := res.apiError(); e != nil {
			for _, p := range e.problemTexts(a) {
				list.items = append(list.items, problemItem{text: p})
			}
		}
		a.showProblems(list)
		return
	}
	var m hubMerge
	if err := json.Unmarshal(res.body, &m); err != nil {
		a.showError(a.t("hub.merge.failed", a.t("hub.why.garbled", res.status)))
		return
	}
	h.merge = &m
	if acc := h.access[assessment]; acc != nil {
		acc.Master.Seq, acc.Master.OpenConflicts = m.Master.Seq, m.Master.OpenConflicts
		acc.Drafts.Pending = 0
	}
	h.refreshAccess(assessment)
	a.problems = nil
	if h.onView() {
		h.redraw("hub-merge-heading")
	}
	a.announce(a.t("hub.status.merged", len(m.Merged), m.Master.Seq, m.Master.OpenConflicts))
	h.refreshAll(0)
}

// mergeReport shows what a merge on the hub did.
func (h *hubState) mergeReport(m *hubMerge) dom.Element {
	a := h.a
	sec := el("section", attr("id", "hub-merge-report"), attr("aria-labelledby", "hub-merge-heading"))
	sec.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", "hub-merge-heading"), attr("tabindex", "-1"), text(a.t("hub.merge.heading"))))
	if !m.Changed && len(m.Merged) == 0 {
		sec.AppendChild(el("p", cls("govuk-body"), attr("id", "hub-merge-nothing"), text(a.t("hub.merge.nothing", m.Master.Seq))))
		return sec
	}
	rows := [][2]string{
		{a.t("hub.merge.seq"), itoa(m.Master.Seq)},
		{a.t("hub.merge.drafts"), itoa(len(m.Merged))},
		{a.t("hub.merge.rounds"), itoa(m.Rounds)},
	}
	if r := m.Report; r != nil {
		rows = append(rows,
			[2]string{a.t("merge.report.taken"), itoa(r.Taken)},
			[2]string{a.t("merge.report.merged"), itoa(r.Merged)},
			[2]string{a.t("merge.report.conflicts"), itoa(len(r.Conflicts))})
	}
	rows = append(rows, [2]string{a.t("merge.report.open"), itoa(m.Master.OpenConflicts)})
	sec.AppendChild(summaryList("hub-merge-totals", rows))
	t := el("table", cls("govuk-table"), attr("id", "hub-merge-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("hub.merge.caption"))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("merge.col.draft"), false)),
		child(th(a.t("hub.merge.col.version"), true)),
		child(th(a.t("hub.merge.col.sentby"), false)),
		child(th(a.t("hub.merge.col.round"), true))))))
	body := el("tbody", cls("govuk-table__body"))
	merged := append(m.Merged[:0:0], m.Merged...)
	sort.SliceStable(merged, func(i, j int) bool { return merged[i].Round < merged[j].Round })
	for _, d := range merged {
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(d.Draft))),
			child(td(itoa(d.Version), true)),
			child(td(d.SentBy, false)),
			child(td(itoa(d.Round), true))))
	}
	t.AppendChild(body)
	sec.AppendChild(el("div", cls("app-table-wrap"), child(t)))
	return sec
}

// hubResponse is a response of the hub with its body read.
type hubResponse struct {
	status  int
	headers js.Value // Headers
	body    []byte
}

// hubError is the hub's error object (API.md, "Errors").
type hubError struct {
	Status   int            `json:"status"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
	Problems []jsna.Problem `json:"problems"`
	Omitted  int            `json:"omitted"`
}

// apiError returns the hub's error object, or nil when the body is not
// one (the response did not come from a hub).
func (r *hubResponse) apiError() *hubError {
	var body struct {
		Error *hubError `json:"error"`
	}
	if json.Unmarshal(r.body, &body) != nil || body.Error == nil || body.Error.Message == "" {
		return nil
	}
	return body.Error
}

// message is what went wrong, for people: the hub's message, or the status.
func (r *hubResponse) message(a *App) string {
	if e := r.apiError(); e != nil {
		return e.Message
	}
	return a.t("hub.why.status", r.status)
}

// problemTexts lists an error's problems as text, with the path of each.
func (e *hubError) problemTexts(a *App) []string {
	var out []string
	for _, p := range e.Problems {
		out = append(out, p.String())
	}
	if e.Omitted > 0 {
		out = append(out, a.t("error.file.omitted", e.Omitted))
	}
	return out
}

// retryAfter is the wait the hub asked for with Retry-After (seconds), or 0.
func (r *hubResponse) retryAfter() time.Duration {
	v, err := call(r.headers, "get", "Retry-After")
	if err != nil || v.Type() != js.TypeString {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.String()))
	if err != nil || n < 0 {
		return 0
	}
	return min(time.Duration(n)*time.Second, retryMax)
}

// hubTimeout bounds a request to the hub: a draft of a whole borough is a
// few hundred kilobytes, but a field connection may be slow.
const hubTimeout = 90 * time.Second

// hubFetch sends a request to the hub's API on the app's own origin, with
// the token as a bearer token and no cookies. A JSON body is sent as
// application/json. The error is for the network only (no answer); any
// answer, 4xx and 5xx included, is a response. It blocks.
func hubFetch(method, path, token string, body []byte) (*hubResponse, error) {
	if path != hubAPI && !strings.HasPrefix(path, hubAPI+"/") {
		return nil, fmt.Errorf("ui: %q is not a hub path", path)
	}
	headers := map[string]any{"Accept": "application/json"}
	if token != "" {
		headers["Authorization"] = "Bearer " + token
	}
	init := map[string]any{"method": method, "headers": headers, "credentials": "omit", "cache": "no-store"}
	if body != nil {
		headers["Content-Type"] = "application/json"
		init["body"] = uint8Array(body)
	}
	if as := js.Global().Get("AbortSignal"); as.Truthy() && as.Get("timeout").Type() == js.TypeFunction {
		if sig, err := call(as, "timeout", hubTimeout.Milliseconds()); err == nil {
			init["signal"] = sig
		}
	}
	p, err := call(js.Global(), "fetch", path, init)
	if err != nil {
		return nil, err
	}
	resp, err := await(p)
	if err != nil {
		return nil, err
	}
	p, err = call(resp, "arrayBuffer")
	if err != nil {
		return nil, err
	}
	buf, err := await(p)
	if err != nil {
		return nil, err
	}
	return &hubResponse{status: resp.Get("status").Int(), headers: resp.Get("headers"), body: bytesOf(buf)}, nil
}

//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"regexp"
	"sync"
	"syscall/js"
	"time"

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
	syncMu  sync.Mutex // serialises writes of the tokens for Background Sync
	probe   string
	probing bool
	// auditDays is how long the hub's audit log keeps an entry, as the
	// hub said (GET /api/v1); until it has, the hub's published 365.
	auditDays int

	tokens     map[string]string // by assessment, for this session
	remembered map[string]bool   // tokens also kept in localStorage
	access     map[string]*hubAccess
	accessErr  map[string]string // why the last check of a token failed
	checked    map[string]bool   // assessments checked quietly this session
	assessment string            // the assessment the form names
	docID      string            // the working document's id when the form last took it
	typed      string            // the token typed, before it is checked

	merge *hubMerge  // the last merge run from here
	toks  *hubTokens // the tokens page's state
	busy  bool       // a check, fetch or merge is under way

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

// hubState returns the app's hub state, making it on first use.
func (a *App) hubState() *hubState {
	if a.hub == nil {
		h := &hubState{a: a, tokens: map[string]string{}, remembered: map[string]bool{}, auditDays: 365,
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
	// Tokens remembered by an earlier version: make them the service
	// worker's too.
	h.saveTokens()
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

// saveTokens writes the remembered tokens to localStorage, and to the
// browser store for Background Sync (outbox_sync.go).
func (h *hubState) saveTokens() {
	keep := h.rememberedTokens()
	h.a.spawn(h.writeSyncTokens)
	if len(keep) == 0 {
		localRemove(hubTokensKey)
		return
	}
	b, _ := json.Marshal(keep)
	localSet(hubTokensKey, string(b))
}

// rememberedTokens returns the tokens the user asked to remember, by
// assessment.
func (h *hubState) rememberedTokens() map[string]string {
	keep := map[string]string{}
	for id, ok := range h.remembered {
		if ok && h.tokens[id] != "" {
			keep[id] = h.tokens[id]
		}
	}
	return keep
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
			Service   string `json:"service"`
			API       string `json:"api"`
			Retention int    `json:"audit_retention_days"`
		}
		if res.status == 200 && json.Unmarshal(res.body, &info) == nil && info.Service == "wardwise-hub" && info.API == "v1" {
			if info.Retention > 0 {
				h.auditDays = info.Retention
			}
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
	col.AppendChild(h.privacyNote())
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

// privacyNote says what the hub keeps about the people who use it, and
// for how long: the audit log names them (cmd/worker/API.md, "Personal
// data and retention").
func (h *hubState) privacyNote() dom.Element {
	a := h.a
	return el("details", cls("govuk-details"), attr("id", "hub-privacy"),
		child(el("summary", cls("govuk-details__summary"),
			child(el("span", cls("govuk-details__summary-text"), text(a.t("hub.privacy.summary")))))),
		child(el("div", cls("govuk-details__text"),
			child(el("p", cls("govuk-body"), text(a.t("hub.privacy.kept")))),
			child(el("p", cls("govuk-body"), text(a.tn("hub.privacy.retention", h.auditDays)))))))
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

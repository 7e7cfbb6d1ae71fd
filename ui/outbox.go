//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"errors"
	"net/url"
	"sync"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// The outbox keeps each draft the user sends to the hub, in the browser
// store, until the hub has it: a send made offline, or while the hub is
// failing, waits there through reloads and closed tabs and goes when the
// network returns. One goroutine sends, oldest first: at once, again with
// backoff after a network failure, a 5xx or a 429, and at once when the
// window's "online" event fires or the app starts. Sending a draft again
// is always safe, since the hub answers a copy it already has with the
// stored version ("duplicate"). A refusal (any other 4xx) is final for
// that send: the item shows the hub's message and problems, and waits for
// the user to send it again or remove it.

// slotOutbox is the browser store's slot for the outbox.
const slotOutbox = "outbox"

// The states of an outbox item.
const (
	outQueued  = "queued"  // waiting to be sent, or to be tried again
	outSending = "sending" // a request is under way
	outSent    = "sent"    // the hub has it (Version)
	outFailed  = "failed"  // the hub refused it (Error, Problems)
)

// Retry timing: the first retry after retryFirst, doubling up to retryMax.
const (
	retryFirst = 2 * time.Second
	retryMax   = 5 * time.Minute
	// keepSent is how many sent items the outbox lists; older ones go.
	keepSent = 20
)

// outItem is one send of a draft to the hub.
type outItem struct {
	ID         string `json:"id"` // local key, "out-…"
	Assessment string `json:"assessment"`
	Draft      string `json:"draft"` // the draft's id
	Author     string `json:"author"`
	Title      string `json:"title"`
	// ContentRev is jsna.Revision of the draft (its content, the draft
	// block left out): the same content is not queued twice.
	ContentRev string    `json:"content_rev"`
	Data       string    `json:"data,omitempty"` // the document to send; dropped once sent
	QueuedAt   time.Time `json:"queued_at"`

	State    string    `json:"state"`
	Attempts int       `json:"attempts"`            // failed tries so far
	NextTry  time.Time `json:"next_try,omitzero"`   // not before this time
	Why      string    `json:"why,omitempty"`       // why the last try did not get through
	Status   int       `json:"status,omitempty"`    // the HTTP status of a refusal
	Error    string    `json:"error,omitempty"`     // the hub's message for a refusal
	Problems []string  `json:"problems,omitempty"`  // and its problems, as text
	SentAt   time.Time `json:"sent_at,omitzero"`    // when the hub answered
	Version  int       `json:"version,omitempty"`   // the version the hub stored
	Received string    `json:"received,omitempty"`  // the hub's received_at
	Dup      bool      `json:"duplicate,omitempty"` // the hub had this version already
	Warning  string    `json:"warning,omitempty"`   // e.g. the hub does not know the base
	HubState string    `json:"hub_state,omitempty"` // pending or merged, as last seen
	MergedIn int       `json:"merged_in,omitempty"` // master revision that took it
	Checked  time.Time `json:"checked,omitzero"`    // when HubState was last asked
	// Rev counts the item's changes, so that of two tabs' copies the
	// later one wins.
	Rev int `json:"rev"`
}

// outbox is the queue and its sender.
type outbox struct {
	a *App
	// mu guards items and removed. It is never held while waiting, so an
	// event callback that takes it never blocks.
	mu      sync.Mutex
	items   []*outItem
	removed map[string]bool // removed in this tab: not taken back from the store
	loaded  bool
	// saveMu serialises writes to the store; only goroutines take it.
	saveMu sync.Mutex
	wake   chan struct{}
	// interactive is the item the user has just sent from the hub view: a
	// refusal of it goes to the error summary, with focus.
	interactive string
}

func newOutbox(a *App) *outbox {
	return &outbox{a: a, removed: map[string]bool{}, wake: make(chan struct{}, 1)}
}

// start loads the outbox from the browser store and runs the sender. It
// returns at once.
func (o *outbox) start() {
	o.a.spawn(func() {
		o.load()
		o.run()
	})
}

// load reads the outbox from the store. An item left "sending" by a tab
// that closed mid-request is queued again: sending it twice is safe.
func (o *outbox) load() {
	var items []*outItem
	if o.a.store != nil {
		items = o.stored()
	}
	o.mu.Lock()
	for _, it := range items {
		if it.State == outSending {
			it.State = outQueued
			it.Rev++
		}
		if it.State == outQueued && !it.NextTry.IsZero() {
			it.NextTry = time.Time{}
			it.Rev++
		}
	}
	o.items = append(items, o.items...)
	o.loaded = true
	o.mu.Unlock()
	o.a.hubState().outboxChanged(nil)
}

// stored reads the items in the store. It blocks.
func (o *outbox) stored() []*outItem {
	rec := o.a.store.get(slotOutbox)
	if rec == nil {
		return nil
	}
	var items []*outItem
	if json.Unmarshal([]byte(rec.Data), &items) != nil {
		return nil
	}
	var out []*outItem
	for _, it := range items {
		if it != nil && it.ID != "" {
			out = append(out, it)
		}
	}
	return out
}

// save writes the outbox to the store, first taking in items another tab
// added (or moved further on) meanwhile, so that two tabs do not lose
// each other's sends. It blocks.
func (o *outbox) save() {
	if o.a.store == nil {
		return
	}
	o.saveMu.Lock()
	defer o.saveMu.Unlock()
	other := o.stored()
	o.mu.Lock()
	byID := map[string]int{}
	for i, it := range o.items {
		byID[it.ID] = i
	}
	for _, it := range other {
		i, ok := byID[it.ID]
		switch {
		case o.removed[it.ID]:
		case !ok:
			o.items = append(o.items, it)
		case it.Rev > o.items[i].Rev && o.items[i].State != outSending:
			o.items[i] = it
		}
	}
	b, err := json.Marshal(o.items)
	o.mu.Unlock()
	if err != nil {
		return
	}
	if err := o.a.store.put(&saved{Slot: slotOutbox, Title: o.a.t("hub.title"), SavedAt: time.Now(), Data: string(b)}); err != nil {
		var q *quotaError
		if errors.As(err, &q) {
			o.a.showError(o.a.t("hub.error.quota"))
		} else {
			o.a.showError(o.a.t("error.storage.write", err.Error()))
		}
	}
}

// list returns a copy of the items, oldest first.
func (o *outbox) list() []outItem {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]outItem, len(o.items))
	for i, it := range o.items {
		out[i] = *it
	}
	return out
}

// find returns a copy of the item with this id.
func (o *outbox) find(id string) (outItem, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, it := range o.items {
		if it.ID == id {
			return *it, true
		}
	}
	return outItem{}, false
}

// update changes the item with this id under the lock, and reports
// whether it was there.
func (o *outbox) update(id string, f func(it *outItem)) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, it := range o.items {
		if it.ID == id {
			f(it)
			it.Rev++
			return true
		}
	}
	return false
}

// same returns the item that already holds this content of this draft:
// queued, being sent, or sent.
func (o *outbox) same(assessment, draft, rev string) (outItem, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := len(o.items) - 1; i >= 0; i-- {
		it := o.items[i]
		if it.Assessment == assessment && it.Draft == draft && it.ContentRev == rev && it.State != outFailed {
			return *it, true
		}
	}
	return outItem{}, false
}

// add queues it, sends it as soon as it can, and stores the outbox. It
// blocks (the store).
func (o *outbox) add(it *outItem, interactive bool) {
	o.mu.Lock()
	o.items = append(o.items, it)
	if interactive {
		o.interactive = it.ID
	}
	o.mu.Unlock()
	o.a.hubState().outboxChanged(it)
	o.save()
	o.poke()
}

// remove takes an item out of the outbox (not while it is being sent). It
// blocks.
func (o *outbox) remove(id string) bool {
	o.mu.Lock()
	kept := o.items[:0:0]
	gone := false
	for _, it := range o.items {
		if it.ID == id && it.State != outSending {
			gone = true
			continue
		}
		kept = append(kept, it)
	}
	o.items = kept
	if gone {
		o.removed[id] = true
	}
	o.mu.Unlock()
	if gone {
		o.save()
	}
	return gone
}

// retryNow sends a queued item at once, or a refused one again (after the
// user has put right what the hub said). It blocks.
func (o *outbox) retryNow(id string) {
	if o.update(id, func(it *outItem) {
		if it.State == outFailed {
			it.State, it.Attempts, it.Error, it.Problems, it.Status = outQueued, 0, "", nil, 0
		}
		if it.State == outQueued {
			it.NextTry = time.Time{}
		}
	}) {
		o.mu.Lock()
		o.interactive = id
		o.mu.Unlock()
		it, _ := o.find(id)
		o.a.hubState().outboxChanged(&it)
		o.save()
		o.poke()
	}
}

// retryAll makes every queued item due now: the network is back, or the
// user gave a token. It never blocks.
func (o *outbox) retryAll() {
	o.mu.Lock()
	for _, it := range o.items {
		if it.State == outQueued && !it.NextTry.IsZero() {
			it.NextTry = time.Time{}
			it.Rev++
		}
	}
	o.mu.Unlock()
	o.poke()
}

// poke wakes the sender. It never blocks.
func (o *outbox) poke() {
	select {
	case o.wake <- struct{}{}:
	default:
	}
}

// errNoToken is a hub request for an assessment with no token yet.
var errNoToken = errors.New("no token")

// hubPath is the API path of an assessment's resource, each part
// percent-encoded.
func hubPath(assessment string, parts ...string) string {
	p := hubAPI + "/assessments/" + url.PathEscape(assessment)
	for _, s := range parts {
		p += "/" + url.PathEscape(s)
	}
	return p
}

// newOutItem makes the outbox item for sending d.
func newOutItem(d *jsna.Document, data []byte) *outItem {
	return &outItem{
		ID:         newKey("out"),
		Assessment: d.ID,
		Draft:      d.Draft.ID,
		Author:     d.Draft.Author,
		Title:      d.Title,
		ContentRev: jsna.Revision(d),
		Data:       string(data),
		QueuedAt:   time.Now(),
		State:      outQueued,
	}
}

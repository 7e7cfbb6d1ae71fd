//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"syscall/js"
	"time"
)

// run is the sender: it sends the oldest item that can go, then sleeps
// until the next is due or something wakes it.
func (o *outbox) run() {
	for {
		wait := o.pass()
		if wait <= 0 {
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-o.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// idle is how long the sender sleeps with nothing due; events wake it.
const idle = time.Hour

// pass tries the oldest queued item that has a token, if it is due, and
// returns how long to wait before the next pass (0: at once). Items of an
// assessment without a token wait and do not hold up the others; the rest
// go in order, so the hub numbers a draft's versions as they were made.
func (o *outbox) pass() time.Duration {
	h := o.a.hubState()
	var it *outItem
	o.mu.Lock()
	for _, x := range o.items {
		if x.State == outQueued && h.token(x.Assessment) != "" {
			it = x
			break
		}
	}
	var id string
	var due time.Duration
	if it != nil {
		id = it.ID
		due = time.Until(it.NextTry)
	}
	o.mu.Unlock()
	switch {
	case it == nil:
		return idle
	case due > 0:
		return due
	case !online():
		// The "online" event wakes the sender; with no tab open, the
		// service worker sends (Background Sync).
		requestSync()
		h.outboxChanged(nil)
		return idle
	}
	switch h.ensureProbe() {
	case probeNoHub:
		h.outboxChanged(nil)
		return idle
	case probeUnreachable:
		o.later(id, o.a.t("hub.why.unreachable"), 0)
		return 0
	}
	o.send(id)
	return 0
}

// online reports whether the browser thinks it has a network. Only "no"
// is believed: "yes" may be a network that goes nowhere.
func online() bool {
	v := js.Global().Get("navigator").Get("onLine")
	return v.Type() != js.TypeBoolean || v.Bool()
}

// send posts one item to the hub and records the answer. It blocks.
func (o *outbox) send(id string) {
	h := o.a.hubState()
	var it outItem
	var ok bool
	o.update(id, func(x *outItem) {
		x.State = outSending
		it, ok = *x, true
	})
	if !ok {
		return
	}
	h.outboxChanged(&it)
	o.save()

	token := h.token(it.Assessment)
	res, err := hubFetch("POST", hubPath(it.Assessment, "drafts"), token, []byte(it.Data))
	switch {
	case err != nil:
		o.later(id, o.a.t("hub.why.network", err.Error()), 0)
		return
	case res.status == 200 || res.status == 201:
		var body struct {
			Draft struct {
				Version    int    `json:"version"`
				ReceivedAt string `json:"received_at"`
				State      string `json:"state"`
				MergedIn   int    `json:"merged_in"`
			} `json:"draft"`
			Duplicate bool   `json:"duplicate"`
			Warning   string `json:"warning"`
		}
		if json.Unmarshal(res.body, &body) != nil || body.Draft.Version < 1 {
			o.later(id, o.a.t("hub.why.garbled", res.status), 0)
			return
		}
		o.finish(id, func(x *outItem) {
			x.State, x.Data, x.Why = outSent, "", ""
			x.SentAt = time.Now()
			x.Version, x.Received, x.Dup, x.Warning = body.Draft.Version, body.Draft.ReceivedAt, body.Duplicate, body.Warning
			x.HubState, x.MergedIn, x.Checked = body.Draft.State, body.Draft.MergedIn, time.Now()
		})
		return
	case retryable(res.status):
		why := o.a.t("hub.why.status", res.status)
		if e := res.apiError(); e != nil {
			why = o.a.t("hub.why.hub", res.status, e.Message)
		}
		o.later(id, why, res.retryAfter())
		return
	}
	// A refusal: the hub will refuse the same request again.
	e := res.apiError()
	if e == nil {
		// Not the hub's answer: this origin serves no hub, after all.
		h.setProbe(probeNoHub)
		o.later(id, o.a.t("hub.why.nothub", res.status), 0)
		return
	}
	if res.status == 401 || (res.status == 403 && e.Code != "draft_not_yours") {
		// The token will not work for this assessment: forget it, so that
		// the other items wait for a good one instead of failing too. A
		// draft id someone else owns says nothing against the token.
		h.dropToken(it.Assessment, token)
	}
	o.finish(id, func(x *outItem) {
		x.State, x.Status, x.Error, x.Why = outFailed, res.status, e.Message, ""
		x.Problems = e.problemTexts(o.a)
	})
}

// retryable reports whether a status is worth another try later: the
// hub failed or was busy (5xx), or asked the client to slow down.
func retryable(status int) bool {
	return status >= 500 || status == 408 || status == 429
}

// later puts an item back in the queue, to be tried again after a backoff
// (or after the Retry-After the hub asked for). It blocks.
func (o *outbox) later(id, why string, after time.Duration) {
	requestSync()
	o.finish(id, func(x *outItem) {
		x.State, x.Why = outQueued, why
		x.Attempts++
		d := backoff(x.Attempts)
		if after > 0 {
			d = after
		}
		x.NextTry = time.Now().Add(d)
	})
}

// backoff is the wait before try n+1 after n failures: retryFirst
// doubling to retryMax, give or take a tenth so that many devices coming
// back online together do not all call at once.
func backoff(n int) time.Duration {
	d := retryFirst
	for i := 1; i < n && d < retryMax; i++ {
		d *= 2
	}
	d = min(d, retryMax)
	return time.Duration(float64(d) * (0.9 + 0.2*rand.Float64()))
}

// finish records the outcome of a try, keeps the list of sent items
// short, stores the outbox and shows the result. It blocks.
func (o *outbox) finish(id string, f func(x *outItem)) {
	var it outItem
	interactive := false
	o.mu.Lock()
	for _, x := range o.items {
		if x.ID == id {
			f(x)
			x.Rev++
			it = *x
		}
	}
	if o.interactive == id && it.State != outQueued {
		interactive = true
		o.interactive = ""
	}
	sent := 0
	for i := len(o.items) - 1; i >= 0; i-- {
		if o.items[i].State == outSent {
			sent++
			if sent > keepSent {
				o.removed[o.items[i].ID] = true
				o.items = append(o.items[:i], o.items[i+1:]...)
			}
		}
	}
	o.mu.Unlock()
	o.save()
	o.a.hubState().sendDone(&it, interactive)
}

// refresh asks the hub what became of the sent items of a draft (pending,
// or merged into which master revision). It blocks.
func (o *outbox) refresh(assessment, draft string) error {
	h := o.a.hubState()
	token := h.token(assessment)
	if token == "" {
		return errNoToken
	}
	res, err := hubFetch("GET", hubPath(assessment, "drafts", draft), token, nil)
	if err != nil {
		return err
	}
	if res.status != 200 {
		if e := res.apiError(); e != nil {
			return errors.New(e.Message)
		}
		return errors.New(o.a.t("hub.why.status", res.status))
	}
	var body struct {
		Versions []struct {
			Version  int    `json:"version"`
			State    string `json:"state"`
			MergedIn int    `json:"merged_in"`
		} `json:"versions"`
	}
	if err := json.Unmarshal(res.body, &body); err != nil {
		return err
	}
	o.mu.Lock()
	for _, x := range o.items {
		if x.Assessment != assessment || x.Draft != draft || x.State != outSent {
			continue
		}
		for _, v := range body.Versions {
			if v.Version == x.Version {
				x.HubState, x.MergedIn, x.Checked = v.State, v.MergedIn, time.Now()
				x.Rev++
			}
		}
	}
	o.mu.Unlock()
	o.save()
	h.outboxChanged(nil)
	return nil
}

//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"syscall/js"
	"time"
)

// Background Sync: where the browser has it, the service worker (static/
// sw.js) sends what waits in the outbox when the network returns, even
// with every tab closed. The page asks for a sync whenever a send has to
// wait (offline, or a failure worth retrying), and keeps in the store
// what the service worker needs besides the outbox: the tokens the user
// asked the app to remember (never the session-only ones, so an item of
// an assessment whose token is not remembered waits for a tab, as
// before). Elsewhere the outbox behaves as it always has: it sends while
// a tab is open.

// slotHubSync is the browser store's slot for the remembered tokens, by
// assessment, that the service worker sends with.
const slotHubSync = "hub-sync"

// syncTag names the outbox's sync registration; sw.js listens for it.
const syncTag = "wardwise-outbox"

// writeSyncTokens stores the remembered tokens, as they are when it runs,
// for the service worker, or empties the slot when there are none. Writes
// are serialised, so the last one stores the latest tokens. It blocks.
func (h *hubState) writeSyncTokens() {
	st := h.a.store
	if st == nil {
		return
	}
	h.syncMu.Lock()
	defer h.syncMu.Unlock()
	keep := h.rememberedTokens()
	if len(keep) == 0 {
		st.remove(slotHubSync)
		return
	}
	b, err := json.Marshal(keep)
	if err != nil {
		return
	}
	if err := st.put(&saved{Slot: slotHubSync, Title: h.a.t("hub.title"), SavedAt: time.Now(), Data: string(b)}); err != nil {
		// Only Background Sync is lost: the outbox still sends from a tab.
		return
	}
}

// requestSync asks the browser to wake the service worker for the
// outbox when it next has a network, where it can. It never blocks.
func requestSync() {
	sw := js.Global().Get("navigator").Get("serviceWorker")
	if !sw.Truthy() || !sw.Get("ready").Truthy() {
		return
	}
	var then js.Func
	then = js.FuncOf(func(_ js.Value, args []js.Value) any {
		defer then.Release()
		reg := args[0]
		if s := reg.Get("sync"); s.Truthy() && s.Get("register").Type() == js.TypeFunction {
			p := s.Call("register", syncTag)
			// A refusal (no permission) leaves the tab's outbox to send.
			p.Call("catch", js.FuncOf(func(js.Value, []js.Value) any { return nil }))
		}
		return nil
	})
	sw.Get("ready").Call("then", then)
}

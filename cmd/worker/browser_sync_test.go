//go:build browser

package main

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"
)

// TestBrowserHubBackgroundSync queues a draft while the browser is
// offline, with a remembered token, then leaves the app: no tab of it is
// open when the network returns. The service worker's sync event (fired
// here through DevTools, as the browser fires it when the network comes
// back) sends the draft; back in the app, the outbox shows it sent and
// does not send it again.
func TestBrowserHubBackgroundSync(t *testing.T) {
	b := newBrowserHub(t, true)
	p := openBrowser(t, b.url)
	for _, s := range []string{"Failed to load resource", "ERR_EMPTY_RESPONSE", "ERR_INTERNET_DISCONNECTED", "ERR_FAILED", "Failed to fetch"} {
		p.allow(s)
	}
	var mu sync.Mutex
	var reg serviceworker.RegistrationID
	go func() {
		for ev, err := range chromedp.Events(p.Ctx, serviceworker.WorkerRegistrationUpdated) {
			if err != nil {
				return
			}
			for _, r := range ev.Registrations {
				if r.ScopeURL == b.url && !r.IsDeleted {
					mu.Lock()
					reg = r.RegistrationID
					mu.Unlock()
				}
			}
		}
	}()
	if _, err := chromedp.Call(p.Ctx, serviceworker.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}

	p.goTo("?example", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	ward := strings.TrimPrefix(evalJS[string](p, `document.querySelector('#ward-ranking a[href^="#/ward/"]').getAttribute("href")`), "#/ward/")
	p.click("#start-draft")
	p.typeInto("#draft-name", "Dr Field GP")
	p.click("#draft-role-0")
	p.click("#draft-start")
	p.waitText("#docbar", "Dr Field GP")
	writeSection(p, ward, "Written offline, sent with the tab closed.")
	p.goTo("#/hub", hubView)
	p.waitFor("the service worker to control the page", `!!navigator.serviceWorker.controller`)
	if !evalJS[bool](p, `"sync" in ServiceWorkerRegistration.prototype`) {
		t.Skip("this Chromium has no Background Sync")
	}
	checkToken(p, b.alice, true)
	p.waitText("#hub-access", "Dr Field GP")

	// Offline, and the hub unreachable for the service worker too: the
	// browser knows the device is online (DevTools makes only the page
	// offline) and may fire the sync at once, which then fails and waits.
	b.api.Store(apiDrop)
	p.setOffline(true)
	p.click("#hub-send")
	p.waitText(fmt.Sprintf(itemState, 1), "Waiting for the network")
	p.waitFor("the sync registration", `navigator.serviceWorker.ready.then(r => r.sync.getTags()).then(t => t.includes("wardwise-outbox"))`)

	// Leave the app; the network returns with no tab of it open.
	p.Run("leave the app", chromedp.Navigate("about:blank"))
	p.setOffline(false)
	b.api.Store(apiUp)
	posts := b.posts.Load()
	mu.Lock()
	id := reg
	mu.Unlock()
	if id == "" {
		t.Fatal("no service worker registration for " + b.url)
	}
	if _, err := chromedp.Call(p.Ctx, serviceworker.DispatchSyncEvent, serviceworker.DispatchSyncEventParams{
		Origin: strings.TrimSuffix(b.url, "/"), RegistrationID: id, Tag: "wardwise-outbox",
	}); err != nil {
		t.Fatalf("dispatch the sync event: %v", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for len(b.drafts(b.coordinator, "")) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	ds := b.drafts(b.coordinator, "")
	if len(ds) != 1 || ds[0].SentBy != "Dr Field GP" || ds[0].Version != 1 || b.posts.Load()-posts != 1 {
		t.Fatalf("hub drafts after the sync = %+v after %d sends, want version 1 sent by Dr Field GP, once", ds, b.posts.Load()-posts)
	}

	// Back in the app: the outbox has it as sent, and sends nothing more.
	p.goTo("#/hub", hubView)
	p.waitText(fmt.Sprintf(itemState, 1), "Sent as version 1")
	time.Sleep(2 * time.Second)
	if n := b.posts.Load() - posts; n != 1 {
		t.Errorf("%d sends since the network returned, want 1: the page sent what the service worker had sent", n)
	}
	p.shot("synced")
	p.checkClean()
}

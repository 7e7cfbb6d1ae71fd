//go:build browser

// The browser tests of "send to hub" drive the real app in Debian's
// headless Chromium against the real Hub, over the in-memory store, with
// the app and the API on one loopback origin, as wrangler's [assets] and
// the Worker serve them. They need `make wasm` first (make test-browser
// does it) and are built only with -tags browser. The page helpers are
// cmd/internal/browsertest's, shared with cmd/jsna's browser tests.

package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/cmd/internal/browsertest"
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/static"
)

// What the test hub's API does: answer, or fail as a dead network does.
const (
	apiUp   int32 = iota
	apiDrop       // close the connection without an answer
)

// browserHub is the app and a hub with the example's assessment on one
// loopback origin.
type browserHub struct {
	*fixture
	url     string
	api     atomic.Int32 // apiUp or apiDrop
	posts   atomic.Int32 // draft submissions tried, answered or dropped
	example *jsna.Document
}

// newBrowserHub serves the embedded app and the Hub's API on one loopback
// port. The hub holds the app's example (static/examples) as an
// assessment, with a coordinator token and a contributor token.
func newBrowserHub(tb testing.TB, withAPI bool) *browserHub {
	tb.Helper()
	if _, err := static.Files.Open("app.wasm"); err != nil {
		tb.Fatal("static/app.wasm is not embedded: run make wasm before the browser tests")
	}
	b := &browserHub{fixture: newFixture(tb)}
	raw, err := os.ReadFile("../../static/examples/example-borough.json")
	if err != nil {
		tb.Fatal(err)
	}
	if b.example, err = jsna.Parse("example-borough.json", raw); err != nil {
		tb.Fatal(err)
	}
	resp := b.create(b.example, []string{"Jo Coordinator"}, []string{"Dr Field GP"})
	if resp.status != http.StatusCreated {
		tb.Fatalf("create the example's assessment = %d %s, want 201", resp.status, resp.body)
	}
	var created struct {
		Tokens []issuedToken `json:"tokens"`
	}
	resp.decode(&created)
	b.id, b.master = b.example.ID, b.example
	b.coordinator, b.alice = created.Tokens[0].Token, created.Tokens[1].Token

	app := static.Handler(static.Files)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, APIPrefix) {
			app.ServeHTTP(w, r)
			return
		}
		if !withAPI {
			// jsna serve: the app's files and nothing else.
			app.ServeHTTP(w, r)
			return
		}
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/drafts") {
			b.posts.Add(1)
		}
		if b.api.Load() == apiDrop {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		b.hub.ServeHTTP(w, r)
	})}}
	srv.Start()
	tb.Cleanup(srv.Close)
	b.url = srv.URL + "/"
	return b
}

// page is one browser with one tab on the app: a browsertest.Page
// (cmd/internal/browsertest, shared with cmd/jsna's browser tests), with
// the names these tests use.
type page struct {
	*browsertest.Page
	tb testing.TB
}

// openBrowser starts Chromium on a fresh profile, watching the tab for
// errors and for requests that leave the origin.
func openBrowser(tb testing.TB, base string) *page {
	tb.Helper()
	bp := browsertest.Open(tb, base)
	return &page{Page: bp, tb: tb}
}

func evalJS[T any](p *page, expr string) T { p.tb.Helper(); return browsertest.Eval[T](p.Page, expr) }

func (p *page) allow(fragment string)     { p.Allow(fragment) }
func (p *page) checkClean()               { p.tb.Helper(); p.CheckClean() }
func (p *page) waitFor(what, cond string) { p.tb.Helper(); p.WaitFor(what, cond) }
func (p *page) waitText(sel, want string) { p.tb.Helper(); p.WaitText(sel, want) }
func (p *page) textOf(sel string) string  { p.tb.Helper(); return p.TextOf(sel) }
func (p *page) click(sel string)          { p.tb.Helper(); p.Click(sel) }
func (p *page) typeInto(sel, s string)    { p.tb.Helper(); p.TypeInto(sel, s) }
func (p *page) goTo(path, cond string)    { p.tb.Helper(); p.GoTo(path, cond) }
func (p *page) shot(name string)          { p.tb.Helper(); p.Shot(name) }
func (p *page) setOffline(offline bool)   { p.tb.Helper(); p.SetOffline(offline) }
func (p *page) axe(view string)           { p.tb.Helper(); p.Axe(view) }

// The app's hub view, by the ids ui/hub.go gives it.
const (
	hubView   = `!!document.getElementById("hub-outbox") && document.getElementById("page-heading").textContent === "Send to hub"`
	itemState = `#hub-outbox > li:nth-child(%d) [role=status]`
)

// tokensOf lists the hub's tokens with this label.
func (b *browserHub) tokensOf(label string) []tokenJSON {
	b.tb.Helper()
	var out struct {
		Tokens []tokenJSON `json:"tokens"`
	}
	b.do("GET", b.path("/tokens"), b.coordinator, nil).decode(&out)
	var ts []tokenJSON
	for _, t := range out.Tokens {
		if t.Label == label {
			ts = append(ts, t)
		}
	}
	return ts
}

// itemText returns the text of outbox item n (from 1).
func itemText(p *page, n int) string {
	p.tb.Helper()
	return p.textOf(fmt.Sprintf("#hub-outbox > li:nth-child(%d)", n))
}

// writeSection opens a ward's narrative and types text over its first
// section.
func writeSection(p *page, ward, text string) {
	p.tb.Helper()
	p.goTo("#/ward/"+ward+"/narrative", `!!document.getElementById("section-0-text")`)
	p.typeInto("#section-0-text", text)
}

// checkToken enters a token on the hub view and checks it.
func checkToken(p *page, token string, remember bool) {
	p.tb.Helper()
	p.typeInto("#hub-token", token)
	if remember != evalJS[bool](p, `document.getElementById("hub-remember-0").checked`) {
		p.click("#hub-remember-0")
	}
	p.click("#hub-check")
}

// TestBrowserHubSend drafts in the app and sends the draft to the hub on
// the app's origin: while the hub cannot be reached the send is queued,
// survives a reload and goes by itself when the hub is back; while the
// browser is offline it waits and goes on the "online" event; a bad token
// and a refused send are shown in the error summary, and a refusal is not
// retried; a coordinator merges on the hub and fetches the master, which
// has the draft's text.
func TestBrowserHubSend(t *testing.T) {
	b := newBrowserHub(t, true)
	p := openBrowser(t, b.url)
	// Failures the test causes on purpose.
	for _, s := range []string{"Failed to load resource", "ERR_EMPTY_RESPONSE", "ERR_INTERNET_DISCONNECTED", "ERR_FAILED", "Failed to fetch"} {
		p.allow(s)
	}

	// Open the example, start a draft, write in a ward's narrative.
	p.goTo("?example", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	ward := strings.TrimPrefix(evalJS[string](p, `document.querySelector('#ward-ranking a[href^="#/ward/"]').getAttribute("href")`), "#/ward/")
	p.click("#start-draft")
	p.typeInto("#draft-name", "Dr Field GP")
	p.click("#draft-role-0")
	p.click("#draft-start")
	p.waitText("#docbar", "Dr Field GP")
	text1 := "Written in the field, sent when the hub came back."
	writeSection(p, ward, text1)

	// The hub view: it knows it is on a hub, and says when a token is bad.
	p.goTo("#/hub", hubView)
	p.waitText("#hub-connection", "connected to the hub at "+strings.TrimSuffix(b.url, "/"))
	p.waitText("#hub-privacy", "Each entry of the audit log is deleted 365 days after it was made.")
	if got := evalJS[string](p, `document.getElementById("hub-assessment").value`); got != b.id {
		t.Errorf("assessment field = %q, want the open draft's assessment %q", got, b.id)
	}
	checkToken(p, "wwh_not-a-token-of-this-hub", false)
	p.waitText("#error-summary", "The hub did not accept the token: hub: unknown token")
	if got := evalJS[string](p, `document.activeElement.id`); got != "error-summary" {
		t.Errorf("after a refused token, focus is on #%s, want #error-summary", got)
	}
	p.waitText("#hub-token-error", "unknown token")
	checkToken(p, b.alice, true)
	p.waitText("#hub-access", "Dr Field GP")
	if got := p.textOf("#hub-access"); !strings.Contains(got, "Contributor") || !strings.Contains(got, b.example.Title) {
		t.Errorf("access summary = %q, want the role Contributor and the title %q", got, b.example.Title)
	}
	if n := evalJS[int](p, `document.querySelectorAll("#error-summary").length`); n != 0 {
		t.Errorf("the error summary stays after a good token")
	}

	// The hub cannot be reached: the send is queued and retried.
	b.api.Store(apiDrop)
	p.click("#hub-send")
	p.waitText(fmt.Sprintf(itemState, 1), "Queued")
	p.waitText("#hub-outbox > li:nth-child(1)", "no answer from the network")
	p.shot("queued")
	p.axe("hub view, queued")

	// The queue survives a reload (the token was remembered), and is tried
	// again as the app starts.
	p.Run("reload", chromedp.Reload())
	p.waitFor("the hub view after reload", hubView)
	p.waitText(fmt.Sprintf(itemState, 1), "Queued")
	p.waitText("#hub-outbox > li:nth-child(1)", "Last try:")

	// The hub is back: the outbox sends by itself (backoff, no event).
	b.api.Store(apiUp)
	p.waitText(fmt.Sprintf(itemState, 1), "Sent as version 1")
	p.waitText("#hub-access", "1, of which 1 is waiting to be merged")
	p.shot("sent")
	drafts := b.drafts(b.coordinator, "")
	if len(drafts) != 1 || drafts[0].Author != "Dr Field GP" || drafts[0].SentBy != "Dr Field GP" || drafts[0].Version != 1 || drafts[0].State != "pending" {
		t.Fatalf("hub drafts = %+v, want one pending version 1 by Dr Field GP", drafts)
	}
	draftID := drafts[0].Draft
	v1 := b.do("GET", b.path("/drafts/"+draftID+"/versions/1"), b.coordinator, nil)
	if d, err := jsna.Parse("v1", v1.body); err != nil {
		t.Errorf("the hub's version 1 does not parse: %v", err)
	} else if got := sectionText(d, ward, 0); got != text1 {
		t.Errorf("the hub's version 1 has section text %q, want %q", got, text1)
	}

	// Offline: the browser says so; a send waits for the network without
	// trying, and goes on the "online" event.
	p.goTo("#/", `!!document.getElementById("restore-current")`)
	p.click("#restore-current")
	p.waitText("#docbar", "Dr Field GP")
	text2 := "Second thoughts, written offline."
	writeSection(p, ward, text2)
	p.goTo("#/hub", hubView)
	// A token for this session only from here: the service worker's
	// Background Sync, which the browser may fire at once (DevTools makes
	// only the page offline), has no token to send with, so what is
	// counted is the page's own outbox (TestBrowserHubBackgroundSync
	// has the service worker's).
	checkToken(p, b.alice, false)
	p.waitText("#hub-access", "Dr Field GP")
	p.setOffline(true)
	b.api.Store(apiDrop)
	posts := b.posts.Load()
	p.click("#hub-send")
	p.waitText(fmt.Sprintf(itemState, 2), "Waiting for the network")
	p.shot("offline")
	b.api.Store(apiUp)
	p.setOffline(false)
	p.waitText(fmt.Sprintf(itemState, 2), "Sent as version 2")
	if got := b.posts.Load() - posts; got != 1 {
		t.Errorf("the offline send was tried %d times, want once (after the network came back)", got)
	}

	// The same content again is not queued twice.
	p.click("#hub-send")
	p.waitText("#status", "already has this version of the draft, as version 2")
	if n := evalJS[int](p, `document.querySelectorAll("#hub-outbox > li").length`); n != 2 {
		t.Errorf("after sending unchanged content, the outbox has %d items, want 2", n)
	}

	// A token that may not send: the refusal is in the error summary, with
	// focus, and the send is not tried again.
	text3 := "Third version, first refused."
	writeSection(p, ward, text3)
	p.goTo("#/hub", hubView)
	checkToken(p, testAdminToken, false)
	p.waitText("#hub-access", "Hub administrator")
	posts = b.posts.Load()
	p.click("#hub-send")
	p.waitText("#error-summary", "the admin token creates assessments and tokens only")
	p.waitText(fmt.Sprintf(itemState, 3), "Not sent")
	if got := evalJS[string](p, `document.activeElement.id`); got != "error-summary" {
		t.Errorf("after a refused send, focus is on #%s, want #error-summary", got)
	}
	p.shot("refused")
	p.axe("hub view, refused")
	time.Sleep(3 * time.Second) // longer than the first retry's backoff
	if got := b.posts.Load() - posts; got != 1 {
		t.Errorf("the refused send was tried %d times, want once", got)
	}

	// The coordinator may not send it either: the draft id is Dr Field's,
	// who sent it first. The refusal names the rule, and her token stays.
	third := "#outbox-" + evalJS[string](p, `document.querySelector("#hub-outbox > li:nth-child(3)").id.slice(7)`) + "-again"
	checkToken(p, b.coordinator, false)
	p.waitText("#hub-access", "Jo Coordinator")
	p.click(third)
	p.waitText("#error-summary", "belongs to the contributor who first sent it")
	p.waitText(fmt.Sprintf(itemState, 3), "Not sent")
	p.waitText("#hub-access", "Jo Coordinator")

	// Dr Field sends it again herself; the coordinator merges on the hub
	// and fetches the master.
	checkToken(p, b.alice, false)
	p.waitText("#hub-access", "Dr Field GP")
	p.click(third)
	p.waitText(fmt.Sprintf(itemState, 3), "Sent as version 3")
	checkToken(p, b.coordinator, false)
	p.waitText("#hub-access", "Jo Coordinator")
	p.click("#hub-merge")
	p.waitFor("the merge report", `!!document.getElementById("hub-merge-totals")`)
	master := b.currentMaster(b.coordinator)
	totals := evalJS[string](p, `Array.from(document.querySelectorAll("#hub-merge-totals .govuk-summary-list__row")).map(r => r.children[0].textContent + "=" + r.children[1].textContent).join("; ")`)
	for _, want := range []string{"New master revision=2", "Draft versions merged=3", "Rounds=3", fmt.Sprintf("Conflicts to resolve=%d", len(master.OpenConflicts()))} {
		if !strings.Contains(totals, want) {
			t.Errorf("merge report %q lacks %q", totals, want)
		}
	}
	if got := p.textOf("#hub-merge-table tbody"); strings.Count(got, draftID) != 3 || strings.Count(got, "Dr Field GP") != 6 || strings.Contains(got, "Not the author") {
		t.Errorf("merged drafts table = %q, want 3 versions of %s, each by and sent by Dr Field GP, with no difference marked", got, draftID)
	}
	for i := 1; i <= 3; i++ {
		p.waitText(fmt.Sprintf(itemState, i), "Merged into master revision 2")
	}
	p.shot("merged")
	p.axe("hub view, merged")

	// The coordinator's tokens page: the tokens, a new one shown once, a
	// revocation, and the audit log.
	p.click(`a[href="#/hub-tokens"]`)
	p.waitFor("the tokens page", `!!document.getElementById("hub-tokens-table")`)
	if got := p.textOf("#hub-tokens-table tbody"); !strings.Contains(got, "Jo Coordinator") || !strings.Contains(got, "Dr Field GP") || strings.Count(got, "Active") != 2 {
		t.Errorf("tokens table = %q, want Jo Coordinator and Dr Field GP, both active", got)
	}
	p.typeInto("#hub-new-label", "Cllr New")
	p.click("#hub-new-token")
	p.waitText("#hub-token-issued", "New token for Cllr New")
	if tok := p.textOf("#hub-token-value"); !strings.HasPrefix(tok, TokenPrefix) || len(tok) != len(TokenPrefix)+43 {
		t.Errorf("new token shown = %q, want wwh_ and 43 characters", tok)
	}
	fieldID := ""
	for _, tk := range b.tokensOf("Dr Field GP") {
		fieldID = tk.ID
	}
	p.click("#hub-revoke-" + fieldID)
	p.waitText("#status", "The token for Dr Field GP is revoked")
	p.waitText("#hub-tokens-table tbody", "Revoked")
	if r := b.do("GET", b.path("/master"), b.alice, nil); r.status != 401 {
		t.Errorf("Dr Field's token after revocation = %d, want 401", r.status)
	}
	for _, want := range []string{"Sent a draft", "Refused: sent a draft id that someone else owns", "Merged drafts", "Made a token", "Revoked a token"} {
		p.waitText("#hub-audit-table", want)
	}
	p.waitText("#hub-audit-retention", "365 days")
	p.shot("tokens")
	p.axe("tokens page")
	p.goTo("#/hub", hubView)

	// Fetch master opens the hub's master as the working document.
	p.click("#hub-fetch-master")
	p.waitFor("the master from the hub", `location.hash === "#/area" && document.getElementById("docbar").textContent.includes("Master")`)
	p.goTo("#/ward/"+ward+"/narrative", `!!document.getElementById("section-0-text")`)
	if got, want := evalJS[string](p, `document.getElementById("section-0-text").value`), sectionText(master, ward, 0); got != want || want == sectionText(b.example, ward, 0) {
		t.Errorf("the fetched master's section text = %q, want the hub master's %q (changed from the example's)", got, want)
	}
	p.checkClean()
}

// TestBrowserHubNotConnected serves the app as jsna serve does, with no
// hub: the hub view says this copy is not connected and offers no send,
// in English and in Welsh.
func TestBrowserHubNotConnected(t *testing.T) {
	b := newBrowserHub(t, false)
	p := openBrowser(t, b.url)
	p.allow("404")
	p.goTo("?example", `location.hash === "#/area"`)
	p.click("#start-draft")
	p.typeInto("#draft-name", "Cllr Offline")
	p.click("#draft-role-1")
	p.click("#draft-start")
	p.waitText("#docbar", "Cllr Offline")
	p.goTo("#/hub", hubView)
	p.waitText("#hub-connection", "This copy of Wardwise is not connected to a hub. It was opened from "+strings.TrimSuffix(b.url, "/"))
	if n := evalJS[int](p, `document.querySelectorAll("#hub-send, #hub-token").length`); n != 0 {
		t.Errorf("the view offers %d send or token controls with no hub, want none", n)
	}
	p.waitText("main", "Save your draft as a file instead")
	p.shot("not-connected")
	p.axe("hub view, not connected")
	p.click("#lang-switch")
	p.waitText("#hub-connection", "Nid yw’r copi hwn o Wardwise wedi’i gysylltu â hwb.")
	if got := p.textOf("#page-heading"); got != "Anfon i’r hwb" {
		t.Errorf("Welsh heading = %q, want Anfon i’r hwb", got)
	}
	p.checkClean()
}

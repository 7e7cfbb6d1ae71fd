//go:build browser

// The browser tests drive the real app, served by the real `jsna serve`
// handler on a loopback port, in Debian's headless Chromium with a fresh
// profile each. They need `make wasm` first (make test-browser does it)
// and are built only with -tags browser, so `go test ./...` on a machine
// without Chromium skips them.

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/cmd/internal/chromium"
	"github.com/wardwise/wardwise/static"
)

// artifactsDir is where screenshots are kept (gitignored).
const artifactsDir = "../../test-artifacts"

// chromiumPath finds Debian's chromium.
func chromiumPath(tb testing.TB) string {
	tb.Helper()
	p, err := chromium.Path()
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// appServer serves the embedded app on a loopback port, like jsna serve,
// counting what it sends.
type appServer struct {
	srv      *httptest.Server
	url      string
	bytes    atomic.Int64 // response bytes: status line, headers and body
	requests atomic.Int64
}

// countingWriter counts the bytes of a response.
type countingWriter struct {
	http.ResponseWriter
	n *atomic.Int64
}

func (w countingWriter) WriteHeader(code int) {
	size := len("HTTP/1.1 200 OK\r\n\r\n")
	for k, vs := range w.Header() {
		for _, v := range vs {
			size += len(k) + len(v) + 4
		}
	}
	w.n.Add(int64(size))
	w.ResponseWriter.WriteHeader(code)
}

func (w countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n.Add(int64(n))
	return n, err
}

func startServer(tb testing.TB) *appServer {
	tb.Helper()
	if _, err := static.Files.Open("app.wasm"); err != nil {
		tb.Fatal("static/app.wasm is not embedded: run make wasm before the browser tests")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	a := &appServer{}
	h := static.Handler(static.Files)
	srv := &httptest.Server{Listener: ln, Config: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.requests.Add(1)
		h.ServeHTTP(countingWriter{w, &a.bytes}, r)
	})}}
	srv.Start()
	tb.Cleanup(srv.Close)
	a.srv, a.url = srv, srv.URL+"/"
	return a
}

// page is one browser with one tab on the app.
type page struct {
	tb       testing.TB
	ctx      context.Context
	cancel   func() // closes the browser
	killed   bool
	base     string // the app's URL, ending in "/"
	dir      string // downloads land here
	mu       sync.Mutex
	problems []string // console errors, exceptions, requests to other origins
	allowed  []string // console error fragments a test expects
}

// openBrowser starts Chromium with a fresh profile; see openProfile.
func openBrowser(tb testing.TB, base string) *page {
	tb.Helper()
	return openProfile(tb, base, tb.TempDir())
}

// openProfile starts Debian's headless Chromium (no sandbox, no GPU, no
// background networking, component updates or sync) on the profile in
// directory profile, and watches the tab for errors and for requests that
// leave the origin.
func openProfile(tb testing.TB, base, profile string) *page {
	tb.Helper()
	opts := chromium.Options(chromiumPath(tb), profile)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	p := &page{tb: tb, ctx: ctx, base: base, dir: tb.TempDir()}
	var once sync.Once
	p.cancel = func() {
		once.Do(func() {
			if !p.killed {
				// Close the browser gracefully, so that its profile can
				// be opened again.
				tctx, tcancel := context.WithTimeout(ctx, 10*time.Second)
				chromedp.Cancel(tctx)
				tcancel()
			}
			cancelCtx()
			cancelAlloc()
		})
	}
	tb.Cleanup(p.cancel)
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		tb.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior:      browser.SetDownloadBehaviorBehaviorAllowAndName,
		DownloadPath:  p.dir,
		EventsEnabled: ptr(true),
	}); err != nil {
		tb.Fatal(err)
	}
	origin := strings.TrimSuffix(base, "/")
	go func() {
		for ev, err := range chromedp.Events(ctx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if !strings.HasPrefix(u, origin+"/") && u != origin && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") {
				p.problem("request left the origin: " + u)
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			p.problem("exception: " + msg)
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type != runtime.ConsoleAPICalledTypeError {
				continue
			}
			var parts []string
			for _, a := range ev.Args {
				if a.Value != nil {
					var s string
					if json.Unmarshal(a.Value, &s) == nil {
						parts = append(parts, s)
						continue
					}
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			p.problem("console.error: " + strings.Join(parts, " "))
		}
	}()
	return p
}

func ptr[T any](v T) *T { return &v }

func (p *page) problem(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, a := range p.allowed {
		if strings.Contains(s, a) {
			return
		}
	}
	p.problems = append(p.problems, s)
}

// allow makes console errors containing fragment expected (a test that
// stops the server expects failed fetches).
func (p *page) allow(fragment string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.allowed = append(p.allowed, fragment)
}

// close closes the browser gracefully.
func (p *page) close() { p.cancel() }

// kill ends the browser at once, as a crash or a power cut would: SIGKILL
// to the browser process, no chance to write anything.
func (p *page) kill() {
	p.tb.Helper()
	proc := chromedp.FromContext(p.ctx).Browser.Process()
	if proc == nil {
		p.tb.Fatal("no browser process to kill")
	}
	if err := proc.Kill(); err != nil {
		p.tb.Fatalf("kill chromium: %v", err)
	}
	p.killed = true
	p.cancel()
}

// checkClean fails the test if the page logged errors, threw, or sent a
// request off its origin.
func (p *page) checkClean() {
	p.tb.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.problems {
		p.tb.Errorf("page: %s", s)
	}
	p.problems = nil
}

// run runs actions, failing the test on error.
func (p *page) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.shot("failed-" + safeName(what))
		p.tb.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](p *page, expr string) T {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.tb.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// text returns the text of the first element matching the CSS selector,
// waiting for it to be visible.
func (p *page) text(sel string) string {
	p.tb.Helper()
	p.waitVisible(sel)
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		p.tb.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// value returns the value of a form control.
func (p *page) value(sel string) string {
	p.tb.Helper()
	p.waitVisible(sel)
	return eval[string](p, fmt.Sprintf("document.querySelector(%q).value", sel))
}

func (p *page) waitVisible(sel string) {
	p.tb.Helper()
	p.run("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// waitFor polls a JavaScript condition until it is true.
func (p *page) waitFor(what, cond string) {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		p.shot("failed-" + safeName(what))
		p.tb.Fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

// waitText waits until the element's text contains want.
func (p *page) waitText(sel, want string) {
	p.tb.Helper()
	p.waitFor(fmt.Sprintf("%s to contain %q", sel, want),
		fmt.Sprintf("(function(){var e=document.querySelector(%q);return !!e && e.textContent.indexOf(%q)>=0;})()", sel, want))
}

// click clicks the element matching the CSS selector.
func (p *page) click(sel string) {
	p.tb.Helper()
	p.run("click "+sel, chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// typeInto focuses a field, selects what it holds and types s over it,
// key by key, as a user would.
func (p *page) typeInto(sel, s string) {
	p.tb.Helper()
	p.waitVisible(sel)
	eval[chromedp.Void](p, fmt.Sprintf(`(function(){var e=document.querySelector(%q);e.focus();e.select();})()`, sel))
	p.run("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), s))
}

// navigate loads path (relative to the app) and waits for the app to draw
// its shell.
func (p *page) navigate(path string) {
	p.tb.Helper()
	p.run("navigate "+path, chromedp.Navigate(p.base+strings.TrimPrefix(path, "/")))
	p.waitFor("the app to start", `!!document.getElementById("page-heading")`)
}

// reload reloads the tab and waits for the app.
func (p *page) reload() {
	p.tb.Helper()
	p.run("reload", chromedp.Reload())
	p.waitFor("the app to start", `!!document.getElementById("page-heading")`)
}

// shot keeps a full-page screenshot in test-artifacts/.
func (p *page) shot(name string) {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		// A page taller than Chromium can capture at once (the area
		// report): keep its first screen.
		p.tb.Logf("full-page screenshot %s: %v; keeping the first screen", name, err)
		if buf, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
			p.tb.Logf("screenshot %s: %v", name, err)
			return
		}
	}
	if err := os.MkdirAll(artifactsDir, 0o755); err != nil {
		p.tb.Logf("screenshot %s: %v", name, err)
		return
	}
	f := filepath.Join(artifactsDir, safeName(p.tb.Name()+"-"+name)+".png")
	if err := os.WriteFile(f, buf, 0o644); err != nil {
		p.tb.Logf("screenshot %s: %v", name, err)
	}
}

// printShot keeps what the page prints as in test-artifacts/: a PDF on
// A4 paper, as the browser's print to PDF makes it, and a full-page
// screenshot with the print stylesheet at the width of A4's printable area
// (210 mm less 1 cm margins, 718 CSS pixels).
func (p *page) printShot(name string) {
	p.tb.Helper()
	a4 := func(mm float64) float64 { return mm / 25.4 }
	pdf, err := chromedp.Call(p.ctx, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PaperWidth: a4(210), PaperHeight: a4(297)})
	if err != nil {
		p.tb.Errorf("print %s to PDF: %v", name, err)
	} else if err := os.WriteFile(filepath.Join(artifactsDir, safeName(p.tb.Name()+"-"+name)+".pdf"), pdf.Data, 0o644); err != nil {
		p.tb.Logf("print %s to PDF: %v", name, err)
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		p.tb.Errorf("print media: %v", err)
		return
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 718, Height: 1047, DeviceScaleFactor: 1}); err != nil {
		p.tb.Errorf("A4 width: %v", err)
	}
	p.shot(name)
	if _, err := chromedp.Call(p.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		p.tb.Errorf("screen width again: %v", err)
	}
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		p.tb.Errorf("screen media again: %v", err)
	}
}

func safeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, s)
}

// upload gives files to a file input.
func (p *page) upload(sel string, files ...string) {
	p.tb.Helper()
	var abs []string
	for _, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			p.tb.Fatal(err)
		}
		abs = append(abs, a)
	}
	p.run("upload to "+sel, chromedp.WaitReady(chromedp.CSS(sel)), chromedp.SetUploadFiles(chromedp.CSS(sel), abs))
}

// download clicks sel and returns the bytes of the file it downloads.
func (p *page) download(sel string) []byte {
	p.tb.Helper()
	return p.downloadBy(sel, func() { p.click(sel) })
}

// downloadBy runs trigger and returns the bytes of the file it downloads.
func (p *page) downloadBy(what string, trigger func()) []byte {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 60*time.Second)
	defer cancel()
	events := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	trigger()
	for ev, err := range events {
		if err != nil {
			p.tb.Fatalf("download by %s: %v", what, err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			b, err := os.ReadFile(filepath.Join(p.dir, ev.GUID))
			if err != nil {
				p.tb.Fatal(err)
			}
			return b
		case browser.DownloadProgressStateCanceled:
			p.tb.Fatalf("download by %s cancelled", what)
		}
	}
	p.tb.Fatalf("download by %s: no download", what)
	return nil
}

// axeViolation is one axe-core result.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

var axeSource struct {
	once sync.Once
	src  string
	err  error
}

// axe runs axe-core (from node_modules, pinned in package-lock.json) on the
// page for WCAG 2.x A and AA and fails the test on any serious or critical
// violation.
func (p *page) axe(view string) {
	p.tb.Helper()
	axeSource.once.Do(func() {
		b, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
		axeSource.src, axeSource.err = string(b), err
	})
	if axeSource.err != nil {
		p.tb.Fatalf("axe-core: %v (run npm ci)", axeSource.err)
	}
	if !eval[bool](p, "typeof axe === 'object'") {
		eval[chromedp.Void](p, axeSource.src+";0")
	}
	raw := eval[string](p, `axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
		resultTypes: ["violations"]
	}).then(r => JSON.stringify(r.violations))`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		p.tb.Fatal(err)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			p.tb.Logf("axe %s: %s (%s), %d nodes", view, v.ID, v.Impact, len(v.Nodes))
			continue
		}
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, "…")
				break
			}
			where = append(where, fmt.Sprint(n.Target)+" "+n.HTML)
		}
		p.tb.Errorf("axe %s: %s (%s): %s at %s", view, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
	}
}

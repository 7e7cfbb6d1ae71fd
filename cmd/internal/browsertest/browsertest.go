// Package browsertest drives the Wardwise app in Debian's headless
// Chromium for the browser tests of cmd/jsna and cmd/worker: one browser
// with one tab (Page) that watches for console errors, exceptions and
// requests leaving the app's origin, with the actions the tests take
// (click, type, wait, screenshots, downloads, axe-core checks). Every
// method fails the test on error, so tests read as steps.
package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
)

// Page is one browser with one tab on the app.
type Page struct {
	TB   testing.TB
	Ctx  context.Context
	Base string // the app's URL, ending in "/"
	Dir  string // downloads land here

	cancel   func() // closes the browser
	killed   bool
	mu       sync.Mutex
	problems []string // console errors, exceptions, requests to other origins
	allowed  []string // console error fragments a test expects
}

// Open starts Chromium with a fresh profile; see OpenProfile.
func Open(tb testing.TB, base string) *Page {
	tb.Helper()
	return OpenProfile(tb, base, tb.TempDir())
}

// OpenProfile starts Debian's headless Chromium (chromium.Options: no
// sandbox, no GPU, no background networking, component updates or sync)
// on the profile in directory profile, and watches the tab for errors and
// for requests that leave base's origin. The browser closes when the test
// ends.
func OpenProfile(tb testing.TB, base, profile string) *Page {
	tb.Helper()
	exe, err := chromium.Path()
	if err != nil {
		tb.Fatal(err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromium.Options(exe, profile)...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	p := &Page{TB: tb, Ctx: ctx, Base: base, Dir: tb.TempDir()}
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
		DownloadPath:  p.Dir,
		EventsEnabled: ptr(true),
	}); err != nil {
		tb.Fatal(err)
	}
	p.watch()
	return p
}

func ptr[T any](v T) *T { return &v }

// watch records requests off the origin, exceptions and console errors.
func (p *Page) watch() {
	origin := strings.TrimSuffix(p.Base, "/")
	go func() {
		for ev, err := range chromedp.Events(p.Ctx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if !strings.HasPrefix(u, origin+"/") && u != origin && !strings.HasPrefix(u, "blob:") && !strings.HasPrefix(u, "data:") {
				p.Problem("request left the origin: " + u)
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(p.Ctx, runtime.ExceptionThrown) {
			if err != nil {
				return
			}
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				msg = d.Exception.Description
			}
			p.Problem("exception: " + msg)
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(p.Ctx, runtime.ConsoleAPICalled) {
			if err != nil {
				return
			}
			if ev.Type != runtime.ConsoleAPICalledTypeError {
				continue
			}
			var parts []string
			for _, a := range ev.Args {
				var s string
				switch {
				case a.Value != nil && json.Unmarshal(a.Value, &s) == nil:
					parts = append(parts, s)
				case a.Value != nil:
					parts = append(parts, string(a.Value))
				default:
					parts = append(parts, a.Description)
				}
			}
			p.Problem("console.error: " + strings.Join(parts, " "))
		}
	}()
}

// Problem records something wrong with the page, unless Allow expects it.
func (p *Page) Problem(s string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, a := range p.allowed {
		if strings.Contains(s, a) {
			return
		}
	}
	p.problems = append(p.problems, s)
}

// Allow makes problems containing fragment expected (a test that stops
// the server expects failed fetches).
func (p *Page) Allow(fragment string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.allowed = append(p.allowed, fragment)
}

// Close closes the browser gracefully.
func (p *Page) Close() { p.cancel() }

// Kill ends the browser at once, as a crash or a power cut would: SIGKILL
// to the browser process, no chance to write anything.
func (p *Page) Kill() {
	p.TB.Helper()
	proc := chromedp.FromContext(p.Ctx).Browser.Process()
	if proc == nil {
		p.TB.Fatal("no browser process to kill")
	}
	if err := proc.Kill(); err != nil {
		p.TB.Fatalf("kill chromium: %v", err)
	}
	p.killed = true
	p.cancel()
}

// CheckClean fails the test if the page logged errors, threw, or sent a
// request off its origin since the last check.
func (p *Page) CheckClean() {
	p.TB.Helper()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range p.problems {
		p.TB.Errorf("page: %s", s)
	}
	p.problems = nil
}

// Run runs actions within a minute, failing the test (with a screenshot)
// on error.
func (p *Page) Run(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.TB.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.Shot("failed-" + SafeName(what))
		p.TB.Fatalf("%s: %v", what, err)
	}
}

// Eval evaluates a JavaScript expression, awaiting a promise, and returns
// its value.
func Eval[T any](p *Page, expr string) T {
	p.TB.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		p.TB.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// Text returns the text of the first element matching the CSS selector,
// waiting for it to be visible.
func (p *Page) Text(sel string) string {
	p.TB.Helper()
	p.WaitVisible(sel)
	ctx, cancel := context.WithTimeout(p.Ctx, 30*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		p.TB.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// TextOf returns the text of the element matching sel at once, "" when
// there is none.
func (p *Page) TextOf(sel string) string {
	p.TB.Helper()
	return Eval[string](p, fmt.Sprintf(`(document.querySelector(%q)||{}).textContent || ""`, sel))
}

// Value returns the value of a form control.
func (p *Page) Value(sel string) string {
	p.TB.Helper()
	p.WaitVisible(sel)
	return Eval[string](p, fmt.Sprintf("document.querySelector(%q).value", sel))
}

// WaitVisible waits for the element matching sel to be visible.
func (p *Page) WaitVisible(sel string) {
	p.TB.Helper()
	p.Run("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
}

// WaitFor polls a JavaScript condition until it is true, for a minute at
// most.
func (p *Page) WaitFor(what, cond string) {
	p.TB.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		p.Shot("failed-" + SafeName(what))
		p.TB.Fatalf("waiting for %s (%s): %v", what, cond, err)
	}
}

// WaitText waits until the element's text contains want.
func (p *Page) WaitText(sel, want string) {
	p.TB.Helper()
	p.WaitFor(fmt.Sprintf("%s to contain %q", sel, want),
		fmt.Sprintf("(function(){var e=document.querySelector(%q);return !!e && e.textContent.indexOf(%q)>=0;})()", sel, want))
}

// Click clicks the element matching the CSS selector once it is visible.
func (p *Page) Click(sel string) {
	p.TB.Helper()
	p.Run("click "+sel, chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Click(chromedp.CSS(sel)))
}

// TypeInto focuses a field, selects what it holds and types s over it,
// key by key, as a user would.
func (p *Page) TypeInto(sel, s string) {
	p.TB.Helper()
	p.WaitVisible(sel)
	Eval[chromedp.Void](p, fmt.Sprintf(`(function(){var e=document.querySelector(%q);e.focus();e.select();})()`, sel))
	p.Run("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), s))
}

// appStarted is true once the full app has drawn its shell: not while the
// viewer (app.viewer.wasm, which sets no wardwisePending) shows the first
// view, nor while the full app draws behind it (#app-viewer is the
// viewer's copy, static/app.js).
const appStarted = `!!document.getElementById("page-heading") && !document.getElementById("app-viewer") && typeof wardwisePending === "function"`

// Navigate loads path (relative to the app) and waits for the app to
// draw its shell.
func (p *Page) Navigate(path string) {
	p.TB.Helper()
	p.GoTo(path, appStarted)
}

// GoTo loads path (relative to the app) and waits for cond.
func (p *Page) GoTo(path, cond string) {
	p.TB.Helper()
	p.Run("navigate "+path, chromedp.Navigate(p.Base+strings.TrimPrefix(path, "/")))
	p.WaitFor(path, cond)
}

// Reload reloads the tab and waits for the app.
func (p *Page) Reload() {
	p.TB.Helper()
	p.Run("reload", chromedp.Reload())
	p.WaitFor("the app to start", appStarted)
}

// SetOffline makes the browser think it is offline, or online again:
// navigator.onLine changes and the window gets the "offline" or "online"
// event, as when a laptop leaves or finds a network.
func (p *Page) SetOffline(offline bool) {
	p.TB.Helper()
	if _, err := chromedp.Call(p.Ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
	}); err != nil {
		p.TB.Fatalf("override network state: %v", err)
	}
}

// ArtifactsDir is where screenshots and PDFs are kept: test-artifacts/ at
// the module's root (gitignored), found from the test's directory.
func ArtifactsDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return "test-artifacts"
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "test-artifacts")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "test-artifacts")
		}
	}
}

// Shot keeps a full-page screenshot in ArtifactsDir, named after the test
// and name; a page taller than Chromium can capture at once keeps its
// first screen. Failures are logged, not fatal.
func (p *Page) Shot(name string) {
	p.TB.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 30*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.TB.Logf("full-page screenshot %s: %v; keeping the first screen", name, err)
		if buf, err = chromedp.Run(ctx, chromedp.CaptureScreenshot()); err != nil {
			p.TB.Logf("screenshot %s: %v", name, err)
			return
		}
	}
	if err := os.MkdirAll(ArtifactsDir(), 0o755); err != nil {
		p.TB.Logf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(p.artifact(name, ".png"), buf, 0o644); err != nil {
		p.TB.Logf("screenshot %s: %v", name, err)
	}
}

func (p *Page) artifact(name, ext string) string {
	return filepath.Join(ArtifactsDir(), SafeName(p.TB.Name()+"-"+name)+ext)
}

// PrintShot keeps what the page prints as in ArtifactsDir: a PDF on A4
// paper, as the browser's print to PDF makes it, and a full-page
// screenshot with the print stylesheet at the width of A4's printable
// area (210 mm less 1 cm margins, 718 CSS pixels).
func (p *Page) PrintShot(name string) {
	p.TB.Helper()
	a4 := func(mm float64) float64 { return mm / 25.4 }
	pdf, err := chromedp.Call(p.Ctx, cdppage.PrintToPDF, cdppage.PrintToPDFParams{PaperWidth: a4(210), PaperHeight: a4(297)})
	if err != nil {
		p.TB.Errorf("print %s to PDF: %v", name, err)
	} else if err := os.WriteFile(p.artifact(name, ".pdf"), pdf.Data, 0o644); err != nil {
		p.TB.Logf("print %s to PDF: %v", name, err)
	}
	if _, err := chromedp.Call(p.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		p.TB.Errorf("print media: %v", err)
		return
	}
	if _, err := chromedp.Call(p.Ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 718, Height: 1047, DeviceScaleFactor: 1}); err != nil {
		p.TB.Errorf("A4 width: %v", err)
	}
	p.Shot(name)
	if _, err := chromedp.Call(p.Ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		p.TB.Errorf("screen width again: %v", err)
	}
	if _, err := chromedp.Call(p.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}); err != nil {
		p.TB.Errorf("screen media again: %v", err)
	}
}

// SafeName makes s usable in a file name: letters, digits, '-' and '_'
// are kept, anything else becomes '-'.
func SafeName(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, s)
}

// Upload gives files to a file input.
func (p *Page) Upload(sel string, files ...string) {
	p.TB.Helper()
	var abs []string
	for _, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			p.TB.Fatal(err)
		}
		abs = append(abs, a)
	}
	p.Run("upload to "+sel, chromedp.WaitReady(chromedp.CSS(sel)), chromedp.SetUploadFiles(chromedp.CSS(sel), abs))
}

// Download clicks sel and returns the bytes of the file it downloads.
func (p *Page) Download(sel string) []byte {
	p.TB.Helper()
	return p.DownloadBy(sel, func() { p.Click(sel) })
}

// DownloadBy runs trigger and returns the bytes of the file it downloads,
// within a minute.
func (p *Page) DownloadBy(what string, trigger func()) []byte {
	p.TB.Helper()
	ctx, cancel := context.WithTimeout(p.Ctx, 60*time.Second)
	defer cancel()
	events := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	trigger()
	for ev, err := range events {
		if err != nil {
			p.TB.Fatalf("download by %s: %v", what, err)
		}
		switch ev.State {
		case browser.DownloadProgressStateCompleted:
			b, err := os.ReadFile(filepath.Join(p.Dir, ev.GUID))
			if err != nil {
				p.TB.Fatal(err)
			}
			return b
		case browser.DownloadProgressStateCanceled:
			p.TB.Fatalf("download by %s cancelled", what)
		}
	}
	p.TB.Fatalf("download by %s: no download", what)
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

// loadAxe reads axe-core from node_modules (pinned in package-lock.json)
// at the module's root.
func loadAxe() (string, error) {
	axeSource.once.Do(func() {
		root := filepath.Dir(ArtifactsDir())
		b, err := os.ReadFile(filepath.Join(root, "node_modules", "axe-core", "axe.min.js"))
		if err != nil {
			err = errors.Join(err, errors.New("browsertest: run npm ci"))
		}
		axeSource.src, axeSource.err = string(b), err
	})
	return axeSource.src, axeSource.err
}

// Axe runs axe-core on the page for WCAG 2.x A and AA and fails the test
// on any serious or critical violation; lesser ones are logged.
func (p *Page) Axe(view string) {
	p.TB.Helper()
	src, err := loadAxe()
	if err != nil {
		p.TB.Fatalf("axe-core: %v", err)
	}
	if !Eval[bool](p, "typeof axe === 'object'") {
		Eval[chromedp.Void](p, src+";0")
	}
	raw := Eval[string](p, `axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
		resultTypes: ["violations"]
	}).then(r => JSON.stringify(r.violations))`)
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		p.TB.Fatal(err)
	}
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			p.TB.Logf("axe %s: %s (%s), %d nodes", view, v.ID, v.Impact, len(v.Nodes))
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
		p.TB.Errorf("axe %s: %s (%s): %s at %s", view, v.ID, v.Impact, v.Help, strings.Join(where, "; "))
	}
}

//go:build browser

// The browser tests drive the real app, served by the real `jsna serve`
// handler on a loopback port, in Debian's headless Chromium with a fresh
// profile each. They need `make wasm` first (make test-browser does it)
// and are built only with -tags browser, so `go test ./...` on a machine
// without Chromium skips them. The page helpers are those of
// cmd/internal/browsertest, shared with cmd/worker's browser tests; this
// file names them as these tests call them.

package main

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/cmd/internal/browsertest"
	"github.com/wardwise/wardwise/static"
)

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

// page is one browser with one tab on the app: a browsertest.Page, with
// the names these tests use.
type page struct {
	*browsertest.Page
	tb  testing.TB
	ctx context.Context
}

func wrap(p *browsertest.Page) *page { return &page{Page: p, tb: p.TB, ctx: p.Ctx} }

// openBrowser starts Chromium with a fresh profile.
func openBrowser(tb testing.TB, base string) *page {
	tb.Helper()
	return wrap(browsertest.Open(tb, base))
}

// openProfile starts Chromium on the profile in directory profile.
func openProfile(tb testing.TB, base, profile string) *page {
	tb.Helper()
	return wrap(browsertest.OpenProfile(tb, base, profile))
}

func eval[T any](p *page, expr string) T { p.tb.Helper(); return browsertest.Eval[T](p.Page, expr) }

func safeName(s string) string { return browsertest.SafeName(s) }

func (p *page) problem(s string)       { p.Problem(s) }
func (p *page) allow(fragment string)  { p.Allow(fragment) }
func (p *page) close()                 { p.Close() }
func (p *page) kill()                  { p.tb.Helper(); p.Kill() }
func (p *page) checkClean()            { p.tb.Helper(); p.CheckClean() }
func (p *page) text(sel string) string { p.tb.Helper(); return p.Text(sel) }
func (p *page) value(sel string) string {
	p.tb.Helper()
	return p.Value(sel)
}
func (p *page) waitVisible(sel string)    { p.tb.Helper(); p.WaitVisible(sel) }
func (p *page) waitFor(what, cond string) { p.tb.Helper(); p.WaitFor(what, cond) }
func (p *page) waitText(sel, want string) { p.tb.Helper(); p.WaitText(sel, want) }
func (p *page) click(sel string)          { p.tb.Helper(); p.Click(sel) }
func (p *page) typeInto(sel, s string)    { p.tb.Helper(); p.TypeInto(sel, s) }
func (p *page) navigate(path string)      { p.tb.Helper(); p.Navigate(path) }
func (p *page) reload()                   { p.tb.Helper(); p.Reload() }
func (p *page) shot(name string)          { p.tb.Helper(); p.Shot(name) }
func (p *page) printShot(name string)     { p.tb.Helper(); p.PrintShot(name) }
func (p *page) upload(sel string, files ...string) {
	p.tb.Helper()
	p.Upload(sel, files...)
}
func (p *page) download(sel string) []byte { p.tb.Helper(); return p.Download(sel) }
func (p *page) downloadBy(what string, trigger func()) []byte {
	p.tb.Helper()
	return p.DownloadBy(what, trigger)
}
func (p *page) axe(view string) { p.tb.Helper(); p.Axe(view) }

func (p *page) run(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.tb.Helper()
	p.Run(what, actions...)
}

//go:build js && wasm && wardwise_viewer

package ui

import (
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// The viewer is ui built with the tag wardwise_viewer (wasm/viewer): the
// first, smaller module that draws the first ward view while the full app
// (wasm/, app.wasm) downloads. It shows the area and a ward's indicators
// of a document that was validated when it was stored — the shipped
// example or the last document of the browser's library — and decodes it
// with jsna.Decode: jsna's validation (and validator/v10), the merge, the
// importers, the hub and the editors are not in it. It writes nothing: it
// changes neither the library nor the address, so the full app, started
// after it, opens the same document at the same page as it would on a cold
// start. Every other view, and every action that changes something, is
// the full app's: the viewer says it is opening it (renderHandover) and
// static/app.js hands over as soon as app.wasm is compiled.
//
// The protocol with static/app.js: the viewer fires "wardwise-viewer-drawn"
// once its first view is drawn, "wardwise-viewer-needs-app" when the user
// asks for something only the full app has (or the document cannot be
// shown), and stops when app.js calls wardwiseViewerStop(): it removes its
// listeners and MountViewer's channel closes, so that its main returns and
// the Go program exits before app.wasm starts.

// viewerBuild is true in the viewer (app_full.go has it false).
const viewerBuild = true

// fullApp is empty in the viewer: the merge, hub and import state are the
// full app's (app_full.go).
type fullApp struct{}

// MountViewer starts the viewer in the page and returns at once; the
// channel closes when static/app.js stops it (wardwiseViewerStop).
func MountViewer() <-chan struct{} {
	performanceMark("wardwise-viewer-mount")
	doc = dom.GetWindow().Document()
	a := &App{}
	a.global.app, a.shell.app, a.view.app, a.bar.app = a, a, a, a
	a.lang = initialLang()
	currentLang = a.lang
	a.scoreOpt = defaultScoreOptions()
	a.report = defaultReportOptions()
	var example <-chan decoded
	if hasParam(js.Global().Get("location").Get("search").String(), "example") {
		example = prefetchExample()
	} else {
		a.storeReady = requestStore()
	}
	// A Welsh interface waits for its catalogue, fetched alongside the
	// document (messages_cy_viewer.go); an English one draws the shell now.
	var welsh func() error
	if a.lang == Welsh {
		welsh = welshBegin()
	}
	if welsh == nil {
		a.renderShell()
	}
	done := make(chan struct{})
	var stop js.Func
	stop = js.FuncOf(func(js.Value, []js.Value) any {
		stop.Release()
		js.Global().Delete("wardwiseViewerStop")
		for _, s := range []*scope{&a.global, &a.shell, &a.view, &a.bar} {
			s.release()
		}
		close(done)
		return nil
	})
	js.Global().Set("wardwiseViewerStop", stop)
	a.spawn(func() { a.viewerStart(example, welsh) })
	return done
}

// viewerStart reads the document (the example, or the library's last
// entry) and, for a Welsh interface, the Welsh catalogue (welsh, fetching
// since MountViewer), and draws the view the address names. Without a
// document to show, it hands over at once: the full app shows why.
func (a *App) viewerStart(example <-chan decoded, welsh func() error) {
	r := parseRoute(js.Global().Get("location").Get("hash").String())
	if welsh != nil {
		if welsh() != nil {
			a.needApp()
			return
		}
		performanceMark("wardwise-welsh-read")
		a.renderShell()
	}
	if example != nil {
		res := <-example
		performanceMark("wardwise-example-read")
		if res.fetchErr != nil || res.err != nil {
			a.needApp()
			return
		}
		a.doc, a.docName = res.d, res.name
		if !r.needsDocument() {
			r = route{view: "area"}
		}
	} else {
		a.store = a.storeReady()
		performanceMark("wardwise-store-open")
		if a.store.err != nil {
			a.needApp()
			return
		}
		a.entries = a.store.entries()
		e := a.lastEntry()
		if e == nil {
			a.needApp()
			return
		}
		d, err := a.store.loadDoc(e)
		if err != nil {
			a.needApp()
			return
		}
		a.doc, a.docName = d, e.FileName
		r = a.entryRoute(e)
	}
	a.global.on(js.Global(), "hashchange", func(js.Value) { a.navigate() })
	a.route = r
	a.render()
	a.started = true
	performanceMark("wardwise-viewer-drawn")
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("wardwise-viewer-drawn"))
}

// needApp tells static/app.js that the full app is wanted now.
func (a *App) needApp() {
	js.Global().Call("dispatchEvent", js.Global().Get("Event").New("wardwise-viewer-needs-app"))
}

// viewerShows reports whether the viewer draws r itself: the area and a
// ward's indicators; everything else is the full app's.
func viewerShows(r route) bool {
	return r.view == "area" || r.view == "ward" && r.tab == ""
}

// renderRoute draws the view of r, or says that the full app is opening.
func (a *App) renderRoute(r route) dom.Node {
	if a.doc == nil || !viewerShows(r) {
		return a.renderHandover()
	}
	if r.view == "area" {
		return a.renderOverview()
	}
	return a.renderWard(r)
}

// renderHandover is the view while the full app opens, for what only it
// has; static/app.js hands over as soon as it is ready.
func (a *App) renderHandover() dom.Node {
	a.setTitle(a.t("viewer.loading.title"))
	a.needApp()
	return el("div", attr("id", "viewer-handover"),
		child(h1(a.t("viewer.loading.title"))),
		child(el("p", cls("govuk-body"), attr("role", "status"), text(a.t("viewer.loading.body")))))
}

// renderDocBar leaves the document bar empty in the viewer: saving is the
// full app's.
func (a *App) renderDocBar() {}

// keepVersionAtPause is the full app's: the viewer writes nothing.
func (s *saver) keepVersionAtPause(*entry) {}

// save is the full app's: the viewer hands over.
func (a *App) save(bool) { a.needApp() }

// importBox: the viewer opens no imports (an import's report lives only
// in the full app that made it).
func (a *App) importBox() dom.Node { return nil }

// comparatorsImport: opening a reference file is the full app's, which
// draws the area page again, with it, once it takes over.
func (a *App) comparatorsImport() dom.Node { return nil }

// practiceImport is the full app's: the viewer says it is opening it.
func (a *App) practiceImport() dom.Element {
	a.needApp()
	return el("p", cls("govuk-body"), text(a.t("viewer.loading.body")))
}

// decoded is the example fetched and read (fetchErr when it could not be
// fetched, err when it could not be read).
type decoded struct {
	name     string
	data     []byte
	d        *jsna.Document
	err      error
	fetchErr error
}

// prefetchExample fetches the example and decodes it in a goroutine. The
// viewer decodes without validating: the shipped example is validated by
// its tests (jsna/example TestShippedExample), and the full app, which
// opens it again when it takes over, validates it.
func prefetchExample() <-chan decoded {
	ch := make(chan decoded, 1)
	body := fetchBegin(exampleFile)
	go func() {
		res := decoded{name: "example-borough.json"}
		defer func() { ch <- res }()
		if res.data, res.fetchErr = body(); res.fetchErr == nil {
			res.d, res.err = jsna.Decode(res.data)
		}
	}()
	return ch
}

// openExample is the full app's (a choice on the start page).
func (a *App) openExample(route) { a.needApp() }

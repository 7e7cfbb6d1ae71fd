//go:build browser

package main

import (
	"testing"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// viewerTimeline is what the page's timings say about a start: when the
// first ward view was drawn (ui's mark wardwise-ward-view), when the
// viewer (app.viewer.wasm) drew its first view and when the full app
// (app.wasm) was instantiated, was asked for and took over (static/app.js's
// marks and the resource timings), in ms since navigation start; -1 for
// what did not happen.
type viewerTimeline struct {
	WardView     float64 `json:"ward_view"`
	ViewerDrawn  float64 `json:"viewer_drawn"`
	AppReady     float64 `json:"app_ready"`
	TookOver     float64 `json:"took_over"`
	AppRequested float64 `json:"app_requested"`
	ViewerLoaded bool    `json:"viewer_loaded"`
	// ExampleRequested is when the example was first requested,
	// ViewerReady when the viewer was instantiated (static/app.js's mark
	// wardwise-viewer-ready), PrefetchLeft how many of the files app.js
	// asked for early (window.wardwisePrefetch) no program took; -1 when
	// app.js asked for none.
	ExampleRequested float64 `json:"example_requested"`
	ViewerReady      float64 `json:"viewer_ready"`
	PrefetchLeft     int     `json:"prefetch_left"`
}

const readViewerTimeline = `(() => {
  const mark = n => { const e = performance.getEntriesByName(n); return e.length ? e[0].startTime : -1; };
  const res = n => performance.getEntriesByType("resource").find(e => new URL(e.name).pathname === "/" + n);
  const app = res("app.wasm");
  return {
    ward_view: mark("wardwise-ward-view"),
    viewer_drawn: mark("wardwise-viewer-drawn"),
    app_ready: mark("wardwise-wasm-ready"),
    took_over: mark("wardwise-app-took-over"),
    app_requested: app ? app.startTime : -1,
    viewer_loaded: !!res("app.viewer.wasm"),
    example_requested: res("examples/example-borough.json") ? res("examples/example-borough.json").startTime : -1,
    viewer_ready: mark("wardwise-viewer-ready"),
    prefetch_left: window.wardwisePrefetch ? Object.keys(window.wardwisePrefetch).length : -1,
  };
})()`

// TestBrowserViewer opens a ward of the example by its address on a fresh
// profile: the viewer draws the ward view before the full app is even
// requested; the full app then takes over at the same address, and editing
// works (the narrative is typed and stored). Reloaded at the ward's
// address, the viewer draws it again from the browser's library and hands
// over to the full app, which has the edit. No request leaves the origin
// (checkClean), and the viewer leaves no error in the console.
func TestBrowserViewer(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	code := readExample(t).Wards[0].Code
	p.navigate("?example#/ward/" + code)
	p.shot("viewer-handed-over")
	tl := eval[viewerTimeline](p, readViewerTimeline)
	t.Logf("example: %+v", tl)
	checkViewerStart(t, tl)
	// The example is asked for by static/app.js while the viewer's module
	// downloads and compiles, and the viewer takes that response.
	if tl.ExampleRequested < 0 || tl.ExampleRequested > tl.ViewerReady {
		t.Errorf("the example was requested at %.0f ms, want before the viewer was instantiated (%.0f ms)", tl.ExampleRequested, tl.ViewerReady)
	}
	if tl.PrefetchLeft != 0 {
		t.Errorf("%d files app.js asked for early were left untaken (-1: none asked for), want 0", tl.PrefetchLeft)
	}
	if got := eval[string](p, `location.hash`); got != "#/ward/"+code {
		t.Errorf("after the handover, location.hash = %q, want %q", got, "#/ward/"+code)
	}
	if n := eval[int](p, `document.querySelectorAll("#app").length + document.querySelectorAll("#app-viewer").length`); n != 1 {
		t.Errorf("after the handover the page holds %d app containers, want 1", n)
	}
	if !eval[bool](p, `!!document.getElementById("indicator-table")`) {
		t.Error("after the handover the ward view has no indicator table")
	}

	// Editing is the full app's: it works after the handover.
	p.navigate("#/ward/" + code + "/narrative")
	p.waitVisible("#section-0-text")
	before := savedNote(p)
	text := "Typed after the viewer handed over. " + xss
	p.typeInto("#section-0-text", text)
	waitSaved(p, before)

	// A reload at the ward's address: the viewer draws it from the
	// library (no ?example), then the full app has the edit.
	p.navigate("#/ward/" + code)
	p.reload()
	tl = eval[viewerTimeline](p, readViewerTimeline)
	t.Logf("library: %+v", tl)
	checkViewerStart(t, tl)
	p.navigate("#/ward/" + code + "/narrative")
	p.waitVisible("#section-0-text")
	if got := p.value("#section-0-text"); got != text {
		t.Errorf("after the reload and handover, section text = %q, want %q", got, text)
	}
	p.checkClean()
}

// checkViewerStart checks that the viewer drew the ward view, before the
// full app was requested, and that the full app then took over.
func checkViewerStart(t *testing.T, tl viewerTimeline) {
	t.Helper()
	if !tl.ViewerLoaded {
		t.Error("app.viewer.wasm was not loaded")
	}
	if tl.ViewerDrawn < 0 || tl.WardView < 0 {
		t.Fatalf("the viewer did not draw the ward view: %+v", tl)
	}
	if tl.WardView > tl.ViewerDrawn {
		t.Errorf("the first ward view (%.0f ms) came after the viewer's first view (%.0f ms): the viewer did not draw it", tl.WardView, tl.ViewerDrawn)
	}
	if tl.AppRequested < tl.ViewerDrawn {
		t.Errorf("app.wasm was requested at %.0f ms, before the viewer's first view at %.0f ms", tl.AppRequested, tl.ViewerDrawn)
	}
	if tl.AppReady < tl.ViewerDrawn || tl.TookOver < tl.AppReady {
		t.Errorf("the full app did not take over after the viewer: %+v", tl)
	}
}

// recordViewerDrawn keeps, when the viewer fires wardwise-viewer-drawn,
// the page's language and title then, before the full app takes over.
const recordViewerDrawn = `addEventListener("wardwise-viewer-drawn", () => {
  window.wardwiseViewerSaw = {lang: document.documentElement.lang, title: document.title};
});`

// TestBrowserViewerWelsh opens a ward of the example with Welsh chosen
// before: the viewer, whose module holds no Welsh catalogue, fetches
// app.cy.json alongside the document and draws the ward view in Welsh
// (the page's language cy, the title the full app gives the same view
// in Welsh), and the full app takes over as in English.
func TestBrowserViewerWelsh(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	if _, err := chromedp.Call(p.ctx, cdppage.AddScriptToEvaluateOnNewDocument,
		cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: recordViewerDrawn}); err != nil {
		t.Fatal(err)
	}
	code := readExample(t).Wards[0].Code
	p.navigate("")
	eval[any](p, `localStorage.setItem("wardwise.lang", "cy"), 0`)
	p.navigate("?example#/ward/" + code)
	p.waitFor("the full app in Welsh", `document.documentElement.lang === "cy" && performance.getEntriesByName("wardwise-app-took-over").length > 0`)
	p.shot("viewer-welsh-handed-over")
	tl := eval[viewerTimeline](p, readViewerTimeline)
	t.Logf("Welsh: %+v", tl)
	checkViewerStart(t, tl)
	type saw struct{ Lang, Title string }
	got := eval[saw](p, `window.wardwiseViewerSaw || {lang: "", title: ""}`)
	want := saw{Lang: "cy", Title: eval[string](p, `document.title`)}
	if got != want {
		t.Errorf("the viewer's first view: %+v, want %+v (the full app's, in Welsh)", got, want)
	}
	if fetched := eval[float64](p, `(performance.getEntriesByType("resource").find(e => new URL(e.name).pathname === "/app.cy.json") || {responseEnd: -1}).responseEnd`); fetched < 0 || fetched > tl.ViewerDrawn {
		t.Errorf("app.cy.json fetched at %.0f ms, want before the viewer's first view at %.0f ms", fetched, tl.ViewerDrawn)
	}
	p.checkClean()
}

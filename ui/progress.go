//go:build js && wasm

package ui

import (
	"sync"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// work is the progress of something that may take a while — opening or
// importing a large file, a merge, scoring again — done in steps (read,
// check, score, draw). Between steps it gives the page back to the
// browser, so that it paints and answers input; a step itself (jsna's
// parse, merge or score) runs to its end.
//
// A native <progress> under a label, styled like GOV.UK, shows the step
// and how many of the steps are done: from the start when the work is
// known to be large, or else once it has taken longer than half a second.
// The steps are read out by a polite live region, at most every few
// seconds, so that a screen reader is told what is happening without
// being talked over.
type work struct {
	a       *App
	steps   int // how many steps there are
	done    int
	began   float64 // performance.now(), ms
	box     dom.Element
	lastSay float64
}

const (
	workShowAfter = 500.0  // ms: work that ends sooner shows no progress
	workSayEvery  = 3000.0 // ms between announcements of the step
	// workLargeBytes is the size of a file from which opening it is
	// expected to take longer than half a second (jsna parses some 12 MB/s
	// under WebAssembly, then scores and draws it); workLargeValues the
	// size of a document (wards × indicators) from which scoring or
	// merging it is (scoring takes some 2 µs a value).
	workLargeBytes  = 4 << 20
	workLargeValues = 100_000
)

// largeDoc reports whether work on all of d is expected to be long.
func largeDoc(d *jsna.Document) bool {
	return d != nil && len(d.Wards)*max(1, len(d.Indicators)) >= workLargeValues
}

// beginWork starts the progress of work of steps steps; large shows it at
// once.
func (a *App) beginWork(steps int, large bool) *work {
	w := &work{a: a, steps: steps, began: now0()}
	if large {
		w.show()
	}
	return w
}

// step starts the next step, named label: the bar shows it (if the work
// is large or has gone on for half a second), then the page is given
// back to the browser for a moment. It blocks: call it from a goroutine.
// A nil work does nothing.
func (w *work) step(label string) {
	if w == nil {
		return
	}
	t := now0()
	if w.box == nil && t-w.began >= workShowAfter {
		w.show()
	}
	if w.box != nil {
		w.update(label, t)
	}
	w.done++
	yieldToBrowser()
}

// end removes the bar; the caller announces the outcome.
func (w *work) end() {
	if w != nil && w.box != nil {
		if p := w.box.ParentNode(); p != nil {
			p.RemoveChild(w.box)
		}
		w.box = nil
	}
}

// show puts the bar at the top of the view.
func (w *work) show() {
	if w.a.mainEl == nil {
		return
	}
	if old := byID("work-progress"); old != nil {
		old.ParentNode().RemoveChild(old)
	}
	var m markup
	m.start("div", "class", "govuk-form-group app-progress", "id", "work-progress")
	m.elem("label", "", "class", "govuk-label govuk-label--s", "for", "work-progress-bar", "id", "work-progress-label")
	m.elem("progress", "", "class", "app-progress__bar", "id", "work-progress-bar", "max", itoa(w.steps), "value", "0")
	m.elem("p", "", "class", "govuk-visually-hidden", "id", "work-progress-status", "role", "status", "aria-live", "polite")
	w.box = m.end().node()
	w.a.mainEl.InsertBefore(w.box, w.a.mainEl.FirstChild())
}

// update shows step label, and says it when the last was said long enough
// ago.
func (w *work) update(label string, t float64) {
	box := w.box.Underlying()
	box.Call("querySelector", "#work-progress-label").Set("textContent", label)
	box.Call("querySelector", "#work-progress-bar").Set("value", w.done)
	if w.lastSay == 0 || t-w.lastSay >= workSayEvery {
		w.lastSay = t
		box.Call("querySelector", "#work-progress-status").Set("textContent", w.a.t("work.step", label, w.done+1, w.steps))
	}
}

// yieldToBrowser gives the page back to the browser until it has painted
// a frame (or, where frames are not drawn, a hidden tab, 50 ms), so that
// what changed shows and waiting input is handled. It blocks.
func yieldToBrowser() {
	ch := make(chan struct{})
	var once sync.Once
	resume := js.FuncOf(func(js.Value, []js.Value) any {
		once.Do(func() { close(ch) })
		return nil
	})
	var afterID js.Value
	frame := js.FuncOf(func(js.Value, []js.Value) any {
		afterID = js.Global().Call("setTimeout", resume, 0)
		return nil
	})
	g := js.Global()
	rafID := g.Call("requestAnimationFrame", frame)
	timerID := g.Call("setTimeout", resume, 50)
	<-ch
	// Whichever did not fire never will: the page runs one thing at a
	// time, so nothing can fire between here and the release.
	g.Call("cancelAnimationFrame", rafID)
	g.Call("clearTimeout", timerID)
	if !afterID.IsUndefined() {
		g.Call("clearTimeout", afterID)
	}
	frame.Release()
	resume.Release()
}

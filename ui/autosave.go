//go:build js && wasm

package ui

import (
	"errors"
	"sync"
	"syscall/js"
	"time"
)

// saver writes the working document to its library entry within a second
// of any change: edits wake it, it waits a moment for more keystrokes,
// then writes the state as it is at that time. Writes are serialised, so
// the last one always holds the latest state. Only the pieces an edit
// touched are encoded and written (the head and the ward being edited), so
// a write costs the same for a small document and an England-sized one.
//
// A write that fails (a full disk, an aborted transaction) keeps the edits
// in memory, warns once, and is tried again with a growing pause; while
// an edit is not stored, closing the tab asks first.
type saver struct {
	a    *App
	wake chan struct{}
	mu   sync.Mutex
	// delay is how long the saver gathers edits before writing; with the
	// write itself it stays well under a second.
	delay time.Duration

	// What is not stored yet: every piece (all), or the wards named.
	all   bool
	wards map[string]bool
	// unstored is set by an edit and cleared once a write that began after
	// it has committed.
	unstored bool
	gen      int  // edits so far; a write covers the edits up to its gen
	touched  bool // edited (not only opened) since the last write
	failing  bool
	warning  *problemList // the error summary shown while failing, on every view
	cookie   bool         // the library marker cookie has been set this session
	// versionDue is set while a version waits for a pause in editing
	// (keepVersionAtPause).
	versionDue bool
	writes     int // writes committed so far, for wardwiseWrites
}

func newSaver(a *App) *saver {
	s := &saver{a: a, wake: make(chan struct{}, 1), delay: 300 * time.Millisecond, wards: map[string]bool{}}
	go func() {
		for range s.wake {
			time.Sleep(s.delay)
			pause := 500 * time.Millisecond
			for s.flush() != nil {
				time.Sleep(pause)
				if pause < 16*time.Second {
					pause *= 2
				}
			}
		}
	}()
	// When the page is hidden (tab switched or closed, laptop lid shut),
	// write at once rather than after the delay.
	a.global.on(js.Global().Get("document"), "visibilitychange", func(js.Value) {
		if js.Global().Get("document").Get("visibilityState").String() == "hidden" {
			a.spawn(func() { s.flush() })
		}
	})
	// wardwisePending() tells tests (and the curious) whether an edit is
	// waiting to be stored.
	js.Global().Set("wardwisePending", js.FuncOf(func(js.Value, []js.Value) any { return s.pending() }))
	// wardwiseWrites() counts the writes committed, so that a test can
	// wait for the next one (the saved note's clock shows seconds: two
	// writes in one second read the same).
	js.Global().Set("wardwiseWrites", js.FuncOf(func(js.Value, []js.Value) any { return s.writes }))
	a.global.on(js.Global(), "beforeunload", func(ev js.Value) {
		if s.pending() {
			ev.Call("preventDefault")
			ev.Set("returnValue", "")
			a.spawn(func() { s.flush() })
		}
	})
	return s
}

// pending reports whether an edit is not yet durably stored.
func (s *saver) pending() bool { return s != nil && s.unstored }

// edited records an edit of ward (every piece when ward is "") and
// schedules a write. It never blocks.
func (s *saver) edited(ward string) {
	if s == nil {
		return
	}
	if ward == "" {
		s.all = true
	} else {
		s.wards[ward] = true
	}
	s.unstored = true
	s.touched = true
	s.gen++
	s.changed()
}

// headChanged schedules a write of the document's head and its entry (a
// draft stamped by a save, the entry's state), not counted as an edit.
func (s *saver) headChanged() {
	if s == nil {
		return
	}
	s.unstored = true
	s.gen++
	s.changed()
}

// opened writes every piece of a document just opened, at once (in the
// background): a tab closed a moment after opening a file keeps it.
func (s *saver) opened() {
	if s == nil {
		return
	}
	s.all, s.unstored = true, true
	s.gen++
	s.saveNow()
}

// changed schedules a write. It never blocks.
func (s *saver) changed() {
	if s == nil {
		return
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// saveNow writes in the background at once.
func (s *saver) saveNow() {
	if s == nil {
		return
	}
	s.a.spawn(func() { s.flush() })
}

// flush writes what is not stored yet and waits for the write. Call it
// from a goroutine.
func (s *saver) flush() error {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.a
	if a.doc == nil || a.store == nil || a.entry == nil {
		return nil
	}
	e := a.entry
	gen := s.gen
	all, wards := s.all || e.Stored.IsZero(), s.wards
	s.all, s.wards = false, map[string]bool{}

	t0 := now0()
	e.describe(a.doc)
	e.FileName, e.Base, e.Dirty = a.docName, a.baseRev, a.dirty
	if a.route.needsDocument() {
		e.Route = a.route.String()
	}
	touched := s.touched
	s.touched = false
	if touched {
		e.Changed = time.Now()
	}
	ps := pieces(e, a.doc, all, wards)
	codes := codesOf(a.doc)
	var dels []string
	if all {
		keep := map[string]bool{}
		for _, c := range codes {
			keep[c] = true
		}
		for _, c := range e.Codes {
			if !keep[c] {
				dels = append(dels, e.ID+pieceWard+c)
			}
		}
	}
	e.Codes = codes
	e.Stored = time.Now()
	encodeMS := since(t0)
	err := a.store.putEntry(e, ps, dels)
	recordAutosave(encodeMS, since(t0), ps)
	if err != nil {
		s.all = s.all || all
		s.touched = s.touched || touched
		for w := range wards {
			s.wards[w] = true
		}
		s.failed(err)
		return err
	}
	if s.gen == gen {
		s.unstored = false
	}
	s.stored(e)
	return nil
}

// stored shows a write that committed, ends a failure, sets the marker
// cookie and keeps a version every versionEvery of editing, at the next
// pause.
func (s *saver) stored(e *entry) {
	a := s.a
	s.writes++
	a.lastSaved = e.Stored
	a.setSavedNote(a.t("saved.browser", a.formatClock(e.Stored)))
	if s.failing {
		s.failing, s.warning = false, nil
		if a.problems != nil && a.problems.id == "storage" {
			a.clearProblems()
		}
		a.announce(a.t("lib.storage.back"))
	}
	if !s.cookie {
		setMarker(true)
		s.cookie = true
	}
	if e.Changed.After(e.Version) && time.Since(e.Version) >= versionEvery {
		s.keepVersionAtPause(e)
	}
}

// failed keeps the edits in memory and warns, once, that they are not
// stored, with a button that saves them to a file.
func (s *saver) failed(err error) {
	a := s.a
	a.setSavedNote(a.t("saved.failed"))
	if s.failing {
		return
	}
	s.failing = true
	msg := a.t("error.storage.write", err.Error())
	var q *quotaError
	if errors.As(err, &q) {
		msg = a.t("error.storage.quota")
	}
	label := a.t("docbar.download.only")
	s.warning = &problemList{
		id:    "storage",
		title: a.t("error.title"),
		items: []problemItem{{text: msg}, {text: a.t("lib.storage.retry")}},
		// A download: one click, no picker, in every browser.
		action: &problemAction{id: "storage-save-file", label: label, fn: func() { a.save(false) }},
	}
	a.placeProblems(s.warning)
}

// now0 is a monotonic start time for measuring.
func now0() float64 { return js.Global().Get("performance").Call("now").Float() }

func since(t0 float64) float64 { return now0() - t0 }

// recordAutosave keeps the last write's figures where tests and people can
// read them: window.wardwiseAutosave = {encode_ms, total_ms, bytes}.
func recordAutosave(encodeMS, totalMS float64, ps []kv) {
	n := 0
	for _, p := range ps {
		n += len(p.value)
	}
	js.Global().Set("wardwiseAutosave", map[string]any{"encode_ms": encodeMS, "total_ms": totalMS, "bytes": n})
}

//go:build js && wasm

package ui

import (
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// openKey is the sessionStorage key of the entry this tab has open, so
// that a reload opens the same document even with several tabs.
const openKey = "wardwise.open"

// rememberOpen notes in this tab that entry id is open.
func rememberOpen(id string) {
	defer func() { recover() }()
	if id == "" {
		js.Global().Get("sessionStorage").Call("removeItem", openKey)
		return
	}
	js.Global().Get("sessionStorage").Call("setItem", openKey, id)
}

// openInTab is the entry this tab had open, "" if none.
func openInTab() string {
	defer func() { recover() }()
	v := js.Global().Get("sessionStorage").Call("getItem", openKey)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// findEntry is the entry with id, nil if none.
func (a *App) findEntry(id string) *entry {
	for _, e := range a.entries {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// lastEntry is the entry to carry on with after a reload: this tab's, or
// else the one used last; never one in the bin.
func (a *App) lastEntry() *entry {
	if e := a.findEntry(openInTab()); e != nil && e.Removed.IsZero() {
		return e
	}
	for _, e := range a.entries {
		if e.Removed.IsZero() {
			return e
		}
	}
	return nil
}

// sameEntry is an entry that holds d, from the file name, unchanged since
// it was opened: opening the same file again carries on with it rather
// than adding a copy. Nil when there is none.
func (a *App) sameEntry(d *jsna.Document, name string) *entry {
	rev, save := jsna.Revision(d), ""
	if d.Draft != nil {
		save = d.Draft.Save
	}
	for _, e := range a.entries {
		if !e.Dirty && e.Changed.IsZero() && e.FileName == name && e.Rev == rev && e.Save == save &&
			(d.Draft == nil) == (e.Author == "") {
			return e
		}
	}
	return nil
}

// leaveEntry stores the working document and keeps a version of it before
// another takes its place. It blocks.
func (a *App) leaveEntry() {
	if a.doc == nil || a.entry == nil {
		return
	}
	a.saver.flush()
	if e := a.entry; e.Changed.After(e.Version) {
		a.keepVersion(e, "open")
		a.store.putMeta(e)
	}
}

// keepVersion stores the working document as a version of e.
func (a *App) keepVersion(e *entry, reason string) {
	if a.doc == nil || a.store == nil {
		return
	}
	at := time.Now()
	if a.store.keepVersion(e, reason, string(jsna.Canonical(a.doc)), at) == nil {
		e.Version = at
	}
}

// openEntry makes e's document the working document again and goes to
// where it was left (or to the page the address names). It blocks.
func (a *App) openEntry(e *entry, offered bool) {
	if err := a.loadEntry(e); err != nil {
		a.showProblemsAt(route{}, a.problemsOf(e.FileName, err))
		return
	}
	a.goTo(a.entryRoute(e))
	if offered {
		a.announce(a.t("status.restored", e.title()))
	}
}

// loadEntry makes e's document the working document, storing the one
// before. It blocks.
func (a *App) loadEntry(e *entry) error {
	if a.entry != nil && a.entry.ID == e.ID && a.doc != nil {
		return nil
	}
	d, err := a.store.loadDoc(e)
	if err != nil {
		return err
	}
	a.leaveEntry()
	a.doc, a.docName, a.fileHandle, a.dirty = d, e.FileName, js.Undefined(), e.Dirty
	a.baseRev = e.Base
	a.gen++
	a.entry = e
	e.Removed = time.Time{}
	rememberOpen(e.ID)
	a.renderShell()
	return nil
}

// entryRoute is where to show e: the page the address names, if it shows
// a document, or else where e was left.
func (a *App) entryRoute(e *entry) route {
	r := parseRoute(js.Global().Get("location").Get("hash").String())
	if !r.needsDocument() {
		r = parseRoute(e.Route)
		if !r.needsDocument() {
			r = route{view: "area"}
		}
	}
	return r
}

// closeDocument leaves no document open (its entry was removed).
func (a *App) closeDocument() {
	a.doc, a.entry, a.docName, a.fileHandle, a.dirty = nil, nil, "", js.Undefined(), false
	a.saver.unstored = false
	rememberOpen("")
	a.gen++
	a.renderShell()
}

// removeEntry moves e to the bin. It blocks.
func (a *App) removeEntry(e *entry) error {
	if a.entry == e {
		a.saver.flush()
		a.closeDocument()
	}
	e.Removed = time.Now()
	return a.store.putMeta(e)
}

// restoreEntry takes e out of the bin. It blocks.
func (a *App) restoreEntry(e *entry) error {
	e.Removed = time.Time{}
	return a.store.putMeta(e)
}

// forgetEntry deletes e, its versions included, from this browser. It
// blocks.
func (a *App) forgetEntry(e *entry) error {
	if a.entry == e {
		a.closeDocument()
	}
	if err := a.store.forget(e.ID); err != nil {
		return err
	}
	var out []*entry
	for _, x := range a.entries {
		if x != e {
			out = append(out, x)
		}
	}
	a.entries = out
	if len(out) == 0 {
		setMarker(false)
	}
	return nil
}

// clearedKey is the sessionStorage flag that tells the page, reloaded
// after "Clear this browser", to say that it was done.
const clearedKey = "wardwise.cleared"

// clearBrowser deletes everything Wardwise keeps in this browser: the
// library, the merge view's state, the outbox, the remembered name and
// hub tokens (every wardwise.* key of localStorage but the language), and
// the marker cookie; then it reloads the page, so that nothing of it stays
// in memory either (the outbox would store its items again). It blocks.
func (a *App) clearBrowser() error {
	a.closeDocument()
	if err := a.store.clear(); err != nil {
		return err
	}
	for _, p := range localPrefixed("wardwise.", 0) {
		if p.key != langKey {
			localRemove(p.key)
		}
	}
	setMarker(false)
	func() {
		defer func() { recover() }()
		js.Global().Get("sessionStorage").Call("setItem", clearedKey, "1")
	}()
	js.Global().Get("location").Call("replace", "./#/")
	js.Global().Get("location").Call("reload")
	return nil
}

// takeCleared reports, once, whether this page was reloaded by "Clear this
// browser".
func takeCleared() bool {
	defer func() { recover() }()
	ss := js.Global().Get("sessionStorage")
	if ss.Call("getItem", clearedKey).Type() != js.TypeString {
		return false
	}
	ss.Call("removeItem", clearedKey)
	return true
}

// restoreVersion makes v the working document of its entry, keeping the
// present state as a version first, so that taking an edit back can be
// taken back too. It blocks.
func (a *App) restoreVersion(e *entry, v *version) {
	d, err := jsna.Decode([]byte(v.Data))
	if err != nil {
		a.showProblems(a.problemsOf(e.FileName, err))
		return
	}
	if err := a.loadEntry(e); err != nil {
		a.showProblems(a.problemsOf(e.FileName, err))
		return
	}
	a.saver.flush()
	a.keepVersion(e, "restore")
	a.doc = d
	a.dirty = true
	a.gen++
	a.saver.edited("")
	a.saver.flush()
	a.renderShell()
	a.goTo(a.entryRoute(e))
	a.announce(a.t("lib.version.restored", a.formatTime(v.At)))
}

//go:build js && wasm

// Package ui is the Wardwise browser app: it turns jsna values into DOM
// (GOV.UK Design System markup, SVG charts) and DOM events into jsna calls.
// Labels, totals and sort orders come from jsna; ui decides only how they
// look. Every view has one render function that draws it from the App's
// state; handlers change the state, then call render, or update the one
// element that shows what they changed (so typing never loses focus).
//
// Nothing here sends a request off the page's origin, and every string from
// a file or the user is set as text, never parsed as HTML.
package ui

import (
	"fmt"
	"runtime/debug"
	"strings"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// App is the state of the running app.
type App struct {
	lang Lang

	// fullApp is what only the full app has (the merge, the hub, imports);
	// the viewer build (tag wardwise_viewer) has none of it (viewer.go).
	fullApp

	global scope // listeners for the app's lifetime (hashchange, visibility)
	shell  scope // listeners of the page shell (header, navigation, footer)
	view   scope // listeners of the current view
	bar    scope // listeners of the document bar

	// The working document, the name of the file it came from (or will be
	// saved as) and, where the browser has the File System Access API, the
	// handle it can be saved back to.
	doc        *jsna.Document
	docName    string
	fileHandle js.Value
	dirty      bool // changed since it was last opened or saved to a file

	route    route
	problems *problemList // shown in an error summary at the top of the view
	// nextProblems are shown by the next navigation (an error found here
	// but shown on another view).
	nextProblems *problemList
	lastSaved    time.Time

	mainEl   dom.Element // <main>, holding the current view
	statusEl dom.Element // live region for status messages
	savedEl  dom.Element // "saved in this browser at ..." note

	store    *store
	saver    *saver
	entry    *entry   // the working document's entry in the library
	entries  []*entry // the library, as the start page lists it
	storage  storageState
	user     user // the person drafting, remembered in the browser
	report   reportOptions
	scoreOpt scoreOptions

	// gen counts the edits of the working document; the scores and the
	// disclosed copy are computed again when it moves on.
	gen         int
	scoreCaches [2]*scoreCache
	disclosure  *disclosed
	// baseRev is the revision of the master as it was opened or last
	// saved: a draft started from it names it as its base, so that edits
	// made before starting the draft are the draft's changes.
	baseRev string

	started bool // the first view has been drawn
	// prefetched is the example being fetched and read while the app
	// starts, when the address asks for it (start).
	prefetched <-chan decoded
	// storeReady waits for the browser store Mount asked for.
	storeReady func() *store

	coord coordState // where a new draft returns to, the history view (coord.go)

	bi bilingualState // how a bilingual report prints (bilingual.go)
}

// Mount starts the app in the page: it replaces the loading message in
// #app with the app's shell and draws the view the address names. It
// returns at once; work continues in goroutines and event callbacks.
func Mount() {
	performanceMark("wardwise-mount")
	doc = dom.GetWindow().Document()
	a := &App{}
	a.global.app, a.shell.app, a.view.app, a.bar.app = a, a, a, a
	a.lang = initialLang()
	currentLang = a.lang
	a.user = loadUser()
	a.report = defaultReportOptions()
	a.scoreOpt = defaultScoreOptions()
	// What the first view waits for is asked for first: the browser fetches
	// the example and opens IndexedDB while the shell is drawn.
	if hasParam(js.Global().Get("location").Get("search").String(), "example") {
		a.prefetched = prefetchExample()
	}
	a.storeReady = requestStore()
	a.renderShell()
	a.global.on(js.Global(), "hashchange", func(js.Value) { a.navigate() })
	if sw := js.Global().Get("navigator").Get("serviceWorker"); sw.Truthy() {
		// The first worker taking control (first visit) is no news; a
		// worker replacing another is a new version.
		controlled := sw.Get("controller").Truthy()
		a.global.on(sw, "controllerchange", func(js.Value) {
			if controlled && a.started {
				a.announce(a.t("status.updated"))
			}
			controlled = true
		})
	}
	a.spawn(a.start)
}

// start opens the browser store and the library, opens the example when
// the address asks for it, reopens this tab's document when the address
// names one of its pages (a reload), and draws the first view.
//
// The waits overlap: Mount asked for the example and the store before it
// drew the shell, so the example is fetched and read while IndexedDB
// opens, and what the first view does not need (the start hooks: the
// hub's outbox; the service worker, static/app.js) starts once it is
// drawn.
func (a *App) start() {
	performanceMark("wardwise-shell")
	q := js.Global().Get("location").Get("search").String()
	a.store = a.storeReady()
	performanceMark("wardwise-store-open")
	a.saver = newSaver(a)
	if err := a.store.err; err != nil {
		a.showError(a.t("error.storage.unavailable", err.Error()))
	}
	defer func() {
		for _, f := range startHooks {
			f(a)
		}
		// static/app.js registers the service worker after this.
		js.Global().Call("dispatchEvent", js.Global().Get("Event").New("wardwise-started"))
	}()
	a.store.migrate()
	a.entries = a.store.purgeBin(a.store.entries(), time.Now())
	a.storage.cleared = takeCleared()
	a.storage.wiped = a.store.err == nil && len(a.entries) == 0 && hasMarker()
	if a.storage.wiped {
		setMarker(false)
	}
	a.spawn(a.askPersist)
	if hasParam(q, "example") {
		// Leave the query, so that reloading does not open a fresh copy of
		// the example. A view named in the address (/?example#/ward/E05…)
		// is where the example opens. The example is an entry of its own:
		// work on anything else stays in the library.
		r := parseRoute(js.Global().Get("location").Get("hash").String())
		if !r.needsDocument() {
			r = route{view: "area"}
		}
		js.Global().Get("history").Call("replaceState", nil, "", "./"+r.href())
		a.openExample(r)
		return
	}
	if parseRoute(js.Global().Get("location").Get("hash").String()).needsDocument() {
		// A reload, or a link to a page of a document: carry on with the
		// document this tab had open (or the last one used) where the
		// address says.
		if e := a.lastEntry(); e != nil {
			a.openEntry(e, false)
			return
		}
	}
	a.navigate()
}

// hasParam reports whether the query string q ("?a&b=c") names key.
func hasParam(q, key string) bool {
	for _, p := range strings.Split(strings.TrimPrefix(q, "?"), "&") {
		k, _, _ := strings.Cut(p, "=")
		if k == key {
			return true
		}
	}
	return false
}

// spawn runs f in a goroutine, recovering and showing any panic. Event
// callbacks use it for anything that waits.
func (a *App) spawn(f func()) {
	go func() {
		defer a.recoverPanic()
		f()
	}()
}

// recoverPanic shows a panic as an error in the page instead of stopping
// the app. The user's work is in the browser store already.
func (a *App) recoverPanic() {
	r := recover()
	if r == nil {
		return
	}
	err := jsError(r)
	js.Global().Get("console").Call("error", "wardwise: "+err.Error()+"\n"+string(debug.Stack()))
	a.showError(a.t("error.internal", err.Error()))
}

// announce puts msg in the status region, which screen readers read out.
func (a *App) announce(msg string) {
	if a.statusEl == nil {
		return
	}
	a.statusEl.SetTextContent(stripLang(msg))
}

// problemList is what the error summary shows.
type problemList struct {
	id     string // who showed it ("storage"), so that it can take it away
	title  string
	intro  string
	items  []problemItem
	action *problemAction
}

// problemAction is a button under the list: the one thing to do about it.
type problemAction struct {
	id    string
	label string
	fn    func() // run in a goroutine
}

// problemItem is one line of the error summary; href, when set, links to
// the field to fix.
type problemItem struct {
	text string
	href string
}

// showError shows one message in the error summary of the current view.
func (a *App) showError(msg string) {
	a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: msg}}})
}

// showProblems shows list in the error summary and moves focus to it.
func (a *App) showProblems(list *problemList) {
	a.placeProblems(list)
	if sum := byID("error-summary"); sum != nil {
		focus(sum)
	}
}

// placeProblems shows list in the error summary without moving focus: for
// a problem found while the user types (a failed autosave), so that no
// keystroke goes astray; its role=alert has screen readers read it out.
func (a *App) placeProblems(list *problemList) {
	a.problems = list
	if a.mainEl == nil {
		return
	}
	old := byID("error-summary")
	sum := a.errorSummary()
	if old != nil {
		old.ParentNode().ReplaceChild(sum, old)
	} else {
		a.mainEl.InsertBefore(sum, a.mainEl.FirstChild())
	}
}

// clearProblems removes the error summary.
func (a *App) clearProblems() {
	a.problems = nil
	if old := byID("error-summary"); old != nil {
		old.ParentNode().RemoveChild(old)
	}
}

// errorSummary renders a.problems as a GOV.UK error summary.
func (a *App) errorSummary() dom.Element {
	p := a.problems
	list := el("ul", cls("govuk-list govuk-error-summary__list"))
	for _, it := range p.items {
		li := el("li")
		if it.href != "" {
			link := el("a", attr("href", it.href), text(it.text))
			target := strings.TrimPrefix(it.href, "#")
			a.view.onClick(link, func() { focusField(target) })
			li.AppendChild(link)
		} else {
			li.AppendChild(doc.CreateTextNode(it.text))
		}
		list.AppendChild(li)
	}
	body := el("div", cls("govuk-error-summary__body"))
	if p.intro != "" {
		body.AppendChild(el("p", cls("govuk-body"), text(p.intro)))
	}
	body.AppendChild(list)
	if p.action != nil {
		act := p.action
		b := button(act.label, "", attr("id", act.id))
		a.view.onClick(b, func() { a.spawn(act.fn) })
		body.AppendChild(b)
	}
	return el("div", cls("govuk-error-summary"), attr("id", "error-summary"), attr("tabindex", "-1"),
		child(el("div", attr("role", "alert"),
			child(el("h2", cls("govuk-error-summary__title"), text(p.title))),
			child(body))))
}

// focusField moves focus to the form field with the given id and scrolls its
// label into view, as the GOV.UK error summary does.
func focusField(fieldID string) {
	f := byID(fieldID)
	if f == nil {
		return
	}
	focus(f)
	call(f.Underlying(), "scrollIntoView", map[string]any{"block": "center"})
}

// problemsOf lists the problems of a jsna error for the error summary:
// each with the file, the JSON path and, for syntax errors, the line and
// column.
func (a *App) problemsOf(name string, err error) *problemList {
	list := &problemList{title: a.t("error.title")}
	if je, ok := err.(*jsna.Error); ok {
		file := je.File
		if file == "" {
			file = name
		}
		list.intro = a.t("error.file.intro", file)
		for _, p := range je.Problems {
			list.items = append(list.items, problemItem{text: a.problemText(p)})
		}
		if je.Omitted > 0 {
			list.items = append(list.items, problemItem{text: a.tn("error.file.omitted", je.Omitted)})
		}
		return list
	}
	list.items = []problemItem{{text: a.t("error.file.other", name, err.Error())}}
	return list
}

// markChanged records an edit of the working document: the document is
// now different from its file, and the saver stores it in the browser
// within a second. An edit on a ward's page changes only that ward, so
// only that ward (and the document's head) is written again. The document
// was edited in place, so its revision is hashed anew (jsna's Edited).
func (a *App) markChanged() {
	if a.doc != nil {
		a.doc.Edited()
	}
	a.dirty = true
	a.gen++
	ward := ""
	if a.route.view == "ward" {
		ward = a.route.ward
	}
	a.saver.edited(ward)
}

// setDocument makes d the working document, as opened from a file named
// name: a new entry of the library, or the entry that holds the same file
// unchanged. Whatever was being worked on before stays in the library as
// it was, with a version kept of it. It blocks.
func (a *App) setDocument(d *jsna.Document, name string, handle js.Value) {
	a.leaveEntry()
	a.doc, a.docName, a.fileHandle, a.dirty = d, name, handle, false
	a.gen++
	a.baseRev = ""
	if d.Draft == nil {
		a.baseRev = jsna.Revision(d)
	}
	a.entry = a.sameEntry(d, name)
	if a.entry == nil {
		a.entry = newEntry(d, name)
		a.entries = append([]*entry{a.entry}, a.entries...)
	}
	a.entry.Opened = time.Now()
	a.entry.Removed = time.Time{}
	rememberOpen(a.entry.ID)
	a.saver.opened()
}

// now is the clock the app stamps drafts with.
func now() time.Time { return time.Now().UTC().Truncate(time.Second) }

// formatTime shows t in the browser's time zone, in the app's language:
// "23 Nov 2026, 14:05", month names from the catalogue (the browser's own
// Welsh dates need locale data not every browser has).
func (a *App) formatTime(t time.Time) string {
	t = t.Local()
	month := t.Month().String()[:3]
	if names := strings.Fields(a.t("date.months")); len(names) == 12 {
		month = names[t.Month()-1]
	}
	return a.t("date.time", t.Day(), month, t.Year(), t.Format("15:04"))
}

// docTitle is the title of the page for a view.
func (a *App) setTitle(parts ...string) {
	parts = append(parts, a.t("app.name"))
	doc.Underlying().Set("title", stripLang(strings.Join(parts, " – ")))
}

// scoreOptions are the choices that change comparisons everywhere.
type scoreOptions struct {
	level string // "95" or "99.8"
}

func defaultScoreOptions() scoreOptions { return scoreOptions{level: "95"} }

// fmtInt writes n with thousands separators.
func fmtInt(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + fmtInt(-n)
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

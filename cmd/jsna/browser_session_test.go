//go:build browser

package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/jsna"
)

// sessionActions is how many random actions TestBrowserLibrarySession
// takes; WARDWISE_SESSION_ACTIONS overrides it.
const sessionActions = 200

// session is one seeded random session: a user typing, reloading,
// closing the browser, opening the example and other files, removing and
// restoring documents, taking edits back, on a disk that fills up now and
// then. Every marker typed must survive.
type session struct {
	t       *testing.T
	srv     *appServer
	profile string
	p       *page
	rng     *rand.Rand
	wards   []string
	files   []string
	markers []string
	counts  map[string]int
	spent   map[string]time.Duration
	log     []string // every action, for a lost marker's story
	// draftA and draftB are drafts of the example that conflict.
	draftA, draftB string
}

// TestBrowserLibrarySession runs a seeded random session (the seed is
// printed; WARDWISE_SEED repeats one) with a unique marker typed in each
// typing action, then checks that every marker is in a document of the
// library or in one of its versions, all of which the start page lists.
func TestBrowserLibrarySession(t *testing.T) {
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("WARDWISE_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	n := sessionActions
	if s := os.Getenv("WARDWISE_SESSION_ACTIONS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	t.Logf("seed %d (WARDWISE_SEED=%d repeats this session)", seed, seed)
	s := &session{t: t, srv: startServer(t), profile: t.TempDir(), rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), counts: map[string]int{}, spent: map[string]time.Duration{}}
	ex := readExample(t)
	for _, w := range ex.Wards {
		s.wards = append(s.wards, w.Code)
	}
	s.files = otherFiles(t, ex)
	s.draftA, s.draftB, _ = mergeDrafts(t, t.TempDir())
	s.open()
	actions := []struct {
		name   string
		weight int
		do     func()
	}{
		{"type", 50, s.typeMarker},
		{"reload", 5, s.reload},
		{"close and reopen", 2, s.reopen},
		{"open the example", 5, s.openExample},
		{"open another file", 5, s.openFile},
		{"remove and restore", 6, s.removeRestore},
		{"remove", 3, func() { s.remove() }},
		{"restore from the bin", 4, s.unbin},
		{"take an edit back", 6, s.takeBack},
		{"resolve", 2, s.resolve},
		{"full disk", 5, s.fullDisk},
		{"save to a file", 2, s.saveFile},
	}
	total := 0
	for _, a := range actions {
		total += a.weight
	}
	start := time.Now()
	var trail []string
	defer func() {
		if t.Failed() {
			t.Logf("the last actions: %s", strings.Join(trail, ", "))
		}
	}()
	for i := 0; i < n; i++ {
		r := s.rng.IntN(total)
		for _, a := range actions {
			if r < a.weight {
				s.counts[a.name]++
				trail = append(trail, a.name)
				s.log = append(s.log, fmt.Sprintf("%d %s (marker %d next)", i, a.name, len(s.markers)))
				if len(trail) > 6 {
					trail = trail[1:]
				}
				t0 := time.Now()
				a.do()
				s.spent[a.name] += time.Since(t0)
				break
			}
			r -= a.weight
		}
		if t.Failed() {
			t.Fatalf("action %d failed (seed %d)", i, seed)
		}
	}
	t.Logf("%d actions in %s: %v", n, time.Since(start).Round(time.Second), s.counts)
	for k, d := range s.spent {
		s.spent[k] = d.Round(100 * time.Millisecond)
	}
	t.Logf("time by action: %v", s.spent)
	s.check()
	if t.Failed() {
		t.Logf("seed %d", seed)
	}
}

// otherFiles writes three documents besides the example: two masters of
// other assessments and a draft of the example.
func otherFiles(tb testing.TB, ex *jsna.Document) []string {
	tb.Helper()
	dir := tb.TempDir()
	var out []string
	for i := 1; i <= 3; i++ {
		d := *ex
		d.ID = fmt.Sprintf("other-assessment-%d", i)
		d.Title = fmt.Sprintf("Other assessment %d", i)
		if i == 3 {
			d = *ex
			d.Draft = &jsna.Draft{Author: "Cllr Random", Role: jsna.RoleCouncillor, Base: jsna.Revision(ex), SavedAt: "2026-11-20T10:00:00.000Z"}
		}
		b, err := jsna.Marshal(&d)
		if err != nil {
			tb.Fatal(err)
		}
		f := filepath.Join(dir, fmt.Sprintf("other-%d.json", i))
		if err := os.WriteFile(f, b, 0o644); err != nil {
			tb.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

func (s *session) open() {
	s.p = openProfile(s.t, s.srv.url, s.profile)
	watchDialogs(s.p)
	s.p.navigate("")
}

// hasDoc reports whether a document is open.
func (s *session) hasDoc() bool {
	return eval[bool](s.p, `!!document.querySelector('#navigation a[href="#/area"]')`)
}

// ensureDoc opens a document if none is: the last one, or the example.
func (s *session) ensureDoc() {
	if s.hasDoc() {
		return
	}
	goStart(s.p)
	if eval[bool](s.p, `!!document.getElementById("restore-current")`) {
		s.p.click("#restore-current")
	} else {
		s.p.click("#open-example")
	}
	s.p.waitFor("a document", `!!document.querySelector('#navigation a[href="#/area"]')`)
}

// typeMarker adds a new marker to a random ward's first section.
func (s *session) typeMarker() {
	s.ensureDoc()
	code := s.wards[s.rng.IntN(len(s.wards))]
	s.goNarrative(code)
	m := fmt.Sprintf("mk%03dx%04d", len(s.markers), s.rng.IntN(10000))
	s.markers = append(s.markers, m)
	s.p.appendInto("#section-0-text", " "+m)
	if s.rng.IntN(3) == 0 {
		waitStored(s.p)
	}
}

// goNarrative goes to a ward's narrative and waits until the app has drawn
// it (not the narrative of the ward shown before).
func (s *session) goNarrative(code string) {
	h := fmt.Sprintf("#/ward/%s/narrative", code)
	eval[chromedp.Void](s.p, fmt.Sprintf(`(function(){
		if (location.hash === %q && document.getElementById("section-0-text")) return;
		const t = document.getElementById("section-0-text");
		if (t) t.dataset.stale = "1";
		location.hash = %q;
	})()`, h, h))
	s.p.waitFor("the narrative", fmt.Sprintf(`location.hash === %q && !!document.querySelector("#section-0-text:not([data-stale])")`, h))
}

// markerNo is the number of a marker.
func markerNo(m string) int {
	n, _ := strconv.Atoi(m[2:5])
	return n
}

func (s *session) reload() {
	waitStored(s.p)
	s.p.reload()
}

func (s *session) reopen() {
	waitStored(s.p)
	s.p.checkClean()
	s.p.close()
	s.open()
}

func (s *session) openExample() {
	goStart(s.p)
	s.p.click("#open-example")
	s.p.waitFor("the example", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
}

func (s *session) openFile() {
	goStart(s.p)
	s.p.upload("#open-file", s.files[s.rng.IntN(len(s.files))])
	s.p.waitFor("the file", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
}

// pickCard returns the entry id of a random card of the start page, "" if
// there is none.
func (s *session) pickCard(sel string) string {
	goStart(s.p)
	ids := eval[[]string](s.p, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(e => e.dataset.entry)`, sel))
	if len(ids) == 0 {
		return ""
	}
	return ids[s.rng.IntN(len(ids))]
}

// remove moves a random document to the bin, after the confirmation.
func (s *session) remove() string {
	id := s.pickCard("#library .app-entry")
	if id == "" {
		return ""
	}
	s.p.click(fmt.Sprintf(`a[data-action="remove"][data-entry=%q]`, id))
	s.p.click("#confirm-remove")
	s.p.waitFor("the bin", fmt.Sprintf(`!!document.querySelector('#bin button[data-entry=%q]')`, id))
	return id
}

func (s *session) removeRestore() {
	if id := s.remove(); id != "" {
		s.restore(id)
	}
}

func (s *session) restore(id string) {
	s.p.click(fmt.Sprintf(`#bin button[data-entry=%q]`, id))
	s.p.waitFor("the restored document", fmt.Sprintf(`!!document.querySelector('#library .app-entry[data-entry=%q]')`, id))
}

func (s *session) unbin() {
	if id := s.pickCard("#bin button[data-entry]"); id != "" {
		s.restore(id)
	}
}

// takeBack goes back to a random version of a random document.
func (s *session) takeBack() {
	id := s.pickCard("#library .app-entry")
	if id == "" {
		return
	}
	s.p.click(fmt.Sprintf(`a[data-action="versions"][data-entry=%q]`, id))
	s.p.waitFor("the versions", `!!document.querySelector("#versions ul, #versions p:not(:empty)") && !document.querySelector("#versions").textContent.includes("Loading")`)
	n := eval[int](s.p, `document.querySelectorAll("#versions button").length`)
	if n == 0 {
		return
	}
	eval[chromedp.Void](s.p, `document.getElementById("status").textContent = ""`)
	s.p.click(fmt.Sprintf("#version-%d", s.rng.IntN(n)))
	s.p.waitText("#status", "The document is back as it was")
	waitStored(s.p)
}

// fullDisk types a marker while every write fails, then frees the disk.
func (s *session) fullDisk() {
	s.ensureDoc()
	eval[chromedp.Void](s.p, `window.__put = window.__put || IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function() { throw new DOMException("simulated full disk", "QuotaExceededError"); }`)
	s.typeMarkerNoWait()
	s.p.waitVisible("#error-summary #storage-save-file")
	eval[chromedp.Void](s.p, `IDBObjectStore.prototype.put = window.__put`)
	waitStored(s.p)
}

func (s *session) typeMarkerNoWait() {
	code := s.wards[s.rng.IntN(len(s.wards))]
	s.goNarrative(code)
	m := fmt.Sprintf("mk%03dx%04d", len(s.markers), s.rng.IntN(10000))
	s.markers = append(s.markers, m)
	s.p.appendInto("#section-0-text", " "+m)
}

// resolve merges two conflicting drafts into the example in the merge
// view, resolves the section text's conflict by writing a marker, and opens
// the result as the working document: a new entry of the library.
func (s *session) resolve() {
	eval[chromedp.Void](s.p, `location.hash = "#/merge"`)
	s.p.waitVisible("#merge-master")
	s.uploadRetry("#merge-master", "../../static/examples/example-borough.json")
	s.p.waitVisible("#merge-master-summary")
	s.uploadRetry("#merge-drafts", s.draftA, s.draftB)
	s.p.waitFor("both drafts", `document.querySelectorAll("#merge-draft-table tbody tr").length >= 2`)
	// The merge view redraws itself when its stored state has loaded: a
	// click on the button it replaced is lost, so click until it takes.
	for i := 0; ; i++ {
		ctx, cancel := context.WithTimeout(s.p.ctx, 5*time.Second)
		err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#merge-run")), chromedp.Click(chromedp.CSS("#merge-run")),
			chromedp.WaitVisible(chromedp.CSS("#merge-report")))
		cancel()
		if err == nil {
			break
		}
		if i == 5 {
			s.t.Fatalf("the merge did not run: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.p.typeInto("#merge-by", "Coordinator Random")
	box := eval[int](s.p, `Array.from(document.querySelectorAll(".app-conflict")).findIndex(b => b.querySelector(".app-path").textContent.endsWith(".text"))`)
	if box < 0 {
		s.t.Fatal("resolve: no conflict on a section text")
	}
	m := fmt.Sprintf("mk%03dx%04d", len(s.markers), s.rng.IntN(10000))
	s.markers = append(s.markers, m)
	s.p.click(fmt.Sprintf("#conflict-%d-edit", box))
	s.p.typeInto(fmt.Sprintf("#conflict-%d-value", box), "Resolved "+m)
	s.p.click(fmt.Sprintf("#conflict-%d-resolve", box))
	s.p.waitFor("the resolution", `document.querySelectorAll(".app-conflict").length === 1`)
	s.p.click("#merge-open")
	s.p.waitFor("the merged master", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	waitStored(s.p)
}

// uploadRetry gives files to a file input that the view may draw again
// meanwhile (the merge view redraws itself with its stored state).
func (s *session) uploadRetry(sel string, files ...string) {
	var abs []string
	for _, f := range files {
		a, err := filepath.Abs(f)
		if err != nil {
			s.t.Fatal(err)
		}
		abs = append(abs, a)
	}
	var err error
	for i := 0; i < 5; i++ {
		ctx, cancel := context.WithTimeout(s.p.ctx, 20*time.Second)
		err = chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(sel)), chromedp.SetUploadFiles(chromedp.CSS(sel), abs))
		cancel()
		if err == nil {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	s.t.Fatalf("upload to %s: %v", sel, err)
}

func (s *session) saveFile() {
	s.ensureDoc()
	if !eval[bool](s.p, `!!document.getElementById("save-download")`) {
		eval[chromedp.Void](s.p, `location.hash = "#/area"`)
	}
	s.p.download("#save-download")
	waitStored(s.p)
}

// check finds every marker in the library and every entry of the library
// on the start page (a card, or the bin).
func (s *session) check() {
	waitStored(s.p)
	all := storedText(s.p)
	lost := 0
	for _, m := range s.markers {
		if !strings.Contains(all, m) {
			i := strings.Index(all, m[:5])
			near := ""
			if i >= 0 {
				near = all[max(0, i-40):min(len(all), i+40)]
			}
			s.t.Errorf("marker %s is in no document and no version (its number: %q)", m, near)
			for j, l := range s.log {
				if strings.Contains(l, fmt.Sprintf("(marker %d next)", markerNo(m))) {
					s.t.Logf("around it: %s", strings.Join(s.log[max(0, j-2):min(len(s.log), j+6)], "; "))
					break
				}
			}
			lost++
		}
	}
	goStart(s.p)
	stored := eval[[]string](s.p, `new Promise(ok => { const r = indexedDB.open("wardwise"); r.onsuccess = () => {
		const q = r.result.transaction("entries").objectStore("entries").getAllKeys(); q.onsuccess = () => { r.result.close(); ok(q.result); }; }; })`)
	for _, id := range stored {
		if !eval[bool](s.p, fmt.Sprintf(`!!document.querySelector('[data-entry=%q]')`, id)) {
			s.t.Errorf("entry %s is in the library but not on the start page", id)
		}
	}
	s.t.Logf("%d markers, %d lost; %d entries in the library", len(s.markers), lost, len(stored))
	s.p.shot("session-end")
	s.p.checkClean()
}

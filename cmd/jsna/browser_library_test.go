//go:build browser

package main

import (
	"context"
	"fmt"
	"github.com/wardwise/wardwise/jsna/example"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/jsna"
)

// The local library's tests: the reproductions (opening the
// example over unsaved work, discarding without a question, a failed save
// without a warning) and a seeded random session.

// dialogs answers the page's dialogs (beforeunload): stay on the page when
// stay is set, leave otherwise. It counts the beforeunload dialogs.
type dialogs struct {
	stay      atomic.Bool
	unloading atomic.Int64
}

func watchDialogs(p *page) *dialogs {
	d := &dialogs{}
	go func() {
		for ev, err := range chromedp.Events(p.ctx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			if ev.Type == cdppage.DialogTypeBeforeunload {
				d.unloading.Add(1)
			} else {
				p.problem("a dialog opened: " + ev.Message)
			}
			go chromedp.Call(p.ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: !d.stay.Load()})
		}
	}()
	return d
}

// waitStored waits until no edit is waiting to be stored in the browser.
func waitStored(p *page) {
	p.tb.Helper()
	p.waitFor("the edit to be stored", `typeof wardwisePending === "function" && !wardwisePending()`)
}

// appendInto puts the caret at the end of a field and types s, as a user
// adding to what is there.
func (p *page) appendInto(sel, s string) {
	p.tb.Helper()
	p.waitVisible(sel)
	eval[chromedp.Void](p, fmt.Sprintf(`(function(){var e=document.querySelector(%q);e.focus();e.selectionStart=e.selectionEnd=e.value.length;})()`, sel))
	p.run("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), s))
}

// goStart goes to the start page by its link, as a user would.
func goStart(p *page) {
	p.tb.Helper()
	eval[chromedp.Void](p, `location.hash = "#/"`)
	p.waitFor("the start page", `!!document.getElementById("open-example")`)
}

// storedText is everything the library holds: every piece of every
// document and every version, as one string.
func storedText(p *page) string {
	p.tb.Helper()
	return eval[string](p, `new Promise((ok, fail) => {
		const r = indexedDB.open("wardwise");
		r.onerror = () => fail(r.error);
		r.onsuccess = () => {
			const db = r.result, tx = db.transaction(["docs", "versions", "entries"]);
			const out = [];
			let n = 3;
			for (const s of ["docs", "versions", "entries"]) {
				const q = tx.objectStore(s).getAll();
				q.onsuccess = () => { out.push(s + ":" + q.result.join("\n")); if (--n === 0) { db.close(); ok(out.join("\n")); } };
			}
		};
	})`)
}

// cards counts the documents the start page lists (not the bin).
func cards(p *page) int {
	return eval[int](p, `document.querySelectorAll("#library .app-entry").length`)
}

// TestBrowserLibraryExampleKeepsWork is the point 1: unsaved work,
// the browser closed, then the bookmarked /?example opened. Before the
// library the example overwrote the work; now the work is its own entry,
// listed with an honest state, and opens with the edit.
func TestBrowserLibraryExampleKeepsWork(t *testing.T) {
	srv := startServer(t)
	profile := t.TempDir()
	p := openProfile(t, srv.url, profile)
	watchDialogs(p)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	marker := "Unsaved work of point one."
	p.appendInto("#section-0-text", " "+marker)
	waitStored(p)
	p.close()

	q := openProfile(t, srv.url, profile)
	watchDialogs(q)
	openExample(q)
	goStart(q)
	q.shot("library-after-example")
	if n := cards(q); n != 2 {
		t.Fatalf("the start page lists %d documents, want 2 (the edited example and a fresh one)", n)
	}
	text := q.text("#library")
	if !strings.Contains(text, "Changed since you opened example-borough.json") || !strings.Contains(text, "No changes since you opened it") {
		t.Errorf("the library's states do not tell the edited copy from the fresh one: %q", text)
	}
	// The edited copy is the second card (the fresh example was used last).
	q.click(`#library .app-entry:nth-of-type(2) button[data-entry]`)
	q.waitFor("the narrative", `location.hash.endsWith("/narrative") && !!document.getElementById("section-0-text")`)
	if got := q.value("#section-0-text"); !strings.Contains(got, marker) {
		t.Errorf("the edited copy's section = %q, want it to contain %q", got, marker)
	}
	q.axe("start page with the library")
	q.checkClean()
}

// TestBrowserLibraryRemoveConfirm is the point 2: removing asks
// first, Cancel keeps the document, a removed document can be restored
// from the bin, and after a save to a file the state no longer says
// "changed".
func TestBrowserLibraryRemoveConfirm(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	watchDialogs(p)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	marker := "Kept through a removal."
	p.appendInto("#section-0-text", " "+marker)
	waitStored(p)
	goStart(p)
	if !strings.Contains(p.text("#library"), "Changed since you opened") {
		t.Errorf("an edited document is not shown as changed: %q", p.text("#library"))
	}

	p.click(`#library a[data-action="remove"]`)
	p.waitVisible("#confirm-remove")
	p.shot("confirm-remove")
	p.axe("remove confirmation")
	if n := eval[int](p, `document.querySelectorAll(".app-entry").length`); n != 0 {
		t.Errorf("the confirmation page shows %d cards", n)
	}
	p.click("#confirm-cancel")
	p.waitFor("the start page", `!!document.getElementById("library")`)
	if n := cards(p); n != 1 {
		t.Fatalf("after Cancel the start page lists %d documents, want 1", n)
	}

	p.click(`#library a[data-action="remove"]`)
	p.click("#confirm-remove")
	p.waitFor("the bin", `!!document.getElementById("bin") && !document.getElementById("library")`)
	p.waitText("#status", "You can restore it for 30 days")
	p.shot("bin")
	p.click(`#bin button[data-entry]`)
	p.waitFor("the restored document", `!!document.getElementById("library") && !document.getElementById("bin")`)
	p.click("#restore-current")
	p.waitFor("the narrative", `!!document.getElementById("section-0-text")`)
	if got := p.value("#section-0-text"); !strings.Contains(got, marker) {
		t.Errorf("after restoring from the bin the section = %q, want %q in it", got, marker)
	}

	// Saved to a file: the start page says so, not "changed".
	p.download("#save-download")
	waitStored(p)
	goStart(p)
	if s := p.text("#library"); strings.Contains(s, "Changed since") || !strings.Contains(s, "no changes since") {
		t.Errorf("after a save to a file the state reads %q", s)
	}

	// Remove from this browser: asks, then deletes at once (no bin).
	p.click(`#library a[data-action="forget"]`)
	p.waitVisible("#confirm-forget")
	p.click("#confirm-forget")
	p.waitText("#status", "from this browser")
	if eval[bool](p, `!!document.getElementById("library") || !!document.getElementById("bin")`) {
		t.Errorf("the document is still listed after Remove from this browser")
	}

	// Clear this browser: asks, then deletes everything; the next start
	// does not take it for a browser that wiped the storage.
	p.click("#open-example")
	p.waitFor("the example", `location.hash === "#/area"`)
	goStart(p)
	p.click("#clear-browser")
	p.waitVisible("#confirm-clear")
	p.axe("clear confirmation")
	eval[chromedp.Void](p, `localStorage.setItem("wardwise.hub.tokens", "{\"x\":\"wwh_secret\"}")`)
	p.click("#confirm-clear")
	p.waitVisible("#cleared")
	p.waitText("#cleared", "deleted everything")
	if got := eval[string](p, `localStorage.getItem("wardwise.hub.tokens") || ""`); got != "" {
		t.Errorf("after Clear this browser a hub token is still remembered: %q", got)
	}
	if n := len(storedText(p)); n > len("docs:\nversions:\nentries:") {
		t.Errorf("after Clear this browser the library still holds %d characters", n)
	}
	p.reload()
	if eval[bool](p, `!!document.getElementById("wiped") || !!document.getElementById("library")`) {
		t.Errorf("after Clear this browser the start page shows a library or the wiped warning")
	}
	p.navigate("#/privacy")
	p.waitText("#page-heading", "Privacy notice")
	p.checkClean()
}

// TestBrowserLibraryFailedWrite is the point 3: a full disk (the
// page's IDBObjectStore.put throwing QuotaExceededError) is reported once
// in an error summary with a one-click save to a file; closing the page
// asks first; the write is retried and succeeds once there is room; a
// reload opens the same document at the same place (the deep link); and
// after the browser wiped the origin's storage the next start says so.
func TestBrowserLibraryFailedWrite(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	dl := watchDialogs(p)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	p.appendInto("#section-0-text", " first")
	waitStored(p)

	eval[chromedp.Void](p, `window.__put = IDBObjectStore.prototype.put;
		IDBObjectStore.prototype.put = function() { throw new DOMException("simulated full disk", "QuotaExceededError"); }`)
	marker := "Typed on a full disk."
	p.appendInto("#section-0-text", " "+marker)
	p.waitVisible("#error-summary #storage-save-file")
	p.waitText("#error-summary", "storage is full")
	p.waitText("#saved-note", "Not saved in this browser")
	p.shot("failed-write")
	if got := p.value("#section-0-text"); !strings.Contains(got, marker) {
		t.Errorf("the field lost the edit: %q", got)
	}
	// One warning, however many tries.
	time.Sleep(2500 * time.Millisecond)
	if n := eval[int](p, `document.querySelectorAll("#error-summary").length`); n != 1 {
		t.Errorf("%d error summaries, want 1", n)
	}
	b := p.download("#storage-save-file")
	if !strings.Contains(string(b), marker) {
		t.Errorf("Save to a file wrote a file without the edit")
	}

	// Leaving asks first while the edit is not stored.
	dl.stay.Store(true)
	rctx, rcancel := context.WithTimeout(p.ctx, 5*time.Second)
	chromedp.Call(rctx, cdppage.Reload, cdppage.ReloadParams{})
	rcancel()
	deadline := time.Now().Add(10 * time.Second)
	for dl.unloading.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if dl.unloading.Load() == 0 {
		t.Errorf("reloading with an unstored edit gave no beforeunload warning")
	}
	dl.stay.Store(false)

	// Room again: the retry stores the edit by itself.
	eval[chromedp.Void](p, `IDBObjectStore.prototype.put = window.__put`)
	waitStored(p)
	p.waitText("#saved-note", "Saved in this browser")
	if eval[bool](p, `!!document.getElementById("error-summary")`) {
		t.Errorf("the error summary stays after the write succeeded")
	}
	p.reload()
	p.waitFor("the narrative after the reload", fmt.Sprintf(`location.hash === "#/ward/%s/narrative" && !!document.getElementById("section-0-text")`, code))
	if got := p.value("#section-0-text"); !strings.Contains(got, marker) {
		t.Errorf("after the reload the section = %q, want %q in it", got, marker)
	}
	if n := dl.unloading.Load(); n != 1 {
		t.Errorf("%d beforeunload warnings, want 1 (none once stored)", n)
	}

	// The browser wipes the origin's storage (not its cookies).
	if _, err := chromedp.Call(p.ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{
		Origin: strings.TrimSuffix(srv.url, "/"), StorageTypes: "indexeddb,local_storage"}); err != nil {
		t.Fatal(err)
	}
	p.reload()
	p.waitVisible("#wiped")
	p.shot("wiped")
	p.checkClean()
}

// autosaveFigures are the last autosave's, as the app records them.
type autosaveFigures struct {
	EncodeMS float64 `json:"encode_ms"`
	TotalMS  float64 `json:"total_ms"`
	Bytes    int     `json:"bytes"`
}

// TestBrowserLibraryAutosaveLarge measures autosave for the example and,
// with WARDWISE_LARGE=N set, for a large document of N wards and 40
// indicators (opening it takes the app half a minute, too long for every
// run): the first write of a document just opened (every piece), and the
// write after typing in one ward (that ward and the head). It logs BENCH
// lines and asserts that an edit's write blocks the page for under 50 ms.
func TestBrowserLibraryAutosaveLarge(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	watchDialogs(p)
	wards, _ := strconv.Atoi(os.Getenv("WARDWISE_LARGE"))
	measure := func(name string, open func(), code string) autosaveFigures {
		open()
		waitStored(p)
		first := eval[autosaveFigures](p, `window.wardwiseAutosave`)
		p.navigate("#/ward/" + code + "/narrative")
		var edit autosaveFigures
		for i := 0; i < 3; i++ {
			p.appendInto("#section-0-text", fmt.Sprintf(" edit %d", i))
			waitStored(p)
			e := eval[autosaveFigures](p, `window.wardwiseAutosave`)
			if e.EncodeMS > edit.EncodeMS {
				edit = e
			}
		}
		t.Logf("BENCH autosave_%s_first_write_encode %.1f ms", name, first.EncodeMS)
		t.Logf("BENCH autosave_%s_first_write_total %.1f ms (%.1f MB)", name, first.TotalMS, float64(first.Bytes)/1e6)
		t.Logf("BENCH autosave_%s_edit_encode_(worst_of_3) %.1f ms", name, edit.EncodeMS)
		t.Logf("BENCH autosave_%s_edit_total %.1f ms (%.0f kB)", name, edit.TotalMS, float64(edit.Bytes)/1e3)
		return edit
	}
	edit := measure("example", func() { openExample(p) }, readExample(t).Wards[0].Code)
	if edit.EncodeMS > 50 {
		t.Errorf("an edit of the example blocked the page for %.1f ms to encode, want under 50", edit.EncodeMS)
	}
	if wards <= 0 {
		p.checkClean()
		return
	}
	big := example.New(example.Options{Wards: wards, Indicators: 40, Seed: 7})
	b, err := jsna.Marshal(big)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "large.json")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("large document: %d wards, %.1f MB", wards, float64(len(b))/1e6)
	edit = measure(fmt.Sprintf("%d_wards", wards), func() {
		goStart(p)
		p.upload("#open-file", f)
		p.waitFor("the large document", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	}, big.Wards[len(big.Wards)/2].Code)
	if edit.EncodeMS > 50 {
		t.Errorf("an edit of the large document blocked the page for %.1f ms to encode, want under 50", edit.EncodeMS)
	}
	p.checkClean()
}

// TestBrowserLibraryVersionAtPause edits the example's narrative: once
// editing pauses, the library keeps one version "while editing", which
// holds the whole edit (ui/app_full.go, keepVersionAtPause: a version is
// the whole document encoded, so it waits for a pause in typing).
func TestBrowserLibraryVersionAtPause(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	watchDialogs(p)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	marker := "Typed before the pause, kept in its version."
	p.appendInto("#section-0-text", " "+marker)
	waitStored(p)
	versions := func() string {
		s := storedText(p)
		i, j := strings.Index(s, "\nversions:"), strings.Index(s, "\nentries:")
		if i < 0 || j < i {
			t.Fatalf("the library's stores read %q", s)
		}
		return s[i:j]
	}
	var v string
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if v = versions(); strings.Contains(v, `"reason":"edit"`) {
			break
		}
	}
	if n := strings.Count(v, `"reason":"edit"`); n != 1 {
		t.Fatalf("the library keeps %d versions while editing, want 1: %.300q", n, v)
	}
	if !strings.Contains(v, marker) {
		t.Errorf("the version kept while editing does not hold the edit %q", marker)
	}
	p.checkClean()
}

//go:build browser

package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"github.com/wardwise/wardwise/jsna/score"
	"github.com/wardwise/wardwise/jsna/stats"
)

// xss is the narrative the tests type to prove user text is never HTML.
const xss = `<img src=x onerror=alert(1)>`

// openExample opens the example through its address and waits for the
// area overview.
func openExample(p *page) {
	p.tb.Helper()
	p.navigate("?example")
	p.waitFor("the area overview", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
}

// firstWard returns the code of the first ward in the overview's ranking.
func firstWard(p *page) string {
	p.tb.Helper()
	href := eval[string](p, `document.querySelector('#ward-ranking a[href^="#/ward/"]').getAttribute("href")`)
	return strings.TrimPrefix(href, "#/ward/")
}

// noDialogs fails the test if the page opens an alert (the XSS payload
// would).
func noDialogs(p *page) {
	go func() {
		for ev, err := range chromedp.Events(p.ctx, cdppage.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			p.problem("a dialog opened: " + ev.Message)
			chromedp.Call(p.ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
}

// waitSaved waits until the browser store holds the latest edit: a write
// has committed since savedNote gave before, the saved note says so, and no
// edit is waiting to be stored.
func waitSaved(p *page, before string) {
	p.tb.Helper()
	p.waitFor("the autosave", fmt.Sprintf(`(function(){var e=document.getElementById("saved-note");return !!e && e.textContent !== "" && String(wardwiseWrites()) !== %q && !wardwisePending();})()`, before))
}

// savedNote marks where the autosave is, for waitSaved: the count of writes
// committed (the note's own text shows the time to the second, and two
// writes in one second read the same).
func savedNote(p *page) string {
	return eval[string](p, `typeof wardwiseWrites === "function" ? String(wardwiseWrites()) : ""`)
}

// TestBrowserWardPage opens the example by its address and checks the
// ward page: a spine chart with a marker for each indicator with a value,
// shapes and words for the comparisons, and the indicator table.
func TestBrowserWardPage(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	p.shot("overview")
	code := firstWard(p)
	p.click(`#ward-ranking a[href="#/ward/` + code + `"]`)
	p.waitVisible("svg.app-spine")
	p.shot("ward-indicators")

	d := readExample(t)
	var w *jsna.Ward
	for i := range d.Wards {
		if d.Wards[i].Code == code {
			w = &d.Wards[i]
		}
	}
	if w == nil {
		t.Fatalf("ward %s of the overview is not in the example", code)
	}
	withValue := 0
	for _, v := range w.Values {
		if v.Value != nil && v.Period == "" { // the current values: the spine shows no earlier period
			withValue++
		}
	}
	if got := eval[int](p, `document.querySelectorAll("svg.app-spine .app-spine__marker").length`); got != withValue {
		t.Errorf("spine chart markers = %d, want %d (indicators with a value for %s)", got, withValue, code)
	}
	if got := eval[int](p, `document.querySelectorAll("svg.app-spine .app-spine__row").length`); got != len(d.Indicators) {
		t.Errorf("spine chart rows = %d, want %d indicators", got, len(d.Indicators))
	}
	// Every row of the indicator table names its comparison in words.
	rows := eval[int](p, `document.querySelectorAll("#indicator-table tbody tr.govuk-table__row").length`)
	if rows != len(d.Indicators) {
		t.Errorf("indicator table rows = %d, want %d", rows, len(d.Indicators))
	}
	words := eval[int](p, `Array.from(document.querySelectorAll("#indicator-table .app-cmp")).filter(e => /^(Better \(99\.8%\)|Better \(95%\)|Similar|Worse \(95%\)|Worse \(99\.8%\)|Higher|Lower|Not compared)$/.test(e.textContent.trim())).length`)
	if words != len(d.Indicators) {
		t.Errorf("comparison words in the table = %d, want %d", words, len(d.Indicators))
	}

	// Fingertips' two-level comparison: worse (or better) where the 99.8%
	// interval also excludes the benchmark is shown apart, in the key, the
	// counts, the table and the chart, by shade, shape and words.
	s, err := score.Score(d, score.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[stats.Comparison]int{}
	for i := range s.Ward(code).Values {
		want[s.Ward(code).Values[i].Comparison()]++
	}
	if want[stats.Worst] == 0 {
		t.Fatalf("the example's ward %s has no value worse at 99.8%%: the test needs one", code)
	}
	for _, c := range []struct {
		cmp   stats.Comparison
		class string
		words string
	}{
		{stats.Best, "best", "Better (99.8%)"},
		{stats.Better, "better", "Better (95%)"},
		{stats.Worse, "worse", "Worse (95%)"},
		{stats.Worst, "worst", "Worse (99.8%)"},
	} {
		if got := eval[int](p, fmt.Sprintf(`Array.from(document.querySelectorAll("#indicator-table .app-cmp--%s")).filter(e => e.textContent.trim() === %q).length`, c.class, c.words)); got != want[c.cmp] {
			t.Errorf("%q in the indicator table = %d, want %d (score.Score: %s)", c.words, got, want[c.cmp], c.cmp)
		}
		if got := eval[int](p, fmt.Sprintf(`document.querySelectorAll("svg.app-spine .app-spine__marker--%s").length`, c.class)); got != want[c.cmp] {
			t.Errorf("spine chart %s markers = %d, want %d", c.class, got, want[c.cmp])
		}
		if got := p.text("#count-" + c.class + " strong"); got != fmt.Sprint(want[c.cmp]) {
			t.Errorf("count of %q = %s, want %d", c.words, got, want[c.cmp])
		}
		if got := eval[bool](p, fmt.Sprintf(`Array.from(document.querySelectorAll(".app-spine-key .app-cmp--%s")).some(e => e.textContent.trim() === %q)`, c.class, c.words)); !got {
			t.Errorf("the spine chart's key lacks %q", c.words)
		}
	}
	// At 99.8% the comparison is single-level: no best or worst.
	p.click("#level-1")
	p.waitFor("the 99.8% level", `!document.querySelector("#indicator-table .app-cmp--worst") && !!document.querySelector("#indicator-table .app-cmp--worse")`)
	if got := eval[int](p, `document.querySelectorAll(".app-cmp--best, .app-cmp--worst, #count-best, #count-worst").length`); got != 0 {
		t.Errorf("at the 99.8%% level, %d best or worst marks are shown, want 0", got)
	}
	p.click("#level-0")
	p.waitFor("the 95% level", `!!document.querySelector("#indicator-table .app-cmp--worst")`)
	// One image per domain, each titled with its domain, so that print
	// breaks the chart between domains.
	var domains []string
	seen := map[string]bool{}
	for _, ind := range d.Indicators {
		if !seen[ind.Domain] {
			seen[ind.Domain] = true
			domains = append(domains, ind.Domain)
		}
	}
	titles := eval[[]string](p, `Array.from(document.querySelectorAll("svg.app-spine")).map(s => s.getAttribute("role") + " " + document.getElementById(s.getAttribute("aria-labelledby").split(" ")[0]).textContent)`)
	if len(titles) != len(domains) {
		t.Errorf("spine chart images = %d, want one per domain (%d)", len(titles), len(domains))
	}
	for i := 0; i < len(titles) && i < len(domains); i++ {
		if want := "img Spine chart of the indicators for " + w.Name + ": " + domains[i]; titles[i] != want {
			t.Errorf("spine chart image %d = %q, want %q", i, titles[i], want)
		}
	}
	if got := eval[int](p, `document.querySelectorAll("#spine-table tbody tr").length`); got != len(d.Indicators) {
		t.Errorf("spine chart table alternative rows = %d, want %d", got, len(d.Indicators))
	}
	p.checkClean()
}

// readExample reads the example the app ships.
func readExample(tb testing.TB) *jsna.Document {
	tb.Helper()
	b, err := os.ReadFile("../../static/examples/example-borough.json")
	if err != nil {
		tb.Fatal(err)
	}
	d, err := jsna.Parse("example-borough.json", b)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// TestBrowserEditReloadOffline edits a section, reloads (the same
// document opens at the same place, with the edit), then stops the server
// and reloads again: the service worker serves the app and the edit is
// still there.
func TestBrowserEditReloadOffline(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	p.waitVisible("#section-0-text")
	before := savedNote(p)
	text := "Edited in the browser test. " + xss
	p.typeInto("#section-0-text", text)
	waitSaved(p, before)

	p.reload()
	p.shot("reloaded")
	p.waitFor("the narrative", `location.hash.endsWith("/narrative") && !!document.getElementById("section-0-text")`)
	if got := p.value("#section-0-text"); got != text {
		t.Errorf("after reload, section text = %q, want %q", got, text)
	}

	// Offline: the service worker must control the page and hold the app.
	p.waitFor("the service worker", `!!navigator.serviceWorker.controller`)
	srv.srv.Close()
	p.allow("Failed to load resource")
	p.allow("net::ERR_CONNECTION_REFUSED")
	if ok := eval[bool](p, `fetch("robots.txt?"+Date.now(), {cache: "no-store"}).then(() => true, () => false)`); ok {
		// robots.txt is not in the cache, so it can only come from the server.
		t.Fatal("the server still answers after Close")
	}
	p.reload()
	p.shot("offline-reloaded")
	if p.tb.Failed() {
		return
	}
	p.waitFor("the narrative", `!!document.getElementById("section-0-text")`)
	if got := p.value("#section-0-text"); got != text {
		t.Errorf("offline, section text = %q, want %q", got, text)
	}
	p.shot("offline-narrative")
	p.checkClean()
}

// TestBrowserUserTextIsText types markup into a section and checks that the
// report shows it as text: no element is made from it and nothing runs.
func TestBrowserUserTextIsText(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	p.typeInto("#section-0-text", xss)
	p.typeInto("#new-section-title", xss)
	p.click("#add-section")
	p.waitFor("the new section", `document.querySelectorAll("textarea[id$='-text']").length >= 2`)
	p.navigate("#/report/" + code)
	p.waitVisible(".app-report")
	p.shot("report-xss")
	if got := eval[int](p, `document.querySelectorAll("main img, main [onerror]").length`); got != 0 {
		t.Errorf("the report made %d elements from user text", got)
	}
	if got := eval[int](p, fmt.Sprintf(`Array.from(document.querySelectorAll("main *")).filter(e => e.childElementCount === 0 && e.textContent.includes(%q)).length`, xss)); got < 2 {
		t.Errorf("the report shows the markup as text in %d places, want the section text and its title", got)
	}
	time.Sleep(300 * time.Millisecond) // an onerror handler would have run by now
	p.checkClean()
}

// TestBrowserSaveDraft starts a draft, edits it, saves it as a download,
// and checks the file with jsna.Parse: valid, signed, with the edit.
func TestBrowserSaveDraft(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	code := firstWard(p)
	p.click("#start-draft")
	p.typeInto("#draft-name", "Dr Test Author")
	p.click("#draft-role-0")
	p.click("#draft-start")
	p.waitFor("the draft", `document.querySelector("#docbar") && document.querySelector("#docbar").textContent.includes("Dr Test Author")`)
	p.navigate("#/ward/" + code + "/narrative")
	p.typeInto("#section-0-text", "Drafted text.")
	b := p.download("#save-download")
	d, err := jsna.Parse("draft.json", b)
	if err != nil {
		t.Fatalf("the saved draft does not validate: %v", err)
	}
	if d.Draft == nil || d.Draft.Author != "Dr Test Author" || d.Draft.Role != jsna.RoleGP {
		t.Fatalf("draft block = %+v, want author Dr Test Author, role gp", d.Draft)
	}
	if d.Draft.Base != jsna.Revision(readExample(t)) {
		t.Errorf("draft base = %s, want the example's revision %s", d.Draft.Base, jsna.Revision(readExample(t)))
	}
	if _, err := time.Parse(time.RFC3339, d.Draft.SavedAt); err != nil {
		t.Errorf("draft saved_at %q: %v", d.Draft.SavedAt, err)
	}
	found := false
	for _, w := range d.Wards {
		if w.Code == code && len(w.Sections) > 0 && w.Sections[0].Text == "Drafted text." {
			found = true
		}
	}
	if !found {
		t.Errorf("the saved draft lacks the edit of ward %s", code)
	}
	// jsna validate (the CLI) accepts the file too.
	f := filepath.Join(t.TempDir(), "draft.json")
	if err := os.WriteFile(f, b, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb strings.Builder
	if err := run(context.Background(), []string{"validate", f}, nil, &out, &errb); err != nil {
		t.Errorf("jsna validate %s: %v\n%s", f, err, errb.String())
	}
	p.checkClean()
}

// TestBrowserWelsh switches the interface to Welsh, checks the text
// changed, and that the choice survives a reload.
func TestBrowserWelsh(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	if got := p.text("#page-heading"); got != "Draft, score and merge ward needs assessments" {
		t.Errorf("English heading = %q", got)
	}
	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	if got := p.text("#page-heading"); got != "Drafftio, sgorio a chyfuno asesiadau o anghenion wardiau" {
		t.Errorf("Welsh heading = %q", got)
	}
	if got := p.text(".govuk-skip-link"); got != "Neidio i’r prif gynnwys" {
		t.Errorf("Welsh skip link = %q", got)
	}
	if got := p.text("#open-example"); got != "Agor yr enghraifft" {
		t.Errorf("Welsh example button = %q", got)
	}
	p.shot("start-cy")
	p.reload()
	if got := eval[string](p, `document.documentElement.lang`); got != "cy" {
		t.Errorf("after reload, lang = %q, want cy", got)
	}
	openExample(p)
	p.shot("overview-cy")
	if got := p.text("#lang-switch"); got != "English" {
		t.Errorf("language switch reads %q in Welsh, want English", got)
	}
	// The sentences jsna writes in English come from the catalogue: the
	// need index formula, and the disclosure rule and notes of the report.
	method := p.text("#ranking-method")
	if !strings.Contains(method, "mynegai angen = y cymedr dros y parthau") || strings.Contains(method, "mean over") || strings.Contains(method, "Saesneg") {
		t.Errorf("Welsh need index method = %q, want the formula in Welsh", method)
	}
	p.navigate("#/report/" + firstWard(p))
	p.waitVisible("#report-disclosure")
	rule := p.text("#report-disclosure")
	if !strings.Contains(rule, "Rheoli datgelu: caiff niferoedd o 0 i 4 eu hatal") || strings.Contains(rule, "suppressed") {
		t.Errorf("Welsh disclosure rule = %q, want it in Welsh", rule)
	}
	p.shot("report-cy")
	p.click("#lang-switch")
	p.waitFor("English", `document.documentElement.lang === "en"`)
	p.checkClean()
}

// TestBrowserAccessibility runs axe-core on every view and keeps a
// screenshot of each.
func TestBrowserAccessibility(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	p.axe("start")
	p.shot("start")

	// A bad file: the error summary.
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"format": "jsna/1", "id": 7,`), 0o644)
	p.upload("#open-file", bad)
	p.waitVisible("#error-summary")
	if got := p.text("#error-summary"); !strings.Contains(got, "bad.json") || !strings.Contains(got, "line 1") {
		t.Errorf("error summary = %q, want the file name and the line of the syntax error", got)
	}
	p.axe("error summary")
	p.shot("error-summary")

	openExample(p)
	code := firstWard(p)
	views := []struct{ name, hash, ready string }{
		{"overview", "#/area", "#ward-ranking"},
		{"ward indicators", "#/ward/" + code, "svg.app-spine"},
		{"ward narrative", "#/ward/" + code + "/narrative", "#section-0-text"},
		{"ward assets", "#/ward/" + code + "/assets", "#new-asset-name"},
		{"ward voice", "#/ward/" + code + "/voice", "#new-voice-text"},
		{"ward needs", "#/ward/" + code + "/needs", "#new-need-title"},
		{"priorities", "#/priorities", "svg.app-bars"},
		{"report area", "#/report", ".app-report"},
		{"report ward", "#/report/" + code, ".app-report"},
		{"draft form", "#/draft", "#draft-name"},
		{"merge", "#/merge", "#merge-master"},
	}
	for _, v := range views {
		p.navigate(v.hash)
		p.waitVisible(v.ready)
		p.axe(v.name)
		p.shot(safeName(v.name))
		if strings.HasPrefix(v.name, "report") {
			// What print (and print to PDF) gives: no controls, the
			// chart's colours kept.
			p.printShot(safeName(v.name) + "-print")
		}
	}
	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	p.navigate("#/ward/" + code + "/needs")
	p.waitVisible("#new-need-title")
	p.axe("ward needs in Welsh")
	p.shot("ward-needs-cy")
	p.checkClean()
}

// tabTo presses Tab until the focused element matches the CSS selector,
// at most max times, checking on the way that focus is visible.
func tabTo(p *page, sel string, max int) {
	p.tb.Helper()
	for i := 0; i < max; i++ {
		p.run("press Tab", chromedp.KeyEvent(kb.Tab))
		if eval[bool](p, fmt.Sprintf(`!!document.activeElement && document.activeElement.matches(%q)`, sel)) {
			if !eval[bool](p, focusVisibleJS) {
				p.tb.Errorf("focus on %s is not visible", sel)
			}
			return
		}
	}
	p.shot("tab-" + safeName(sel))
	p.tb.Fatalf("%s not reached with %d presses of Tab (focus on %s)", sel, max,
		eval[string](p, `document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : "nothing"`))
}

// focusVisibleJS is true when the focused element shows a focus
// indicator: an outline, a box shadow or a changed background.
//
// GOV.UK radios and checkboxes hide the native input and draw the focus
// ring on the label's ::before box, so for those the label is checked.
const focusVisibleJS = `(function(){
	function shows(s) {
		return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2) ||
			(s.boxShadow && s.boxShadow !== "none") ||
			s.backgroundColor === "rgb(255, 221, 0)";
	}
	var e = document.activeElement;
	if (e.matches(".govuk-radios__input, .govuk-checkboxes__input")) {
		var l = document.querySelector("label[for='" + e.id + "']");
		return !!l && (shows(getComputedStyle(l, "::before")) || shows(getComputedStyle(l, "::after")));
	}
	return shows(getComputedStyle(e));
})()`

// TestBrowserKeyboardOnly drafts a ward chapter with the keyboard alone:
// open the example, go to a ward's narrative, write, start a draft, sign
// it and save it.
func TestBrowserKeyboardOnly(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	tabTo(p, ".govuk-skip-link", 3)
	tabTo(p, "#open-example", 40)
	p.run("Enter", chromedp.KeyEvent(kb.Enter))
	p.waitFor("the area overview", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	if got := eval[string](p, `document.activeElement.id`); got != "page-heading" {
		t.Errorf("after opening, focus is on %q, want the page heading", got)
	}
	code := firstWard(p)
	tabTo(p, `#ward-ranking a[href="#/ward/`+code+`"]`, 60)
	p.run("Enter", chromedp.KeyEvent(kb.Enter))
	p.waitVisible("svg.app-spine")
	tabTo(p, `a[href="#/ward/`+code+`/narrative"]`, 30)
	p.run("Enter", chromedp.KeyEvent(kb.Enter))
	p.waitVisible("#section-0-text")
	tabTo(p, "#section-0-text", 30)
	p.run("select all", chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	p.run("type", chromedp.KeyEvent("Typed with the keyboard."))
	tabTo(p, "#start-draft", 60)
	p.run("Enter", chromedp.KeyEvent(kb.Enter))
	p.waitVisible("#draft-name")
	tabTo(p, "#draft-name", 30)
	p.run("type name", chromedp.KeyEvent("Cllr Keys"))
	// Tab reaches a radio group once; the arrow keys choose within it.
	tabTo(p, "#draft-role-0", 5)
	p.run("choose", chromedp.KeyEvent(kb.ArrowDown))
	if !eval[bool](p, `document.getElementById("draft-role-1").checked`) {
		t.Errorf("the arrow key did not choose the second role")
	}
	tabTo(p, "#draft-start", 30)
	p.run("Enter", chromedp.KeyEvent(kb.Enter))
	p.waitFor("the draft", `document.querySelector("#docbar").textContent.includes("Cllr Keys")`)
	// Back on the ward's narrative, focus is on its heading; the save button is in the bar
	// above it, so Tab goes round the page to it.
	tabTo(p, "#save-download", 100)
	b := p.downloadBy("Enter on save", func() { p.run("Enter", chromedp.KeyEvent(kb.Enter)) })
	d, err := jsna.Parse("draft.json", b)
	if err != nil {
		t.Fatalf("the keyboard draft does not validate: %v", err)
	}
	if d.Draft == nil || d.Draft.Author != "Cllr Keys" || d.Draft.Role != jsna.RoleCouncillor {
		t.Errorf("draft block = %+v, want Cllr Keys, councillor", d.Draft)
	}
	ok := false
	for _, w := range d.Wards {
		if w.Code == code && len(w.Sections) > 0 && w.Sections[0].Text == "Typed with the keyboard." {
			ok = true
		}
	}
	if !ok {
		t.Errorf("the keyboard draft lacks the typed text in ward %s", code)
	}
	p.checkClean()
}

// TestBrowserKillAutosave types into a section, waits one second (the
// autosave's promise), kills Chromium outright, starts it again on the same
// profile and finds the text offered back.
func TestBrowserKillAutosave(t *testing.T) {
	srv := startServer(t)
	profile := t.TempDir()
	p := openProfile(t, srv.url, profile)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	text := "Typed just before the browser died."
	p.typeInto("#section-0-text", text)
	time.Sleep(time.Second)
	p.kill()

	q := openProfile(t, srv.url, profile)
	q.navigate("")
	q.shot("restore-offer-after-kill")
	q.click("#restore-current")
	q.waitFor("the narrative", `location.hash.endsWith("/narrative") && !!document.getElementById("section-0-text")`)
	if got := q.value("#section-0-text"); got != text {
		t.Errorf("after the crash, section text = %q, want %q", got, text)
	}
	q.checkClean()
}

// mergeDrafts writes two drafts of the example that disagree on a
// section's text and a need's size of the first ward, and agree with
// nothing else; draft A also rewrites the second ward's first section.
func mergeDrafts(tb testing.TB, dir string) (a, b string, master *jsna.Document) {
	tb.Helper()
	master = readExample(tb)
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	write := func(name string, d *jsna.Document) string {
		data, err := jsna.Marshal(d)
		if err != nil {
			tb.Fatal(err)
		}
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, data, 0o644); err != nil {
			tb.Fatal(err)
		}
		return f
	}
	da, err := merge.NewDraft(master, merge.DraftOptions{ID: "draft-a", Author: "Dr A", Role: jsna.RoleGP, Now: at})
	if err != nil {
		tb.Fatal(err)
	}
	da.Wards[0].Sections[0].Text = "Text from A."
	// Sizes that differ from the master's and from each other.
	size := master.Wards[0].Needs[0].Size
	da.Wards[0].Needs[0].Size = math.Mod(size+1, 11)
	da.Wards[1].Sections[0].Text = "Only A changed this."
	db, err := merge.NewDraft(master, merge.DraftOptions{ID: "draft-b", Author: "Cllr B", Role: jsna.RoleCouncillor, Now: at.Add(time.Hour)})
	if err != nil {
		tb.Fatal(err)
	}
	db.Wards[0].Sections[0].Text = "Text from B."
	db.Wards[0].Needs[0].Size = math.Mod(size+2, 11)
	return write("draft-a.json", da), write("draft-b.json", db), master
}

// TestBrowserMerge loads the example as the master and two drafts with
// conflicting edits, merges them, checks that each conflict shows both
// authors, resolves one by choosing Cllr B's text and one by writing a
// value, exports the master and checks it: the chosen values, the change
// only one draft made, and the provenance of each.
func TestBrowserMerge(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	fa, fb, master := mergeDrafts(t, t.TempDir())
	w0, w1 := master.Wards[0], master.Wards[1]

	p.navigate("#/merge")
	p.upload("#merge-master", "../../static/examples/example-borough.json")
	p.waitVisible("#merge-master-summary")
	p.upload("#merge-drafts", fa, fb)
	p.waitFor("both drafts", `document.querySelectorAll("#merge-draft-table tbody tr").length === 2`)
	p.click("#merge-run")
	p.waitVisible("#merge-report")
	p.axe("merge with conflicts")
	p.shot("merge-conflicts")

	if got := eval[int](p, `document.querySelectorAll(".app-conflict").length`); got != 2 {
		t.Fatalf("conflicts shown = %d, want 2 (the section text and the need size)", got)
	}
	for i := 0; i < 2; i++ {
		box := p.text(fmt.Sprintf("#conflict-%d", i))
		for _, who := range []string{"Dr A (GP)", "Cllr B (Ward councillor)", w0.Name} {
			if !strings.Contains(box, who) {
				t.Errorf("conflict %d does not show %q: %s", i, who, box)
			}
		}
	}

	// The section text: take Cllr B's.
	before := eval[string](p, `document.getElementById("merge-saved").getAttribute("datetime") || ""`)
	p.typeInto("#merge-by", "Coordinator C")
	textBox := eval[int](p, `Array.from(document.querySelectorAll(".app-conflict")).findIndex(b => b.querySelector(".app-path").textContent.endsWith(".text"))`)
	if textBox < 0 {
		t.Fatal("no conflict on the section text")
	}
	radio := eval[string](p, fmt.Sprintf(`Array.from(document.querySelectorAll("#conflict-%d .app-candidate")).find(c => c.textContent.includes("Cllr B")).querySelector("input").id`, textBox))
	p.click("#" + radio)
	// Leaving the name field stores the merge (its change event): wait for
	// that, so that the wait below is for the resolution's own store.
	p.waitFor("the name stored", fmt.Sprintf(`(document.getElementById("merge-saved").getAttribute("datetime") || "") !== %q`, before))
	saved := eval[string](p, `document.getElementById("merge-saved").getAttribute("datetime") || ""`)
	p.click(fmt.Sprintf("#conflict-%d-resolve", textBox))
	p.waitFor("one conflict left", `document.querySelectorAll(".app-conflict").length === 1`)
	// The view says when the resolution is stored in the browser.
	p.waitFor("the resolution stored", fmt.Sprintf(`(document.getElementById("merge-saved").getAttribute("datetime") || "") !== %q && !wardwiseMergePending()`, saved))

	// The merge and the resolution so far survive a reload.
	p.reload()
	p.waitFor("the merge restored", `document.querySelectorAll(".app-conflict").length === 1 && !!document.getElementById("merge-resolved")`)
	if got := p.value("#merge-by"); got != "Coordinator C" {
		t.Errorf("after reload, coordinator = %q, want Coordinator C", got)
	}

	// The need size: write 7.
	p.click("#conflict-0-edit")
	p.typeInto("#conflict-0-value", "7")
	p.click("#conflict-0-resolve")
	p.waitVisible("#merge-no-conflicts")
	p.shot("merge-resolved")
	b := p.download("#merge-export")

	d, err := jsna.Parse("master.json", b)
	if err != nil {
		t.Fatalf("the exported master does not validate: %v", err)
	}
	if d.Draft != nil {
		t.Errorf("the exported master has a draft block: %+v", d.Draft)
	}
	if n := len(d.Conflicts); n != 0 {
		t.Errorf("open conflicts in the exported master = %d, want 0", n)
	}
	ward := func(code string) *jsna.Ward {
		for i := range d.Wards {
			if d.Wards[i].Code == code {
				return &d.Wards[i]
			}
		}
		t.Fatalf("ward %s missing from the exported master", code)
		return nil
	}
	if got := ward(w0.Code).Sections[0].Text; got != "Text from B." {
		t.Errorf("chosen section text = %q, want Cllr B's %q", got, "Text from B.")
	}
	if got := ward(w0.Code).Needs[0].Size; got != 7 {
		t.Errorf("need size = %v, want the written 7", got)
	}
	if got := ward(w1.Code).Sections[0].Text; got != "Only A changed this." {
		t.Errorf("%s section text = %q, want Dr A's change", w1.Code, got)
	}
	prov := map[string][]jsna.Source{}
	for _, pv := range d.Provenance {
		prov[pv.Path] = pv.By
	}
	checkBy := func(path, author string) {
		t.Helper()
		by, ok := prov[path]
		if !ok {
			t.Errorf("no provenance for %s", path)
			return
		}
		for _, s := range by {
			if s.Author == author {
				return
			}
		}
		t.Errorf("provenance of %s = %+v, want %s", path, by, author)
	}
	checkBy("wards["+w0.Code+"].sections["+w0.Sections[0].ID+"].text", "Coordinator C")
	checkBy("wards["+w0.Code+"].needs["+w0.Needs[0].ID+"].size", "Coordinator C")
	checkBy("wards["+w1.Code+"].sections["+w1.Sections[0].ID+"].text", "Dr A")
	if n := len(d.Resolutions); n != 2 {
		t.Errorf("resolutions recorded = %d, want 2", n)
	}
	for _, r := range d.Resolutions {
		if r.By != "Coordinator C" || len(r.Over) != 2 {
			t.Errorf("resolution %+v: want by Coordinator C over 2 candidates", r)
		}
	}
	p.checkClean()
}

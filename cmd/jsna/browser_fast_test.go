//go:build browser

package main

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna/example"
)

// TestBrowserDataIsText opens a document whose ward, area, domain and
// indicator names are markup, and checks that the area table and the ward
// view (built as markup in bulk, ui/markup.go) show them as text: no
// element is made from them and nothing runs.
func TestBrowserDataIsText(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	d := example.New(example.Options{Wards: 20, Indicators: 30, Seed: 1})
	d.Area.Name = xss
	d.Wards[0].Name = xss
	for i := range d.Indicators {
		if d.Indicators[i].Domain == d.Indicators[0].Domain {
			d.Indicators[i].Domain = xss + " domain"
		}
	}
	d.Indicators[0].Name = xss + " indicator"
	f := writeDoc(t, t.TempDir(), "hostile.json", d)
	p.navigate("#/")
	p.waitFor("the start page", `!!document.getElementById("open-file")`)
	p.upload("#open-file", f)
	p.waitFor("the area table", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	count := func(where string) {
		t.Helper()
		if got := eval[int](p, `document.querySelectorAll("main img, main [onerror], main script").length`); got != 0 {
			t.Errorf("%s: %d elements were made from the data", where, got)
		}
	}
	count("area view")
	if got := eval[int](p, fmt.Sprintf(`Array.from(document.querySelectorAll("#ward-ranking a, #ward-ranking th")).filter(e => e.textContent === %q || e.textContent === %q).length`, xss, xss+" domain")); got < 2 {
		t.Errorf("the area table shows the ward's and the domain's markup as text in %d places, want at least 2", got)
	}
	p.navigate("#/ward/" + d.Wards[0].Code)
	p.waitVisible("#spine-table")
	count("ward view")
	if got := eval[int](p, fmt.Sprintf(`Array.from(document.querySelectorAll("main h1, #spine-table th, .app-spine tspan, .app-spine text, .app-spine title")).filter(e => e.textContent.includes(%q)).length`, xss)); got < 4 {
		t.Errorf("the ward view shows the markup as text in %d places, want the heading, the table, the chart and its title", got)
	}
	p.shot("data-xss")
	time.Sleep(300 * time.Millisecond) // an onerror handler would have run by now
	p.checkClean()
}

// progressSeen is what the page saw of the progress of opening a file.
type progressSeen struct {
	Shown  bool     `json:"shown"`
	Max    int      `json:"max"`
	Labels []string `json:"labels"`
	Said   []string `json:"said"`
	Frames int      `json:"frames"` // frames painted while the progress showed
	Left   bool     `json:"left"`   // still in the page at the end
}

// watchProgress records, from now on, the progress bar's labels, what its
// live region says, and the frames the page paints while it shows.
const watchProgress = `(() => {
  const seen = window.__progress = {shown: false, max: 0, labels: [], said: [], frames: 0, left: false};
  const look = () => {
    const bar = document.getElementById("work-progress-bar");
    if (!bar) return;
    seen.shown = true;
    seen.max = bar.max;
    const label = document.getElementById("work-progress-label").textContent;
    if (label && seen.labels[seen.labels.length - 1] !== label) seen.labels.push(label);
    const said = document.getElementById("work-progress-status").textContent;
    if (said && seen.said[seen.said.length - 1] !== said) seen.said.push(said);
  };
  new MutationObserver(look).observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true});
  const tick = () => { if (document.getElementById("work-progress-bar")) seen.frames++; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`

// TestBrowserProgressLargeFile opens a file large enough to take a while
// (over 4 MB) and checks that a progress bar showed its steps, a polite
// live region said them, the page painted frames between them, and the
// bar went once the area view was drawn.
func TestBrowserProgressLargeFile(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	d := example.New(example.Options{Wards: 450, Indicators: 40, Seed: 3})
	f := writeDoc(t, t.TempDir(), "large.json", d)
	if fi, _ := os.Stat(f); fi.Size() < 4<<20 {
		t.Fatalf("the large file is %d bytes, want over 4 MB", fi.Size())
	}
	p.navigate("#/")
	p.waitFor("the start page", `!!document.getElementById("open-file")`)
	eval[any](p, watchProgress)
	p.upload("#open-file", f)
	p.waitFor("the large document", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	time.Sleep(200 * time.Millisecond)
	seen := eval[progressSeen](p, `(window.__progress.left = !!document.getElementById("work-progress"), window.__progress)`)
	want := []string{"Checking large.json", "Scoring the wards", "Drawing the page"}
	if !seen.Shown || seen.Max != 3 || strings.Join(seen.Labels, "|") != strings.Join(want, "|") {
		t.Errorf("progress shown %v, max %d, steps %q; want shown, max 3, steps %q", seen.Shown, seen.Max, seen.Labels, want)
	}
	if len(seen.Said) == 0 || seen.Said[0] != "Checking large.json (step 1 of 3)" {
		t.Errorf("the live region said %q, want first %q", seen.Said, "Checking large.json (step 1 of 3)")
	}
	if seen.Frames < 2 {
		t.Errorf("the page painted %d frames while the progress showed, want at least one a step", seen.Frames)
	}
	if seen.Left {
		t.Error("the progress bar is still in the page after the view was drawn")
	}
	if got := eval[string](p, `document.getElementById("work-progress-status") ? "left" : "gone"`); got != "gone" {
		t.Error("the progress live region is still in the page")
	}
	p.checkClean()
}

// TestBrowserRankingLater opens a document of 520 wards: its area table
// (ui/overview.go, rankingLater) is put in the page after the rest of the
// view, its region busy (aria-busy) until then, and then holds every ward,
// a link each, and is no longer busy.
func TestBrowserRankingLater(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	d := example.New(example.Options{Wards: 520, Indicators: 5, Seed: 2})
	f := writeDoc(t, t.TempDir(), "wide.json", d)
	p.navigate("#/")
	p.waitFor("the start page", `!!document.getElementById("open-file")`)
	eval[any](p, `(() => {
  window.__later = {busyEmpty: false};
  new MutationObserver(() => {
    const h = document.getElementById("ranking-heading");
    const region = h && document.querySelector('[aria-labelledby="ranking-heading"]');
    if (region && region.getAttribute("aria-busy") === "true" && !region.querySelector("table")) window.__later.busyEmpty = true;
  }).observe(document.body, {childList: true, subtree: true, attributes: true});
})()`)
	p.upload("#open-file", f)
	p.waitFor("the area table", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	if !eval[bool](p, `window.__later.busyEmpty`) {
		t.Error("the area view was not drawn first with its table's region busy and empty")
	}
	if got := eval[int](p, `document.querySelectorAll("#ward-ranking tbody tr th a[href^='#/ward/']").length`); got != len(d.Wards) {
		t.Errorf("the area table links %d wards, want %d", got, len(d.Wards))
	}
	if got := eval[int](p, `document.querySelectorAll('[aria-labelledby="ranking-heading"][aria-busy]').length`); got != 0 {
		t.Errorf("%d table regions are still marked busy", got)
	}
	p.checkClean()
}

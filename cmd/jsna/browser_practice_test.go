//go:build browser

package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/wardwise/wardwise/jsna/disclosure"
)

// TestBrowserMyPractice chooses a practice of the example by keyboard and
// checks the "My practice" view: the wards its patients live in as a bar
// chart and a table, with the suppressed cells shown as suppressed, and
// its figures beside its wards'; then follows a ward and checks the ward
// page's "Practices serving this ward"; and both in Welsh.
func TestBrowserMyPractice(t *testing.T) {
	d := readExample(t)
	if len(d.Practices) == 0 {
		t.Fatal("the example has no practices")
	}
	cells := disclosure.PracticeCells(d, disclosure.Options{})
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	p.click(`a[href="#/practice"]`)
	p.waitVisible("#practice-choice")
	p.axe("my practice, none chosen")
	p.shot("practice-choose")

	// By keyboard: the select takes the first practice with the down
	// arrow, Tab reaches the button and Enter shows the practice.
	p.run("focus the choice", chromedp.Focus("#practice-choice"))
	p.run("down arrow", chromedp.KeyEvent(kb.ArrowDown))
	p.run("tab", chromedp.KeyEvent(kb.Tab))
	if got := eval[string](p, `document.activeElement.id`); got != "practice-show" {
		t.Fatalf("Tab from the choice reached %q, want the button", got)
	}
	p.run("enter", chromedp.KeyEvent(kb.Enter))
	pr := d.Practices[0]
	p.waitText("#practice-name", pr.Name)
	if got := eval[string](p, `location.hash`); got != "#/practice/"+pr.ID {
		t.Errorf("address = %q, want #/practice/%s", got, pr.ID)
	}

	var mine []disclosure.PracticeCell
	suppressed := 0
	for _, c := range cells {
		if c.Practice == pr.ID {
			mine = append(mine, c)
			if c.Reason != "" {
				suppressed++
			}
		}
	}
	if suppressed == 0 {
		t.Fatalf("practice %s has no suppressed cell: the test needs one", pr.ID)
	}
	if got := eval[int](p, `document.querySelectorAll("svg.app-bars rect").length`); got != len(mine) {
		t.Errorf("bars = %d, want %d wards", got, len(mine))
	}
	if got := eval[int](p, `document.querySelectorAll("svg.app-bars rect.app-bars__bar--excluded").length`); got != suppressed {
		t.Errorf("hollow (suppressed) bars = %d, want %d", got, suppressed)
	}
	if got := eval[int](p, `document.querySelectorAll("#practice-wards tbody tr").length`); got != len(mine) {
		t.Errorf("ward table rows = %d, want %d", got, len(mine))
	}
	first := mine[0]
	wantRow := fmt.Sprintf("%s %s %.1f%%", first.WardName, fmtThousands(*first.Patients), *first.OfPractice*100)
	if got := eval[string](p, `Array.from(document.querySelectorAll("#practice-wards tbody tr")[0].children).slice(0,3).map(e => e.textContent.trim()).join(" ")`); got != wantRow {
		t.Errorf("first ward row = %q, want %q", got, wantRow)
	}
	if got := eval[int](p, `Array.from(document.querySelectorAll("#practice-wards tbody td")).filter(e => e.textContent.trim() === "suppressed").length`); got != 2*suppressed {
		t.Errorf("suppressed cells in the table = %d, want %d", got, 2*suppressed)
	}
	if got := eval[int](p, `document.querySelectorAll("#practice-figures tbody tr").length`); got != len(pr.Values) {
		t.Errorf("practice figures rows = %d, want %d", got, len(pr.Values))
	}
	if got := p.text("#practice-summary"); !strings.Contains(got, fmtThousands(pr.ListSize)+" patients are registered at practice "+pr.ID) {
		t.Errorf("summary = %q", got)
	}
	p.axe("my practice")
	p.shot("practice")

	// The first ward's page lists the practices serving it.
	p.click(`#practice-wards tbody tr a[href="#/ward/` + first.Ward + `"]`)
	p.waitVisible("#ward-practices")
	var serving []disclosure.PracticeCell
	for _, c := range cells {
		if c.Ward == first.Ward {
			serving = append(serving, c)
		}
	}
	if got := eval[int](p, `document.querySelectorAll("#ward-practices tbody tr").length`); got != len(serving) {
		t.Errorf("practices serving %s = %d rows, want %d", first.Ward, got, len(serving))
	}
	for i, c := range serving {
		want := "suppressed"
		if c.OfWard != nil {
			want = fmt.Sprintf("%.1f%%", *c.OfWard*100)
		}
		if got := eval[string](p, fmt.Sprintf(`document.querySelectorAll("#ward-practices tbody tr")[%d].children[2].textContent.trim()`, i)); got != want {
			t.Errorf("%s's share of %s = %q, want %q", c.Practice, first.Ward, got, want)
		}
	}
	p.axe("ward page with its practices")
	p.shot("ward-practices")

	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	if got := p.text("#ward-practices-heading"); got != "Meddygfeydd sy’n gwasanaethu’r ward hon" {
		t.Errorf("Welsh heading of the ward's practices = %q", got)
	}
	p.navigate("#/practice/" + pr.ID)
	p.waitText("#page-heading", "Fy meddygfa")
	p.axe("my practice in Welsh")
	p.shot("practice-cy")
	p.checkClean()
}

// fmtThousands writes n with comma thousands separators, as the app does.
func fmtThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

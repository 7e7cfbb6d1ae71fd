//go:build browser

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/wardwise/wardwise/jsna/disclosure"
	"github.com/wardwise/wardwise/jsna/practice"
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
	// Its estimates of the practice-level indicators (jsna/practice).
	for i, id := range practice.PracticeIndicators(d) {
		e := practice.WardEstimate(d, first.Ward, id)
		want := fmt.Sprintf("%.1f (%.1f – %.1f)", *e.Value, *e.Lower, *e.Upper)
		if got := eval[string](p, fmt.Sprintf(`document.querySelectorAll("#ward-estimates tbody tr")[%d].children[1].textContent.trim()`, i)); got != want {
			t.Errorf("%s's estimate of %s = %q, want %q", first.Ward, id, got, want)
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

// TestBrowserImportPractices adds a practice to the example in the app
// from files in the published layouts (an NHS England registrations LSOA
// file and an ONS lookup), then its figures from a Fingertips file of
// Area Type GPs, and checks the report and the practice's view.
func TestBrowserImportPractices(t *testing.T) {
	d := readExample(t)
	w0, w1 := d.Wards[0].Code, d.Wards[1].Code
	dir := t.TempDir()
	lookup := writeFileIn(t, dir, "lookup.csv", "LSOA21CD,LSOA21NM,LSOA21NMW,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW,ObjectId\n"+
		"E01000001,A,,"+w0+","+d.Wards[0].Name+",,E09000099,Example,,1\nE01000002,B,,"+w1+","+d.Wards[1].Name+",,E09000099,Example,,2\n")
	reg := writeFileIn(t, dir, "gp-reg-pat-prac-lsoa-all.csv", "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\n"+
		"GP_PRAC_PAT_LIST,01OCT2026,Y98765,NEW ROAD SURGERY,E01000001,ALL,600\n"+
		"GP_PRAC_PAT_LIST,01OCT2026,Y98765,NEW ROAD SURGERY,E01000002,ALL,400\n"+
		"GP_PRAC_PAT_LIST,01OCT2026,Y98765,NEW ROAD SURGERY,CLOSED,ALL,7\n")
	gp := writeFileIn(t, dir, "gp.csv", "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit\n"+
		"241,Diabetes: QOF prevalence,Y98765,NEW ROAD SURGERY,GPs,Persons,17+ yrs,2024/25,8.2,7.6,8.9\n")

	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	p.navigate("#/practice")
	p.waitVisible("#reg-file")
	p.click("#reg-import")
	p.waitText("#error-summary", "Choose a file for “Registrations by LSOA”.")
	p.upload("#reg-file", reg)
	p.upload("#lookup-file", lookup)
	p.click("#reg-import")
	p.waitVisible("#practice-import-report")
	if got := p.text("#practice-import-report"); !strings.Contains(got, "1 practice in the file, 1 with patients in the document’s wards (1,000 patients there, 7 of unknown LSOA)") || !strings.Contains(got, "best fit") {
		t.Errorf("import report = %q", got)
	}
	p.axe("my practice after an import")
	p.shot("practice-import")
	p.upload("#gp-file", gp)
	p.click("#gp-import")
	p.waitFor("the figures' report", `(document.getElementById("practice-import-report")||{textContent:""}).textContent.includes("1 practice value,")`)
	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	if got := p.text("#practice-import-report"); !strings.Contains(got, "1 gwerth meddygfa, ") || !strings.Contains(got, "1 feddygfa, 1 dangosydd") {
		t.Errorf("the figures' import report in Welsh = %q", got)
	}
	p.click("#lang-switch")
	p.waitFor("English", `document.documentElement.lang === "en"`)

	p.navigate("#/practice/Y98765")
	p.waitText("#practice-name", "NEW ROAD SURGERY")
	if got := eval[int](p, `document.querySelectorAll("#practice-wards tbody tr").length`); got != 2 {
		t.Errorf("NEW ROAD SURGERY wards = %d rows, want 2", got)
	}
	if got := eval[string](p, `document.querySelector("#practice-figures tbody tr td").textContent.trim()`); got != "8.2 (7.6 – 8.9)" {
		t.Errorf("its diabetes figure = %q, want 8.2 (7.6 – 8.9)", got)
	}
	p.checkClean()
}

func writeFileIn(tb testing.TB, dir, name, content string) string {
	tb.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

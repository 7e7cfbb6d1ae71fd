//go:build browser

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestBrowserReportTrends checks the trends in the report (print view):
// in the ward report of the example's worsening ward, a chart per
// indicator with more than one period, each with its marker (or why there
// is none) and its table shown, not folded; in print, the series drawn in
// black and no control shown; the same in Welsh; and in the area report,
// a trends part in each ward's chapter with ids of its own. axe-core
// finds nothing.
func TestBrowserReportTrends(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	ward := strings.ToLower(worseningWard)
	trends := "#report-trends-" + ward
	p.navigate("#/report/" + worseningWard)
	p.waitVisible(trends)

	ids := `Array.from(document.querySelectorAll("` + trends + ` .app-trend")).map(e => e.id).join(" ")`
	want := fmt.Sprintf("report-trends-%[1]s-93097 report-trends-%[1]s-93701 report-trends-%[1]s-93227 report-trends-%[1]s-93250", ward)
	if got := eval[string](p, ids); got != want {
		t.Errorf("report trend charts = %q, want %q", got, want)
	}
	un := "#report-trends-" + ward + "-93097"
	if got := eval[string](p, `document.querySelector("`+trends+` h2").textContent`); got != "Trends" {
		t.Errorf("trends heading = %q, want Trends (h2 in a ward's report)", got)
	}
	if got := eval[string](p, `document.querySelector("`+un+` h3").textContent`); !strings.HasPrefix(got, "Unemployment") {
		t.Errorf("93097's heading = %q, want an h3 naming unemployment", got)
	}
	if got, want := p.text(un+"-marker"), "Worse and getting worse Recent trend over the last 5 periods: increasing and getting worse."; got != want {
		t.Errorf("93097 marker = %q, want %q", got, want)
	}
	if got, want := p.text("#report-trends-"+ward+"-93701-marker"), "No recent trend marker: there are fewer than 5 periods."; got != want {
		t.Errorf("93701 marker = %q, want %q", got, want)
	}
	if got := eval[int](p, `document.querySelectorAll("`+un+` .app-trend-chart__point").length`); got != 5 {
		t.Errorf("93097 points = %d, want 5", got)
	}
	// The table of every figure is shown, outside any details box.
	if got := eval[string](p, `Array.from(document.querySelectorAll("`+un+`-table tbody th")).map(e => e.textContent).join("|")`); got != "2017/18|2018/19|2019/20|2020/21|2021/22 (current)" {
		t.Errorf("93097 table periods = %q", got)
	}
	if got := eval[int](p, `document.querySelectorAll("`+trends+` details").length`); got != 0 {
		t.Errorf("details boxes in the report's trends = %d, want 0", got)
	}
	p.axe("report trends")

	// In print: the series in black, the controls hidden.
	setMedia(p, "print")
	if got := eval[string](p, `getComputedStyle(document.querySelector("`+un+` .app-trend-chart__line")).stroke`); got != "rgb(11, 12, 12)" {
		t.Errorf("printed series line = %q, want black rgb(11, 12, 12)", got)
	}
	if got := eval[string](p, `getComputedStyle(document.querySelector("`+un+` .app-trend-chart__benchmark")).strokeDasharray`); got != "8px, 6px" {
		t.Errorf("printed benchmark line dashes = %q, want 8px, 6px", got)
	}
	if got := eval[string](p, `getComputedStyle(document.querySelector(".app-report__controls")).display`); got != "none" {
		t.Errorf("printed controls display = %q, want none", got)
	}
	setMedia(p, "")
	p.printShot("report-trends")

	// In Welsh.
	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	p.waitVisible(trends)
	if got := eval[string](p, `document.querySelector("`+trends+` h2").textContent`); got != "Tueddiadau" {
		t.Errorf("Welsh trends heading = %q, want Tueddiadau", got)
	}
	if got, want := p.text(un+"-marker"), "Yn waeth ac yn gwaethygu Tuedd ddiweddar dros y 5 cyfnod diwethaf: yn cynyddu ac yn gwaethygu."; got != want {
		t.Errorf("Welsh 93097 marker = %q, want %q", got, want)
	}
	p.axe("report trends, in Welsh")
	p.click("#lang-switch")
	p.waitFor("English", `document.documentElement.lang === "en"`)

	// The area report: a trends part in every ward's chapter with series,
	// no id twice.
	p.navigate("#/report")
	p.waitVisible(trends)
	d := readExample(t)
	if got := eval[int](p, `document.querySelectorAll(".app-report__trends").length`); got != len(d.Wards) {
		t.Errorf("trends parts in the area report = %d, want %d (every ward of the example has series)", got, len(d.Wards))
	}
	dups := `(function(){var seen={},d=[];document.querySelectorAll("[id]").forEach(e=>{if(seen[e.id])d.push(e.id);seen[e.id]=1});return d.join(" ")})()`
	if got := eval[string](p, dups); got != "" {
		t.Errorf("ids twice in the area report: %s", got)
	}
	p.checkClean()
}

// TestBrowserPublishedTrend imports a Fingertips CSV with its Recent
// Trend column (made up for the test): Riverside's five years, whose
// calculated trend Fingertips' agrees with, and Oldtown's one year, too
// few to calculate, for which Fingertips' is given with its source; on
// the ward page and in the report.
func TestBrowserPublishedTrend(t *testing.T) {
	var b strings.Builder
	b.WriteString("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,Count,Denominator,Recent Trend,Time period Sortable\n")
	name := "Unemployment (% of the working age population claiming out of work benefit)"
	for i, c := range []int{40, 52, 64, 76, 88} {
		y := 2017 + i
		trend := ""
		if i == 4 {
			trend = "Increasing and getting worse"
		}
		fmt.Fprintf(&b, "93097,%q,E09000099,Example Borough,E05900001,Riverside,Ward,Persons,16-64 yrs,%d/%02d,%v,%d,2000,%s,%d0000\n", name, y, (y+1)%100, float64(c)/20, c, trend, y)
	}
	fmt.Fprintf(&b, "93097,%q,E09000099,Example Borough,E05900005,Oldtown,Ward,Persons,16-64 yrs,2021/22,3.5,70,2000,Decreasing,20210000\n", name)
	fmt.Fprintf(&b, "93097,%q,,,E92000001,England,England,Persons,16-64 yrs,2021/22,3.4,,,,20210000\n", name)
	file := filepath.Join(t.TempDir(), "recent-trend.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("#/")
	p.upload("#open-file", file)
	p.waitFor("the overview", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)

	p.navigate("#/ward/E05900001")
	p.waitVisible("#trend-93097-marker")
	if got, want := p.text("#trend-93097-marker"), "Worse and getting worse Recent trend over the last 5 periods: increasing and getting worse. "+
		"Fingertips publishes the same recent trend: increasing and getting worse (the file’s Recent Trend column)."; got != want {
		t.Errorf("Riverside marker = %q, want %q", got, want)
	}
	p.navigate("#/ward/E05900005")
	p.waitVisible("#trends-published")
	if got, want := p.text("#trends-published li"), name+": Recent trend published by Fingertips: decreasing (the file’s Recent Trend column)."; got != want {
		t.Errorf("Oldtown published trend = %q, want %q", got, want)
	}
	p.axe("published trend")
	p.navigate("#/report/E05900005")
	p.waitVisible("#report-trends-e05900005-published")
	if got, want := p.text("#report-trends-e05900005-published li"), name+": Recent trend published by Fingertips: decreasing (the file’s Recent Trend column)."; got != want {
		t.Errorf("Oldtown published trend in the report = %q, want %q", got, want)
	}
	p.checkClean()
}

// setMedia emulates the CSS media type ("print"; "" for the screen again).
func setMedia(p *page, media string) {
	p.tb.Helper()
	if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		p.tb.Fatalf("media %q: %v", media, err)
	}
}

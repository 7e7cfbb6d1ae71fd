//go:build browser

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBrowserBenchmarksBeside opens the borough's export (besideWardsCSV:
// England's and the borough's rows, built by the test) and checks that
// the ward page shows both benchmarks side by side, each labelled with its
// name (table columns, spine key and diamonds, the trend table), then
// opens the reference file of all wards on the area page and checks that
// the chart's key and table say the range is all wards'.
func TestBrowserBenchmarksBeside(t *testing.T) {
	dir := t.TempDir()
	wards := filepath.Join(dir, "borough-wards.csv")
	ref := filepath.Join(dir, "all-wards-england.csv")
	for name, content := range map[string]string{wards: besideWardsCSV(), ref: besideReferenceCSV()} {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("#/")
	p.upload("#open-file", wards)
	p.waitFor("the overview", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	p.navigate("#/ward/E05900001")
	p.waitVisible("svg.app-spine")

	heads := eval[string](p, `Array.from(document.querySelectorAll("#indicator-table thead th")).map(function(e){return e.textContent}).join(" | ")`)
	if want := "Indicator | Period | Count | Value | Confidence interval | England | Compared with England | Example Borough | Compared with Example Borough"; heads != want {
		t.Errorf("indicator table columns = %q, want %q", heads, want)
	}
	// Riverside's admissions, 125.3 (118.2–132.6): worse than England (100)
	// and than the borough (110.4).
	row := eval[string](p, `(function(){var a=document.querySelector('#indicator-table a[href="#/indicator/93227"]');return Array.from(a.closest("tr").cells).map(function(c){return c.textContent}).join(" | ")})()`)
	if !strings.Contains(row, "| 100.0 | Worse (95%) | 110.4 | Worse (95%)") {
		t.Errorf("93227 row = %q, want England 100 worse and the borough 110.4 worse", row)
	}
	key := p.text(".app-spine-keys")
	for _, want := range []string{"Benchmark: England", "Value of Example Borough (hollow diamond)", "Range: the 6 wards of this document"} {
		if !strings.Contains(key, want) {
			t.Errorf("spine key = %q, want %q", key, want)
		}
	}
	if n := eval[int](p, `document.querySelectorAll("svg.app-spine polygon.app-spine__other").length`); n != 2 {
		t.Errorf("%d diamonds for the borough on the spine chart, want 2 (one per indicator)", n)
	}
	if got := eval[string](p, `document.querySelector("svg.app-spine desc").textContent`); !strings.Contains(got, "Hollow diamonds mark the value of Example Borough.") {
		t.Errorf("spine chart description = %q", got)
	}
	// The trend of 93227: each period against its own period's benchmark,
	// England's line drawn through both.
	trend := p.text("#trend-93227-table")
	if !strings.Contains(trend, "Compared with England") || strings.Count(trend, "Worse") != 2 {
		t.Errorf("trend table = %q, want both periods worse than England", trend)
	}
	if n := eval[int](p, `document.querySelectorAll("#trend-93227 .app-trend-chart__benchmark").length`); n != 1 {
		t.Errorf("%d benchmark lines on the trend chart, want 1", n)
	}
	p.axe("ward beside")
	p.shot("ward-beside")

	// A reference file of all wards, opened on the area page.
	p.navigate("#/area")
	p.waitVisible("#ref-file")
	p.upload("#ref-file", ref)
	p.click("#ref-import")
	p.waitVisible("#comparators-report")
	if got := p.text("#comparators-report"); got != "Ranges from all-wards-england.csv: 2 indicators take all wards’ range." {
		t.Errorf("comparators report = %q", got)
	}
	p.axe("area with comparators")
	p.navigate("#/ward/E05900001")
	p.waitVisible("svg.app-spine")
	if got := p.text(".app-spine-key__range-item"); got != "Range: all wards in England, Fingertips, of each indicator’s period: worst to best, darker from the 25th to the 75th percentile" {
		t.Errorf("range key = %q", got)
	}
	if got := p.text("#spine-key-quintile"); got != "No interval: its quintile among all wards of the reference file (not a significant difference)" {
		t.Errorf("quintile key = %q", got)
	}
	table := p.text("#spine-table")
	for _, want := range []string{"all 40 wards in England (Fingertips, 2016/17 - 20/21)", "all 40 wards in England (Fingertips, 2017/18 - 19/20)"} {
		if !strings.Contains(table, want) {
			t.Errorf("spine table = %q, want %q", table, want)
		}
	}
	// Riverside's obesity, 27.4: the worst quintile of all 40 wards (the
	// 2nd worst of its borough's six).
	row = eval[string](p, `(function(){var a=document.querySelector('#indicator-table a[href="#/indicator/93105"]');return a.closest("tr").textContent})()`)
	if !strings.Contains(row, "Worst quintile") {
		t.Errorf("93105 row = %q, want the worst quintile", row)
	}
	p.axe("ward with comparators")
	p.shot("ward-comparators")

	// The report's ward chapter says the same.
	p.navigate("#/report/E05900001")
	p.waitVisible(".app-report__meta")
	if got := p.text(".app-report"); !strings.Contains(got, "Compared with Example Borough") || !strings.Contains(got, "Range: all wards in England") {
		t.Errorf("report lacks the borough's column or the range: %q", got)
	}
	p.checkClean()
}

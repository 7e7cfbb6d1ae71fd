//go:build browser

package main

import (
	"strings"
	"testing"
)

// TestBrowserBenchmarkValuesOnly opens a values-only ward file with no
// England rows (jsna/importer's values-only.csv, Fingertips' layout) and
// checks that the overview, the ward page's labels and the spine chart's
// key and axis say what the benchmark is (the borough built from its
// wards) and nowhere call it England, and that a value without an
// interval is placed by quintile.
func TestBrowserBenchmarkValuesOnly(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("#/")
	p.upload("#open-file", "../../jsna/importer/testdata/import/values-only.csv")
	p.waitFor("the overview", `location.hash === "#/area" && !!document.getElementById("ward-ranking")`)
	const bench = "Example Borough (its wards: sum or median by indicator)"
	if got := p.text("main .govuk-body-l"); !strings.Contains(got, "compared with "+bench) {
		t.Errorf("overview lede = %q, want it compared with %q", got, bench)
	}
	p.navigate("#/ward/E05900001")
	p.waitVisible("svg.app-spine")
	// Every text, label and chart title and description of the ward page.
	all := eval[string](p, `(function(){var m=document.querySelector("main");var s=[m.textContent];`+
		`m.querySelectorAll("[aria-label],title,desc").forEach(function(e){s.push(e.getAttribute("aria-label")||e.textContent)});return s.join(" | ")})()`)
	if strings.Contains(all, "England") || strings.Contains(all, "Lloegr") {
		t.Errorf("the ward page names England: %q", all)
	}
	if got := p.text(".app-spine-keys"); !strings.Contains(got, "Benchmark: "+bench) {
		t.Errorf("spine key = %q, want %q", got, "Benchmark: "+bench)
	}
	// 2 placed by quintile, 1 similar (93097, with counts), none "not compared".
	if got := p.text("#count-quintile"); got != "2Placed by quintile (no interval)" {
		t.Errorf("count by quintile = %q", got)
	}
	if got := p.text("#count-none"); !strings.HasPrefix(got, "0") {
		t.Errorf("count not compared = %q, want 0", got)
	}
	if got := p.text("#spine-key-quintile"); got != "No interval: its quintile among the wards (not a significant difference)" {
		t.Errorf("spine key for quintiles = %q", got)
	}
	if got := eval[string](p, `document.querySelector(".app-spine__axis[text-anchor=middle]").textContent`); got != "Example Borough (its wards)" {
		t.Errorf("spine axis = %q, want %q", got, "Example Borough (its wards)")
	}
	if got := eval[string](p, `document.querySelector(".app-counts").getAttribute("aria-label")`); got != "How the ward’s indicators compare with "+bench {
		t.Errorf("counts label = %q", got)
	}
	// Riverside's emergency admissions (112.1, no interval): the 2nd worst
	// quintile of the six wards, not "similar".
	row := eval[string](p, `(function(){var a=document.querySelector('#indicator-table a[href="#/indicator/93227"]');return a.closest("tr").textContent})()`)
	if !strings.Contains(row, "2nd worst quintile") || strings.Contains(row, "Similar") {
		t.Errorf("93227 row = %q, want the 2nd worst quintile", row)
	}
	if got := p.text(".app-spine"); !strings.Contains(got, "2nd worst quintile") {
		t.Errorf("spine chart = %q, want the quintile", got)
	}
	p.axe("ward values-only")
	p.shot("ward-values-only")

	// The report says it too.
	p.navigate("#/report/E05900001")
	p.waitVisible(".app-report__meta")
	if got := p.text(".app-report__meta"); !strings.Contains(got, "compared with "+bench) {
		t.Errorf("report = %q, want it compared with %q", got, bench)
	}
	if got := p.text(".app-report .app-spine-keys"); !strings.Contains(got, "Benchmark: "+bench) {
		t.Errorf("report's spine key = %q", got)
	}
	p.checkClean()
}

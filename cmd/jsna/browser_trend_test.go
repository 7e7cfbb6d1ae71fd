//go:build browser

package main

import (
	"strconv"
	"strings"
	"testing"
)

// worseningWard is a ward of the example whose unemployment (93097) is
// worse than England and getting worse over its five annual periods
// (jsna/example/series_test.go lists them).
const worseningWard = "E05900003"

// TestBrowserTrend checks the ward page's trends: a chart per indicator
// with more than one period, an image with its title and description,
// a point per period and a table of the figures; the recent trend marker
// for the annual series, the reason there is none for the pooled and the
// short ones; and the flag of worse and getting worse on the ward page,
// in the priorities and in the report.
func TestBrowserTrend(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	p.navigate("#/ward/" + worseningWard)
	p.waitVisible("#trends")

	if got := eval[int](p, `document.querySelectorAll("#trends .app-trend").length`); got != 4 {
		t.Errorf("trend charts = %d, want 4 (93097, 93701, 93227, 93250)", got)
	}
	if got := eval[string](p, `document.querySelector("#trend-93097 svg").getAttribute("role")`); got != "img" {
		t.Errorf("chart role = %q, want img", got)
	}
	title := eval[string](p, `document.getElementById("trend-93097-chart-title").textContent`)
	if !strings.HasPrefix(title, "Line chart of Unemployment") || !strings.HasSuffix(title, " over time") {
		t.Errorf("chart title = %q", title)
	}
	desc := eval[string](p, `document.getElementById("trend-93097-chart-desc").textContent`)
	if want := "Values for 5 periods, from 2017/18 to 2021/22, with their 95% confidence intervals; the table below gives every figure. Recent trend over the last 5 periods: increasing and getting worse."; desc != want {
		t.Errorf("chart description = %q, want %q", desc, want)
	}
	if got := eval[int](p, `document.querySelectorAll("#trend-93097 .app-trend-chart__point").length`); got != 5 {
		t.Errorf("points = %d, want 5", got)
	}
	if got, want := p.text("#trend-93097-marker"), "Worse and getting worse Recent trend over the last 5 periods: increasing and getting worse."; got != want {
		t.Errorf("93097 marker = %q, want %q", got, want)
	}
	if got, want := p.text("#trend-93227-marker"), "No recent trend marker: each period pools several years and they overlap; Fingertips calculates a recent trend only over 5 annual periods that do not overlap."; got != want {
		t.Errorf("93227 (pooled) = %q, want %q", got, want)
	}
	if got, want := p.text("#trend-93701-marker"), "No recent trend marker: there are fewer than 5 periods."; got != want {
		t.Errorf("93701 (three periods) = %q, want %q", got, want)
	}

	// The table alternative: a row per period, earliest first, the current one marked.
	periods := eval[string](p, `Array.from(document.querySelectorAll("#trend-93097-table tbody th")).map(e => e.textContent).join("|")`)
	if want := "2017/18|2018/19|2019/20|2020/21|2021/22 (current)"; periods != want {
		t.Errorf("table periods = %q, want %q", periods, want)
	}
	d := readExample(t)
	var count string
	for _, w := range d.Wards {
		for _, v := range w.Values {
			if w.Code == worseningWard && v.Indicator == "93097" && v.Period == "2017/18" {
				count = strconv.FormatFloat(*v.Count, 'f', -1, 64) // under 1,000: no separator
			}
		}
	}
	if got := eval[string](p, `document.querySelector("#trend-93097-table tbody tr td:nth-child(4)").textContent`); got != count {
		t.Errorf("2017/18 count in the table = %q, want %q (the example's)", got, count)
	}

	// Worse and getting worse, on the ward page.
	flag := p.text("#trend-worsening")
	if !strings.HasPrefix(flag, "!") || !strings.Contains(flag, "Worse than England and getting worse:") || !strings.Contains(flag, "Unemployment") {
		t.Errorf("ward page flag = %q", flag)
	}
	p.click("#trend-93097 details summary")
	p.axe("ward-trends")
	p.shot("ward-trends")

	// In the priorities: the four wards of the example.
	p.navigate("#/priorities")
	p.waitVisible("#priorities-worsening")
	if got := eval[int](p, `document.querySelectorAll("#priorities-worsening li a").length`); got != 4 {
		t.Errorf("priorities flag lists %d, want 4 wards' unemployment", got)
	}
	href := eval[string](p, `document.querySelector("#priorities-worsening li a").getAttribute("href")`)
	if href != "#/ward/"+worseningWard+"#trend-93097" {
		t.Errorf("first flag links to %q", href)
	}
	p.axe("priorities-worsening")

	// In the report, in the ward's chapter.
	p.navigate("#/report/" + worseningWard)
	p.waitVisible("#report-worsening-" + strings.ToLower(worseningWard))
	if got := p.text("#report-worsening-" + strings.ToLower(worseningWard)); !strings.Contains(got, "Unemployment") {
		t.Errorf("report flag = %q", got)
	}
	p.axe("report-worsening")
	p.shot("report-worsening")
	p.checkClean()
}

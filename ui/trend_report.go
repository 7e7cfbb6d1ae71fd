//go:build js && wasm

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// reportTrends appends to sec the trends part of ward w's chapter of the
// report, from the disclosed document d, under a heading of level hs: for
// each indicator with more than one period its chart, the recent trend
// marker (or why there is none) with the published trend beside it, and
// the table of every figure, shown rather than folded so that it prints;
// then Fingertips' published trends of the indicators with one period.
// Nothing rests on colour alone: the series is a solid line with round
// points, the intervals are whiskers, the benchmark a labelled dashed
// line, and the table says every figure. A ward with no series and no
// published trend has no trends part.
func (a *App) reportTrends(sec dom.Element, hs string, d *jsna.Document, w *jsna.Ward) {
	series := a.seriesOf(d, w)
	sub := subHeading(hs)
	prefix := "report-trends-" + slug(w.Code)
	pub := a.publishedOnlyList(d, w, sub, prefix+"-published") // trend_published.go
	if len(series) == 0 && pub == nil {
		return
	}
	box := el("section", cls("app-report__trends"), attr("id", prefix), attr("aria-labelledby", prefix+"-heading"))
	box.AppendChild(el(hs, cls("govuk-heading-m"), attr("id", prefix+"-heading"), text(a.t("report.trends.heading"))))
	if len(series) > 0 {
		box.AppendChild(el("p", cls("govuk-body"), text(a.t("trend.intro"))))
	}
	for _, ts := range series {
		box.AppendChild(a.trendFigureAt(prefix+"-"+slug(ts.ind.ID), sub, w, ts, true))
	}
	appendNode(box, pub)
	sec.AppendChild(box)
}

// subHeading is the heading element one level below hs ("h2" → "h3"),
// at most h6.
func subHeading(hs string) string {
	if len(hs) == 2 && hs[0] == 'h' && hs[1] >= '1' && hs[1] < '6' {
		return "h" + string(hs[1]+1)
	}
	return "h6"
}

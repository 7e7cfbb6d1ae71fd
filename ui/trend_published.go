//go:build js && wasm

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
	"github.com/wardwise/wardwise/jsna/stats"
	"honnef.co/go/js/dom/v2"
)

// Published trends beside the calculated ones: a value imported from
// Fingertips keeps the Recent Trend it was published with
// (jsna.Value.PublishedTrend), and score.CheckPublished sets it beside the
// marker calculated from the file. The trend chart says both, and where
// they disagree; an indicator with one period, whose trend cannot be
// calculated, gets Fingertips' with its source.

// currentOf is the series' value of the indicator's own period (the one
// compared with the benchmark), or its latest.
func currentOf(ts trendSeries) *jsna.Value {
	for _, v := range ts.values {
		if jsna.ValuePeriod(v, ts.ind) == ts.ind.Period {
			return v
		}
	}
	if len(ts.values) == 0 {
		return nil
	}
	return ts.values[len(ts.values)-1]
}

// publishedText is what the series' current value's published trend says
// beside the calculated one, in the app's language; "" when it has none.
func (a *App) publishedText(ts trendSeries) string {
	v := currentOf(ts)
	if v == nil {
		return ""
	}
	c, ok := score.CheckPublished(v, ts.trend)
	if !ok {
		return ""
	}
	return a.publishedSentence(c)
}

// publishedSentence says c in the app's language: the published trend,
// and whether it agrees with the calculated one.
func (a *App) publishedSentence(c score.PublishedCheck) string {
	if c.Verdict == score.PublishedUnread {
		return a.t("trend.published.unread", c.Text)
	}
	return a.t("trend.published."+c.Verdict, a.publishedWords(c))
}

// publishedWords is the published trend c read, in the app's words:
// "increasing and getting worse", "no significant change".
func (a *App) publishedWords(c score.PublishedCheck) string {
	dir := "nochange"
	switch c.Marker {
	case stats.TrendIncreasing:
		dir = "up"
	case stats.TrendDecreasing:
		dir = "down"
	case stats.TrendCannot:
		return a.t("trend.dir.cannot")
	}
	switch {
	case dir == "nochange":
	case c.Worse:
		dir += ".worse"
	case c.Better:
		dir += ".better"
	}
	return a.t("trend.dir." + dir)
}

// publishedOnlyList is the list, under a heading hTag with id, of ward w's
// indicators of d with one period and a published trend: too few periods
// to calculate one, so Fingertips' is given, with its source. It is nil
// when there is none.
func (a *App) publishedOnlyList(d *jsna.Document, w *jsna.Ward, hTag, id string) dom.Node {
	list := el("ul", cls("govuk-list govuk-list--bullet"))
	n := 0
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		series := jsna.Series(w, ind)
		if len(series) != 1 {
			continue
		}
		c, ok := score.CheckPublished(series[0], nil)
		if !ok {
			continue
		}
		list.AppendChild(el("li", text(a.t("trend.published.item", a.indicatorName(d, ind), a.publishedSentence(c)))))
		n++
	}
	if n == 0 {
		return nil
	}
	sec := el("section", cls("app-trends-published"), attr("id", id), attr("aria-labelledby", id+"-heading"))
	sec.AppendChild(el(hTag, cls("govuk-heading-s"), attr("id", id+"-heading"), text(a.t("trend.published.heading"))))
	sec.AppendChild(el("p", cls("govuk-body"), text(a.t("trend.published.intro"))))
	sec.AppendChild(list)
	return sec
}

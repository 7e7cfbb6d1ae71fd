//go:build js && wasm

package ui

import (
	"math"
	"sort"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
	"github.com/wardwise/wardwise/jsna/stats"
	"honnef.co/go/js/dom/v2"
)

// Trends: a ward's indicators with more than one period each get a line
// chart of their series (an SVG image with a title and a description, and
// a table of every figure), with the recent trend marker where Fingertips'
// criteria allow one and, where they do not, why (score.RecentTrend). The
// indicators worse than the benchmark and getting worse are flagged here,
// in the priorities and in the report.

// trendSeries is one indicator's series in one ward, as the chart and its
// table show it.
type trendSeries struct {
	ind    *jsna.Indicator
	name   string // in the interface's language where the document has it
	values []*jsna.Value
	trend  *score.TrendMarker // the series' recent trend (score.WardScore.Trend)
	// worsening: the current value is worse than the benchmark and getting
	// worse (score.WardScore.WorseAndWorsening).
	worsening bool
	// periods are the values scored against their own period's
	// benchmarks (score.SeriesScores), one per value; bench is the
	// benchmark's value by period (score.IndicatorScore.Series).
	periods []score.PeriodScore
	bench   []score.PeriodBenchmark
}

// seriesOf is ward w's series of d's indicators that have more than one
// period, in document order.
func (a *App) seriesOf(d *jsna.Document, w *jsna.Ward) []trendSeries {
	s, err := a.scoresOf(d)
	if err != nil {
		return nil
	}
	ws := s.Ward(w.Code)
	if ws == nil {
		return nil
	}
	var out []trendSeries
	for i := range d.Indicators {
		if i >= len(ws.Values) || ws.Trend(i) == nil {
			continue
		}
		ind := &d.Indicators[i]
		out = append(out, trendSeries{ind: ind, name: a.indicatorName(d, ind), values: jsna.Series(w, ind),
			trend: ws.Trend(i), worsening: ws.WorseAndWorsening(i), periods: s.SeriesScores(d, w, ind), bench: s.Indicators[i].Series})
	}
	return out
}

// indicatorName is ind's name, in Welsh where the document is bilingual,
// has one and the interface is in Welsh (as localIndicatorNames does),
// else its English name, marked as English in the Welsh interface.
func (a *App) indicatorName(d *jsna.Document, ind *jsna.Indicator) string {
	if d.Bilingual() && a.lang == Welsh && ind.NameCy != "" {
		return ind.NameCy
	}
	return a.english(ind.Name)
}

// renderTrends is the ward page's trends: the flag of the indicators worse
// than the benchmark and getting worse, then a chart and table for each
// series. A ward whose indicators have one period each shows nothing.
func (a *App) renderTrends(w *jsna.Ward) dom.Node {
	series := a.seriesOf(a.doc, w)
	if len(series) == 0 {
		if n := a.publishedOnlyList(a.doc, w, "h3", "trends-published"); n != nil { // trend_published.go
			return n
		}
		return el("div")
	}
	v := el("section", cls("app-trends"), attr("id", "trends"), attr("aria-labelledby", "trends-heading"))
	v.AppendChild(el("h3", cls("govuk-heading-m"), attr("id", "trends-heading"), text(a.t("trend.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("trend.intro"))))
	if f := a.worseningFlag(a.doc, series, "trend-worsening"); f != nil {
		v.AppendChild(f)
	}
	for _, ts := range series {
		v.AppendChild(a.trendFigure(w, ts))
	}
	appendNode(v, a.publishedOnlyList(a.doc, w, "h4", "trends-published"))
	return v
}

// worseningFlag is the warning naming the series worse than d's benchmark
// and getting worse, or nil when there is none.
func (a *App) worseningFlag(d *jsna.Document, series []trendSeries, id string) dom.Element {
	var names []string
	for _, ts := range series {
		if ts.worsening {
			names = append(names, ts.name)
		}
	}
	if len(names) == 0 {
		return nil
	}
	box := el("div", cls("app-worsening"), attr("id", id))
	box.AppendChild(a.warningText(a.t("trend.worsening", a.benchmarkName(d))))
	list := el("ul", cls("govuk-list govuk-list--bullet"))
	for _, n := range names {
		list.AppendChild(el("li", text(n)))
	}
	box.AppendChild(list)
	return box
}

// trendFigure is one series on the ward page: its heading (a link to the
// indicator's page), the marker or the reason there is none, the chart and
// its table, in a details box.
func (a *App) trendFigure(w *jsna.Ward, ts trendSeries) dom.Element {
	return a.trendFigureAt("trend-"+slug(ts.ind.ID), "h4", w, ts, false)
}

// trendFigureAt is one series under a heading hTag, its element ids
// starting id: the marker or the reason there is none, with the published
// trend beside it, the chart and its table; in the report (report) the
// heading is not a link and the table not in a details box, so that it
// prints as it shows.
func (a *App) trendFigureAt(id, hTag string, w *jsna.Ward, ts trendSeries, report bool) dom.Element {
	fig := el("div", cls("app-trend"), attr("id", id))
	if report { // a printed heading, not a link
		fig.AppendChild(el(hTag, cls("govuk-heading-s"), text(ts.name)))
	} else {
		fig.AppendChild(el(hTag, cls("govuk-heading-s"),
			child(link(route{view: "indicator", ward: ts.ind.ID}.href(), ts.name))))
	}
	marker := a.trendMarkerText(ts)
	if pub := a.publishedText(ts); pub != "" { // trend_published.go
		marker += " " + pub
	}
	p := el("p", cls("govuk-body"), attr("id", id+"-marker"))
	if ts.worsening {
		p.AppendChild(tag(a.t("trend.worsening.tag"), "red"))
		p.AppendChild(doc.CreateTextNode(" "))
	}
	p.AppendChild(doc.CreateTextNode(marker))
	fig.AppendChild(p)
	title := a.t("trend.chart.title", ts.name, a.wardName(w))
	desc := a.tn("trend.chart.desc", len(ts.values), a.periodOf(ts, 0), a.periodOf(ts, len(ts.values)-1)) + " " + marker
	fig.AppendChild(el("figure", cls("app-figure"), child(a.trendChart(id+"-chart", title, desc, ts))))
	table := el("div", cls("app-table-wrap"), child(a.trendTable(id+"-table", ts, w)))
	if report {
		fig.AppendChild(table)
		return fig
	}
	fig.AppendChild(detailsBox(a.t("trend.table.summary", ts.name), child(table)))
	return fig
}

// periodOf is the period of the series' i-th value.
func (a *App) periodOf(ts trendSeries, i int) string {
	return jsna.ValuePeriod(ts.values[i], ts.ind)
}

// trendMarkerText says the series' recent trend, with the polarity's
// judgement, or why it has none.
func (a *App) trendMarkerText(ts trendSeries) string {
	t := ts.trend
	if t.Marker == "" {
		return a.t("trend.nomarker", a.tn("trend.nomarker."+t.NoMarker, score.TrendPoints))
	}
	dir := "nochange"
	switch t.Marker {
	case stats.TrendIncreasing:
		dir = "up"
	case stats.TrendDecreasing:
		dir = "down"
	}
	if dir != "nochange" {
		switch {
		case t.Worsening:
			dir += ".worse"
		case ts.ind.Polarity == jsna.LowerIsBetter || ts.ind.Polarity == jsna.HigherIsBetter:
			dir += ".better"
		}
	}
	return a.tn("trend.marker", score.TrendPoints, a.t("trend.dir."+dir))
}

// The layout of a trend chart, in the units of its viewBox.
const (
	trendH      = 280.0
	trendLeft   = 110.0 // the value axis's labels are to the left
	trendRight  = 80.0  // room for half the last period's label
	trendTop    = 20.0
	trendBottom = 60.0 // the periods, on up to two lines
)

// trendChart draws a series: a point per period with its 95% interval as
// a whisker, joined by a line, over a value axis of round ticks, and the
// benchmark's value (of the current period) as a dashed line.
func (a *App) trendChart(id, title, desc string, ts trendSeries) dom.Element {
	f := svgNum
	lo, hi, tick := trendRange(ts)
	var m markup
	chartSVG(&m, "app-trend-chart", id, title, desc, trendH)
	plotH := trendH - trendTop - trendBottom
	y := func(v float64) float64 { return trendTop + (hi-v)/(hi-lo)*plotH }
	n := len(ts.values)
	step := (chartWidth - trendLeft - trendRight) / float64(max(n, 2)-1)
	x := func(i int) float64 {
		if n == 1 {
			return trendLeft + (chartWidth-trendLeft-trendRight)/2
		}
		return trendLeft + float64(i)*step
	}
	for k := 0; lo+float64(k)*tick <= hi+tick/1e6; k++ {
		v := lo + float64(k)*tick
		m.leaf("line", "class", "app-trend-chart__grid", "x1", f(trendLeft), "x2", f(chartWidth-trendRight), "y1", f(y(v)), "y2", f(y(v)))
		m.elem("text", fmtNum(v), "class", "app-trend-chart__axis", "x", f(trendLeft-10), "y", f(y(v)+5), "text-anchor", "end")
	}
	if bl := benchLine(ts, x, y); bl != "" {
		// The benchmark of each period (score.IndicatorScore.Series).
		m.leaf("polyline", "class", "app-trend-chart__benchmark", "points", bl)
		last := ts.bench[len(ts.bench)-1]
		m.elem("text", a.t("trend.chart.benchmark", a.placeName(a.doc.Benchmark.Code, a.doc.Benchmark.Name), last.Period, fmtNum(last.Value)),
			"class", "app-trend-chart__axis", "x", f(chartWidth-trendRight), "y", f(y(last.Value)-10), "text-anchor", "end")
	} else if b := ts.ind.BenchmarkValue; b != nil && *b >= lo && *b <= hi {
		m.leaf("line", "class", "app-trend-chart__benchmark", "x1", f(trendLeft), "x2", f(chartWidth-trendRight), "y1", f(y(*b)), "y2", f(y(*b)))
		m.elem("text", a.t("trend.chart.benchmark", a.placeName(a.doc.Benchmark.Code, a.doc.Benchmark.Name), ts.ind.Period, fmtNum(*b)),
			"class", "app-trend-chart__axis", "x", f(chartWidth-trendRight), "y", f(y(*b)-6), "text-anchor", "end")
	}
	line := ""
	for i, v := range ts.values {
		px := x(i)
		lines := wrap(jsna.ValuePeriod(v, ts.ind), 16, 2)
		m.start("text", "class", "app-trend-chart__axis", "text-anchor", "middle")
		svgLines(&m, f(px), trendH-trendBottom+22, 16, lines)
		m.end()
		if v.Value == nil {
			continue
		}
		if v.Lower != nil && v.Upper != nil {
			m.leaf("line", "class", "app-trend-chart__ci", "x1", f(px), "x2", f(px), "y1", f(y(*v.Lower)), "y2", f(y(*v.Upper)))
		}
		if line != "" {
			line += " "
		}
		line += f(px) + "," + f(y(*v.Value))
	}
	m.leaf("polyline", "class", "app-trend-chart__line", "points", line)
	for i, v := range ts.values {
		if v.Value != nil {
			m.leaf("circle", "class", "app-trend-chart__point", "cx", f(x(i)), "cy", f(y(*v.Value)), "r", "6")
		}
	}
	return m.end().node()
}

// trendRange is the value axis of a series and its tick: from the lowest
// to the highest of its values, limits and the benchmark (a flat series
// a tenth of its value, at least 0.5, each way), widened to whole ticks of
// 1, 2 or 5 times a power of ten, about four of them.
func trendRange(ts trendSeries) (lo, hi, tick float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	see := func(p *float64) {
		if p != nil && !math.IsNaN(*p) && !math.IsInf(*p, 0) {
			lo, hi = math.Min(lo, *p), math.Max(hi, *p)
		}
	}
	for _, v := range ts.values {
		see(v.Value)
		see(v.Lower)
		see(v.Upper)
	}
	see(ts.ind.BenchmarkValue)
	for _, b := range ts.bench {
		see(&b.Value)
	}
	if math.IsInf(lo, 1) {
		return 0, 1, 0.25
	}
	if hi == lo { // a flat series: centred
		pad := math.Max(math.Abs(lo)/10, 0.5)
		lo, hi = lo-pad, hi+pad
	}
	tick = niceTick((hi - lo) / 4)
	lo = math.Floor(lo/tick) * tick
	hi = math.Ceil(hi/tick) * tick
	if hi == lo {
		hi = lo + tick
	}
	return lo, hi, tick
}

// benchLine is the points of the benchmark's line over the series' periods
// (x and y place a value's index and a figure), "" where fewer than two of
// them have a benchmark value of their own.
func benchLine(ts trendSeries, x func(int) float64, y func(float64) float64) string {
	line, n := "", 0
	for i, v := range ts.values {
		period := jsna.ValuePeriod(v, ts.ind)
		for _, b := range ts.bench {
			if b.Period == period {
				if line != "" {
					line += " "
				}
				line += svgNum(x(i)) + "," + svgNum(y(b.Value))
				n++
			}
		}
	}
	if n < 2 {
		return ""
	}
	return line
}

// niceTick is the smallest of 1, 2 and 5 times a power of ten that is at
// least x.
func niceTick(x float64) float64 {
	e := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*e >= x*(1-1e-9) {
			return m * e
		}
	}
	return 10 * e
}

// trendTable is the table alternative of a trend chart: every period's
// value, interval, count and denominator, the current period marked.
func (a *App) trendTable(id string, ts trendSeries, w *jsna.Ward) dom.Element {
	t := el("table", cls("govuk-table"), attr("id", id))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("trend.table.caption", ts.name, a.wardName(w)))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("indicators.col.period"), false)),
		child(th(a.t("indicators.col.value"), true)),
		child(th(a.t("indicators.col.ci"), true)),
		child(th(a.t("indicators.col.count"), true)),
		child(th(a.t("trend.col.denominator"), true)),
		child(th(a.benchmarkAxisName(a.doc), true)),
		child(th(a.t("indicators.col.compared.with", a.benchmarkAxisName(a.doc)), false))))))
	body := el("tbody", cls("govuk-table__body"))
	for i, v := range ts.values {
		period := jsna.ValuePeriod(v, ts.ind)
		head := el("th", cls("govuk-table__header"), attr("scope", "row"), text(period))
		if i == len(ts.values)-1 {
			head.AppendChild(el("span", cls("govuk-body-s"), text(" "+a.t("trend.current"))))
		}
		ci := ""
		if v.Lower != nil && v.Upper != nil {
			ci = a.t("cmp.format.ci", fmtNum(*v.Lower), fmtNum(*v.Upper))
		}
		value := td(fmtPtr(v.Value, fmtNum), true)
		if v.Note != "" {
			value.AppendChild(el("span", cls("govuk-body-s app-suppressed"), text(" "+a.noteText(v.Note))))
		}
		ciCell := td(ci, true)
		ciCell.Class().Add("app-nowrap")
		// Each period against its own period's benchmark.
		bench, compared := td("", true), td("", false)
		if i < len(ts.periods) {
			ps := ts.periods[i]
			bench = td(fmtPtr(ps.Benchmark, fmtNum), true)
			c := cmpClass(ps.Score.Comparison())
			compared = el("td", cls("govuk-table__cell"), child(a.cmpBadgeText(c, a.cmpLabel(c))))
		}
		body.AppendChild(el("tr", cls("govuk-table__row"), child(head), child(value),
			child(ciCell), child(td(fmtPtr(v.Count, fmtCount), true)), child(td(fmtPtr(v.Denominator, fmtCount), true)),
			child(bench), child(compared)))
	}
	t.AppendChild(body)
	return t
}

// worseningRows lists, ward by ward in document order, the indicators of d
// worse than its benchmark and getting worse: for the priorities and the
// report.
func (a *App) worseningRows(d *jsna.Document) []worseningRow {
	var out []worseningRow
	for i := range d.Wards {
		w := &d.Wards[i]
		for _, ts := range a.seriesOf(d, w) {
			if ts.worsening {
				out = append(out, worseningRow{ward: w, ind: ts.ind, name: ts.name})
			}
		}
	}
	return out
}

// worseningRow is one indicator of one ward worse than the benchmark and
// getting worse.
type worseningRow struct {
	ward *jsna.Ward
	ind  *jsna.Indicator
	name string
}

// priorityWorsening is the priorities page's list of the indicators worse
// than the benchmark and getting worse, each linking to its ward's trends;
// nil when there is none.
func (a *App) priorityWorsening() dom.Node {
	rows := a.worseningRows(a.doc)
	if len(rows) == 0 {
		return nil
	}
	box := el("div", cls("app-worsening"), attr("id", "priorities-worsening"))
	box.AppendChild(el("h2", cls("govuk-heading-m"), text(a.t("trend.worsening.heading"))))
	box.AppendChild(el("p", cls("govuk-body"), text(a.t("trend.worsening", a.benchmarkName(a.doc)))))
	list := el("ul", cls("govuk-list govuk-list--bullet"))
	for _, r := range rows {
		list.AppendChild(el("li",
			child(link(route{view: "ward", ward: r.ward.Code}.href()+"#trend-"+slug(r.ind.ID), a.t("trend.worsening.item", r.name, a.wardName(r.ward))))))
	}
	box.AppendChild(list)
	return box
}

// reportWorsening is the report's flag, in ward w's chapter of d, of the
// indicators worse than the benchmark and getting worse; nil when none.
func (a *App) reportWorsening(d *jsna.Document, w *jsna.Ward) dom.Node {
	if f := a.worseningFlag(d, a.seriesOf(d, w), "report-worsening-"+slug(w.Code)); f != nil {
		return f
	}
	return nil
}

// appendNode appends n to parent, nothing when n is nil.
func appendNode(parent dom.Element, n dom.Node) {
	if n != nil {
		parent.AppendChild(n)
	}
}

// trendPeriods is the periods of ind in d, for the indicator page: the
// distinct periods of its values in every ward, earliest first.
func trendPeriods(d *jsna.Document, ind *jsna.Indicator) []string {
	seen := map[string]bool{}
	var out []string
	for i := range d.Wards {
		for _, v := range jsna.Series(&d.Wards[i], ind) {
			if p := jsna.ValuePeriod(v, ind); !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sortPeriods(out)
	return out
}

// sortPeriods sorts periods earliest first (jsna.ComparePeriods).
func sortPeriods(ps []string) {
	sort.SliceStable(ps, func(i, j int) bool { return jsna.ComparePeriods(ps[i], ps[j]) < 0 })
}

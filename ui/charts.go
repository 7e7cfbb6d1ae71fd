//go:build js && wasm

package ui

import (
	"math"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
	"honnef.co/go/js/dom/v2"
)

// Comparison classes: the look of each result of comparing a ward with the
// benchmark. Every one has a colour, a shape and a word, so that the charts
// do not rely on colour alone.
//
// Best and worst are Fingertips' two-level comparison at 95%: better (or
// worse) where the 99.8% interval also excludes the benchmark. They are
// drawn in a darker shade with a bar across the marker, and named
// "Better (99.8%)" and "Worse (99.8%)"; better and worse are then "Better
// (95%)" and "Worse (95%)".
const (
	cmpBest    = "best"
	cmpBetter  = "better"
	cmpSimilar = "similar"
	cmpWorse   = "worse"
	cmpWorst   = "worst"
	cmpHigher  = "higher"
	cmpLower   = "lower"
	cmpNone    = "none"
)

// cmpClass is the class of a comparison jsna made. Unlike
// stats.Comparison.Class, it keeps best and worst apart from better and
// worse.
func cmpClass(c stats.Comparison) string {
	switch c {
	case stats.Best:
		return cmpBest
	case stats.Worst:
		return cmpWorst
	}
	return c.Class()
}

// twoLevel reports whether the comparisons are two-level (Best and Worst
// besides Better and Worse): score.Score makes them at 95% only.
func (a *App) twoLevel() bool { return a.scoreOpt.level != "99.8" }

// cmpLabel is the word for a comparison class.
func (a *App) cmpLabel(c string) string {
	if (c == cmpBetter || c == cmpWorse) && a.twoLevel() {
		return a.t("cmp." + c + ".95")
	}
	return a.t("cmp." + c)
}

// cmpClasses are the classes a key shows: all of them, or at the 99.8%
// level (single-level) all but best and worst.
func (a *App) cmpClasses(classes ...string) []string {
	if a.twoLevel() {
		return classes
	}
	var out []string
	for _, c := range classes {
		if c != cmpBest && c != cmpWorst {
			out = append(out, c)
		}
	}
	return out
}

// shapeOf is the marker of a comparison class centred on (x, y), r wide,
// as an SVG element name and its attributes (name, value pairs).
func shapeOf(c string, x, y, r float64) (string, []string) {
	f := svgNum
	switch c {
	case cmpBetter: // triangle pointing up
		return "path", []string{"d", "M" + f(x) + " " + f(y-r) + " L" + f(x+r) + " " + f(y+r*0.8) + " L" + f(x-r) + " " + f(y+r*0.8) + " Z"}
	case cmpWorse: // triangle pointing down
		return "path", []string{"d", "M" + f(x) + " " + f(y+r) + " L" + f(x+r) + " " + f(y-r*0.8) + " L" + f(x-r) + " " + f(y-r*0.8) + " Z"}
	case cmpBest: // triangle pointing up under a bar
		return "path", []string{"d", "M" + f(x-r) + " " + f(y-r) + " H" + f(x+r) + " V" + f(y-r*0.62) + " H" + f(x-r) + " Z" +
			" M" + f(x) + " " + f(y-r*0.36) + " L" + f(x+r) + " " + f(y+r) + " L" + f(x-r) + " " + f(y+r) + " Z"}
	case cmpWorst: // triangle pointing down over a bar
		return "path", []string{"d", "M" + f(x-r) + " " + f(y+r) + " H" + f(x+r) + " V" + f(y+r*0.62) + " H" + f(x-r) + " Z" +
			" M" + f(x) + " " + f(y+r*0.36) + " L" + f(x+r) + " " + f(y-r) + " L" + f(x-r) + " " + f(y-r) + " Z"}
	case cmpHigher, cmpLower: // diamond
		return "path", []string{"d", "M" + f(x) + " " + f(y-r) + " L" + f(x+r) + " " + f(y) + " L" + f(x) + " " + f(y+r) + " L" + f(x-r) + " " + f(y) + " Z"}
	default: // circle: similar (filled) or not compared (hollow)
		return "circle", []string{"cx", f(x), "cy", f(y), "r", f(r * 0.85)}
	}
}

// cmpBadgeMarkup writes the marker of comparison class c with the words s.
// The marker is the span's ::before (static/app.css): a shape cut by
// clip-path, or a ringed circle drawn by a gradient, in the class's colour;
// no element, SVG or image an icon, so a table of every ward with its
// counts is a few elements a cell.
func cmpBadgeMarkup(m *markup, c, s string) {
	m.start("span", "class", "app-cmp app-cmp--"+c)
	m.text(s).end()
}

// cmpBadge is the inline marker and word for a comparison, for tables.
func (a *App) cmpBadge(c string) dom.Element {
	return a.cmpBadgeText(c, a.cmpLabel(c))
}

// cmpBadgeText is the marker of comparison class c with the words s.
func (a *App) cmpBadgeText(c, s string) dom.Element {
	var m markup
	cmpBadgeMarkup(&m, c, s)
	return m.node()
}

// cmpKey is the key to the markers.
func (a *App) cmpKey(classes []string) dom.Element {
	ul := el("ul", cls("app-spine-key"), attr("aria-label", a.t("spine.key")))
	for _, c := range classes {
		ul.AppendChild(el("li", child(a.cmpBadge(c))))
	}
	return ul
}

// spineRow is one indicator of a spine chart, placed on the chart's scale:
// 0 is the worst end (the left), 1 the best end (the right) and 0.5 the
// benchmark. Positions outside 0..1 are drawn at the edge.
type spineRow struct {
	name       string
	domain     string
	cmp        string
	value      float64 // position of the ward's value
	hasValue   bool
	worst      float64 // position of the worst ward
	q25, q75   float64 // positions of the 25th and 75th percentiles
	best       float64 // position of the best ward
	hasRange   bool
	valueLabel string      // the ward's value as text, shown at the end of the row
	quintile   string      // the value's quintile by polarity where it was compared by quintile (score.ValueScore.ByQuintile)
	others     []spineMark // the further benchmarks' values (Document.OtherBenchmarks)
}

// spineMark is a further benchmark's position on a spine row, where it has
// a value (ok).
type spineMark struct {
	at float64
	ok bool
}

// cmpWord is the row's comparison in words: its quintile where it was
// compared by quintile, else the comparison class's word.
func (r spineRow) cmpWord(a *App) string {
	if r.quintile != "" {
		return a.t("quintile." + r.quintile)
	}
	return a.cmpLabel(r.cmp)
}

// spineChart draws rows as a spine chart: one SVG per domain, so that a
// printed chart breaks between domains rather than across a row. Each is
// an image with a text alternative: its title names the ward and the
// domain, the first one's description says what the chart shows, and the
// table next to it holds every number. Long indicator names wrap onto as
// many as four lines, the row growing to fit them. id prefixes the ids of
// the titles and descriptions. The chart is markup, parsed in one go.
func (a *App) spineChart(id, title, desc string, rows []spineRow) dom.Element {
	var m markup
	m.start("div", "class", "app-spine-chart")
	for start, n := 0, 0; start < len(rows); n++ {
		end := start + 1
		for end < len(rows) && rows[end].domain == rows[start].domain {
			end++
		}
		domain := rows[start].domain
		if domain == "" {
			domain = a.t("indicators.domain.none")
		}
		d := ""
		if start == 0 {
			d = desc
		}
		a.spineDomain(&m, id+"-"+itoa(n), title+": "+domain, d, domain, rows[start:end])
		start = end
	}
	return m.end().node()
}

// The layout of a spine chart, in the units of its viewBox, 960 wide.
const (
	spineChartX    = 330.0 // where the chart begins, after the names
	spineChartW    = 430.0
	spineLabelX    = 775.0 // where the value and comparison in words begin
	spineRowH      = 34.0  // a row of one or two lines
	spineLineH     = 16.0
	spineHeadH     = 32.0
	spineMarkerR   = 8.0
	spineLineChars = 42 // of the names' 14px type in the 320 units before the chart
	spineMaxLines  = 4
)

// chartWidth is the width of every chart's viewBox.
const chartWidth = 960.0

// svgNum writes a coordinate for SVG, to one decimal place.
func svgNum(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

// chartSVG opens the svg element of a chart, chartWidth wide and h high:
// an image named by its title and, when desc is not "", described by
// desc, whose ids are id-title and id-desc. The caller closes it.
func chartSVG(m *markup, class, id, title, desc string, h float64) {
	labelled := id + "-title"
	if desc != "" {
		labelled += " " + id + "-desc"
	}
	m.start("svg", "class", class, "viewBox", "0 0 "+svgNum(chartWidth)+" "+svgNum(h),
		"role", "img", "aria-labelledby", labelled, "focusable", "false")
	m.elem("title", title, "id", id+"-title")
	if desc != "" {
		m.elem("desc", desc, "id", id+"-desc")
	}
}

// svgLines writes lines as tspans at x, the first with its baseline at y
// and each next one a line of lineH below, into the text element open.
func svgLines(m *markup, x string, y, lineH float64, lines []string) {
	for j, l := range lines {
		m.elem("tspan", l, "x", x, "y", svgNum(y+float64(j)*lineH))
	}
}

// spineX is where position p (0 the worst ward, 1 the best) falls on a
// spine chart; positions outside 0–1 are drawn at its ends.
func spineX(p float64) float64 {
	return spineChartX + math.Min(math.Max(p, 0), 1)*spineChartW
}

// spineDomain draws the spine chart of one domain's rows: the domain and
// the axis, then a row per indicator, as tall as its wrapped name needs.
func (a *App) spineDomain(m *markup, id, title, desc, domain string, rows []spineRow) {
	lines := make([][]string, len(rows))
	heights := make([]float64, len(rows))
	h := spineHeadH
	for i, r := range rows {
		lines[i] = wrap(r.name, spineLineChars, spineMaxLines)
		heights[i] = math.Max(spineRowH, float64(len(lines[i]))*spineLineH+6)
		h += heights[i]
	}
	h += 4

	chartSVG(m, "app-spine", id, title, desc, h)
	a.spineHead(m, domain)
	y := spineHeadH
	m.start("g")
	for i, r := range rows {
		a.spineRow(m, r, lines[i], y, heights[i])
		y += heights[i]
	}
	m.end().end()
}

// spineHead writes the head of a spine chart: the domain, and over the
// chart the axis, worse on the left and better on the right of the
// benchmark in the middle.
func (a *App) spineHead(m *markup, domain string) {
	f := svgNum
	base := f(spineHeadH - 10)
	m.elem("text", truncate(domain, spineLineChars), "class", "app-spine__domain", "x", "0", "y", base)
	m.elem("text", a.t("spine.axis.worse"), "class", "app-spine__axis", "x", f(spineChartX), "y", base)
	m.elem("text", a.t("spine.axis.benchmark", a.benchmarkAxisName(a.doc)), "class", "app-spine__axis", "x", f(spineChartX+spineChartW/2), "y", base, "text-anchor", "middle")
	m.elem("text", a.t("spine.axis.better"), "class", "app-spine__axis", "x", f(spineChartX+spineChartW), "y", base, "text-anchor", "end")
}

// spineRow is one row of a spine chart, rh high with its top at y: the
// band, the indicator's name in lines centred on the row, the range of
// the wards (worst to best, and the middle half), the benchmark line, the
// ward's marker, and its value and comparison in words.
func (a *App) spineRow(m *markup, r spineRow, lines []string, y, rh float64) {
	f := svgNum
	m.start("g", "class", "app-spine__row")
	m.leaf("rect", "class", "app-spine__band", "x", "0", "y", f(y), "width", f(chartWidth), "height", f(rh))
	m.start("text", "class", "app-spine__name", "x", "4")
	svgLines(m, "4", y+rh/2-float64(len(lines)-1)*spineLineH/2+5, spineLineH, lines)
	m.end()
	mid := y + rh/2
	if r.hasRange {
		lo, hi := spineX(r.worst), spineX(r.best)
		m.leaf("rect", "class", "app-spine__range-outer", "x", f(lo), "y", f(mid-7), "width", f(hi-lo), "height", "14")
		q1, q3 := spineX(r.q25), spineX(r.q75)
		if q3 < q1 {
			q1, q3 = q3, q1
		}
		m.leaf("rect", "class", "app-spine__range-inner", "x", f(q1), "y", f(mid-7), "width", f(q3-q1), "height", "14")
	}
	bx := f(spineChartX + spineChartW/2)
	m.leaf("line", "class", "app-spine__benchmark", "x1", bx, "x2", bx, "y1", f(mid-13), "y2", f(mid+13))
	for _, o := range r.others {
		if o.ok { // a hollow diamond, beneath the ward's marker
			x := spineX(o.at)
			pts := f(x) + "," + f(mid-9) + " " + f(x+7) + "," + f(mid) + " " + f(x) + "," + f(mid+9) + " " + f(x-7) + "," + f(mid)
			m.leaf("polygon", "class", "app-spine__other", "points", pts)
		}
	}
	if r.hasValue {
		tag, attrs := shapeOf(r.cmp, spineX(r.value), mid, spineMarkerR)
		m.leaf(tag, append(attrs, "class", "app-spine__marker app-spine__marker--"+r.cmp)...)
	}
	a.spineValueLabel(m, r, mid)
	m.end()
}

// spineValueLabel writes the value of row r and its comparison in words,
// at the end of the row whose middle is mid: on one line or, when long,
// two.
func (a *App) spineValueLabel(m *markup, r spineRow, mid float64) {
	f := svgNum
	x := f(spineLabelX)
	m.start("text", "class", "app-spine__value", "x", x)
	word := r.cmpWord(a)
	switch {
	case r.valueLabel == "":
		m.elem("tspan", word, "x", x, "y", f(mid+5))
	case len([]rune(r.valueLabel+" · "+word)) > 24:
		m.elem("tspan", r.valueLabel, "x", x, "y", f(mid-3), "class", "app-spine__figure")
		m.elem("tspan", word, "x", x, "y", f(mid+12))
	default:
		m.elem("tspan", r.valueLabel, "y", f(mid+5), "class", "app-spine__figure")
		m.elem("tspan", " · "+word)
	}
	m.end()
}

// spineKey is the key to a spine chart of d's rows: the markers (with what
// a quintile label means where a row has one), the bars and where their
// range comes from, the benchmark line and the further benchmarks'
// diamonds.
func (a *App) spineKey(d *jsna.Document, benchmark string, rows []spineRow) dom.Node {
	key := el("div", cls("app-spine-keys"))
	markers := a.cmpKey(a.cmpClasses(cmpBest, cmpBetter, cmpSimilar, cmpWorse, cmpWorst))
	// Higher and lower share a marker: no judgement is made of either.
	markers.AppendChild(el("li", child(a.cmpBadgeText(cmpHigher, a.t("cmp.nojudgement")))))
	markers.AppendChild(el("li", child(a.cmpBadge(cmpNone))))
	for _, r := range rows {
		if r.quintile != "" { // values without intervals (score.ValueScore.ByQuintile)
			words := a.t("benchmark.key.quintile")
			if a.rangeFromReference(d) {
				words = a.t("benchmark.key.quintile.reference")
			}
			markers.AppendChild(el("li", attr("id", "spine-key-quintile"), child(a.cmpBadgeText(cmpNone, words))))
			break
		}
	}
	key.AppendChild(markers)
	bars := el("ul", cls("app-spine-key"), attr("aria-label", a.t("spine.key.range")),
		child(el("li", cls("app-spine-key__range-item"), child(el("span", cls("app-spine-key__range"), attr("aria-hidden", "true"))), text(a.t("range.key.text", a.rangeLabel(d))))),
		child(el("li", child(el("span", cls("app-spine-key__bench"), attr("aria-hidden", "true"))), text(a.t("benchmark.label", benchmark)))))
	for _, name := range a.otherNames(d) {
		bars.AppendChild(el("li", cls("app-spine-key__other-item"), child(el("span", cls("app-spine-key__other"), attr("aria-hidden", "true"))), text(a.t("spine.key.other", name))))
	}
	key.AppendChild(bars)
	return key
}

// spineDesc is the description of w's spine chart in d: what it shows,
// and the further benchmarks' diamonds where d has any.
func (a *App) spineDesc(d *jsna.Document, w *jsna.Ward) string {
	desc := a.t("spine.desc", a.wardName(w), a.benchmarkName(d)) + " " + a.rangeLabel(d) + "."
	if others := a.otherNames(d); len(others) > 0 {
		desc += " " + a.t("spine.desc.others", strings.Join(others, ", "))
	}
	return desc
}

// rangeFromReference reports whether any indicator of d takes its range
// from a reference file.
func (a *App) rangeFromReference(d *jsna.Document) bool {
	for i := range d.Indicators {
		if d.Indicators[i].Comparators != nil {
			return true
		}
	}
	return false
}

// wrap splits s into at most n lines of about width characters, at spaces,
// ending the last with an ellipsis if it had to be cut. A text wholly in
// another language (langparts.go) has each line marked so; the marks of
// a text partly in another are dropped, as a cut could split them.
func wrap(s string, width, n int) []string {
	plain, lang := wholeLang(s)
	lines := wrapPlain(plain, width, n)
	for i := range lines {
		lines[i] = markedAs(lines[i], lang)
	}
	return lines
}

func wrapPlain(s string, width, n int) []string {
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i, w := range words {
		if cur == "" {
			cur = w
		} else if len([]rune(cur))+1+len([]rune(w)) <= width {
			cur += " " + w
		} else {
			lines = append(lines, cur)
			cur = w
			if len(lines) == n-1 {
				return append(lines, truncate(strings.Join(words[i:], " "), width))
			}
		}
		if n == 1 && len([]rune(cur)) > width {
			return []string{truncate(strings.Join(words[i:], " "), width)}
		}
	}
	if cur != "" {
		lines = append(lines, truncate(cur, width))
	}
	if len(lines) > n {
		lines = append(lines[:n-1], truncate(strings.Join(lines[n-1:], " "), width))
	}
	return lines
}

// truncate cuts s to width characters, ending it with an ellipsis if cut,
// keeping the language of a text wholly in another (as wrap).
func truncate(s string, width int) string {
	plain, lang := wholeLang(s)
	if r := []rune(plain); len(r) > width {
		return markedAs(strings.TrimSpace(string(r[:width-1]))+"…", lang)
	}
	return markedAs(plain, lang)
}

// bar is one bar of a horizontal bar chart.
type bar struct {
	label    string
	sub      string // a second, lighter line under the label
	value    float64
	text     string // the value as shown
	excluded bool   // drawn hollow and dashed, with the reason in text
}

// barChart draws a horizontal bar chart: an image whose title and
// description say what it shows; the table beside it holds the numbers.
// Labels wrap onto two lines, with the second, lighter line under them.
func (a *App) barChart(idPrefix, title, desc string, bars []bar) dom.Element {
	const (
		chartX    = 390.0
		chartW    = 500.0
		lineH     = 16.0
		gap       = 12.0
		top       = 10.0
		lineChars = 48 // of the labels' 14px type in the 380 units before the bars
	)
	f := svgNum
	max := 0.0
	for _, b := range bars {
		if b.value > max {
			max = b.value
		}
	}
	if max == 0 {
		max = 1
	}
	lines := make([][]string, len(bars))
	heights := make([]float64, len(bars))
	h := top
	for i, b := range bars {
		lines[i] = wrap(b.label, lineChars, 2)
		n := len(lines[i])
		if b.sub != "" {
			n++
		}
		heights[i] = math.Max(34, float64(n)*lineH+gap)
		h += heights[i]
	}
	h += 10
	var m markup
	chartSVG(&m, "app-bars", idPrefix, title, desc, h)
	for i := 1; i <= 4; i++ {
		x := f(chartX + chartW*float64(i)/4)
		m.leaf("line", "class", "app-bars__grid", "x1", x, "x2", x, "y1", f(top), "y2", f(h-10))
	}
	y := top
	for i, b := range bars {
		rh := heights[i]
		n := len(lines[i])
		if b.sub != "" {
			n++
		}
		ty := y + rh/2 - float64(n-1)*lineH/2 + 5
		m.start("text", "x", "0")
		svgLines(&m, "0", ty, lineH, lines[i])
		m.end()
		if b.sub != "" {
			m.elem("text", truncate(b.sub, lineChars+4), "class", "app-bars__sub", "x", "0", "y", f(ty+float64(len(lines[i]))*lineH))
		}
		w := chartW * b.value / max
		if w < 2 {
			w = 2
		}
		c := "app-bars__bar"
		if b.excluded {
			c += " app-bars__bar--excluded"
		}
		m.leaf("rect", "class", c, "x", f(chartX), "y", f(y+rh/2-11), "width", f(w), "height", "22")
		m.elem("text", b.text, "class", "app-bars__value", "x", f(chartX+w+8), "y", f(y+rh/2+5))
		y += rh
	}
	return m.end().node()
}

//go:build js && wasm

package ui

import (
	"strconv"
	"strings"

	"honnef.co/go/js/dom/v2"
)

// Comparison classes: the look of each result of comparing a ward with the
// benchmark. Every one has a colour, a shape and a word, so that the charts
// do not rely on colour alone.
const (
	cmpBetter  = "better"
	cmpSimilar = "similar"
	cmpWorse   = "worse"
	cmpHigher  = "higher"
	cmpLower   = "lower"
	cmpNone    = "none"
)

// cmpLabel is the word for a comparison class.
func (a *App) cmpLabel(c string) string {
	return a.t("cmp." + c)
}

// shape draws the marker of a comparison class centred on (x, y), r wide.
func shape(c string, x, y, r float64, os ...opt) dom.Element {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	switch c {
	case cmpBetter: // triangle pointing up
		return svgEl("path", attr("d", "M"+f(x)+" "+f(y-r)+" L"+f(x+r)+" "+f(y+r*0.8)+" L"+f(x-r)+" "+f(y+r*0.8)+" Z"), group(os...))
	case cmpWorse: // triangle pointing down
		return svgEl("path", attr("d", "M"+f(x)+" "+f(y+r)+" L"+f(x+r)+" "+f(y-r*0.8)+" L"+f(x-r)+" "+f(y-r*0.8)+" Z"), group(os...))
	case cmpHigher, cmpLower: // diamond
		return svgEl("path", attr("d", "M"+f(x)+" "+f(y-r)+" L"+f(x+r)+" "+f(y)+" L"+f(x)+" "+f(y+r)+" L"+f(x-r)+" "+f(y)+" Z"), group(os...))
	default: // circle: similar (filled) or not compared (hollow)
		return svgEl("circle", attr("cx", f(x)), attr("cy", f(y)), attr("r", f(r*0.85)), group(os...))
	}
}

// cmpBadge is the inline marker and word for a comparison, for tables.
func (a *App) cmpBadge(c string) dom.Element {
	icon := svgEl("svg", attr("width", "16"), attr("height", "16"), attr("viewBox", "0 0 16 16"),
		attr("aria-hidden", "true"), attr("focusable", "false"), cls("app-cmp__icon"))
	icon.AppendChild(shape(c, 8, 8, 6.5))
	return el("span", cls("app-cmp app-cmp--"+c), child(icon), text(a.cmpLabel(c)))
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
	valueLabel string // the ward's value as text, shown at the end of the row
}

// spineChart draws rows as an SVG spine chart. The chart is an image with a
// text alternative: its title and description name what it shows, and the
// table next to it holds every number.
func (a *App) spineChart(title, desc string, rows []spineRow) dom.Element {
	const (
		width     = 960.0
		nameW     = 330.0
		chartX    = 340.0
		chartW    = 460.0
		labelX    = 815.0
		rowH      = 34.0
		domainH   = 30.0
		top       = 36.0
		markerR   = 8.0
		lineChars = 46
	)
	clamp := func(v float64) float64 {
		if v < 0 {
			return 0
		}
		if v > 1 {
			return 1
		}
		return v
	}
	xOf := func(p float64) float64 { return chartX + clamp(p)*chartW }
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }

	// Height: rows plus a header line per domain.
	h := top
	last := "\x00"
	for _, r := range rows {
		if r.domain != last {
			h += domainH
			last = r.domain
		}
		h += rowH
	}
	h += 10

	titleID, descID := "spine-title", "spine-desc"
	svg := svgEl("svg", cls("app-spine"), attr("viewBox", "0 0 "+f(width)+" "+f(h)),
		attr("role", "img"), attr("aria-labelledby", titleID+" "+descID), attr("focusable", "false"))
	svg.AppendChild(svgEl("title", attr("id", titleID), text(title)))
	svg.AppendChild(svgEl("desc", attr("id", descID), text(desc)))

	// Axis labels: worse on the left, better on the right.
	svg.AppendChild(svgEl("text", cls("app-spine__axis"), attr("x", f(chartX)), attr("y", "20"), text(a.t("spine.axis.worse"))))
	svg.AppendChild(svgEl("text", cls("app-spine__axis"), attr("x", f(chartX+chartW/2)), attr("y", "20"), attr("text-anchor", "middle"), text(a.t("spine.axis.benchmark", a.doc.Benchmark.Name))))
	svg.AppendChild(svgEl("text", cls("app-spine__axis"), attr("x", f(chartX+chartW)), attr("y", "20"), attr("text-anchor", "end"), text(a.t("spine.axis.better"))))

	y := top
	last = "\x00"
	body := svgEl("g")
	for _, r := range rows {
		if r.domain != last {
			last = r.domain
			d := r.domain
			if d == "" {
				d = a.t("indicators.domain.none")
			}
			body.AppendChild(svgEl("text", attr("x", "0"), attr("y", f(y+domainH-9)), attr("font-weight", "700"), text(d)))
			y += domainH
		}
		g := svgEl("g", cls("app-spine__row"))
		g.AppendChild(svgEl("rect", cls("app-spine__band"), attr("x", "0"), attr("y", f(y)), attr("width", f(width)), attr("height", f(rowH))))
		// Name, wrapped onto two lines when long.
		lines := wrap(r.name, lineChars, 2)
		nameEl := svgEl("text", cls("app-spine__name"), attr("x", "0"))
		for i, l := range lines {
			dy := y + rowH/2 + 4
			if len(lines) == 2 {
				dy = y + rowH/2 - 3 + float64(i)*14
			}
			nameEl.AppendChild(svgEl("tspan", attr("x", "0"), attr("y", f(dy)), text(l)))
		}
		g.AppendChild(nameEl)
		mid := y + rowH/2
		if r.hasRange {
			lo, hi := xOf(r.worst), xOf(r.best)
			g.AppendChild(svgEl("rect", cls("app-spine__range-outer"), attr("x", f(lo)), attr("y", f(mid-7)), attr("width", f(hi-lo)), attr("height", "14")))
			q1, q3 := xOf(r.q25), xOf(r.q75)
			if q3 < q1 {
				q1, q3 = q3, q1
			}
			g.AppendChild(svgEl("rect", cls("app-spine__range-inner"), attr("x", f(q1)), attr("y", f(mid-7)), attr("width", f(q3-q1)), attr("height", "14")))
		}
		g.AppendChild(svgEl("line", cls("app-spine__benchmark"), attr("x1", f(chartX+chartW/2)), attr("x2", f(chartX+chartW/2)), attr("y1", f(y+3)), attr("y2", f(y+rowH-3))))
		if r.hasValue {
			g.AppendChild(shape(r.cmp, xOf(r.value), mid, markerR, cls("app-spine__marker app-spine__marker--"+r.cmp)))
		}
		label := a.cmpLabel(r.cmp)
		if r.valueLabel != "" {
			label = r.valueLabel + " · " + label
		}
		g.AppendChild(svgEl("text", cls("app-spine__value"), attr("x", f(labelX)), attr("y", f(mid+4)), text(label)))
		body.AppendChild(g)
		y += rowH
	}
	svg.AppendChild(body)
	return svg
}

// wrap splits s into at most n lines of about width characters, at spaces,
// ending the last with an ellipsis if it had to be cut.
func wrap(s string, width, n int) []string {
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

// truncate cuts s to width characters, ending it with an ellipsis if cut.
func truncate(s string, width int) string {
	if r := []rune(s); len(r) > width {
		return strings.TrimSpace(string(r[:width-1])) + "…"
	}
	return s
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
func (a *App) barChart(idPrefix, title, desc string, bars []bar) dom.Element {
	const (
		width  = 960.0
		labelW = 360.0
		chartX = 370.0
		chartW = 440.0
		rowH   = 42.0
		top    = 10.0
	)
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
	max := 0.0
	for _, b := range bars {
		if b.value > max {
			max = b.value
		}
	}
	if max == 0 {
		max = 1
	}
	h := top + float64(len(bars))*rowH + 10
	svg := svgEl("svg", cls("app-bars"), attr("viewBox", "0 0 "+f(width)+" "+f(h)),
		attr("role", "img"), attr("aria-labelledby", idPrefix+"-title "+idPrefix+"-desc"), attr("focusable", "false"))
	svg.AppendChild(svgEl("title", attr("id", idPrefix+"-title"), text(title)))
	svg.AppendChild(svgEl("desc", attr("id", idPrefix+"-desc"), text(desc)))
	for i := 1; i <= 4; i++ {
		x := chartX + chartW*float64(i)/4
		svg.AppendChild(svgEl("line", cls("app-bars__grid"), attr("x1", f(x)), attr("x2", f(x)), attr("y1", f(top)), attr("y2", f(h-10))))
	}
	for i, b := range bars {
		y := top + float64(i)*rowH
		svg.AppendChild(svgEl("text", attr("x", "0"), attr("y", f(y+rowH/2-3)), text(truncate(b.label, 46))))
		if b.sub != "" {
			svg.AppendChild(svgEl("text", cls("app-bars__sub"), attr("x", "0"), attr("y", f(y+rowH/2+13)), text(truncate(b.sub, 50))))
		}
		w := chartW * b.value / max
		if w < 2 {
			w = 2
		}
		c := "app-bars__bar"
		if b.excluded {
			c += " app-bars__bar--excluded"
		}
		svg.AppendChild(svgEl("rect", cls(c), attr("x", f(chartX)), attr("y", f(y+8)), attr("width", f(w)), attr("height", f(rowH-16))))
		svg.AppendChild(svgEl("text", attr("x", f(chartX+w+8)), attr("y", f(y+rowH/2+5)), text(b.text)))
	}
	return svg
}

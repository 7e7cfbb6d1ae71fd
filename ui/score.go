//go:build js && wasm

package ui

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
	"github.com/wardwise/wardwise/jsna/stats"
	"honnef.co/go/js/dom/v2"
)

// The views show what score.Score computes: comparisons, spine positions,
// domain counts, the need index and the ranking of needs. This file only
// formats those results for the views; it computes no statistic itself.

// scoreCache holds the scores of one document at one confidence level, for
// one state of its content (gen counts the edits of the working document).
type scoreCache struct {
	doc    *jsna.Document
	gen    int
	level  string
	scores *score.Scores
	err    error
}

// confidence is the level the user chose, as jsna takes it.
func (a *App) confidence() float64 {
	if a.scoreOpt.level == "99.8" {
		return stats.Level998
	}
	return stats.Level95
}

// scoresOf scores d at the chosen level. The working document and the
// report's disclosed copy each keep their last result, so that drawing a
// view scores a document once, not once per table.
func (a *App) scoresOf(d *jsna.Document) (*score.Scores, error) {
	for _, c := range a.scoreCaches {
		if c != nil && c.doc == d && c.gen == a.gen && c.level == a.scoreOpt.level {
			return c.scores, c.err
		}
	}
	s, err := score.Score(d, score.Options{Confidence: a.confidence()})
	c := &scoreCache{doc: d, gen: a.gen, level: a.scoreOpt.level, scores: s, err: err}
	// Two entries: the working document and, on the report, its disclosed copy.
	a.scoreCaches[1] = a.scoreCaches[0]
	a.scoreCaches[0] = c
	return s, err
}

// scores are the working document's scores. A document that cannot be
// scored (it was changed into something jsna refuses) shows the reason in
// the error summary, and the views show no figures.
func (a *App) scores() *score.Scores {
	s, err := a.scoresOf(a.doc)
	if err != nil {
		a.problems = &problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("error.score", err.Error())}}}
		return &score.Scores{}
	}
	return s
}

// levelText names the confidence level in words.
func (a *App) levelText() string {
	if a.scoreOpt.level == "99.8" {
		return a.t("level.998")
	}
	return a.t("level.95")
}

// fmtNum writes a figure for people: thousands separated, one decimal place
// (two below 1, so that small rates do not all read 0.0).
func fmtNum(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	dp := 1
	if math.Abs(v) < 1 && v != 0 {
		dp = 2
	}
	s := strconv.FormatFloat(v, 'f', dp, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err == nil {
		whole = fmtInt(n)
	}
	if neg {
		whole = "-" + whole
	}
	return whole + "." + frac
}

// fmtCount writes a count: a whole number with separators, or one decimal
// place for the fractional counts some sources publish.
func fmtCount(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmtInt(int(v))
	}
	return fmtNum(v)
}

// fmtPtr formats a figure that may be absent ("" then).
func fmtPtr(p *float64, f func(float64) string) string {
	if p == nil {
		return ""
	}
	return f(*p)
}

// overviewData is the area overview's table, from score.Scores.
type overviewData struct {
	method  string   // how the need index is made, in words
	domains []string // the domains, in document order
	rows    []overviewRow
}

// overviewRow is one ward of the ranking.
type overviewRow struct {
	rank, code, name, index string
	counts                  []counts // per domain of overviewData.domains
}

// countsOf turns jsna's counts into the view's: best and worst apart from
// better and worse (jsna's DomainCount counts Best in Better and Worst in
// Worse; extremes holds how many of them are Best and Worst), and higher,
// lower and not compared together as "other".
func countsOf(c score.DomainCount, extremes [2]int) counts {
	return counts{
		best: extremes[0], better: c.Better - extremes[0], similar: c.Similar,
		worse: c.Worse - extremes[1], worst: extremes[1], other: c.Higher + c.Lower + c.NotCompared + c.ByQuintile,
	}
}

// extremesOf counts w's Best and Worst comparisons by domain, the domains
// being those of s's indicators.
func extremesOf(s *score.Scores, w *score.WardScore) map[string][2]int {
	domain := map[string]string{}
	for _, is := range s.Indicators {
		domain[is.Indicator] = is.Domain
	}
	out := map[string][2]int{}
	for i := range w.Values {
		id := s.Indicators[i].Indicator
		n := out[domain[id]]
		switch w.Values[i].Comparison() {
		case stats.Best:
			n[0]++
		case stats.Worst:
			n[1]++
		}
		out[domain[id]] = n
	}
	return out
}

// overview is the overview's data: wards in jsna's ranking order.
func (a *App) overview() overviewData {
	s := a.scores()
	ov := overviewData{method: a.t("overview.method", a.needIndexText(s.NeedIndex), a.levelText())}
	if s.NeedIndex == "" {
		ov.method = ""
	}
	byCode := map[string]*score.WardScore{}
	for i := range s.Wards {
		w := &s.Wards[i]
		byCode[w.Code] = w
		for _, dc := range w.Domains {
			if !contains(ov.domains, dc.Domain) {
				ov.domains = append(ov.domains, dc.Domain)
			}
		}
	}
	for _, code := range s.Ranking {
		w := byCode[code]
		if w == nil {
			continue
		}
		r := overviewRow{rank: itoa(w.Rank), code: w.Code, name: a.wardNamed(w.Code, w.Name), index: fmtNum(w.NeedIndex)}
		extremes := extremesOf(s, w)
		for _, d := range ov.domains {
			var c counts
			for _, dc := range w.Domains {
				if dc.Domain == d {
					c = countsOf(dc, extremes[d])
				}
			}
			r.counts = append(r.counts, c)
		}
		ov.rows = append(ov.rows, r)
	}
	return ov
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// wardOrder is the ward codes in order of need, highest first.
func (a *App) wardOrder() []string {
	return a.scores().Ranking
}

// wardIndicators is the ward page's rows for w of the working document, and
// a sentence on how they were compared.
func (a *App) wardIndicators(w *jsna.Ward) ([]indicatorRow, string) {
	rows, method := a.indicatorsOf(a.doc, w)
	a.localIndicatorNames(a.doc, rows)
	return rows, method
}

// indicatorsOf is the indicator rows of ward w of d (the working document,
// or the report's disclosed copy), in document indicator order.
func (a *App) indicatorsOf(d *jsna.Document, w *jsna.Ward) ([]indicatorRow, string) {
	s, err := a.scoresOf(d)
	if err != nil {
		return nil, a.t("error.score", err.Error())
	}
	ws := s.Ward(w.Code)
	method := a.t("indicators.method", a.levelText(), a.benchmarkName(d))
	byInd := map[string]*score.IndicatorScore{}
	for i := range s.Indicators {
		byInd[s.Indicators[i].Indicator] = &s.Indicators[i]
	}
	values := map[string]int{} // index into ws.Values by indicator ID
	if ws != nil {
		for i := range ws.Values {
			values[s.Indicators[i].Indicator] = i
		}
	}
	var rows []indicatorRow
	practiceLevel := a.practiceLevel(d) // practice_level.go: not a ward's
	for _, ind := range d.Indicators {
		if practiceLevel[ind.ID] {
			continue
		}
		r := indicatorRow{id: ind.ID, name: ind.Name, domain: ind.Domain, period: ind.Period, unit: ind.Unit, cmp: cmpNone}
		is := byInd[ind.ID]
		if is != nil {
			r.benchmark = fmtPtr(is.Benchmark, fmtNum)
			sp := is.Spine
			r.spine = spineRow{name: ind.Name, domain: ind.Domain, cmp: cmpNone}
			r.rangeFrom = a.rangeCell(d, &ind)
			for _, o := range is.Others {
				r.others = append(r.others, otherCell{value: fmtPtr(o.Value, fmtNum), cmp: cmpNone})
				m := spineMark{}
				if o.SpineAt != nil {
					m = spineMark{at: *o.SpineAt, ok: true}
				}
				r.spine.others = append(r.spine.others, m)
			}
			if sp.Shown { // Fingertips' rules (stats.FingertipsSpine)
				r.worst, r.q25, r.q75, r.best = fmtNum(sp.Worst), fmtNum(sp.Q25), fmtNum(sp.Q75), fmtNum(sp.Best)
				r.spine.hasRange = true
				r.spine.worst, r.spine.q25, r.spine.q75, r.spine.best = sp.WorstAt, sp.Q25At, sp.Q75At, sp.BestAt
			}
		} else {
			r.spine = spineRow{name: ind.Name, domain: ind.Domain, cmp: cmpNone}
		}
		if i, ok := values[ind.ID]; ok {
			v := &ws.Values[i]
			r.cmp = cmpClass(v.Comparison())
			for k := range r.others {
				r.others[k].cmp = cmpClass(ws.Other(i, k))
			}
			r.spine.quintile = v.ByQuintile()
			if x, ok := v.Count(); ok {
				r.count = fmtCount(x)
			}
			if x, ok := v.Value(); ok {
				r.value = fmtNum(x)
			}
			if lower, upper, ok := v.Interval(); ok {
				r.ci = a.t("cmp.format.ci", fmtNum(lower), fmtNum(upper))
				if v.Computed() {
					r.ci += " " + a.t("indicators.computed.mark")
				}
			}
			r.note = a.noteText(ws.Note(i))
			if p := ws.Period(i); p != "" {
				r.period = p // the current value's own period (jsna.CurrentValue)
			}
			if at, ok := v.SpineAt(); ok {
				r.spine.hasValue = true
				r.spine.value = at
				r.spine.valueLabel = r.value
			}
		}
		r.spine.cmp = r.cmp
		rows = append(rows, r)
	}
	// Group the rows by domain, domains in the order they first appear
	// (the order of jsna's domain counts), indicators in document order
	// within each.
	first := map[string]int{}
	for _, r := range rows {
		if _, ok := first[r.domain]; !ok {
			first[r.domain] = len(first)
		}
	}
	sort.SliceStable(rows, func(i, j int) bool { return first[rows[i].domain] < first[rows[j].domain] })
	return rows, method
}

// priorityRows is every need of every ward in jsna's ranking (by BPR),
// needs the PEARL test keeps out last.
func (a *App) priorityRows() []priorityRow {
	return a.rowsOf(a.doc, a.scores().Needs)
}

// wardPriorityRows is the needs of w ranked among themselves (jsna ranks
// the ward on its own), for the ward's chapter of the report.
func (a *App) wardPriorityRows(w *jsna.Ward) []priorityRow {
	one := &jsna.Document{Wards: []jsna.Ward{*w}}
	ranked, err := score.RankNeeds(one, nil)
	if err != nil {
		return nil
	}
	return a.rowsOf(one, ranked)
}

// rowsOf turns ranked needs of d into table rows.
func (a *App) rowsOf(d *jsna.Document, ranked []score.RankedNeed) []priorityRow {
	var rows []priorityRow
	for _, rn := range ranked {
		var w *jsna.Ward
		for i := range d.Wards {
			if d.Wards[i].Code == rn.Ward {
				w = &d.Wards[i]
			}
		}
		if w == nil {
			continue
		}
		idx := -1
		for i := range w.Needs {
			if w.Needs[i].ID == rn.Need {
				idx = i
			}
		}
		if idx < 0 {
			continue
		}
		n := w.Needs[idx]
		r := priorityRow{
			title: a.shownText(jsna.TextNamed(w.Needs[idx].Texts(), "title")), wardCode: w.Code, wardName: a.wardName(w), needIndex: idx,
			a: fmtScore(n.Size), b: fmtScore(n.Seriousness), c: fmtScore(n.Effectiveness),
			bpr: rn.Score, bprText: fmtScore(rn.Score), included: rn.Rank > 0,
			pearl: a.pearlText(n),
		}
		if rn.Rank > 0 {
			r.rank = itoa(rn.Rank)
			if rn.Tied {
				r.rank = "=" + r.rank
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// pearlText says in words where a need stands on the PEARL test.
func (a *App) pearlText(n jsna.Need) string {
	if no := n.PearlFailures(); len(no) > 0 {
		names := make([]string, len(no))
		for i, q := range no {
			names[i] = a.t("needs.pearl." + q)
		}
		return a.t("pearl.failed", strings.Join(names, ", "))
	}
	answered := 0
	if n.Pearl != nil {
		for _, q := range pearlQuestions {
			if *pearlAnswer(n.Pearl, q) != nil {
				answered++
			}
		}
	}
	if !n.PearlAssessed() {
		return a.t("pearl.unassessed")
	}
	if answered == len(pearlQuestions) {
		return a.t("pearl.passed")
	}
	return a.t("pearl.partial", answered, len(pearlQuestions))
}

// bprLines shows a need's basic priority rating, jsna's Need.BPR, with
// the scores that make it, and where the need stands on the PEARL test.
func (a *App) bprLines(n jsna.Need) []dom.Node {
	bpr := el("p", cls("govuk-body"),
		text(a.t("needs.bpr.label")+" "),
		child(el("strong", text(fmtScore(n.BPR())))),
		child(el("span", cls("govuk-body-s app-bpr__sum"),
			text(" "+a.t("needs.bpr.sum", fmtScore(n.Size), fmtScore(n.Seriousness), fmtScore(n.Effectiveness), fmtScore(n.BPR()))))))
	pearl := el("p", cls("govuk-body govuk-!-margin-bottom-0"), text(a.pearlText(n)))
	if len(n.PearlFailures()) > 0 {
		pearl.SetAttribute("class", "govuk-body govuk-!-margin-bottom-0 app-bpr__excluded")
	}
	return []dom.Node{bpr, pearl}
}

//go:build js && wasm

package ui

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/disclosure"
	"honnef.co/go/js/dom/v2"
)

// reportOptions are the report's disclosure control settings.
type reportOptions struct {
	preset    string // a published rule (disclosure.PresetNHSEnglandHES), or "" for the threshold
	threshold int    // counts from 1 to threshold-1 are suppressed (disclosure.Options)
	showZero  bool   // a count of 0 is published rather than suppressed
}

// defaultReportOptions suppresses counts 1–4, and 0, as most councils'
// publication rules do.
func defaultReportOptions() reportOptions { return reportOptions{threshold: 5} }

// disclosure is the options as disclosure.Disclose takes them.
func (o reportOptions) disclosure() disclosure.Options {
	return disclosure.Options{Preset: o.preset, Threshold: o.threshold, ShowZero: o.showZero}
}

// disclosed is the disclosed copy of the working document and its report,
// kept while neither the document nor the options change.
type disclosed struct {
	gen  int
	opts reportOptions
	doc  *jsna.Document
	rep  disclosure.Report
}

// disclosed returns the working document with disclosure.Disclose applied at the
// report's options, and notes saying what was suppressed.
// Only the suppressions in the wards of shown are counted.
func (a *App) disclosed(shown map[string]bool) (*jsna.Document, []string) {
	c := a.disclosure
	if c == nil || c.gen != a.gen || c.opts != a.report || c.doc == nil {
		d, rep := disclosure.Disclose(a.doc, a.report.disclosure())
		c = &disclosed{gen: a.gen, opts: a.report, doc: d, rep: rep}
		a.disclosure = c
	}
	primary, secondary := 0, 0
	for _, s := range c.rep.Suppressed {
		if !shown[s.Ward] {
			continue
		}
		if s.Reason == "secondary" {
			secondary++
		} else {
			primary++
		}
	}
	var notes []string
	if c.rep.Rule != "" {
		notes = append(notes, a.disclosureRuleText(c.rep, c.opts.disclosure()))
	}
	notes = append(notes, a.t("report.suppressed", a.tn("report.suppressed.primary", primary), a.tn("report.suppressed.secondary", secondary)))
	return c.doc, notes
}

// renderReport is the print-ready JSNA chapter: for one ward, or for the
// area with a chapter per ward in order of need. Disclosure control is
// applied to every figure before it is drawn. The browser's print (or
// print to PDF) gives a clean document: the app's controls do not print.
func (a *App) renderReport(r route) dom.Node {
	defer a.reportInLanguage()()
	d := a.doc
	v := el("div", cls("app-report"), a.reportLangAttr())
	wards, ok := a.reportWards(r)
	if !ok {
		return a.renderWard(route{view: "ward", ward: r.ward})
	}
	title := a.t("report.title.area", a.areaName(d))
	if r.ward != "" {
		title = a.t("report.title.ward", a.wardName(wards[0]))
	}
	a.setTitle(title)
	v.AppendChild(el("span", cls("govuk-caption-l"), text(a.areaName(d))))
	v.AppendChild(h1(title))
	v.AppendChild(a.reportControls(r))

	codes := map[string]bool{}
	for _, w := range wards {
		codes[w.Code] = true
	}
	disclosed, notes := a.disclosed(codes)
	a.reportPreamble(v, notes)
	for _, w := range wards {
		dw := w
		for i := range disclosed.Wards {
			if disclosed.Wards[i].Code == w.Code {
				dw = &disclosed.Wards[i]
			}
		}
		v.AppendChild(a.reportWard(disclosed, dw, r.ward == ""))
	}
	a.reportResources(v, wards, r.ward == "") // report_resources.go
	return v
}

// reportWards is the wards route r reports on: its ward, or every ward in
// order of need when it names none. ok is false when the ward it names is
// not in the document.
func (a *App) reportWards(r route) (wards []*jsna.Ward, ok bool) {
	if r.ward != "" {
		w := a.findWard(r.ward)
		if w == nil {
			return nil, false
		}
		return []*jsna.Ward{w}, true
	}
	for _, code := range a.wardOrder() {
		if w := a.findWard(code); w != nil {
			wards = append(wards, w)
		}
	}
	return wards, true
}

// reportControls are the report's controls, which do not print: which
// report (the area or a ward), the disclosure threshold, whether zeros are
// published, and print.
func (a *App) reportControls(r route) dom.Element {
	controls := el("div", cls("app-noprint app-report__controls"))
	controls.AppendChild(a.reportScope(r))
	controls.AppendChild(a.reportRule())
	a.appendReportLanguages(controls)
	if a.report.preset != "" {
		controls.AppendChild(a.reportPrint())
		return controls
	}
	tg, thr := a.input(field{id: "report-threshold", label: a.t("report.threshold"), hint: a.t("report.threshold.hint"),
		value: itoa(a.report.threshold), width: "govuk-input--width-2", inputmode: "numeric", labelCls: "govuk-label--s"})
	a.view.onEl(thr, "change", func(js.Value) {
		n, err := strconv.Atoi(strings.TrimSpace(value(thr)))
		if err != nil || n < 1 || n > 100 {
			a.setFieldError("report-threshold", a.t("report.threshold.invalid"))
			return
		}
		a.report.threshold = n
		a.render()
		focus(byID("report-threshold"))
		a.announce(a.t("status.threshold", n))
	})
	controls.AppendChild(tg)
	zg, zeroBoxes := a.checkboxes("report-zero", a.t("report.zero.legend"), "govuk-fieldset__legend--s", "", true,
		[]choice{{value: "show", label: a.t("report.zero"), checked: a.report.showZero}})
	a.view.onEl(zeroBoxes[0], "change", func(js.Value) {
		a.report.showZero = checked(zeroBoxes[0])
		a.render()
		focus(byID("report-zero-0"))
	})
	controls.AppendChild(zg)
	controls.AppendChild(a.reportPrint())
	return controls
}

// reportRule is the choice of disclosure control rule: a threshold of the
// user's choice, or a published rule. Choosing redraws the report.
func (a *App) reportRule() dom.Element {
	g, boxes := a.radios("report-rule", a.t("report.rule.legend"), "govuk-fieldset__legend--s", "", "", false, true, []choice{
		{value: "", label: a.t("report.rule.custom"), checked: a.report.preset == ""},
		{value: disclosure.PresetNHSEnglandHES, label: a.t("report.rule.hes"), checked: a.report.preset == disclosure.PresetNHSEnglandHES},
	})
	for i, b := range boxes {
		a.view.onEl(b, "change", func(js.Value) {
			a.report.preset = value(b)
			a.render()
			focus(byID("report-rule-" + itoa(i)))
		})
	}
	return g
}

// reportPrint is the button that prints the report.
func (a *App) reportPrint() dom.Element {
	printBtn := button(a.t("report.print"), "", attr("id", "report-print"))
	a.view.onClick(printBtn, func() {
		// print() blocks until the dialog closes: not in the callback.
		a.spawn(func() { call(js.Global(), "print") })
	})
	return printBtn
}

// reportScope is the select that chooses the report: the area's, or one
// ward's. Choosing goes to that report.
func (a *App) reportScope(r route) dom.Element {
	d := a.doc
	var wc []choice
	wc = append(wc, choice{value: "", label: a.t("report.scope.area", a.areaName(d)), checked: r.ward == ""})
	for _, w := range d.Wards {
		wc = append(wc, choice{value: w.Code, label: a.wardName(&w), checked: w.Code == r.ward})
	}
	sel := el("select", cls("govuk-select"), attr("id", "report-scope"), attr("name", "report-scope"))
	for _, c := range wc {
		label, lang := wholeLang(c.label)
		o := el("option", attr("value", c.value), text(label))
		if lang != "" {
			o.SetAttribute("lang", lang)
		}
		if c.checked {
			o.SetAttribute("selected", "")
		}
		sel.AppendChild(o)
	}
	a.view.onEl(sel, "change", func(js.Value) {
		a.goTo(route{view: "report", ward: value(sel)})
	})
	return el("div", cls("govuk-form-group"),
		child(el("label", cls("govuk-label govuk-label--s"), attr("for", "report-scope"), text(a.t("report.scope")))),
		child(sel))
}

// reportPreamble appends to v what precedes the wards' chapters: the
// document, benchmark and time of the report, a warning when it is a
// draft, the document's notice (or that its data are synthetic), and the
// notes of disclosure control, the first of them the rule.
func (a *App) reportPreamble(v dom.Element, notes []string) {
	d := a.doc
	v.AppendChild(el("p", cls("govuk-body app-report__meta"), text(a.t("report.meta", a.docTitle(d), a.benchmarkName(d), a.formatTime(now())))))
	if d.Draft != nil {
		v.AppendChild(a.warningText(a.t("report.draft", d.Draft.Author)))
	}
	if d.Synthetic || d.Notice != "" {
		n := d.Notice
		if n == "" {
			n = a.t("report.synthetic")
		}
		v.AppendChild(el("div", cls("govuk-inset-text"), text(n)))
	}
	dn := el("div", cls("govuk-inset-text app-report__disclosure"), attr("id", "report-disclosure"))
	for i, n := range notes {
		c := "govuk-body-s"
		if i == 0 {
			c = "govuk-body"
		}
		dn.AppendChild(el("p", cls(c), text(n)))
	}
	v.AppendChild(dn)
}

// reportWard is one ward's chapter of the report, from the disclosed
// document: its population, narrative, indicators, needs, assets and
// voice, each part under a heading one level below the ward's.
func (a *App) reportWard(d *jsna.Document, w *jsna.Ward, inArea bool) dom.Element {
	// In the area report each ward is a chapter under its own heading; in
	// a ward's report the page heading names the ward.
	hs := "h2"
	sec := el("section", cls("app-report__ward"), attr("aria-labelledby", "page-heading"))
	if inArea {
		hs = "h3"
		sec.SetAttribute("aria-labelledby", "report-"+w.Code)
		sec.AppendChild(el("h2", cls("govuk-heading-l"), attr("id", "report-"+w.Code), text(a.wardName(w))))
	}
	pop := ""
	if w.Population != nil {
		pop = a.t("ward.caption.pop", w.Code, fmtInt(int(*w.Population+0.5)))
	} else {
		pop = a.t("ward.caption", w.Code)
	}
	sec.AppendChild(el("p", cls("govuk-body app-report__meta"), text(pop)))

	a.reportSections(sec, hs, w)
	a.reportIndicators(sec, hs, d, w)
	if len(w.Needs) > 0 {
		sec.AppendChild(el(hs, cls("govuk-heading-m"), text(a.t("report.needs"))))
		sec.AppendChild(a.reportNeeds(w))
	}
	if len(w.Assets) > 0 {
		sec.AppendChild(el(hs, cls("govuk-heading-m"), text(a.t("ward.tab.assets"))))
		sec.AppendChild(a.reportAssetList(w))
	}
	if len(w.Voice) > 0 {
		sec.AppendChild(el(hs, cls("govuk-heading-m"), text(a.t("ward.tab.voice"))))
		for i := range w.Voice {
			sec.AppendChild(a.reportVoice(&w.Voice[i]))
		}
	}
	return sec
}

// reportIndicators appends to sec the indicators part of ward w's chapter,
// under a heading of level hs: how they compare, the spine chart with its
// key, and the table.
func (a *App) reportIndicators(sec dom.Element, hs string, d *jsna.Document, w *jsna.Ward) {
	rows, method := a.indicatorsOf(d, w)
	a.localIndicatorNames(d, rows)
	sec.AppendChild(el(hs, cls("govuk-heading-m"), text(a.t("report.indicators"))))
	sec.AppendChild(el("p", cls("govuk-body-s"), text(method)))
	appendNode(sec, a.reportWorsening(d, w)) // trend.go
	var spine []spineRow
	for _, r := range rows {
		spine = append(spine, r.spine)
	}
	// Each chart has its own ids for its titles and descriptions.
	chart := a.spineChart("report-spine-"+w.Code, a.t("spine.title", a.wardName(w)), a.spineDesc(d, w), spine)
	sec.AppendChild(el("figure", cls("app-figure"), child(a.spineKey(d, a.benchmarkName(d), spine)), child(chart)))
	table := a.indicatorTable(rows, el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("indicators.caption", a.wardName(w), a.benchmarkName(d)))), false)
	table.Class().Add("app-report__table")
	sec.AppendChild(el("div", cls("app-table-wrap"), child(table)))
	a.reportTrends(sec, hs, d, w) // trend_report.go
}

// reportNeeds is the table of ward w's needs in priority order, each with
// its rank, rating, PEARL answers and recommendation.
func (a *App) reportNeeds(w *jsna.Ward) dom.Element {
	nt := el("table", cls("govuk-table"))
	nt.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("report.needs.caption", a.wardName(w)))))
	nt.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("priorities.col.rank"), true)),
		child(th(a.t("priorities.col.need"), false)),
		child(th(a.t("priorities.col.bpr"), true)),
		child(th(a.t("priorities.col.pearl"), false)),
		child(th(a.t("report.col.recommendation"), false))))))
	nb := el("tbody", cls("govuk-table__body"))
	for _, r := range a.wardPriorityRows(w) {
		nb.AppendChild(el("tr", cls("govuk-table__row"),
			child(td(r.rank, true)),
			child(a.reportNeedText(el("th", cls("govuk-table__header"), attr("scope", "row")), jsna.TextNamed(w.Needs[r.needIndex].Texts(), "title"))),
			child(td(r.bprText, true)), child(td(r.pearl, false)),
			child(a.reportNeedText(el("td", cls("govuk-table__cell app-report__text")), jsna.TextNamed(w.Needs[r.needIndex].Texts(), "recommendation")))))
	}
	nt.AppendChild(nb)
	return el("div", cls("app-table-wrap"), child(nt))
}

// paragraphs splits narrative text at blank lines.
func paragraphs(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

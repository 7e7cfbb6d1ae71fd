//go:build js && wasm

package ui

import (
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
	"honnef.co/go/js/dom/v2"
)

// The indicator page (#/indicator/ID): what the document says about one
// indicator (its definition, source, periods, method, polarity, unit,
// multiplier, comparison and benchmark value), and the form that sets how
// it is read. Each change is an edit like any other: it marks the document
// changed (autosave), can be undone, and merges field by field.

func init() {
	if viewerBuild {
		return // the viewer hands this view over to the full app
	}
	registerView("indicator", extraView{needsDoc: true, render: func(a *App, r route) dom.Node { return a.renderIndicatorPage(r.ward) }})
}

// findIndicator is the working document's indicator id, or nil.
func (a *App) findIndicator(id string) *jsna.Indicator {
	for i := range a.doc.Indicators {
		if a.doc.Indicators[i].ID == id {
			return &a.doc.Indicators[i]
		}
	}
	return nil
}

// renderIndicatorPage is the page of indicator id of the working document.
func (a *App) renderIndicatorPage(id string) dom.Node {
	ind := a.findIndicator(id)
	if ind == nil {
		a.setTitle(a.t("ind.notfound.title"))
		return el("div", child(h1(a.t("ind.notfound.title"))),
			child(el("p", cls("govuk-body"), text(a.t("ind.notfound.body", id)))),
			child(el("p", cls("govuk-body"), child(link("#/area", a.t("overview.title"))))))
	}
	name := a.indicatorName(a.doc, ind)
	a.setTitle(name)
	v := el("div", cls("app-indicator-page"))
	v.AppendChild(el("a", cls("govuk-back-link"), attr("href", "#/area"), text(a.t("ind.back"))))
	v.AppendChild(el("span", cls("govuk-caption-l"), text(a.t("ind.caption", ind.ID))))
	v.AppendChild(h1(name))
	v.AppendChild(a.indicatorSummary(ind))
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "ind-edit-heading"), text(a.t("ind.edit.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("ind.edit.intro"))))
	v.AppendChild(a.undoBar())
	v.AppendChild(a.indicatorForm(ind))
	return v
}

// indicatorSummary lists what the document says about ind. The values a
// form field sets have ids, so that an edit updates them in place.
func (a *App) indicatorSummary(ind *jsna.Indicator) dom.Element {
	dl := el("dl", cls("govuk-summary-list"), attr("id", "ind-summary"))
	row := func(key, id, value string) {
		dd := el("dd", cls("govuk-summary-list__value"), attr("id", "ind-sum-"+id), text(value))
		if value == "" {
			dd.SetTextContent(a.t("ind.none"))
		}
		dl.AppendChild(el("div", cls("govuk-summary-list__row"),
			child(el("dt", cls("govuk-summary-list__key"), text(key))), child(dd)))
	}
	row(a.t("record.indicators.definition"), "definition", ind.Definition)
	row(a.t("record.indicators.source"), "source", ind.Source)
	row(a.t("record.indicators.domain"), "domain", ind.Domain)
	row(a.t("ind.periods"), "periods", strings.Join(trendPeriods(a.doc, ind), ", "))
	row(a.t("record.indicators.method"), "method", a.methodLabel(ind.Method))
	row(a.t("record.indicators.polarity"), "polarity", a.polarityLabel(ind.Polarity))
	row(a.t("record.indicators.unit"), "unit", a.unitText(ind.Unit))
	row(a.t("record.indicators.multiplier"), "multiplier", fmtMultiplier(ind.Multiplier))
	row(a.t("record.indicators.comparison"), "comparison", a.comparisonLabel(ind.Comparison))
	bench := ""
	if ind.BenchmarkValue != nil {
		bench = a.t("ind.benchmark.value", a.placeName(a.doc.Benchmark.Code, a.doc.Benchmark.Name), fmtNum(*ind.BenchmarkValue), ind.Period)
	} else if b, name, ok := a.indicatorBenchmark(a.doc, ind.ID); ok {
		bench = a.t("ind.benchmark.value", name, fmtNum(b), ind.Period) // built from the wards, not in the file
	}
	row(a.t("record.indicators.benchmark_value"), "benchmark", bench)
	// The benchmarks beside it, and where the spine range comes from.
	for k, b := range a.doc.OtherBenchmarks {
		value := ""
		if v := b.ValueOf(ind, "", false); v != nil && v.Value != nil {
			value = a.t("ind.benchmark.value", a.placeName(b.Code, b.Name), fmtNum(*v.Value), ind.Period)
		}
		row(a.placeName(b.Code, b.Name), "other-"+itoa(k), value)
	}
	row(a.t("spine.col.range"), "range", a.rangeCell(a.doc, ind))
	return dl
}

// fmtMultiplier writes a multiplier as it is (100, 1000, 100000), or ""
// for none.
func fmtMultiplier(m float64) string {
	if m == 0 {
		return ""
	}
	return strconv.FormatFloat(m, 'f', -1, 64)
}

func (a *App) methodLabel(m string) string   { return a.t("ind.method." + m) }
func (a *App) polarityLabel(p string) string { return a.t("ind.polarity." + p) }

func (a *App) comparisonLabel(c string) string {
	if c == "" {
		return a.t("ind.comparison.default")
	}
	return a.t("ind.comparison." + c)
}

// indicatorForm is the form that sets ind's method, polarity, comparison,
// unit, multiplier, definition and, in a bilingual document, its Welsh
// name and definition. Each field edits the model as the user types.
func (a *App) indicatorForm(ind *jsna.Indicator) dom.Element {
	id := ind.ID
	find := func() *jsna.Indicator { return a.findIndicator(id) }
	form := el("div", cls("app-indicator-form"), attr("id", "ind-form"))
	set := func(sumID, shown string) {
		if dd := byID("ind-sum-" + sumID); dd != nil {
			if shown == "" {
				shown = a.t("ind.none")
			}
			dd.SetTextContent(shown)
		}
	}
	methods := []string{jsna.MethodProportion, jsna.MethodRate, jsna.MethodDSR, jsna.MethodISR, jsna.MethodMean, jsna.MethodCount, jsna.MethodOther}
	form.AppendChild(a.indicatorSelect("ind-method", a.t("record.indicators.method"), a.t("ind.method.hint"), ind.Method, methods, a.methodLabel, func(v string) {
		if x := find(); x != nil {
			x.Method = v
		}
		set("method", a.methodLabel(v))
	}))
	polarities := []string{jsna.LowerIsBetter, jsna.HigherIsBetter, jsna.NoJudgement, jsna.NotApplicable}
	form.AppendChild(a.indicatorSelect("ind-polarity", a.t("record.indicators.polarity"), a.t("ind.polarity.hint"), ind.Polarity, polarities, a.polarityLabel, func(v string) {
		if x := find(); x != nil {
			x.Polarity = v
		}
		set("polarity", a.polarityLabel(v))
	}))
	comparisons := append([]string{""}, stats.CompareMethods...)
	form.AppendChild(a.indicatorSelect("ind-comparison", a.t("record.indicators.comparison"), a.t("ind.comparison.hint"), ind.Comparison, comparisons, a.comparisonLabel, func(v string) {
		if x := find(); x != nil {
			x.Comparison = v
		}
		set("comparison", a.comparisonLabel(v))
	}))
	a.indicatorNumbers(form, ind, find, set)
	a.indicatorTexts(form, ind, find, set)
	return form
}

// indicatorSelect is a select of choices (labelled by label), set to
// current, that calls apply with each choice made. A current value that
// is not among the choices is kept as a choice of its own.
func (a *App) indicatorSelect(id, label, hint, current string, choices []string, labelOf func(string) string, apply func(string)) dom.Element {
	f := field{id: id, label: label, hint: hint, labelCls: "govuk-label--s"}
	sel := el("select", cls("govuk-select"), attr("id", id), attr("name", id), attr("aria-describedby", id+"-hint"))
	if !contains(choices, current) {
		choices = append([]string{current}, choices...)
	}
	for _, c := range choices {
		o := el("option", attr("value", c), text(labelOf(c)))
		if c == current {
			o.SetAttribute("selected", "")
		}
		sel.AppendChild(o)
	}
	a.bind(sel, func(v string) string {
		apply(v)
		return ""
	})
	return el("div", cls("govuk-form-group"), attr("id", id+"-group"), child(f.labelEl()), child(f.hintEl()), child(sel))
}

// indicatorNumbers appends the unit and multiplier fields to form.
func (a *App) indicatorNumbers(form dom.Element, ind *jsna.Indicator, find func() *jsna.Indicator, set func(string, string)) {
	ug, unit := a.input(field{id: "ind-unit", label: a.t("record.indicators.unit"), labelCls: "govuk-label--s", hint: a.t("ind.unit.hint"),
		value: ind.Unit, width: "govuk-input--width-20", maxLength: 100, spell: true})
	a.bind(unit, func(v string) string {
		v = strings.TrimSpace(v)
		if x := find(); x != nil {
			x.Unit = v
		}
		set("unit", v)
		return ""
	})
	form.AppendChild(ug)
	mg, mult := a.input(field{id: "ind-multiplier", label: a.t("record.indicators.multiplier"), labelCls: "govuk-label--s", hint: a.t("ind.multiplier.hint"),
		value: fmtMultiplier(ind.Multiplier), width: "govuk-input--width-10", inputmode: "decimal"})
	a.bind(mult, func(v string) string {
		m := 0.0
		if s := strings.TrimSpace(strings.ReplaceAll(v, ",", "")); s != "" {
			var err error
			if m, err = strconv.ParseFloat(s, 64); err != nil || m < 0 || m != m || m > 1e12 {
				return a.t("ind.multiplier.error")
			}
		}
		if x := find(); x != nil {
			x.Multiplier = m
		}
		set("multiplier", fmtMultiplier(m))
		return ""
	})
	form.AppendChild(mg)
}

// indicatorTexts appends the name (in a bilingual document, where the
// Welsh name is set beside it) and the definition fields to form.
func (a *App) indicatorTexts(form dom.Element, ind *jsna.Indicator, find func() *jsna.Indicator, set func(string, string)) {
	texts := func() []jsna.Bilingual { return textsOf(find()) }
	if a.doc.Bilingual() {
		ng, name := a.input(field{id: "ind-name", label: a.t("record.indicators.name"), labelCls: "govuk-label--s", value: ind.Name, maxLength: 500, spell: true})
		a.bind(name, func(v string) string {
			v = strings.TrimSpace(v)
			if v == "" {
				return a.t("ind.name.required")
			}
			if x := find(); x != nil {
				x.Name = v
			}
			return ""
		})
		form.AppendChild(a.bilingualPair(ng, "name", texts))
	}
	dg, def := a.textarea(field{id: "ind-definition", label: a.t("record.indicators.definition"), labelCls: "govuk-label--s", hint: a.t("ind.definition.hint"),
		value: ind.Definition, rows: 5, maxLength: 20000, spell: true})
	a.bind(def, func(v string) string {
		if x := find(); x != nil {
			x.Definition = v
		}
		set("definition", v)
		return ""
	})
	form.AppendChild(a.bilingualPair(dg, "definition", texts))
}

//go:build js && wasm

package ui

import (
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// The report of a bilingual document prints in English, in Welsh, or both,
// side by side (two columns, also on paper) or one after the other, as
// Welsh councils publish. In one language the report's own words are in
// that language too; with both they are in the interface's. Every block
// of content carries its language's lang attribute. A text missing in a
// language it is printed in is printed in the other one, marked as such
// (side by side and in one language); one after the other, the note alone
// stands in for it, since the other version is printed just before.

// reportMode is how the report prints the working document: English for
// a document in English only, else the mode chosen (side by side unless
// another was).
func (a *App) reportMode() string {
	if !a.doc.Bilingual() {
		return jsna.English
	}
	if a.bi.report == "" {
		return reportColumns
	}
	return a.bi.report
}

// reportLanguages are the languages the report prints, in order.
func (a *App) reportLanguages() []string {
	switch m := a.reportMode(); m {
	case jsna.English, jsna.Welsh:
		return []string{m}
	}
	p := a.doc.PrimaryLanguage()
	return []string{p, jsna.OtherLanguage(p)}
}

// reportInLanguage switches the interface's language to the report's
// while a report in one language is drawn, so that its own words are in
// that language; it returns the function that switches back.
func (a *App) reportInLanguage() (restore func()) {
	m := a.reportMode()
	if !a.doc.Bilingual() || (m != jsna.English && m != jsna.Welsh) || Lang(m) == a.lang {
		return func() {}
	}
	was := a.lang
	a.lang, currentLang = Lang(m), Lang(m)
	return func() { a.lang, currentLang = was, was }
}

// reportLangAttr is the lang attribute of a bilingual report printed in
// one language; nothing otherwise (each block then says its own).
func (a *App) reportLangAttr() opt {
	if m := a.reportMode(); a.doc.Bilingual() && (m == jsna.English || m == jsna.Welsh) {
		return attr("lang", m)
	}
	return group()
}

// appendReportLanguages appends to the report's controls, for a bilingual
// document, the choice of the languages it prints (choosing redraws it),
// and a warning when some translations may be out of date.
func (a *App) appendReportLanguages(controls dom.Element) {
	if !a.doc.Bilingual() {
		return
	}
	m := a.reportMode()
	var choices []choice
	for _, v := range []string{jsna.English, jsna.Welsh, reportColumns, reportSequence} {
		choices = append(choices, choice{value: v, label: a.t("bi.report." + v), checked: v == m})
	}
	g, boxes := a.radios("report-languages", a.t("bi.report.legend"), "govuk-fieldset__legend--s", "", "", false, true, choices)
	for i, b := range boxes {
		a.view.onEl(b, "change", func(js.Value) {
			a.bi.report = value(b)
			a.render()
			focus(byID("report-languages-" + itoa(i)))
		})
	}
	controls.AppendChild(g)
	if n := jsna.StaleTexts(a.doc); n > 0 {
		w := a.warningText(a.t("bi.report.stale", n))
		w.SetAttribute("id", "report-stale")
		controls.AppendChild(w)
	}
}

// reportBlock draws one piece of content in the report's languages: build
// appends to col the piece in language l. In one language the piece is
// one block; both, two columns or two blocks one after the other, each
// with its lang attribute. For a document in English only it is the
// piece's elements themselves, as the report has always drawn them.
func (a *App) reportBlock(build func(l string, col dom.Element)) dom.Node {
	if !a.doc.Bilingual() {
		col := el("div")
		build(jsna.English, col)
		frag := doc.CreateDocumentFragment()
		for col.FirstChild() != nil {
			frag.AppendChild(col.FirstChild())
		}
		return frag
	}
	langs := a.reportLanguages()
	wrap := el("div", cls("app-bi-block"))
	if a.reportMode() == reportColumns {
		wrap.Class().Add("app-bi-cols")
	}
	for _, l := range langs {
		col := el("div", cls("app-bi-col"), attr("lang", l))
		build(l, col)
		wrap.AppendChild(col)
	}
	return wrap
}

// reportText appends to col the version of t in l as an element tag of
// class c (for "p", one per paragraph; for "", a text, in a span where it
// needs a lang attribute of its own); where it is empty, the other
// version marked as standing in for it (in a report one after the other,
// the mark alone). Nothing when both are empty.
func (a *App) reportText(col dom.Element, tag, c string, t jsna.Bilingual, l string) {
	s, shown := t.In(l), l
	if s == "" && a.doc.Bilingual() {
		shown = jsna.OtherLanguage(l)
		s = t.In(shown)
		if s == "" {
			return
		}
		col.AppendChild(el("p", cls("govuk-body-s app-bi-fallback"), attr("lang", string(a.lang)),
			text(a.t("bi.report.fallback."+l))))
		if a.reportMode() == reportSequence {
			return
		}
	}
	// A version needs its own lang where it stands in for the other, and
	// in a document in English only printed in the Welsh interface, where
	// no block says its language.
	marked := shown != l || (!a.doc.Bilingual() && shown != string(a.lang))
	lang := group()
	if marked {
		lang = attr("lang", shown)
	}
	switch {
	case tag == "" && !marked:
		col.AppendChild(doc.CreateTextNode(s))
		return
	case tag == "":
		col.AppendChild(el("span", lang, text(s)))
		return
	case tag != "p":
		col.AppendChild(el(tag, cls(c), lang, text(s)))
		return
	}
	for _, para := range paragraphs(s) {
		col.AppendChild(el("p", cls(c), lang, text(para)))
	}
}

// reportSections appends ward w's narrative to sec, each section's title a
// heading of level hs.
func (a *App) reportSections(sec dom.Element, hs string, w *jsna.Ward) {
	for i := range w.Sections {
		ts := w.Sections[i].Texts()
		sec.AppendChild(a.reportBlock(func(l string, col dom.Element) {
			a.reportText(col, hs, "govuk-heading-m", jsna.TextNamed(ts, "title"), l)
			a.reportText(col, "p", "govuk-body app-report__text", jsna.TextNamed(ts, "text"), l)
		}))
	}
}

// reportAssetList is the list of ward w's assets: each name, with its kind
// and description where given.
func (a *App) reportAssetList(w *jsna.Ward) dom.Node {
	return a.reportBlock(func(l string, col dom.Element) {
		ul := el("ul", cls("govuk-list govuk-list--bullet"))
		for i := range w.Assets {
			as := &w.Assets[i]
			ts := as.Texts()
			li := el("li")
			strong := el("strong")
			a.reportText(strong, "", "", jsna.TextNamed(ts, "name"), l)
			li.AppendChild(strong)
			if k := jsna.TextNamed(ts, "kind"); k.In(l) != "" || (a.doc.Bilingual() && k.In(jsna.OtherLanguage(l)) != "") {
				li.AppendChild(doc.CreateTextNode(" ("))
				a.reportText(li, "", "", k, l)
				li.AppendChild(doc.CreateTextNode(")"))
			}
			if d := jsna.TextNamed(ts, "description"); d.In(l) != "" || (a.doc.Bilingual() && d.In(jsna.OtherLanguage(l)) != "") {
				li.AppendChild(doc.CreateTextNode(": "))
				a.reportText(li, "", "", d, l)
			}
			ul.AppendChild(li)
		}
		col.AppendChild(ul)
	})
}

// reportVoice is voice note vo as a quotation in the report's languages,
// each followed by its source and date where given.
func (a *App) reportVoice(vo *jsna.Voice) dom.Node {
	return a.reportBlock(func(l string, col dom.Element) {
		q := el("blockquote", cls("govuk-inset-text app-report__quote"))
		a.reportText(q, "p", "govuk-body app-report__text", jsna.TextNamed(vo.Texts(), "text"), l)
		src := jsna.TextNamed(vo.Texts(), "source")
		hasSource := src.In(l) != "" || (a.doc.Bilingual() && src.In(jsna.OtherLanguage(l)) != "")
		if hasSource || vo.Date != "" {
			meta := el("p", cls("govuk-body-s app-report__meta"))
			if hasSource {
				a.reportText(meta, "", "", src, l)
			}
			if hasSource && vo.Date != "" {
				meta.AppendChild(doc.CreateTextNode(", "))
			}
			meta.AppendChild(doc.CreateTextNode(vo.Date))
			q.AppendChild(meta)
		}
		col.AppendChild(q)
	})
}

// reportNeedText fills cell, a cell of the report's table of needs, with
// the versions of t in the report's languages, one above the other.
func (a *App) reportNeedText(cell dom.Element, t jsna.Bilingual) dom.Element {
	if !a.doc.Bilingual() {
		text(a.english(t.In(jsna.English))).apply(cell)
		return cell
	}
	for _, l := range a.reportLanguages() {
		part := el("div", cls("app-bi-cell"), attr("lang", l))
		a.reportText(part, "", "", t, l)
		cell.AppendChild(part)
	}
	return cell
}

// localIndicatorNames gives rows, indicator rows of d, their indicators'
// Welsh names where d is bilingual, the interface (or the report being
// drawn) is in Welsh and the indicator has one; in the Welsh interface the
// other names, and the domains, are marked as English.
func (a *App) localIndicatorNames(d *jsna.Document, rows []indicatorRow) {
	if a.lang == English {
		return
	}
	welsh := make(map[string]string, len(d.Indicators))
	for i := range d.Indicators {
		if cy := d.Indicators[i].NameCy; cy != "" && d.Bilingual() {
			welsh[d.Indicators[i].ID] = cy
		}
	}
	for i := range rows {
		// The domains ("wider determinants of health") are the file's
		// English, as the format has no Welsh for them.
		rows[i].domain, rows[i].spine.domain = a.english(rows[i].domain), a.english(rows[i].spine.domain)
		if cy, ok := welsh[rows[i].id]; ok {
			rows[i].name, rows[i].spine.name = cy, cy
		} else {
			// The English name, marked as English (langparts.go).
			rows[i].name, rows[i].spine.name = a.english(rows[i].name), a.english(rows[i].spine.name)
		}
	}
}

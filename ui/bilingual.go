//go:build js && wasm

package ui

import (
	"strings"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// Bilingual content (jsna/bilingual.go): in a bilingual document the ward
// editor shows each free text in English and Welsh side by side, the
// primary language first, with the translation's state under them, and
// the report prints either language or both. The editors call
// bilingualPair on the form group they draw for the English; in a
// document in English only it returns the group as it is.

// bilingualState is what the app remembers about bilingual content: how
// the report prints a bilingual document.
type bilingualState struct {
	report      string // jsna.English, jsna.Welsh, reportColumns or reportSequence; "" is reportColumns
	settingOpen bool   // the language setting was just changed: keep it open
}

// How a bilingual report prints both languages.
const (
	reportColumns  = "columns"  // side by side, each text beside its translation
	reportSequence = "sequence" // one after the other
)

// textsOf is the free texts of record p (nil when the record is gone).
func textsOf[T any, P interface {
	*T
	Texts() []jsna.Bilingual
}](p P) []jsna.Bilingual {
	if p == nil {
		return nil
	}
	return p.Texts()
}

// languageName is the name of a content language in the interface's.
func (a *App) languageName(lang string) string { return a.t("bi.lang." + lang) }

// bilingualPair returns g, the form group of the English version of the
// text named name of a record, when the document is in English only. In a
// bilingual document it returns the English and the Welsh version side by
// side (stacked on a narrow screen), the primary language first, each
// labelled with its language and carrying its lang attribute, and under
// them the translation's state with the button that confirms it. texts
// gives the record's texts at each edit (nil once it is removed).
func (a *App) bilingualPair(g dom.Element, name string, texts func() []jsna.Bilingual) dom.Element {
	enCtl := g.QuerySelector("input, textarea")
	if !a.doc.Bilingual() {
		if enCtl != nil && a.lang != English {
			enCtl.SetAttribute("lang", jsna.English) // the document's text, in the Welsh interface
		}
		return g
	}
	enLabel := g.QuerySelector("label")
	if enCtl == nil || enLabel == nil || texts() == nil {
		return g
	}
	fid := enCtl.ID()
	base := enLabel.TextContent()
	enCtl.SetAttribute("lang", jsna.English)
	enLabel.SetTextContent(a.t("bi.label", base, a.languageName(jsna.English)))
	t := jsna.TextNamed(texts(), name)
	f := field{id: fid + "-cy", label: a.t("bi.label", base, a.languageName(jsna.Welsh)), value: t.In(jsna.Welsh),
		lang: jsna.Welsh, spell: true, maxLength: t.Max}
	if h := g.QuerySelector(".govuk-hint"); h != nil {
		f.hint = h.TextContent() // the same hint keeps the two fields level
	}
	multiline := enCtl.TagName() == "TEXTAREA"
	var cg, cyCtl dom.Element
	if multiline {
		f.rows = enCtl.Underlying().Get("rows").Int()
		cg, cyCtl = a.textarea(f)
	} else {
		cg, cyCtl = a.input(f)
	}
	if l := cg.QuerySelector("label"); l != nil {
		l.SetAttribute("class", enLabel.GetAttribute("class"))
	}
	state := el("div", cls("app-bilingual__state"), attr("id", fid+"-translation"), attr("aria-live", "polite"))
	refresh := a.translationState(state, fid, name, texts, cyCtl)
	a.bind(cyCtl, func(v string) string {
		if !multiline {
			v = strings.TrimSpace(v)
		}
		if t.Required && strings.TrimSpace(v) == "" && a.requiredIn(jsna.Welsh) {
			return a.t("bi.required.cy")
		}
		if ts := texts(); ts != nil {
			jsna.TextNamed(ts, name).Set(jsna.Welsh, v)
		}
		refresh()
		return ""
	})
	a.view.onEl(enCtl, "input", func(js.Value) { refresh() })
	refresh()
	cols := []dom.Element{el("div", cls("app-bilingual__col"), child(g)), el("div", cls("app-bilingual__col"), child(cg))}
	if a.doc.PrimaryLanguage() == jsna.Welsh {
		cols[0], cols[1] = cols[1], cols[0]
	}
	return el("div", cls("app-bilingual"), attr("id", fid+"-pair"),
		child(el("div", cls("app-bilingual__cols"), child(cols[0]), child(cols[1]))), child(state))
}

// requiredIn reports whether the texts a record requires (jsna.Bilingual's
// Required) are required in lang in the working document: in its primary
// language, English for a document in English only. A Welsh-first
// document's English title may be empty.
func (a *App) requiredIn(lang string) bool {
	if !a.doc.Bilingual() {
		return lang == jsna.English
	}
	return lang == a.doc.PrimaryLanguage()
}

// newTextField is f, the field of the form that adds a record, for one of
// its texts: in a bilingual document it takes the primary language's
// version, labelled with the language, and carries its lang.
func (a *App) newTextField(f field) field {
	if a.doc.Bilingual() {
		p := a.doc.PrimaryLanguage()
		f.label, f.lang = a.t("bi.label", f.label, a.languageName(p)), p
	} else if a.lang != English {
		f.lang = jsna.English
	}
	return f
}

// setNew sets the version in the primary language (newTextField) of the
// text named name of a new record's texts to s.
func (a *App) setNew(texts []jsna.Bilingual, name, s string) {
	jsna.TextNamed(texts, name).Set(a.doc.PrimaryLanguage(), s)
}

// translationState returns the function that draws, in box, the state of
// the translation of the text named name: nothing while the versions
// agree (or one is empty), else a tag saying it may be out of date, which
// language, and the button that confirms it. It redraws only when the
// state changes, so typing does not repeat it to a screen reader.
func (a *App) translationState(box dom.Element, fid, name string, texts func() []jsna.Bilingual, cyCtl dom.Element) func() {
	shown := jsna.TranslationState(-1)
	var refresh func()
	refresh = func() {
		ts := texts()
		if ts == nil {
			return
		}
		st := jsna.TextNamed(ts, name).State()
		if st == shown {
			return
		}
		shown = st
		empty(box)
		if !st.Stale() {
			return
		}
		which := st.OutOfDate() // en or cy
		if which == "" {
			which = "both"
		}
		confirm := button(a.t("bi.confirm"), "secondary", attr("id", fid+"-confirm"), attr("aria-describedby", fid+"-stale"))
		confirm.Class().Add("govuk-!-margin-bottom-0")
		box.AppendChild(el("p", cls("govuk-body-s"), attr("id", fid+"-stale"),
			child(tag(a.t("bi.stale.tag"), "yellow")), text(" "+a.t("bi.stale."+which))))
		box.AppendChild(confirm)
		a.view.onClick(confirm, func() {
			if ts := texts(); ts != nil {
				jsna.TextNamed(ts, name).Confirm()
			}
			a.markChanged()
			refresh()
			focus(cyCtl)
			a.announce(a.t("bi.confirmed"))
		})
	}
	return refresh
}

// languageSetting is the setting of the document's languages: English
// only, or English and Welsh with either first. Choosing one redraws the
// page.
func (a *App) languageSetting() dom.Element {
	current := "en"
	if a.doc.Bilingual() {
		current = strings.Join(a.doc.Languages, "-")
	}
	var choices []choice
	for _, v := range []string{"en", "en-cy", "cy-en"} {
		choices = append(choices, choice{value: v, label: a.t("bi.setting." + v), checked: v == current})
	}
	g, boxes := a.radios("doc-languages", a.t("bi.setting.legend"), "govuk-fieldset__legend--s", a.t("bi.setting.hint"), "", false, true, choices)
	for i, b := range boxes {
		a.view.onEl(b, "change", func(js.Value) {
			a.doc.Languages = nil
			if v := value(b); v != "en" {
				a.doc.Languages = strings.Split(v, "-")
			}
			a.markChanged()
			a.bi.settingOpen = true
			a.render()
			focus(byID("doc-languages-" + itoa(i)))
			a.announce(a.t("bi.setting.done"))
		})
	}
	summary := a.t("bi.setting.summary", a.t("bi.setting."+current))
	d := detailsBox(summary, child(g))
	d.SetAttribute("id", "doc-languages-details")
	if a.bi.settingOpen {
		d.SetAttribute("open", "")
		a.bi.settingOpen = false
	}
	d.Class().Add("app-noprint")
	return d
}

// wardNameSetting is, in a bilingual document, the field of ward w's
// Welsh name (name_cy: ONS's WDyyNMW, which an import from a lookup with
// Welsh names fills in), folded under its summary; nothing in a document
// in English only. The ward's English name comes with the data and is not
// edited in the app.
func (a *App) wardNameSetting(w *jsna.Ward) dom.Element {
	if !a.doc.Bilingual() {
		return nil
	}
	code := w.Code
	g, ctl := a.input(field{id: "ward-name-cy", label: a.t("bi.wardname.label", a.english(w.Name)), hint: a.t("bi.wardname.hint"),
		value: w.NameCy, maxLength: 200, spell: true, lang: jsna.Welsh, width: "govuk-!-width-two-thirds"})
	a.bind(ctl, func(v string) string {
		if wd := a.findWard(code); wd != nil {
			wd.NameCy = strings.TrimSpace(v)
		}
		return ""
	})
	summary := a.t("bi.wardname.summary.none")
	if w.NameCy != "" {
		summary = a.t("bi.wardname.summary", w.NameCy)
	}
	d := detailsBox(summary, child(g))
	d.SetAttribute("id", "ward-name-cy-details")
	d.Class().Add("app-noprint")
	return d
}

// welshRecordFields are the Welsh versions and their confirmations, by the
// array their records are in, which the merge view's field lists
// (records.go) show after the English fields.
var welshRecordFields = map[string][]string{
	"sections":   {"title_cy", "text_cy", "title_confirmed", "text_confirmed"},
	"assets":     {"name_cy", "kind_cy", "description_cy", "name_confirmed", "kind_confirmed", "description_confirmed"},
	"voice":      {"text_cy", "source_cy", "text_confirmed", "source_confirmed"},
	"wards":      {"name_cy"},
	"needs":      {"title_cy", "recommendation_cy", "title_confirmed", "recommendation_confirmed"},
	"indicators": {"name_cy", "name_confirmed"},
}

// fieldLang is the lang attribute of the value of a record's member name:
// Welsh for a Welsh version, nothing for the others.
func fieldLang(name string) opt {
	if strings.HasSuffix(name, "_cy") {
		return attr("lang", jsna.Welsh)
	}
	return group()
}

// relabel sets the label of the field fieldID to title; in a bilingual
// document that of its Welsh version too, each naming its language.
func (a *App) relabel(fieldID, title string) {
	l := doc.QuerySelector(`label[for="` + fieldID + `"]`)
	cy := doc.QuerySelector(`label[for="` + fieldID + `-cy"]`)
	switch {
	case l != nil && cy != nil:
		l.SetTextContent(a.t("bi.label", title, a.languageName(jsna.English)))
		cy.SetTextContent(a.t("bi.label", title, a.languageName(jsna.Welsh)))
	case l != nil:
		l.SetTextContent(title)
	}
}

// openIfStale opens details when a translation inside it may be out of
// date, so that the mark is not hidden; it returns details.
func openIfStale(details dom.Element) dom.Element {
	if details.QuerySelector(".app-bilingual__state > *") != nil {
		details.SetAttribute("open", "")
	}
	return details
}

//go:build js && wasm

package ui

import (
	"strings"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// findWard returns the working document's ward with code, or nil.
func (a *App) findWard(code string) *jsna.Ward {
	for i := range a.doc.Wards {
		if a.doc.Wards[i].Code == code {
			return &a.doc.Wards[i]
		}
	}
	return nil
}

// tabLabel is the name of a part of the ward page.
func (a *App) tabLabel(tab string) string {
	switch tab {
	case "narrative":
		return a.t("ward.tab.narrative")
	case "assets":
		return a.t("ward.tab.assets")
	case "voice":
		return a.t("ward.tab.voice")
	case "needs":
		return a.t("ward.tab.needs")
	}
	return a.t("ward.tab.indicators")
}

// renderWard is the ward page: a heading, the ward's sub-navigation and the
// part the route names.
func (a *App) renderWard(r route) dom.Node {
	w := a.findWard(r.ward)
	if w == nil {
		a.setTitle(a.t("ward.notfound.title"))
		return el("div",
			child(h1(a.t("ward.notfound.title"))),
			child(el("p", cls("govuk-body"), text(a.t("ward.notfound.body", r.ward)))),
			child(el("p", cls("govuk-body"), child(link("#/area", a.t("overview.title"))))))
	}
	a.setTitle(a.tabLabel(r.tab), a.wardName(w))
	a.coord.draftBack = r
	v := el("div", cls("app-ward"))
	v.AppendChild(el("a", cls("govuk-back-link"), attr("href", "#/area"), text(a.t("ward.back"))))
	caption := a.t("ward.caption", w.Code)
	if w.Population != nil {
		caption = a.t("ward.caption.pop", w.Code, fmtInt(int(*w.Population+0.5)))
	}
	v.AppendChild(el("span", cls("govuk-caption-l"), text(caption)))
	head := h1(a.wardName(w))
	v.AppendChild(head)

	// Sub-navigation: one link per part, the current one marked.
	nav := el("nav", cls("app-subnav"), attr("aria-label", a.t("ward.subnav", a.wardName(w))))
	list := el("ul", cls("app-subnav__list"))
	for _, tab := range wardTabs {
		item := el("li", cls("app-subnav__item"))
		l := el("a", cls("app-subnav__link govuk-link"), attr("href", route{view: "ward", ward: w.Code, tab: tab}.href()), text(a.tabLabel(tab)))
		if tab == r.tab {
			l.SetAttribute("aria-current", "page")
			item.Class().Add("app-subnav__item--current")
		}
		item.AppendChild(l)
		list.AppendChild(item)
	}
	nav.AppendChild(list)
	v.AppendChild(nav)
	v.AppendChild(el("h2", cls("govuk-heading-l app-tab-heading"), text(a.tabLabel(r.tab))))
	// The viewer (viewer.go) draws only the indicators; the constant
	// viewerBuild leaves the editors out of its module.
	if r.tab != "" && !viewerBuild {
		v.AppendChild(a.undoBar())
		v.AppendChild(a.languageSetting())
		if g := a.wardNameSetting(w); g != nil {
			v.AppendChild(g)
		}
	}
	if len(a.doc.Provenance) > 0 {
		v.AppendChild(el("p", cls("govuk-body-s"), child(link(route{view: "history", ward: w.Code}.href(), a.t("history.ward.link"), attr("id", "ward-provenance")))))
	}

	switch {
	case !viewerBuild && r.tab == "narrative":
		v.AppendChild(a.renderNarrative(w))
	case !viewerBuild && r.tab == "assets":
		v.AppendChild(a.renderAssets(w))
	case !viewerBuild && r.tab == "voice":
		v.AppendChild(a.renderVoice(w))
	case !viewerBuild && r.tab == "needs":
		v.AppendChild(a.renderNeeds(w))
	default:
		v.AppendChild(a.renderIndicators(w))
		v.AppendChild(a.renderTrends(w)) // trend.go
		appendNode(v, a.practiceLevelNote())
	}
	v.AppendChild(a.practicesServing(w, r.tab)) // ui/practice.go
	v.AppendChild(el("p", cls("govuk-body app-ward__report"),
		child(link(route{view: "report", ward: w.Code}.href(), a.t("ward.report.link", a.wardName(w))))))
	return v
}

// setFieldError shows msg as the error of a field drawn by input or
// textarea, or clears it when msg is empty, without redrawing the field
// (so typing keeps its place).
func (a *App) setFieldError(fieldID, msg string) {
	group := byID(fieldID + "-group")
	ctl := byID(fieldID)
	if group == nil || ctl == nil {
		return
	}
	old := byID(fieldID + "-error")
	ctlErr := "govuk-input--error"
	if ctl.TagName() == "TEXTAREA" {
		ctlErr = "govuk-textarea--error"
	}
	desc := strings.Fields(ctl.GetAttribute("aria-describedby"))
	var keep []string
	for _, d := range desc {
		if d != fieldID+"-error" {
			keep = append(keep, d)
		}
	}
	if msg == "" {
		if old != nil {
			old.ParentNode().RemoveChild(old)
		}
		group.Class().Remove("govuk-form-group--error")
		ctl.Class().Remove(ctlErr)
	} else {
		e := a.errorEl(field{id: fieldID, err: msg})
		if old != nil {
			old.ParentNode().ReplaceChild(e, old)
		} else {
			ctl.ParentNode().InsertBefore(e, ctl)
		}
		group.Class().Add("govuk-form-group--error")
		ctl.Class().Add(ctlErr)
		keep = append(keep, fieldID+"-error")
	}
	if len(keep) > 0 {
		ctl.SetAttribute("aria-describedby", strings.Join(keep, " "))
	} else {
		ctl.RemoveAttribute("aria-describedby")
	}
}

// bind makes a field edit the model as the user types: apply stores the
// value and returns "" or, for a value it refuses, the error to show (the
// model keeps its last good value).
func (a *App) bind(ctl dom.Element, apply func(v string) string) {
	fid := ctl.ID()
	a.trackEdits(ctl)
	a.view.onEl(ctl, "input", func(js.Value) {
		msg := apply(value(ctl))
		a.setFieldError(fid, msg)
		if msg == "" {
			a.markChanged()
		}
	})
}

// recordByID returns the record of recs whose key (as idOf reads it) is
// key, or nil when there is none. An editor finds its record by key at each
// edit, not by index, since removing one record moves those after it.
func recordByID[T any](recs []T, key string, idOf func(*T) string) *T {
	for j := range recs {
		if idOf(&recs[j]) == key {
			return &recs[j]
		}
	}
	return nil
}

// removeRecord removes the record whose key is key from *recs, if it is
// there.
func removeRecord[T any](recs *[]T, key string, idOf func(*T) string) {
	for j := range *recs {
		if idOf(&(*recs)[j]) == key {
			*recs = append((*recs)[:j], (*recs)[j+1:]...)
			return
		}
	}
}

// recordRemoved follows the removal of a record from the ward: the change
// is marked, the page redrawn with focus on its heading, and msg announced.
func (a *App) recordRemoved(msg string) {
	a.markChanged()
	a.render()
	focus(byID("page-heading"))
	a.announce(msg)
}

// recordAdded follows the addition of a record to the ward: the change is
// marked, the page redrawn with focus on the field with id focusID, and
// msg announced.
func (a *App) recordAdded(focusID, msg string) {
	a.markChanged()
	a.render()
	focus(byID(focusID))
	a.announce(msg)
}

// sectionID, assetID and voiceID are the keys of a ward's records, for
// recordByID and removeRecord.
func sectionID(s *jsna.Section) string { return s.ID }
func assetID(x *jsna.Asset) string     { return x.ID }
func voiceID(v *jsna.Voice) string     { return v.ID }

// renderNarrative edits the ward's narrative sections: one editor per
// section, then the form to add one.
func (a *App) renderNarrative(w *jsna.Ward) dom.Node {
	v := el("div")
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("narrative.intro"))))
	if len(w.Sections) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), attr("id", "no-sections"), text(a.t("narrative.none"))))
	}
	for i := range w.Sections {
		v.AppendChild(a.sectionEditor(w, i))
	}
	a.addSectionForm(v, w)
	return v
}

// sectionEditor is the editor of section i of w: its text under its title,
// and folded beneath them the title's field and a button to remove it.
func (a *App) sectionEditor(w *jsna.Ward, i int) dom.Element {
	s := &w.Sections[i]
	key := s.ID
	find := func() *jsna.Section { return recordByID(w.Sections, key, sectionID) }
	texts := func() []jsna.Bilingual { return textsOf(find()) }
	box := el("div", cls("app-record"), attr("id", "section-"+slug(key)))
	fid := "section-" + itoa(i)
	g, area := a.textarea(field{
		id: fid + "-text", label: a.shownText(jsna.TextNamed(s.Texts(), "title")), labelCls: "govuk-label--m", value: s.Text, rows: 8,
		hint: a.t("narrative.hint"), maxLength: 200000,
	})
	a.bind(area, func(v string) string {
		if sec := find(); sec != nil {
			sec.Text = v
		}
		return ""
	})
	box.AppendChild(a.bilingualPair(g, "text", texts))

	tg, title := a.input(field{id: fid + "-title", label: a.t("narrative.title.label"), value: s.Title, maxLength: 500, spell: true})
	a.bind(title, func(v string) string {
		v = strings.TrimSpace(v)
		if v == "" && a.requiredIn(jsna.English) {
			return a.t("narrative.title.required")
		}
		if sec := find(); sec != nil {
			sec.Title = v
			a.relabel(fid+"-text", stripLang(a.shownText(jsna.TextNamed(sec.Texts(), "title"))))
		}
		return ""
	})
	remove := button(a.t("narrative.remove"), "warning", attr("id", fid+"-remove"))
	a.view.onClick(remove, func() {
		removeRecord(&w.Sections, key, sectionID)
		a.recordRemoved(a.t("status.removed", strings.TrimSpace(value(title))))
	})
	box.AppendChild(openIfStale(detailsBox(a.t("narrative.more"), child(a.bilingualPair(tg, "title", texts)), child(remove))))
	return box
}

// addSectionForm appends to v the form that adds a section to w, keyed by
// its title made a slug (made unique when another section has it).
func (a *App) addSectionForm(v dom.Element, w *jsna.Ward) {
	v.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("narrative.add.heading"))))
	ag, addTitle := a.input(a.newTextField(field{id: "new-section-title", label: a.t("narrative.add.label"), hint: a.t("narrative.add.hint"), maxLength: 500, spell: true}))
	add := button(a.t("narrative.add.button"), "secondary", attr("id", "add-section"))
	a.view.onClick(add, func() {
		t := strings.TrimSpace(value(addTitle))
		if t == "" {
			a.setFieldError("new-section-title", a.t("narrative.title.required"))
			focus(addTitle)
			return
		}
		key := slug(t)
		if key == "" {
			key = "section"
		}
		if recordByID(w.Sections, key, sectionID) != nil {
			key = newKey(key)
		}
		sec := jsna.Section{ID: key}
		a.setNew(sec.Texts(), "title", t)
		w.Sections = append(w.Sections, sec)
		a.recordAdded("section-"+itoa(len(w.Sections)-1)+"-text", a.t("status.added", t))
	})
	v.AppendChild(ag)
	v.AppendChild(add)
}

// renderAssets edits the ward's community assets: one editor per asset,
// then the form to add one.
func (a *App) renderAssets(w *jsna.Ward) dom.Node {
	v := el("div")
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("assets.intro"))))
	if len(w.Assets) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("assets.none"))))
	}
	for i := range w.Assets {
		v.AppendChild(a.assetEditor(w, i))
	}
	a.addAssetForm(v, w)
	return v
}

// assetEditor is the editor of asset i of w: its name, kind and
// description, and a button to remove it.
func (a *App) assetEditor(w *jsna.Ward, i int) dom.Element {
	key := w.Assets[i].ID
	find := func() *jsna.Asset { return recordByID(w.Assets, key, assetID) }
	texts := func() []jsna.Bilingual { return textsOf(find()) }
	as := &w.Assets[i]
	fid := "asset-" + itoa(i)
	box := el("div", cls("app-record"))
	heading := el("h3", cls("govuk-heading-s"), attr("id", fid+"-heading"), text(a.shownText(jsna.TextNamed(as.Texts(), "name"))))
	box.AppendChild(heading)
	ng, name := a.input(field{id: fid + "-name", label: a.t("assets.name"), value: as.Name, maxLength: 500, spell: true})
	a.bind(name, func(v string) string {
		v = strings.TrimSpace(v)
		if v == "" && a.requiredIn(jsna.English) {
			return a.t("assets.name.required")
		}
		find().Name = v
		setText(heading, a.shownText(jsna.TextNamed(find().Texts(), "name")))
		return ""
	})
	kg, kind := a.input(field{id: fid + "-kind", label: a.t("assets.kind"), hint: a.t("assets.kind.hint"), value: as.Kind, width: "govuk-!-width-two-thirds", maxLength: 100, spell: true})
	a.bind(kind, func(v string) string { find().Kind = strings.TrimSpace(v); return "" })
	dg, desc := a.textarea(field{id: fid + "-desc", label: a.t("assets.description"), value: as.Description, rows: 3, maxLength: 20000})
	a.bind(desc, func(v string) string { find().Description = v; return "" })
	remove := button(a.t("assets.remove"), "warning", attr("id", fid+"-remove"),
		attr("aria-describedby", fid+"-heading"))
	a.view.onClick(remove, func() {
		removeRecord(&w.Assets, key, assetID)
		a.recordRemoved(a.t("status.removed", strings.TrimSpace(value(name))))
	})
	box.AppendChild(a.bilingualPair(ng, "name", texts))
	box.AppendChild(a.bilingualPair(kg, "kind", texts))
	box.AppendChild(a.bilingualPair(dg, "description", texts))
	box.AppendChild(remove)
	return box
}

// addAssetForm appends to v the form that adds an asset to w.
func (a *App) addAssetForm(v dom.Element, w *jsna.Ward) {
	v.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("assets.add.heading"))))
	ng, name := a.input(a.newTextField(field{id: "new-asset-name", label: a.t("assets.name"), maxLength: 500, spell: true}))
	kg, kind := a.input(a.newTextField(field{id: "new-asset-kind", label: a.t("assets.kind"), hint: a.t("assets.kind.hint"), width: "govuk-!-width-two-thirds", maxLength: 100, spell: true}))
	dg, desc := a.textarea(a.newTextField(field{id: "new-asset-desc", label: a.t("assets.description"), rows: 3, maxLength: 20000}))
	add := button(a.t("assets.add.button"), "secondary", attr("id", "add-asset"))
	a.view.onClick(add, func() {
		n := strings.TrimSpace(value(name))
		if n == "" {
			a.setFieldError("new-asset-name", a.t("assets.name.required"))
			focus(name)
			return
		}
		as := jsna.Asset{ID: newKey("asset")}
		ts := as.Texts()
		a.setNew(ts, "name", n)
		a.setNew(ts, "kind", strings.TrimSpace(value(kind)))
		a.setNew(ts, "description", value(desc))
		w.Assets = append(w.Assets, as)
		a.recordAdded("new-asset-name", a.t("status.added", n))
	})
	v.AppendChild(ng)
	v.AppendChild(kg)
	v.AppendChild(dg)
	v.AppendChild(add)
}

// renderVoice edits the ward's community voice notes: one editor per
// note, then the form to add one.
func (a *App) renderVoice(w *jsna.Ward) dom.Node {
	v := el("div")
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("voice.intro"))))
	if len(w.Voice) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("voice.none"))))
	}
	for i := range w.Voice {
		v.AppendChild(a.voiceEditor(w, i))
	}
	a.addVoiceForm(v, w)
	return v
}

// voiceEditor is the editor of voice note i of w: its text, source and
// date (an ISO date or none), and a button to remove it.
func (a *App) voiceEditor(w *jsna.Ward, i int) dom.Element {
	key := w.Voice[i].ID
	find := func() *jsna.Voice { return recordByID(w.Voice, key, voiceID) }
	texts := func() []jsna.Bilingual { return textsOf(find()) }
	vo := &w.Voice[i]
	fid := "voice-" + itoa(i)
	box := el("div", cls("app-record"))
	box.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", fid+"-heading"), text(a.t("voice.note", i+1))))
	tg, txt := a.textarea(field{id: fid + "-text", label: a.t("voice.text"), value: vo.Text, rows: 4, maxLength: 20000})
	a.bind(txt, func(v string) string {
		if strings.TrimSpace(v) == "" && a.requiredIn(jsna.English) {
			return a.t("voice.text.required")
		}
		find().Text = v
		return ""
	})
	sg, src := a.input(field{id: fid + "-source", label: a.t("voice.source"), hint: a.t("voice.source.hint"), value: vo.Source, maxLength: 500, spell: true})
	a.bind(src, func(v string) string { find().Source = strings.TrimSpace(v); return "" })
	dg, date := a.input(field{id: fid + "-date", label: a.t("voice.date"), hint: a.t("voice.date.hint"), value: vo.Date, typ: "date", width: "govuk-input--width-10"})
	a.bind(date, func(v string) string {
		if v != "" && !isISODate(v) {
			return a.t("voice.date.invalid")
		}
		find().Date = v
		return ""
	})
	remove := button(a.t("voice.remove"), "warning", attr("id", fid+"-remove"), attr("aria-describedby", fid+"-heading"))
	a.view.onClick(remove, func() {
		removeRecord(&w.Voice, key, voiceID)
		a.recordRemoved(a.t("status.removed.voice"))
	})
	box.AppendChild(a.bilingualPair(tg, "text", texts))
	box.AppendChild(a.bilingualPair(sg, "source", texts))
	box.AppendChild(dg)
	box.AppendChild(remove)
	return box
}

// addVoiceForm appends to v the form that adds a voice note to w; the
// note needs a text, and its date, if given, must be an ISO date.
func (a *App) addVoiceForm(v dom.Element, w *jsna.Ward) {
	v.AppendChild(el("h3", cls("govuk-heading-m"), text(a.t("voice.add.heading"))))
	tg, txt := a.textarea(a.newTextField(field{id: "new-voice-text", label: a.t("voice.text"), rows: 4, maxLength: 20000}))
	sg, src := a.input(a.newTextField(field{id: "new-voice-source", label: a.t("voice.source"), hint: a.t("voice.source.hint"), maxLength: 500, spell: true}))
	dg, date := a.input(field{id: "new-voice-date", label: a.t("voice.date"), hint: a.t("voice.date.hint"), typ: "date", width: "govuk-input--width-10"})
	add := button(a.t("voice.add.button"), "secondary", attr("id", "add-voice"))
	a.view.onClick(add, func() {
		t := value(txt)
		d := value(date)
		ok := true
		if strings.TrimSpace(t) == "" {
			a.setFieldError("new-voice-text", a.t("voice.text.required"))
			ok = false
		}
		if d != "" && !isISODate(d) {
			a.setFieldError("new-voice-date", a.t("voice.date.invalid"))
			ok = false
		}
		if !ok {
			focus(txt)
			return
		}
		vo := jsna.Voice{ID: newKey("voice"), Date: d}
		a.setNew(vo.Texts(), "text", t)
		a.setNew(vo.Texts(), "source", strings.TrimSpace(value(src)))
		w.Voice = append(w.Voice, vo)
		a.recordAdded("new-voice-text", a.t("status.added.voice"))
	})
	v.AppendChild(tg)
	v.AppendChild(sg)
	v.AppendChild(dg)
	v.AppendChild(add)
}

// isISODate reports whether s is an ISO 8601 calendar date, YYYY-MM-DD,
// as the document format requires.
func isISODate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

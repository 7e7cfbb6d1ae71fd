//go:build js && wasm && !wardwise_viewer

package ui

import (
	"bytes"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
	"honnef.co/go/js/dom/v2"
)

// Opening a reference file of all wards on the area page: the full app's
// (the viewer opens no files).

// comparatorsReport is what the last reference file did to the working
// document, shown on the area page until another document is opened.
var comparatorsReport struct {
	doc   *jsna.Document
	lines func() []string
}

// comparatorsImport is the area page's section for opening a reference
// file of all wards (importer.Comparators), whose summaries then give the
// indicators' spine ranges and quintiles.
func (a *App) comparatorsImport() dom.Element {
	v := el("section", cls("app-noprint"), attr("aria-labelledby", "comparators-heading"))
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "comparators-heading"), text(a.t("comparators.heading"))))
	if comparatorsReport.doc == a.doc && comparatorsReport.lines != nil {
		list := el("ul", cls("govuk-list"), attr("id", "comparators-report"))
		for _, l := range comparatorsReport.lines() {
			list.AppendChild(el("li", text(l)))
		}
		v.AppendChild(el("div", cls("govuk-inset-text"), child(list)))
	}
	group, in := csvInput("ref-file", a.t("comparators.label"), a.t("comparators.intro"))
	open := button(a.t("comparators.heading"), "secondary", attr("id", "ref-import"))
	a.view.onClick(open, func() { a.spawn(func() { a.importComparators(in) }) })
	v.AppendChild(group)
	v.AppendChild(open)
	return v
}

// importComparators reads the reference file chosen in the input and gives
// the working document's indicators its summaries. It blocks.
func (a *App) importComparators(in dom.Element) {
	here := a.route
	f, err := a.chosenFile(in, a.t("comparators.label"))
	var ref map[string]*jsna.Comparators
	if err == nil {
		ref, _, err = importer.Comparators(f.name, bytes.NewReader(f.data), importer.Options{})
	}
	if err != nil {
		if f.name == "" {
			a.showProblemsAt(here, &problemList{title: a.t("error.title"), items: []problemItem{{text: err.Error()}}})
			return
		}
		a.showProblemsAt(here, a.problemsOf(f.name, err))
		a.announce(a.t("status.open.failed", f.name))
		return
	}
	changes := importer.ApplyComparators(a.doc, ref)
	set := 0
	for _, c := range changes {
		if c.Set {
			set++
		}
	}
	name := f.name
	lines := func() []string {
		if set == 0 {
			return []string{a.t("comparators.none", name)}
		}
		out := []string{a.tn("comparators.done", set, name)}
		for _, c := range changes {
			if !c.Set {
				out = append(out, a.t("comparators.kept", c.Indicator, a.jsnaText(c.Why)))
			}
		}
		return out
	}
	if set > 0 {
		a.markChanged()
	}
	comparatorsReport.doc, comparatorsReport.lines = a.doc, lines
	a.problems = nil
	a.render()
	focus(byID("comparators-heading"))
	a.announce(lines()[0])
}

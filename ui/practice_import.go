//go:build js && wasm && !wardwise_viewer

package ui

import (
	"bytes"
	"fmt"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
	"honnef.co/go/js/dom/v2"
)

// Importing practices in the app, on the "My practice" view: NHS England's
// registrations by LSOA with the ONS LSOA-to-ward lookup
// (importer.Registrations), and Fingertips data of Area Type GPs
// (importer.FingertipsPractices), into the working document, with the
// import report shown as the Fingertips import's is.

// practiceReport is the last practice import's report, shown on the "My
// practice" view until another document is opened: lines words it, a
// line each, in the app's language when the view is drawn.
var practiceReport struct {
	doc    *jsna.Document
	lines  func() []string
	groups []importer.SkipGroup // the skipped rows, by reason (importgroups.go)
}

// csvInput is a GOV.UK file upload field for a CSV file.
func csvInput(id, label, hint string) (dom.Element, dom.Element) {
	f := field{id: id, label: label, hint: hint, labelCls: "govuk-label--s"}
	in := el("input", cls("govuk-file-upload"), attr("id", id), attr("name", id), attr("type", "file"),
		attr("accept", ".csv,text/csv"), attr("aria-describedby", id+"-hint"))
	return el("div", cls("govuk-form-group"), attr("id", id+"-group"), child(f.labelEl()), child(f.hintEl()), child(in)), in
}

// practiceImport is the view's section for adding practices and their
// figures, with the last import's report.
func (a *App) practiceImport() dom.Element {
	v := el("section", cls("app-noprint"), attr("aria-labelledby", "practice-import-heading"))
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "practice-import-heading"), text(a.t("practice.import.heading"))))
	if practiceReport.doc == a.doc && practiceReport.lines != nil {
		list := el("ul", cls("govuk-list"), attr("id", "practice-import-report"))
		for _, l := range practiceReport.lines() {
			list.AppendChild(el("li", text(l)))
		}
		box := el("div", cls("govuk-inset-text"), child(list))
		appendNode(box, a.skipGroupsView("practice-import-skipped", practiceReport.groups, ""))
		v.AppendChild(box)
	}
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("practice.import.lede"))))
	regGroup, reg := csvInput("reg-file", a.t("practice.import.reg"), a.t("practice.import.reg.hint"))
	lookGroup, look := csvInput("lookup-file", a.t("practice.import.lookup"), a.t("practice.import.lookup.hint"))
	add := button(a.t("practice.import.button"), "secondary", attr("id", "reg-import"))
	a.view.onClick(add, func() { a.spawn(func() { a.importRegistrations(reg, look) }) })
	v.AppendChild(regGroup)
	v.AppendChild(lookGroup)
	v.AppendChild(add)
	if len(a.doc.Practices) > 0 {
		gpGroup, gp := csvInput("gp-file", a.t("practice.import.gp"), a.t("practice.import.gp.hint"))
		addGP := button(a.t("practice.import.gp.button"), "secondary", attr("id", "gp-import"))
		a.view.onClick(addGP, func() { a.spawn(func() { a.importPracticeFigures(gp) }) })
		v.AppendChild(gpGroup)
		v.AppendChild(addGP)
	}
	return v
}

// chosenFile reads the file chosen in the input, or says none was.
func (a *App) chosenFile(in dom.Element, what string) (picked, error) {
	files := in.Underlying().Get("files")
	if files.IsUndefined() || files.Length() == 0 {
		return picked{}, fmt.Errorf("%s", a.t("practice.import.nofile", what))
	}
	return readFile(files.Index(0))
}

// importRegistrations adds the practices serving the working document's
// wards from the registrations file and lookup chosen. It blocks.
func (a *App) importRegistrations(regIn, lookIn dom.Element) {
	here := a.route
	fail := func(name string, err error) {
		if name == "" { // no file chosen
			a.showProblemsAt(here, &problemList{title: a.t("error.title"), items: []problemItem{{text: err.Error()}}})
			return
		}
		a.showProblemsAt(here, a.problemsOf(name, err))
		a.announce(a.t("status.open.failed", name))
	}
	reg, err := a.chosenFile(regIn, a.t("practice.import.reg"))
	if err != nil {
		fail(reg.name, err)
		return
	}
	look, err := a.chosenFile(lookIn, a.t("practice.import.lookup"))
	if err != nil {
		fail(look.name, err)
		return
	}
	lookup, err := importer.ReadWardLookup(look.name, bytes.NewReader(look.data))
	if err != nil {
		fail(look.name, err)
		return
	}
	out, rep, err := importer.Registrations(reg.name, bytes.NewReader(reg.data), lookup, a.doc, importer.RegistrationOptions{})
	if err != nil {
		fail(reg.name, err)
		return
	}
	a.doc.Practices = out.Practices
	a.practiceImported(func() []string { return a.registrationNotes(rep) }, rep.Groups, a.tn("practice.import.done", rep.Practices))
}

// importPracticeFigures adds the practice values of the Fingertips file
// chosen to the working document's practices. It blocks.
func (a *App) importPracticeFigures(in dom.Element) {
	here := a.route
	f, err := a.chosenFile(in, a.t("practice.import.gp"))
	if err == nil {
		var out *jsna.Document
		var rep *importer.Report
		out, rep, err = importer.FingertipsPractices(f.name, bytes.NewReader(f.data), a.doc, importer.Options{})
		if err == nil {
			a.doc.Indicators, a.doc.Practices = out.Indicators, out.Practices
			a.practiceImported(func() []string { return a.reportNotes(rep) }, rep.Groups, a.tn("practice.import.gp.done", rep.Imported, a.tn("count.practices", rep.Practices)))
			return
		}
	}
	if f.name == "" {
		a.showProblemsAt(here, &problemList{title: a.t("error.title"), items: []problemItem{{text: err.Error()}}})
		return
	}
	a.showProblemsAt(here, a.problemsOf(f.name, err))
	a.announce(a.t("status.open.failed", f.name))
}

// practiceImported records an import into the working document, keeps
// its report for the view and says what it did.
func (a *App) practiceImported(lines func() []string, groups []importer.SkipGroup, status string) {
	a.markChanged()
	practiceReport.doc, practiceReport.lines, practiceReport.groups = a.doc, lines, groups
	a.problems = nil
	a.render()
	focus(byID("practice-import-heading"))
	a.announce(status)
}

//go:build js && wasm && !wardwise_viewer

package ui

import (
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna/importer"
	"honnef.co/go/js/dom/v2"
)

// maxImportRows is how many skipped rows the overview lists; the rest are
// counted.
const maxImportRows = 20

// importNotes says what the last import did, in the app's language, a
// line each: the rows read and what they became, the rows skipped by
// kind, and jsna's notes on whole indicators. It is nil when the document
// was not imported. The skipped rows by reason (skipGroupsView) and one by
// one (skippedRowsBox) follow it on the overview.
func (a *App) importNotes() []string {
	if a.importReport == nil {
		return nil
	}
	return a.reportNotes(a.importReport)
}

// reportNotes says what the import of rep did, a line each, in the app's
// language: of wards, or of practices (importer.FingertipsPractices).
func (a *App) reportNotes(rep *importer.Report) []string {
	skipped := 0
	for _, n := range rep.Skipped {
		skipped += n
	}
	rows := a.tn("import.rows", rep.Rows)
	if rep.Sheet != "" {
		rows = a.tn("import.rows.sheet", rep.Rows, rep.Sheet)
	}
	lines := []string{
		a.t("import.summary", rep.File, rows, a.tn("count.wardvalues", rep.Imported), a.tn("count.benchmarks", rep.Benchmarks), a.tn("count.skipped", skipped)),
		a.t("import.counts", a.tn("count.wards", rep.Wards), a.tn("count.indicators", rep.Indicators)),
	}
	if rep.Practices > 0 {
		lines[0] = a.t("import.summary", rep.File, rows, a.tn("count.practicevalues", rep.Imported), a.tn("count.benchmarks", rep.Benchmarks), a.tn("count.skipped", skipped))
		lines[1] = a.t("import.counts", a.tn("count.practices", rep.Practices), a.tn("count.indicators", rep.Indicators))
	}
	if skipped > 0 {
		lines = append(lines, a.skippedKinds(rep))
	}
	for i, note := range rep.Notes {
		if i < len(rep.NoteTexts) {
			note = a.jsnaText(rep.NoteTexts[i])
		} else {
			note = a.t("text.english", note)
		}
		lines = append(lines, a.t("import.note", note))
	}
	return lines
}

// skippedKinds counts the skipped rows by why they were skipped.
func (a *App) skippedKinds(rep *importer.Report) string {
	kinds := make([]string, 0, len(rep.Skipped))
	for k := range rep.Skipped {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		name := k
		if _, ok := messagesEN["import.skip."+k]; ok {
			name = a.t("import.skip." + k)
		}
		parts[i] = a.t("import.skip.item", name, rep.Skipped[k])
	}
	return a.t("import.skipped", strings.Join(parts, ", "))
}

// skippedRow is where a skipped row is and why it was skipped.
func (a *App) skippedRow(s importer.SkippedRow) string {
	why := a.jsnaText(s.Text)
	if why == "" {
		why = a.t("text.english", s.Reason)
	}
	if s.Sheet != "" {
		return a.t("import.row.sheet", s.Sheet, s.Line, why)
	}
	return a.t("import.row.line", s.Line, why)
}

// registrationNotes says what a registrations import did, a line each, in
// the app's language: the rows read and counted, the extract, the
// practices and patients kept, the lookup and what its best fit means,
// and jsna's notes.
func (a *App) registrationNotes(rep *importer.RegistrationReport) []string {
	first := a.t("reg.summary", rep.File, a.tn("import.rows", rep.Rows), a.tn("reg.counted", rep.Counted))
	for _, k := range sortedKeys(rep.Skipped) {
		first = a.t("reg.summary.skipped", first, a.tn("count.skipped", rep.Skipped[k]), a.t("reg.skip."+k))
	}
	lines := []string{first}
	if rep.Publication != "" || rep.ExtractDate != "" {
		lines = append(lines, a.t("reg.extract", a.orNone(rep.Publication), a.orNone(rep.ExtractDate)))
	}
	lines = append(lines, a.tn("reg.practices", rep.PracticesRead, rep.Practices, fmtInt(rep.PatientsInWards), fmtInt(rep.Unknown)))
	bestFit := a.t("text.english", rep.BestFit)
	if rep.BestFit == importer.BestFitNote {
		bestFit = a.t("reg.bestfit")
	}
	lines = append(lines, a.t("reg.lookup", rep.Lookup, rep.WardYear, bestFit))
	if rep.LSOA11 != "" {
		lines = append(lines, a.t("reg.lsoa11", rep.LSOA11))
	}
	for i, note := range rep.Notes {
		if i < len(rep.NoteTexts) {
			note = a.jsnaText(rep.NoteTexts[i])
		} else {
			note = a.t("text.english", note)
		}
		lines = append(lines, a.t("import.note", note))
	}
	return lines
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// orNone is s, or "(none)" where the file does not say.
func (a *App) orNone(s string) string {
	if s == "" {
		return a.t("jsna.none")
	}
	return s
}

// importBox is the overview's box of what the last import did: its notes,
// its skipped rows grouped by reason (importgroups.go) and the indicators it
// did not know; nil when there was no import or it noted nothing.
func (a *App) importBox() dom.Node {
	lines := a.importNotes()
	if len(lines) == 0 {
		return nil
	}
	notes := el("ul", cls("govuk-list govuk-list--bullet"))
	for _, n := range lines {
		notes.AppendChild(el("li", text(n)))
	}
	box := el("div", cls("govuk-inset-text"), attr("id", "import-notes"),
		child(el("h2", cls("govuk-heading-s"), text(a.t("overview.import.heading")))), child(notes))
	appendNode(box, a.skipGroupsView("import-skipped", a.importReport.Groups, a.importReport.Sheet)) // importgroups.go
	appendNode(box, a.skippedRowsBox(a.importReport))
	appendNode(box, a.unknownIndicatorsView("import-unknown", a.importReport))
	return box
}

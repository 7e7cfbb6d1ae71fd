//go:build js && wasm

package ui

import (
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna/importer"
)

// maxImportRows is how many skipped rows the overview lists; the rest are
// counted.
const maxImportRows = 20

// importNotes says what the last import did, in the app's language, a
// line each: the rows read and what they became, the rows skipped by
// kind, the first skipped rows with why, and jsna's notes on whole
// indicators. It is nil when the document was not imported.
func (a *App) importNotes() []string {
	rep := a.importReport
	if rep == nil {
		return nil
	}
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
	if skipped > 0 {
		lines = append(lines, a.skippedKinds(rep))
		n := min(len(rep.SkippedRows), maxImportRows)
		for _, s := range rep.SkippedRows[:n] {
			lines = append(lines, a.skippedRow(s))
		}
		if more := len(rep.SkippedRows) - n + rep.SkippedRowsOmitted; more > 0 {
			lines = append(lines, a.tn("import.rows.more", more))
		}
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

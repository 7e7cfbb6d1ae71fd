//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strings"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// Before merging, what each draft changes, counted by record
// (merge.DraftChanges and merge.Summarise), and the choice to leave a
// draft out of the merge.

// draftPreview is what a loaded draft changes from its base, counted.
type draftPreview struct {
	counts    []merge.RecordCount
	baseKnown bool
}

// previewOf is what draft f changes, computed once per master and draft.
func (a *App) previewOf(f *mergeFile) *draftPreview {
	m := a.merge
	if m.master == nil {
		return nil
	}
	if f.preview == nil {
		ch, known := merge.DraftChanges(m.master.doc, f.doc)
		f.preview = &draftPreview{counts: merge.Summarise(ch), baseKnown: known}
	}
	return f.preview
}

// summaryText says counts in words: "2 voice notes added, 1 section
// edited", or that nothing changes.
func (a *App) summaryText(counts []merge.RecordCount) string {
	var parts []string
	for _, c := range counts {
		for _, x := range []struct {
			n    int
			verb string
		}{{c.Added, "added"}, {c.Edited, "edited"}, {c.Deleted, "deleted"}} {
			if x.n == 0 {
				continue
			}
			if c.Kind == "" {
				parts = append(parts, a.t("preview.document"))
				continue
			}
			parts = append(parts, a.t("preview."+x.verb, a.tn("count."+previewKind(c.Kind), x.n)))
		}
	}
	if len(parts) == 0 {
		return a.t("preview.none")
	}
	return strings.Join(parts, ", ")
}

// previewKind is the catalogue's name for records of kind: the known
// kinds by name, any other as "records".
func previewKind(kind string) string {
	switch kind {
	case "wards", "sections", "voice", "assets", "needs", "values", "indicators":
		return kind
	}
	return "records"
}

// previewCell is draft i's cell of the draft table: what it changes, and
// whether its base is in the master's history.
func (a *App) previewCell(i int) dom.Element {
	f := &a.merge.drafts[i]
	td := el("td", cls("govuk-table__cell"), attr("id", "merge-preview-"+itoa(i)))
	p := a.previewOf(f)
	if p == nil {
		td.AppendChild(doc.CreateTextNode(a.t("preview.nomaster")))
		return td
	}
	td.AppendChild(doc.CreateTextNode(a.summaryText(p.counts)))
	if !p.baseKnown {
		td.AppendChild(el("p", cls("govuk-body-s govuk-!-margin-0"), text(a.t("preview.baseunknown"))))
	}
	return td
}

// includeCell is draft i's cell with the checkbox that keeps it in the
// merge or leaves it out.
func (a *App) includeCell(i int, f mergeFile) dom.Element {
	m := a.merge
	id := "merge-include-" + itoa(i)
	in := el("input", cls("govuk-checkboxes__input"), attr("id", id), attr("type", "checkbox"))
	if !f.leftOut {
		in.SetAttribute("checked", "")
	}
	label := el("label", cls("govuk-label govuk-checkboxes__label"), attr("for", id), text(a.t("preview.include")),
		child(el("span", cls("govuk-visually-hidden"), text(" "+a.t("preview.include.who", f.doc.Draft.Author, f.name)))))
	a.view.onEl(in, "change", func(js.Value) {
		m.drafts[i].leftOut = !checked(in)
		m.result, m.report = nil, nil
		a.spawn(a.saveMerge)
		a.render()
		focus(byID(id))
		msg := a.t("status.included", f.name)
		if m.drafts[i].leftOut {
			msg = a.t("status.leftout", f.name)
		}
		a.announce(msg)
	})
	return el("td", cls("govuk-table__cell"), child(el("div", cls("govuk-checkboxes govuk-checkboxes--small"),
		child(el("div", cls("govuk-checkboxes__item"), child(in), child(label))))))
}

// includedDrafts are the loaded drafts not left out.
func (m *mergeState) includedDrafts() []*jsna.Document {
	var out []*jsna.Document
	for _, f := range m.drafts {
		if !f.leftOut {
			out = append(out, f.doc)
		}
	}
	return out
}

// reportChanges is what the draft with id changes, counted by record, for
// the merge's report: from the preview of its latest loaded save.
func (a *App) reportChanges(id string) string {
	m := a.merge
	for i := len(m.drafts) - 1; i >= 0; i-- {
		f := &m.drafts[i]
		if !f.leftOut && f.doc.Draft != nil && f.doc.Draft.ID == id {
			if p := a.previewOf(f); p != nil {
				return a.summaryText(p.counts)
			}
		}
	}
	return ""
}

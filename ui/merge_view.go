//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strings"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// The merge view drawn: its steps in order, the tables of the drafts and
// of what the merge did, and the fields that load files.

// renderMerge is the merge view: the master, the drafts and the button
// that merges them and, once they are merged, what the merge did, the open
// conflicts, the resolutions made since, and the export of the new master.
func (a *App) renderMerge() dom.Node {
	if a.merge == nil {
		a.merge = &mergeState{by: a.user.Name, fieldErrors: map[string]string{}}
		if a.store != nil {
			a.spawn(a.loadMerge)
		}
	}
	m := a.merge
	a.setTitle(a.t("merge.title"))
	v := el("div", cls("app-merge"))
	v.AppendChild(h1(a.t("merge.title")))
	v.AppendChild(el("p", cls("govuk-body-l"), text(a.t("merge.lede"))))
	savedNote := el("time", attr("id", "merge-saved"))
	a.showMergeSaved(savedNote)
	v.AppendChild(el("p", cls("govuk-body-s app-merge__saved"), child(savedNote)))

	a.mergeMaster(v, m)
	a.mergeDrafts(v, m)
	v.AppendChild(a.mergeByField(m))
	run := button(a.t("merge.run"), "", attr("id", "merge-run"))
	a.view.onClick(run, func() { a.spawn(a.runMerge) })
	v.AppendChild(run)
	if m.result == nil {
		return v
	}
	v.AppendChild(a.mergeReport())
	open := m.result.OpenConflicts()
	a.mergeConflicts(v, m, open)
	a.mergeResolved(v, m)
	a.mergeExport(v, m, len(open))
	return v
}

// mergeMaster appends to v the merge view's first step: the master loaded,
// summed up, and the field to choose it.
func (a *App) mergeMaster(v dom.Element, m *mergeState) {
	v.AppendChild(el("h2", cls("govuk-heading-m"), text(a.t("merge.master.heading"))))
	if m.master != nil {
		d := m.master.doc
		v.AppendChild(summaryList("merge-master-summary", [][2]string{
			{a.t("merge.file"), m.master.name},
			{a.t("merge.master.title"), d.Title},
			{a.t("merge.master.wards"), itoa(len(d.Wards))},
			{a.t("merge.master.open"), itoa(len(d.Conflicts))},
		}))
	}
	g, in := a.fileInput("merge-master", a.t("merge.master.label"), a.t("merge.master.hint"), false)
	v.AppendChild(g)
	a.onFiles(in, a.loadMaster)
}

// mergeDrafts appends to v the merge view's second step: the drafts
// loaded, and the field to add more.
func (a *App) mergeDrafts(v dom.Element, m *mergeState) {
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "merge-drafts-heading"), text(a.t("merge.drafts.heading"))))
	if len(m.drafts) > 0 {
		v.AppendChild(a.draftTable())
	}
	g, in := a.fileInput("merge-drafts", a.t("merge.drafts.label"), a.t("merge.drafts.hint"), true)
	v.AppendChild(g)
	a.onFiles(in, a.loadDrafts)
}

// onFiles has load read the files chosen in the file input in, in a
// goroutine since reading waits. Closing the picker without a choice does
// nothing.
func (a *App) onFiles(in dom.Element, load func(files js.Value)) {
	a.view.onEl(in, "change", func(js.Value) {
		files := in.Underlying().Get("files")
		if files.Length() == 0 {
			return
		}
		a.spawn(func() { load(files) })
	})
}

// mergeConflicts appends to v the open conflicts of the merge: a box for
// each, after the field for the name recorded with each resolution; or a
// line saying there are none.
func (a *App) mergeConflicts(v dom.Element, m *mergeState, open []jsna.Conflict) {
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "merge-conflicts-heading"), attr("tabindex", "-1"),
		text(a.t("merge.conflicts.heading", len(open)))))
	if since := m.result.Resolutions[min(m.resolvedAt, len(m.result.Resolutions)):]; len(open)+len(since) > 0 {
		v.AppendChild(a.conflictTaskList(m.result, open, since))
	}
	if len(open) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), attr("id", "merge-no-conflicts"), text(a.t("merge.conflicts.none"))))
		return
	}
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("merge.conflicts.intro"))))
	for i, c := range open {
		v.AppendChild(a.conflictBox(i, c))
	}
}

// mergeByField is the field for the coordinator's name, recorded with the
// merge in the master's history and with each resolution.
func (a *App) mergeByField(m *mergeState) dom.Element {
	bg, by := a.input(field{id: "merge-by", label: a.t("merge.by"), hint: a.t("merge.by.hint"), value: m.by,
		autocomp: "name", maxLength: 200, labelCls: "govuk-label--s", width: "govuk-!-width-one-half"})
	a.view.onEl(by, "change", func(js.Value) { a.spawn(a.saveMerge) })
	a.view.onEl(by, "input", func(js.Value) {
		m.by = strings.TrimSpace(value(by))
		if m.by != "" {
			a.setFieldError("merge-by", "")
		}
	})
	return bg
}

// mergeResolved appends to v the list of the conflicts resolved since the
// merge, with what was chosen and by whom, when there are any.
func (a *App) mergeResolved(v dom.Element, m *mergeState) {
	rs := m.result.Resolutions
	if len(rs) <= m.resolvedAt {
		return
	}
	v.AppendChild(el("h3", cls("govuk-heading-s"), text(a.t("merge.resolved.heading"))))
	ul := el("ul", cls("govuk-list govuk-list--bullet"), attr("id", "merge-resolved"))
	for _, r := range rs[m.resolvedAt:] {
		ul.AppendChild(el("li", text(a.t("merge.resolved.item", a.describePath(m.result, r.Path), a.chosenText(r), r.By))))
	}
	v.AppendChild(ul)
}

// mergeExport appends to v the merge view's last step: a warning while
// open conflicts are left, then the buttons that export the new master
// and open it for work.
func (a *App) mergeExport(v dom.Element, m *mergeState, open int) {
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "merge-export-heading"), attr("tabindex", "-1"), text(a.t("merge.export.heading"))))
	if open > 0 {
		v.AppendChild(a.warningText(a.tn("merge.export.open", open)))
	}
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("merge.export.body"))))
	export := button(a.t("merge.export"), "", attr("id", "merge-export"))
	a.view.onClick(export, func() { a.spawn(a.exportMerged) })
	work := button(a.t("merge.open"), "secondary", attr("id", "merge-open"))
	a.view.onClick(work, func() { a.spawn(func() { a.openMerged(m.result) }) })
	v.AppendChild(el("div", cls("govuk-button-group"), child(export), child(work)))
}

// fileInput is a GOV.UK file upload field for jsna/1 documents.
func (a *App) fileInput(id, label, hint string, multiple bool) (dom.Element, dom.Element) {
	f := field{id: id, label: label, hint: hint, labelCls: "govuk-label--s"}
	in := el("input", cls("govuk-file-upload"), attr("id", id), attr("name", id), attr("type", "file"),
		attr("accept", ".json,application/json"), attr("aria-describedby", id+"-hint"))
	if multiple {
		in.SetAttribute("multiple", "")
	}
	return el("div", cls("govuk-form-group"), attr("id", id+"-group"), child(f.labelEl()), child(f.hintEl()), child(in)), in
}

// summaryList is a GOV.UK summary list of key–value rows.
func summaryList(id string, rows [][2]string) dom.Element {
	dl := el("dl", cls("govuk-summary-list"), attr("id", id))
	for _, r := range rows {
		dl.AppendChild(el("div", cls("govuk-summary-list__row"),
			child(el("dt", cls("govuk-summary-list__key"), text(r[0]))),
			child(el("dd", cls("govuk-summary-list__value"), text(r[1])))))
	}
	return dl
}

// draftTable lists the loaded drafts with who wrote them and when, each
// with a button to take it out again.
func (a *App) draftTable() dom.Element {
	m := a.merge
	t := el("table", cls("govuk-table"), attr("id", "merge-draft-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("merge.drafts.caption"))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("merge.file"), false)),
		child(th(a.t("merge.col.author"), false)),
		child(th(a.t("merge.col.role"), false)),
		child(th(a.t("merge.col.saved"), false)),
		child(th(a.t("preview.col.changes"), false)),
		child(th(a.t("preview.col.include"), false)),
		child(el("th", cls("govuk-table__header"), attr("scope", "col"),
			child(el("span", cls("govuk-visually-hidden"), text(a.t("merge.col.action"))))))))))
	body := el("tbody", cls("govuk-table__body"))
	for i, f := range m.drafts {
		dr := f.doc.Draft
		remove := button(a.t("merge.drafts.remove"), "secondary", attr("id", "merge-remove-"+itoa(i)),
			attr("aria-label", a.t("merge.drafts.remove.label", dr.Author, f.name)), cls("govuk-button govuk-button--secondary govuk-!-margin-bottom-0"))
		idx := i
		a.view.onClick(remove, func() {
			m.drafts = append(m.drafts[:idx:idx], m.drafts[idx+1:]...)
			m.result, m.report = nil, nil
			a.spawn(a.saveMerge)
			a.render()
			focus(byID("merge-drafts-heading"))
			a.announce(a.t("status.removed", f.name))
		})
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(f.name))),
			child(td(dr.Author, false)),
			child(td(a.roleLabel(dr.Role), false)),
			child(td(a.whenText(dr.SavedAt), false)),
			child(a.previewCell(i)),
			child(a.includeCell(i, f)),
			child(el("td", cls("govuk-table__cell"), child(remove)))))
	}
	t.AppendChild(body)
	return el("div", cls("app-table-wrap"), child(t))
}

// whenText shows an RFC 3339 time from a file in the browser's time zone,
// or as written when it is not one.
func (a *App) whenText(s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return a.formatTime(t)
	}
	return s
}

// mergeReport shows jsna's MergeReport: the totals and each draft's part.
func (a *App) mergeReport() dom.Element {
	m := a.merge
	rep := m.report
	sec := el("section", attr("id", "merge-report"), attr("aria-labelledby", "merge-report-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "merge-report-heading"), attr("tabindex", "-1"), text(a.t("merge.report.heading"))))
	sec.AppendChild(summaryList("merge-totals", [][2]string{
		{a.t("merge.report.taken"), itoa(rep.Taken)},
		{a.t("merge.report.merged"), itoa(rep.Merged)},
		{a.t("merge.report.conflicts"), itoa(len(rep.Conflicts))},
		{a.t("merge.report.open"), itoa(len(m.result.OpenConflicts()))},
	}))
	t := el("table", cls("govuk-table"), attr("id", "merge-report-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("merge.report.caption"))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("merge.col.author"), false)),
		child(th(a.t("merge.col.draft"), false)),
		child(th(a.t("preview.col.changes"), false)),
		child(th(a.t("merge.col.conflicts"), true)),
		child(th(a.t("merge.col.base"), false))))))
	body := el("tbody", cls("govuk-table__body"))
	for _, d := range rep.Drafts {
		base := a.t("merge.base.known")
		if !d.BaseKnown {
			base = a.t("merge.base.unknown")
		}
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(d.Author))),
			child(td(d.Draft, false)),
			child(td(a.reportChanges(d.Draft), false)),
			child(td(itoa(d.Conflicts), true)),
			child(td(base, false))))
	}
	t.AppendChild(body)
	sec.AppendChild(el("div", cls("app-table-wrap"), child(t)))
	if len(rep.Skipped) > 0 {
		ul := el("ul", cls("govuk-list govuk-list--bullet"))
		for _, s := range rep.Skipped {
			ul.AppendChild(el("li", text(a.t("merge.report.skipped", s))))
		}
		sec.AppendChild(ul)
	}
	return sec
}

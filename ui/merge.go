//go:build js && wasm

package ui

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// The merge view is the coordinator's: load the master and the drafts sent
// in, merge them with merge.Merge, see what the merge did and every open
// conflict side by side with who proposed what and when, resolve each with
// merge.Resolve (choosing a candidate or writing a value), and export the
// new master. Nothing here decides a merge: jsna does, and records the
// provenance of every value it takes.

// recordMark is jsna's value for "the record itself" in a conflict where
// one draft deleted a record another edited (jsna/tree.go).
const recordMark = "\x00record"

// mergeFile is one file loaded into the merge view.
type mergeFile struct {
	name string
	doc  *jsna.Document
}

// mergeState is the merge view's state. It lives as long as the page: the
// files are the coordinator's, and the result is exported as a file.
type mergeState struct {
	master *mergeFile
	drafts []mergeFile

	result     *jsna.Document // the new master: merged, then each resolution applied
	report     *merge.Report  // what the merge did
	resolvedAt int            // len(result.Resolutions) right after the merge
	by         string         // the coordinator's name, recorded with each resolution
	savedAt    time.Time      // when the state was last stored in the browser
	// fieldErrors holds the error shown by a conflict's choice, by conflict id.
	fieldErrors map[string]string
}

// slotMerge is the browser store's slot for the merge view's state, so
// that a coordinator's resolutions survive a closed tab like any edit.
const slotMerge = "merge"

// mergeSaved is the merge view's state as the store keeps it.
type mergeSaved struct {
	Master     mergeSavedFile   `json:"master"`
	Drafts     []mergeSavedFile `json:"drafts"`
	Result     string           `json:"result,omitempty"` // canonical JSON
	Report     *merge.Report    `json:"report,omitempty"`
	ResolvedAt int              `json:"resolved_at"`
	By         string           `json:"by"`
}

type mergeSavedFile struct {
	Name string `json:"name"`
	Data string `json:"data"` // canonical JSON
}

// saveMerge stores the merge view's state in the browser. It blocks.
func (a *App) saveMerge() {
	m := a.merge
	if m == nil || a.store == nil {
		return
	}
	ms := mergeSaved{ResolvedAt: m.resolvedAt, By: m.by, Report: m.report}
	if m.master != nil {
		ms.Master = mergeSavedFile{m.master.name, string(jsna.Canonical(m.master.doc))}
	}
	for _, f := range m.drafts {
		ms.Drafts = append(ms.Drafts, mergeSavedFile{f.name, string(jsna.Canonical(f.doc))})
	}
	if m.result != nil {
		ms.Result = string(jsna.Canonical(m.result))
	}
	b, err := json.Marshal(ms)
	if err != nil {
		return
	}
	at := time.Now()
	if err := a.store.put(&saved{Slot: slotMerge, Title: a.t("merge.title"), SavedAt: at, Data: string(b)}); err != nil {
		a.showError(a.t("error.storage.write", err.Error()))
		return
	}
	m.savedAt = at
	if e := byID("merge-saved"); e != nil && a.merge == m {
		a.showMergeSaved(e)
	}
}

// showMergeSaved says in e when the merge view's state was last stored in
// the browser; its datetime attribute gives the moment exactly.
func (a *App) showMergeSaved(e dom.Element) {
	if a.merge.savedAt.IsZero() {
		return
	}
	e.SetAttribute("datetime", a.merge.savedAt.UTC().Format(time.RFC3339Nano))
	e.SetTextContent(a.t("saved.browser", a.formatClock(a.merge.savedAt)))
}

// loadMerge brings back the merge view's state from the browser store, and
// redraws the view if it is still showing. It blocks.
func (a *App) loadMerge() {
	rec := a.store.get(slotMerge)
	if rec == nil {
		return
	}
	var ms mergeSaved
	if json.Unmarshal([]byte(rec.Data), &ms) != nil {
		return
	}
	m := &mergeState{by: ms.By, fieldErrors: map[string]string{}, report: ms.Report, resolvedAt: ms.ResolvedAt, savedAt: rec.SavedAt}
	if ms.Master.Data != "" {
		d, err := jsna.Decode([]byte(ms.Master.Data))
		if err != nil {
			return
		}
		m.master = &mergeFile{name: ms.Master.Name, doc: d}
	}
	for _, f := range ms.Drafts {
		d, err := jsna.Decode([]byte(f.Data))
		if err != nil {
			return
		}
		m.drafts = append(m.drafts, mergeFile{name: f.Name, doc: d})
	}
	if ms.Result != "" && ms.Report != nil {
		d, err := jsna.Decode([]byte(ms.Result))
		if err != nil {
			return
		}
		m.result = d
	}
	if m.by == "" {
		m.by = a.user.Name
	}
	if cur := a.merge; cur != nil && (cur.master != nil || len(cur.drafts) > 0) {
		return // the coordinator has started afresh meanwhile
	}
	a.merge = m
	if a.route.view == "merge" {
		a.render()
		focus(byID("page-heading"))
	}
}

// renderMerge is the merge view.
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

	// 1. The master.
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
	mg, masterInput := a.fileInput("merge-master", a.t("merge.master.label"), a.t("merge.master.hint"), false)
	v.AppendChild(mg)
	a.view.onEl(masterInput, "change", func(js.Value) {
		files := masterInput.Underlying().Get("files")
		if files.Length() == 0 {
			return
		}
		a.spawn(func() { a.loadMaster(files) })
	})

	// 2. The drafts.
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "merge-drafts-heading"), text(a.t("merge.drafts.heading"))))
	if len(m.drafts) > 0 {
		v.AppendChild(a.draftTable())
	}
	dg, draftInput := a.fileInput("merge-drafts", a.t("merge.drafts.label"), a.t("merge.drafts.hint"), true)
	v.AppendChild(dg)
	a.view.onEl(draftInput, "change", func(js.Value) {
		files := draftInput.Underlying().Get("files")
		if files.Length() == 0 {
			return
		}
		a.spawn(func() { a.loadDrafts(files) })
	})

	run := button(a.t("merge.run"), "", attr("id", "merge-run"))
	a.view.onClick(run, a.runMerge)
	v.AppendChild(run)

	if m.result == nil {
		return v
	}

	// 3. What the merge did.
	v.AppendChild(a.mergeReport())

	// 4. The conflicts.
	open := m.result.OpenConflicts()
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "merge-conflicts-heading"), attr("tabindex", "-1"),
		text(a.t("merge.conflicts.heading", len(open)))))
	if len(open) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), attr("id", "merge-no-conflicts"), text(a.t("merge.conflicts.none"))))
	} else {
		v.AppendChild(el("p", cls("govuk-body"), text(a.t("merge.conflicts.intro"))))
		bg, by := a.input(field{id: "merge-by", label: a.t("merge.by"), hint: a.t("merge.by.hint"), value: m.by,
			autocomp: "name", maxLength: 200, labelCls: "govuk-label--s", width: "govuk-!-width-one-half"})
		a.view.onEl(by, "change", func(js.Value) { a.spawn(a.saveMerge) })
		a.view.onEl(by, "input", func(js.Value) {
			m.by = strings.TrimSpace(value(by))
			if m.by != "" {
				a.setFieldError("merge-by", "")
			}
		})
		v.AppendChild(bg)
		for i, c := range open {
			v.AppendChild(a.conflictBox(i, c))
		}
	}
	if rs := m.result.Resolutions; len(rs) > m.resolvedAt {
		v.AppendChild(el("h3", cls("govuk-heading-s"), text(a.t("merge.resolved.heading"))))
		ul := el("ul", cls("govuk-list govuk-list--bullet"), attr("id", "merge-resolved"))
		for _, r := range rs[m.resolvedAt:] {
			ul.AppendChild(el("li", text(a.t("merge.resolved.item", a.describePath(m.result, r.Path), a.chosenText(r), r.By))))
		}
		v.AppendChild(ul)
	}

	// 5. Export.
	v.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "merge-export-heading"), attr("tabindex", "-1"), text(a.t("merge.export.heading"))))
	if len(open) > 0 {
		v.AppendChild(el("div", cls("govuk-warning-text"),
			child(el("span", cls("govuk-warning-text__icon"), attr("aria-hidden", "true"), text("!"))),
			child(el("strong", cls("govuk-warning-text__text"),
				child(el("span", cls("govuk-visually-hidden"), text(a.t("report.warning")+" "))),
				text(a.t("merge.export.open", len(open)))))))
	}
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("merge.export.body"))))
	export := button(a.t("merge.export"), "", attr("id", "merge-export"))
	a.view.onClick(export, func() { a.spawn(a.exportMerged) })
	work := button(a.t("merge.open"), "secondary", attr("id", "merge-open"))
	a.view.onClick(work, func() {
		a.spawn(func() {
			d := m.result
			a.setDocument(d, safeFileName(d.ID+".json"), js.Undefined())
			a.dirty = true
			a.renderShell()
			a.goTo(route{view: "area"})
			a.announce(a.t("status.merged.opened", d.Title))
		})
	})
	v.AppendChild(el("div", cls("govuk-button-group"), child(export), child(work)))
	return v
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

// readDocs reads and parses files as jsna/1 documents, listing every
// problem of every bad file. It blocks.
func (a *App) readDocs(files js.Value) ([]mergeFile, *problemList) {
	ps, err := filesOf(files)
	if err != nil {
		return nil, &problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("error.open", err.Error())}}}
	}
	var out []mergeFile
	var list *problemList
	for _, p := range ps {
		d, err := jsna.Parse(p.name, p.data)
		if err != nil {
			pl := a.problemsOf(p.name, err)
			if list == nil {
				list = &problemList{title: a.t("error.title"), intro: pl.intro}
			} else {
				list.intro = ""
			}
			if pl.intro != "" && len(ps) > 1 {
				list.items = append(list.items, problemItem{text: pl.intro})
			}
			list.items = append(list.items, pl.items...)
			continue
		}
		out = append(out, mergeFile{name: p.name, doc: d})
	}
	return out, list
}

// loadMaster reads the master chosen. It blocks.
func (a *App) loadMaster(files js.Value) {
	fs, problems := a.readDocs(files)
	if problems != nil {
		a.showProblems(problems)
		return
	}
	f := fs[0]
	if f.doc.Draft != nil {
		a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("merge.error.notmaster", f.name, f.doc.Draft.Author), href: "#merge-master"}}})
		return
	}
	a.merge.master = &f
	a.merge.result, a.merge.report = nil, nil
	a.problems = nil
	a.saveMerge()
	a.render()
	focus(byID("merge-drafts"))
	a.announce(a.t("status.opened", f.name))
}

// loadDrafts adds the drafts chosen. A file that is not a draft is refused
// with the others kept. It blocks.
func (a *App) loadDrafts(files js.Value) {
	fs, problems := a.readDocs(files)
	var names []string
	for _, f := range fs {
		if f.doc.Draft == nil {
			if problems == nil {
				problems = &problemList{title: a.t("error.title")}
			}
			problems.items = append(problems.items, problemItem{text: a.t("merge.error.notdraft", f.name), href: "#merge-drafts"})
			continue
		}
		replaced := false
		for i := range a.merge.drafts {
			if a.merge.drafts[i].name == f.name {
				a.merge.drafts[i], replaced = f, true
			}
		}
		if !replaced {
			a.merge.drafts = append(a.merge.drafts, f)
		}
		names = append(names, f.name)
	}
	a.merge.result, a.merge.report = nil, nil
	a.problems = problems
	a.saveMerge()
	a.render()
	if problems != nil {
		focus(byID("error-summary"))
	} else {
		focus(byID("merge-run"))
	}
	if len(names) > 0 {
		a.announce(a.t("status.opened", strings.Join(names, ", ")))
	}
}

// runMerge merges the drafts into the master with merge.Merge.
func (a *App) runMerge() {
	m := a.merge
	var items []problemItem
	if m.master == nil {
		items = append(items, problemItem{text: a.t("merge.error.nomaster"), href: "#merge-master"})
	}
	if len(m.drafts) == 0 {
		items = append(items, problemItem{text: a.t("merge.error.nodrafts"), href: "#merge-drafts"})
	}
	if len(items) > 0 {
		a.showProblems(&problemList{title: a.t("error.title"), items: items})
		return
	}
	drafts := make([]*jsna.Document, len(m.drafts))
	for i := range m.drafts {
		drafts[i] = m.drafts[i].doc
	}
	res, rep, err := merge.Merge(m.master.doc, drafts, merge.Options{Now: now()})
	if err != nil {
		a.showError(a.t("merge.error.failed", err.Error()))
		return
	}
	m.result, m.report = res, rep
	m.resolvedAt = len(res.Resolutions)
	m.fieldErrors = map[string]string{}
	a.problems = nil
	a.spawn(a.saveMerge)
	a.render()
	focus(byID("merge-report-heading"))
	a.announce(a.t("status.merged", len(rep.Drafts), len(res.OpenConflicts())))
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
		child(th(a.t("merge.col.changes"), true)),
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
			child(td(itoa(d.Changes), true)),
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

// conflictBox shows conflict number i: where it is, the master's value,
// every candidate side by side with who proposed it and when, and the
// choice that resolves it. A conflict on a whole record shows each
// version as a list of fields, and offers no free-written value.
func (a *App) conflictBox(i int, c jsna.Conflict) dom.Element {
	m := a.merge
	id := "conflict-" + itoa(i)
	kind := recordKind(c.Path)
	box := el("section", cls("app-conflict"), attr("id", id), attr("aria-labelledby", id+"-heading"))
	box.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", id+"-heading"), attr("tabindex", "-1"),
		text(a.t("merge.conflict.heading", i+1, a.describeConflict(m.result, c)))))
	meta := el("p", cls("govuk-body-s app-candidate__who"), text(a.t("merge.conflict.path")+" "),
		child(el("code", cls("app-path"), text(c.Path))))
	if c.Reason != "" || c.Kind != "" {
		meta.AppendChild(doc.CreateTextNode(". "))
		meta.AppendChild(el("span", cls("app-conflict__reason"), text(a.t("merge.conflict.reason", a.conflictReasonText(c)))))
	}
	box.AppendChild(meta)

	// The master's version of a record, to show each version's changes.
	var master []recordField
	if kind != "" && c.Current == recordMark {
		if v := recordJSON(m.result, c.Path); v != "" {
			master, _ = a.recordFieldsOf(m.result, kind, v)
		}
	}
	switch {
	case kind == "":
		box.AppendChild(el("div", cls("app-conflict__current"),
			child(el("p", cls("govuk-body govuk-!-margin-bottom-1"), text(a.t("merge.conflict.current")))),
			child(el("div", cls("app-candidate__value"), attr("id", id+"-current"), text(a.shownValue(c.Current))))))
	case c.Current == "":
		box.AppendChild(el("p", cls("govuk-body"), attr("id", id+"-current"), text(a.t("merge.conflict.current")+" "+a.t("merge.record.none"))))
	}

	errMsg := m.fieldErrors[c.ID]
	name := id + "-choice"
	cards := el("div", cls("app-candidates"))
	if kind != "" {
		cards.Class().Add("app-candidates--records")
	}
	var radios []dom.Element
	for _, j := range candidateOrder(c) {
		cand := c.Candidates[j]
		rid := id + "-take-" + itoa(j+1)
		in := el("input", cls("govuk-radios__input"), attr("id", rid), attr("name", name), attr("type", "radio"),
			attr("value", itoa(j+1)), attr("aria-describedby", rid+"-value "+rid+"-who"))
		radios = append(radios, in)
		var who []string
		for _, s := range cand.By {
			w := a.t("merge.by.author", a.sourceAuthor(s), a.roleLabel(s.Role))
			if s.SavedAt != "" {
				w = a.t("merge.by.author.at", a.sourceAuthor(s), a.roleLabel(s.Role), a.whenText(s.SavedAt))
			}
			who = append(who, w)
		}
		label := a.t("merge.candidate", j+1)
		var body dom.Element
		if kind != "" {
			label = a.candidateLabel(c, j)
			body = a.recordBody(rid+"-value", m.result, c, kind, cand.Value, master)
			// A whole record is long to hear: the radio names who
			// proposed it; its fields follow it.
			in.SetAttribute("aria-describedby", rid+"-who")
		} else {
			body = el("div", cls("app-candidate__value"), attr("id", rid+"-value"), text(a.shownValue(cand.Value)))
		}
		card := "app-candidate"
		if cand.Value == "" && kind != "" {
			card += " app-candidate--delete"
		}
		cards.AppendChild(el("div", cls(card), attr("id", rid+"-card"),
			child(el("div", cls("govuk-radios__item"), child(in),
				child(el("label", cls("govuk-label govuk-radios__label"), attr("for", rid), text(label))))),
			child(el("p", cls("app-candidate__who"), attr("id", rid+"-who"), text(strings.Join(who, "; ")))),
			child(body)))
	}
	// Writing a value makes sense for a field, not for a whole record:
	// a record is chosen as one, then edited in the new master.
	editable := kind == "" && c.Current != recordMark
	for _, cand := range c.Candidates {
		if cand.Value == recordMark || strings.HasPrefix(cand.Value, "{") {
			editable = false
		}
	}
	var area dom.Element
	group := el("div", cls("govuk-radios"), child(cards))
	if editable {
		rid := id + "-edit"
		in := el("input", cls("govuk-radios__input"), attr("id", rid), attr("name", name), attr("type", "radio"), attr("value", "edit"),
			attr("aria-controls", id+"-edit-conditional"))
		radios = append(radios, in)
		start := c.Current
		if start == "" && len(c.Candidates) > 0 {
			start = c.Candidates[0].Value
		}
		var ag dom.Element
		ag, area = a.textarea(field{id: id + "-value", label: a.t("merge.edit.value"), hint: a.t("merge.edit.hint"), value: plainValue(start), rows: 4, maxLength: 200000})
		group.AppendChild(el("div", cls("govuk-radios__item"), child(in),
			child(el("label", cls("govuk-label govuk-radios__label"), attr("for", rid), text(a.t("merge.edit"))))))
		cond := el("div", cls("govuk-radios__conditional govuk-radios__conditional--hidden app-conflict__edit"), attr("id", id+"-edit-conditional"), child(ag))
		group.AppendChild(cond)
		// GOV.UK's conditional reveal: the box for the new value shows
		// while its radio is chosen.
		for _, r := range radios {
			a.view.onEl(r, "change", func(js.Value) {
				if checked(in) {
					cond.Class().Remove("govuk-radios__conditional--hidden")
				} else {
					cond.Class().Add("govuk-radios__conditional--hidden")
				}
			})
		}
	}
	legend, hint, required := a.t("merge.choose"), "", a.t("merge.choose.required")
	if kind != "" {
		legend, hint, required = a.t("merge.record.choose"), a.t("merge.record.hint"), a.t("merge.record.choose.required")
	}
	f := field{id: name, err: errMsg}
	fs := el("fieldset", cls("govuk-fieldset"),
		child(el("legend", cls("govuk-fieldset__legend govuk-fieldset__legend--s"), text(legend))))
	var describedBy []string
	if hint != "" {
		fs.AppendChild(el("div", cls("govuk-hint"), attr("id", name+"-hint"), text(hint)))
		describedBy = append(describedBy, name+"-hint")
	}
	if e := a.errorEl(f); e != nil {
		fs.AppendChild(e)
	}
	fs.AppendChild(group)
	if errMsg != "" {
		describedBy = append(describedBy, name+"-error")
	}
	if len(describedBy) > 0 {
		fs.SetAttribute("aria-describedby", strings.Join(describedBy, " "))
	}
	box.AppendChild(el("div", cls(groupCls(f)), attr("id", name+"-group"), child(fs)))

	resolve := button(a.t("merge.resolve"), "", attr("id", id+"-resolve"), attr("aria-describedby", id+"-heading"))
	a.view.onClick(resolve, func() {
		choice := ""
		for _, r := range radios {
			if checked(r) {
				choice = value(r)
			}
		}
		if strings.TrimSpace(m.by) == "" {
			a.setFieldError("merge-by", a.t("merge.by.required"))
			a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("merge.by.required"), href: "#merge-by"}}})
			return
		}
		first := "#" + id + "-take-" + itoa(candidateOrder(c)[0]+1)
		if choice == "" {
			m.fieldErrors[c.ID] = required
			a.problems = &problemList{title: a.t("error.title"), items: []problemItem{{text: required, href: first}}}
			a.render()
			focus(byID("error-summary"))
			return
		}
		res := merge.Resolution{By: m.by, At: now()}
		if choice == "edit" {
			res.Value = editedValue(c, value(area))
			if res.Value == "" {
				res.Delete = true
			}
		} else {
			res.Take, _ = strconv.Atoi(choice)
		}
		out, err := merge.Resolve(m.result, c.ID, res)
		if err != nil {
			m.fieldErrors[c.ID] = a.t("merge.resolve.failed", err.Error())
			a.problems = &problemList{title: a.t("error.title"), items: []problemItem{{text: m.fieldErrors[c.ID], href: first}}}
			a.render()
			focus(byID("error-summary"))
			return
		}
		delete(m.fieldErrors, c.ID)
		m.result = out
		a.problems = nil
		a.spawn(a.saveMerge)
		a.render()
		// Focus the next conflict, now drawn where this one was, or the
		// export once none is left.
		if next := byID(id + "-heading"); next != nil {
			focus(next)
		} else {
			focus(byID("merge-export-heading"))
		}
		a.announce(a.t("status.resolved", len(out.OpenConflicts())))
	})
	box.AppendChild(resolve)
	return box
}

// candidateOrder is the order the candidates of c are drawn in: for a
// record, the master's version first, then the drafts' versions, then
// deleting it; for a field, jsna's order.
func candidateOrder(c jsna.Conflict) []int {
	var keep, versions, del []int
	for j, cand := range c.Candidates {
		switch {
		case recordKind(c.Path) == "":
			versions = append(versions, j)
		case cand.Value == recordMark:
			keep = append(keep, j)
		case cand.Value == "":
			del = append(del, j)
		default:
			versions = append(versions, j)
		}
	}
	return append(append(keep, versions...), del...)
}

// describeConflict names the place of conflict c in words. A record the
// master no longer has is named by the title its versions give it.
func (a *App) describeConflict(d *jsna.Document, c jsna.Conflict) string {
	title := ""
	if kind := recordKind(c.Path); kind != "" {
		for _, cand := range c.Candidates {
			var obj map[string]json.RawMessage
			if json.Unmarshal([]byte(cand.Value), &obj) != nil {
				continue
			}
			for _, m := range []string{"title", "name"} {
				var s string
				if json.Unmarshal(obj[m], &s) == nil && s != "" && title == "" {
					title = s
				}
			}
		}
	}
	return a.describePathTitle(d, c.Path, title)
}

// shownValue is a conflict value (canonical JSON) for people: text without
// its quotes, numbers as they are, and words for "absent" and "the record".
func (a *App) shownValue(v string) string {
	switch v {
	case "":
		return a.t("merge.value.absent")
	case recordMark:
		return a.t("merge.value.record")
	}
	return plainValue(v)
}

// plainValue unquotes a JSON string; other JSON is returned as it is.
func plainValue(v string) string {
	if strings.HasPrefix(v, `"`) {
		var s string
		if json.Unmarshal([]byte(v), &s) == nil {
			return s
		}
	}
	return v
}

// editedValue turns what the coordinator wrote into the JSON value
// Resolve takes: a JSON string where the field holds text, the text as
// written (a number, true or false) otherwise. "" deletes a value that is
// not text.
func editedValue(c jsna.Conflict, s string) string {
	isText := strings.HasPrefix(c.Current, `"`)
	for _, cand := range c.Candidates {
		if strings.HasPrefix(cand.Value, `"`) {
			isText = true
		}
	}
	if isText {
		b, _ := json.Marshal(s)
		return string(b)
	}
	return strings.TrimSpace(s)
}

// describePath names the place a path points to in words: the ward, the
// record (section, need, asset, note, indicator) by its title, and the
// field, e.g. "Riverside › Narrative: Who lives here › text".
func (a *App) describePath(d *jsna.Document, path string) string {
	return a.describePathTitle(d, path, "")
}

// describePathTitle is describePath, naming a record d does not have by
// title (where title is not "").
func (a *App) describePathTitle(d *jsna.Document, path, title string) string {
	segs := splitPath(path)
	var parts []string
	var w *jsna.Ward
	for i, s := range segs {
		switch {
		case s.name == "wards" && s.record:
			w = nil
			for i := range d.Wards {
				if d.Wards[i].Code == s.key {
					w = &d.Wards[i]
				}
			}
			switch {
			case w != nil:
				parts = append(parts, w.Name)
			case i == len(segs)-1 && title != "":
				parts = append(parts, title)
			default:
				parts = append(parts, a.t("merge.where.ward", s.key))
			}
		case s.record:
			label := a.recordLabel(d, w, s.name, s.key)
			if i == len(segs)-1 && title != "" && strings.HasSuffix(label, ": "+s.key) {
				label = strings.TrimSuffix(label, s.key) + title
			}
			parts = append(parts, label)
		default:
			parts = append(parts, s.name)
		}
	}
	if len(parts) == 0 {
		return path
	}
	return strings.Join(parts, " › ")
}

// recordLabel names a record of a ward (or of the document) by its kind
// and its title.
func (a *App) recordLabel(d *jsna.Document, w *jsna.Ward, kind, key string) string {
	title := key
	label := kind
	switch kind {
	case "sections":
		label = a.t("ward.tab.narrative")
		if w != nil {
			for _, s := range w.Sections {
				if s.ID == key {
					title = s.Title
				}
			}
		}
	case "needs":
		label = a.t("ward.tab.needs")
		if w != nil {
			for _, n := range w.Needs {
				if n.ID == key {
					title = n.Title
				}
			}
		}
	case "assets":
		label = a.t("ward.tab.assets")
		if w != nil {
			for _, x := range w.Assets {
				if x.ID == key {
					title = x.Name
				}
			}
		}
	case "voice":
		label = a.t("ward.tab.voice")
	case "values", "indicators":
		label = a.t("ward.tab.indicators")
		for _, ind := range d.Indicators {
			if ind.ID == key {
				title = ind.Name
			}
		}
	}
	return label + ": " + title
}

// pathSeg is one step of a jsna path: a member, or a record by its key.
type pathSeg struct {
	name   string
	record bool
	key    string
}

// splitPath splits a jsna path (wards[E05000001].sections[s1].text, with
// names and keys quoted where they hold . [ ] " \ or a space) into steps,
// for describePath. A path it cannot read gives no steps.
func splitPath(p string) []pathSeg {
	var out []pathSeg
	for p != "" {
		var s pathSeg
		var ok bool
		if s.name, p, ok = cutPathPart(p, ".["); !ok {
			return nil
		}
		if strings.HasPrefix(p, "[") {
			if s.key, p, ok = cutPathPart(p[1:], "]"); !ok || !strings.HasPrefix(p, "]") {
				return nil
			}
			s.record = true
			p = p[1:]
		}
		out = append(out, s)
		if p != "" && !strings.HasPrefix(p, ".") {
			return nil
		}
		p = strings.TrimPrefix(p, ".")
	}
	return out
}

// cutPathPart reads a name or key, quoted or up to one of stops.
func cutPathPart(p, stops string) (part, rest string, ok bool) {
	if strings.HasPrefix(p, `"`) {
		q, err := strconv.QuotedPrefix(p)
		if err != nil {
			return "", "", false
		}
		u, _ := strconv.Unquote(q)
		return u, p[len(q):], true
	}
	i := strings.IndexAny(p, stops)
	if i < 0 {
		return p, "", true
	}
	return p[:i], p[i:], true
}

// exportMerged offers the new master as a download. It blocks.
func (a *App) exportMerged() {
	d := a.merge.result
	data, err := jsna.Marshal(d)
	if err == nil {
		err = download(safeFileName(d.ID+".json"), "application/json", data)
	}
	if errors.Is(err, errAbort) {
		return
	}
	if err != nil {
		a.showError(a.t("error.save", err.Error()))
		return
	}
	a.announce(a.t("status.saved", safeFileName(d.ID+".json")))
}

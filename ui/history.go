//go:build js && wasm && !wardwise_viewer

package ui

import (
	"errors"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// The history page (#/history): the working master's revisions, newest
// first (who merged or resolved what, when, how many records changed and
// conflicts opened), and for a ward (#/history/CODE) who set each of its
// values: "set by Cllr B (Ward councillor), saved 3 Dec 2026, 10:00;
// merged by Jo, 4 Dec 2026, 09:00".

func init() {
	registerView("history", extraView{navKey: "nav.history", needsDoc: true, render: func(a *App, r route) dom.Node { return a.renderHistory(r) }})
}

// renderHistory is the history page of the working document.
func (a *App) renderHistory(r route) dom.Node {
	d := a.doc
	a.setTitle(a.t("history.title"), d.Title)
	v := el("div")
	v.AppendChild(el("span", cls("govuk-caption-l"), text(a.docTitle(d))))
	v.AppendChild(h1(a.t("history.title")))
	if n, ok := revisionNumber(r.ward, d); ok {
		v.AppendChild(el("a", cls("govuk-back-link"), attr("href", "#/history"), text(a.t("history.back"))))
		v.AppendChild(a.revisionView(d, n))
		return v
	}
	if w := findWardIn(d, r.ward); w != nil {
		v.AppendChild(el("a", cls("govuk-back-link"), attr("href", "#/history"), text(a.t("history.back"))))
		v.AppendChild(a.provenanceTable(d, w))
		return v
	}
	v.AppendChild(el("p", cls("govuk-body-l"), text(a.t("history.lede"))))
	if len(d.History) == 0 {
		v.AppendChild(el("p", cls("govuk-body"), attr("id", "history-none"), text(a.t("history.none"))))
	} else {
		v.AppendChild(a.revisionTable(d))
	}
	v.AppendChild(el("h2", cls("govuk-heading-m"), text(a.t("history.who.heading"))))
	v.AppendChild(el("p", cls("govuk-body"), text(a.t("history.who.intro"))))
	ul := el("ul", cls("govuk-list"), attr("id", "history-wards"))
	for _, w := range d.Wards {
		ul.AppendChild(el("li", child(link(route{view: "history", ward: w.Code}.href(), a.wardName(&w)))))
	}
	v.AppendChild(ul)
	return v
}

// revisionTable lists d's revisions, newest first: each one the merge or
// resolution that made it from the one before.
func (a *App) revisionTable(d *jsna.Document) dom.Element {
	authors := draftAuthors(d)
	t := el("table", cls("govuk-table"), attr("id", "history-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--m"), text(a.t("history.caption"))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("history.col.revision"), true)),
		child(th(a.t("history.col.when"), false)),
		child(th(a.t("history.col.what"), false)),
		child(th(a.t("history.col.by"), false)),
		child(th(a.t("history.col.changes"), true)),
		child(th(a.t("history.col.conflicts"), true))))))
	body := el("tbody", cls("govuk-table__body"))
	for i := len(d.History) - 1; i >= 0; i-- {
		h := d.History[i]
		by := h.By
		if by == "" {
			by = a.t("history.by.unknown")
		}
		rev := link(route{view: "history", ward: "revision-" + itoa(i+1)}.href(), a.t("history.view", i+1))
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header govuk-table__header--numeric"), attr("scope", "row"), text(itoa(i+2)),
				child(el("br")), child(el("span", cls("govuk-body-s"), child(rev))))),
			child(td(a.whenText(h.SavedAt), false)),
			child(td(a.revisionWhat(d, h, authors), false)),
			child(td(by, false)),
			child(td(itoa(len(merge.Records(undoChanges(h.Undo)))), true)),
			child(td(itoa(h.Opened), true))))
	}
	t.AppendChild(body)
	return el("div", cls("app-table-wrap"), child(t))
}

// revisionWhat says what made the revision after h: the drafts merged, by
// author, or the conflict resolved, by where it was.
func (a *App) revisionWhat(d *jsna.Document, h jsna.HistoryEntry, authors map[string]string) string {
	switch {
	case h.Resolved != "":
		for _, r := range d.Resolutions {
			if r.Conflict == h.Resolved {
				return a.t("history.what.resolved", a.describePath(d, r.Path))
			}
		}
		return a.t("history.what.resolved", h.Resolved)
	case len(h.Drafts) > 0:
		var who []string
		for _, id := range h.Drafts {
			if au := authors[id]; au != "" {
				who = append(who, a.t("history.draft.by", au, id))
			} else {
				who = append(who, id)
			}
		}
		return a.t("history.what.merged", strings.Join(who, "; "))
	}
	return a.t("history.what.unknown")
}

// undoChanges are an undo list as changes: each path's earlier value, the
// later one not known (only that it differed).
func undoChanges(undo []jsna.PathValue) []merge.Change {
	out := make([]merge.Change, len(undo))
	for i, u := range undo {
		out[i] = merge.Change{Path: u.Path, From: u.Value, To: "?"}
	}
	return out
}

// draftAuthors maps each draft id the master's bookkeeping names to its
// author.
func draftAuthors(d *jsna.Document) map[string]string {
	out := map[string]string{}
	add := func(ss []jsna.Source) {
		for _, s := range ss {
			if s.Author != "" {
				out[s.Draft] = s.Author
			}
		}
	}
	for _, p := range d.Provenance {
		add(p.By)
	}
	for _, c := range d.Conflicts {
		for _, cand := range c.Candidates {
			add(cand.By)
		}
	}
	for _, r := range d.Resolutions {
		for _, cand := range r.Over {
			add(cand.By)
		}
	}
	return out
}

// provenanceTable is who set each value of ward w that came from a draft
// or a resolution, in path order.
func (a *App) provenanceTable(d *jsna.Document, w *jsna.Ward) dom.Element {
	sec := el("section", attr("aria-labelledby", "history-ward-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "history-ward-heading"), text(a.t("history.ward.heading", a.wardName(w)))))
	prefix := "wards[" + w.Code + "]"
	t := el("table", cls("govuk-table"), attr("id", "provenance-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("history.ward.heading", a.wardName(w)))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("history.col.value"), false)), child(th(a.t("history.col.setby"), false))))))
	body := el("tbody", cls("govuk-table__body"))
	n := 0
	for _, p := range d.Provenance {
		if p.Path != prefix && !strings.HasPrefix(p.Path, prefix+".") {
			continue
		}
		n++
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(a.describePath(d, p.Path)))),
			child(td(a.provenanceText(d, p.By), false))))
	}
	if n == 0 {
		sec.AppendChild(el("p", cls("govuk-body"), attr("id", "provenance-none"), text(a.t("history.ward.none"))))
		return sec
	}
	t.AppendChild(body)
	sec.AppendChild(el("div", cls("app-table-wrap"), child(t)))
	return sec
}

// provenanceText says who set a value: each source, when it was saved,
// and who merged it and when, from the history.
func (a *App) provenanceText(d *jsna.Document, by []jsna.Source) string {
	var out []string
	for _, s := range by {
		line := a.t("history.set.by", a.sourceAuthor(s), a.roleLabel(s.Role))
		if s.SavedAt != "" {
			line += ", " + a.t("history.saved", a.whenText(s.SavedAt))
		}
		if strings.HasPrefix(s.Draft, "resolution ") {
			line = a.t("history.resolved.by", a.sourceAuthor(s), a.whenText(s.SavedAt))
		} else if h := mergedBy(d, s.Draft); h != nil {
			if h.By != "" {
				line += "; " + a.t("history.merged.by", h.By, a.whenText(h.SavedAt))
			} else {
				line += "; " + a.t("history.merged.at", a.whenText(h.SavedAt))
			}
		}
		out = append(out, line)
	}
	return strings.Join(out, ". ")
}

// mergedBy is the latest history entry of d that merged draft id, or nil.
func mergedBy(d *jsna.Document, id string) *jsna.HistoryEntry {
	for i := len(d.History) - 1; i >= 0; i-- {
		for _, x := range d.History[i].Drafts {
			if x == id {
				return &d.History[i]
			}
		}
	}
	return nil
}

// revisionNumber reads "revision-N" (1 the first revision, up to the
// history's length) from a history address.
func revisionNumber(s string, d *jsna.Document) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(s, "revision-"))
	if !strings.HasPrefix(s, "revision-") || err != nil || n < 1 || n > len(d.History) {
		return 0, false
	}
	return n, true
}

// revisionView shows revision n of d, read-only, as what differs from it
// now: each record changed since, and each field's earlier and current
// value, text as a word difference. The revision can be downloaded.
func (a *App) revisionView(d *jsna.Document, n int) dom.Element {
	sec := el("section", attr("aria-labelledby", "revision-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "revision-heading"), text(a.t("history.revision.heading", n))))
	old, err := merge.AtRevision(d, d.History[n-1].Revision)
	if err != nil {
		sec.AppendChild(el("p", cls("govuk-body"), text(err.Error())))
		return sec
	}
	recs := merge.Records(merge.Diff(old, d))
	sec.AppendChild(el("p", cls("govuk-body"), attr("id", "revision-summary"), text(a.tn("history.revision.since", len(recs)))))
	dl := button(a.t("history.revision.download", n), "secondary", attr("id", "revision-download"))
	a.view.onClick(dl, func() {
		a.spawn(func() {
			data, err := jsna.Marshal(old)
			if err == nil {
				err = download(safeFileName(strings.TrimSuffix(merge.FileName(old, now()), ".json")+"-revision-"+itoa(n)+".json"), "application/json", data)
			}
			if err != nil && !errors.Is(err, errAbort) {
				a.showError(a.t("error.save", err.Error()))
			}
		})
	})
	sec.AppendChild(dl)
	const most = 200
	ul := el("ul", cls("govuk-list app-revision"), attr("id", "revision-changes"))
	for i, rc := range recs {
		if i == most {
			ul.AppendChild(el("li", text(a.tn("history.revision.more", len(recs)-most))))
			break
		}
		ul.AppendChild(a.recordChangeItem(old, d, rc))
	}
	sec.AppendChild(ul)
	return sec
}

// recordChangeItem is one record changed between old and now: where it
// is, and each field's value then and now.
func (a *App) recordChangeItem(old, now *jsna.Document, rc merge.RecordChange) dom.Element {
	where := a.describePath(now, rc.Path)
	if rc.Change == merge.Removed {
		where = a.describePath(old, rc.Path)
	}
	li := el("li", cls("app-revision__record"), child(el("h3", cls("govuk-heading-s govuk-!-margin-bottom-1"), text(where+": "+a.t("history.change."+rc.Change)))))
	dl := el("dl", cls("govuk-summary-list govuk-summary-list--no-border"))
	for _, c := range rc.Changes {
		if c.From == "(record)" || c.To == "(record)" {
			continue
		}
		var val dom.Element
		if isJSONString(c.From) && isJSONString(c.To) {
			val = a.candidateValue("", c.From, c.To)
			val.RemoveAttribute("id")
		} else {
			val = el("div", text(a.t("history.was.now", a.shownValue(c.From), a.shownValue(c.To))))
		}
		dl.AppendChild(el("div", cls("govuk-summary-list__row"),
			child(el("dt", cls("govuk-summary-list__key"), text(a.fieldLabel(rc.Kind, lastPathName(c.Path))))),
			child(el("dd", cls("govuk-summary-list__value"), child(val)))))
	}
	li.AppendChild(dl)
	return li
}

// fieldLabel is the catalogue's label of field name of a record of kind,
// or the name where it has none.
func (a *App) fieldLabel(kind, name string) string {
	if _, ok := messagesEN["record."+kind+"."+name]; ok {
		return a.t("record." + kind + "." + name)
	}
	return name
}

// lastPathName is the last member name of a path.
func lastPathName(p string) string {
	segs := splitPath(p)
	if len(segs) == 0 {
		return p
	}
	return segs[len(segs)-1].name
}

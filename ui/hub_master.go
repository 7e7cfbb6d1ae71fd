//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"sort"
	"strconv"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// hubMerge is the hub's answer to POST …/merge.
type hubMerge struct {
	Master struct {
		Seq           int    `json:"seq"`
		Revision      string `json:"revision"`
		OpenConflicts int    `json:"open_conflicts"`
	} `json:"master"`
	Changed bool `json:"changed"`
	Merged  []struct {
		Draft   string `json:"draft"`
		Version int    `json:"version"`
		Author  string `json:"author"`  // the author name in the file
		SentBy  string `json:"sent_by"` // the hub's label for who sent it
		Round   int    `json:"round"`
	} `json:"merged"`
	Rounds int           `json:"rounds"`
	Report *merge.Report `json:"report"`
}

// masterSection lets a token holder fetch the hub's master, and a
// coordinator merge the drafts waiting on the hub.
func (h *hubState) masterSection(acc *hubAccess) dom.Element {
	a := h.a
	sec := el("section", attr("aria-labelledby", "hub-master-heading"))
	sec.AppendChild(el("h2", cls("govuk-heading-m"), attr("id", "hub-master-heading"), attr("tabindex", "-1"), text(a.t("hub.master.heading"))))
	sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.master.body"))))
	fetch := button(a.t("hub.master.fetch"), "secondary", attr("id", "hub-fetch-master"))
	a.view.onClick(fetch, func() {
		if !h.busy {
			a.spawn(func() { h.fetchMaster(acc.Assessment) })
		}
	})
	group := el("div", cls("govuk-button-group"), child(fetch))
	if acc.Role == "coordinator" {
		sec.AppendChild(el("p", cls("govuk-body"), text(a.t("hub.merge.body"))))
		merge := button(a.t("hub.merge"), "", attr("id", "hub-merge"))
		a.view.onClick(merge, func() {
			if !h.busy {
				a.spawn(func() { h.runMerge(acc.Assessment) })
			}
		})
		group.AppendChild(merge)
	}
	sec.AppendChild(group)
	if acc.Role == "coordinator" {
		sec.AppendChild(el("p", cls("govuk-body"), child(link("#/hub-tokens", a.t("hub.tokens.link")))))
	}
	if m := h.merge; m != nil && acc.Role == "coordinator" {
		sec.AppendChild(h.mergeReport(m))
	}
	return sec
}

// fetchMaster opens the hub's current master as the working document.
// Unsaved work is kept in the browser as "earlier work", as when a file is
// opened. It blocks.
func (h *hubState) fetchMaster(assessment string) {
	a := h.a
	h.busy = true
	defer func() { h.busy = false }()
	a.announce(a.t("hub.status.fetching"))
	res, err := hubFetch("GET", hubPath(assessment, "master"), h.token(assessment), nil)
	if err != nil {
		a.showError(a.t("hub.master.offline"))
		return
	}
	if res.status != 200 {
		a.showError(a.t("hub.master.failed", res.message(a)))
		return
	}
	name := safeFileName(assessment + ".json")
	d, err := jsna.Parse(name, res.body)
	if err != nil {
		a.showProblems(a.problemsOf(name, err))
		return
	}
	seq := res.headers.Call("get", "Wardwise-Master-Seq")
	n := 0
	if seq.Type() == js.TypeString {
		n, _ = strconv.Atoi(seq.String())
	}
	a.setDocument(d, name, js.Undefined())
	a.renderShell()
	a.goTo(route{view: "area"})
	a.announce(a.t("hub.status.fetched", d.Title, n))
}

// runMerge merges the drafts waiting on the hub into its master and shows
// the hub's report. It blocks.
func (h *hubState) runMerge(assessment string) {
	a := h.a
	h.busy = true
	defer func() { h.busy = false }()
	a.announce(a.t("hub.status.merging"))
	// An empty JSON object: the hub refuses a body without its type.
	res, err := hubFetch("POST", hubPath(assessment, "merge"), h.token(assessment), []byte("{}"))
	if err != nil {
		a.showError(a.t("hub.merge.offline"))
		return
	}
	if res.status != 200 {
		list := &problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("hub.merge.failed", res.message(a))}}}
		if e := res.apiError(); e != nil {
			for _, p := range e.problemTexts(a) {
				list.items = append(list.items, problemItem{text: p})
			}
		}
		a.showProblems(list)
		return
	}
	var m hubMerge
	if err := json.Unmarshal(res.body, &m); err != nil {
		a.showError(a.t("hub.merge.failed", a.t("hub.why.garbled", res.status)))
		return
	}
	h.merge = &m
	if acc := h.access[assessment]; acc != nil {
		acc.Master.Seq, acc.Master.OpenConflicts = m.Master.Seq, m.Master.OpenConflicts
		acc.Drafts.Pending = 0
	}
	h.refreshAccess(assessment)
	a.problems = nil
	if h.onView() {
		h.redraw("hub-merge-heading")
	}
	a.announce(a.tn("hub.status.merged", len(m.Merged), m.Master.Seq, a.tn("count.conflicts.open", m.Master.OpenConflicts)))
	h.refreshAll(0)
}

// senderCell is the hub's label for who sent a draft, marked where it is
// not the author name in the file: the hub knows the sender by her token,
// while anyone can type any name as the author.
func (h *hubState) senderCell(author, sentBy string) dom.Element {
	cell := td(sentBy, false)
	if sentBy != "" && author != sentBy {
		cell.AppendChild(doc.CreateTextNode(" "))
		cell.AppendChild(tag(h.a.t("hub.merge.sender.differs"), "orange"))
	}
	return cell
}

// mergeReport shows what a merge on the hub did.
func (h *hubState) mergeReport(m *hubMerge) dom.Element {
	a := h.a
	sec := el("section", attr("id", "hub-merge-report"), attr("aria-labelledby", "hub-merge-heading"))
	sec.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", "hub-merge-heading"), attr("tabindex", "-1"), text(a.t("hub.merge.heading"))))
	if !m.Changed && len(m.Merged) == 0 {
		sec.AppendChild(el("p", cls("govuk-body"), attr("id", "hub-merge-nothing"), text(a.t("hub.merge.nothing", m.Master.Seq))))
		return sec
	}
	rows := [][2]string{
		{a.t("hub.merge.seq"), itoa(m.Master.Seq)},
		{a.t("hub.merge.drafts"), itoa(len(m.Merged))},
		{a.t("hub.merge.rounds"), itoa(m.Rounds)},
	}
	if r := m.Report; r != nil {
		rows = append(rows,
			[2]string{a.t("merge.report.taken"), itoa(r.Taken)},
			[2]string{a.t("merge.report.merged"), itoa(r.Merged)},
			[2]string{a.t("merge.report.conflicts"), itoa(len(r.Conflicts))})
	}
	rows = append(rows, [2]string{a.t("merge.report.open"), itoa(m.Master.OpenConflicts)})
	sec.AppendChild(summaryList("hub-merge-totals", rows))
	t := el("table", cls("govuk-table"), attr("id", "hub-merge-table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-table__caption--s"), text(a.t("hub.merge.caption"))))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(el("tr", cls("govuk-table__row"),
		child(th(a.t("merge.col.draft"), false)),
		child(th(a.t("hub.merge.col.version"), true)),
		child(th(a.t("hub.merge.col.author"), false)),
		child(th(a.t("hub.merge.col.sentby"), false)),
		child(th(a.t("hub.merge.col.round"), true))))))
	body := el("tbody", cls("govuk-table__body"))
	merged := append(m.Merged[:0:0], m.Merged...)
	sort.SliceStable(merged, func(i, j int) bool { return merged[i].Round < merged[j].Round })
	for _, d := range merged {
		body.AppendChild(el("tr", cls("govuk-table__row"),
			child(el("th", cls("govuk-table__header"), attr("scope", "row"), text(d.Draft))),
			child(td(itoa(d.Version), true)),
			child(td(d.Author, false)),
			child(h.senderCell(d.Author, d.SentBy)),
			child(td(itoa(d.Round), true))))
	}
	t.AppendChild(body)
	sec.AppendChild(el("div", cls("app-table-wrap"), child(t)))
	return sec
}

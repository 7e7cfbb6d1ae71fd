//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strings"

	"github.com/wardwise/wardwise/jsna/importer"
	"honnef.co/go/js/dom/v2"
)

// The skipped rows of an import, for people: every row the importer left
// out, grouped by reason (importer.SkipReasons) and, within a reason, by
// indicator, each reason in plain words with what to do. The catalogue
// words the importer's reason codes (import.group.REASON, plural, and
// import.todo.REASON); their English is the importer's own table, word for
// word (a test checks).

// skipReasonView is one reason's part of the summary, in the app's
// language.
type skipReasonView struct {
	key      string // its part's id after the summary's: the reason (+ "-" + n for its n-th detail)
	what     string // "147 rows had no indicator ID"
	todo     string // "What to do: …"
	byInd    bool   // whether the rows have indicators (not a registrations file's)
	rows     []skipRowView
	linesCol string // the heading of the example lines' column
}

// skipRowView is one indicator's rows of a reason.
type skipRowView struct {
	indicator, rows, lines string
}

// skipReasonViews words groups (Report.Groups) by reason, in the app's
// language; sheet names the .ods sheet the lines are rows of ("" for a
// CSV file).
func (a *App) skipReasonViews(groups []importer.SkipGroup, sheet string) []skipReasonView {
	var out []skipReasonView
	seen := map[string]int{}
	for _, r := range importer.SkipReasons(groups) {
		v := skipReasonView{key: r.Reason, todo: a.t("import.group.todo", a.t("import.todo."+r.Reason)),
			linesCol: a.t("import.group.col.lines")}
		if seen[r.Reason]++; seen[r.Reason] > 1 {
			v.key += "-" + itoa(seen[r.Reason])
		}
		if _, _, hasDetail, _ := importer.ReasonWords(r.Reason); hasDetail {
			v.what = a.tn("import.group."+r.Reason, r.Rows, r.Detail)
		} else {
			v.what = a.tn("import.group."+r.Reason, r.Rows)
		}
		if sheet != "" {
			v.linesCol = a.t("import.group.col.rows.sheet", sheet)
		}
		for _, g := range r.Groups {
			ind := g.Indicator
			if ind == "" {
				ind = a.t("import.group.noindicator")
			} else {
				v.byInd = true
			}
			v.rows = append(v.rows, skipRowView{indicator: ind, rows: fmtInt(g.Rows), lines: a.exampleLines(g)})
		}
		out = append(out, v)
	}
	return out
}

// exampleLines are g's example lines, "4, 5, 6" or "4, 5, 6 and more".
func (a *App) exampleLines(g importer.SkipGroup) string {
	nums := make([]string, len(g.Lines))
	for i, l := range g.Lines {
		nums[i] = itoa(l)
	}
	s := strings.Join(nums, ", ")
	if g.Rows > len(g.Lines) {
		s = a.t("import.group.more", s)
	}
	return s
}

// skipGroupsView is the GOV.UK summary of the skipped rows of an import:
// a heading, then for each reason its sentence, what to do, and a table of
// its rows by indicator with example lines. It is nil when no row was
// skipped. id prefixes the ids of its parts, as an overview and a
// practice import may each show one.
func (a *App) skipGroupsView(id string, groups []importer.SkipGroup, sheet string) dom.Element {
	views := a.skipReasonViews(groups, sheet)
	if len(views) == 0 {
		return nil
	}
	sec := el("section", cls("app-skipped"), attr("id", id), attr("aria-labelledby", id+"-heading"))
	sec.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", id+"-heading"), text(a.t("import.groups.heading"))))
	sec.AppendChild(el("p", cls("govuk-body"), text(a.t("import.groups.lede"))))
	for _, v := range views {
		part := el("div", cls("app-skipped__reason"), attr("id", id+"-"+v.key))
		part.AppendChild(el("h4", cls("govuk-heading-s app-skipped__what"), text(v.what)))
		part.AppendChild(el("p", cls("govuk-body app-skipped__todo"), text(v.todo)))
		part.AppendChild(a.skipTable(v))
		sec.AppendChild(part)
	}
	return sec
}

// skipTable is a reason's rows by indicator: the indicator (where the rows
// have one), how many rows and the first lines.
func (a *App) skipTable(v skipReasonView) dom.Element {
	t := el("table", cls("govuk-table app-skipped__table"))
	t.AppendChild(el("caption", cls("govuk-table__caption govuk-visually-hidden"), text(a.t("import.group.caption", v.what))))
	head := el("tr", cls("govuk-table__row"))
	if v.byInd {
		head.AppendChild(th(a.t("import.group.col.indicator"), false))
	}
	head.AppendChild(th(a.t("import.group.col.rows"), true))
	head.AppendChild(th(v.linesCol, false))
	t.AppendChild(el("thead", cls("govuk-table__head"), child(head)))
	body := el("tbody", cls("govuk-table__body"))
	for _, r := range v.rows {
		tr := el("tr", cls("govuk-table__row"))
		if v.byInd {
			tr.AppendChild(el("th", cls("govuk-table__header"), attr("scope", "row"), text(r.indicator)))
		}
		tr.AppendChild(td(r.rows, true))
		tr.AppendChild(td(r.lines, false))
		body.AppendChild(tr)
	}
	t.AppendChild(body)
	return t
}

// skippedRowsBox is every skipped row one by one (the first
// maxImportRows), with why, in a details box that starts closed; nil when
// none was skipped.
func (a *App) skippedRowsBox(rep *importer.Report) dom.Element {
	if len(rep.SkippedRows) == 0 {
		return nil
	}
	list := el("ul", cls("govuk-list"))
	for _, l := range a.skippedRowLines(rep) {
		list.AppendChild(el("li", text(l)))
	}
	return detailsBox(a.t("import.rows.all"), child(list))
}

// skippedRowLines are the first maxImportRows skipped rows of rep, a line
// each with where and why, and how many more there are.
func (a *App) skippedRowLines(rep *importer.Report) []string {
	n := min(len(rep.SkippedRows), maxImportRows)
	var lines []string
	for _, s := range rep.SkippedRows[:n] {
		lines = append(lines, a.skippedRow(s))
	}
	if more := len(rep.SkippedRows) - n + rep.SkippedRowsOmitted; more > 0 {
		lines = append(lines, a.tn("import.rows.more", more))
	}
	return lines
}

// unknownIndicatorsView is the import report's list of the indicators the
// built-in table does not know (Report.Unknown), each a link to its page,
// where its method, polarity and unit can be set, with what to do; nil
// when there is none.
func (a *App) unknownIndicatorsView(id string, rep *importer.Report) dom.Element {
	if len(rep.Unknown) == 0 {
		return nil
	}
	sec := el("section", cls("app-skipped"), attr("id", id), attr("aria-labelledby", id+"-heading"))
	sec.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", id+"-heading"), text(a.tn("import.unknown.heading", len(rep.Unknown)))))
	sec.AppendChild(el("p", cls("govuk-body"), text(a.t("import.unknown.lede"))))
	list := el("ul", cls("govuk-list govuk-list--bullet"))
	for _, indID := range rep.Unknown {
		name := indID
		if a.doc != nil {
			for i := range a.doc.Indicators {
				if ind := &a.doc.Indicators[i]; ind.ID == indID {
					name = a.t("import.unknown.item", a.indicatorName(a.doc, ind), indID)
				}
			}
		}
		list.AppendChild(el("li", child(link(route{view: "indicator", ward: indID}.href(), name))))
	}
	sec.AppendChild(list)
	sec.AppendChild(el("p", cls("govuk-body app-skipped__todo"), text(a.t("import.group.todo", a.t("import.unknown.todo")))))
	return sec
}

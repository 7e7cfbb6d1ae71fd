//go:build js && wasm && !wardwise_viewer

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// The open conflicts grouped by ward, as a GOV.UK task list: each ward
// with conflicts since the merge, how many are left and a link to the
// first, so that the coordinator sees what is left.

// pathWard is the ward code a path is under, or "" for a document-wide
// path.
func pathWard(p string) string {
	if segs := splitPath(p); len(segs) > 0 && segs[0].name == "wards" && segs[0].record {
		return segs[0].key
	}
	return ""
}

// wardTask is one ward's line of the conflicts' task list.
type wardTask struct {
	ward     string // code, "" for the document
	open     int
	resolved int
	first    int // index among the open conflicts of the first of the ward's, -1 for none
}

// wardTasks groups the open conflicts, and those resolved since the
// merge, by ward, in the order the conflicts are drawn (the wards with
// none left after).
func wardTasks(open []jsna.Conflict, resolved []jsna.ResolutionRecord) []wardTask {
	var out []wardTask
	at := map[string]int{}
	get := func(w string) *wardTask {
		i, ok := at[w]
		if !ok {
			i = len(out)
			at[w] = i
			out = append(out, wardTask{ward: w, first: -1})
		}
		return &out[i]
	}
	for i, c := range open {
		t := get(pathWard(c.Path))
		if t.first < 0 {
			t.first = i
		}
		t.open++
	}
	for _, r := range resolved {
		get(pathWard(r.Path)).resolved++
	}
	return out
}

// conflictTaskList is the task list of the merge's conflicts by ward.
func (a *App) conflictTaskList(d *jsna.Document, open []jsna.Conflict, resolved []jsna.ResolutionRecord) dom.Element {
	ul := el("ul", cls("govuk-task-list"), attr("id", "merge-tasks"))
	for i, t := range wardTasks(open, resolved) {
		name := a.t("tasks.document")
		if w := findWardIn(d, t.ward); w != nil {
			name = a.wardName(w)
		} else if t.ward != "" {
			name = t.ward
		}
		sid := "merge-task-" + itoa(i) + "-status"
		hint := el("div", cls("govuk-task-list__hint"), attr("id", "merge-task-"+itoa(i)+"-hint"),
			text(a.t("tasks.hint", t.open+t.resolved, t.resolved)))
		status := el("div", cls("govuk-task-list__status"), attr("id", sid), text(a.t("tasks.done")))
		if t.open > 0 {
			empty(status)
			status.AppendChild(el("strong", cls("govuk-tag govuk-tag--blue"), text(a.t("tasks.left", t.open))))
		}
		item := el("li", cls("govuk-task-list__item"))
		nameHint := el("div", cls("govuk-task-list__name-and-hint"))
		if t.first >= 0 {
			item.Class().Add("govuk-task-list__item--with-link")
			target := "conflict-" + itoa(t.first) + "-heading"
			l := link("#"+target, name, cls("govuk-link govuk-task-list__link"), attr("aria-describedby", sid+" merge-task-"+itoa(i)+"-hint"))
			a.view.onClick(l, func() {
				if h := byID(target); h != nil {
					h.Underlying().Call("scrollIntoView")
					focus(h)
				}
			})
			nameHint.AppendChild(l)
		} else {
			nameHint.AppendChild(el("span", text(name)))
		}
		nameHint.AppendChild(hint)
		item.AppendChild(nameHint)
		item.AppendChild(status)
		ul.AppendChild(item)
	}
	return ul
}

// findWardIn is the ward of d with code, or nil.
func findWardIn(d *jsna.Document, code string) *jsna.Ward {
	for i := range d.Wards {
		if d.Wards[i].Code == code {
			return &d.Wards[i]
		}
	}
	return nil
}

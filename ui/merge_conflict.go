//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"strings"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// A conflict of the merge view drawn: its box, its candidates side by side
// and the choice that resolves it, and the values shown and written.

// conflictBox shows conflict number i: where it is, the master's value,
// every candidate side by side with who proposed it and when, and the
// choice that resolves it. A conflict on a whole record shows each
// version as a list of fields, and offers no free-written value.
func (a *App) conflictBox(i int, c jsna.Conflict) dom.Element {
	id := "conflict-" + itoa(i)
	kind := recordKind(c.Path)
	box := el("section", cls("app-conflict"), attr("id", id), attr("aria-labelledby", id+"-heading"))
	box.AppendChild(el("h3", cls("govuk-heading-s"), attr("id", id+"-heading"), attr("tabindex", "-1"),
		text(a.t("merge.conflict.heading", i+1, a.describeConflict(a.merge.result, c)))))
	box.AppendChild(a.conflictWhere(c))
	if cur := a.conflictCurrent(id, kind, c); cur != nil {
		box.AppendChild(cur)
	}
	if kind == "" && isJSONString(c.Current) {
		box.AppendChild(a.diffKey(id))
	}
	cards, radios := a.candidateCards(id, kind, c)
	group := el("div", cls("govuk-radios"), child(cards))
	var in conflictInputs
	var reveals []reveal
	if ids, err := merge.KeptIDs(a.merge.result, c); err == nil {
		radios = append(radios, a.keepBothChoice(group, id, c, ids))
	}
	if conflictEditable(kind, c) {
		if combinable(c) {
			var rv reveal
			rv, in.combine = a.combineChoice(group, id, c)
			radios, reveals = append(radios, rv.radio), append(reveals, rv)
		}
		var rv reveal
		rv, in.edit = a.conflictEdit(group, id, c)
		radios, reveals = append(radios, rv.radio), append(reveals, rv)
	}
	a.revealOnChoice(radios, reveals)
	box.AppendChild(a.conflictChoice(id, kind, a.merge.fieldErrors[c.ID], group))

	resolve := button(a.t("merge.resolve"), "", attr("id", id+"-resolve"), attr("aria-describedby", id+"-heading"))
	a.view.onClick(resolve, func() { a.resolveConflict(id, kind, c, radios, in) })
	box.AppendChild(resolve)
	return box
}

// conflictWhere is the line under a conflict's heading: its path and, when
// jsna gives one, why the drafts disagree.
func (a *App) conflictWhere(c jsna.Conflict) dom.Element {
	meta := el("p", cls("govuk-body-s app-candidate__who"), text(a.t("merge.conflict.path")+" "),
		child(el("code", cls("app-path"), text(c.Path))))
	if c.Reason != "" || c.Kind != "" {
		meta.AppendChild(doc.CreateTextNode(". "))
		meta.AppendChild(el("span", cls("app-conflict__reason"), text(a.t("merge.conflict.reason", a.conflictReasonText(c)))))
	}
	return meta
}

// conflictCurrent is the master's value in conflict c, with id
// <id>-current: for a field, the value; for a record the master does not
// have, a line saying so. It is nil for a record the master has, whose
// version is shown among the candidates.
func (a *App) conflictCurrent(id, kind string, c jsna.Conflict) dom.Element {
	switch {
	case kind == "":
		return el("div", cls("app-conflict__current"),
			child(el("p", cls("govuk-body govuk-!-margin-bottom-1"), text(a.t("merge.conflict.current")))),
			child(el("div", cls("app-candidate__value"), attr("id", id+"-current"), text(a.shownValue(c.Current)))))
	case c.Current == "":
		return el("p", cls("govuk-body"), attr("id", id+"-current"), text(a.t("merge.conflict.current")+" "+a.t("merge.record.none")))
	}
	return nil
}

// candidateCards are the candidates of conflict c side by side, in
// candidateOrder, each a card with its radio (returned in the same order),
// who proposed it and its value. A record's version is drawn as a list of
// its fields, marking those that differ from the master's.
func (a *App) candidateCards(id, kind string, c jsna.Conflict) (dom.Element, []dom.Element) {
	m := a.merge
	var master []recordField
	if kind != "" && c.Current == recordMark {
		if v := recordJSON(m.result, c.Path); v != "" {
			master, _ = a.recordFieldsOf(m.result, kind, v)
		}
	}
	cards := el("div", cls("app-candidates"))
	if kind != "" {
		cards.Class().Add("app-candidates--records")
	}
	var radios []dom.Element
	for _, j := range candidateOrder(c) {
		cand := c.Candidates[j]
		rid := id + "-take-" + itoa(j+1)
		in := el("input", cls("govuk-radios__input"), attr("id", rid), attr("name", id+"-choice"), attr("type", "radio"),
			attr("value", itoa(j+1)), attr("aria-describedby", rid+"-value "+rid+"-who"))
		radios = append(radios, in)
		label := a.t("merge.candidate", j+1)
		var body dom.Element
		if kind != "" {
			label = a.candidateLabel(c, j)
			body = a.recordBody(rid+"-value", m.result, c, kind, cand.Value, master)
			// A whole record is long to hear: the radio names who
			// proposed it; its fields follow it.
			in.SetAttribute("aria-describedby", rid+"-who")
		} else {
			body = a.candidateValue(rid+"-value", c.Current, cand.Value)
		}
		card := "app-candidate"
		if cand.Value == "" && kind != "" {
			card += " app-candidate--delete"
		}
		cards.AppendChild(el("div", cls(card), attr("id", rid+"-card"),
			child(el("div", cls("govuk-radios__item"), child(in),
				child(el("label", cls("govuk-label govuk-radios__label"), attr("for", rid), text(label))))),
			child(el("p", cls("app-candidate__who"), attr("id", rid+"-who"), text(a.candidateWho(cand)))),
			child(body)))
	}
	return cards, radios
}

// candidateWho says who proposed cand: each author with their role and,
// where the draft gives it, when it was saved.
func (a *App) candidateWho(cand jsna.Candidate) string {
	var who []string
	for _, s := range cand.By {
		w := a.t("merge.by.author", a.sourceAuthor(s), a.roleLabel(s.Role))
		if s.SavedAt != "" {
			w = a.t("merge.by.author.at", a.sourceAuthor(s), a.roleLabel(s.Role), a.whenText(s.SavedAt))
		}
		who = append(who, w)
	}
	return strings.Join(who, "; ")
}

// conflictEditable reports whether conflict c may be resolved by writing a
// value. That makes sense for a field, not for a whole record: a record is
// chosen as one, then edited in the new master.
func conflictEditable(kind string, c jsna.Conflict) bool {
	if kind != "" || c.Current == recordMark {
		return false
	}
	for _, cand := range c.Candidates {
		if cand.Value == recordMark || strings.HasPrefix(cand.Value, "{") {
			return false
		}
	}
	return true
}

// conflictEdit appends to group the last choice of conflict c, writing a
// value, with the box to write it in, which shows while that choice is
// made (GOV.UK's conditional reveal). It returns the choice and the box.
func (a *App) conflictEdit(group dom.Element, id string, c jsna.Conflict) (reveal, dom.Element) {
	start := c.Current
	if start == "" && len(c.Candidates) > 0 {
		start = c.Candidates[0].Value
	}
	ag, area := a.textarea(field{id: id + "-value", label: a.t("merge.edit.value"), hint: a.t("merge.edit.hint"), value: plainValue(start), rows: 4, maxLength: 200000})
	return a.conditionalChoice(group, id+"-edit", id+"-choice", "edit", a.t("merge.edit"), ag), area
}

// reveal is a choice whose radio shows cond while it is chosen.
type reveal struct {
	radio, cond dom.Element
}

// conditionalChoice appends to group a radio with id rid, in the group
// name, of value v and label, and after it the block holding content,
// shown while it is chosen.
func (a *App) conditionalChoice(group dom.Element, rid, name, v, label string, content dom.Element) reveal {
	in := el("input", cls("govuk-radios__input"), attr("id", rid), attr("name", name), attr("type", "radio"), attr("value", v),
		attr("aria-controls", rid+"-conditional"))
	group.AppendChild(el("div", cls("govuk-radios__item"), child(in),
		child(el("label", cls("govuk-label govuk-radios__label"), attr("for", rid), text(label)))))
	cond := el("div", cls("govuk-radios__conditional govuk-radios__conditional--hidden app-conflict__edit"), attr("id", rid+"-conditional"), child(content))
	group.AppendChild(cond)
	return reveal{in, cond}
}

// revealOnChoice shows each reveal's block while its radio, one of
// radios, is chosen.
func (a *App) revealOnChoice(radios []dom.Element, reveals []reveal) {
	for _, r := range radios {
		a.view.onEl(r, "change", func(js.Value) {
			for _, rv := range reveals {
				if checked(rv.radio) {
					rv.cond.Class().Remove("govuk-radios__conditional--hidden")
				} else {
					rv.cond.Class().Add("govuk-radios__conditional--hidden")
				}
			}
		})
	}
}

// conflictTexts are the legend, hint ("" for none) and error when nothing
// is chosen of a conflict's choice, which differ for a whole record.
func (a *App) conflictTexts(kind string) (legend, hint, required string) {
	if kind != "" {
		return a.t("merge.record.choose"), a.t("merge.record.hint"), a.t("merge.record.choose.required")
	}
	return a.t("merge.choose"), "", a.t("merge.choose.required")
}

// conflictChoice is the form group, named <id>-choice, around the radios
// of a conflict: a fieldset with its legend, its hint, and errMsg when it
// is not "".
func (a *App) conflictChoice(id, kind, errMsg string, radios dom.Element) dom.Element {
	name := id + "-choice"
	legend, hint, _ := a.conflictTexts(kind)
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
	fs.AppendChild(radios)
	if errMsg != "" {
		describedBy = append(describedBy, name+"-error")
	}
	if len(describedBy) > 0 {
		fs.SetAttribute("aria-describedby", strings.Join(describedBy, " "))
	}
	return el("div", cls(groupCls(f)), attr("id", name+"-group"), child(fs))
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

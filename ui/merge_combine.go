//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// Two more ways to resolve a conflict: "combine" a narrative text's
// versions in an editor that holds the lines merged (merge.Combine), each
// overlapping part from every version between marks, to be edited into
// one; and "keep both" versions of a record added differently
// (merge.Resolution.KeepAll), the second under a new id, stated before it
// is chosen.

// conflictInputs are the text boxes of a conflict's choices, where it
// has them.
type conflictInputs struct {
	edit, combine dom.Element
}

// combineMark opens every line that marks an overlap in the combine
// editor; a text still holding one is not resolved.
const combineMark = "⟦"

// combinable reports whether conflict c's candidates are at least two
// texts, so that they can be combined.
func combinable(c jsna.Conflict) bool {
	if len(c.Candidates) < 2 || (c.Current != "" && !isJSONString(c.Current)) {
		return false
	}
	for _, cand := range c.Candidates {
		if !isJSONString(cand.Value) {
			return false
		}
	}
	return true
}

// combineFromBase reports whether every draft that proposed a candidate of
// c was cut from the master as it was before the merge, so that the
// master's value is their base and a change only one made can be taken.
func (a *App) combineFromBase(c jsna.Conflict) bool {
	m := a.merge
	if m.master == nil {
		return false
	}
	rev := jsna.Revision(m.master.doc)
	for _, cand := range c.Candidates {
		for _, s := range cand.By {
			ok := false
			for _, f := range m.drafts {
				if d := f.doc.Draft; d != nil && d.ID == s.Draft && d.Base == rev {
					ok = true
				}
			}
			if !ok {
				return false
			}
		}
	}
	return true
}

// combinedStart is the text the combine editor of conflict c starts with:
// the lines merged, each overlap given from every version between marks
// that name who wrote it. Where the drafts' base is not the master's
// value, the master's own text is among the versions.
func (a *App) combinedStart(c jsna.Conflict) string {
	fromBase := a.combineFromBase(c)
	var texts, who []string
	if !fromBase && c.Current != "" {
		texts, who = append(texts, plainValue(c.Current)), append(who, a.t("combine.master"))
	}
	for _, cand := range c.Candidates {
		texts, who = append(texts, plainValue(cand.Value)), append(who, a.candidateWho(cand))
	}
	parts := merge.Combine(plainValue(c.Current), texts, fromBase)
	return merge.CombinedText(parts,
		func(k int) string { return combineMark + " " + a.t("combine.open", who[k]) + " ⟧" },
		func(k int) string { return combineMark + " " + a.t("combine.close", who[k]) + " ⟧" })
}

// combineChoice appends to group the choice that combines conflict c's
// texts, and the editor that shows while it is chosen.
func (a *App) combineChoice(group dom.Element, id string, c jsna.Conflict) (reveal, dom.Element) {
	start := a.combinedStart(c)
	rows := strings.Count(start, "\n") + 2
	if rows > 20 {
		rows = 20
	}
	hint := a.t("combine.hint")
	if !a.combineFromBase(c) {
		hint = a.t("combine.hint.nobase")
	}
	ag, area := a.textarea(field{id: id + "-combined", label: a.t("combine.label"), hint: hint, value: start, rows: rows, maxLength: 200000})
	area.Class().Add("app-combine")
	return a.conditionalChoice(group, id+"-combine", id+"-choice", "combine", a.t("combine.choice"), ag), area
}

// keepBothChoice appends to group the choice that keeps every version of
// the record of conflict c, saying which id each will have (ids, from
// merge.KeptIDs), and returns its radio.
func (a *App) keepBothChoice(group dom.Element, id string, c jsna.Conflict, ids []string) dom.Element {
	rid := id + "-keepall"
	in := el("input", cls("govuk-radios__input"), attr("id", rid), attr("name", id+"-choice"), attr("type", "radio"), attr("value", "keepall"),
		attr("aria-describedby", rid+"-hint"))
	var lines []string
	for i, cand := range c.Candidates {
		if ids[i] == "" {
			continue
		}
		lines = append(lines, a.t("keepall.as", a.candidateWho(cand), ids[i]))
	}
	group.AppendChild(el("div", cls("govuk-radios__item"), child(in),
		child(el("label", cls("govuk-label govuk-radios__label"), attr("for", rid), text(a.t("keepall.choice")))),
		child(el("div", cls("govuk-hint govuk-radios__hint"), attr("id", rid+"-hint"), text(strings.Join(lines, " "))))))
	return in
}

// choiceResolution is the merge.Resolution for choice (a radio's value)
// of conflict c, with in holding the written or combined text; msg is the
// error to show instead, or "".
func (a *App) choiceResolution(c jsna.Conflict, choice string, in conflictInputs) (res merge.Resolution, msg string) {
	switch choice {
	case "edit":
		res.Value = editedValue(c, value(in.edit))
		res.Delete = res.Value == ""
	case "combine":
		s := value(in.combine)
		for _, line := range strings.Split(s, "\n") {
			if strings.HasPrefix(strings.TrimSpace(line), combineMark) {
				return res, a.t("combine.marks")
			}
		}
		b, _ := json.Marshal(s)
		res.Value = string(b)
	case "keepall":
		res.KeepAll = true
	default:
		res.Take, _ = strconv.Atoi(choice)
	}
	return res, ""
}

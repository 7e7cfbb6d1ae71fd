//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strings"

	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// The word difference of a conflict's candidate against the master's
// value: merge.WordDiff's parts as <ins> and <del>, each opened by
// visually hidden words ("inserted:", "deleted:") since most screen
// readers do not announce the elements, and marked by underline and
// strike-through as well as colour.

// isJSONString reports whether canonical JSON v is a string.
func isJSONString(v string) bool { return strings.HasPrefix(v, `"`) }

// candidateValue is the value box, with id id, of a field conflict's
// candidate v: the word difference against the master's value cur where
// both are text and differ, the value as it is otherwise.
func (a *App) candidateValue(id, cur, v string) dom.Element {
	box := el("div", cls("app-candidate__value"), attr("id", id))
	if !isJSONString(cur) || !isJSONString(v) || cur == v {
		box.AppendChild(doc.CreateTextNode(a.shownValue(v)))
		return box
	}
	box.Class().Add("app-diff")
	for _, p := range merge.WordDiff(plainValue(cur), plainValue(v)) {
		box.AppendChild(a.diffPart(p))
	}
	return box
}

// diffPart is one part of a word difference: text, or an <ins> or <del>
// that says what it is in words.
func (a *App) diffPart(p merge.DiffPart) dom.Node {
	switch p.Op {
	case merge.Inserted:
		return el("ins", cls("app-diff__ins"),
			child(el("span", cls("govuk-visually-hidden"), text(a.t("diff.inserted")+" "))), text(p.Text),
			child(el("span", cls("govuk-visually-hidden"), text(" "+a.t("diff.end")+" "))))
	case merge.Deleted:
		return el("del", cls("app-diff__del"),
			child(el("span", cls("govuk-visually-hidden"), text(a.t("diff.deleted")+" "))), text(p.Text),
			child(el("span", cls("govuk-visually-hidden"), text(" "+a.t("diff.end")+" "))))
	}
	return doc.CreateTextNode(p.Text)
}

// diffKey is the line above the candidates of a text conflict that says
// how their differences from the master are marked.
func (a *App) diffKey(id string) dom.Element {
	return el("p", cls("govuk-body-s app-diff__key"), attr("id", id+"-diff-key"),
		text(a.t("diff.key.before")+" "),
		child(el("ins", cls("app-diff__ins"), text(a.t("diff.key.ins")))),
		text(" "+a.t("diff.key.and")+" "),
		child(el("del", cls("app-diff__del"), text(a.t("diff.key.del")))),
		text("."))
}

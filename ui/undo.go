//go:build js && wasm

package ui

import (
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// Undo and redo of recent edits on the ward pages: each burst of typing
// in one field (until it loses focus or rests for 2 seconds) is one edit,
// kept with the page it was made on. Undoing goes back to that page and
// puts the field's earlier text back as if it were typed, so the model,
// the autosave and the field's checks follow as for any edit.

// fieldEdit is one edit of one field.
type fieldEdit struct {
	at            route
	field, label  string // the control's id, and its label for messages
	before, after string
	last          time.Time
	sealed        bool // ended: the next typing there is a new edit
}

// undoLimit is how many edits are kept.
const undoLimit = 100

// undoState is the undo and redo stacks, for one working document.
type undoState struct {
	doc        *jsna.Document
	undo, redo []fieldEdit
	replaying  bool // the input being dispatched is an undo or redo
}

// undoes is the undo state of the working document, emptied when another
// document is opened.
func (a *App) undoes() *undoState {
	u := &a.coord.undo
	if u.doc != a.doc {
		*u = undoState{doc: a.doc}
	}
	return u
}

// trackEdits records the edits of ctl, whose value is v now, into the
// undo stack, and seals the current edit when ctl loses focus.
func (a *App) trackEdits(ctl dom.Element) {
	last := value(ctl)
	a.view.onEl(ctl, "input", func(js.Value) {
		u := a.undoes()
		now, v := time.Now(), value(ctl)
		defer func() { last = v }()
		if u.replaying {
			return
		}
		u.redo = nil
		if n := len(u.undo); n > 0 && u.undo[n-1].field == ctl.ID() && !u.undo[n-1].sealed && now.Sub(u.undo[n-1].last) < 2*time.Second && u.undo[n-1].at == a.route {
			u.undo[n-1].after, u.undo[n-1].last = v, now
		} else {
			u.undo = append(u.undo, fieldEdit{at: a.route, field: ctl.ID(), label: labelOf(ctl), before: last, after: v, last: now})
			if len(u.undo) > undoLimit {
				u.undo = u.undo[len(u.undo)-undoLimit:]
			}
		}
		a.showUndo()
	})
	a.view.onEl(ctl, "change", func(js.Value) {
		if u := a.undoes(); len(u.undo) > 0 && u.undo[len(u.undo)-1].field == ctl.ID() {
			u.undo[len(u.undo)-1].sealed = true
		}
	})
}

// labelOf is the text of the label of control ctl.
func labelOf(ctl dom.Element) string {
	if l := doc.QuerySelector(`label[for="` + ctl.ID() + `"]`); l != nil {
		return l.TextContent()
	}
	return ctl.ID()
}

// undoBar is the ward page's Undo and Redo buttons.
func (a *App) undoBar() dom.Element {
	undo := button(a.t("undo.undo"), "secondary", attr("id", "undo"))
	redo := button(a.t("undo.redo"), "secondary", attr("id", "redo"))
	a.view.onClick(undo, func() { a.replay(true) })
	a.view.onClick(redo, func() { a.replay(false) })
	bar := el("div", cls("govuk-button-group app-undo"), attr("id", "undo-bar"), child(undo), child(redo))
	a.updateUndoButtons(bar)
	return bar
}

// showUndo brings the Undo and Redo buttons up to date.
func (a *App) showUndo() {
	if bar := byID("undo-bar"); bar != nil {
		a.updateUndoButtons(bar)
	}
}

// updateUndoButtons enables the buttons of bar while there is something
// to undo or redo, their names saying what.
func (a *App) updateUndoButtons(bar dom.Element) {
	u := a.undoes()
	for _, b := range []struct {
		id    string
		stack []fieldEdit
		what  func(string) string
	}{{"undo", u.undo, func(l string) string { return a.t("undo.undo.what", l) }}, {"redo", u.redo, func(l string) string { return a.t("undo.redo.what", l) }}} {
		e := bar.QuerySelector("#" + b.id)
		if len(b.stack) == 0 {
			e.SetAttribute("aria-disabled", "true")
			e.Class().Add("govuk-button--disabled")
			e.RemoveAttribute("aria-label")
			continue
		}
		top := b.stack[len(b.stack)-1]
		e.RemoveAttribute("aria-disabled")
		e.Class().Remove("govuk-button--disabled")
		e.SetAttribute("aria-label", b.what(top.label))
	}
}

// replay undoes (or redoes) the latest edit: back on its page, its field
// gets its earlier (or later) text as if typed, and focus.
func (a *App) replay(undo bool) {
	u := a.undoes()
	from, to := &u.undo, &u.redo
	if !undo {
		from, to = to, from
	}
	if len(*from) == 0 {
		return
	}
	e := (*from)[len(*from)-1]
	*from = (*from)[:len(*from)-1]
	e.sealed = true
	*to = append(*to, e)
	if a.route != e.at {
		a.route = e.at
		js.Global().Get("history").Call("replaceState", nil, "", e.at.href())
		a.render()
	}
	ctl := byID(e.field)
	if ctl == nil {
		return
	}
	v := e.before
	if !undo {
		v = e.after
	}
	ctl.Underlying().Set("value", v)
	u.replaying = true
	ctl.Underlying().Call("dispatchEvent", js.Global().Get("Event").New("input", map[string]any{"bubbles": true}))
	u.replaying = false
	focus(ctl)
	a.showUndo()
	if undo {
		a.announce(a.t("undo.done", e.label))
	} else {
		a.announce(a.t("redo.done", e.label))
	}
}

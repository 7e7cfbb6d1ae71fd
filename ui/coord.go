//go:build js && wasm

package ui

import (
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// coordState is the App's state for the drafter's and the coordinator's
// day (issue 21): where the draft form returns to, and the history view.
type coordState struct {
	// draftBack is the ward page (and tab) last shown, which Start a draft
	// returns to; the zero route after the area overview.
	draftBack route
	undo      undoState // undo and redo of edits (undo.go)
}

// draftNext is where the app goes once a draft is started from the ward
// page back (the zero route when she came from elsewhere) for wards (none
// for all): back to that ward and tab when the draft covers it, else the
// first ward drafted, else the area.
func draftNext(back route, wards []string) route {
	if back.view == "ward" && back.ward != "" {
		if len(wards) == 0 {
			return back
		}
		for _, w := range wards {
			if w == back.ward {
				return back
			}
		}
	}
	if len(wards) > 0 {
		return route{view: "ward", ward: wards[0]}
	}
	return route{view: "area"}
}

// wardChoices are the checkboxes of wards, by name in alphabetical order
// (the code as each one's hint, where two names could be the same).
func wardChoices(ws []jsna.Ward) []choice {
	out := make([]choice, len(ws))
	for i, w := range ws {
		name := w.Name
		if name == "" {
			name = w.Code
		}
		out[i] = choice{value: w.Code, label: name, hint: w.Code}
	}
	sort.SliceStable(out, func(i, j int) bool {
		li, lj := strings.ToLower(out[i].label), strings.ToLower(out[j].label)
		if li != lj {
			return li < lj
		}
		return out[i].value < out[j].value
	})
	return out
}

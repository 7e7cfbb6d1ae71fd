//go:build js && wasm

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// Practice-level indicators (values on practices only, such as QOF
// prevalence) have nothing to show on a ward page: a ward page lists the
// indicators with ward values, and says how many practice-level ones
// there are, with a link to the practice view, which shows them.

// practiceLevelCache is jsna.PracticeLevel of the document last asked
// about, kept while it is unchanged: an area report asks once per ward.
var practiceLevelCache struct {
	doc *jsna.Document
	gen int
	ids map[string]bool
}

// practiceLevel is jsna.PracticeLevel(d), from the cache when d and the
// app's generation are those it was worked out for.
func (a *App) practiceLevel(d *jsna.Document) map[string]bool {
	c := &practiceLevelCache
	if c.doc != d || c.gen != a.gen || c.ids == nil {
		c.doc, c.gen, c.ids = d, a.gen, jsna.PracticeLevel(d)
	}
	return c.ids
}

// practiceLevelNote is the ward page's sentence saying how many
// practice-level indicators the document has, with a link to My practice;
// nil when it has none.
func (a *App) practiceLevelNote() dom.Node {
	n := len(a.practiceLevel(a.doc))
	if n == 0 {
		return nil
	}
	return el("p", cls("govuk-body"), attr("id", "ward-practice-level"),
		text(a.tn("ward.practicelevel", n)+" "),
		child(link(route{view: "practice"}.href(), a.tn("ward.practicelevel.link", n))))
}

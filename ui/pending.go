//go:build js && wasm

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

type mergeState struct{}
type reportOptions struct{}

func defaultReportOptions() reportOptions { return reportOptions{} }

func decodeFile(name string, data []byte) (*jsna.Document, []string, error) {
	d, err := jsna.Parse(name, data)
	return d, nil, err
}

func (a *App) renderOverview() dom.Node {
	v := el("div", child(h1("Overview")))
	for _, w := range a.doc.Wards {
		v.AppendChild(el("p", child(link(route{view: "ward", ward: w.Code}.href(), w.Name))))
	}
	return v
}
func (a *App) renderIndicators(w *jsna.Ward) dom.Node { return el("p", text("indicators")) }
func (a *App) bprLines(n jsna.Need) []dom.Node {
	return []dom.Node{el("p", text("BPR pending"))}
}
func (a *App) renderPriorities() dom.Node             { return el("div", child(h1("Priorities"))) }
func (a *App) renderMerge() dom.Node                  { return el("div", child(h1("Merge"))) }
func (a *App) renderReport(r route) dom.Node          { return el("div", child(h1("Report"))) }

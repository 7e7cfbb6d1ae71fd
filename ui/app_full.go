//go:build js && wasm && !wardwise_viewer

package ui

import (
	"time"

	"github.com/wardwise/wardwise/jsna/importer"
	"honnef.co/go/js/dom/v2"
)

// viewerBuild is true in the viewer (tag wardwise_viewer, viewer.go).
const viewerBuild = false

// fullApp is the state of the parts of the app that the viewer (the first,
// smaller module, tag wardwise_viewer) leaves out.
type fullApp struct {
	importReport *importer.Report // what an import did, shown on the overview
	merge        *mergeState
	hub          *hubState // "send to hub" and its outbox (hub.go)
}

// renderRoute draws the view of r.
func (a *App) renderRoute(r route) dom.Node {
	switch r.view {
	case "":
		return a.renderStart()
	case "area":
		return a.renderOverview()
	case "ward":
		return a.renderWard(r)
	case "priorities":
		return a.renderPriorities()
	case "merge":
		return a.renderMerge()
	case "report":
		return a.renderReport(r)
	case "draft":
		return a.renderDraftForm()
	default:
		if x, ok := extraViews[r.view]; ok {
			return x.render(a, r)
		}
		return a.renderNotFound()
	}
}

// withLang calls f: the full app holds every language's catalogue (the
// viewer fetches the Welsh one, messages_cy_viewer.go).
func (a *App) withLang(_ Lang, f func()) { f() }

// versionPause is how long editing must pause before a version that is
// due is kept.
const versionPause = 2 * time.Second

// keepVersionAtPause keeps a version of e once editing has paused for
// versionPause. A version is the whole document encoded (half a second
// for a 19 MB master), so it must not fall between keystrokes; a write
// of the edits themselves encodes only the pieces they touched. Leaving
// the entry meanwhile keeps a version at once (leaveEntry), and this one
// is then not kept. The viewer writes nothing
// (viewer.go).
func (s *saver) keepVersionAtPause(e *entry) {
	if s.versionDue {
		return
	}
	s.versionDue = true
	s.a.spawn(func() {
		for gen := -1; gen != s.gen; {
			gen = s.gen
			time.Sleep(versionPause)
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.versionDue = false
		if a := s.a; a.entry == e && e.Changed.After(e.Version) {
			a.keepVersion(e, "edit")
		}
	})
}

//go:build js && wasm

package ui

import (
	"sort"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"
)

// route is a place in the app, kept in the address's fragment (#/ward/E05…)
// so that every view has an address, the back button works and the page
// needs no server to route.
type route struct {
	view string // "", "area", "ward", "priorities", "merge", "report", "draft"
	ward string // ward code, for "ward" and "report"
	tab  string // ward page part: "", "narrative", "assets", "voice", "needs"
}

// Ward page parts, in the order of the ward's sub-navigation.
var wardTabs = []string{"", "narrative", "assets", "voice", "needs"}

func parseRoute(hash string) route {
	p := strings.Trim(strings.TrimPrefix(hash, "#"), "/")
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if u, ok := pathUnescape(s); ok {
			parts[i] = u
		}
	}
	r := route{view: parts[0]}
	switch r.view {
	case "ward":
		if len(parts) > 1 {
			r.ward = parts[1]
		}
		if len(parts) > 2 {
			r.tab = parts[2]
		}
	case "report":
		if len(parts) > 1 {
			r.ward = parts[1]
		}
	case "area", "priorities", "merge", "draft", "":
	default:
		if _, ok := extraViews[r.view]; !ok {
			r.view = "notfound"
		} else if len(parts) > 1 {
			r.ward = parts[1]
		}
	}
	return r
}

// extraView is a view another file of ui adds to the app, at #/name: the
// hub ("send to hub", ui/hub.go) registers itself this way, so that the
// router, the navigation and the document bar need no change for it.
type extraView struct {
	navKey   string // message key of its link in the service navigation; "" for none
	needsDoc bool   // the view shows the working document (start page without one)
	render   func(a *App, r route) dom.Node
}

// extraViews are the registered views by name.
var extraViews = map[string]extraView{}

// registerView adds a view at #/name; call it from an init function.
func registerView(name string, v extraView) { extraViews[name] = v }

// startHooks run once as the app starts, after the browser store is open
// and the first view is drawn (the hub's outbox starts sending this way).
// They must not block: anything that waits starts a goroutine.
var startHooks []func(a *App)

// onStart adds a start hook; call it from an init function.
func onStart(f func(a *App)) { startHooks = append(startHooks, f) }

// String is the fragment for r, without the "#".
func (r route) String() string {
	s := "/" + r.view
	if r.ward != "" {
		s += "/" + pathEscape(r.ward)
	}
	if r.tab != "" {
		s += "/" + r.tab
	}
	return s
}

// href is the link to r.
func (r route) href() string { return "#" + r.String() }

// needsDocument reports whether r shows the working document.
func (r route) needsDocument() bool {
	switch r.view {
	case "area", "ward", "priorities", "report", "draft":
		return true
	}
	return extraViews[r.view].needsDoc
}

// goTo navigates to r at once: the address changes (history.pushState,
// so the back button returns) and the view is drawn before goTo returns,
// rather than on a hashchange event later, after whatever the user does
// next.
func (a *App) goTo(r route) {
	h := r.href()
	if js.Global().Get("location").Get("hash").String() != h {
		if _, err := call(js.Global().Get("history"), "pushState", nil, "", h); err != nil {
			js.Global().Get("location").Set("hash", h)
			return
		}
	}
	a.navigate()
}

// showProblemsAt goes to r and shows list in its error summary.
func (a *App) showProblemsAt(r route, list *problemList) {
	if a.route == r && js.Global().Get("location").Get("hash").String() == r.href() {
		a.problems = list
		a.render()
		focus(byID("error-summary"))
		return
	}
	a.nextProblems = list
	a.goTo(r)
}

// navigate draws the view the address names and moves focus to its
// heading, as a page load would.
func (a *App) navigate() {
	a.route = parseRoute(js.Global().Get("location").Get("hash").String())
	a.problems, a.nextProblems = a.nextProblems, nil
	if a.problems == nil && a.saver != nil && a.saver.warning != nil {
		// Edits are not being stored: say so on every view until they are.
		a.problems = a.saver.warning
	}
	a.render()
	if a.problems != nil {
		focus(byID("error-summary"))
	} else if a.started {
		focus(byID("page-heading"))
		js.Global().Call("scrollTo", 0, 0)
	}
	a.started = true
}

// render draws the current view into <main>, releasing the listeners of
// the previous one.
func (a *App) render() {
	if a.mainEl == nil {
		return
	}
	a.view.release()
	empty(a.mainEl)
	a.updateNav()
	if a.problems != nil {
		a.mainEl.AppendChild(a.errorSummary())
	}
	r := a.route
	if r.needsDocument() && a.doc == nil {
		r = route{}
	}
	v := a.renderRoute(r)
	a.mainEl.AppendChild(v)
	a.renderDocBar()
}

// renderNotFound is the view for an address the app does not know.
func (a *App) renderNotFound() dom.Node {
	a.setTitle(a.t("notfound.title"))
	return el("div",
		child(h1(a.t("notfound.title"))),
		child(el("p", cls("govuk-body"), text(a.t("notfound.body")))),
		child(el("p", cls("govuk-body"), child(el("a", cls("govuk-link"), attr("href", "#/"), text(a.t("nav.start")))))))
}

// h1 is a view's heading; focus moves to it after navigation.
func h1(s string) dom.Element {
	return el("h1", cls("govuk-heading-l"), attr("id", "page-heading"), attr("tabindex", "-1"), text(s))
}

// navItem is one link of the service navigation.
type navItem struct {
	key  string
	view string
	href string
}

func (a *App) navItems() []navItem {
	items := []navItem{{"nav.start", "", "#/"}}
	if a.doc != nil {
		items = append(items,
			navItem{"nav.area", "area", "#/area"},
			navItem{"nav.priorities", "priorities", "#/priorities"},
			navItem{"nav.report", "report", "#/report"})
	}
	items = append(items, navItem{"nav.merge", "merge", "#/merge"})
	names := make([]string, 0, len(extraViews))
	for name := range extraViews {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		x := extraViews[name]
		if x.navKey != "" && (a.doc != nil || !x.needsDoc) {
			items = append(items, navItem{x.navKey, name, "#/" + name})
		}
	}
	return items
}

// renderShell draws the page around the views: skip link, header with the
// language switch, service navigation, phase banner, the status region and
// the footer.
// It is drawn again when the language changes.
func (a *App) renderShell() {
	a.shell.release()
	root := byID("app")
	empty(root)
	html := doc.DocumentElement()
	html.SetAttribute("lang", string(a.lang))
	doc.Underlying().Get("body").Get("classList").Call("add", "govuk-frontend-supported")

	skip := el("a", cls("govuk-skip-link"), attr("href", "#main"), text(a.t("skip")))
	a.shell.onClick(skip, func() {
		if m := byID("main"); m != nil {
			focus(m)
			call(m.Underlying(), "scrollIntoView")
		}
	})

	headerBar := el("div", cls("govuk-generic-header__container govuk-width-container app-header__bar"),
		child(el("div", cls("govuk-generic-header__logo"),
			child(el("a", cls("govuk-generic-header__homepage-link app-header__link"), attr("href", "#/"),
				child(logo()),
				child(el("span", cls("app-header__name"), text(a.t("app.name")))),
				child(el("span", cls("app-header__strap"), text(a.t("app.strap")))))))))
	header := el("header", cls("govuk-generic-header app-header"), attr("role", "banner"), child(headerBar))

	// Service navigation, with the language switch at the end.
	list := el("ul", cls("govuk-service-navigation__list"), attr("id", "navigation"))
	toggle := el("button", cls("govuk-service-navigation__toggle govuk-js-service-navigation-toggle"), attr("type", "button"),
		attr("id", "nav-toggle"), attr("aria-controls", "navigation"), attr("hidden", ""), attr("aria-hidden", "true"), text(a.t("nav.menu")))
	a.collapsible(toggle, list)
	// The language switch sits in the header, so that the navigation's
	// links have the width of the page to themselves in both languages.
	headerBar.AppendChild(a.languageSwitch())
	servnav := el("section", cls("govuk-service-navigation"), attr("aria-label", a.t("nav.service")),
		child(el("div", cls("govuk-width-container"),
			child(el("div", cls("govuk-service-navigation__container"),
				child(el("nav", cls("govuk-service-navigation__wrapper"), attr("aria-label", a.t("nav.menu")), child(toggle), child(list))))))))

	a.statusEl = el("div", cls("app-status"), attr("role", "status"), attr("aria-live", "polite"), attr("id", "status"))
	a.savedEl = el("span", cls("app-docbar__saved"), attr("id", "saved-note"))
	a.mainEl = el("main", cls("govuk-main-wrapper app-main"), attr("id", "main"), attr("tabindex", "-1"))
	container := el("div", cls("govuk-width-container"),
		child(a.phaseBanner()),
		child(el("div", cls("app-docbar"), attr("id", "docbar"))),
		child(a.statusEl),
		child(a.mainEl))

	version := js.Global().Get("WARDWISE_VERSION")
	vtext := a.t("footer.version.dev")
	if version.Type() == js.TypeString {
		vtext = a.t("footer.version", version.String())
	}
	footer := el("footer", cls("govuk-footer app-footer"),
		child(el("div", cls("govuk-width-container"),
			child(el("div", cls("govuk-footer__meta"),
				child(el("div", cls("govuk-footer__meta-item govuk-footer__meta-item--grow"),
					child(a.footerLinks()),
					child(el("h2", cls("govuk-visually-hidden"), text(a.t("footer.heading")))),
					child(el("p", cls("govuk-body-s"), text(a.t("footer.privacy")))),
					child(el("p", cls("govuk-body-s"), text(a.t("footer.offline")))),
					child(el("p", cls("govuk-body-s"), attr("id", "app-version"), text(vtext))))))))))

	root.AppendChild(skip)
	root.AppendChild(header)
	root.AppendChild(servnav)
	root.AppendChild(container)
	root.AppendChild(footer)
	if !a.lastSaved.IsZero() {
		a.setSavedNote(a.t("saved.browser", a.formatClock(a.lastSaved)))
	}
}

// logo is the app's mark: a small spine chart.
func logo() dom.Element {
	s := svgEl("svg", attr("viewBox", "0 0 512 512"), attr("width", "32"), attr("height", "32"),
		attr("aria-hidden", "true"), attr("focusable", "false"), cls("app-header__logo"))
	s.AppendChild(svgEl("rect", attr("width", "512"), attr("height", "512"), attr("rx", "96"), attr("fill", "currentColor")))
	for _, y := range []string{"152", "256", "360"} {
		s.AppendChild(svgEl("line", attr("x1", "96"), attr("x2", "416"), attr("y1", y), attr("y2", y),
			attr("stroke", "#1d70b8"), attr("stroke-width", "28"), attr("stroke-linecap", "round"), attr("opacity", "0.5")))
	}
	s.AppendChild(svgEl("line", attr("x1", "256"), attr("x2", "256"), attr("y1", "96"), attr("y2", "416"),
		attr("stroke", "#1d70b8"), attr("stroke-width", "16")))
	s.AppendChild(svgEl("circle", attr("cx", "176"), attr("cy", "152"), attr("r", "40"), attr("fill", "#1d70b8")))
	return s
}

// updateNav draws the service navigation's links for the current state
// (the document's views appear once one is open) and marks the current
// view's link.
func (a *App) updateNav() {
	nav := byID("navigation")
	if nav == nil {
		return
	}
	view := a.route.view
	if view == "ward" || view == "draft" {
		view = "area"
	}
	if a.doc == nil && a.route.needsDocument() {
		view = ""
	}
	empty(nav)
	for _, it := range a.navItems() {
		li := el("li", cls("govuk-service-navigation__item"))
		link := el("a", cls("govuk-service-navigation__link"), attr("href", it.href))
		if it.view == view {
			li.Class().Add("govuk-service-navigation__item--active")
			link.SetAttribute("aria-current", "page")
			link.AppendChild(el("strong", cls("govuk-service-navigation__active-fallback"), text(a.t(it.key))))
		} else {
			link.AppendChild(doc.CreateTextNode(a.t(it.key)))
		}
		li.AppendChild(link)
		nav.AppendChild(li)
	}
}

// setSavedNote shows when the work was last stored in the browser.
func (a *App) setSavedNote(s string) {
	if a.savedEl != nil {
		a.savedEl.SetTextContent(s)
	}
}

// formatClock shows the time of day of t.
func (a *App) formatClock(t time.Time) string {
	return t.Local().Format("15:04:05")
}

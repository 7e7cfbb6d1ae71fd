//go:build js && wasm

package ui

import (
	"strconv"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// tabletQuery is GOV.UK Frontend's tablet breakpoint (641 px), from which
// the service navigation shows its links in a row.
const tabletQuery = "(min-width: 40.0625em)"

// collapsible makes the service navigation collapse behind its Menu
// button on screens narrower than a tablet, as GOV.UK Frontend's
// ServiceNavigation module does (the app does not load GOV.UK Frontend's
// JavaScript): the button shows, says whether the list is expanded and
// opens and closes it; on wider screens the button is hidden and the
// list shown. Choosing a link closes the list again.
func (a *App) collapsible(toggle, list dom.Element) {
	mql, err := call(js.Global(), "matchMedia", tabletQuery)
	if err != nil {
		return // no media queries: the list stays shown
	}
	open := false
	check := func() {
		if mql.Get("matches").Bool() {
			list.RemoveAttribute("hidden")
			toggle.SetAttribute("hidden", "")
			toggle.SetAttribute("aria-hidden", "true")
			return
		}
		toggle.RemoveAttribute("hidden")
		toggle.RemoveAttribute("aria-hidden")
		toggle.SetAttribute("aria-expanded", strconv.FormatBool(open))
		if open {
			list.RemoveAttribute("hidden")
		} else {
			list.SetAttribute("hidden", "")
		}
	}
	a.shell.on(mql, "change", func(js.Value) { check() })
	a.shell.onClick(toggle, func() { open = !open; check() })
	a.shell.onEl(list, "click", func(ev js.Value) {
		if open && ev.Get("target").Call("closest", "a").Truthy() {
			open = false
			check()
		}
	})
	check()
}

// languageSwitch is the language navigation: the language in use, and a
// button that switches to the other one.
func (a *App) languageSwitch() dom.Element {
	other, otherName := Welsh, "Cymraeg"
	if a.lang == Welsh {
		other, otherName = English, "English"
	}
	current := "English"
	if a.lang == Welsh {
		current = "Cymraeg"
	}
	switchBtn := el("button", cls("govuk-language-navigation__link app-link-button"), attr("type", "button"),
		attr("lang", string(other)), attr("id", "lang-switch"), text(otherName))
	a.shell.onClick(switchBtn, func() { a.setLang(other) })
	return el("nav", cls("govuk-language-navigation"), attr("aria-label", a.t("nav.language")),
		child(el("ul", cls("govuk-language-navigation__list"),
			child(el("li", cls("govuk-language-navigation__list-item"),
				child(el("span", cls("govuk-language-navigation__text"), attr("lang", string(a.lang)), attr("aria-current", "true"), text(current))))),
			child(el("li", cls("govuk-language-navigation__list-item"), child(switchBtn))))))
}

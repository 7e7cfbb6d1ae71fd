//go:build js && wasm

package ui

import (
	"fmt"
	"strings"
	"syscall/js"
)

// Lang is a language of the interface, by its BCP 47 tag.
type Lang string

// The languages the catalogue holds in full.
const (
	English Lang = "en"
	Welsh   Lang = "cy"
)

// catalogue holds every user-facing string of the app, by key, in every
// language. Values are fmt formats. A test checks that both languages have
// the same keys and the same verbs, and that every key the code uses exists.
var catalogue = map[Lang]map[string]string{
	English: messagesEN,
	Welsh:   messagesCY,
}

const langKey = "wardwise.lang"

// initialLang is the language chosen before, or Welsh for a browser that
// prefers it, or English.
func initialLang() Lang {
	if v := localGet(langKey); v == string(Welsh) || v == string(English) {
		return Lang(v)
	}
	nav := js.Global().Get("navigator")
	if langs := nav.Get("languages"); langs.Truthy() {
		for i := 0; i < langs.Length(); i++ {
			l := strings.ToLower(langs.Index(i).String())
			if l == "cy" || strings.HasPrefix(l, "cy-") {
				return Welsh
			}
			if l == "en" || strings.HasPrefix(l, "en-") {
				return English
			}
		}
	}
	return English
}

// t returns the message key in the app's language, formatted with args.
// A key missing from the catalogue shows as the key itself (a test stops
// that from shipping).
func (a *App) t(key string, args ...any) string {
	return translate(a.lang, key, args...)
}

func translate(l Lang, key string, args ...any) string {
	f, ok := catalogue[l][key]
	if !ok {
		f, ok = catalogue[English][key]
	}
	if !ok {
		return key
	}
	if len(args) == 0 {
		return f
	}
	return fmt.Sprintf(f, args...)
}

// setLang switches the interface language, remembers the choice and draws
// the page again in the new language.
func (a *App) setLang(l Lang) {
	if l == a.lang {
		return
	}
	a.lang = l
	currentLang = l
	localSet(langKey, string(l))
	a.renderShell()
	a.render()
	a.announce(a.t("status.language"))
}

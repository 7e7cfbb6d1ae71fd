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
	if key == "text.english" && len(args) == 1 {
		// jsna's English where the catalogue has no sentence: marked as
		// English (langparts.go), wherever it is shown.
		if s, ok := args[0].(string); ok {
			args = []any{a.english(s)}
		}
	}
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
	localSet(langKey, string(l))
	a.withLang(l, func() {
		a.lang = l
		currentLang = l
		a.renderShell()
		a.render()
		a.announce(a.t("status.language"))
	})
}

// Plural messages are catalogue keys with a variant per plural form,
// "key#one", "key#other" and so on, each a fmt format whose first
// argument is the count. Each language has the forms its rules give, and
// a form may leave the count out ("One document is kept") or, with
// explicit argument indexes (%[2]s), take only some of the arguments.

// pluralForm is the CLDR plural category of the cardinal n in language l,
// by the Unicode CLDR plural rules (Language Plural Rules, CLDR 46,
// https://www.unicode.org/cldr/charts/46/supplemental/language_plural_rules.html):
// English has one (n = 1) and other; Welsh has zero (n = 0), one (n = 1),
// two (n = 2), few (n = 3), many (n = 6) and other.
func pluralForm(l Lang, n int) string {
	if l == Welsh {
		switch n {
		case 0:
			return "zero"
		case 1:
			return "one"
		case 2:
			return "two"
		case 3:
			return "few"
		case 6:
			return "many"
		}
		return "other"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// pluralForms are the plural categories of each language, as pluralForm
// gives them.
var pluralForms = map[Lang][]string{
	English: {"one", "other"},
	Welsh:   {"zero", "one", "two", "few", "many", "other"},
}

// tn returns the plural message key for the count n in the app's
// language, formatted with n and then args.
func (a *App) tn(key string, n int, args ...any) string {
	return translatePlural(a.lang, key, n, args...)
}

// translatePlural is the form of the plural message key for n in l,
// formatted with n and then args. A language without the key falls back
// to English, and a missing key shows as the key itself.
func translatePlural(l Lang, key string, n int, args ...any) string {
	f, ok := catalogue[l][key+"#"+pluralForm(l, n)]
	if !ok {
		l = English
		f, ok = catalogue[English][key+"#"+pluralForm(English, n)]
	}
	if !ok {
		return key
	}
	if !strings.Contains(f, "%") {
		return f
	}
	return fmt.Sprintf(f, append([]any{n}, args...)...)
}

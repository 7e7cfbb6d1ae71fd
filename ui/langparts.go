//go:build js && wasm

package ui

import (
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// Language of parts (WCAG 2.2 SC 3.1.2). The page's lang is the
// interface's; a text from a document in the other language (an English
// ward name in the Welsh interface, a Welsh title standing in for a
// missing English one) must carry its own lang, or a screen reader speaks
// it with the wrong voice. Such texts travel through the app as ordinary
// strings, marked: inLang wraps one in three private-use characters
// (langOpen, the tag, langMid, the text, langClose), which survive
// fmt.Sprintf, so that a name put into a catalogue sentence ("Spine chart
// of %s") keeps its language inside the sentence. The two builders of the
// page's text are where the marks are read, and nowhere else: text (for
// el) and markup.text write each marked part as <span lang="…">, and every
// attribute value (attr, markup.tag), the page title and the status region
// drop the marks (an attribute cannot hold a part in another language).

const (
	langOpen  = '\uE000'
	langMid   = '\uE001'
	langClose = '\uE002'
)

// inLang is s marked as being in lang (jsna.English or jsna.Welsh) where
// that is not the interface's language; s as it is otherwise, and when
// empty. Marks already in s (from a file: they are private-use
// characters) are dropped first, so a file cannot open a part of its own.
func (a *App) inLang(s, lang string) string {
	s = stripLang(s)
	if lang == string(a.lang) || (lang != jsna.English && lang != jsna.Welsh) {
		return s
	}
	return markedAs(s, lang)
}

// markedAs is s marked as in lang, as inLang marked it; s itself for ""
// (a text in the interface's language).
func markedAs(s, lang string) string {
	if lang == "" || s == "" {
		return s
	}
	return string(langOpen) + lang + string(langMid) + s + string(langClose)
}

// english is s, a text of a document in English, marked as English where
// the interface is not.
func (a *App) english(s string) string { return a.inLang(s, jsna.English) }

// textPart is a run of text and its language: "" for the interface's.
type textPart struct{ s, lang string }

// hasLangMarks reports whether s holds marked parts.
func hasLangMarks(s string) bool { return strings.ContainsAny(s, marks) }

// langParts splits s into its runs: unmarked text, and marked parts with
// their language. A mark cut off (a marked string clipped in the middle)
// is dropped with what it would have marked kept as text.
func langParts(s string) []textPart {
	var parts []textPart
	for s != "" {
		i := strings.IndexRune(s, langOpen)
		if i < 0 {
			parts = append(parts, textPart{s: dropMarks(s)})
			break
		}
		if i > 0 {
			parts = append(parts, textPart{s: dropMarks(s[:i])})
		}
		rest := s[i+len(string(langOpen)):]
		lang := ""
		for _, l := range []string{jsna.English, jsna.Welsh} {
			if strings.HasPrefix(rest, l+string(langMid)) {
				lang = l
			}
		}
		if lang == "" {
			if strings.HasPrefix(jsna.English+string(langMid), rest) || strings.HasPrefix(jsna.Welsh+string(langMid), rest) {
				break // cut inside the tag, at the end: nothing of the part is left
			}
			s = rest // a stray mark: dropped
			continue
		}
		rest = rest[len(lang)+len(string(langMid)):]
		end := strings.IndexRune(rest, langClose)
		if end < 0 {
			end = len(rest) // cut inside the part: it runs to the end
			rest += string(langClose)
		}
		parts = append(parts, textPart{s: dropMarks(rest[:end]), lang: lang})
		s = rest[end+len(string(langClose)):]
	}
	return parts
}

// stripLang is s without its marks (a marked part's tag too): for
// attribute values, the page title, comparisons.
func stripLang(s string) string {
	if !strings.ContainsAny(s, marks) {
		return s
	}
	var b strings.Builder
	for _, p := range langParts(s) {
		b.WriteString(p.s)
	}
	return b.String()
}

const marks = string(langOpen) + string(langMid) + string(langClose)

// dropMarks is s without any mark character.
func dropMarks(s string) string {
	if !strings.ContainsAny(s, marks) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(marks, r) {
			return -1
		}
		return r
	}, s)
}

// nameIn is a name from a document with its Welsh version cy (which may be
// empty): the Welsh in the Welsh interface where there is one, else the
// English, marked as English in the Welsh interface.
func (a *App) nameIn(en, cy string) string {
	if a.lang == Welsh && cy != "" {
		return stripLang(cy)
	}
	return a.english(en)
}

// wardName is ward w's name in the interface's language where the
// document has it (name_cy), else its English name, marked.
func (a *App) wardName(w *jsna.Ward) string { return a.nameIn(w.Name, w.NameCy) }

// areaName is the name of d's area in the interface's language where the
// catalogue knows it (England, Wales) or d has it, else its English name,
// marked.
func (a *App) areaName(d *jsna.Document) string {
	if p, ok := placeNames[d.Area.Code]; ok && p.english == d.Area.Name {
		return a.t(p.key)
	}
	return a.nameIn(d.Area.Name, d.Area.NameCy)
}

// wardNamed is the name of the working document's ward code, whose
// English name (as a score or plan has it) is en: wardName where the
// document has the ward, else en, marked.
func (a *App) wardNamed(code, en string) string {
	if a.doc != nil {
		for i := range a.doc.Wards {
			if a.doc.Wards[i].Code == code {
				return a.wardName(&a.doc.Wards[i])
			}
		}
	}
	return a.english(en)
}

// wholeLang is s without its marks and, where s is one part in another
// language, that language: for an element that can hold only text (an
// option), which carries the lang itself.
func wholeLang(s string) (plain, lang string) {
	ps := langParts(s)
	if len(ps) == 1 {
		return ps[0].s, ps[0].lang
	}
	return stripLang(s), ""
}

// docTitle is d's title, which the format holds in one language: taken
// to be in d's primary language, and marked so where the interface is in
// the other.
func (a *App) docTitle(d *jsna.Document) string { return a.inLang(d.Title, d.PrimaryLanguage()) }

// shownText is the version of t to show in the interface's language: that
// language's where it is not empty, else the other, marked with its
// language ("" when both are empty).
func (a *App) shownText(t jsna.Bilingual) string {
	if s := t.In(string(a.lang)); s != "" {
		return stripLang(s)
	}
	other := jsna.OtherLanguage(string(a.lang))
	return a.inLang(t.In(other), other)
}

// setText replaces what e holds with the text s, its marked parts in
// spans with their lang, as text does.
func setText(e dom.Element, s string) {
	e.SetTextContent("")
	text(s).apply(e)
}

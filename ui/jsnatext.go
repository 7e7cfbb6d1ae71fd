//go:build js && wasm

package ui

import (
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/disclosure"
	"github.com/wardwise/wardwise/jsna/score"
)

// jsna writes a few sentences for people, in English: the need index
// formula (Scores.NeedIndex), the disclosure rule (DisclosureReport.Rule),
// the reason for each merge conflict (Conflict.Reason) and the notes it puts
// on values it could not compare or had to suppress. The catalogue holds each
// of them in every language, its English entry word for word as jsna writes
// it (tests in jsnatext_test.go check that). The views show the catalogue's
// sentence only while jsna's English is still the one the catalogue knows,
// and jsna's own English, marked as such, when jsna says something else:
// a reworded rule is never shown in its old words.

// needIndexText is the need index formula of s (score.Scores.NeedIndex) in
// the app's language.
func (a *App) needIndexText(formula string) string {
	if formula == score.NeedIndexFormula && translate(English, "score.needindex") == formula {
		return a.t("score.needindex")
	}
	return a.t("text.english", formula)
}

// disclosureRule is the disclosure control rule disclosure.Disclose applies with
// threshold and showZero, in language l: jsna's disclosure rule, built from
// catalogue sentences. A threshold below 1 is jsna's default.
func disclosureRule(l Lang, threshold int, showZero bool) string {
	if threshold <= 0 {
		threshold = disclosure.DefaultThreshold
	}
	var primary string
	switch {
	case threshold == 1 && showZero:
		primary = translate(l, "disclosure.primary.none")
	case threshold == 1:
		primary = translate(l, "disclosure.primary.zero")
	case showZero:
		primary = translate(l, "disclosure.primary.range", 1, threshold-1)
	default:
		primary = translate(l, "disclosure.primary.range", 0, threshold-1)
	}
	zero := ""
	if showZero {
		zero = translate(l, "disclosure.zero.shown")
	}
	return translate(l, "disclosure.rule", primary, zero, translate(l, "disclosure.secondary"))
}

// hesRule is the rule of disclosure.PresetNHSEnglandHES in language l.
func hesRule(l Lang) string {
	return translate(l, "disclosure.rule.hes", translate(l, "disclosure.hes.name"), translate(l, "disclosure.secondary"))
}

// disclosureRuleText is the rule of rep, applied with opts, in the app's
// language.
func (a *App) disclosureRuleText(rep disclosure.Report, opts disclosure.Options) string {
	if rep.Preset == disclosure.PresetNHSEnglandHES && rep.Rule == hesRule(English) {
		return hesRule(a.lang)
	}
	if rep.Rule == disclosureRule(English, opts.Threshold, opts.ShowZero) {
		return disclosureRule(a.lang, opts.Threshold, opts.ShowZero)
	}
	return a.t("text.english", rep.Rule)
}

// conflictReasonText is why c is a conflict, in the app's language: the
// catalogue's "merge.reason." + c.Kind, whose English is jsna's
// ConflictReason. A conflict recorded before jsna gave kinds is known by
// its English reason; one the catalogue does not know shows jsna's English.
func (a *App) conflictReasonText(c jsna.Conflict) string {
	kind := c.Kind
	if kind == "" {
		for _, k := range jsna.ConflictKinds() {
			if jsna.ConflictReason(k) == c.Reason {
				kind = k
			}
		}
	}
	if en, ok := messagesEN["merge.reason."+kind]; ok && kind != "" && en == jsna.ConflictReason(kind) {
		return a.t("merge.reason." + kind)
	}
	return a.t("text.english", c.Reason)
}

// masterAuthor is the author merge.Merge names on a record conflict's
// candidate that keeps the master's record where no draft set it.
const masterAuthor = "the master as it is"

// sourceAuthor is who wrote a candidate, in words.
func (a *App) sourceAuthor(s jsna.Source) string {
	if s.Draft == "master" && s.Author == masterAuthor {
		return a.t("merge.by.master")
	}
	if s.Sender != "" && s.Sender != s.Author {
		// The hub's name for who sent it differs from the name she typed.
		return a.t("merge.by.sender", s.Author, s.Sender)
	}
	return s.Author
}

// noteText is a value's note in the app's language where jsna wrote it
// (a suppressed value, a value it could not compare); a note from the
// file is shown as it is.
func (a *App) noteText(note string) string {
	// The count is read between the English's text before and after its
	// %d (strconv rather than fmt.Sscanf, whose scanner the viewer would
	// link for this alone); the note must then be that English exactly.
	before, after, _ := strings.Cut(translate(English, "note.suppressed.primary"), "%d")
	if rest, ok := strings.CutPrefix(note, before); ok {
		if digits, ok := strings.CutSuffix(rest, after); ok {
			if n, err := strconv.Atoi(digits); err == nil && translate(English, "note.suppressed.primary", n) == note {
				return a.t("note.suppressed.primary", n)
			}
		}
	}
	for _, k := range valueNotes {
		if translate(English, "note."+k) == note {
			return a.t("note." + k)
		}
	}
	return note
}

// valueNotes are the fixed notes jsna writes on values, by catalogue key
// ("note." + key): their English is jsna's.
var valueNotes = []string{"suppressed.secondary", "novalue", "noci", "nobenchmark", "self", "noci.quintile", "noci.quintile.reference"}

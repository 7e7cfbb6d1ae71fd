//go:build js && wasm

package ui

import (
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// jsna reports what is wrong with a file, and what an import did, in
// sentences it keeps with their format and arguments (jsna.Text). The
// catalogue holds each of those formats as the English of a message under
// "jsna." (word for word: problems_test.go checks every format jsna's
// source passes), so the views word them in the app's language.

// jsnaKeys maps each jsna format to its catalogue key.
var jsnaKeys = func() map[string]string {
	m := map[string]string{}
	for k, en := range messagesEN {
		if strings.HasPrefix(k, "jsna.") {
			m[en] = k
		}
	}
	return m
}()

// jsnaText is t in the app's language: the catalogue's message for its
// format, with its arguments (those that are Texts worded the same way).
// A format the catalogue does not know shows jsna's English, marked as
// English.
func (a *App) jsnaText(t jsna.Text) string {
	if t.Format == "" {
		return ""
	}
	key, ok := jsnaKeys[t.Format]
	if !ok {
		if rest, found := strings.CutPrefix(t.Format, "%s: "); found && len(t.Args) > 0 {
			// A place in the file ("sheet "Data" row 3") before the sentence.
			if loc, isText := t.Args[0].(jsna.Text); isText {
				return a.t("problem.at.place", a.jsnaText(loc), a.jsnaText(jsna.Textf(rest, t.Args[1:]...)))
			}
		}
		return a.t("text.english", t.String())
	}
	if len(t.Args) == 0 {
		return strings.ReplaceAll(a.t(key), "%%", "%") // as fmt would print it
	}
	args := make([]any, len(t.Args))
	for i, x := range t.Args {
		if sub, isText := x.(jsna.Text); isText {
			x = a.jsnaText(sub)
		}
		args[i] = x
	}
	return a.t(key, args...)
}

// problemText is p for the error summary, in the app's language: where it
// is (the JSON path, the line and column) and what is wrong.
func (a *App) problemText(p jsna.Problem) string {
	msg := a.jsnaText(p.Text)
	if msg == "" {
		msg = a.t("text.english", p.Message)
	}
	switch {
	case p.Path != "" && p.Line > 0:
		return a.t("problem.at.path.line", p.Path, p.Line, p.Column, msg)
	case p.Line > 0:
		return a.t("problem.at.line", p.Line, p.Column, msg)
	case p.Path != "":
		return a.t("problem.at.place", p.Path, msg)
	}
	return msg
}

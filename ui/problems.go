//go:build js && wasm

package ui

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/wardwise/wardwise/jsna"
)

// jsna reports what is wrong with a file, and what an import did, in
// sentences it keeps with their format and arguments (jsna.Text). The
// catalogue holds each of those formats as the English of a message under
// "jsna." (word for word: problems_test.go checks every format jsna's
// source passes), so the views word them in the app's language.

// jsnaKeys maps each jsna format to its catalogue key. It is built on
// first use, after init has added messages_en_full.go's keys (the full
// app's) to messagesEN.
var jsnaKeys = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for k, en := range messagesEN {
		if strings.HasPrefix(k, "jsna.") {
			m[en] = k
		}
	}
	return m
})

// jsnaText is t in the app's language: the catalogue's message for its
// format, with its arguments (those that are Texts worded the same way).
// A format the catalogue does not know shows jsna's English, marked as
// English.
func (a *App) jsnaText(t jsna.Text) string {
	if t.Format == "" {
		return ""
	}
	key, ok := jsnaKeys()[t.Format]
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
	parsed := false
	for i, x := range t.Args {
		switch v := x.(type) {
		case jsna.Text:
			x = a.jsnaText(v)
		case parsedArg:
			x, parsed = string(v), true
		}
		args[i] = x
	}
	if parsed {
		// Arguments that are words already: put in as they are.
		return fmt.Sprintf(withParsedArgs(a.t(key)), args...)
	}
	return a.t(key, args...)
}

// problemText is p for the error summary, in the app's language: where it
// is (the JSON path, the line and column) and what is wrong.
func (a *App) problemText(p jsna.Problem) string {
	t := p.Text
	if t.Format == "" {
		// From JSON (a hub's answer): the format is read back from the
		// English message.
		t, _ = textOf(p.Message)
	}
	msg := a.jsnaText(t)
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

// A problem that comes as JSON (from a hub) has only jsna's English
// message. textOf finds the format it was made from, so that it is worded
// from the catalogue all the same: the formats' literal parts are matched
// against the message, and what lies between them are the arguments, as
// jsna formatted them (parsedArg).

// parsedArg is an argument read back from an English message: already
// formatted, so it goes into the translation as it is.
type parsedArg string

// fmtVerbRE matches a fmt verb, with an explicit argument index where there
// is one. It is compiled on first use, so that the viewer (viewer.go),
// which words no problem from a hub, does without package regexp.
var (
	fmtVerbREOnce     sync.Once
	fmtVerbRECompiled *regexp.Regexp
)

func fmtVerbRE() *regexp.Regexp {
	fmtVerbREOnce.Do(func() { fmtVerbRECompiled = regexp.MustCompile(`%(?:\[[0-9]+\])?[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`) })
	return fmtVerbRECompiled
}

// formatPattern is a jsna format as a pattern that matches its messages.
type formatPattern struct {
	format string
	re     *regexp.Regexp
	fixed  int // characters of literal text: the more, the surer a match
}

var (
	patternsOnce sync.Once
	patterns     []formatPattern
)

// formatPatterns are jsna's formats as patterns, the most literal first.
// A format with no word of its own (a list, "%s, %s") is left out: it
// would match any message with a comma in it, which then would not be
// marked as English.
func formatPatterns() []formatPattern {
	patternsOnce.Do(func() {
		for f := range jsnaKeys() {
			if !strings.ContainsAny(fmtVerbRE().ReplaceAllString(f, ""), "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
				continue
			}
			var b strings.Builder
			b.WriteString("^")
			fixed, last := 0, 0
			for _, loc := range fmtVerbRE().FindAllStringIndex(f, -1) {
				lit := f[last:loc[0]]
				b.WriteString(regexp.QuoteMeta(lit))
				fixed += len(lit)
				if f[loc[0]:loc[1]] == "%%" {
					b.WriteString("%")
				} else {
					b.WriteString("(.+?)")
				}
				last = loc[1]
			}
			b.WriteString(regexp.QuoteMeta(f[last:]) + "$")
			fixed += len(f) - last
			patterns = append(patterns, formatPattern{f, regexp.MustCompile(b.String()), fixed})
		}
		sort.Slice(patterns, func(i, j int) bool {
			if patterns[i].fixed != patterns[j].fixed {
				return patterns[i].fixed > patterns[j].fixed
			}
			return patterns[i].format < patterns[j].format
		})
	})
	return patterns
}

// textOf is the Text jsna made message from, its arguments read back (and
// those that are jsna's phrases read back in turn), or false when no format
// of jsna's makes message.
func textOf(message string) (jsna.Text, bool) {
	for _, p := range formatPatterns() {
		m := p.re.FindStringSubmatch(message)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, s := range m[1:] {
			args[i] = parsedArg(s)
			if sub, ok := textOf(s); ok {
				args[i] = sub
			}
		}
		return jsna.Text{Format: p.format, Args: args}, true
	}
	return jsna.Text{}, false
}

// withParsedArgs is the catalogue's format f made to take arguments read
// back from a message: every verb becomes %s (at its index, if it has
// one), since the arguments are formatted already.
func withParsedArgs(f string) string {
	return fmtVerbRE().ReplaceAllStringFunc(f, func(v string) string {
		if v == "%%" {
			return v
		}
		if i := strings.IndexByte(v, ']'); i > 0 {
			return v[:i+1] + "s"
		}
		return "%s"
	})
}

//go:build js && wasm

package ui

import (
	"reflect"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// TestLanguageOfParts checks the marks of text in another language
// (langparts.go) where they end up in markup: a span with its lang in
// HTML, a tspan in an SVG text, nothing in an attribute or an SVG title;
// how names are chosen and marked in each interface; and marks cut by a
// chart's wrapping. (el, which needs a page, is checked in Chromium:
// TestBrowserLanguageOfParts.)
func TestLanguageOfParts(t *testing.T) {
	cy := &App{lang: Welsh}
	en := &App{lang: English}
	w := &jsna.Ward{Code: "E05000001", Name: "Riverside", NameCy: "Glan-yr-afon"}
	plain := &jsna.Ward{Code: "E05000002", Name: "Hillside"}
	for _, tt := range []struct {
		name string
		got  string
		want []textPart
	}{
		{"Welsh name in Welsh", cy.wardName(w), []textPart{{s: "Glan-yr-afon"}}},
		{"English name in English", en.wardName(w), []textPart{{s: "Riverside"}}},
		{"no Welsh name in Welsh", cy.wardName(plain), []textPart{{s: "Hillside", lang: "en"}}},
		{"a name in a sentence", cy.t("spine.title", cy.wardName(plain)),
			[]textPart{{s: "Siart asgwrn cefn o ddangosyddion "}, {s: "Hillside", lang: "en"}}},
		{"Welsh standing in for English", en.shownText(jsna.Bilingual{English: new(string), Welsh: ptr("Pwy sy'n byw yma")}),
			[]textPart{{s: "Pwy sy'n byw yma", lang: "cy"}}},
		{"jsna's English in Welsh", cy.t("text.english", "a rule"), []textPart{{s: "a rule", lang: "en"}, {s: " (yn Saesneg)"}}},
		{"marks in a file are dropped", cy.inLang("a\uE000cy\uE001b\uE002", jsna.Welsh), []textPart{{s: "ab"}}},
		{"cut inside the part", cy.english("Hillside")[:12], []textPart{{s: "Hill", lang: "en"}}},
		{"cut inside the tag", "x" + cy.english("Hillside")[:4], []textPart{{s: "x"}}},
	} {
		if got := langParts(tt.got); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: langParts(%q) = %+v, want %+v", tt.name, tt.got, got, tt.want)
		}
	}
	if got := translate(Welsh, "spine.title", "x"); got != "Siart asgwrn cefn o ddangosyddion x" {
		t.Fatalf("the test assumes spine.title is %q in Welsh", got)
	}

	var m markup
	name := cy.wardName(plain)
	m.start("p", "title", name).text(cy.t("spine.title", name)).end()
	m.start("svg").elem("title", name).elem("text", name).end()
	want := `<p title="Hillside">Siart asgwrn cefn o ddangosyddion <span lang="en">Hillside</span></p>` +
		`<svg><title>Hillside</title><text><tspan lang="en">Hillside</tspan></text></svg>`
	if got := m.String(); got != want {
		t.Errorf("markup:\n got %s\nwant %s", got, want)
	}

	lines := wrap(cy.english("Emergency hospital admissions for stroke"), 20, 2)
	if len(lines) != 2 || !reflect.DeepEqual(langParts(lines[1]), []textPart{{s: "admissions for stro…", lang: "en"}}) {
		t.Errorf("wrap = %q, want two lines each marked English", lines)
	}
}

func ptr(s string) *string { return &s }

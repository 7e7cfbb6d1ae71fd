//go:build js && wasm

package ui

import (
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// TestReportLanguages checks which languages the report prints, in which
// order, for each choice and each document.
func TestReportLanguages(t *testing.T) {
	tests := []struct {
		languages []string
		choice    string
		want      string
	}{
		{nil, "", "en"},
		{nil, jsna.Welsh, "en"}, // a choice left from a bilingual document
		{[]string{"en", "cy"}, "", "en cy"},
		{[]string{"en", "cy"}, reportSequence, "en cy"},
		{[]string{"cy", "en"}, "", "cy en"},
		{[]string{"cy", "en"}, reportSequence, "cy en"},
		{[]string{"cy", "en"}, jsna.English, "en"},
		{[]string{"en", "cy"}, jsna.Welsh, "cy"},
	}
	for _, tt := range tests {
		a := &App{doc: &jsna.Document{Languages: tt.languages}, bi: bilingualState{report: tt.choice}}
		if got := strings.Join(a.reportLanguages(), " "); got != tt.want {
			t.Errorf("languages %v, choice %q: reportLanguages() = %q, want %q", tt.languages, tt.choice, got, tt.want)
		}
	}
}

// TestReportInLanguage checks that a report in one language is drawn in
// it and that the interface's language comes back afterwards.
func TestReportInLanguage(t *testing.T) {
	a := &App{lang: English, doc: &jsna.Document{Languages: []string{"en", "cy"}}, bi: bilingualState{report: jsna.Welsh}}
	restore := a.reportInLanguage()
	if a.lang != Welsh || a.t("bi.lang.cy") != "Cymraeg" {
		t.Errorf("while drawing: lang %q, want cy", a.lang)
	}
	restore()
	if a.lang != English {
		t.Errorf("after: lang %q, want en", a.lang)
	}
	a.bi.report = reportColumns
	a.reportInLanguage()()
	if a.lang != English {
		t.Errorf("side by side: lang %q, want the interface's, en", a.lang)
	}
}

// TestLocalIndicatorNames checks that the Welsh names replace the English
// ones only in a bilingual document drawn in Welsh.
func TestLocalIndicatorNames(t *testing.T) {
	d := &jsna.Document{Languages: []string{"en", "cy"}, Indicators: []jsna.Indicator{
		{ID: "93231", Name: "Emergency hospital admissions for stroke", NameCy: "Derbyniadau brys i'r ysbyty am strôc"},
		{ID: "93015", Name: "Percentage of physically inactive adults"},
	}}
	rows := func() []indicatorRow {
		var rs []indicatorRow
		for _, ind := range d.Indicators {
			rs = append(rs, indicatorRow{id: ind.ID, name: ind.Name, spine: spineRow{name: ind.Name}})
		}
		return rs
	}
	for _, tt := range []struct {
		lang      Lang
		bilingual bool
		want      string
	}{
		{Welsh, true, "Derbyniadau brys i'r ysbyty am strôc | Percentage of physically inactive adults"},
		{English, true, "Emergency hospital admissions for stroke | Percentage of physically inactive adults"},
		{Welsh, false, "Emergency hospital admissions for stroke | Percentage of physically inactive adults"},
	} {
		d.Languages = nil
		if tt.bilingual {
			d.Languages = []string{"en", "cy"}
		}
		a := &App{lang: tt.lang, doc: d}
		rs := rows()
		a.localIndicatorNames(d, rs)
		if got := stripLang(rs[0].name + " | " + rs[1].name); got != tt.want || rs[0].spine.name != rs[0].name {
			t.Errorf("%s, bilingual %v: names %q, want %q", tt.lang, tt.bilingual, got, tt.want)
		}
		// In the Welsh interface an English name is marked as English.
		if marked := hasLangMarks(rs[1].name); marked != (tt.lang == Welsh) {
			t.Errorf("%s, bilingual %v: %q marked %v, want %v", tt.lang, tt.bilingual, rs[1].name, marked, tt.lang == Welsh)
		}
		if got := stripLang(rs[0].name + " | " + rs[1].name); got != tt.want {
			t.Errorf("%s, bilingual %v: names %q, want %q", tt.lang, tt.bilingual, got, tt.want)
		}
	}
}

// TestFieldLang checks that the merge view marks the Welsh versions, and
// only them, as Welsh.
func TestFieldLang(t *testing.T) {
	for _, name := range []string{"title_cy", "text_cy", "name_cy", "description_cy", "recommendation_cy"} {
		if got, ok := fieldLang(name).(attrOpt); !ok || got != (attrOpt{"lang", "cy"}) {
			t.Errorf("fieldLang(%q) = %#v, want lang=cy", name, fieldLang(name))
		}
	}
	for _, name := range []string{"title", "text", "title_confirmed", "kind"} {
		if got, ok := fieldLang(name).(optsOpt); !ok || len(got) != 0 {
			t.Errorf("fieldLang(%q) = %#v, want nothing", name, fieldLang(name))
		}
	}
}

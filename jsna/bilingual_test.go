package jsna

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// TestConfirmation checks the confirmation's form against fingerprints
// worked out independently (Python's hashlib.sha256(s.encode()).hexdigest()[:12]).
func TestConfirmation(t *testing.T) {
	got := Confirmation("Who lives here", "Pwy sy'n byw yma")
	if want := "en:b7abf1cb44bc cy:b6111d0508b7"; got != want {
		t.Errorf("Confirmation = %q, want %q", got, want)
	}
}

// TestTranslationState walks a text through edits in both directions:
// confirming makes it up to date, an edit to one language marks the other
// out of date, and confirming again clears it.
func TestTranslationState(t *testing.T) {
	en, cy := "Who lives here", "Pwy sy'n byw yma"
	ok := Confirmation(en, cy)
	cases := []struct {
		name            string
		en, cy, confirm string
		want            TranslationState
		outOfDate       string
	}{
		{"English only", en, "", "", OneLanguage, ""},
		{"Welsh only", "", cy, ok, OneLanguage, ""},
		{"both, never confirmed", en, cy, "", Unconfirmed, ""},
		{"confirmed", en, cy, ok, UpToDate, ""},
		{"English edited after the Welsh", "Who lives in Riverside", cy, ok, WelshOutOfDate, Welsh},
		{"Welsh edited after the English", en, "Pwy sy'n byw ar lan yr afon", ok, EnglishOutOfDate, English},
		{"both edited since", "Who lives in Riverside", "Pwy sy'n byw ar lan yr afon", ok, Unconfirmed, ""},
		{"English edited, then confirmed", "Who lives in Riverside", cy, Confirmation("Who lives in Riverside", cy), UpToDate, ""},
		{"confirmation not in its form", en, cy, "en:b7abf1cb44bc", Unconfirmed, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := StateOf(c.en, c.cy, c.confirm)
			if got != c.want || got.OutOfDate() != c.outOfDate {
				t.Errorf("StateOf(%q, %q, %q) = %d (out of date %q), want %d (%q)", c.en, c.cy, c.confirm, got, got.OutOfDate(), c.want, c.outOfDate)
			}
			if stale := c.want > UpToDate; got.Stale() != stale {
				t.Errorf("Stale() = %v, want %v", got.Stale(), stale)
			}
		})
	}
}

// TestTextEdits edits a section through its Texts as the editor does and
// checks the state after each step, and after a save and reload.
func TestTextEdits(t *testing.T) {
	d := loadSmall(t)
	d.Languages = []string{English, Welsh}
	s := &d.Wards[0].Sections[0]
	title := TextNamed(s.Texts(), "title")
	title.Set(Welsh, "Pwy sy'n byw yma")
	if got := title.State(); got != Unconfirmed {
		t.Fatalf("after writing the Welsh: %d, want Unconfirmed", got)
	}
	title.Confirm()
	if s.TitleConfirmed != "en:b7abf1cb44bc cy:b6111d0508b7" || title.State() != UpToDate {
		t.Fatalf("after confirming: %q, %d", s.TitleConfirmed, title.State())
	}
	title.Set(English, "Who lives in Riverside")
	if got := title.State(); got != WelshOutOfDate {
		t.Fatalf("after editing the English: %d, want WelshOutOfDate", got)
	}
	if n := StaleTexts(d); n != 1 {
		t.Errorf("StaleTexts = %d, want 1", n)
	}
	// The state is data in the document: it survives a save and reload.
	var buf bytes.Buffer
	if err := Encode(&buf, d); err != nil {
		t.Fatal(err)
	}
	r, err := Parse("bilingual.json", buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	rs := &r.Wards[0].Sections[0]
	if got := TextNamed(rs.Texts(), "title").State(); got != WelshOutOfDate || !r.Bilingual() || rs.TitleCy != "Pwy sy'n byw yma" {
		t.Errorf("reloaded: state %d, bilingual %v, title_cy %q", got, r.Bilingual(), rs.TitleCy)
	}
	TextNamed(rs.Texts(), "title").Confirm()
	if n := StaleTexts(r); n != 0 {
		t.Errorf("StaleTexts after confirming = %d, want 0", n)
	}
}

// TestOldFilesUnchanged checks that a document without Welsh encodes as
// before: none of the new members appears.
func TestOldFilesUnchanged(t *testing.T) {
	d := loadSmall(t)
	c := string(Canonical(d))
	for _, m := range []string{"_cy", "_confirmed", "languages"} {
		if strings.Contains(c, m) {
			t.Errorf("canonical encoding of small.json holds %q", m)
		}
	}
	if d.Bilingual() || d.PrimaryLanguage() != English {
		t.Errorf("Bilingual() = %v, PrimaryLanguage() = %q; want false, en", d.Bilingual(), d.PrimaryLanguage())
	}
	d.Languages = []string{Welsh, English}
	if !d.Bilingual() || d.PrimaryLanguage() != Welsh {
		t.Errorf("Welsh first: Bilingual() = %v, PrimaryLanguage() = %q; want true, cy", d.Bilingual(), d.PrimaryLanguage())
	}
}

// TestFieldsCovered checks that every free text listed in Texts has its
// Welsh and confirmation members named after the English one, and so
// that Texts covers the members the format has.
func TestFieldsCovered(t *testing.T) {
	var (
		s   Section
		a   Asset
		v   Voice
		n   Need
		ind Indicator
	)
	lists := map[string][]Bilingual{"section": s.Texts(), "asset": a.Texts(), "voice": v.Texts(), "need": n.Texts(), "indicator": ind.Texts()}
	want := map[string]string{"section": "title text", "asset": "name kind description", "voice": "text source", "need": "title recommendation", "indicator": "name definition"}
	for kind, ts := range lists {
		var names []string
		for _, tx := range ts {
			names = append(names, tx.Name)
		}
		if got := strings.Join(names, " "); got != want[kind] {
			t.Errorf("%s texts = %q, want %q", kind, got, want[kind])
		}
	}
	types := map[string]any{"section": s, "asset": a, "voice": v, "need": n, "indicator": ind}
	for kind, ts := range lists {
		rt := reflect.TypeOf(types[kind])
		for _, tx := range ts {
			for _, m := range []string{tx.Name, tx.Name + "_cy", tx.Name + "_confirmed"} {
				if _, ok := FieldByName(rt, m); !ok {
					t.Errorf("%s has no member %q", kind, m)
				}
			}
		}
	}
}

// TestValidateBilingual checks the rules of the new members: the
// languages, the confirmations' form, the Welsh versions' lengths (as the
// English ones') and bidirectional controls in Welsh titles and names.
func TestValidateBilingual(t *testing.T) {
	cases := []struct {
		name string
		edit func(d *Document)
		want string
	}{
		{"unknown language", func(d *Document) { d.Languages = []string{"en", "fr"} },
			`languages[1]: must be "en" or "cy", got "fr"`},
		{"language twice", func(d *Document) { d.Languages = []string{"en", "en"} },
			`languages[1]: "en" is listed twice`},
		{"no English", func(d *Document) { d.Languages = []string{"cy"} },
			`languages: must include "en": the English texts are the ones every reader requires`},
		{"three languages", func(d *Document) { d.Languages = []string{"en", "cy", "cy"} },
			"languages: must be at most 2\nlanguages[2]: \"cy\" is listed twice"},
		{"confirmation out of form", func(d *Document) { d.Wards[0].Sections[0].TextConfirmed = "yes" },
			`wards[0].sections[0].text_confirmed: "yes" is not a confirmation (en: and 12 hex digits, a space, cy: and 12 hex digits)`},
		{"Welsh title too long", func(d *Document) { d.Wards[0].Needs[0].TitleCy = strings.Repeat("a", 501) },
			`wards[0].needs[0].title_cy: is longer than 500 characters`},
		{"Welsh indicator name too long", func(d *Document) { d.Indicators[0].NameCy = strings.Repeat("a", 501) },
			`indicators[0].name_cy: is longer than 500 characters`},
		{"control in a Welsh asset name", func(d *Document) { d.Wards[0].Assets[0].NameCy = "Llyfrgell\u202e" },
			`wards[0].assets[0].name_cy: contains U+202E (right-to-left override), which can disguise text`},
		{"control in a Welsh section title", func(d *Document) { d.Wards[0].Sections[0].TitleCy = "\u2066Pwy" },
			`wards[0].sections[0].title_cy: contains U+2066 (left-to-right isolate), which can disguise text`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := loadSmall(t)
			c.edit(d)
			err := d.Validate()
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", c.want)
			}
			e := err.(*Error)
			var got []string
			for _, p := range e.Problems {
				got = append(got, p.Path+": "+p.Message)
			}
			if strings.Join(got, "\n") != c.want {
				t.Errorf("Validate() = %v, want %q", err, c.want)
			}
		})
	}
	// Free text in Welsh may hold any control, as English free text may.
	d := loadSmall(t)
	d.Languages = []string{English, Welsh}
	d.Wards[0].Voice[0].TextCy = "Dywedodd hi \u202bيفتح المركز\u202c"
	d.Wards[0].Sections[0].TextConfirmed = Confirmation(d.Wards[0].Sections[0].Text, "")
	if err := d.Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
}

// TestValidatePrimaryLanguage checks that the texts a record requires (a
// section's and a need's title, an asset's name, a voice note's text) are
// required in the document's primary language: the English in a document
// in English or English first, the Welsh in a Welsh-first one, whose
// English may be empty.
func TestValidatePrimaryLanguage(t *testing.T) {
	blankEnglish := func(d *Document) {
		w := &d.Wards[0]
		w.Sections[0].TitleCy, w.Sections[0].Title = w.Sections[0].Title+" (cy)", ""
		w.Assets[0].NameCy, w.Assets[0].Name = w.Assets[0].Name+" (cy)", ""
		w.Voice[0].TextCy, w.Voice[0].Text = w.Voice[0].Text+" (cy)", ""
		w.Needs[0].TitleCy, w.Needs[0].Title = w.Needs[0].Title+" (cy)", ""
	}
	englishMissing := "wards[0].assets[0].name: is required\n" +
		"wards[0].needs[0].title: is required\n" +
		"wards[0].sections[0].title: is required\n" +
		"wards[0].voice[0].text: is required"
	cases := []struct {
		name      string
		languages []string
		edit      func(d *Document)
		want      string // the problems, "" for none
	}{
		{"English only, English blank", nil, blankEnglish, englishMissing},
		{"English first, English blank", []string{English, Welsh}, blankEnglish, englishMissing},
		{"Welsh first, English blank", []string{Welsh, English}, blankEnglish, ""},
		{"Welsh first, Welsh blank", []string{Welsh, English}, func(d *Document) {}, "wards[0].assets[0].name_cy: is required\n" +
			"wards[0].needs[0].title_cy: is required\n" +
			"wards[0].sections[0].title_cy: is required\n" +
			"wards[0].voice[0].text_cy: is required"},
		{"English first, Welsh blank", []string{English, Welsh}, func(d *Document) {}, ""},
		{"Welsh only is refused, English still required", []string{Welsh}, blankEnglish,
			`languages: must include "en": the English texts are the ones every reader requires` + "\n" + englishMissing},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := loadSmall(t)
			d.Languages = c.languages
			c.edit(d)
			var got []string
			if err := d.Validate(); err != nil {
				for _, p := range err.(*Error).Problems {
					got = append(got, p.Path+": "+p.Message)
				}
			}
			if g := strings.Join(got, "\n"); g != c.want {
				t.Errorf("Validate() problems:\n%s\nwant:\n%s", g, c.want)
			}
		})
	}
}

package jsna

import (
	"encoding/hex"
	"github.com/wardwise/wardwise/jsna/internal/sha"
)

// Bilingual content. Every free text of the format may carry a Welsh
// version beside the English one, in a sibling member named after it with
// "_cy" (a section's "text" and "text_cy"), and a confirmation, the member
// with "_confirmed" ("text_confirmed"): the fingerprints of both versions
// when someone last confirmed that they say the same (Confirmation). A
// document's Languages say whether it is bilingual and which language is
// primary, the one written first and printed first.
//
// The English members keep their meaning and their rules (a section's
// title is required), so a file without Welsh is unchanged and every
// version of Wardwise reads a bilingual one. Since each version is a member
// of its own, the merge, which works member by member, treats each
// language as its own field: an English edit in one draft and a Welsh
// edit in another merge cleanly.

// The languages a document may hold, as BCP 47 tags (the lang attribute).
const (
	English = "en"
	Welsh   = "cy"
)

// Bilingual reports whether d holds its free texts in English and Welsh
// (its Languages name both).
func (d *Document) Bilingual() bool { return len(d.Languages) == 2 }

// PrimaryLanguage is the language d is written in first: the first of its
// Languages, English when it names none. A Welsh-first council lists
// ["cy", "en"].
func (d *Document) PrimaryLanguage() string {
	if len(d.Languages) > 0 && d.Languages[0] == Welsh {
		return Welsh
	}
	return English
}

// OtherLanguage is the language of a bilingual pair that is not lang.
func OtherLanguage(lang string) string {
	if lang == Welsh {
		return English
	}
	return Welsh
}

// Bilingual is one free text of a record in both languages: pointers into the
// record, so that setting through a Bilingual edits it. Name is the English
// member ("title"); the Welsh one is Name+"_cy" and the confirmation
// Name+"_confirmed".
type Bilingual struct {
	Name      string
	English   *string
	Welsh     *string
	Confirmed *string
	Max       int  // the longest a version may be, in characters
	Required  bool // the version in the document's primary language must not be empty (validateLanguages)
}

// In is the version of t in lang.
func (t Bilingual) In(lang string) string {
	if lang == Welsh {
		return *t.Welsh
	}
	return *t.English
}

// Set sets the version of t in lang to s. The confirmation is left as it
// was: a changed version is what makes the other one out of date.
func (t Bilingual) Set(lang, s string) {
	if lang == Welsh {
		*t.Welsh = s
	} else {
		*t.English = s
	}
}

// State says whether t's versions are known to agree (TranslationState).
func (t Bilingual) State() TranslationState {
	return StateOf(*t.English, *t.Welsh, *t.Confirmed)
}

// Confirm records that t's versions, as they are now, say the same.
func (t Bilingual) Confirm() { *t.Confirmed = Confirmation(*t.English, *t.Welsh) }

// Texts lists the free texts of a section: its title and text.
func (s *Section) Texts() []Bilingual {
	return []Bilingual{
		{"title", &s.Title, &s.TitleCy, &s.TitleConfirmed, 500, true},
		{"text", &s.Text, &s.TextCy, &s.TextConfirmed, 200000, false},
	}
}

// Texts lists the free texts of an asset: its name, kind and description.
func (a *Asset) Texts() []Bilingual {
	return []Bilingual{
		{"name", &a.Name, &a.NameCy, &a.NameConfirmed, 500, true},
		{"kind", &a.Kind, &a.KindCy, &a.KindConfirmed, 100, false},
		{"description", &a.Description, &a.DescriptionCy, &a.DescriptionConfirmed, 20000, false},
	}
}

// Texts lists the free texts of a voice note: its text and source.
func (v *Voice) Texts() []Bilingual {
	return []Bilingual{
		{"text", &v.Text, &v.TextCy, &v.TextConfirmed, 20000, true},
		{"source", &v.Source, &v.SourceCy, &v.SourceConfirmed, 500, false},
	}
}

// Texts lists the free texts of a need: its title and recommendation.
func (n *Need) Texts() []Bilingual {
	return []Bilingual{
		{"title", &n.Title, &n.TitleCy, &n.TitleConfirmed, 500, true},
		{"recommendation", &n.Recommendation, &n.RecommendationCy, &n.RecommendationConfirmed, 20000, false},
	}
}

// Texts lists the free texts of an indicator: its name and definition.
// The name is required in English whatever the primary language: it comes
// with the data (OHID's names), and the struct tag requires it.
func (ind *Indicator) Texts() []Bilingual {
	return []Bilingual{
		{"name", &ind.Name, &ind.NameCy, &ind.NameConfirmed, 500, false},
		{"definition", &ind.Definition, &ind.DefinitionCy, &ind.DefinitionConfirmed, 20000, false},
	}
}

// textMember is the member of the version in lang of the text whose
// English member is name: name itself, or name+"_cy".
func textMember(name, lang string) string {
	if lang == Welsh {
		return name + "_cy"
	}
	return name
}

// TextNamed is the text of texts whose English member is name. It panics
// when there is none: the names are the fixed members listed above.
func TextNamed(texts []Bilingual, name string) Bilingual {
	for _, t := range texts {
		if t.Name == name {
			return t
		}
	}
	panic("jsna: no text named " + name)
}

// TranslationState says whether the two versions of a text are known to
// say the same.
type TranslationState int

const (
	// OneLanguage: a version is empty, so there is nothing to compare
	// (a missing translation is shown as missing, not as out of date).
	OneLanguage TranslationState = iota
	// UpToDate: neither version changed since they were confirmed.
	UpToDate
	// WelshOutOfDate: the English changed since the confirmation and the
	// Welsh did not.
	WelshOutOfDate
	// EnglishOutOfDate: the Welsh changed since the confirmation and the
	// English did not.
	EnglishOutOfDate
	// Unconfirmed: the versions were never confirmed, or both changed
	// since, so either may be out of date.
	Unconfirmed
)

// Stale reports whether s asks someone to check the translation and
// confirm it.
func (s TranslationState) Stale() bool { return s > UpToDate }

// OutOfDate is the language whose version may no longer say what the other
// does: Welsh or English, or "" for Unconfirmed (either) and for no
// staleness.
func (s TranslationState) OutOfDate() string {
	switch s {
	case WelshOutOfDate:
		return Welsh
	case EnglishOutOfDate:
		return English
	}
	return ""
}

// fingerprint is the first 12 hex digits of the SHA-256 of s: enough to
// notice an edit, not a security measure.
func fingerprint(s string) string {
	sum := sha.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// Confirmation is what a "_confirmed" member holds once someone confirms
// that english and welsh say the same: "en:" and the fingerprint of the
// English, " cy:" and that of the Welsh (each the first 12 hex digits of
// the SHA-256 of the text's UTF-8).
func Confirmation(english, welsh string) string {
	return "en:" + fingerprint(english) + " cy:" + fingerprint(welsh)
}

// StateOf compares a text's versions, english and welsh, with confirmed,
// its "_confirmed" member: the version whose fingerprint no longer matches
// is the one edited since, and the other is the one out of date.
func StateOf(english, welsh, confirmed string) TranslationState {
	if english == "" || welsh == "" {
		return OneLanguage
	}
	if !isConfirmation(confirmed) {
		return Unconfirmed
	}
	enSame := confirmed[3:15] == fingerprint(english)
	cySame := confirmed[19:] == fingerprint(welsh)
	switch {
	case enSame && cySame:
		return UpToDate
	case cySame:
		return WelshOutOfDate
	case enSame:
		return EnglishOutOfDate
	}
	return Unconfirmed
}

// StaleTexts counts the texts of d that ask for a translation to be
// checked (TranslationState.Stale).
func StaleTexts(d *Document) int {
	n := 0
	count := func(ts []Bilingual) {
		for _, t := range ts {
			if t.State().Stale() {
				n++
			}
		}
	}
	for i := range d.Indicators {
		count(d.Indicators[i].Texts())
	}
	for i := range d.Wards {
		eachWardText(&d.Wards[i], func(_ string, ts []Bilingual) { count(ts) })
	}
	return n
}

// eachWardText calls f with the path (relative to the ward) and the texts
// of each record of w that has free texts.
func eachWardText(w *Ward, f func(path string, ts []Bilingual)) {
	for i := range w.Sections {
		f(index("sections", i), w.Sections[i].Texts())
	}
	for i := range w.Assets {
		f(index("assets", i), w.Assets[i].Texts())
	}
	for i := range w.Voice {
		f(index("voice", i), w.Voice[i].Texts())
	}
	for i := range w.Needs {
		f(index("needs", i), w.Needs[i].Texts())
	}
}

// validateLanguages checks the languages a document names (English,
// Welsh, each at most once, English among them), that every required text
// (a section's and a need's title, an asset's name, a voice note's text)
// has its version in the primary language, and every confirmation's
// form. A Welsh-first document (["cy", "en"]) needs the Welsh title, not
// the English: its author writes the Welsh first, and the English may
// follow. Validate calls it; the lengths are in the struct tags, and the
// Welsh names and titles are checked for bidirectional controls with the
// English ones (bidi.go).
func (d *Document) validateLanguages(ps *Problems) {
	seen := map[string]bool{}
	for i, l := range d.Languages {
		switch {
		case l != English && l != Welsh:
			ps.Add(index("languages", i), "must be %q or %q, got %q", English, Welsh, l)
		case seen[l]:
			ps.Add(index("languages", i), "%q is listed twice", l)
		}
		seen[l] = true
	}
	if len(d.Languages) > 0 && !seen[English] {
		ps.Add("languages", "must include %q: the English texts are the ones every reader requires", English)
	}
	primary := English // also where languages are in error: English is what every reader requires
	if d.Bilingual() && seen[English] {
		primary = d.PrimaryLanguage()
	}
	for i := range d.Indicators {
		checkTexts(ps, primary, d.Indicators[i].Texts(), textsAt{"indicators", i, "", 0})
	}
	// A ward's records are checked in place, the path built only for a
	// problem: an England-scale master has some 100,000 of them.
	for i := range d.Wards {
		w := &d.Wards[i]
		for j := range w.Sections {
			checkTexts(ps, primary, w.Sections[j].Texts(), textsAt{"wards", i, "sections", j})
		}
		for j := range w.Assets {
			checkTexts(ps, primary, w.Assets[j].Texts(), textsAt{"wards", i, "assets", j})
		}
		for j := range w.Voice {
			checkTexts(ps, primary, w.Voice[j].Texts(), textsAt{"wards", i, "voice", j})
		}
		for j := range w.Needs {
			checkTexts(ps, primary, w.Needs[j].Texts(), textsAt{"wards", i, "needs", j})
		}
	}
}

// textsAt is the path of a record with free texts, outer[i] or
// outer[i].inner[j], as validateLanguages builds it when there is a
// problem to report.
type textsAt struct {
	outer string
	i     int
	inner string
	j     int
}

func (at textsAt) String() string {
	p := index(at.outer, at.i)
	if at.inner != "" {
		p = index(member(p, at.inner), at.j)
	}
	return p
}

// checkTexts checks the texts ts of the record at: the one required in
// the primary language, and every confirmation's form.
func checkTexts(ps *Problems, primary string, ts []Bilingual, at textsAt) {
	for _, t := range ts {
		if t.Required && t.In(primary) == "" {
			ps.Add(member(at.String(), textMember(t.Name, primary)), "is required")
		}
		if c := *t.Confirmed; c != "" && !isConfirmation(c) {
			ps.Add(member(at.String(), t.Name+"_confirmed"), "%q is not a confirmation (en: and 12 hex digits, a space, cy: and 12 hex digits)", c)
		}
	}
}

package example

import (
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// TestExampleWelsh checks the bilingual first ward of the shipped example:
// its Welsh texts, every translation confirmed, the health text left in
// English only, and no Welsh in the other wards.
func TestExampleWelsh(t *testing.T) {
	d := New(Options{})
	w := d.Wards[0]
	if got, want := w.Sections[0].TextCy, "Mae tua 11,400 o bobl yn byw yn ward Rhyd-y-castell.\nMae'r ward yn llai difreintiedig na'r fwrdeistref gyfan.\n(Testun enghreifftiol synthetig.)"; got != want {
		t.Errorf("demographics text_cy = %q, want %q", got, want)
	}
	if got, want := w.Needs[0].RecommendationCy, "Gweithio gyda phartneriaid yn ward Rhyd-y-castell ar yr angen hwn: derbyniadau brys i'r ysbyty am strôc. (Testun enghreifftiol synthetig.)"; got != want {
		t.Errorf("need n1 recommendation_cy = %q, want %q", got, want)
	}
	// The bilingual ward's and the area's Welsh names: invented, as the
	// borough is (welsh.go); no other ward has one.
	if w.Name != "Castleford" || w.NameCy != "Rhyd-y-castell" || d.Area.NameCy != "Bwrdeistref Enghreifftiol (synthetig)" {
		t.Errorf("ward %q name_cy %q, area name_cy %q; want Castleford, Rhyd-y-castell, Bwrdeistref Enghreifftiol (synthetig)", w.Name, w.NameCy, d.Area.NameCy)
	}
	if got, want := w.Assets[0].KindCy+" / "+w.Voice[0].SourceCy, welshAssetKinds[w.Assets[0].Kind]+" / "+welshVoiceSources[w.Voice[0].Source]; got != want || w.Assets[0].KindCy == "" || w.Voice[0].SourceCy == "" {
		t.Errorf("first asset's kind_cy / voice note's source_cy = %q, want %q", got, want)
	}
	missing := 0
	var texts []jsna.Bilingual
	for i := range w.Sections {
		texts = append(texts, w.Sections[i].Texts()...)
	}
	for i := range w.Assets {
		texts = append(texts, w.Assets[i].Texts()...)
	}
	for i := range w.Voice {
		texts = append(texts, w.Voice[i].Texts()...)
	}
	for i := range w.Needs {
		texts = append(texts, w.Needs[i].Texts()...)
	}
	for _, tx := range texts {
		switch tx.State() {
		case jsna.UpToDate:
		case jsna.OneLanguage:
			if tx.In(jsna.English) != "" {
				missing++
			}
		default:
			t.Errorf("%s %q: state %d, want up to date", tx.Name, tx.In(jsna.English), tx.State())
		}
	}
	// The health section's text, and the descriptions of the assets after
	// the first, which have none in English either.
	if missing != 1 || w.Sections[1].TextCy != "" || w.Sections[1].Text == "" {
		t.Errorf("%d texts in English only, want 1 (the health text)", missing)
	}
	for _, other := range d.Wards[1:] {
		if other.Sections[0].TitleCy != "" || other.Voice[0].TextCy != "" || other.NameCy != "" {
			t.Errorf("ward %s has Welsh, want only the first ward", other.Code)
		}
	}
	named := 0
	for _, ind := range d.Indicators {
		if ind.NameCy != "" {
			named++
		}
		if ind.ID == "93227" && ind.NameCy != "Derbyniadau brys i'r ysbyty am bob achos, pob oed, cymhareb derbyniadau safonedig" {
			t.Errorf("93227 name_cy = %q", ind.NameCy)
		}
	}
	if named != 30 {
		t.Errorf("%d indicators named in Welsh, want all 30", named)
	}
	d.Languages = []string{jsna.English, jsna.Welsh}
	if err := d.Validate(); err != nil {
		t.Errorf("bilingual example: Validate() = %v", err)
	}
	if n := jsna.StaleTexts(d); n != 0 {
		t.Errorf("StaleTexts = %d, want 0", n)
	}
}

package jsna

import (
	"fmt"
	"reflect"
	"testing"
)

// TestValidateRightToLeftText checks that text in right-to-left scripts is
// kept: Urdu and Arabic names, titles and voice notes pass, as do the
// direction marks U+200E and U+200F and, in free text, any control.
func TestValidateRightToLeftText(t *testing.T) {
	d := loadSmall(t)
	d.Title = "جائزہ صحت، بریڈفورڈ"
	d.Wards[0].Name = "مانِنگھم"
	d.Wards[0].Sections[0].Title = "صحت کی ضروریات"
	d.Wards[0].Sections[0].Text = "Residents said \u200fصحت اچھی نہیں\u200e, mostly the older ones."
	d.Wards[0].Voice[0].Text = "ہمیں ڈاکٹر کے پاس جانے کے لیے ہفتوں انتظار کرنا پڑتا ہے"
	d.Wards[0].Voice[0].Source = "امرأة، ٤٥ عامًا"
	d.Wards[0].Assets[0].Name = "مسجد النور"
	d.Wards[0].Assets[0].Description = "\u202bيفتح المركز أبوابه كل يوم\u202c"
	d.Wards[0].Needs[0].Title = "الوصول إلى الطبيب العام"
	d.Indicators[0].Name = "Obesity \u200f(موٹاپا)"
	d.Draft.Author = "ڈاکٹر عائشہ خان"
	if err := d.Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
}

// TestValidateBidiControls checks that every bidirectional embedding,
// override and isolate control is refused in a name, with its code point.
func TestValidateBidiControls(t *testing.T) {
	controls := []struct {
		r    rune
		name string
	}{
		{'\u202A', "left-to-right embedding"},
		{'\u202B', "right-to-left embedding"},
		{'\u202C', "pop directional formatting"},
		{'\u202D', "left-to-right override"},
		{'\u202E', "right-to-left override"},
		{'\u2066', "left-to-right isolate"},
		{'\u2067', "right-to-left isolate"},
		{'\u2068', "first strong isolate"},
		{'\u2069', "pop directional isolate"},
	}
	for _, c := range controls {
		t.Run(fmt.Sprintf("U+%04X", c.r), func(t *testing.T) {
			d := loadSmall(t)
			d.Wards[0].Name = "Manningham " + string(c.r) + "مانِنگھم"
			const format = "contains U+%04X (%s), which can disguise text"
			want := []Problem{{Path: "wards[0].name", Message: fmt.Sprintf(format, c.r, c.name), Text: Textf(format, c.r, c.name)}}
			if got := problems(t, d.Validate()); !reflect.DeepEqual(got, want) {
				t.Errorf("Validate() = %v, want %v", got, want)
			}
		})
	}
}

// TestBidiMessage checks the whole message, as the CLI prints it.
func TestBidiMessage(t *testing.T) {
	d := loadSmall(t)
	d.Wards[0].Name = "Manningham\u202e"
	want := "jsna: document: wards[0].name: contains U+202E (right-to-left override), which can disguise text"
	if err := d.Validate(); err == nil || err.Error() != want {
		t.Errorf("Validate() = %v, want %q", err, want)
	}
}

// TestValidateBidiPaths puts a right-to-left override in each kind of
// name, id and author, and checks that Validate names the path.
func TestValidateBidiPaths(t *testing.T) {
	const rlo = "\u202e"
	tests := []struct {
		path   string
		change func(d *Document)
	}{
		{"id", func(d *Document) { d.ID += rlo }},
		{"title", func(d *Document) { d.Title += rlo }},
		{"area.name", func(d *Document) { d.Area.Name += rlo }},
		{"benchmark.name", func(d *Document) { d.Benchmark.Name += rlo }},
		{"indicators[0].id", func(d *Document) { d.Indicators[0].ID += rlo }},
		{"indicators[1].name", func(d *Document) { d.Indicators[1].Name += rlo }},
		{"wards[1].code", func(d *Document) { d.Wards[1].Code += rlo }},
		{"wards[0].values[0].indicator", func(d *Document) { d.Wards[0].Values[0].Indicator += rlo }},
		{"wards[0].sections[0].id", func(d *Document) { d.Wards[0].Sections[0].ID += rlo }},
		{"wards[0].sections[0].title", func(d *Document) { d.Wards[0].Sections[0].Title += rlo }},
		{"wards[0].assets[0].id", func(d *Document) { d.Wards[0].Assets[0].ID += rlo }},
		{"wards[0].assets[0].name", func(d *Document) { d.Wards[0].Assets[0].Name += rlo }},
		{"wards[0].voice[0].id", func(d *Document) { d.Wards[0].Voice[0].ID += rlo }},
		{"wards[0].needs[0].id", func(d *Document) { d.Wards[0].Needs[0].ID += rlo }},
		{"wards[0].needs[0].title", func(d *Document) { d.Wards[0].Needs[0].Title += rlo }},
		{"draft.id", func(d *Document) { d.Draft.ID += rlo }},
		{"draft.author", func(d *Document) { d.Draft.Author = "Dr A. Ex" + rlo + "elpma" }},
		{"draft.sender", func(d *Document) { d.Draft.Sender = "hub token " + rlo }},
		{"draft.wards[0]", func(d *Document) { d.Draft.Wards = []string{d.Wards[0].Code + rlo} }},
		{"conflicts[0].candidates[0].by[0].author", func(d *Document) {
			d.Conflicts = []Conflict{{ID: "c1", Path: "title", Candidates: []Candidate{{Value: `"x"`, By: []Source{{Draft: "d1", Author: rlo, Role: RoleGP}}}}}}
		}},
		{"resolutions[0].by", func(d *Document) {
			d.Resolutions = []ResolutionRecord{{Conflict: "c1", Path: "title", By: "coordinator" + rlo, At: "2026-11-20T10:00:00Z"}}
		}},
	}
	for _, c := range tests {
		t.Run(c.path, func(t *testing.T) {
			d := loadSmall(t)
			c.change(d)
			want := Problem{Path: c.path, Message: "contains U+202E (right-to-left override), which can disguise text"}
			got := problems(t, d.Validate())
			for _, p := range got {
				if p.String() == want.String() {
					return
				}
			}
			t.Errorf("Validate() = %v, want it to include %v", got, want)
		})
	}
}

// problems returns the problems of err, an *Error, or none for nil.
func problems(tb testing.TB, err error) []Problem {
	tb.Helper()
	if err == nil {
		return nil
	}
	e, ok := err.(*Error)
	if !ok {
		tb.Fatalf("error %v is a %T, want *Error", err, err)
	}
	return e.Problems
}

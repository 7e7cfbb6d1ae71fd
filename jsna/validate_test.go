package jsna

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// loadSmall decodes testdata/small.json, a valid document with one of each
// record, for tests to change.
func loadSmall(tb testing.TB) *Document {
	tb.Helper()
	data, err := os.ReadFile("testdata/small.json")
	if err != nil {
		tb.Fatal(err)
	}
	d, err := Parse("small.json", data)
	if err != nil {
		tb.Fatalf("Parse(small.json) = %v", err)
	}
	return d
}

func ptr[T any](v T) *T { return &v }

func TestValidateSmall(t *testing.T) {
	d := loadSmall(t)
	if err := d.Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
}

// TestValidateRules runs every validation rule on a valid document changed
// in one place, and checks the exact problems reported.
func TestValidateRules(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *Document)
		want   []Problem
	}{
		{"format missing", func(d *Document) { d.Format = "" },
			[]Problem{{Path: "format", Message: "is required"}}},
		{"format other", func(d *Document) { d.Format = "jsnb/1" },
			[]Problem{{Path: "format", Message: `must be "jsna/1", got "jsnb/1"`}}},
		{"id missing", func(d *Document) { d.ID = "" },
			[]Problem{{Path: "id", Message: "is required"}}},
		{"title missing", func(d *Document) { d.Title = "" },
			[]Problem{{Path: "title", Message: "is required"}}},
		{"area code not GSS", func(d *Document) { d.Area.Code = "E0900009" },
			[]Problem{{Path: "area.code", Message: `"E0900009" is not a GSS code (a letter and 8 digits, like E09000033)`}}},
		{"area name missing", func(d *Document) { d.Area.Name = "" },
			[]Problem{{Path: "area.name", Message: "is required"}}},
		{"benchmark code not GSS", func(d *Document) { d.Benchmark.Code = "england" },
			[]Problem{{Path: "benchmark.code", Message: `"england" is not a GSS code (a letter and 8 digits, like E92000001)`}}},
		{"indicator method", func(d *Document) { d.Indicators[0].Method = "ratio" },
			[]Problem{{Path: "indicators[0].method", Message: `must be one of proportion, rate, dsr, isr, mean, count, other, got "ratio"`}}},
		{"indicator polarity", func(d *Document) { d.Indicators[1].Polarity = "up" },
			[]Problem{{Path: "indicators[1].polarity", Message: `must be one of lower-is-better, higher-is-better, no-judgement, not-applicable, got "up"`}}},
		{"indicator negative multiplier", func(d *Document) { d.Indicators[0].Multiplier = -1 },
			[]Problem{{Path: "indicators[0].multiplier", Message: "must be at least 0, got -1"}}},
		{"indicator duplicated", func(d *Document) { d.Indicators[1].ID = "93085" },
			[]Problem{
				{Path: "indicators[1].id", Message: `indicator "93085" is listed twice (also indicators[0])`},
				// the need and value that named 90323 now name nothing
				// (members in canonical order: needs before values)
				{Path: "wards[0].needs[0].indicators[0]", Message: `indicator "90323" is not in the document's indicators`},
				{Path: "wards[0].values[1].indicator", Message: `indicator "90323" is not in the document's indicators`},
			}},
		{"ward code wrong form", func(d *Document) { d.Wards[0].Code = "E06000001" },
			[]Problem{{Path: "wards[0].code", Message: `"E06000001" is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)`}}},
		{"ward code too long", func(d *Document) { d.Wards[0].Code = "E050000011" },
			[]Problem{{Path: "wards[0].code", Message: `"E050000011" is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)`}}},
		{"ward code Scottish form", func(d *Document) { d.Wards[0].Code = "S13002516" }, nil},
		{"ward code duplicated", func(d *Document) { d.Wards[1].Code = "E05000001" },
			[]Problem{{Path: "wards[1].code", Message: `ward "E05000001" is listed twice (also wards[0])`}}},
		{"ward name missing", func(d *Document) { d.Wards[1].Name = "" },
			[]Problem{{Path: "wards[1].name", Message: "is required"}}},
		{"negative population", func(d *Document) { d.Wards[0].Population = ptr(-5.0) },
			[]Problem{{Path: "wards[0].population", Message: "must be at least 0, got -5"}}},
		{"unknown indicator", func(d *Document) { d.Wards[0].Values[0].Indicator = "99999" },
			[]Problem{{Path: "wards[0].values[0].indicator", Message: `indicator "99999" is not in the document's indicators`}}},
		{"two values for one indicator", func(d *Document) { d.Wards[0].Values[1].Indicator = "93085" },
			[]Problem{{Path: "wards[0].values[1].indicator", Message: `ward "E05000001" has two values for indicator "93085", period "2016/17 - 20/21" (also wards[0].values[0])`}}},
		{"two periods of one indicator", func(d *Document) {
			d.Wards[0].Values[1].Indicator, d.Wards[0].Values[1].Period = "93085", "2011/12 - 15/16"
		}, nil},
		{"the indicator's period given on a value is still that period", func(d *Document) {
			d.Wards[0].Values[1].Indicator, d.Wards[0].Values[1].Period = "93085", "2016/17 - 20/21"
		}, []Problem{{Path: "wards[0].values[1].indicator", Message: `ward "E05000001" has two values for indicator "93085", period "2016/17 - 20/21" (also wards[0].values[0])`}}},
		{"period too long", func(d *Document) { d.Wards[0].Values[1].Period = strings.Repeat("y", 101) },
			[]Problem{{Path: "wards[0].values[1].period", Message: "is longer than 100 characters"}}},
		{"count above denominator for a proportion", func(d *Document) { d.Wards[0].Values[1].Count = ptr(351.0) },
			[]Problem{{Path: "wards[0].values[1].count", Message: "count 351 is more than the denominator 350, which a proportion cannot be"}}},
		{"count above denominator for a ratio is fine", func(d *Document) { d.Wards[0].Values[0].Count = ptr(2000.0) }, nil},
		{"negative count", func(d *Document) { d.Wards[0].Values[0].Count = ptr(-1.0) },
			[]Problem{{Path: "wards[0].values[0].count", Message: "must be at least 0, got -1"}}},
		{"negative denominator", func(d *Document) { d.Wards[0].Values[0].Denominator = ptr(-1.0) },
			[]Problem{{Path: "wards[0].values[0].denominator", Message: "must be at least 0, got -1"}}},
		{"denominator zero with a count", func(d *Document) { d.Wards[0].Values[1].Denominator = ptr(0.0) },
			[]Problem{
				{Path: "wards[0].values[1].count", Message: "count 40 is more than the denominator 0, which a proportion cannot be"},
				{Path: "wards[0].values[1].denominator", Message: "denominator is 0 but count is 40"},
			}},
		{"lower above upper", func(d *Document) { d.Wards[0].Values[0].Lower = ptr(119.0) },
			[]Problem{
				{Path: "wards[0].values[0].lower", Message: "lower 119 is above upper 118.6"},
				{Path: "wards[0].values[0].lower", Message: "lower 119 is above value 112.2"},
			}},
		{"value above upper", func(d *Document) { d.Wards[0].Values[0].Value = ptr(120.0) },
			[]Problem{{Path: "wards[0].values[0].value", Message: "value 120 is above upper 118.6"}}},
		{"99.8% inside 95%", func(d *Document) {
			d.Wards[0].Values[0].Lower998 = ptr(107.0)
			d.Wards[0].Values[0].Upper998 = ptr(120.0)
		}, []Problem{{Path: "wards[0].values[0].lower998", Message: "lower998 107 is above lower 106"}}},
		{"section id missing", func(d *Document) { d.Wards[0].Sections[0].ID = "" },
			[]Problem{{Path: "wards[0].sections[0].id", Message: "is required"}}},
		{"section ids repeated", func(d *Document) {
			d.Wards[0].Sections = append(d.Wards[0].Sections, Section{ID: "demographics", Title: "Again"})
		}, []Problem{{Path: "wards[0].sections[1].id", Message: `section id "demographics" is used twice (also wards[0].sections[0])`}}},
		{"asset ids repeated", func(d *Document) {
			d.Wards[0].Assets = append(d.Wards[0].Assets, Asset{ID: "a1", Name: "Park"})
		}, []Problem{{Path: "wards[0].assets[1].id", Message: `asset id "a1" is used twice (also wards[0].assets[0])`}}},
		{"voice ids repeated", func(d *Document) {
			d.Wards[0].Voice = append(d.Wards[0].Voice, Voice{ID: "v1", Text: "Again"})
		}, []Problem{{Path: "wards[0].voice[1].id", Message: `voice note id "v1" is used twice (also wards[0].voice[0])`}}},
		{"voice text missing", func(d *Document) { d.Wards[0].Voice[0].Text = "" },
			[]Problem{{Path: "wards[0].voice[0].text", Message: "is required"}}},
		{"voice date not ISO 8601", func(d *Document) { d.Wards[0].Voice[0].Date = "01/10/2026" },
			[]Problem{{Path: "wards[0].voice[0].date", Message: `must be an ISO 8601 date like 2026-10-01, got "01/10/2026"`}}},
		{"voice date impossible", func(d *Document) { d.Wards[0].Voice[0].Date = "2026-02-30" },
			[]Problem{{Path: "wards[0].voice[0].date", Message: `must be an ISO 8601 date like 2026-10-01, got "2026-02-30"`}}},
		{"need ids repeated", func(d *Document) {
			d.Wards[0].Needs = append(d.Wards[0].Needs, Need{ID: "n1", Title: "Again"})
		}, []Problem{{Path: "wards[0].needs[1].id", Message: `need id "n1" is used twice (also wards[0].needs[0])`}}},
		{"hanlon size above 10", func(d *Document) { d.Wards[0].Needs[0].Size = 12 },
			[]Problem{{Path: "wards[0].needs[0].size", Message: "must be at most 10, got 12"}}},
		{"hanlon seriousness negative", func(d *Document) { d.Wards[0].Needs[0].Seriousness = -1 },
			[]Problem{{Path: "wards[0].needs[0].seriousness", Message: "must be at least 0, got -1"}}},
		{"hanlon effectiveness above 10", func(d *Document) { d.Wards[0].Needs[0].Effectiveness = 10.5 },
			[]Problem{{Path: "wards[0].needs[0].effectiveness", Message: "must be at most 10, got 10.5"}}},
		{"extra criterion above 10", func(d *Document) { d.Wards[0].Needs[0].Inequality = ptr(11.0) },
			[]Problem{{Path: "wards[0].needs[0].inequality", Message: "must be at most 10, got 11"}}},
		{"need names unknown indicator", func(d *Document) { d.Wards[0].Needs[0].Indicators = []string{"90323", "x"} },
			[]Problem{{Path: "wards[0].needs[0].indicators[1]", Message: `indicator "x" is not in the document's indicators`}}},
		{"draft role", func(d *Document) { d.Draft.Role = "nurse" },
			[]Problem{{Path: "draft.role", Message: `must be one of gp, councillor, coordinator, analyst, got "nurse"`}}},
		{"draft author missing", func(d *Document) { d.Draft.Author = "" },
			[]Problem{{Path: "draft.author", Message: "is required"}}},
		{"draft saved_at not ISO 8601", func(d *Document) { d.Draft.SavedAt = "2026-11-20 10:00" },
			[]Problem{{Path: "draft.saved_at", Message: `must be an ISO 8601 date and time like 2026-11-20T10:00:00Z, got "2026-11-20 10:00"`}}},
		{"draft saved_at with offset and fraction", func(d *Document) { d.Draft.SavedAt = "2026-11-20T10:00:00.123+01:00" }, nil},
		{"draft base not a revision", func(d *Document) { d.Draft.Base = "abc" },
			[]Problem{{Path: "draft.base", Message: `"abc" is not a revision (sha256: and 64 hex digits)`}}},
		{"draft names a ward not in the document", func(d *Document) { d.Draft.Wards = []string{"E05000001", "E05999999"} },
			[]Problem{{Path: "draft.wards[1]", Message: `ward "E05999999" is not in the document`}}},
		{"many problems at once, in document order", func(d *Document) {
			d.Wards[1].Values[0].Indicator = "nope"
			d.Wards[0].Needs[0].Size = 11
			d.ID = ""
		}, []Problem{
			{Path: "id", Message: "is required"},
			{Path: "wards[0].needs[0].size", Message: "must be at most 10, got 11"},
			{Path: "wards[1].values[0].indicator", Message: `indicator "nope" is not in the document's indicators`},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := loadSmall(t)
			tt.change(d)
			err := d.Validate()
			var got []Problem
			if err != nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("Validate() = %T %v, want *Error", err, err)
				}
				got = e.Problems
			}
			if !equalProblems(got, tt.want) {
				t.Errorf("Validate() problems =\n%s\nwant\n%s", problemList(got), problemList(tt.want))
			}
		})
	}
}

func equalProblems(a, b []Problem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].String() != b[i].String() || a[i].Line != b[i].Line || a[i].Column != b[i].Column {
			return false
		}
	}
	return true
}

func problemList(ps []Problem) string {
	s := ""
	for _, p := range ps {
		s += "\t" + p.String() + "\n"
	}
	if s == "" {
		return "\t(none)\n"
	}
	return s
}

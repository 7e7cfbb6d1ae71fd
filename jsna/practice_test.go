package jsna

import (
	"bytes"
	"reflect"
	"testing"
)

// smallPractices is loadSmall's document with two practices: one serving
// both wards, with a value for the proportion 90323, and one serving one.
func smallPractices(tb testing.TB) *Document {
	tb.Helper()
	d := loadSmall(tb)
	d.Practices = []Practice{
		{ID: "A81001", Name: "The Riverside Surgery", ListSize: 9000, Unknown: 12,
			Publication: "GP_PRAC_PAT_LIST", ExtractDate: "2025-10-01", Lookup: "LSOA21_WD25_LAD25_EW_LU",
			Wards:  []PracticeWard{{Code: "E05000001", Patients: 6000}, {Code: "W05000002", Patients: 2500, NameCy: "Bryn"}},
			Values: []PracticeValue{{Indicator: "90323", Period: "2024/25", Count: ptr(30.0), Denominator: ptr(300.0), Value: ptr(10.0)}}},
		{ID: "A81002", Name: "Hillside Medical Centre", ListSize: 4000,
			Wards: []PracticeWard{{Code: "W05000002", Patients: 3990}}},
	}
	return d
}

func TestValidatePractices(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *Document)
		want   []Problem
	}{
		{"valid", func(d *Document) {}, nil},
		{"code wrong form", func(d *Document) { d.Practices[1].ID = "a81002" },
			[]Problem{{Path: "practices[1].id", Message: `"a81002" is not a practice code (an ODS code: a capital letter and 5 capitals or digits, like A81001)`}}},
		{"code twice", func(d *Document) { d.Practices[1].ID = "A81001" },
			[]Problem{{Path: "practices[1].id", Message: `practice "A81001" is listed twice (also practices[0])`}}},
		{"name missing", func(d *Document) { d.Practices[0].Name = "" },
			[]Problem{{Path: "practices[0].name", Message: "is required"}}},
		{"negative list", func(d *Document) { d.Practices[1].ListSize = -1 },
			[]Problem{{Path: "practices[1].list_size", Message: "must be at least 0, got -1"}}},
		{"more in wards than on the list", func(d *Document) { d.Practices[0].Wards[0].Patients = 6489 },
			[]Problem{{Path: "practices[0].list_size", Message: "list size 9000 is less than the patients in wards (8989) and of unknown LSOA (12)"}}},
		{"ward not in document", func(d *Document) { d.Practices[1].Wards[0].Code = "E05009999" }, nil},
		{"not a ward code", func(d *Document) { d.Practices[1].Wards[0].Code = "E01000001" },
			[]Problem{{Path: "practices[1].wards[0].code", Message: `"E01000001" is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)`}}},
		{"ward twice", func(d *Document) { d.Practices[0].Wards[1].Code = "E05000001" },
			[]Problem{{Path: "practices[0].wards[1].code", Message: `practice "A81001" counts ward "E05000001" twice (also practices[0].wards[0])`}}},
		{"extract date", func(d *Document) { d.Practices[0].ExtractDate = "01Oct2025" },
			[]Problem{{Path: "practices[0].extract_date", Message: `must be an ISO 8601 date like 2026-10-01, got "01Oct2025"`}}},
		{"unknown indicator", func(d *Document) { d.Practices[0].Values[0].Indicator = "12345" },
			[]Problem{{Path: "practices[0].values[0].indicator", Message: `indicator "12345" is not in the document's indicators`}}},
		{"proportion over its denominator", func(d *Document) { d.Practices[0].Values[0].Count = ptr(301.0) },
			[]Problem{{Path: "practices[0].values[0].count", Message: "count 301 is more than the denominator 300, which a proportion cannot be"}}},
		{"bidi control in name", func(d *Document) { d.Practices[1].Name = "Hill\u202eside" },
			[]Problem{{Path: "practices[1].name", Message: bidiMessage(t, "Hill\u202eside")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := smallPractices(t)
			tt.change(d)
			var got []Problem
			if err := d.Validate(); err != nil {
				for _, p := range err.(*Error).Problems {
					got = append(got, Problem{Path: p.Path, Message: p.Message})
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate() problems = %q\nwant %q", got, tt.want)
			}
		})
	}
}

// bidiMessage is the message checkBidi gives for s.
func bidiMessage(tb testing.TB, s string) string {
	tb.Helper()
	var ps Problems
	checkBidi(&ps, "x", s)
	err := ps.Err()
	if err == nil {
		tb.Fatalf("checkBidi(%q) found nothing", s)
	}
	return err.(*Error).Problems[0].Message
}

func TestPracticesRoundTrip(t *testing.T) {
	d := smallPractices(t)
	b := Canonical(d)
	back, err := Parse("p.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(Canonical(back), b) {
		t.Fatalf("canonical encoding changed on a round trip")
	}
	p := back.PracticeByID("a81001")
	if p == nil || p.InWards() != 8500 || p.Elsewhere() != 488 || *p.Values[0].Value != 10 {
		t.Fatalf("PracticeByID(a81001) = %+v; want 8500 in wards, 488 elsewhere, value 10", p)
	}
	if w, ok := p.Ward("W05000002"); !ok || w.Patients != 2500 || w.NameCy != "Bryn" {
		t.Errorf("Ward(W05000002) = %+v, %v", w, ok)
	}
}

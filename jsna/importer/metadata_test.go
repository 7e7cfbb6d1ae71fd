package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// metadataCSV is a small indicator metadata file in the layout of
// Fingertips' "indicator definitions" download (columns as in
// docs/formats.md; a few left out, which the reader does not need). The
// rows are made up for the test, with real indicator IDs: 93107 (Year 6
// obesity) and 93265 are indicators the built-in table lacks.
const metadataCSV = "\ufeffIndicator ID,Indicator,Definition,Rationale,Data source,Methodology,Unit,Value type,Year type,Polarity\n" +
	`93107,"Year 6: Prevalence of obesity (including severe obesity), 3-years data combined","Proportion of children aged 10-11 classified as obese or severely obese.",Obesity matters.,National Child Measurement Programme (NCMP),Counts pooled over 3 years.,%,Proportion,Academic,RAG - Low is good` + "\n" +
	`93265,"Child development at 2-2.5 years",Percentage of children at or above the expected level.,,ASQ-3,,%,Proportion,Financial,RAG - High is good   ` + "\n" +
	`93227,"Emergency hospital admissions for all causes",Standardised admission ratio.,,HES,,,Indirectly standardised ratio,Financial,RAG - Low is good` + "\n" +
	`93227,"Emergency hospital admissions for all causes",Again in another profile.,,HES,,,Indirectly standardised ratio,Financial,BOB - Blue orange blue` + "\n" +
	`90366,Life expectancy at birth,Years.,,ONS,,Years,Life expectancy,Calendar,Not applicable` + "\n" +
	`1,Something new,,,,,per 10 000,Odd value type,Calendar,Who knows` + "\n" +
	`,,No ID,,,,,,,` + "\n"

func TestReadMetadata(t *testing.T) {
	meta, rep, err := ReadMetadata("metadata.csv", strings.NewReader(metadataCSV))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 7 || rep.Indicators != 5 || !reflect.DeepEqual(meta.IDs(), []string{"1", "90366", "93107", "93227", "93265"}) {
		t.Fatalf("ReadMetadata = %d rows, %d indicators %v", rep.Rows, rep.Indicators, meta.IDs())
	}
	wantNotes := []string{
		`line 5: indicator 93227 again, with polarity "BOB - Blue orange blue" (line 4 has "RAG - Low is good"): the first is used`,
		`line 7: indicator 1: value type "Odd value type" is not one this version knows; its method is left as it is`,
		`line 7: indicator 1: polarity "Who knows" is not one this version knows; its polarity is left as it is`,
	}
	if !reflect.DeepEqual(rep.Notes, wantNotes) {
		t.Errorf("notes =\n%s\nwant\n%s", strings.Join(rep.Notes, "\n"), strings.Join(wantNotes, "\n"))
	}
	// The rows left out: line 8 has no ID, line 5 repeats 93227.
	wantGroups := []SkipGroup{
		{Reason: ReasonMetaNoID, Kind: SkipMissing, Rows: 1, Lines: []int{8}},
		{Reason: ReasonMetaRepeat, Kind: SkipDuplicate, Indicator: "93227", Rows: 1, Lines: []int{5}},
	}
	if !reflect.DeepEqual(rep.Groups, wantGroups) || !reflect.DeepEqual(rep.Skipped, map[string]int{SkipMissing: 1, SkipDuplicate: 1}) {
		t.Errorf("groups = %+v, skipped %v, want %+v", rep.Groups, rep.Skipped, wantGroups)
	}
	wantSummary := "metadata.csv: 7 rows read, 5 indicators\n" +
		"skipped rows, by reason:\n" +
		"  1 row had no indicator ID\n" +
		"    1 row (line 8)\n" +
		"    what to do: Fill in the Indicator ID column, or delete these rows: a definition without it cannot be matched to an indicator.\n" +
		"  1 row is of an indicator already read\n" +
		"    indicator 93227: 1 row (line 5)\n" +
		"    what to do: The first row was used (Fingertips lists an indicator once per profile). Keep the row you want first.\n"
	if got := rep.Summary(); !strings.HasPrefix(got, wantSummary) {
		t.Errorf("Summary() =\n%s\nwant it to start\n%s", got, wantSummary)
	}
	tests := []struct {
		id, method, polarity string
		mult                 float64
	}{
		{"93107", jsna.MethodProportion, jsna.LowerIsBetter, 100},
		{"93265", jsna.MethodProportion, jsna.HigherIsBetter, 100},
		{"93227", jsna.MethodISR, jsna.LowerIsBetter, 100},
		{"90366", jsna.MethodOther, jsna.NotApplicable, 0},
		{"1", "", "", 10000},
	}
	for _, tt := range tests {
		m := meta[tt.id]
		if m.Method != tt.method || m.Polarity != tt.polarity || m.Multiplier != tt.mult {
			t.Errorf("meta[%s] = %s %s %v, want %s %s %v", tt.id, m.Method, m.Polarity, m.Multiplier, tt.method, tt.polarity, tt.mult)
		}
	}
	if m := meta["93107"]; m.Definition != "Proportion of children aged 10-11 classified as obese or severely obese." || m.Source != "National Child Measurement Programme (NCMP)" {
		t.Errorf("meta[93107] = %+v", m)
	}
}

func TestReadMetadataErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"empty", "", "jsna: empty.csv: file is empty"},
		{"data file", "Indicator ID,Area Code,Value\n1,E05000001,3\n", `jsna: data file.csv: line 1, column 1: this is a Fingertips data file (it has an "Area Code" column), not indicator metadata`},
		{"other csv", "Indicator ID,Colour\n1,blue\n", `jsna: other csv.csv: line 1, column 1: not a Fingertips indicator metadata file: it needs an "Indicator ID" column and at least one of Definition, Unit, Value type and Polarity`},
		{"no ids", "Indicator ID,Indicator,Unit\n,x,%\n", "jsna: no ids.csv: no indicators: every row lacks an indicator ID"},
		{"bad quote", "Indicator ID,Unit\n1,\"x\n", "jsna: bad quote.csv: line 2, column"},
	}
	for _, tt := range tests {
		_, _, err := ReadMetadata(tt.name+".csv", strings.NewReader(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("ReadMetadata(%s) = %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestApplyMetadata imports a values-only file whose indicators are not
// built in, then applies the metadata: their method, polarity, unit,
// multiplier and definition come from it.
func TestApplyMetadata(t *testing.T) {
	csv := fingertipsCSV(t,
		ftRow("93107", "", "E05000001", "Persons", "10-11 yrs", "", "2021/22 - 23/24", "25.1", "", ""),
		ftRow("93107", "", "E05000002", "Persons", "10-11 yrs", "", "2021/22 - 23/24", "19.7", "", ""),
		ftRow("93265", "", "E05000001", "Persons", "2-2.5 yrs", "", "2023/24", "80.2", "", ""),
		ftRow("93265", "", "E05000002", "Persons", "2-2.5 yrs", "", "2023/24", "84.0", "", ""))
	d, _, err := Fingertips("values.csv", strings.NewReader(csv), Options{AreaCode: "E09000099", AreaName: "Borough"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Indicators[0].Method != jsna.MethodOther {
		t.Fatalf("before: method %q, want other", d.Indicators[0].Method)
	}
	meta, _, err := ReadMetadata("metadata.csv", strings.NewReader(metadataCSV))
	if err != nil {
		t.Fatal(err)
	}
	changes := ApplyMetadata(d, meta)
	if err := d.Validate(); err != nil {
		t.Fatalf("after ApplyMetadata: %v", err)
	}
	var got []string
	for _, c := range changes {
		got = append(got, c.Indicator+" "+c.Field+": "+c.From+" → "+c.To)
	}
	want := []string{
		"93107 name: Indicator 93107 → Year 6: Prevalence of obesity (including severe obesity), 3-years data combined",
		"93107 definition:  → Proportion of children aged 10-11 classified as obese or severely obese.",
		"93107 source:  → National Child Measurement Programme (NCMP)",
		"93107 unit:  → %",
		"93107 method: other → proportion",
		"93107 polarity: not-applicable → lower-is-better",
		"93107 multiplier:  → 100",
	}
	if len(got) < len(want) || !reflect.DeepEqual(got[:len(want)], want) {
		t.Errorf("changes =\n%s\nwant first\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	i1, i2 := d.Indicators[0], d.Indicators[1]
	if i1.Polarity != jsna.LowerIsBetter || i2.Polarity != jsna.HigherIsBetter || i2.Method != jsna.MethodProportion || i2.Multiplier != 100 {
		t.Errorf("after: %+v / %+v", i1, i2)
	}
	if again := ApplyMetadata(d, meta); len(again) != 0 {
		t.Errorf("applying the metadata twice changed %+v", again)
	}
}

// FuzzReadMetadata checks that ReadMetadata never panics, that a failure
// is an *Error naming the file, and that applying what it read keeps a
// valid document valid.
func FuzzReadMetadata(f *testing.F) {
	f.Add([]byte(metadataCSV))
	f.Add([]byte("Indicator ID,Unit,Value type,Polarity\n93107,per 1\u00a0000,Crude rate,RAG - High is good\n"))
	f.Add([]byte("Indicator ID,Polarity\n\"1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		meta, rep, err := ReadMetadata("fuzz.csv", strings.NewReader(string(data)))
		if rep == nil {
			t.Fatal("no report")
		}
		if err != nil {
			if e, ok := err.(*jsna.Error); !ok || e.File != "fuzz.csv" {
				t.Fatalf("ReadMetadata error %T %v, want an *Error naming the file", err, err)
			}
			return
		}
		d := &jsna.Document{Format: jsna.Format, ID: "f", Title: "f", Area: jsna.Area{Code: "E09000099", Name: "A"}, Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"}}
		for _, id := range meta.IDs() {
			if len(id) <= 100 {
				d.Indicators = append(d.Indicators, jsna.Indicator{ID: id, Name: "x", Method: jsna.MethodOther, Polarity: jsna.NotApplicable})
			}
		}
		if d.Validate() != nil {
			return // ids the document cannot hold anyway
		}
		ApplyMetadata(d, meta)
		if err := d.Validate(); err != nil {
			t.Fatalf("ApplyMetadata made an invalid document: %v", err)
		}
	})
}

package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// importFile imports testdata/import/name as a Fingertips CSV.
func importFile(tb testing.TB, name string, opts Options) (*jsna.Document, *Report, error) {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "import", name))
	if err != nil {
		tb.Fatal(err)
	}
	return Fingertips(name, bytes.NewReader(data), opts)
}

// checkGolden compares got with testdata/import/name, or rewrites the file
// under go test -update.
func checkGolden(tb testing.TB, name string, got []byte) {
	tb.Helper()
	path := filepath.Join("testdata", "import", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("output differs from %s; run go test -update and review the diff\ngot:\n%s", path, got)
	}
}

// importOutput is what the golden files hold: the document, then the report.
func importOutput(tb testing.TB, d *jsna.Document, rep *Report) []byte {
	tb.Helper()
	b, err := jsna.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return append(append(b, "--- report\n"...), rep.Summary(0)...)
}

func TestImportFingertipsGolden(t *testing.T) {
	d, rep, err := importFile(t, "fingertips.csv", Options{})
	if err != nil {
		t.Fatalf("Fingertips(fingertips.csv) = %v", err)
	}
	checkGolden(t, "fingertips.golden", importOutput(t, d, rep))
}

// TestImportFingertipsReport accounts for every row of fingertips.csv: its
// 25 data rows (line 9 is blank) are 11 ward values, 7 benchmark values
// (England's 5, one of them of an earlier period, line 27, and the
// borough's beside it, line 3) and one skipped row of each kind but area (2).
func TestImportFingertipsReport(t *testing.T) {
	d, rep, err := importFile(t, "fingertips.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Line 7 is an earlier period of 93227 for Riverside: kept as a value of
	// its own (a time series), no longer skipped.
	want := Report{Rows: 25, Imported: 11, Benchmarks: 7, Wards: 3, Indicators: 5}
	got := Report{Rows: rep.Rows, Imported: rep.Imported, Benchmarks: rep.Benchmarks, Wards: rep.Wards, Indicators: rep.Indicators}
	if got.Rows != want.Rows || got.Imported != want.Imported || got.Benchmarks != want.Benchmarks || got.Wards != want.Wards || got.Indicators != want.Indicators {
		t.Errorf("report counts = %+v, want %+v", got, want)
	}
	wantSkipped := map[string]int{SkipArea: 2, SkipDuplicate: 1, SkipCategory: 1, SkipInconsistent: 1, SkipNumber: 1, SkipSex: 1}
	if !maps.Equal(rep.Skipped, wantSkipped) {
		t.Errorf("Skipped = %v, want %v", rep.Skipped, wantSkipped)
	}
	total := rep.Imported + rep.Benchmarks
	for _, n := range rep.Skipped {
		total += n
	}
	if total != rep.Rows {
		t.Errorf("imported + benchmarks + skipped = %d, want the %d rows read", total, rep.Rows)
	}
	var lines []int
	for _, s := range rep.SkippedRows {
		lines = append(lines, s.Line)
	}
	if got, want := strconvInts(lines), "[8 10 13 14 24 25 26]"; got != want {
		t.Errorf("skipped lines = %s, want %s", got, want)
	}
	if n := len(d.Wards[2].Values); n != 1 || d.Wards[2].Values[0].Value != nil || d.Wards[2].Values[0].Note != "Value suppressed for disclosure control due to small count" {
		t.Errorf("Castle's suppressed value = %+v, want no numbers and the note", d.Wards[2].Values)
	}
}

func strconvInts(a []int) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, n := range a {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.Itoa(n))
	}
	b.WriteByte(']')
	return b.String()
}

// fingertipsCSV writes rows under the Fingertips header.
func fingertipsCSV(tb testing.TB, rows ...[]string) string {
	tb.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator", "Value note", "Time period Sortable"})
	for _, r := range rows {
		w.Write(r)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		tb.Fatal(err)
	}
	return b.String()
}

// ftRow is a row of fingertipsCSV: indicator, parent, area, sex, age,
// category, period, value, count, denominator.
func ftRow(id, parent, code, sex, age, category, period, value, count, denom string) []string {
	typ := "Ward"
	if code == England {
		typ = "England"
	}
	catType := ""
	if category != "" {
		catType = "Deprivation deciles"
	}
	sortable := strings.Fields(period)[0][:4] + "0000"
	return []string{id, "Indicator " + id, parent, "Parent " + parent, code, "Area " + code, typ, sex, age, catType, category, period, value, "", "", count, denom, "", sortable}
}

func TestImportFingertipsOptions(t *testing.T) {
	data := fingertipsCSV(t,
		ftRow("93105", "", England, "Persons", "4-5 yrs", "", "2018/19 - 20/21", "9.9", "", ""),
		ftRow("93105", "", England, "Persons", "4-5 yrs", "", "2017/18 - 19/20", "9.7", "", ""),
		ftRow("93105", "", England, "Persons", "4-5 yrs", "Most deprived decile", "2018/19 - 20/21", "13.2", "", ""),
		ftRow("93105", "E09000099", "E05000001", "Persons", "4-5 yrs", "", "2018/19 - 20/21", "12.5", "50", "400"),
		ftRow("93105", "E09000099", "E05000001", "Persons", "4-5 yrs", "", "2017/18 - 19/20", "11", "44", "400"),
		ftRow("93105", "E09000099", "E05000001", "Persons", "4-5 yrs", "Most deprived decile", "2018/19 - 20/21", "15", "60", "400"),
		ftRow("93105", "E09000098", "E05000002", "Persons", "4-5 yrs", "", "2018/19 - 20/21", "8", "24", "300"),
		ftRow("93250", "E09000099", "E05000001", "Male", "All ages", "", "2016 - 20", "120", "240", "200"),
		ftRow("93250", "E09000099", "E05000001", "Female", "All ages", "", "2016 - 20", "110", "220", "200"),
		ftRow("93250", "E09000099", "E05000001", "Male", "<75 yrs", "", "2016 - 20", "130", "130", "100"),
	)
	// summary lists each indicator of d with the wards' values.
	summary := func(d *jsna.Document) string {
		var b strings.Builder
		b.WriteString(d.Area.Code)
		for _, ind := range d.Indicators {
			b.WriteString(" " + ind.ID + "[" + ind.Period)
			if ind.BenchmarkValue != nil {
				b.WriteString(" eng=" + strconv.FormatFloat(*ind.BenchmarkValue, 'g', -1, 64))
			}
			b.WriteString("]")
			for _, w := range d.Wards {
				for _, v := range w.Values {
					if v.Indicator == ind.ID && v.Value != nil {
						b.WriteString(" " + w.Code[5:] + "=" + strconv.FormatFloat(*v.Value, 'g', -1, 64))
						if v.Period != "" {
							b.WriteString("@" + v.Period)
						}
					}
				}
			}
		}
		return b.String()
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"defaults", Options{},
			"E92000001 93105[2018/19 - 20/21 eng=9.9] 0001=12.5 0001=11@2017/18 - 19/20 0002=8 93250-male[2016 - 20] 0001=120 93250-female[2016 - 20] 0001=110"},
		{"parent", Options{Parent: "E09000099"},
			"E09000099 93105[2018/19 - 20/21 eng=9.9] 0001=12.5 0001=11@2017/18 - 19/20 93250-male[2016 - 20] 0001=120 93250-female[2016 - 20] 0001=110"},
		{"parent by name", Options{Parent: "parent e09000098"},
			"E09000098 93105[2018/19 - 20/21 eng=9.9] 0002=8"},
		{"period", Options{Period: "2017/18 - 19/20", Parent: "E09000099"},
			"E09000099 93105[2017/18 - 19/20 eng=9.7] 0001=11"},
		{"category", Options{Category: "most deprived decile"},
			"E09000099 93105[2018/19 - 20/21 eng=13.2] 0001=15"},
		{"category with its type", Options{Category: "Deprivation deciles: Most deprived decile"},
			"E09000099 93105[2018/19 - 20/21 eng=13.2] 0001=15"},
		{"sex", Options{Sex: "female"},
			"E09000099 93250[2016 - 20] 0001=110"},
		{"sex and age", Options{Sex: "Male", Age: "<75 yrs"},
			"E09000099 93250[2016 - 20] 0001=130"},
		{"sex keeps all ages", Options{Sex: "Male"},
			"E09000099 93250[2016 - 20] 0001=120"},
		{"area", Options{Parent: "E09000099", AreaCode: "e06000001", AreaName: "Hartlepool"},
			"E06000001 93105[2018/19 - 20/21 eng=9.9] 0001=12.5 0001=11@2017/18 - 19/20 93250-male[2016 - 20] 0001=120 93250-female[2016 - 20] 0001=110"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, rep, err := Fingertips("options.csv", strings.NewReader(data), tt.opts)
			if err != nil {
				t.Fatalf("Fingertips(%+v) = %v", tt.opts, err)
			}
			if got := summary(d); got != tt.want {
				t.Errorf("Fingertips(%+v) = %s, want %s", tt.opts, got, tt.want)
			}
			total := rep.Imported + rep.Benchmarks
			for _, n := range rep.Skipped {
				total += n
			}
			if total != rep.Rows || rep.Rows != 10 {
				t.Errorf("Fingertips(%+v): %d rows accounted for of %d, want 10", tt.opts, total, rep.Rows)
			}
		})
	}
}

func TestImportFingertipsErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"empty", "", `jsna: bad.csv: file is empty`},
		{"bom only", "\ufeff\r\n", `jsna: bad.csv: file is empty`},
		{"header only", "Indicator ID,Area Code,Value\r\n", `jsna: bad.csv: no data rows after the header`},
		{"not fingertips", "Ward,Obesity\nRiverside,12\n",
			`jsna: bad.csv: line 1, column 1: not a Fingertips data header: no column "Indicator ID", "Area Code", "Value" (a Fingertips export starts "Indicator ID","Indicator Name",...,"Area Code",...,"Value")`},
		{"missing value column", "Indicator ID,Area Code,Count\n93227,E05000001,12\n",
			`jsna: bad.csv: line 1, column 1: not a Fingertips data header: no column "Value" (a Fingertips export starts "Indicator ID","Indicator Name",...,"Area Code",...,"Value")`},
		{"bad quoting", "Indicator ID,Area Code,Value\n93227,\"E05000001\"x,12\n",
			`jsna: bad.csv: line 2, column 17: not valid CSV: extraneous or missing " in quoted-field`},
		{"no wards", "Indicator ID,Area Code,Area Type,Value\n93227,E92000001,England,100\n93227,E09000099,UA,101\n",
			`jsna: bad.csv: no ward rows to import (ward codes start E05, W05 or S13); 2 rows skipped: see the report`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, rep, err := Fingertips("bad.csv", strings.NewReader(tt.data), Options{})
			var e *jsna.Error
			if !errors.As(err, &e) || d != nil || rep == nil {
				t.Fatalf("Fingertips(%q) = %v, %v, %v, want nil, a report and an *Error", tt.data, d, rep, err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Fingertips(%q) error = %s, want %s", tt.data, got, tt.want)
			}
		})
	}
}

func TestImportFingertipsWindows1252(t *testing.T) {
	data := "Indicator ID,Area Code,Area Name,Value\r\n93227,E05000001,St Mary\x92s,101.5\r\n"
	d, rep, err := Fingertips("excel.csv", strings.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.Wards[0].Name, "St Mary’s"; got != want {
		t.Errorf("ward name = %q, want %q", got, want)
	}
	if len(rep.Notes) == 0 || rep.Notes[0] != "the file is not UTF-8; it was read as Windows-1252" {
		t.Errorf("notes = %q, want the Windows-1252 note first", rep.Notes)
	}
}

func TestImportFingertipsHeaderVariants(t *testing.T) {
	// Column names in other cases and spellings, extra and reordered
	// columns, an ID that went through a spreadsheet, CR line ends inside
	// a quoted name.
	data := "value,EXTRA,area_code,indicator id,Lower CI 95.0 Limit,upper ci 95.0 limit,Area Name\n" +
		"112.1,x,e05000001,93227.0,105.9,118.6,\"River\r\nside\"\n"
	d, _, err := Fingertips("variants.csv", strings.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	v := d.Wards[0].Values[0]
	if d.Wards[0].Code != "E05000001" || v.Indicator != "93227" || *v.Value != 112.1 || *v.Lower != 105.9 || *v.Upper != 118.6 || d.Wards[0].Name != "River\nside" {
		t.Errorf("Fingertips(variants) = ward %s %q, value %+v", d.Wards[0].Code, d.Wards[0].Name, v)
	}
	if d.Indicators[0].Method != jsna.MethodISR || d.Indicators[0].Polarity != jsna.LowerIsBetter {
		t.Errorf("indicator 93227 method, polarity = %s, %s, want the built-in isr, lower-is-better", d.Indicators[0].Method, d.Indicators[0].Polarity)
	}
}

func TestParseNumberAndMissingMarks(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"12.3", 12.3, true},
		{"1.5E-05", 1.5e-5, true},
		{"-0.25", -0.25, true},
		{"1,234", 0, false},
		{"NaN", 0, false},
		{"Infinity", 0, false},
		{"12%", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseNumber(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseNumber(%q) = %v, %v, want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for _, s := range []string{"", "*", "-", "x", ":", ".."} {
		if !missingMarks[s] {
			t.Errorf("missingMarks[%q] = false, want true", s)
		}
	}
}

// writeFingertips writes d's values as a Fingertips CSV, England rows
// giving the benchmark values, as Fingertips would export them.
func writeFingertips(tb testing.TB, d *jsna.Document) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex", "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend", "Compared to England value or percentiles", "Compared to Counties & UAs (from Apr 2023) value or percentiles", "Time period Sortable", "New data", "Compared to goal"})
	num := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'g', -1, 64)
	}
	for _, ind := range d.Indicators {
		w.Write([]string{ind.ID, ind.Name, "", "", England, "England", "England", "Persons", "All ages", "", "", ind.Period, num(ind.BenchmarkValue), "", "", "", "", "", "", "", "", "", "", "", "", ""})
		for _, ward := range d.Wards {
			for _, v := range ward.Values {
				if v.Indicator != ind.ID {
					continue
				}
				w.Write([]string{ind.ID, ind.Name, d.Area.Code, d.Area.Name, ward.Code, ward.Name, "Ward", "Persons", "All ages", "", "", jsna.ValuePeriod(&v, &ind), num(v.Value), num(v.Lower), num(v.Upper), num(v.Lower998), num(v.Upper998), num(v.Count), num(v.Denominator), v.Note, "", "", "", "", "", ""})
			}
		}
	}
	w.Flush()
	return b.Bytes()
}

// TestImportFingertipsRoundTrip exports the synthetic example as
// Fingertips would and imports it: every number of every period comes
// back.
func TestImportFingertipsRoundTrip(t *testing.T) {
	src := example.New(example.Options{Wards: 12, Indicators: 30, Seed: 7})
	d, rep, err := Fingertips("example.csv", bytes.NewReader(writeFingertips(t, src)), Options{})
	if err != nil {
		t.Fatalf("Fingertips(example) = %v\n%s", err, rep.Summary(20))
	}
	if len(d.Wards) != len(src.Wards) || len(d.Indicators) != len(src.Indicators) {
		t.Fatalf("Fingertips(example) = %d wards, %d indicators, want %d, %d\n%s", len(d.Wards), len(d.Indicators), len(src.Wards), len(src.Indicators), rep.Summary(20))
	}
	eq := func(a, b *float64) bool { return (a == nil && b == nil) || (a != nil && b != nil && *a == *b) }
	for i, ind := range src.Indicators {
		got := d.Indicators[i]
		if got.ID != ind.ID || got.Period != ind.Period || !eq(got.BenchmarkValue, ind.BenchmarkValue) {
			t.Errorf("indicator %d = %s %s %v, want %s %s %v", i, got.ID, got.Period, got.BenchmarkValue, ind.ID, ind.Period, ind.BenchmarkValue)
		}
	}
	byCode := map[string]jsna.Ward{}
	for _, w := range d.Wards {
		byCode[w.Code] = w
	}
	for _, w := range src.Wards {
		got, ok := byCode[w.Code]
		if !ok || got.Name != w.Name || len(got.Values) != len(w.Values) {
			t.Errorf("ward %s = %q with %d values, want %q with %d", w.Code, got.Name, len(got.Values), w.Name, len(w.Values))
			continue
		}
		gotByKey := map[string]jsna.Value{}
		for _, g := range got.Values {
			gotByKey[g.Key()] = g
		}
		for j, v := range w.Values {
			g := gotByKey[v.Key()] // every period, by indicator and period
			if g.Indicator != v.Indicator || !eq(g.Value, v.Value) || !eq(g.Count, v.Count) || !eq(g.Denominator, v.Denominator) ||
				!eq(g.Lower, v.Lower) || !eq(g.Upper, v.Upper) || !eq(g.Lower998, v.Lower998) || !eq(g.Upper998, v.Upper998) || g.Note != v.Note {
				t.Errorf("ward %s value %d = %+v, want %+v", w.Code, j, g, v)
			}
		}
	}
}

func BenchmarkImportFingertipsEngland(b *testing.B) {
	data := writeFingertips(b, example.New(example.Options{Wards: 7000, Indicators: 60, Seed: 1}))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Fingertips("england.csv", bytes.NewReader(data), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzImportFingertips checks that no input makes the importer panic, that
// it either fails with an *Error or makes a valid document, and that its
// report accounts for every row it read.
func FuzzImportFingertips(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "import", "fingertips.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("Indicator ID,Area Code,Value,Count,Denominator\n93105,E05000001,12.5,50,400\n93105,E92000001,9.7,,\n"))
	f.Add([]byte("Indicator ID,Area Code,Sex,Age,Value\n1,E05000001,Male,<75 yrs,1\n1,E05000001,Female,<75 yrs,2\n1,W05000001,Male,All ages,x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, rep, err := Fingertips("fuzz.csv", bytes.NewReader(data), Options{})
		if rep == nil {
			t.Fatalf("Fingertips returned no report (err %v)", err)
		}
		if err != nil {
			var e *jsna.Error
			if !errors.As(err, &e) || d != nil {
				t.Fatalf("Fingertips = %v, %v, want nil and an *Error", d, err)
			}
			return
		}
		if verr := d.Validate(); verr != nil {
			t.Fatalf("Fingertips made an invalid document: %v", verr)
		}
		total := rep.Imported + rep.Benchmarks
		for _, n := range rep.Skipped {
			total += n
		}
		if total != rep.Rows {
			t.Fatalf("report accounts for %d of %d rows", total, rep.Rows)
		}
	})
}

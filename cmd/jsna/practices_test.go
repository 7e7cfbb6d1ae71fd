package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/disclosure"
)

// practiceFiles writes a two-ward document, an ONS LSOA (2021) to ward
// lookup, a registrations LSOA file and a Fingertips file of Area Type GPs
// rows, in the published layouts.
func practiceFiles(tb testing.TB) (doc, lookup, reg, gp string) {
	tb.Helper()
	d := &jsna.Document{Format: jsna.Format, ID: "t", Title: "Test (synthetic)",
		Area: jsna.Area{Code: "E09000099", Name: "Test Borough"}, Benchmark: jsna.Benchmark{Code: "E92000001", Name: "England"},
		Wards: []jsna.Ward{{Code: "E05000001", Name: "Riverside"}, {Code: "E05000002", Name: "Hillside"}}}
	b, err := jsna.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	doc = writeTemp(tb, "doc.json", string(b))
	lookup = writeTemp(tb, "lookup.csv", "LSOA21CD,LSOA21NM,WD25CD,WD25NM,LAD25CD,LAD25NM,ObjectId\n"+
		"E01000001,A,E05000001,Riverside,E09000099,Test,1\nE01000002,B,E05000002,Hillside,E09000099,Test,2\nE01000003,C,E05009999,Other,E09000098,Other,3\n")
	reg = writeTemp(tb, "reg.csv", "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,Number of Patients\n"+
		"GP_PRAC_PAT_LIST,01OCT2025,A81001,RIVERSIDE SURGERY,E01000001,ALL,600\n"+
		"GP_PRAC_PAT_LIST,01OCT2025,A81001,RIVERSIDE SURGERY,E01000002,ALL,3\n"+
		"GP_PRAC_PAT_LIST,01OCT2025,A81001,RIVERSIDE SURGERY,E01000003,ALL,397\n"+
		"GP_PRAC_PAT_LIST,01OCT2025,A81002,HILLSIDE PRACTICE,E01000001,ALL,400\n"+
		"GP_PRAC_PAT_LIST,01OCT2025,A81002,HILLSIDE PRACTICE,E01000002,ALL,100\n"+
		"GP_PRAC_PAT_LIST,01OCT2025,A81002,HILLSIDE PRACTICE,CLOSED,ALL,5\n")
	gp = writeTemp(tb, "gp.csv", "Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit\n"+
		"241,Diabetes: QOF prevalence,E92000001,England,England,Persons,17+ yrs,2023/24,7.7,,\n"+
		"241,Diabetes: QOF prevalence,A81001,RIVERSIDE SURGERY,GPs,Persons,17+ yrs,2023/24,10,9,11\n"+
		"241,Diabetes: QOF prevalence,A81002,HILLSIDE PRACTICE,GPs,Persons,17+ yrs,2023/24,5,4,6\n")
	return doc, lookup, reg, gp
}

func TestPracticesCommands(t *testing.T) {
	doc, lookup, reg, gp := practiceFiles(t)
	dir := t.TempDir()
	withPractices, withValues := filepath.Join(dir, "p.json"), filepath.Join(dir, "v.json")
	code, stdout, stderr := runCLI(t, "", "import", "registrations", reg, "--lookup", lookup, "--into", doc, "-o", withPractices)
	if code != 0 || !strings.Contains(stdout, "2 practices in the file, 2 with patients in the document's wards (1103 patients there, 5 of unknown LSOA)") ||
		!strings.Contains(stdout, "best fit") {
		t.Fatalf("import registrations: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, stdout, stderr = runCLI(t, "", "import", "fingertips", gp, "--into", withPractices, "-o", withValues); code != 0 || !strings.Contains(stderr, "2 practice values") {
		t.Fatalf("import fingertips --into: exit %d\n%s%s", code, stdout, stderr)
	}

	// A81001–Hillside (3) is under 5; A81001 has 397 patients elsewhere,
	// which hide it from its practice's total, but Hillside's cells add
	// up to its 103 registered patients, so A81002–Hillside goes too.
	code, stdout, stderr = runCLI(t, "", "practices", withValues)
	want := "practice_code,practice_name,ward_code,ward_name,patients,share_of_practice,share_of_ward\n" +
		"A81001,RIVERSIDE SURGERY,E05000001,Riverside,600,0.6,0.6\n" +
		"A81001,RIVERSIDE SURGERY,E05000002,Hillside,,,\n" +
		"A81002,HILLSIDE PRACTICE,E05000001,Riverside,400,0.792079,0.4\n" +
		"A81002,HILLSIDE PRACTICE,E05000002,Hillside,,,\n"
	if code != 0 || stdout != want {
		t.Errorf("jsna practices: exit %d\n%s\nwant\n%s%s", code, stdout, want, stderr)
	}
	// Riverside: (600×10 + 400×5)/1000 = 8 ± √0.52 (see jsna/practice);
	// Hillside: (3×10 + 100×5)/103 = 5.1456.
	code, stdout, _ = runCLI(t, "", "practices", "--estimates", withValues)
	if !strings.HasPrefix(stdout, "ward_code,indicator,value,lower,upper,method\nE05000001,241,8,7.2789,8.7211,\"list-weighted mean") ||
		!strings.Contains(stdout, "\nE05000002,241,5.1456,") || code != 0 {
		t.Errorf("jsna practices --estimates: exit %d\n%s", code, stdout)
	}

	if code, _, stderr = runCLI(t, "", "practices", doc); code != 1 || !strings.Contains(stderr, "has no practices") {
		t.Errorf("jsna practices on a document without practices: exit %d, %s", code, stderr)
	}
	if code, _, stderr = runCLI(t, "", "import", "registrations", reg, "--into", doc, "-o", withPractices); code != 2 || !strings.Contains(stderr, "usage: jsna import registrations") {
		t.Errorf("import registrations without --lookup: exit %d, %s", code, stderr)
	}
	bad := writeTemp(t, "bad.csv", strings.Replace(string(mustRead(t, reg)), ",600\n", ",6OO\n", 1))
	out := filepath.Join(dir, "never.json")
	if code, _, stderr = runCLI(t, "", "import", "registrations", bad, "--lookup", lookup, "--into", doc, "-o", out); code != 1 ||
		!strings.Contains(stderr, `bad.csv: line 2, column 7: Number of Patients "6OO" is not a count`) {
		t.Errorf("bad count: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed import wrote %s", out)
	}
}

// TestPracticeCellsSpreadsheetSafe: names from a file that a spreadsheet
// would run as formulas are written with a quote before them (OWASP's rule,
// stats.SpreadsheetCell); codes and numbers are left as they are.
func TestPracticeCellsSpreadsheetSafe(t *testing.T) {
	d := &jsna.Document{Wards: []jsna.Ward{{Code: "E05000001", Name: "@SUM(A1)"}},
		Practices: []jsna.Practice{{ID: "A81001", Name: "=HYPERLINK(\"x\")", ListSize: 600, Wards: []jsna.PracticeWard{{Code: "E05000001", Patients: 600}}}}}
	var b strings.Builder
	if err := writePracticeCells(&b, d, disclosure.Options{}); err != nil {
		t.Fatal(err)
	}
	want := "practice_code,practice_name,ward_code,ward_name,patients,share_of_practice,share_of_ward\n" +
		"A81001,\"'=HYPERLINK(\"\"x\"\")\",E05000001,'@SUM(A1),600,1,1\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

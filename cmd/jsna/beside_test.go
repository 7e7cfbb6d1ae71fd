package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Files for the tests of several benchmarks and reference comparators:
// synthetic, built here, in the Fingertips export's layout. A borough of
// six wards has 93227 (emergency admissions, an indirectly standardised
// ratio, with 95% intervals) for two pooled periods, with England's and
// the borough's rows, and 93105 (Reception obesity, a proportion given as
// values only) for one; the reference file has 93227 and 93105 for 40
// wards of England.
const besideHeader = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator,Value note\n"

// besideWardsCSV is the borough's export.
func besideWardsCSV() string {
	var b strings.Builder
	b.WriteString(besideHeader)
	row := func(id, parent, code, name, typ, period, value, lo, hi string) {
		fmt.Fprintf(&b, "%s,Indicator %s,%s,%s,%s,%s,%s,Persons,All ages,,,%s,%s,%s,%s,,,\n", id, id, parent, parentName(parent), code, name, typ, period, value, lo, hi)
	}
	const cur, old = "2016/17 - 20/21", "2015/16 - 19/20"
	row("93227", "", "E92000001", "England", "England", cur, "100", "99.9", "100.1")
	row("93227", "", "E92000001", "England", "England", old, "100", "99.9", "100.1")
	row("93227", "E12000007", "E09000099", "Example Borough", "Counties & UAs (from Apr 2023)", cur, "110.4", "108.9", "111.9")
	row("93227", "E12000007", "E09000099", "Example Borough", "Counties & UAs (from Apr 2023)", old, "104.2", "102.7", "105.7")
	wards := []struct {
		name              string
		cur, curLo, curHi string
		old, oldLo, oldHi string
		obesity           string
	}{
		{"Riverside", "125.3", "118.2", "132.6", "120.1", "113.0", "127.5", "27.4"},
		{"Hillside", "96.0", "90.1", "102.2", "95.5", "89.7", "101.6", "17.9"},
		{"Castle", "108.7", "102.0", "115.6", "99.0", "92.8", "105.5", "23.1"},
		{"Meadow", "88.2", "82.5", "94.2", "90.3", "84.5", "96.4", "15.2"},
		{"Quarry", "131.9", "124.1", "140.0", "128.8", "121.1", "136.8", "29.6"},
		{"Orchard", "104.9", "98.4", "111.7", "101.0", "94.7", "107.6", "20.3"},
	}
	for i, w := range wards {
		code := fmt.Sprintf("E0590000%d", i+1)
		row("93227", "E09000099", code, w.name, "Ward", cur, w.cur, w.curLo, w.curHi)
		row("93227", "E09000099", code, w.name, "Ward", old, w.old, w.oldLo, w.oldHi)
		row("93105", "E09000099", code, w.name, "Ward", "2017/18 - 19/20", w.obesity, "", "")
	}
	row("93105", "", "E92000001", "England", "England", "2017/18 - 19/20", "21.0", "", "")
	row("93105", "E12000007", "E09000099", "Example Borough", "Counties & UAs (from Apr 2023)", "2017/18 - 19/20", "22.3", "", "")
	return b.String()
}

func parentName(code string) string {
	switch code {
	case "E09000099":
		return "Example Borough"
	case "E12000007":
		return "London region"
	}
	return ""
}

// besideReferenceCSV is the reference file: 40 wards of England with
// values spread evenly, 93227 from 60 to 177 (3 apart) and 93105 from
// 10.5 to 30 (0.5 apart).
func besideReferenceCSV() string {
	var b strings.Builder
	b.WriteString(besideHeader)
	for i := range 40 {
		code := fmt.Sprintf("E05%06d", 100000+i)
		fmt.Fprintf(&b, "93227,Indicator 93227,E09000001,Somewhere,%s,Ward %d,Ward,Persons,All ages,,,2016/17 - 20/21,%d,,,,,\n", code, i, 60+3*i)
		fmt.Fprintf(&b, "93105,Indicator 93105,E09000001,Somewhere,%s,Ward %d,Ward,Persons,All ages,,,2017/18 - 19/20,%g,,,,,\n", code, i, 10.5+0.5*float64(i))
	}
	return b.String()
}

// besideDocument imports the borough's export into dir, and with
// reference true gives it the reference file's comparators; it returns
// the document's path.
func besideDocument(tb testing.TB, dir string, reference bool) string {
	tb.Helper()
	wards := filepath.Join(dir, "borough-wards.csv")
	ref := filepath.Join(dir, "all-wards-england.csv")
	doc := filepath.Join(dir, "borough.json")
	for name, content := range map[string]string{wards: besideWardsCSV(), ref: besideReferenceCSV()} {
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	if code, _, stderr := runCLI(tb, "", "import", "fingertips", wards, "-o", doc); code != 0 {
		tb.Fatalf("jsna import: exit %d: %s", code, stderr)
	}
	if reference {
		if code, _, stderr := runCLI(tb, "", "comparators", ref, doc, "-w"); code != 0 {
			tb.Fatalf("jsna comparators: exit %d: %s", code, stderr)
		}
	}
	return doc
}

// TestScoreBesideGolden: jsna score of a document with England and the
// borough beside it, its spines first from its own wards, then from the
// reference file of all wards.
func TestScoreBesideGolden(t *testing.T) {
	for _, tt := range []struct {
		name      string
		reference bool
		golden    string
	}{
		{"own wards", false, "score-beside.golden"},
		{"reference", true, "score-beside-reference.golden"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			doc := besideDocument(t, dir, tt.reference)
			code, stdout, stderr := runCLI(t, "", "score", doc)
			if code != 0 {
				t.Fatalf("jsna score: exit %d: %s", code, stderr)
			}
			checkGolden(t, tt.golden, []byte(stdout))
		})
	}
}

// TestComparatorsCommand: the lines jsna comparators prints, and a file
// that is not a Fingertips export refused with its name.
func TestComparatorsCommand(t *testing.T) {
	dir := t.TempDir()
	doc := besideDocument(t, dir, false)
	code, stdout, stderr := runCLI(t, "", "comparators", filepath.Join(dir, "all-wards-england.csv"), doc, "-w")
	if code != 0 {
		t.Fatalf("jsna comparators: exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"indicator 93227: range and quintiles of all 40 wards in England, 2016/17 - 20/21",
		"indicator 93105: range and quintiles of all 40 wards in England, 2017/18 - 19/20",
		"wrote " + doc,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("jsna comparators: stdout lacks %q:\n%s", want, stdout)
		}
	}
	bad := writeTemp(t, "bad.csv", "Ward,Obesity\nRiverside,12\n")
	code, _, stderr = runCLI(t, "", "comparators", bad, doc, "-w")
	if code != 1 || !strings.Contains(stderr, `bad.csv: line 1, column 1: not a Fingertips data header`) {
		t.Errorf("jsna comparators bad.csv: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCLI(t, "", "comparators", bad); code != 2 {
		t.Errorf("jsna comparators with one argument: exit %d, want 2", code)
	}
}

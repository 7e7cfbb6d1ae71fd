package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMetadataCLI imports a values-only ward file of indicators the
// built-in table lacks, with and then without -metadata, and applies the
// metadata to the document afterwards with jsna metadata -w. The files are
// made up for the test, in Fingertips' layouts.
func TestMetadataCLI(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "values.csv")
	os.WriteFile(data, []byte("Indicator ID,Indicator Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value\n"+
		"93107,Year 6 obesity,E05000001,One,Ward,Persons,10-11 yrs,2021/22 - 23/24,25.1\n"+
		"93107,Year 6 obesity,E05000002,Two,Ward,Persons,10-11 yrs,2021/22 - 23/24,19.7\n"), 0o644)
	meta := filepath.Join(dir, "meta.csv")
	os.WriteFile(meta, []byte("Indicator ID,Indicator,Definition,Unit,Value type,Polarity\n"+
		"93107,\"Year 6: Prevalence of obesity\",Children aged 10-11 who are obese.,%,Proportion,RAG - Low is good\n"), 0o644)
	out := filepath.Join(dir, "out.json")
	code, stdout, errs := runCLI(t, "", "import", "fingertips", data, "-area-code", "E09000099", "-area-name", "Borough", "-metadata", meta, "-o", out)
	if code != 0 || !strings.Contains(errs, "metadata: indicator 93107: method other → proportion") || !strings.Contains(errs, "metadata: indicator 93107: polarity not-applicable → lower-is-better") {
		t.Fatalf("jsna import -metadata = %d\n%s%s", code, stdout, errs)
	}
	d, err := readDocument(out)
	if err != nil {
		t.Fatal(err)
	}
	if ind := d.Indicators[0]; ind.Method != "proportion" || ind.Polarity != "lower-is-better" || ind.Multiplier != 100 || ind.Definition != "Children aged 10-11 who are obese." {
		t.Errorf("imported indicator = %+v", ind)
	}
	plain := filepath.Join(dir, "plain.json")
	if code, _, errs := runCLI(t, "", "import", "fingertips", data, "-area-code", "E09000099", "-area-name", "Borough", "-o", plain); code != 0 {
		t.Fatalf("jsna import = %d %s", code, errs)
	}
	code, stdout, errs = runCLI(t, "", "metadata", meta, plain, "-w")
	if code != 0 || !strings.Contains(stdout, "indicator 93107: unit (none) → %") || !strings.Contains(stdout, "wrote "+plain) {
		t.Fatalf("jsna metadata -w = %d\n%s%s", code, stdout, errs)
	}
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(plain)
	if string(a) != string(b) {
		t.Errorf("import -metadata and import then jsna metadata give different documents")
	}
	// A data file given as metadata: refused, the document untouched.
	code, _, errs = runCLI(t, "", "metadata", data, plain, "-w")
	if code != 1 || !strings.Contains(errs, `values.csv: line 1, column 1: this is a Fingertips data file (it has an "Area Code" column), not indicator metadata`) {
		t.Errorf("jsna metadata (a data file) = %d %s", code, errs)
	}
	if c, _ := os.ReadFile(plain); string(c) != string(b) {
		t.Errorf("a failed jsna metadata changed the document")
	}
}

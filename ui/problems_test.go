//go:build js && wasm

package ui

import (
	"errors"
	"os"

	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
)

// formatArg is where the fmt format is among the arguments of the calls
// by which jsna makes the sentences it reports: Problems.Add(path, f),
// AddAt(path, line, col, f), the decoder's problem(r, f) and
// problemAt(path, r, f), the importer's fail(loc, f), skip(loc, kind, f)
// and note(f), the registrations importer's failAt(line, col, f), and
// Textf(f).
var formatArg = map[string]int{"Add": 1, "AddAt": 3, "problem": 1, "problemAt": 2, "fail": 1, "failAt": 2, "skip": 2, "note": 0, "Textf": 0, "mismatch": 0}

// jsnaFormats lists every literal format jsna's source (the document
// package and the importers) passes to those calls, with where it is.
func jsnaFormats(t *testing.T) map[string]token.Position {
	t.Helper()
	out := map[string]token.Position{}
	fset := token.NewFileSet()
	for _, dir := range []string{"../jsna", "../jsna/importer"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, name, nil, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				var fn string
				switch x := call.Fun.(type) {
				case *ast.Ident:
					fn = x.Name
				case *ast.SelectorExpr:
					fn = x.Sel.Name
				}
				i, ok := formatArg[fn]
				if !ok {
					return true
				}
				if fn == "fail" && len(call.Args) > 0 {
					if _, lit := call.Args[0].(*ast.BasicLit); lit {
						i = 0 // the .ods reader's fail(format, ...)
					}
				}
				if i >= len(call.Args) {
					return true
				}
				lit, ok := call.Args[i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(lit.Value)
				if err == nil && s != "%s" && s != "%v" {
					out[s] = fset.Position(lit.Pos())
				}
				return true
			})
		}
	}
	return out
}

// TestCatalogueHasJSNAFormats checks that the catalogue words every
// sentence jsna reports: each format jsna's source passes is the English
// of a "jsna." message, word for word, so that the app shows it in Welsh
// from the catalogue, and a reworded jsna sentence fails here until the
// catalogue follows.
func TestCatalogueHasJSNAFormats(t *testing.T) {
	formats := jsnaFormats(t)
	if len(formats) < 60 {
		t.Fatalf("found %d formats in jsna's source, want at least 60: is the scan broken?", len(formats))
	}
	var missing []string
	for f, pos := range formats {
		if _, ok := jsnaKeys()[f]; !ok {
			missing = append(missing, pos.String()+": "+strconv.Quote(f))
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("the catalogue has no jsna. message for %s", m)
	}
	for f, key := range jsnaKeys() {
		if _, ok := formats[f]; !ok {
			t.Errorf("message %q is jsna's %q, which jsna no longer writes", key, f)
		}
	}
}

// TestProblemTextWelsh checks that jsna's problems read in Welsh from
// the catalogue, the phrases they insert ("an array") included, and that
// a sentence the catalogue does not know is shown in jsna's English,
// marked as English.
func TestProblemTextWelsh(t *testing.T) {
	a := &App{lang: Welsh}
	_, err := jsna.Parse("x.json", []byte("[1]"))
	var je *jsna.Error
	if !errors.As(err, &je) || len(je.Problems) != 1 {
		t.Fatalf("Parse([1]) = %v, want one problem", err)
	}
	if got, want := a.problemText(je.Problems[0]), "rhaid i’r ddogfen fod yn wrthrych JSON, ond cafwyd arae"; got != want {
		t.Errorf("problemText = %q, want %q", got, want)
	}
	if got, want := (&App{lang: English}).problemText(je.Problems[0]), je.Problems[0].String(); got != want {
		t.Errorf("problemText in English = %q, want jsna's %q", got, want)
	}
	var ps jsna.Problems
	ps.Add("wards[0].values[0].count", "must be at least 0, got %v", -1.0)
	ps.Add("title", "a sentence jsna has not written before: %d", 3)
	err = ps.Err()
	errors.As(err, &je)
	for i, want := range []string{
		"wards[0].values[0].count: rhaid iddo fod yn 0 o leiaf, ond cafwyd -1",
		"title: \ue000en\ue001a sentence jsna has not written before: 3\ue002 (yn Saesneg)",
	} {
		if got := a.problemText(je.Problems[i]); got != want {
			t.Errorf("problemText(%v) = %q, want %q", je.Problems[i], got, want)
		}
	}
	// From JSON, a message no format makes, with a comma in it: not read
	// back as a list ("%s, %s"), so it is marked as English (in words, and
	// for the page's lang: langparts.go).
	if got, want := a.problemText(jsna.Problem{Path: "title", Message: "nor this one, with a comma in it"}), "title: \ue000en\ue001nor this one, with a comma in it\ue002 (yn Saesneg)"; got != want {
		t.Errorf("problemText of an unknown message from JSON = %q, want %q", got, want)
	}
	// Phrases as arguments, one with a per cent sign (a Text's %% is %).
	above := jsna.Textf("%s %v is above the %s %v", jsna.Textf("lower 95%% limit"), 8.0, jsna.Textf("value"), 7.5)
	if got, want := a.jsnaText(above), "Mae’r terfyn isaf 95% 8 yn uwch na’r gwerth 7.5"; got != want {
		t.Errorf("jsnaText = %q, want %q", got, want)
	}
	// A place in a sheet before the sentence, as the .ods reader says it.
	loc := jsna.Textf("sheet %q row %d", "Data", 12)
	if got, want := a.jsnaText(jsna.Textf("%s: no data rows after the header", loc)), "dalen \"Data\" rhes 12: dim rhesi data ar ôl y pennyn"; got != want {
		t.Errorf("jsnaText = %q, want %q", got, want)
	}
}

// TestProblemTextFromJSON checks that a problem that came as JSON, with
// jsna's English message only (as a hub answers), is worded in Welsh all
// the same, its arguments and phrases read back from the message.
func TestProblemTextFromJSON(t *testing.T) {
	a := &App{lang: Welsh}
	for _, tt := range []struct {
		p    jsna.Problem
		want string
	}{
		{jsna.Problem{Path: "wards[0].needs[0].size", Message: "must be at most 10, got 11"},
			"wards[0].needs[0].size: rhaid iddo fod yn 10 ar y mwyaf, ond cafwyd 11"},
		{jsna.Problem{Path: "title", Message: "must be a string, got an array"},
			"title: rhaid iddo fod yn llinyn, ond cafwyd arae"},
		{jsna.Problem{Path: "format", Message: `format "jsna/2" is not one this version reads (it reads "jsna/1")`},
			`format: nid yw’r fformat "jsna/2" yn un y mae’r fersiwn hon yn ei ddarllen (mae’n darllen "jsna/1")`},
		{jsna.Problem{Line: 3, Column: 7, Message: "syntax error: invalid character 'x' looking for beginning of value"},
			"llinell 3, colofn 7: gwall cystrawen: nod annilys 'x' wrth chwilio am ddechrau gwerth"},
		{jsna.Problem{Line: 2, Column: 5, Text: jsna.Textf("syntax error: invalid character %s in literal %s (expecting %s)", "' '", "true", "'e'")},
			"llinell 2, colofn 5: gwall cystrawen: nod annilys ' ' yn y llythrenolyn true (disgwyl 'e')"},
		{jsna.Problem{Line: 1, Column: 9, Message: `syntax error: invalid character '"' after object key:value pair`},
			`llinell 1, colofn 9: gwall cystrawen: nod annilys '"' ar ôl pâr allwedd:gwerth gwrthrych`},
		{jsna.Problem{Path: "notes", Message: "something jsna never wrote"},
			"notes: \ue000en\ue001something jsna never wrote\ue002 (yn Saesneg)"},
	} {
		if got := a.problemText(tt.p); got != tt.want {
			t.Errorf("problemText(%v) = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestImportNotesWelsh checks the import report in Welsh, line by line,
// for a Fingertips CSV with a ward row, an England row and a row of
// another sex.
func TestImportNotesWelsh(t *testing.T) {
	csv := "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator\n" +
		"93227,Emergency hospital admissions for all causes,E09000033,Westminster,E05000644,Abbey Road,Ward,Persons,All ages,,,2016/17 - 20/21,95.2,90.1,100.3,1400,1470\n" +
		"93227,Emergency hospital admissions for all causes,E09000033,Westminster,E05000644,Abbey Road,Ward,Male,All ages,,,2016/17 - 20/21,97.0,90.0,104.0,700,720\n" +
		"93227,Emergency hospital admissions for all causes,,,E92000001,England,England,Persons,All ages,,,2016/17 - 20/21,100,99.9,100.1,,\n"
	_, rep, err := importer.Fingertips("sample.csv", strings.NewReader(csv), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := &App{lang: Welsh, fullApp: fullApp{importReport: rep}}
	want := []string{
		"sample.csv: darllenwyd 3 rhes: 1 gwerth ward, 1 gwerth meincnod, 1 wedi’i hepgor",
		"1 ward, 1 dangosydd",
		"Wedi’u hepgor: rhyw arall: 1",
	}
	got := a.importNotes()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("importNotes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantRows := []string{"llinell 3: rhyw Male: mae’r dangosydd hwn yn cael ei fewnforio ar gyfer Persons"}
	if got := a.skippedRowLines(rep); strings.Join(got, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("skippedRowLines =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantRows, "\n"))
	}
}

// TestRegistrationsWelsh checks that the registrations importer's
// failures and notes are worded in Welsh from the catalogue: a file
// without its columns, and a report whose note lists an LSOA the lookup
// lacks, with its line.
func TestRegistrationsWelsh(t *testing.T) {
	a := &App{lang: Welsh}
	data, err := os.ReadFile("../static/examples/example-borough.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsna.Parse("example-borough.json", data)
	if err != nil {
		t.Fatal(err)
	}
	w := doc.Wards[0]
	lookup, err := importer.ReadWardLookup("lookup.csv", strings.NewReader("LSOA21CD,LSOA21NM,LSOA21NMW,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW,ObjectId\n"+
		"E01000001,A,,"+w.Code+","+w.Name+",,E09000099,Example,,1\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = importer.Registrations("reg.csv", strings.NewReader("A,B\n1,2\n"), lookup, doc, importer.RegistrationOptions{})
	var je *jsna.Error
	if !errors.As(err, &je) || len(je.Problems) != 1 {
		t.Fatalf("Registrations without its columns = %v, want one problem", err)
	}
	if got, want := a.problemText(je.Problems[0]), "llinell 1, colofn 1: nid yw’n ffeil AGEHI o gofrestriadau meddygfeydd teulu: dim colofn PRACTICE_CODE, LSOA_CODE, SEX, NUMBER_OF_PATIENTS (mae ffeil GIG Lloegr yn dechrau PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS)"; got != want {
		t.Errorf("problemText = %q, want %q", got, want)
	}
	_, rep, err := importer.Registrations("reg.csv", strings.NewReader("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\n"+
		"GP_PRAC_PAT_LIST,01OCT2026,Y98765,NEW ROAD SURGERY,E01000001,ALL,600\n"+
		"GP_PRAC_PAT_LIST,01OCT2026,Y98765,NEW ROAD SURGERY,E01009999,ALL,5\n"), lookup, doc, importer.RegistrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Join(a.registrationNotes(rep), "\n")
	for _, want := range []string{
		"\n1 feddygfa yn y ffeil, 1 gyda chleifion yn wardiau’r ddogfen (600 o gleifion yno, 0 ag AGEHI anhysbys)\n",
		", E05900010, a 9 arall\n",
		"\nNodyn: nid yw 1 o godau AGEHI yn y tabl, fel E01009999 (llinell 3): mae eu cleifion yn cyfrif ym maint rhestrau’r meddygfeydd fel rhai sy’n byw y tu allan i wardiau’r ddogfen\n",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("the report in Welsh lacks %q:\n%s", want, lines)
		}
	}
}

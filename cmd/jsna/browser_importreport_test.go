//go:build browser

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// importReportCSV is a synthetic Fingertips CSV (made up for the test):
// two wards of Example Borough with a value of 93227 and England's; 147
// rows with no Indicator ID; the borough's own row (the wards' parent
// area, read as a benchmark beside England, so not skipped) and two MSOA
// rows of 93227, one of 93105; and a ward value of
// 99999, an indicator the built-in table does not know.
func importReportCSV() string {
	var b strings.Builder
	b.WriteString("Indicator ID,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value\n")
	b.WriteString("93227,E09000099,Example Borough,E05900001,Riverside,Ward,Persons,All ages,2021/22,101.5\n") // line 2
	b.WriteString("93227,E09000099,Example Borough,E05900002,Hillside,Ward,Persons,All ages,2021/22,97\n")     // line 3
	b.WriteString("93227,,,E92000001,England,England,Persons,All ages,2021/22,100\n")                          // line 4
	for i := 0; i < 147; i++ {                                                                                 // lines 5–151
		b.WriteString(",E09000099,Example Borough,E05900001,Riverside,Ward,Persons,All ages,2021/22,1\n")
	}
	b.WriteString("93227,E92000001,England,E09000099,Example Borough,Counties & UAs (from Apr 2023),Persons,All ages,2021/22,99.5\n") // line 152
	b.WriteString("93227,E09000099,Example Borough,E02000001,MSOA 1,MSOA,Persons,All ages,2021/22,99\n")                              // line 153
	b.WriteString("93105,E09000099,Example Borough,E02000001,MSOA 1,MSOA,Persons,All ages,2021/22,9.9\n")                             // line 154
	b.WriteString("93227,E09000099,Example Borough,E02000002,MSOA 2,MSOA,Persons,All ages,2021/22,98\n")                              // line 155
	b.WriteString("99999,E09000099,Example Borough,E05900001,Riverside,Ward,Persons,All ages,2021/22,42\n")                           // line 156: not in the built-in table
	return b.String()
}

// TestBrowserImportReport imports a Fingertips CSV with rows skipped for
// three reasons and checks the overview's report of them: each reason in
// plain words with its count and what to do, its rows by indicator with
// example lines, in English and then in Welsh; axe-core finds nothing in
// either.
func TestBrowserImportReport(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ward-data.csv")
	if err := os.WriteFile(file, []byte(importReportCSV()), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("#/")
	p.upload("#open-file", file)
	p.waitFor("the overview", `location.hash === "#/area" && !!document.getElementById("import-skipped")`)
	// Each reason: its sentence, then what to do, then its table's rows.
	reasons := `Array.from(document.querySelectorAll("#import-skipped .app-skipped__reason")).map(r =>
		[r.querySelector("h4").textContent, r.querySelector(".app-skipped__todo").textContent,
		 Array.from(r.querySelectorAll("tbody tr")).map(tr => Array.from(tr.children).map(c => c.textContent).join(" | ")).join("; ")].join("\n"))`
	want := []string{
		"147 rows had no indicator ID\n" +
			"What to do: Fill in the Indicator ID column (Fingertips' number for the indicator, such as 93227), or delete these rows: without it a value cannot be matched to an indicator.\n" +
			"147 | 5, 6, 7, 8, 9 and more",
		"1 row of England or another area is of an indicator no ward row has\n" +
			"What to do: Nothing to do, unless the file should have this indicator's ward rows: then download them from Fingertips again.\n" +
			"93105 | 1 | 154",
		"2 rows are of area type MSOA, neither wards nor England\n" +
			"What to do: Nothing to do: Fingertips downloads carry other areas too (regions, MSOAs), and Wardwise reads wards, England and the wards' parent area.\n" +
			"93227 | 2 | 153, 155",
	}
	check := func(lang string, want []string) {
		t.Helper()
		got := eval[[]string](p, reasons)
		if strings.Join(got, "\n\n") != strings.Join(want, "\n\n") {
			t.Errorf("%s: skipped rows by reason =\n%s\n\nwant\n%s", lang, strings.Join(got, "\n\n"), strings.Join(want, "\n\n"))
		}
		if got := p.text("#import-skipped-heading"); got != map[string]string{"en": "Skipped rows, by reason", "cy": "Rhesi a hepgorwyd, yn ôl y rheswm"}[lang] {
			t.Errorf("%s: heading = %q", lang, got)
		}
	}
	check("en", want)
	unknown := `[document.getElementById("import-unknown-heading").textContent,
		Array.from(document.querySelectorAll("#import-unknown li a")).map(a => a.textContent + " " + a.getAttribute("href")).join("; "),
		document.querySelector("#import-unknown .app-skipped__todo").textContent].join("\n")`
	if got, want := eval[string](p, unknown), "1 indicator is not in the built-in table of Local Health indicators\n"+
		"Indicator 99999 (99999) #/indicator/99999\n"+
		"What to do: Set each one’s method, polarity and unit on its page, from Fingertips’ definition of the indicator (its indicator metadata)."; got != want {
		t.Errorf("unknown indicators =\n%s\nwant\n%s", got, want)
	}
	p.shot("import-report-grouped")
	p.axe("import report by reason")

	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	p.waitFor("the report in Welsh", `!!document.getElementById("import-skipped-heading") && document.getElementById("import-skipped-heading").textContent.startsWith("Rhesi")`)
	check("cy", []string{
		"Nid oedd gan 147 rhes ID dangosydd\n" +
			"Beth i’w wneud: Llenwch golofn Indicator ID (rhif Fingertips ar gyfer y dangosydd, fel 93227), neu dilëwch y rhesi hyn: hebddo ni ellir paru gwerth â dangosydd.\n" +
			"147 | 5, 6, 7, 8, 9 a mwy",
		"Mae 1 rhes ar gyfer Lloegr neu ardal arall o ddangosydd nad oes gan yr un ward res ohono\n" +
			"Beth i’w wneud: Dim i’w wneud, oni ddylai’r ffeil gynnwys rhesi ward y dangosydd hwn: yna lawrlwythwch nhw o Fingertips eto.\n" +
			"93105 | 1 | 154",
		"Mae 2 res o’r math ardal MSOA, nid wardiau na Lloegr\n" +
			"Beth i’w wneud: Dim i’w wneud: mae lawrlwythiadau Fingertips yn cynnwys ardaloedd eraill hefyd (rhanbarthau, MSOAs), ac mae Wardwise yn darllen wardiau, Lloegr ac ardal riant y wardiau.\n" +
			"93227 | 2 | 153, 155",
	})
	if got, want := eval[string](p, unknown), "Nid yw 1 dangosydd yn nhabl adeiledig dangosyddion Iechyd Lleol\n"+
		"Indicator 99999 (99999) #/indicator/99999\n"+
		"Beth i’w wneud: Gosodwch ddull, polaredd ac uned pob un ar ei dudalen, o ddiffiniad Fingertips o’r dangosydd (ei fetadata dangosydd)."; got != want {
		t.Errorf("Welsh unknown indicators =\n%s\nwant\n%s", got, want)
	}
	p.shot("import-report-grouped-cy")
	p.axe("import report by reason, in Welsh")
	p.checkClean()
}

//go:build js && wasm

package ui

import (
	"reflect"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna/importer"
)

// TestSkipReasonCatalogue checks that the catalogue words every reason
// the importer gives a skipped row: in English word for word as the
// importer's table (so the CLI and the app say the same), and in Welsh in
// every plural form, with what to do.
func TestSkipReasonCatalogue(t *testing.T) {
	for _, code := range importer.Reasons() {
		one, other, _, todo := importer.ReasonWords(code)
		if got := messagesEN["import.group."+code+"#one"]; got != one {
			t.Errorf("import.group.%s#one = %q, want the importer's %q", code, got, one)
		}
		if got := messagesEN["import.group."+code+"#other"]; got != other {
			t.Errorf("import.group.%s#other = %q, want the importer's %q", code, got, other)
		}
		if got := messagesEN["import.todo."+code]; got != todo {
			t.Errorf("import.todo.%s = %q, want the importer's %q", code, got, todo)
		}
		for _, f := range pluralForms[Welsh] {
			if messagesCY["import.group."+code+"#"+f] == "" {
				t.Errorf("no Welsh import.group.%s#%s", code, f)
			}
		}
		if messagesCY["import.todo."+code] == "" {
			t.Errorf("no Welsh import.todo.%s", code)
		}
	}
}

// groupsFile is a synthetic Fingertips CSV (made up for the test): one
// ward value of 93227, 147 rows with no Indicator ID, two MSOA rows of
// 93227 and one of 93105.
func groupsFile() string {
	var b strings.Builder
	b.WriteString("Indicator ID,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Time period,Value\n")
	b.WriteString("93227,E09000099,Example Borough,E05900001,Riverside,Ward,Persons,All ages,2021/22,101.5\n") // line 2
	for i := 0; i < 147; i++ {                                                                                 // lines 3–149
		b.WriteString(",E09000099,Example Borough,E05900001,Riverside,Ward,Persons,All ages,2021/22,1\n")
	}
	b.WriteString("93227,E09000099,Example Borough,E02000001,MSOA 1,MSOA,Persons,All ages,2021/22,99\n")  // line 150
	b.WriteString("93105,E09000099,Example Borough,E02000001,MSOA 1,MSOA,Persons,All ages,2021/22,9.9\n") // line 151
	b.WriteString("93227,E09000099,Example Borough,E02000002,MSOA 2,MSOA,Persons,All ages,2021/22,98\n")  // line 152
	return b.String()
}

// TestSkipReasonViews checks the import report's skipped rows by reason,
// in English and in Welsh: the sentences with their counts, what to do,
// and the rows by indicator with example lines.
func TestSkipReasonViews(t *testing.T) {
	_, rep, err := importer.Fingertips("groups.csv", strings.NewReader(groupsFile()), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang Lang
		want []skipReasonView
	}{
		{English, []skipReasonView{
			{key: "no-indicator", what: "147 rows had no indicator ID",
				todo:     "What to do: Fill in the Indicator ID column (Fingertips' number for the indicator, such as 93227), or delete these rows: without it a value cannot be matched to an indicator.",
				rows:     []skipRowView{{"No indicator ID", "147", "3, 4, 5, 6, 7 and more"}},
				linesCol: "Lines, for example"},
			{key: "no-wards", what: "1 row of England or another area is of an indicator no ward row has", byInd: true,
				todo:     "What to do: Nothing to do, unless the file should have this indicator's ward rows: then download them from Fingertips again.",
				rows:     []skipRowView{{"93105", "1", "151"}},
				linesCol: "Lines, for example"},
			{key: "other-area", what: "2 rows are of area type MSOA, neither wards nor England", byInd: true,
				todo:     "What to do: Nothing to do: Fingertips downloads carry other areas too (regions, MSOAs), and Wardwise reads wards, England and the wards' parent area.",
				rows:     []skipRowView{{"93227", "2", "150, 152"}},
				linesCol: "Lines, for example"},
		}},
		{Welsh, []skipReasonView{
			{key: "no-indicator", what: "Nid oedd gan 147 rhes ID dangosydd",
				todo:     "Beth i’w wneud: Llenwch golofn Indicator ID (rhif Fingertips ar gyfer y dangosydd, fel 93227), neu dilëwch y rhesi hyn: hebddo ni ellir paru gwerth â dangosydd.",
				rows:     []skipRowView{{"Dim ID dangosydd", "147", "3, 4, 5, 6, 7 a mwy"}},
				linesCol: "Llinellau, er enghraifft"},
			{key: "no-wards", what: "Mae 1 rhes ar gyfer Lloegr neu ardal arall o ddangosydd nad oes gan yr un ward res ohono", byInd: true,
				todo:     "Beth i’w wneud: Dim i’w wneud, oni ddylai’r ffeil gynnwys rhesi ward y dangosydd hwn: yna lawrlwythwch nhw o Fingertips eto.",
				rows:     []skipRowView{{"93105", "1", "151"}},
				linesCol: "Llinellau, er enghraifft"},
			{key: "other-area", what: "Mae 2 res o’r math ardal MSOA, nid wardiau na Lloegr", byInd: true,
				todo:     "Beth i’w wneud: Dim i’w wneud: mae lawrlwythiadau Fingertips yn cynnwys ardaloedd eraill hefyd (rhanbarthau, MSOAs), ac mae Wardwise yn darllen wardiau, Lloegr ac ardal riant y wardiau.",
				rows:     []skipRowView{{"93227", "2", "150, 152"}},
				linesCol: "Llinellau, er enghraifft"},
		}},
	}
	for _, tt := range tests {
		a := &App{lang: tt.lang}
		if got := a.skipReasonViews(rep.Groups, ""); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: skipReasonViews =\n%+v\nwant\n%+v", tt.lang, got, tt.want)
		}
	}
	a := &App{lang: Welsh}
	if got := a.tn("import.group.sex", 2, "Persons"); got != "Mae 2 res ar gyfer rhyw heblaw Persons" {
		t.Errorf("import.group.sex for 2 = %q", got)
	}
}

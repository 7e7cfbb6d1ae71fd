package importer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// regDoc is a document of two wards, the wards a registrations import is
// for.
func regDoc(tb testing.TB) *jsna.Document {
	tb.Helper()
	d := &jsna.Document{Format: jsna.Format, ID: "t", Title: "Test (synthetic)",
		Area:      jsna.Area{Code: "E09000099", Name: "Test Borough"},
		Benchmark: jsna.Benchmark{Code: England, Name: "England"},
		Wards:     []jsna.Ward{{Code: "E05000001", Name: "Riverside"}, {Code: "E05000002", Name: "Hillside"}}}
	if err := d.Validate(); err != nil {
		tb.Fatal(err)
	}
	return d
}

// regLookup is an ONS LSOA (2021) to ward lookup in the published layout,
// with the Welsh-name columns: two LSOAs in Riverside, one in Hillside,
// one in a ward of another borough.
const regLookup = "LSOA21CD,LSOA21NM,LSOA21NMW,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW,ObjectId\r\n" +
	"E01000001,Test 001A,,E05000001,Riverside,,E09000099,Test Borough,,1\r\n" +
	"E01000002,Test 001B,,E05000001,Riverside,,E09000099,Test Borough,,2\r\n" +
	"E01000003,Test 002A,,E05000002,Hillside,,E09000099,Test Borough,,3\r\n" +
	"E01000004,Other 001A,,E05009999,Elsewhere,,E09000098,Other Borough,,4\r\n"

func readLookup(tb testing.TB, csv string) *WardLookup {
	tb.Helper()
	l, err := ReadWardLookup("lookup.csv", strings.NewReader(csv))
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// regFile is a registrations LSOA file in the published layout, with the
// header spelling numbers as header: three practices; A81001 serves both
// wards and has patients in another borough and on CLOSED; A81002 only
// other areas' LSOAs (one not in the lookup), so it is left out; Y01234,
// whose name has a comma, serves Riverside only.
func regFile(numbers string) string {
	rows := [][]string{
		{"A81001", "THE RIVERSIDE SURGERY", "E01000001", "100", "48", "52"},
		{"A81001", "THE RIVERSIDE SURGERY", "E01000003", "50", "20", "30"},
		{"A81001", "THE RIVERSIDE SURGERY", "E01000004", "30", "15", "15"},
		{"A81001", "THE RIVERSIDE SURGERY", "CLOSED", "5", "2", "3"},
		{"A81002", "OTHER MEDICAL CENTRE", "E01000004", "200", "100", "100"},
		{"A81002", "OTHER MEDICAL CENTRE", "E01999999", "9", "4", "5"},
		{"Y01234", `"SMITH, JONES & PARTNERS"`, "E01000002", "7", "3", "4"},
		{"Y01234", `"SMITH, JONES & PARTNERS"`, "NO2011", "1", "1", "0"},
	}
	var b strings.Builder
	b.WriteString("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,\"" + numbers + "\"\r\n")
	for _, r := range rows {
		for k, sex := range []string{"ALL", "MALE", "FEMALE"} {
			fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,01Oct2025,%s,%s,%s,%s,%s\r\n", r[0], r[1], r[2], sex, r[3+k])
		}
	}
	return b.String()
}

func TestRegistrationsGolden(t *testing.T) {
	for _, numbers := range []string{"NUMBER_OF_PATIENTS", "Number of Patients"} {
		t.Run(numbers, func(t *testing.T) {
			d, rep, err := Registrations("reg.csv", strings.NewReader(regFile(numbers)), readLookup(t, regLookup), regDoc(t), RegistrationOptions{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := jsna.Marshal(&jsna.Document{Format: d.Format, ID: d.ID, Title: d.Title, Area: d.Area, Benchmark: d.Benchmark, Practices: d.Practices})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, "registrations.golden", append(append(b, "--- report\n"...), rep.Summary()...))
			// Worked by hand: A81001's list is 100+50+30+5 = 185, of
			// which 100 in Riverside, 50 in Hillside, 5 unknown, 30
			// elsewhere; Y01234's 7+1 = 8, 7 in Riverside, 1 unknown.
			p := d.PracticeByID("A81001")
			if p.ListSize != 185 || p.Unknown != 5 || p.InWards() != 150 || p.Elsewhere() != 30 || p.ExtractDate != "2025-10-01" {
				t.Errorf("A81001 = %+v", p)
			}
			if rep.Rows != 24 || rep.Counted != 8 || rep.Skipped[SkipSexBreakdown] != 16 || rep.Practices != 2 || rep.PracticesRead != 3 || rep.PatientsInWards != 157 || rep.Unknown != 6 {
				t.Errorf("report = %+v", rep)
			}
		})
	}
}

func TestRegistrationsRefused(t *testing.T) {
	file := regFile("NUMBER_OF_PATIENTS")
	tests := []struct {
		name, file, want string
	}{
		{"missing column", strings.Replace(file, "SEX,", "GENDER,", 1),
			"jsna: reg.csv: line 1, column 1: not a GP registrations LSOA file: no column SEX (the NHS England file starts PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS)"},
		{"2011 header", strings.Replace(file, "LSOA_CODE", "LSOA_2011_CODE", 1),
			"jsna: reg.csv: line 1, column 5: the file is on 2011 LSOAs (column LSOA_2011_CODE) and the ward lookup on 2021 LSOAs: give the ONS LSOA (2011) to LSOA (2021) lookup, or import the publication's file on 2021 LSOAs"},
		{"bad count", strings.Replace(file, "E01000003,ALL,50", "E01000003,ALL,5O", 1),
			`jsna: reg.csv: line 5, column 7: NUMBER_OF_PATIENTS "5O" is not a count of patients (a whole number, 0 or more)`},
		{"second row", file + "GP_PRAC_PAT_LIST,01Oct2025,A81001,THE RIVERSIDE SURGERY,E01000003,ALL,1\r\n",
			"jsna: reg.csv: line 26, column 5: a second SEX=ALL row for practice A81001 and LSOA E01000003 (the first at line 5)"},
		{"two extracts", strings.Replace(file, "01Oct2025,A81002,OTHER MEDICAL CENTRE,E01000004,ALL", "01Jul2025,A81002,OTHER MEDICAL CENTRE,E01000004,ALL", 1),
			`jsna: reg.csv: line 14, column 2: EXTRACT_DATE "01Jul2025" differs from the file's first, "01Oct2025": one file, one extract`},
		{"bad date", strings.ReplaceAll(file, "01Oct2025", "Oct 2025"),
			`jsna: reg.csv: line 2, column 2: EXTRACT_DATE "Oct 2025" is not a date (like 01Oct2025, 01-OCT-2025 or 2025-10-01)`},
		{"bad sex", strings.Replace(file, "MALE", "M", 1),
			`jsna: reg.csv: line 3, column 6: SEX "M" is not ALL, MALE or FEMALE`},
		{"shifted", strings.Replace(file, "THE RIVERSIDE SURGERY", "THE RIVERSIDE, SURGERY", 1),
			"jsna: reg.csv: line 2, column 1: row has 8 fields but the header has 7 (shifted or missing columns?)"},
		{"bad quoting", strings.Replace(file, `"SMITH, JONES & PARTNERS"`, `"SMITH, "JONES" & PARTNERS"`, 1),
			`jsna: reg.csv: line 20, column 44: not valid CSV: unexpected 'J' after a closing quote (a quote inside a field must be doubled)`},
		{"only male and female", strings.ReplaceAll(file, ",ALL,", ",MALE,"),
			"jsna: reg.csv: no rows with SEX ALL: the LSOA file to import is the one of all patients (gp-reg-pat-prac-lsoa-all.csv), whose rows have SEX ALL"},
		{"empty", "", "jsna: reg.csv: file is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Registrations("reg.csv", strings.NewReader(tt.file), readLookup(t, regLookup), regDoc(t), RegistrationOptions{})
			if err == nil || err.Error() != tt.want {
				t.Errorf("Registrations() error = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestRegistrations2011 imports a file on 2011 LSOAs through an LSOA
// (2011) to (2021) lookup: E01000010 was split into E01000001 (Riverside)
// and E01000003 (Hillside), so its 101 patients are shared 51 and 50 (the
// remainder to the first part); E01000011 became E01000002 unchanged.
func TestRegistrations2011(t *testing.T) {
	reg := "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_2011_CODE,SEX,NUMBER_OF_PATIENTS\n" +
		"GP_PRAC_PAT_LIST,01-OCT-2024,A81001,THE SURGERY,E01000010,ALL,101\n" +
		"GP_PRAC_PAT_LIST,01-OCT-2024,A81001,THE SURGERY,E01000011,ALL,9\n"
	l11, err := ReadLSOA11Lookup("lsoa11.csv", strings.NewReader("LSOA11CD,LSOA11NM,LSOA21CD,LSOA21NM,CHGIND,LAD22CD,LAD22NM,LAD22NMW,ObjectId\n"+
		"E01000010,A,E01000001,A1,S,E09000099,T,,1\nE01000010,A,E01000003,A2,S,E09000099,T,,2\nE01000011,B,E01000002,B,U,E09000099,T,,3\n"))
	if err != nil {
		t.Fatal(err)
	}
	d, rep, err := Registrations("reg.csv", strings.NewReader(reg), readLookup(t, regLookup), regDoc(t), RegistrationOptions{LSOA11: l11})
	if err != nil {
		t.Fatal(err)
	}
	p := d.PracticeByID("A81001")
	want := []jsna.PracticeWard{{Code: "E05000001", Patients: 60}, {Code: "E05000002", Patients: 50}}
	if fmt.Sprint(p.Wards) != fmt.Sprint(want) || p.ListSize != 110 || p.ExtractDate != "2024-10-01" || rep.LSOA11 != "lsoa11.csv" {
		t.Errorf("A81001 wards %v, list %d, extract %s; want %v, 110, 2024-10-01", p.Wards, p.ListSize, p.ExtractDate, want)
	}
}

// TestRegistrationsNationalLookup: with a lookup of all England and Wales,
// an LSOA code it lacks means the file is on 2011 LSOAs, and the import is
// refused; a Welsh ward's Welsh name comes through.
func TestRegistrationsNationalLookup(t *testing.T) {
	var b strings.Builder
	b.WriteString("LSOA21CD,LSOA21NM,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM\n")
	for i := range nationalLSOAs {
		fmt.Fprintf(&b, "E01%06d,L,E05%06d,Ward,,E09000099,T\n", 100000+i, 100+i%20)
	}
	b.WriteString("W01000001,L,W05000001,Riverside,Glan yr Afon,W06000099,T\n")
	l := readLookup(t, b.String())
	doc := regDoc(t)
	doc.Wards = append(doc.Wards, jsna.Ward{Code: "W05000001", Name: "Riverside (Wales)"})
	reg := "PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\nW91001,PRACTICE,W01000001,ALL,40\nW91001,PRACTICE,E01000001,ALL,3\n"
	_, _, err := Registrations("reg.csv", strings.NewReader(reg), l, doc, RegistrationOptions{})
	want := "jsna: reg.csv: line 3, column 3: 1 LSOA codes are not in the LSOA (2021) lookup lookup.csv, which covers England and Wales, such as E01000001 (line 3): the file is on 2011 LSOAs (older publications); give the ONS LSOA (2011) to LSOA (2021) lookup, or import the publication's file on 2021 LSOAs"
	if err == nil || err.Error() != want {
		t.Fatalf("error = %v\nwant %s", err, want)
	}
	d, _, err := Registrations("reg.csv", strings.NewReader(reg[:strings.LastIndex(reg[:len(reg)-1], "\n")+1]), l, doc, RegistrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := d.PracticeByID("W91001").Wards; len(got) != 1 || got[0].NameCy != "Glan yr Afon" || got[0].Patients != 40 {
		t.Errorf("W91001 wards = %+v, want 40 in W05000001 named Glan yr Afon", got)
	}
}

func TestReadWardLookupRefused(t *testing.T) {
	tests := []struct{ name, csv, want string }{
		{"2011 lookup", "LSOA11CD,LSOA11NM,WD22CD,WD22NM\n", "jsna: lookup.csv: line 1, column 1: this lookup is of 2011 LSOAs (LSOA11CD); registrations need the LSOA (2021) to ward lookup (LSOA21CD, WDyyCD, ...)"},
		{"no ward column", "LSOA21CD,LSOA21NM,LAD25CD\n", "jsna: lookup.csv: line 1, column 1: not an LSOA (2021) to ward lookup: no ward code column WDyyCD (like WD25CD)"},
		{"two years", "LSOA21CD,WD24CD,WD25NM\n", "jsna: lookup.csv: line 1, column 1: the ward columns are of two years, WD24 and WD25"},
		{"bad ward", "LSOA21CD,WD25CD\nE01000001,E06000001\n", `jsna: lookup.csv: line 2, column 2: "E06000001" is not a ward code (E05, W05 or S13 and 6 digits)`},
		{"bad LSOA", "LSOA21CD,WD25CD\nE0100001,E05000001\n", `jsna: lookup.csv: line 2, column 1: "E0100001" is not an LSOA code (E01 or W01 and 6 digits)`},
		{"twice", "LSOA21CD,WD25CD\nE01000001,E05000001\ne01000001,E05000002\n", "jsna: lookup.csv: line 3, column 1: LSOA E01000001 is listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWardLookup("lookup.csv", strings.NewReader(tt.csv))
			if err == nil || err.Error() != tt.want {
				t.Errorf("ReadWardLookup() error = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestRegistrationsWelshNames: a lookup with the Welsh-name columns
// (WD25NMW, LAD25NMW) gives the document's wards and area their Welsh
// names where the document has none, and keeps one the document has. The
// rows are in the lookup's layout with the names of Cardiff (W06000015)
// and three of its wards (Riverside is Glan-yr-afon in Welsh, Butetown the
// same in both, Cardiff is Caerdydd); the LSOA and ward codes are made up
// for the test.
func TestRegistrationsWelshNames(t *testing.T) {
	lookup := "LSOA21CD,LSOA21NM,LSOA21NMW,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW,ObjectId\n" +
		"W01001700,Cardiff 032A,Caerdydd 032A,W05001040,Riverside,Glan-yr-afon,W06000015,Cardiff,Caerdydd,1\n" +
		"W01001701,Cardiff 032B,Caerdydd 032B,W05001024,Butetown,Butetown,W06000015,Cardiff,Caerdydd,2\n" +
		"W01001702,Cardiff 033A,Caerdydd 033A,W05001030,Grangetown,Grangetown,W06000015,Cardiff,Caerdydd,3\n"
	l := readLookup(t, lookup)
	doc := &jsna.Document{Format: jsna.Format, ID: "cardiff", Title: "Cardiff",
		Area:      jsna.Area{Code: "W06000015", Name: "Cardiff"},
		Benchmark: jsna.Benchmark{Code: "W92000004", Name: "Wales"},
		Wards: []jsna.Ward{{Code: "W05001040", Name: "Riverside"}, {Code: "W05001024", Name: "Butetown"},
			{Code: "W05001030", Name: "Grangetown", NameCy: "Trelluest"}}}
	reg := "PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\nW97001,PRACTICE,W01001700,ALL,40\n"
	d, rep, err := Registrations("reg.csv", strings.NewReader(reg), l, doc, RegistrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, w := range d.Wards {
		got = append(got, w.Code+"="+w.NameCy)
	}
	if g, want := strings.Join(got, " "), "W05001040=Glan-yr-afon W05001024=Butetown W05001030=Trelluest"; g != want {
		t.Errorf("Welsh ward names = %s, want %s", g, want)
	}
	if d.Area.NameCy != "Caerdydd" {
		t.Errorf("area name_cy = %q, want Caerdydd", d.Area.NameCy)
	}
	if doc.Wards[0].NameCy != "" {
		t.Errorf("the document given was changed: ward name_cy = %q", doc.Wards[0].NameCy)
	}
	want := "Welsh names taken from the lookup (lookup.csv): 3"
	found := false
	for _, n := range rep.Notes {
		found = found || n == want
	}
	if !found {
		t.Errorf("notes = %q, want one %q", rep.Notes, want)
	}
}

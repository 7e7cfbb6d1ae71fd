package importer

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// englandShaped makes a registrations LSOA file of the full England
// publication's shape: 6,300 practices, each with patients in 64 LSOAs
// around it, a row for ALL, MALE and FEMALE each (1,209,600 rows, about 90
// MB), and a national lookup of 35,672 LSOAs in 7,000 wards; the document
// is one borough of 20 wards (wards 0–19, LSOAs 0–101).
func englandShaped(tb testing.TB) ([]byte, *WardLookup, *jsna.Document) {
	tb.Helper()
	const lsoas, wards, practices, perPractice = 35672, 7000, 6300, 64
	var lb strings.Builder
	lb.WriteString("LSOA21CD,LSOA21NM,LSOA21NMW,WD25CD,WD25NM,WD25NMW,LAD25CD,LAD25NM,LAD25NMW,ObjectId\n")
	for i := range lsoas {
		fmt.Fprintf(&lb, "E01%06d,Area %d,,E05%06d,Ward %d,,E09000099,Borough,,%d\n", 100000+i, i, 100000+i*wards/lsoas, i*wards/lsoas, i+1)
	}
	l, err := ReadWardLookup("lookup.csv", strings.NewReader(lb.String()))
	if err != nil {
		tb.Fatal(err)
	}
	doc := &jsna.Document{Format: jsna.Format, ID: "b", Title: "Borough (synthetic)", Area: jsna.Area{Code: "E09000099", Name: "Borough"},
		Benchmark: jsna.Benchmark{Code: England, Name: "England"}}
	for w := range 20 {
		doc.Wards = append(doc.Wards, jsna.Ward{Code: fmt.Sprintf("E05%06d", 100000+w), Name: fmt.Sprintf("Ward %d", w)})
	}
	var b bytes.Buffer
	b.Grow(95 << 20)
	b.WriteString("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\r\n")
	for p := range practices {
		code, name := fmt.Sprintf("%c%05d", 'A'+p%26, 10000+p), fmt.Sprintf("THE PRACTICE AT NUMBER %d HIGH STREET", p)
		first := p * (lsoas - perPractice) / practices
		for k := range perPractice {
			n := 20 + (p*7+k*13)%300
			lsoa := fmt.Sprintf("E01%06d", 100000+first+k)
			fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,01Oct2025,%s,%s,%s,ALL,%d\r\n", code, name, lsoa, n)
			fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,01Oct2025,%s,%s,%s,MALE,%d\r\n", code, name, lsoa, n/2)
			fmt.Fprintf(&b, "GP_PRAC_PAT_LIST,01Oct2025,%s,%s,%s,FEMALE,%d\r\n", code, name, lsoa, n-n/2)
		}
	}
	return b.Bytes(), l, doc
}

// BenchmarkRegistrationsEngland imports the full-England-shaped file for
// one borough (the target is under 2 s natively).
func BenchmarkRegistrationsEngland(b *testing.B) {
	data, l, doc := englandShaped(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		d, rep, err := Registrations("england.csv", bytes.NewReader(data), l, doc, RegistrationOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if rep.Rows != 6300*64*3 || len(d.Practices) == 0 {
			b.Fatalf("rows %d, practices %d", rep.Rows, len(d.Practices))
		}
	}
}

package importer

import (
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// gpFingertips is a Fingertips data CSV in the published column layout
// with Area Type "GPs" rows: an indicator for two periods, for a practice
// of the document (A81001), one that is not (A99999), England, and a ward
// and a sub-ICB row, which a practice import leaves out.
const gpFingertips = `Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note,Recent Trend,Compared to England value or percentiles,Compared to sub-ICB value or percentiles,Time period Sortable,New data,Compared to goal
241,Diabetes: QOF prevalence (17+),E38000001,NHS Test sub-ICB,E92000001,England,England,Persons,17+ yrs,,,2023/24,7.7,,,,,3615330,46951590,,,,,20230000,,
241,Diabetes: QOF prevalence (17+),E38000001,NHS Test sub-ICB,A81001,THE RIVERSIDE SURGERY,GPs,Persons,17+ yrs,,,2022/23,8.1,,,,,560,6900,,,,,20220000,,
241,Diabetes: QOF prevalence (17+),E38000001,NHS Test sub-ICB,A81001,THE RIVERSIDE SURGERY,GPs,Persons,17+ yrs,,,2023/24,8.2,7.6,8.9,,,574,7000,,,Higher,,20230000,,
241,Diabetes: QOF prevalence (17+),E38000001,NHS Test sub-ICB,A99999,ANOTHER SURGERY,GPs,Persons,17+ yrs,,,2023/24,6.0,,,,,60,1000,,,,,20230000,,
241,Diabetes: QOF prevalence (17+),E38000001,NHS Test sub-ICB,E38000001,NHS Test sub-ICB,Sub-ICB,Persons,17+ yrs,,,2023/24,7.0,,,,,7000,100000,,,,,20230000,,
`

func TestFingertipsPractices(t *testing.T) {
	doc, _, err := Registrations("reg.csv", strings.NewReader(regFile("NUMBER_OF_PATIENTS")), readLookup(t, regLookup), regDoc(t), RegistrationOptions{})
	if err != nil {
		t.Fatal(err)
	}
	d, rep, err := FingertipsPractices("gp.csv", strings.NewReader(gpFingertips), doc, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := jsna.Marshal(&jsna.Document{Format: d.Format, ID: d.ID, Title: d.Title, Area: d.Area, Benchmark: d.Benchmark, Indicators: d.Indicators, Practices: d.Practices[:1]})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "practices.golden", append(append(b, "--- report\n"...), rep.Summary(0)...))
	v := d.PracticeByID("A81001").Values
	if len(v) != 1 || *v[0].Value != 8.2 || v[0].Period != "2023/24" || *v[0].Count != 574 || rep.Practices != 1 || rep.Benchmarks != 1 {
		t.Errorf("A81001 values = %+v, report %+v", v, rep)
	}
	if rep.Skipped[SkipPractice] != 1 || rep.Skipped[SkipArea] != 1 || rep.Skipped[SkipPeriod] != 1 {
		t.Errorf("skipped = %v, want 1 practice, 1 area, 1 period", rep.Skipped)
	}

	_, _, err = FingertipsPractices("gp.csv", strings.NewReader(gpFingertips), regDoc(t), Options{})
	if want := "jsna: gp.csv: the document has no practices: import the GP registrations first (jsna import registrations), then the practice data"; err == nil || err.Error() != want {
		t.Errorf("without practices: error = %v, want %s", err, want)
	}
}

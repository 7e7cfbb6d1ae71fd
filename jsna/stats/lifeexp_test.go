package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"
)

// df1 of PHEindicatormethods' tests/testthat/testLifeExpectancy.R (also
// the example in phe_life_expectancy's documentation).
var leDeaths = []float64{17, 9, 4, 8, 20, 15, 24, 33, 50, 71, 100, 163, 263, 304, 536, 872, 1390, 1605, 1936, 1937}
var lePops = []float64{7060, 35059, 46974, 48489, 43219, 38561, 46009, 57208, 61435, 55601, 50209, 56416, 46411, 39820, 37978,
	37039, 33288, 23306, 11936, 11936}

func leBands(deaths, pops []float64) []LifeBand {
	b := make([]LifeBand, len(LifeExpectancyAges))
	for i, age := range LifeExpectancyAges {
		b[i] = LifeBand{age, deaths[i], pops[i]}
	}
	return b
}

// answer1 of testLifeExpectancy.R (10 significant digits): value,
// lowercl, uppercl at each start age, 95%.
var leAnswer = [][3]float64{
	{80.16960813, 79.88268548, 80.45653078}, {79.36245674, 79.0898816, 79.63503188}, {75.44193645, 75.17407307, 75.70979983},
	{70.47299936, 70.20675732, 70.7392414}, {65.52909542, 65.26548673, 65.79270412}, {60.67510088, 60.41876577, 60.931436},
	{55.78835987, 55.53801579, 56.03870395}, {50.92752727, 50.68279939, 51.17225516}, {46.06740425, 45.82666794, 46.30814055},
	{41.24505636, 41.00842831, 41.48168441}, {36.49322717, 36.26223216, 36.72422219}, {31.83343842, 31.60996318, 32.05691365},
	{27.26027992, 27.04337271, 27.47718713}, {22.9719144, 22.76653134, 23.17729746}, {18.76856852, 18.57570352, 18.96143352},
	{14.95858336, 14.77985004, 15.13731667}, {11.51684445, 11.34831778, 11.68537112}, {8.618849241, 8.451134045, 8.786564437},
	{6.163942934, 5.978358351, 6.349527517}, {6.16210635, 5.887683386, 6.436529314},
}

// The reference's expected limits were made with z = 1.96 (the PHE Life
// Expectancy Calculator's), and its test compares them to 4 decimals;
// LifeExpectancy uses Φ⁻¹(0.975) = 1.959963985. So the values are
// compared to 1e-9 relative, and the standard errors the reference limits
// imply, (upper − lower)/(2 × 1.96), to the 2.6e-9 that the limits'
// rounding to 10 significant digits (±5e-9 each) allows.
func TestLifeExpectancy(t *testing.T) {
	got, err := LifeExpectancy(leBands(leDeaths, lePops), 95)
	if err != nil {
		t.Fatal(err)
	}
	worst, worstSE := 0.0, 0.0
	for i, g := range got {
		worst = math.Max(worst, math.Abs(g.Value-leAnswer[i][0])/leAnswer[i][0])
		if !relClose(g.Value, leAnswer[i][0], 1e-9) {
			t.Errorf("LifeExpectancy at %v = %.10g, want %.10g", g.StartAge, g.Value, leAnswer[i][0])
		}
		wantSE := (leAnswer[i][2] - leAnswer[i][1]) / (2 * 1.96)
		worstSE = math.Max(worstSE, math.Abs(g.SE-wantSE))
		if math.Abs(g.SE-wantSE) > 2.6e-9 {
			t.Errorf("LifeExpectancy at %v: SE %.10g, want %.10g", g.StartAge, g.SE, wantSE)
		}
		if z := (g.Upper - g.Value) / g.SE; !relClose(z, 1.959963984540054, 1e-11) {
			t.Errorf("LifeExpectancy at %v: limits at %v standard errors", g.StartAge, z)
		}
	}
	t.Logf("largest relative difference in value: %.2g; in SE (absolute): %.2g", worst, worstSE)
}

func TestLifeExpectancyRules(t *testing.T) {
	neg := append([]float64(nil), leDeaths...)
	neg[3] = -5
	zeroPop := append([]float64(nil), lePops...)
	zeroPop[5] = 0
	morePops := append([]float64(nil), lePops...)
	morePops[18] = 119
	low := []float64{128, 152, 120, 176, 194, 180, 145, 149, 107, 185, 165, 109, 100, 122, 133, 189, 123, 121, 147, 138}
	lowDeaths := []float64{58, 93, 78, 94, 59, 71, 80, 73, 69, 72, 91, 69, 78, 71, 54, 91, 82, 53, 50, 84}
	tests := []struct {
		name         string
		deaths, pops []float64
		want         string
	}{
		{"negative deaths", neg, lePops, "some age bands have negative deaths"},
		{"zero population", leDeaths, zeroPop, "some age bands have a zero or less population"},
		{"deaths above population", leDeaths, morePops, "some age bands have more deaths than population"},
		{"low population", lowDeaths, low, "total population of 5,000 or less"},
	}
	for _, c := range tests {
		got, err := LifeExpectancy(leBands(c.deaths, c.pops), 0.95)
		if err != nil {
			t.Fatalf("LifeExpectancy(%s): %v", c.name, err)
		}
		for _, g := range got {
			if !math.IsNaN(g.Value) || g.Note != c.want {
				t.Errorf("LifeExpectancy(%s) at %v = %v, %q, want no value, %q", c.name, g.StartAge, g.Value, g.Note, c.want)
			}
		}
	}
	noOld := append([]float64(nil), leDeaths...)
	noOld[19] = 0
	got, _ := LifeExpectancy(leBands(noOld, lePops), 0.95)
	if !math.IsNaN(got[0].Value) {
		t.Errorf("LifeExpectancy(no deaths at 90+) = %v, want none", got[0].Value)
	}
	if _, err := LifeExpectancy(leBands(leDeaths, lePops)[:19], 0.95); err == nil {
		t.Errorf("LifeExpectancy(19 bands): no error")
	}
}

func TestWriteLifeExpectancyTable(t *testing.T) {
	var in strings.Builder
	in.WriteString("group,startage,deaths,population\n")
	// Area 1 in reverse order, with labels; area 2 without its 90+ band.
	for i := len(LifeExpectancyAges) - 1; i >= 0; i-- {
		label := formatNumber(LifeExpectancyAges[i])
		if i == 1 {
			label = "1-4"
		}
		fmt.Fprintf(&in, "Area 1,%s,%v,%v\n", label, leDeaths[i], lePops[i])
	}
	for i := 0; i < 19; i++ {
		fmt.Fprintf(&in, "Area 2,%v,%v,%v\n", LifeExpectancyAges[i], leDeaths[i], lePops[i])
	}
	var out bytes.Buffer
	if err := WriteLifeExpectancyTable(&out, strings.NewReader(in.String()), 0.95); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 1+20+19 {
		t.Fatalf("WriteLifeExpectancyTable: %d rows, %v", len(recs), err)
	}
	if recs[1][1] != "0" || recs[2][1] != "1-4" {
		t.Errorf("WriteLifeExpectancyTable: ages %q, %q, want 0, 1-4", recs[1][1], recs[2][1])
	}
	if v, _ := strconv.ParseFloat(recs[1][2], 64); !relClose(v, leAnswer[0][0], 1e-9) {
		t.Errorf("WriteLifeExpectancyTable: value at 0 = %s, want %v", recs[1][2], leAnswer[0][0])
	}
	if r := recs[21]; r[0] != "Area 2" || r[2] != "" || r[5] != "the group does not contain records for all age bands" {
		t.Errorf("WriteLifeExpectancyTable: incomplete group row %v", r)
	}
	err = WriteLifeExpectancyTable(&out, strings.NewReader("group,startage,deaths,population\na,3,1,10\n"), 0.95)
	if err == nil || !strings.Contains(err.Error(), `line 2, column startage: "3" does not start an age band`) {
		t.Errorf("WriteLifeExpectancyTable(bad age) error = %v", err)
	}
}

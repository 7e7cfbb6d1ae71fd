package stats

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
)

// ratioAxis is the Observed_events column of PHEindicatormethods'
// tests/testthat/testdata_funnel_ratio_outputs.csv: the axis
// calculate_funnel_limits builds for testdata_funnel_ratio_inputs.csv
// (expected counts from 4.293052052 to 706.7669173).
var ratioAxis = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
	31, 32, 33, 35, 37, 39, 41, 43, 45, 47, 49, 51, 53, 55, 58, 61, 64, 67, 70, 73, 76, 80, 84, 88, 92, 96, 100, 105, 110, 115,
	120, 126, 132, 138, 144, 151, 158, 165, 173, 181, 189, 198, 207, 217, 227, 238, 249, 261, 273, 286, 299, 313, 328, 343, 359,
	376, 394, 413, 432, 452, 473, 495, 518, 543, 569, 596, 624, 653, 684, 716}

// proportionAxis is the Population column of
// testdata_funnel_prop_outputs.csv (denominators from 16386 to 102950).
var proportionAxis = []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 20, 22, 24, 27, 30, 33, 37, 41, 45, 50, 55, 61,
	68, 75, 83, 92, 102, 113, 125, 139, 154, 171, 190, 211, 234, 260, 289, 321, 356, 395, 438, 486, 539, 598, 664, 737, 818, 908,
	1008, 1119, 1242, 1379, 1531, 1699, 1886, 2093, 2323, 2578, 2861, 3175, 3524, 3911, 4341, 4818, 5348, 5936, 6588, 7312, 8116,
	9008, 9998, 11097, 12316, 13669, 15171, 16838, 18688, 20742, 23022, 25552, 28360, 31477, 34936, 38775, 43036, 47766, 53016,
	58842, 65309, 72486, 80452, 89294, 99108, 110000}

func TestFunnelAxis(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
		o        FunnelOptions
		want     []float64
	}{
		{"ratio", 4.293052052, 706.7669173, FunnelOptions{Statistic: FunnelRatio}, ratioAxis},
		{"proportion", 16386, 102950, FunnelOptions{Statistic: FunnelProportion}, proportionAxis},
	}
	for _, c := range tests {
		got := FunnelAxis(c.min, c.max, 0, c.o)
		if len(got) != len(c.want) {
			t.Fatalf("FunnelAxis(%s) has %d points, want %d", c.name, len(got), len(c.want))
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("FunnelAxis(%s)[%d] = %v, want %v", c.name, i, got[i], c.want[i])
			}
		}
	}
	for _, c := range []struct{ x, want float64 }{{99999, 5}, {100000, 5}, {110000, 6}, {1e6, 5}, {1200000, 7}} {
		if got := rNchar(c.x); got != float64ToInt(c.want) {
			t.Errorf("rNchar(%v) = %d, want %v (R's nchar)", c.x, got, c.want)
		}
	}
}

func float64ToInt(x float64) int { return int(x) }

// Rows of testdata_funnel_ratio_outputs.csv (10 significant digits):
// Observed_events, lower_2s_exp_events, lower_2s_count, upper_2s_exp_events,
// upper_2s_isr, lower_3s_exp_events, upper_3s_exp_events.
var ratioRows = [][7]float64{
	{1, 5.571644585, -0.820519779, 0.025317898, 3949.774946, 9.233410143, 0.001000547},
	{2, 7.224687515, -0.723171418, 0.242209467, 825.7315569, 11.22886836, 0.04540199},
	{10, 18.39035799, -0.456236795, 4.795387629, 208.5337156, 24.13397235, 2.960519925},
	{33, 46.34427966, -0.28793801, 22.71567629, 145.2741252, 54.89565059, 18.04631223},
	{100, 121.6268111, -0.17781286, 81.36400699, 122.9044681, 134.9243187, 71.92139974},
	{716, 770.4222128, -0.070639465, 664.5083011, 107.7488421, 802.60414, 636.1521174},
}

func TestFunnelLimitsRatio(t *testing.T) {
	count := FunnelOptions{Statistic: FunnelRatio, Multiplier: 1, RatioType: RatioCount}
	isr := FunnelOptions{Statistic: FunnelRatio, Multiplier: 1, RatioType: RatioISR}
	for _, r := range ratioRows {
		c := FunnelLimitsAt(r[0], 0, count)
		i := FunnelLimitsAt(r[0], 0, isr)
		got := []float64{c.LowerExp2s, c.Lower2s, c.UpperExp2s, i.Upper2s, c.LowerExp3s, c.UpperExp3s}
		for j, g := range got {
			// The reference file has 10 significant digits, and 9
			// decimals below 1.
			if d := g - r[j+1]; !relClose(g, r[j+1], 1e-9) && (d > 1e-9 || d < -1e-9) {
				t.Errorf("FunnelLimitsAt(%v, ratio) column %d = %.10g, want %.10g", r[0], j+1, g, r[j+1])
			}
		}
	}
}

// Rows of testdata_funnel_prop_outputs.csv, rounded there to 6 decimals
// with the baseline 80.642448 (so av = 0.80642448, itself rounded):
// Population, lower_2s_limit, upper_2s_limit, lower_3s_limit,
// upper_3s_limit.
func TestFunnelLimitsProportion(t *testing.T) {
	rows := [][5]float64{
		{1, 3.204264, 100, 0, 100},
		{3, 35.933491, 100, 10.150815, 100},
		{41, 68.548635, 92.73626, 61.574398, 99.710497},
		{1008, 78.203374, 83.081521, 76.796814, 84.488082},
		{110000, 80.408963, 80.875933, 80.274317, 81.010578},
	}
	o := FunnelOptions{Statistic: FunnelProportion, Multiplier: 100}
	for _, r := range rows {
		l := FunnelLimitsAt(r[0], 0.80642448, o)
		for j, g := range []float64{l.Lower2s, l.Upper2s, l.Lower3s, l.Upper3s} {
			if d := g - r[j+1]; d > 1e-6 || d < -1e-6 {
				t.Errorf("FunnelLimitsAt(%v, proportion) column %d = %.8f, want %.6f", r[0], j+1, g, r[j+1])
			}
		}
	}
}

// Rows of testdata_funnel_rate_outputs.csv (dsr per 100,000, baseline
// 116.1720835, so av = 0.001161720835, 10 significant digits): Events,
// lower_2s_limit, upper_2s_limit, lower_3s_limit, upper_3s_limit. The
// populations per year depend on years_of_data, not in the file.
func TestFunnelLimitsRate(t *testing.T) {
	rows := [][5]float64{
		{1, 20.85059119, 4588.535848, 12.58170943, 116108.569},
		{10, 63.17010446, 242.2579623, 48.13632908, 392.4043292},
		{100, 0, 0, 0, 0},
		{1360, 110.158048, 122.6021934, 106.9073359, 126.5084525},
	}
	o := FunnelOptions{Statistic: FunnelRate, Multiplier: 100000, RateType: RateDSR, YearsOfData: 1}
	for _, r := range rows {
		if r[1] == 0 {
			continue
		}
		l := FunnelLimitsAt(r[0], 0.001161720835, o)
		for j, g := range []float64{l.Lower2s, l.Upper2s, l.Lower3s, l.Upper3s} {
			if !relClose(g, r[j+1], 1e-9) {
				t.Errorf("FunnelLimitsAt(%v, rate) column %d = %.10g, want %.10g", r[0], j+1, g, r[j+1])
			}
		}
	}
}

// Rows of testdata_funnel_prop_inputs.csv with their significance, against
// that file's average (the baseline of its outputs, 80.642448%).
func TestFunnelSignificance(t *testing.T) {
	rows := []struct {
		x, n float64
		want string
	}{
		{35078.4880000, 41980, FunnelHigh001},
		{24803.6256000, 31824, FunnelLow001},
		{50050.7443000, 61921, FunnelNotSignficant},
		{26789.2380000, 33012, FunnelHigh025},
		{30277.5312000, 37828, FunnelLow025},
		{21139.2936000, 25992, FunnelHigh025},
		{14493.3552000, 17964, FunnelNotSignficant},
	}
	o := FunnelOptions{Statistic: FunnelProportion, Multiplier: 100}
	for _, r := range rows {
		if got := FunnelSignificance(r.x, r.n, 0.80642448, o); got != r.want {
			t.Errorf("FunnelSignificance(%v, %v) = %q, want %q", r.x, r.n, got, r.want)
		}
	}
	// Ratios: 1 against CountCI(obs)/expected; rates likewise against
	// the average; DSRs of fewer than 10 events are not assessed.
	ratio := FunnelOptions{Statistic: FunnelRatio, Multiplier: 1, RatioType: RatioCount}
	for _, c := range []struct {
		obs, exp float64
		want     string
	}{{8, 6.239860227, FunnelNotSignficant}, {0, 240.6273499, FunnelLow001}, {677, 349.8165659, FunnelHigh001}, {16, 36.38844667, FunnelLow001}, {6, 4.293052052, FunnelNotSignficant}} {
		if got := FunnelSignificance(c.obs, c.exp, 0, ratio); got != c.want {
			t.Errorf("FunnelSignificance(%v, %v, ratio) = %q, want %q", c.obs, c.exp, got, c.want)
		}
	}
	dsr := FunnelOptions{Statistic: FunnelRate, Multiplier: 100000, RateType: RateDSR, YearsOfData: 1}
	if got := FunnelSignificance(9, 1000, 0.001, dsr); got != FunnelDSRFewEvents {
		t.Errorf("FunnelSignificance(9 events, dsr) = %q", got)
	}
}

func TestWriteFunnelTable(t *testing.T) {
	in := "obs_area,numerator,denominator\na,8,6.239860227\nb,893,706.7669173\nc,6,4.293052052\n"
	var out bytes.Buffer
	o := FunnelTableOptions{FunnelOptions: FunnelOptions{Statistic: FunnelRatio, Multiplier: 1, RatioType: RatioCount}}
	if err := WriteFunnelTable(&out, strings.NewReader(in), o); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 101 || strings.Join(recs[0], ",") != strings.Join(FunnelColumns(FunnelRatio), ",") {
		t.Fatalf("WriteFunnelTable(ratio): %d rows, header %v, %v", len(recs), recs[0], err)
	}
	for i, rec := range recs[1:] {
		if x, _ := strconv.ParseFloat(rec[0], 64); x != ratioAxis[i] {
			t.Errorf("WriteFunnelTable(ratio) row %d axis %s, want %v", i+1, rec[0], ratioAxis[i])
		}
	}
	if last := recs[100]; last[9] != "0" || last[10] != "ratio (count)" || last[11] != "Poisson" {
		t.Errorf("WriteFunnelTable(ratio) last row %v", last)
	}
	out.Reset()
	o.Significance = true
	if err := WriteFunnelTable(&out, strings.NewReader(in), o); err != nil {
		t.Fatal(err)
	}
	want := "obs_area,numerator,denominator,significance\na,8,6.239860227,Not significant\nb,893,706.7669173,High (0.001)\nc,6,4.293052052,Not significant\n"
	if out.String() != want {
		t.Errorf("WriteFunnelTable(significance) =\n%s\nwant\n%s", out.String(), want)
	}
	out.Reset()
	o.Axis = []float64{1, 716}
	o.Significance = false
	if err := WriteFunnelTable(&out, strings.NewReader(in), o); err != nil || strings.Count(out.String(), "\n") != 3 {
		t.Errorf("WriteFunnelTable(--axis 1,716) = %q, %v", out.String(), err)
	}
	// DSR funnels: a row of 0 events needs no rate, and rows of fewer
	// than 10 events are not assessed (assign_funnel_significance).
	out.Reset()
	dsr := FunnelTableOptions{FunnelOptions: FunnelOptions{Statistic: FunnelRate, Multiplier: 100000, RateType: RateDSR, YearsOfData: 3}, Significance: true}
	if err := WriteFunnelTable(&out, strings.NewReader("numerator,denominator,rate\n0,5000,\n9,8000,110\n40,30000,130\n"), dsr); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, "0,5000,,"+FunnelDSRFewEvents+"\n9,8000,110,"+FunnelDSRFewEvents+"\n") {
		t.Errorf("WriteFunnelTable(dsr significance) =\n%s", got)
	}
	bad := "numerator,denominator\n5,4\n"
	err = WriteFunnelTable(&out, strings.NewReader(bad), FunnelTableOptions{FunnelOptions: FunnelOptions{Statistic: FunnelProportion, Multiplier: 100}})
	if err == nil || !strings.Contains(err.Error(), "line 2, column numerator: numerators must be less than or equal to denominator") {
		t.Errorf("WriteFunnelTable(numerator above denominator) error = %v", err)
	}
}

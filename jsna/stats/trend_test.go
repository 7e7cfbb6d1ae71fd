package stats

import (
	"bytes"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func trendSeries(counts []float64, values []float64, half float64) []TrendPoint {
	var pts []TrendPoint
	for i := 0; i < 5; i++ {
		p := TrendPoint{Year: float64(2015 + i), Count: math.NaN(), Denominator: 1000, Value: math.NaN(), Lower: math.NaN(), Upper: math.NaN()}
		if counts != nil {
			p.Count = counts[i]
		} else {
			p.Value, p.Lower, p.Upper = values[i], values[i]-half, values[i]+half
		}
		pts = append(pts, p)
	}
	return pts
}

// Slopes and statistics from assign_trend_markers' formulas evaluated in
// 50-digit decimals and exact rationals (testdata/ci_reference2.py,
// trend_examples). The sums over raw years (2015², …) cancel, as in the
// reference, which costs some digits: agreement is to 1e-9 relative.
func TestRecentTrend(t *testing.T) {
	tests := []struct {
		name        string
		pts         []TrendPoint
		valueType   string
		want        string
		reason      string
		slope, chi2 float64
	}{
		{"rising proportion", trendSeries([]float64{100, 120, 140, 160, 180}, nil, 0), TrendProportion, TrendIncreasing,
			"No outliers and chi-square is bigger than 9.5495", 0.16959562640229356, 33.222591362126245},
		{"flat proportion", trendSeries([]float64{100, 102, 99, 101, 100}, nil, 0), TrendProportion, TrendNoChange,
			"chi-square is less than 9.5495", -0.00109652626124323, 0.0011071764520397733},
		{"rising values", trendSeries(nil, []float64{10, 11, 12, 13, 14}, 1), TrendOther, TrendIncreasing,
			"No outliers and chi-square is bigger than 9.5495", 1, 38.414588206941261},
		{"one outlier", trendSeries(nil, []float64{30, 4, 5, 6, 7}, 0.5), TrendOther, TrendNoChange,
			"Outlier found", -4.4, 2974.8257107455311},
	}
	for _, c := range tests {
		got := RecentTrend(c.pts, c.valueType)
		if got.Trend != c.want || got.Reason != c.reason || !relClose(got.Slope, c.slope, 1e-9) || !relClose(got.Chi2, c.chi2, 1e-9) {
			t.Errorf("RecentTrend(%s) = %+v, want %s (%s), slope %v, χ² %v", c.name, got, c.want, c.reason, c.slope, c.chi2)
		}
	}
	if got := RecentTrend(trendSeries(nil, []float64{1, 2, 3, 4, 5}, 1)[:4], TrendOther); got.Trend != TrendCannot || got.Reason != "Not enough data points" {
		t.Errorf("RecentTrend(4 points) = %+v", got)
	}
	if got := TrendDirection(TrendDecreasing, LowerIsBetter); got != "Decreasing and getting better" {
		t.Errorf("TrendDirection(decreasing, lower is better) = %q", got)
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in          string
		year, years float64
	}{{"2019", 2019, 1}, {"2019/20", 2019, 1}, {"2019-20", 2019, 1}, {"2017 - 19", 2017, 3}, {"2015-2019", 2015, 5}, {"1999/00", 1999, 1}}
	for _, c := range tests {
		y, n, err := ParsePeriod(c.in)
		if err != nil || y != c.year || n != c.years {
			t.Errorf("ParsePeriod(%q) = %v, %v, %v, want %v, %v", c.in, y, n, err, c.year, c.years)
		}
	}
	for _, bad := range []string{"2019 Q1", "Jan 2019", "2019-18"} {
		if _, _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q): no error", bad)
		}
	}
}

func TestWriteTrendTable(t *testing.T) {
	in := "group,period,count,denominator,polarity\n" +
		"a,2019,180,1000,lower-is-better\na,2015,100,1000,lower-is-better\na,2016,120,1000,lower-is-better\na,2017,140,1000,lower-is-better\na,2018,160,1000,lower-is-better\n" +
		"b,2014 - 16,100,1000,\nb,2015 - 17,100,1000,\nb,2016 - 18,100,1000,\nb,2017 - 19,100,1000,\nb,2018 - 20,100,1000,\n" +
		"c,2013,100,1000,\nc,2014,100,1000,\nc,2016,100,1000,\nc,2017,100,1000,\nc,2018,100,1000,\n" +
		"d,2019,1,10,\n"
	var out bytes.Buffer
	if err := WriteTrendTable(&out, strings.NewReader(in), TrendProportion); err != nil {
		t.Fatal(err)
	}
	want := "group,period,count,denominator,polarity,trend,reason,slope\n" +
		"a,2015,100,1000,lower-is-better,,,\na,2016,120,1000,lower-is-better,,,\na,2017,140,1000,lower-is-better,,,\na,2018,160,1000,lower-is-better,,,\n" +
		"a,2019,180,1000,lower-is-better,Increasing and getting worse,No outliers and chi-square is bigger than 9.5495,0.16959562640229356\n" +
		"b,2014 - 16,100,1000,,,,\nb,2015 - 17,100,1000,,,,\nb,2016 - 18,100,1000,,,,\nb,2017 - 19,100,1000,,,,\n" +
		"b,2018 - 20,100,1000,,Cannot be calculated,\"period 2014 - 16 is pooled over 3 years: trends need annual, non-overlapping periods\",\n" +
		"c,2013,100,1000,,,,\nc,2014,100,1000,,,,\nc,2016,100,1000,,,,\nc,2017,100,1000,,,,\n" +
		"c,2018,100,1000,,Cannot be calculated,break in the series between 2014 and 2016,\n" +
		"d,2019,1,10,,Cannot be calculated,Not enough data points,\n"
	if !sameCSV(out.String(), want) {
		t.Errorf("WriteTrendTable =\n%s\nwant\n%s", out.String(), want)
	}
}

// TestPeriodPartsIsItsRegexp checks periodParts against the regular
// expression it replaces, on periods and their variants with a byte
// changed or dropped.
func TestPeriodPartsIsItsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^(\d{4})(?:\s*([/-])\s*(\d{2}|\d{4}))?$`)
	seeds := []string{"", "2019", "201", "20190", "2019/20", "2019 / 2020", "2019\t-\r20", "2019-20", "2017 - 19", "2015-2019",
		"2019/2", "2019/", "/2019", "2019//20", "2019 20", "20 19", "2019/20 ", " 2019", "2019/202", "Q1 2019", "2019\v/20", "2020/21 - 22/23"}
	var inputs []string
	for _, s := range seeds {
		inputs = append(inputs, s)
		for i := range len(s) {
			for _, c := range []byte{'0', '9', 'a', ' ', '\t', '/', '-'} {
				inputs = append(inputs, s[:i]+string(c)+s[i+1:])
			}
			inputs = append(inputs, s[:i]+s[i+1:])
		}
	}
	for _, s := range inputs {
		if got, want := periodParts(s), re.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Errorf("periodParts(%q) = %q, the regular expression says %q", s, got, want)
		}
	}
}

package stats

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Recent trend markers, as Fingertips shows them.
const (
	TrendIncreasing = "Increasing"
	TrendDecreasing = "Decreasing"
	TrendNoChange   = "No significant change"
	TrendCannot     = "Cannot be calculated"
)

// TrendCritical is the critical value of the trend statistic: the
// chi-squared distribution's (1 df) 99.8% point, 9.5495 as Fingertips
// states it.
const TrendCritical = 9.5495

// Value types of a trend.
const (
	TrendProportion = "proportion" // chi-squared test for trend on counts and denominators
	TrendOther      = "other"      // weighted regression on values and 95% limits
)

// TrendPoint is one period of a trend: for a proportion its count and
// denominator, otherwise its value and 95% limits.
type TrendPoint struct {
	Year                float64 // the period's (first) year
	Count, Denominator  float64
	Value, Lower, Upper float64
}

// Trend is a recent trend marker.
type Trend struct {
	Trend  string  // TrendIncreasing, TrendDecreasing, TrendNoChange or TrendCannot
	Reason string  // why, in the reference's words
	Slope  float64 // the regression slope per year (proportions: of the logit); NaN when not calculated
	Chi2   float64 // the test statistic; NaN when not calculated
}

// trendStat returns the slope and the test statistic of a series, as
// PHEindicatormethods' assign_trend_markers computes them: for
// proportions, the least-squares slope of logit(count/denominator) on the
// year and the chi-squared statistic for trend in proportions (Armitage
// 1955), with D, C the sums of denominators and counts,
//
//	χ² = D(D·Σcₜt − C·Σdₜt)² / (C(D − C)(D·Σdₜt² − (Σdₜt)²));
//
// otherwise the weighted least-squares slope of value on year with
// weights 1/σ², σ = (upper − lower)/(2·Φ⁻¹(0.975)), and χ² = β²/var(β),
// var(β) = Σw / (Σw·Σwt² − (Σwt)²).
func trendStat(points []TrendPoint, valueType string) (beta, chi2 float64) {
	n := float64(len(points))
	if valueType == TrendProportion {
		var sl, slt, st, st2, d, ct, c, dt, dt2 float64
		for _, p := range points {
			l := math.Log(p.Count / p.Denominator / (1 - p.Count/p.Denominator))
			sl += l
			slt += l * p.Year
			st += p.Year
			st2 += p.Year * p.Year
			d += p.Denominator
			ct += p.Count * p.Year
			c += p.Count
			dt += p.Denominator * p.Year
			dt2 += p.Denominator * p.Year * p.Year
		}
		beta = (n*slt - sl*st) / (n*st2 - st*st)
		chi2 = d * math.Pow(d*ct-c*dt, 2) / (c * (d - c) * (d*dt2 - dt*dt))
		return beta, chi2
	}
	z2 := 2 * normalQuantile(0.975)
	var sw, swvt, swt, swv, swt2 float64
	for _, p := range points {
		w := 1 / math.Pow((p.Upper-p.Lower)/z2, 2)
		sw += w
		swvt += w * p.Value * p.Year
		swt += w * p.Year
		swv += w * p.Value
		swt2 += w * p.Year * p.Year
	}
	den := sw*swt2 - swt*swt
	beta = (sw*swvt - swt*swv) / den
	return beta, beta * beta / (sw / den)
}

// RecentTrend returns the Fingertips recent trend marker of a series of
// annual, consecutive points (the caller checks the periods, see
// ParsePeriod), over its last five points, as assign_trend_markers does:
// fewer than five points, or a missing value among the five, cannot be
// calculated; a statistic (trendStat) above TrendCritical is a trend in
// the slope's direction unless leaving out any one of the five points
// turns the slope's sign ("No significant change", outlier found).
// Missing cells are NaN.
func RecentTrend(points []TrendPoint, valueType string) Trend {
	nan := math.NaN()
	if len(points) < 5 {
		return Trend{TrendCannot, "Not enough data points", nan, nan}
	}
	last := points[len(points)-5:]
	for _, p := range last {
		missing := math.IsNaN(p.Value) || math.IsNaN(p.Lower) || math.IsNaN(p.Upper)
		if valueType == TrendProportion {
			missing = math.IsNaN(p.Count) || math.IsNaN(p.Denominator)
		}
		if missing {
			return Trend{TrendCannot, "Missing values", nan, nan}
		}
	}
	beta, chi2 := trendStat(last, valueType)
	if !(chi2 > TrendCritical) {
		return Trend{TrendNoChange, "chi-square is less than 9.5495", beta, chi2}
	}
	var buf [4]TrendPoint // the last five but one, without an allocation per point left out
	for j := range last {
		sub := append(append(buf[:0], last[:j]...), last[j+1:]...)
		if b, _ := trendStat(sub, valueType); sign(b) != sign(beta) {
			return Trend{TrendNoChange, "Outlier found", beta, chi2}
		}
	}
	t := TrendIncreasing
	if beta < 0 {
		t = TrendDecreasing
	}
	return Trend{t, "No outliers and chi-square is bigger than 9.5495", beta, chi2}
}

func sign(x float64) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// TrendDirection adds the polarity's judgement to a trend: "Increasing and
// getting better" for a higher-is-better indicator, "… getting worse" for
// a lower-is-better one; other trends and polarities are unchanged.
func TrendDirection(trend, polarity string) string {
	if trend != TrendIncreasing && trend != TrendDecreasing {
		return trend
	}
	better := (trend == TrendIncreasing) == (polarity == HigherIsBetter)
	switch polarity {
	case HigherIsBetter, LowerIsBetter:
		if better {
			return trend + " and getting better"
		}
		return trend + " and getting worse"
	}
	return trend
}

// periodRE matches the periods of Fingertips' time series: a calendar
// year (2019), a financial or academic year (2019/20, 2019-20), or a
// pooled period of several years (2017 - 19, 2015-2019).
var periodRE = regexp.MustCompile(`^(\d{4})(?:\s*([/-])\s*(\d{2}|\d{4}))?$`)

// ParsePeriod reads a time period and returns its first year and its
// length in years: 2019 and 2019/20 are one year long, "2017 - 19" three.
// Quarters, months and other forms are an error: trends are tested on
// annual data only.
func ParsePeriod(s string) (year, years float64, err error) {
	m := periodRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, 0, fmt.Errorf("jsna: period %q is not a year (2019), a financial year (2019/20) or a pooled period (2017 - 19)", s)
	}
	y, _ := strconv.Atoi(m[1])
	if m[3] == "" {
		return float64(y), 1, nil
	}
	end, _ := strconv.Atoi(m[3])
	if len(m[3]) == 2 {
		end += y / 100 * 100
		if end < y {
			end += 100
		}
	}
	if end <= y || end-y > 20 {
		return 0, 0, fmt.Errorf("jsna: period %q ends before it starts", s)
	}
	if m[2] == "/" && end == y+1 {
		return float64(y), 1, nil // a financial or academic year
	}
	if m[2] == "-" && end == y+1 && len(m[3]) == 2 {
		return float64(y), 1, nil // 2019-20, a financial year
	}
	return float64(y), float64(end - y + 1), nil
}

package score

import (
	"math"
	"slices"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// Why a ward's series has no recent trend marker (TrendMarker.NoMarker).
// Fingertips calculates the marker on the last five points of a series of
// annual, consecutive, non-overlapping periods only.
const (
	NoMarkerPeriod  = "period"  // a period that is not a year, a financial year or a pooled period of years
	NoMarkerPooled  = "pooled"  // pooled periods of several years, which overlap
	NoMarkerTooFew  = "too-few" // fewer than five periods
	NoMarkerGaps    = "gaps"    // the last five periods are not consecutive years
	NoMarkerMissing = "missing" // a value (or, for a proportion, its count or denominator) is missing among the last five
)

// TrendPoints is how many periods the recent trend is calculated over.
const TrendPoints = 5

// TrendMarker is a ward's series of one indicator and its recent trend.
type TrendMarker struct {
	Periods int `json:"periods"` // values in the series
	// Marker is the Fingertips recent trend (stats.TrendIncreasing,
	// TrendDecreasing, TrendNoChange), empty when it cannot be
	// calculated, and NoMarker then says why (NoMarker...).
	Marker   string `json:"marker,omitempty"`
	NoMarker string `json:"no_marker,omitempty"`
	// Direction is the marker with the polarity's judgement
	// ("Increasing and getting worse", stats.TrendDirection);
	// Worsening is true when it is getting worse.
	Direction string  `json:"direction,omitempty"`
	Worsening bool    `json:"worsening,omitempty"`
	Chi2      float64 `json:"chi2,omitempty"`
}

// RecentTrend returns the recent trend of w's series of ind (jsna.Series),
// by Fingertips' method (stats.RecentTrend) where its criteria allow one:
// every period annual (no pooled periods), at least five, the last five
// consecutive, none of their values missing. A proportion with counts and
// denominators for all five is tested by the chi-squared test for trend,
// anything else by the weighted regression on values and 95% limits.
func RecentTrend(w *jsna.Ward, ind *jsna.Indicator) TrendMarker {
	sc := trendScratch{periods: make(jsna.Periods)}
	return sc.recentTrend(jsna.Series(w, ind), ind)
}

// trendScratch is the memory wardTrends reuses from one series to the
// next: each indicator's values in the ward, the years and the points.
type trendScratch struct {
	periods jsna.Periods // the spans of the periods read
	text    *scoreText   // where wardTrends keeps the trends
	series  [][]*jsna.Value
	years   []float64
	points  []stats.TrendPoint
}

// recentTrend is RecentTrend of series, the ward's values of ind earliest
// first (jsna.Series).
func (sc *trendScratch) recentTrend(series []*jsna.Value, ind *jsna.Indicator) TrendMarker {
	t := TrendMarker{Periods: len(series)}
	years := slices.Grow(sc.years[:0], len(series))[:len(series)]
	sc.years = years
	for i, v := range series {
		start, end, ok := sc.periods.Span(jsna.ValuePeriod(v, ind))
		switch {
		case !ok:
			t.NoMarker = NoMarkerPeriod
			return t
		case end-start > 1:
			t.NoMarker = NoMarkerPooled
			return t
		}
		years[i] = math.Floor(start)
	}
	if len(series) < TrendPoints {
		t.NoMarker = NoMarkerTooFew
		return t
	}
	last := series[len(series)-TrendPoints:]
	lastYears := years[len(years)-TrendPoints:]
	for i := 1; i < len(lastYears); i++ {
		if lastYears[i] != lastYears[i-1]+1 {
			t.NoMarker = NoMarkerGaps
			return t
		}
	}
	sc.points = trendPoints(sc.points[:0], last, lastYears)
	r := stats.RecentTrend(sc.points, trendType(ind, last))
	if r.Trend == stats.TrendCannot {
		t.NoMarker = NoMarkerMissing
		return t
	}
	t.Marker, t.Chi2 = r.Trend, r.Chi2
	t.Direction = stats.TrendDirection(r.Trend, ind.Polarity)
	t.Worsening = r.Trend == stats.TrendIncreasing && ind.Polarity == jsna.LowerIsBetter ||
		r.Trend == stats.TrendDecreasing && ind.Polarity == jsna.HigherIsBetter
	return t
}

// trendType is stats.TrendProportion for a proportion whose values all
// have a count and a denominator, stats.TrendOther otherwise.
func trendType(ind *jsna.Indicator, vs []*jsna.Value) string {
	if ind.Method != jsna.MethodProportion {
		return stats.TrendOther
	}
	for _, v := range vs {
		if v.Count == nil || v.Denominator == nil {
			return stats.TrendOther
		}
	}
	return stats.TrendProportion
}

// trendPoints appends to out the points of vs in years.
func trendPoints(out []stats.TrendPoint, vs []*jsna.Value, years []float64) []stats.TrendPoint {
	num := func(p *float64) float64 {
		if p == nil {
			return math.NaN()
		}
		return *p
	}
	for i, v := range vs {
		out = append(out, stats.TrendPoint{Year: years[i], Count: num(v.Count), Denominator: num(v.Denominator),
			Value: num(v.Value), Lower: num(v.Lower), Upper: num(v.Upper)})
	}
	return out
}

// newTrendScratch is the scratch space of wardTrends for d's wards,
// keeping their trends in t, with room for series of them; periods holds
// the spans of the periods read (one map to each goroutine).
func newTrendScratch(d *jsna.Document, t *scoreText, periods jsna.Periods, series int) *trendScratch {
	t.trends = make([]TrendMarker, 0, series)
	return &trendScratch{periods: periods, text: t, series: make([][]*jsna.Value, len(d.Indicators))}
}

// wardTrends sets the Trend of every value of ward wi, scored in ws, of
// an indicator the ward has more than one value of. Wards with one value
// per indicator (most files) cost nothing more than locate's count; in
// the others each series is gathered in one pass over the indicators of
// the ward's values, which locate found. The trends are kept in sc.text
// in the order of the wards and of the indicators.
func (sc *trendScratch) wardTrends(ws *WardScore, d *jsna.Document, loc *located, wi int) {
	if !loc.multi[wi] {
		return
	}
	nInd := len(d.Indicators)
	w := &d.Wards[wi]
	periods := loc.periods[wi*nInd : (wi+1)*nInd]
	for i := range sc.series {
		sc.series[i] = sc.series[i][:0]
	}
	for vi, i := range loc.of[loc.start[wi]:loc.start[wi+1]] {
		if i >= 0 && periods[i] > 1 {
			sc.series[i] = append(sc.series[i], &w.Values[vi])
		}
	}
	for i, n := range periods {
		if n > 1 {
			series := sc.series[i]
			sc.periods.SortSeries(series, &d.Indicators[i])
			sc.text.trends = append(sc.text.trends, sc.recentTrend(series, &d.Indicators[i]))
			ws.Values[i].trend = int32(len(sc.text.trends))
		}
	}
}

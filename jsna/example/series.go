package example

import (
	"math"
	"math/rand/v2"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// earlierPeriods are the synthetic earlier periods some example
// indicators have (a time series), oldest first: unemployment in four
// earlier financial years, so that its five annual periods get a recent
// trend marker; child poverty in two (too few for one); and emergency
// admissions and all-cause deaths in two earlier pooled periods, which
// overlap and so never get one (Fingertips' criteria).
var earlierPeriods = map[string][]string{
	"93097": {"2017/18", "2018/19", "2019/20", "2020/21"},
	"93701": {"2019/20", "2020/21"},
	"93227": {"2014/15 - 18/19", "2015/16 - 19/20"},
	"93250": {"2014 - 18", "2015 - 19"},
}

// addEarlierPeriods gives ward w (index wi) its earlier periods of the
// indicators of earlierPeriods, drawn from a generator of their own so
// that every other figure of the example is what it was without them.
// Each ward drifts at its own rate per year, more deprived wards tending
// to get worse, and each earlier value is the current one drifted back,
// with sampling noise, computed by the indicator's method like the rest.
func addEarlierPeriods(w *jsna.Ward, wi int, seed uint64, table []exampleIndicator, z float64) {
	rng := rand.New(rand.NewPCG(seed, 0x5345524945530000+uint64(wi))) // "SERIES"
	drift := 0.06*z + 0.04*rng.NormFloat64()                          // log-odds or log-rate per year
	current := len(w.Values)
	for i := range current {
		cur := w.Values[i]
		periods := earlierPeriods[cur.Indicator]
		if len(periods) == 0 || i >= len(table) || table[i].id != cur.Indicator {
			continue
		}
		t := table[i]
		for k, p := range periods {
			back := float64(len(periods) - k) // years (or pooled steps) before the current period
			v := earlierValue(rng, t, cur, -drift*back)
			v.Period = p
			w.Values = append(w.Values, v)
		}
	}
}

// earlierValue is a value of t like cur, the current one, moved by shift
// on the log-odds (proportions) or log scale (rates and ratios), with
// sampling noise on the count.
func earlierValue(rng *rand.Rand, t exampleIndicator, cur jsna.Value, shift float64) jsna.Value {
	v := jsna.Value{Indicator: t.id}
	den := *cur.Denominator
	count := *cur.Count
	switch t.method {
	case jsna.MethodProportion:
		p := math.Min(0.999, math.Max(0.001, count/den))
		p = 1 / (1 + math.Exp(-(math.Log(p/(1-p)) + shift)))
		count = math.Min(den, math.Max(0, math.Round(den*p+math.Sqrt(den*p*(1-p))*rng.NormFloat64())))
		v.Count, v.Denominator = &count, &den
		v.Value = f(count / den * t.multiplier)
		v.Lower, v.Upper = exampleCI(stats.ProportionCI(count, den, stats.Level95, t.multiplier))
		v.Lower998, v.Upper998 = exampleCI(stats.ProportionCI(count, den, stats.Level998, t.multiplier))
	case jsna.MethodRate, jsna.MethodISR:
		mean := math.Max(count, 0.5) * math.Exp(shift)
		count = math.Max(0, math.Round(mean+math.Sqrt(mean)*rng.NormFloat64()))
		v.Count, v.Denominator = &count, &den
		ci, mult := stats.RateCI, t.multiplier
		if t.method == jsna.MethodISR {
			ci, mult = stats.RatioCI, 100
		}
		v.Value = f(count / den * mult)
		v.Lower, v.Upper = exampleCI(ci(count, den, stats.Level95, mult))
		v.Lower998, v.Upper998 = exampleCI(ci(count, den, stats.Level998, mult))
	}
	return v
}

package jsna

import (
	"fmt"

	"github.com/wardwise/wardwise/jsna/stats"
)

// EffectiveMultiplier is the indicator's multiplier, or the method's
// DefaultMultiplier when the document gives none.
func (ind Indicator) EffectiveMultiplier() float64 {
	if ind.Multiplier > 0 {
		return ind.Multiplier
	}
	return stats.DefaultMultiplier(ind.Method)
}

// CI computes a value and its interval from a count and denominator by the
// indicator's method: ProportionCI for proportions, RateCI for rates,
// RatioCI for ratios (the denominator being the expected count), and for
// counts CountCI (the denominator is not used). DSRs and means need their
// age bands or individual values, and "other" indicators bring their own
// intervals, so for those CI returns an error.
func (ind Indicator) CI(count, denominator, confidence float64) (stats.Interval, error) {
	m := ind.EffectiveMultiplier()
	switch ind.Method {
	case MethodProportion:
		return stats.ProportionCI(count, denominator, confidence, m)
	case MethodRate:
		return stats.RateCI(count, denominator, confidence, m)
	case MethodISR:
		return stats.RatioCI(count, denominator, confidence, m)
	case MethodCount:
		lo, hi, err := stats.CountCI(count, confidence)
		return stats.Interval{Value: count, Lower: lo, Upper: hi}, err
	}
	return stats.Interval{}, fmt.Errorf("jsna: indicator %q: the %s method needs more than a count and denominator to compute an interval", ind.ID, ind.Method)
}

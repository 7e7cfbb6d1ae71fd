package stats

import (
	"fmt"
	"math"
	"strconv"
)

// This file holds the funnel plot control limits of the Fingertips
// technical guidance ("Funnel plots", PHE/OHID) as PHEindicatormethods
// computes them (calculate_funnel_limits, assign_funnel_significance).
// The limits are the values at which a point's 95% (2s, p = 0.025 each
// side) or 99.8% (3s, p = 0.001) interval just touches the baseline.

// Funnel statistics and the kinds of ratio and rate, as
// calculate_funnel_limits names them.
const (
	FunnelProportion = "proportion"
	FunnelRatio      = "ratio"
	FunnelRate       = "rate"
	RatioCount       = "count" // the ratio's limits minus 1 (baseline 0)
	RatioISR         = "isr"   // the ratio's limits × 100 (baseline 100)
	RateDSR          = "dsr"
	RateCrude        = "crude"
)

// Significance labels of assign_funnel_significance, and the label for a
// DSR of fewer than 10 events.
const (
	FunnelHigh001       = "High (0.001)"
	FunnelHigh025       = "High (0.025)"
	FunnelLow001        = "Low (0.001)"
	FunnelLow025        = "Low (0.025)"
	FunnelNotSignficant = "Not significant"
	FunnelDSRFewEvents  = "Not applicable for events less than 10 for dsrs"
)

// ProportionFunnelLimit is the proportion (× multiplier) at which a
// sample of the given population has the Wilson interval of two-sided
// probability 2(1 − p) with one end on the average proportion: the
// closed-form inversion of Wilson's score interval used by
// calculate_funnel_limits and assign_funnel_significance (its
// sigma_adjustment), with z = Φ⁻¹(p). high selects the upper limit.
func ProportionFunnelLimit(p, population, average float64, high bool, multiplier float64) float64 {
	z2 := math.Pow(normalQuantile(p), 2)
	first := average * (population/z2 + 1)
	adj := math.Sqrt(math.Pow(-8*average*(population/z2+1), 2) -
		64*(1/z2+1/population)*average*(population*(average*(population/z2+2)-1)+z2*(average-1)))
	last := 1/z2 + 1/population
	v := (first - adj/8) / last
	if high {
		v = (first + adj/8) / last
	}
	return v / population * multiplier
}

// poissonRange is P(a ≤ X ≤ b) for X ~ Poisson(mean), summed term by term
// from 0 until past the mean and until a term is below 1e-10 of the total,
// rescaling to avoid overflow: the method of the Fingertips funnel plot
// macro that PHEindicatormethods follows (its poisson_cis), so that the
// limits found by bisection on it agree with the reference's.
func poissonRange(mean, a, b float64) float64 {
	q, tot, s := 1.0, 0.0, 0.0
	for k := 0.0; k <= mean || q > tot*1e-10; k++ {
		tot += q
		if k >= a && k <= b {
			s += q
		}
		if tot > 1e30 {
			s /= 1e30
			tot /= 1e30
			q /= 1e30
		}
		q *= mean / (k + 1)
	}
	return s / tot
}

// PoissonFunnel returns the Poisson mean at which observing obs events is
// at the tail probability p: with high, the mean μ with P(X ≤ obs) = p
// (so obs is p-significantly low against larger means); otherwise the mean
// with P(X ≥ obs) = p. It bisects v in (0, 1) with μ = (1 + obs)·v/(1 − v)
// until the step is at most 1e-7, as the Fingertips macro and
// PHEindicatormethods' poisson_funnel do; the result is therefore that
// method's approximation (within about 1e-7 relative of the exact
// Poisson limit), not the exact limit.
func PoissonFunnel(obs, p float64, high bool) float64 {
	v, dv := 0.5, 0.5
	for dv > 1e-7 {
		dv /= 2
		mean := (1 + obs) * v / (1 - v)
		var tooFar bool
		if high {
			tooFar = poissonRange(mean, 0, obs) < p
		} else {
			tooFar = poissonRange(mean, obs, 1e10) > p
		}
		if tooFar {
			v -= dv
		} else {
			v += dv
		}
	}
	return (1 + obs) * v / (1 - v)
}

// FunnelLimits is one point of a funnel plot's control limits.
type FunnelLimits struct {
	// Axis is the population (proportion), observed events (ratio) or
	// events (rate) at which the limits are drawn.
	Axis float64
	// LowerExp2s … are the ratio's expected events, or the rate's
	// population for one year, at which each limit is reached.
	LowerExp2s, UpperExp2s, LowerExp3s, UpperExp3s float64
	Lower2s, Upper2s, Lower3s, Upper3s             float64
	Baseline                                       float64
}

// FunnelOptions are calculate_funnel_limits' arguments beyond the data.
type FunnelOptions struct {
	Statistic   string  // FunnelProportion, FunnelRatio or FunnelRate
	Multiplier  float64 // required, as the reference requires it
	RatioType   string  // RatioCount or RatioISR, for ratios
	RateType    string  // RateDSR or RateCrude, for rates
	YearsOfData float64 // for rates
}

// Check reports an option calculate_funnel_limits would refuse: a
// missing multiplier, ratio type, rate type or years of data.
func (o FunnelOptions) Check() error {
	if o.Multiplier <= 0 || math.IsNaN(o.Multiplier) || math.IsInf(o.Multiplier, 0) {
		return fmt.Errorf("jsna: funnel: a multiplier above zero is required")
	}
	switch o.Statistic {
	case FunnelProportion:
	case FunnelRatio:
		if o.RatioType != RatioCount && o.RatioType != RatioISR {
			return fmt.Errorf("jsna: funnel: ratio type must be count or isr, not %q", o.RatioType)
		}
	case FunnelRate:
		if o.RateType != RateDSR && o.RateType != RateCrude {
			return fmt.Errorf("jsna: funnel: rate type must be dsr or crude, not %q", o.RateType)
		}
		if !(o.YearsOfData > 0) {
			return fmt.Errorf("jsna: funnel: years of data above zero are required for rates")
		}
	default:
		return fmt.Errorf("jsna: funnel: statistic must be proportion, ratio or rate, not %q", o.Statistic)
	}
	return nil
}

// rNchar is R's nchar of a whole number as as.character writes it: fixed
// notation unless scientific is shorter (100000 is "1e+05").
func rNchar(x float64) int {
	fixed := len(strconv.FormatFloat(x, 'f', 0, 64))
	if x < 1e5 {
		return fixed
	}
	mant := strconv.FormatFloat(x, 'e', -1, 64) // e.g. 1.1e+05
	if len(mant) < fixed {
		return len(mant)
	}
	return fixed
}

// signifFloor and signifCeiling round an axis end down (after × 0.95) or
// up (after × 1.05) to a round number, as calculate_funnel_limits does.
func signifFloor(x float64) float64 {
	if x == 0 {
		return 0
	}
	n := float64(rNchar(math.Floor(x*0.95)) - 1)
	return math.Floor(x*0.95/math.Pow(10, n)) * math.Pow(10, n)
}

func signifCeiling(x float64) float64 {
	if x == 0 {
		return 0
	}
	n := float64(rNchar(math.Ceil(x*1.05)) - 2)
	return math.Ceil(x*1.05/math.Pow(10, n)) * math.Pow(10, n)
}

// FunnelAxis returns the 100 axis points calculate_funnel_limits draws
// its limits at, from the smallest and largest denominator (for rates,
// the derived denominators) and the average av (used by rates to turn
// populations into events): from 0 when the largest is more than twice
// the smallest, else a round number below the smallest, up to a round
// number above the largest, spaced geometrically and at least 1 apart.
func FunnelAxis(minDen, maxDen, av float64, o FunnelOptions) []float64 {
	years := 1.0
	if o.Statistic == FunnelRate {
		years = o.YearsOfData
	}
	lo := 0.0
	if !(maxDen > 2*minDen) {
		lo = signifFloor(minDen/years) * years
	}
	hi := signifCeiling(maxDen/years) * years
	if o.Statistic == FunnelRate {
		lo = math.Floor(lo * av)
		hi = math.Ceil(hi * av)
	}
	axis := []float64{math.Max(1, lo)}
	for j := 2; j <= 100; j++ {
		offset := float64(j)
		if o.Statistic == FunnelRatio {
			offset = float64(j - 1)
		}
		prev := axis[j-2]
		next := math.RoundToEven(math.Pow(hi/prev, 1/(101-offset)) * prev)
		axis = append(axis, math.Max(next, prev+1))
	}
	return axis
}

// FunnelLimitsAt returns the control limits at one axis point, with av
// the average (proportion: Σ numerator / Σ denominator; rate: Σ events /
// Σ derived denominator; unused for ratios). As in the reference,
// proportion limits are kept within 0 and 100 (whatever the
// multiplier); ratio limits are obs/expected, minus 1 for RatioCount and
// × 100 for RatioISR; rate limits are per multiplier and the populations
// per year. Baseline is av × multiplier (ratios: 0 for counts and 100
// for ISRs, a Wardwise addition: the reference gives no ratio baseline).
func FunnelLimitsAt(x, av float64, o FunnelOptions) FunnelLimits {
	l := FunnelLimits{Axis: x}
	switch o.Statistic {
	case FunnelProportion:
		l.Lower2s = math.Max(0, ProportionFunnelLimit(0.975, x, av, false, o.Multiplier))
		l.Upper2s = math.Min(100, ProportionFunnelLimit(0.975, x, av, true, o.Multiplier))
		l.Lower3s = math.Max(0, ProportionFunnelLimit(0.999, x, av, false, o.Multiplier))
		l.Upper3s = math.Min(100, ProportionFunnelLimit(0.999, x, av, true, o.Multiplier))
		l.Baseline = av * o.Multiplier
	case FunnelRatio, FunnelRate:
		l.LowerExp2s = PoissonFunnel(x, 0.025, true)
		l.UpperExp2s = PoissonFunnel(x, 0.025, false)
		l.LowerExp3s = PoissonFunnel(x, 0.001, true)
		l.UpperExp3s = PoissonFunnel(x, 0.001, false)
		exps := []*float64{&l.LowerExp2s, &l.UpperExp2s, &l.LowerExp3s, &l.UpperExp3s}
		lims := []*float64{&l.Lower2s, &l.Upper2s, &l.Lower3s, &l.Upper3s}
		for i, e := range exps {
			if o.Statistic == FunnelRatio {
				*lims[i] = x / *e
				if o.RatioType == RatioCount {
					*lims[i]--
				} else {
					*lims[i] *= 100
				}
				continue
			}
			pop := *e / av
			*lims[i] = x / pop * o.Multiplier
			*e = pop / o.YearsOfData
		}
		switch {
		case o.Statistic == FunnelRate:
			l.Baseline = av * o.Multiplier
		case o.RatioType == RatioISR:
			l.Baseline = 100
		}
	}
	return l
}

// FunnelSignificance is assign_funnel_significance for one point, against
// the average av: for proportions, x/n against ProportionFunnelLimit at
// 99.8% and 95%; for ratios, 1 against the observed count's interval
// (Byar's, exact below 10: CountCI) over the expected count; for rates, av
// against the events' interval over the derived denominator n, and for a
// DSR of fewer than 10 events FunnelDSRFewEvents. The first that applies
// of Low (0.001), Low (0.025), High (0.001), High (0.025) (proportions;
// ratios and rates test High first), else Not significant.
func FunnelSignificance(x, n, av float64, o FunnelOptions) string {
	switch o.Statistic {
	case FunnelProportion:
		v := x / n
		switch {
		case v < ProportionFunnelLimit(0.999, n, av, false, 1):
			return FunnelLow001
		case v < ProportionFunnelLimit(0.975, n, av, false, 1):
			return FunnelLow025
		case v > ProportionFunnelLimit(0.999, n, av, true, 1):
			return FunnelHigh001
		case v > ProportionFunnelLimit(0.975, n, av, true, 1):
			return FunnelHigh025
		}
		return FunnelNotSignficant
	}
	if o.Statistic == FunnelRate && o.RateType == RateDSR && x < 10 {
		return FunnelDSRFewEvents
	}
	target := 1.0
	if o.Statistic == FunnelRate {
		target = av
	}
	lo998, hi998 := poissonCI(x, Level998)
	lo95, hi95 := poissonCI(x, Level95)
	switch {
	case target < lo998/n:
		return FunnelHigh001
	case target < lo95/n:
		return FunnelHigh025
	case target > hi998/n:
		return FunnelLow001
	case target > hi95/n:
		return FunnelLow025
	}
	return FunnelNotSignficant
}

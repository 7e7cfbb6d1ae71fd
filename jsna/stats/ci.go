package stats

import (
	"errors"
	"fmt"
	"math"
)

// Confidence levels the app offers: Fingertips shows 95% intervals and uses
// 99.8% ones for its second level of significance.
const (
	Level95  = 0.95
	Level998 = 0.998
)

// ExactBelow is the count below which rates, counts and ratios take the
// exact Poisson interval instead of Byar's approximation, as
// PHEindicatormethods' phe_rate and phe_isr do (Exact for numerators < 10,
// Byars otherwise).
const ExactBelow = 10

// Interval is an estimate and its confidence interval, in the indicator's
// units (multiplier applied).
type Interval struct{ Value, Lower, Upper float64 }

// Contains reports whether x lies within the interval, ends included.
func (iv Interval) Contains(x float64) bool { return iv.Lower <= x && x <= iv.Upper }

// ConfidenceLevel checks a confidence level given as a fraction (0.95) or
// a percentage (95) and returns it as a fraction, as the CI functions
// accept it.
func ConfidenceLevel(c float64) (float64, error) { return normConfidence(c) }

// normConfidence checks a confidence level and returns it as a fraction.
// Levels may be given as a fraction strictly between 0 and 1 (0.95) or, as
// PHEindicatormethods also accepts, a percentage from 50 up to but not
// including 100 (95, 99.8).
func normConfidence(c float64) (float64, error) {
	if c >= 50 && c < 100 {
		c /= 100
	}
	if !(c > 0 && c < 1) {
		return 0, fmt.Errorf("jsna: confidence %v is neither a fraction between 0 and 1 nor a percentage from 50 to 100", c)
	}
	// A level that is 95% or 99.8% up to rounding is that level, so that
	// the file's intervals for it are used.
	for _, l := range []float64{Level95, Level998} {
		if math.Abs(c-l) < 1e-12 {
			return l, nil
		}
	}
	return c, nil
}

// zFor is the two-sided standard normal quantile for a confidence level:
// Φ⁻¹(c + (1−c)/2), R's qnorm(confidence + (1 - confidence)/2). The two
// levels the app offers are computed once.
func zFor(c float64) float64 {
	switch c {
	case Level95:
		return zLevel95
	case Level998:
		return zLevel998
	}
	return -normalQuantile((1 - c) / 2)
}

var (
	zLevel95  = -normalQuantile((1 - Level95) / 2)
	zLevel998 = -normalQuantile((1 - Level998) / 2)
)

// exactTable holds the exact Poisson limits of the whole counts below
// ExactBelow at the two levels the app offers, computed once: scoring
// England's wards meets them hundreds of thousands of times.
var exactTable = func() (t [2][ExactBelow][2]float64) {
	for i, c := range []float64{Level95, Level998} {
		alpha := 1 - c
		for x := range ExactBelow {
			t[i][x][0] = chiSquaredQuantile(alpha/2, 2*float64(x)) / 2
			t[i][x][1] = chiSquaredQuantile(1-alpha/2, 2*float64(x)+2) / 2
		}
	}
	return t
}()

func checkNumber(name string, x float64) error {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return fmt.Errorf("jsna: %s %v is not a finite number", name, x)
	case x < 0:
		return fmt.Errorf("jsna: %s %v is negative", name, x)
	}
	return nil
}

// ErrOutOfRange is returned (wrapped) when an interval does not fit in a
// float64, as with values near ±1e308.
var ErrOutOfRange = errors.New("jsna: result out of the range of float64")

// finite checks that an interval came out as finite numbers.
func finite(iv Interval, err error) (Interval, error) {
	if err != nil {
		return iv, err
	}
	for _, x := range []float64{iv.Value, iv.Lower, iv.Upper} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Interval{}, fmt.Errorf("%w (value %v, interval %v to %v)", ErrOutOfRange, iv.Value, iv.Lower, iv.Upper)
		}
	}
	return iv, nil
}

func checkMultiplier(m float64) error {
	if math.IsNaN(m) || math.IsInf(m, 0) || m <= 0 {
		return fmt.Errorf("jsna: multiplier %v must be a positive number", m)
	}
	return nil
}

// ErrZeroDenominator is returned (wrapped) for a denominator of zero,
// which leaves the value undefined.
var ErrZeroDenominator = errors.New("jsna: denominator is zero")

// ErrTooFewEvents is returned (wrapped) by DSRCI when the age bands hold
// fewer than 10 events in all: the method gives no value then, and
// callers show an empty cell rather than fail.
var ErrTooFewEvents = errors.New("jsna: dsr not calculated for fewer than 10 events")

func checkCountDenominator(count, denominator float64) error {
	if err := checkNumber("count", count); err != nil {
		return err
	}
	if err := checkNumber("denominator", denominator); err != nil {
		return err
	}
	if denominator == 0 {
		return fmt.Errorf("%w (count %v)", ErrZeroDenominator, count)
	}
	return nil
}

// ProportionCI returns count/denominator × multiplier with its Wilson score
// interval at the given confidence (Wilson EB, Probable inference, the law
// of succession, and statistical inference, JASA 1927; Newcombe RG, Two-
// sided confidence intervals for the single proportion, Stat Med 1998,
// method 3; PHE Technical Guide: Confidence Intervals, 2018; the same
// formula as PHEindicatormethods' wilson_lower and wilson_upper):
//
//	(2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²))
//
// with z = Φ⁻¹(1 − (1−confidence)/2). A count of 0 gives a lower limit of
// 0 and a count equal to the denominator an upper limit of 1 (× multiplier).
// The count must not exceed the denominator; negative, non-finite or zero
// denominators are errors.
func ProportionCI(count, denominator, confidence, multiplier float64) (Interval, error) {
	if err := checkCountDenominator(count, denominator); err != nil {
		return Interval{}, err
	}
	if count > denominator {
		return Interval{}, fmt.Errorf("jsna: count %v exceeds denominator %v for a proportion", count, denominator)
	}
	c, err := normConfidence(confidence)
	if err != nil {
		return Interval{}, err
	}
	if err := checkMultiplier(multiplier); err != nil {
		return Interval{}, err
	}
	lo, hi := wilson(count, denominator, zFor(c))
	return finite(Interval{Value: count / denominator * multiplier, Lower: lo * multiplier, Upper: hi * multiplier}, nil)
}

// wilson is the Wilson score interval for x out of n as fractions.
func wilson(x, n, z float64) (float64, float64) {
	z2 := z * z
	mid := 2*x + z2
	half := z * math.Sqrt(z2+4*x*(1-x/n))
	den := 2 * (n + z2)
	lo, hi := (mid-half)/den, (mid+half)/den
	// At the ends the formula gives 0 and 1 up to rounding.
	if x == 0 {
		lo = 0
	}
	if x == n {
		hi = 1
	}
	return lo, hi
}

// CountCI returns the confidence interval for a Poisson count at the given
// confidence. For counts of ExactBelow (10) or more it is Byar's
// approximation (Breslow NE, Day NE, Statistical Methods in Cancer
// Research vol II, IARC 1987, p. 69; PHEindicatormethods' byars_lower and
// byars_upper):
//
//	lower = x(1 − 1/(9x) − z/(3√x))³
//	upper = (x+1)(1 − 1/(9(x+1)) + z/(3√(x+1)))³
//
// and below it the exact interval from the chi-squared distribution
// (Armitage P, Berry G, Statistical Methods in Medical Research, 4th ed.
// 2002; Ulm K, Am J Epidemiol 1990), as phe_rate does:
//
//	lower = χ²_{(1−c)/2}(2x)/2,  upper = χ²_{1−(1−c)/2}(2x+2)/2
//
// so a count of 0 has a lower limit of 0.
func CountCI(count, confidence float64) (lower, upper float64, err error) {
	if err := checkNumber("count", count); err != nil {
		return 0, 0, err
	}
	c, err := normConfidence(confidence)
	if err != nil {
		return 0, 0, err
	}
	lower, upper = poissonCI(count, c)
	return lower, upper, nil
}

// poissonCI is CountCI without the checks; c is a fraction.
func poissonCI(x, c float64) (float64, float64) {
	alpha := 1 - c
	if x < ExactBelow && x == math.Trunc(x) && (c == Level95 || c == Level998) {
		level := 0
		if c == Level998 {
			level = 1
		}
		lim := exactTable[level][int(x)]
		return lim[0], lim[1]
	}
	if x < ExactBelow {
		return chiSquaredQuantile(alpha/2, 2*x) / 2, chiSquaredQuantile(1-alpha/2, 2*x+2) / 2
	}
	z := zFor(c)
	return byarsLower(x, z), byarsUpper(x, z)
}

// byarsLower is Byar's lower limit; PHEindicatormethods gives NA where it
// would be negative (only for confidence levels far beyond 99.8% with
// counts near 10), and it is 0 here.
func byarsLower(x, z float64) float64 {
	return math.Max(0, x*math.Pow(1-1/(9*x)-z/(3*math.Sqrt(x)), 3))
}

func byarsUpper(x, z float64) float64 {
	x1 := x + 1
	return x1 * math.Pow(1-1/(9*x1)+z/(3*math.Sqrt(x1)), 3)
}

// RateCI returns the crude rate count/denominator × multiplier with its
// confidence interval: CountCI's interval for the count (Byar's method,
// exact Poisson below 10) divided by the denominator, as
// PHEindicatormethods' phe_rate computes it. The count may exceed the
// denominator; negative, non-finite or zero denominators are errors.
func RateCI(count, denominator, confidence, multiplier float64) (Interval, error) {
	if err := checkCountDenominator(count, denominator); err != nil {
		return Interval{}, err
	}
	c, err := normConfidence(confidence)
	if err != nil {
		return Interval{}, err
	}
	if err := checkMultiplier(multiplier); err != nil {
		return Interval{}, err
	}
	lo, hi := poissonCI(count, c)
	m := multiplier / denominator
	return finite(Interval{Value: count * m, Lower: lo * m, Upper: hi * m}, nil)
}

// StandardBand is one age band of a standard population.
type StandardBand struct {
	Age        string
	Population float64
}

// ESP2013 is the European Standard Population 2013 in the 19 five-year
// bands 0-4 … 85-89, 90+ that PHE and PHEindicatormethods (esp2013) use
// for directly standardised rates: 100,000 people in all (Eurostat,
// Revision of the European Standard Population, 2013 edition, table 3.1).
var ESP2013 = []StandardBand{
	{"0-4", 5000}, {"5-9", 5500}, {"10-14", 5500}, {"15-19", 5500},
	{"20-24", 6000}, {"25-29", 6000}, {"30-34", 6500}, {"35-39", 7000},
	{"40-44", 7000}, {"45-49", 7000}, {"50-54", 7000}, {"55-59", 6500},
	{"60-64", 6000}, {"65-69", 5500}, {"70-74", 5000}, {"75-79", 4000},
	{"80-84", 2500}, {"85-89", 1500}, {"90+", 1000},
}

// AgeBand is one age band of a directly standardised rate: the events and
// population of the area in the band and the standard population's size
// for it (from ESP2013 for Fingertips indicators).
type AgeBand struct{ Count, Denominator, Standard float64 }

// DSRCI returns the directly standardised rate over the age bands, with
// the Dobson method's interval (Dobson AJ, Kuulasmaa K, Eberle E, Scherer J,
// Confidence intervals for weighted sums of Poisson parameters, Stat Med
// 1991; PHE Technical Guide: Confidence Intervals, 2018; PHEindicatormethods'
// phe_dsr and calculate_dsr):
//
//	DSR = Σ wᵢxᵢ/nᵢ / Σ wᵢ × multiplier
//	var = Σ wᵢ²xᵢ/nᵢ² / (Σ wᵢ)²
//	limits = DSR + √(var/O)·(O_L − O, O_U − O) × multiplier
//
// where O = Σ xᵢ and (O_L, O_U) is CountCI's interval for O at the same
// confidence, which is Byar's since O is at least 10: with fewer than 10
// events in all, a DSR is not reliable and, as phe_dsr and calculate_dsr
// do, DSRCI does not calculate it but returns an error wrapping
// ErrTooFewEvents. A band with a zero denominator is an error; a band with
// a zero standard population contributes nothing.
func DSRCI(bands []AgeBand, confidence, multiplier float64) (Interval, error) {
	if len(bands) == 0 {
		return Interval{}, fmt.Errorf("jsna: dsr needs at least one age band")
	}
	c, err := normConfidence(confidence)
	if err != nil {
		return Interval{}, err
	}
	if err := checkMultiplier(multiplier); err != nil {
		return Interval{}, err
	}
	var sumW, sumRate, sumVar, total float64
	for i, b := range bands {
		if err := checkCountDenominator(b.Count, b.Denominator); err != nil {
			return Interval{}, fmt.Errorf("jsna: age band %d: %w", i+1, err)
		}
		if err := checkNumber("standard population", b.Standard); err != nil {
			return Interval{}, fmt.Errorf("jsna: age band %d: %w", i+1, err)
		}
		sumW += b.Standard
		sumRate += b.Standard * b.Count / b.Denominator
		sumVar += b.Standard * b.Standard * b.Count / (b.Denominator * b.Denominator)
		total += b.Count
	}
	if sumW == 0 {
		return Interval{}, fmt.Errorf("jsna: dsr standard population sums to zero")
	}
	dsr := sumRate / sumW
	v := sumVar / (sumW * sumW)
	iv := Interval{Value: dsr * multiplier}
	if total < ExactBelow {
		return Interval{}, fmt.Errorf("%w: total count %v", ErrTooFewEvents, total)
	}
	lo, hi := poissonCI(total, c)
	s := math.Sqrt(v / total)
	iv.Lower = (dsr + s*(lo-total)) * multiplier
	iv.Upper = (dsr + s*(hi-total)) * multiplier
	return finite(iv, nil)
}

// ISRBand is one age band of an indirectly standardised ratio: the area's
// events and population in the band, and the reference (usually England)
// events and population from which the band's reference rate comes.
type ISRBand struct{ Count, Denominator, ReferenceCount, ReferenceDenominator float64 }

// ISR is an indirectly standardised ratio: the observed and expected
// counts and the ratio O/E × multiplier with its interval.
type ISR struct {
	Observed, Expected float64
	Interval
}

// ISRCI returns the indirectly standardised ratio (SMR, SAR, SIR) over the
// age bands: observed O = Σ xᵢ, expected E = Σ nᵢ·Xᵢ/Nᵢ from the reference
// rates, value O/E × multiplier (100 for a ratio with the reference at
// 100), and the interval CountCI(O)/E × multiplier: Byar's method, exact
// Poisson for O below 10 (Breslow and Day 1987; PHE Technical Guide:
// Confidence Intervals, 2018; PHEindicatormethods' phe_isr and
// calculate_ISRatio). A band with a zero reference denominator is an
// error; the expected count must be above zero.
func ISRCI(bands []ISRBand, confidence, multiplier float64) (ISR, error) {
	if len(bands) == 0 {
		return ISR{}, fmt.Errorf("jsna: isr needs at least one age band")
	}
	var o, e float64
	for i, b := range bands {
		if err := checkNumber("count", b.Count); err != nil {
			return ISR{}, fmt.Errorf("jsna: age band %d: %w", i+1, err)
		}
		if err := checkNumber("denominator", b.Denominator); err != nil {
			return ISR{}, fmt.Errorf("jsna: age band %d: %w", i+1, err)
		}
		if err := checkCountDenominator(b.ReferenceCount, b.ReferenceDenominator); err != nil {
			return ISR{}, fmt.Errorf("jsna: age band %d: reference: %w", i+1, err)
		}
		o += b.Count
		e += b.Denominator * b.ReferenceCount / b.ReferenceDenominator
	}
	r, err := RatioCI(o, e, confidence, multiplier)
	if err != nil {
		return ISR{}, err
	}
	return ISR{Observed: o, Expected: e, Interval: r}, nil
}

// RatioCI returns observed/expected × multiplier with the interval
// CountCI(observed)/expected × multiplier: the indirectly standardised
// ratio from its observed and expected counts, as ISRCI computes it.
func RatioCI(observed, expected, confidence, multiplier float64) (Interval, error) {
	if err := checkNumber("observed", observed); err != nil {
		return Interval{}, err
	}
	if err := checkNumber("expected", expected); err != nil {
		return Interval{}, err
	}
	if expected == 0 {
		return Interval{}, fmt.Errorf("jsna: expected count is zero (observed %v)", observed)
	}
	c, err := normConfidence(confidence)
	if err != nil {
		return Interval{}, err
	}
	if err := checkMultiplier(multiplier); err != nil {
		return Interval{}, err
	}
	lo, hi := poissonCI(observed, c)
	m := multiplier / expected
	return finite(Interval{Value: observed * m, Lower: lo * m, Upper: hi * m}, nil)
}

// MeanCI returns the mean of values with its Student's t interval,
// mean ± t_{1−(1−c)/2, n−1}·s/√n with s the sample standard deviation
// (Student 1908; PHE Technical Guide: Confidence Intervals, 2018;
// PHEindicatormethods' phe_mean), and n, the number of values. At least
// two values are needed; every value must be finite.
func MeanCI(values []float64, confidence float64) (Interval, int, error) {
	n := len(values)
	if n < 2 {
		return Interval{}, n, fmt.Errorf("jsna: mean interval needs at least 2 values, have %d", n)
	}
	c, err := normConfidence(confidence)
	if err != nil {
		return Interval{}, n, err
	}
	var sum float64
	for i, v := range values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return Interval{}, n, fmt.Errorf("jsna: value %d (%v) is not a finite number", i+1, v)
		}
		sum += v
	}
	mean := sum / float64(n)
	if math.IsInf(sum, 0) {
		// Huge values: summing v/n instead does not overflow.
		mean = 0
		for _, v := range values {
			mean += v / float64(n)
		}
	}
	// Two-pass variance with the compensating term (Chan, Golub and
	// LeVeque 1983) so that large offsets do not lose precision.
	var ss, comp float64
	for _, v := range values {
		d := v - mean
		ss += d * d
		comp += d
	}
	variance := (ss - comp*comp/float64(n)) / float64(n-1)
	if variance < 0 {
		variance = 0
	}
	half := studentTQuantile(1-(1-c)/2, float64(n-1)) * math.Sqrt(variance/float64(n))
	iv, err := finite(Interval{Value: mean, Lower: mean - half, Upper: mean + half}, nil)
	return iv, n, err
}

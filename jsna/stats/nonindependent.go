package stats

import (
	"fmt"
	"math"
	"sort"
)

// ISRate is an indirectly standardised rate: the observed and expected
// counts, the reference rate and the rate with its interval.
type ISRate struct {
	Observed, Expected, RefRate float64
	Interval
}

// ISRateCI returns the indirectly standardised rate over the age bands,
// as PHEindicatormethods' calculate_ISRate computes it: with O and E as
// for ISRCI and the reference rate R = ΣXᵢ/ΣNᵢ × multiplier,
//
//	value = O/E × R,   limits = CountCI(O)/E × R
//
// (Byar's method, exact Poisson for O below 10; PHE Technical Guide:
// Confidence Intervals, 2018). The bands and errors are ISRCI's.
func ISRateCI(bands []ISRBand, confidence, multiplier float64) (ISRate, error) {
	if err := checkMultiplier(multiplier); err != nil {
		return ISRate{}, err
	}
	var x, n float64
	for _, b := range bands {
		x += b.ReferenceCount
		n += b.ReferenceDenominator
	}
	r, err := ISRCI(bands, confidence, 1)
	if err != nil {
		return ISRate{}, err
	}
	rate := x / n * multiplier
	iv := Interval{r.Value * rate, r.Lower * rate, r.Upper * rate}
	return ISRate{Observed: r.Observed, Expected: r.Expected, RefRate: rate, Interval: iv}, nil
}

// FrequencyBand is one age band and event frequency of a DSR of
// non-independent events: Individuals people had Frequency events each.
type FrequencyBand struct {
	AgeBand                string
	Frequency, Individuals float64
	Denominator, Standard  float64
}

// DSRFrequencyCI returns the directly standardised rate of events that
// are not independent (a person may have several), as calculate_dsr does
// with independent_events = FALSE (Fingertips technical guidance, DSR
// chapter): the events are Σ frequency × individuals in each age band, so
// the DSR is DSRCI's; but the variance is the sum over event frequencies
// f of f² × the Dobson variance of the individuals with f events,
//
//	var = Σ_f f² · Σᵢ wᵢ²xᵢ_f/nᵢ² / (Σᵢ wᵢ)²      (Σᵢ over that frequency's bands)
//
// and the limits DSR + √(var/O)·(O_L − O, O_U − O) × multiplier with
// O the total events and (O_L, O_U) Byar's interval. It returns also the
// total events and the total population (each age band once). Fewer than
// 10 events: ErrTooFewEvents, as for DSRCI. The rows of one age band must
// share their denominator and standard.
func DSRFrequencyCI(bands []FrequencyBand, confidence, multiplier float64) (iv Interval, events, population float64, err error) {
	c, err := normConfidence(confidence)
	if err != nil {
		return Interval{}, 0, 0, err
	}
	if err := checkMultiplier(multiplier); err != nil {
		return Interval{}, 0, 0, err
	}
	type age struct{ events, n, w float64 }
	ages := map[string]*age{}
	var order []string
	type freqSum struct{ w, sq float64 }
	freqs := map[float64]*freqSum{}
	for i, b := range bands {
		if err := checkCountDenominator(b.Individuals, b.Denominator); err != nil {
			return Interval{}, 0, 0, fmt.Errorf("jsna: row %d: %w", i+1, err)
		}
		if err := checkNumber("event frequency", b.Frequency); err != nil {
			return Interval{}, 0, 0, fmt.Errorf("jsna: row %d: %w", i+1, err)
		}
		a, ok := ages[b.AgeBand]
		if !ok {
			a = &age{n: b.Denominator, w: b.Standard}
			ages[b.AgeBand] = a
			order = append(order, b.AgeBand)
		} else if a.n != b.Denominator || a.w != b.Standard {
			return Interval{}, 0, 0, fmt.Errorf("jsna: age band %q has rows with different populations or standard populations", b.AgeBand)
		}
		a.events += b.Frequency * b.Individuals
		f, ok := freqs[b.Frequency]
		if !ok {
			f = &freqSum{}
			freqs[b.Frequency] = f
		}
		f.w += b.Standard
		f.sq += b.Individuals * math.Pow(b.Standard/b.Denominator, 2)
	}
	var sumW, sumRate float64
	for _, k := range order {
		a := ages[k]
		sumW += a.w
		sumRate += a.events * a.w / a.n
		events += a.events
		population += a.n
	}
	if sumW == 0 {
		return Interval{}, events, population, fmt.Errorf("jsna: dsr standard population sums to zero")
	}
	fs := make([]float64, 0, len(freqs))
	for f := range freqs {
		fs = append(fs, f)
	}
	sort.Float64s(fs) // a fixed order of summation
	var v float64
	for _, f := range fs {
		s := freqs[f]
		v += s.sq / (s.w * s.w) * f * f
	}
	if events < ExactBelow {
		return Interval{}, events, population, fmt.Errorf("%w: total count %v", ErrTooFewEvents, events)
	}
	dsr := sumRate / sumW
	z := zFor(c)
	sd := math.Sqrt(v / events)
	iv = Interval{dsr * multiplier, (dsr + sd*(byarsLower(events, z)-events)) * multiplier, (dsr + sd*(byarsUpper(events, z)-events)) * multiplier}
	iv, err = finite(iv, nil)
	return iv, events, population, err
}

package stats

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
)

// Value types of phe_sii's value_type argument: how a quantile's value is
// distributed and, with Transform, transformed before simulation.
const (
	SIINormal     = 0 // no transformation
	SIIRate       = 1 // log
	SIIProportion = 2 // logit; values and limits are fractions in (0, 1)
)

// SIIQuantile is one quantile of a slope index of inequality: its
// population, its value and the value's standard error, which for rates
// and proportions is on the log or logit scale (SIIStandardError), as
// phe_sii takes it.
type SIIQuantile struct {
	Population, Value, SE float64
}

// SIIOptions are phe_sii's arguments.
type SIIOptions struct {
	ValueType int // SIINormal, SIIRate or SIIProportion
	// Transform calculates a rate's or proportion's SII on the log or
	// logit scale (phe_sii's transform = TRUE); otherwise the values
	// are simulated on that scale and transformed back.
	Transform   bool
	Multiplier  float64 // SII × multiplier; a negative one inverts the RII; 0 means 1
	Confidence  float64 // 0 means 0.95
	Repetitions int     // at least 1,000, as the reference requires; 0 means 100,000
	Seed        int64   // of the simulation, so that a run is reproducible
	RII         bool
}

// SII is a slope (and relative) index of inequality with its simulated
// confidence limits.
type SII struct {
	SII, SIILower, SIIUpper float64
	RII, RIILower, RIIUpper float64 // with SIIOptions.RII
}

// transformValue applies the value type's transformation.
func transformValue(x float64, valueType int) float64 {
	switch valueType {
	case SIIRate:
		return math.Log(x)
	case SIIProportion:
		return math.Log(x / (1 - x))
	}
	return x
}

func untransformValue(x float64, valueType int) float64 {
	switch valueType {
	case SIIRate:
		return math.Exp(x)
	case SIIProportion:
		return math.Exp(x) / (1 + math.Exp(x))
	}
	return x
}

// SIIStandardError is phe_sii's standard error from a value's 95%
// confidence limits, (upper − lower)/(2·Φ⁻¹(0.975)), after the value
// type's transformation (log for rates, logit for proportions).
func SIIStandardError(lower, upper float64, valueType int) float64 {
	lower, upper = transformValue(lower, valueType), transformValue(upper, valueType)
	return (upper - lower) / normalQuantile(0.975) / 2
}

// CalculateSII returns the slope index of inequality over the quantiles,
// ordered from the first (most deprived) to the last, as phe_sii computes
// it (Low A, Low A, Measuring the gap: quantifying and comparing local
// health inequalities, J Public Health 2004;26:388–395; OHID technical
// guidance): with aᵢ each quantile's share of the population and bᵢ the
// midpoint of its range in the cumulative population (its relative rank),
// the regression without intercept
//
//	yᵢ√aᵢ = β₀√aᵢ + β₁bᵢ√aᵢ
//
// gives SII = β₁ × multiplier and RII = (β₀ + β₁)/β₀ (its inverse for a
// negative multiplier); with Transform, y is the log (rate) or logit
// (proportion) of the value. The confidence limits are simulated as the
// reference does: each repetition draws every quantile's value from a
// normal distribution with the value (for rates and proportions its log
// or logit) as mean and SE as standard deviation, transforms it back
// unless Transform, refits, and the limits are the sorted results at
// positions round(r·(1 − c)/2) and round(r·(1 + c)/2). The draws come from math/rand seeded with
// opts.Seed, so a run is reproducible (but not R's draws). There must be
// 5 to 100 quantiles, every population above zero and every SE finite and
// not negative.
func CalculateSII(qs []SIIQuantile, opts SIIOptions) (SII, error) {
	opts, c, err := checkSII(qs, opts)
	if err != nil {
		return SII{}, err
	}
	m := newSIIModel(qs)
	rii := func(b0, b1 float64) float64 {
		r := (b0 + b1) / b0
		if opts.Multiplier < 0 {
			r = 1 / r
		}
		return r
	}
	vt := opts.ValueType
	means := make([]float64, len(qs))
	ys := make([]float64, len(qs))
	for i, q := range qs {
		means[i] = transformValue(q.Value, vt)
		ys[i] = q.Value
	}
	back := vt
	if opts.Transform {
		back = SIINormal
		copy(ys, means)
	}
	b0, b1 := m.fit(ys)
	out := SII{SII: opts.Multiplier * b1, RII: rii(b0, b1)}

	rng := rand.New(rand.NewSource(opts.Seed))
	reps := opts.Repetitions
	sims := make([]float64, reps)
	var riis []float64
	if opts.RII {
		riis = make([]float64, reps)
	}
	for r := 0; r < reps; r++ {
		for i := range qs {
			ys[i] = means[i] + qs[i].SE*rng.NormFloat64()
			if back != SIINormal {
				ys[i] = untransformValue(ys[i], back)
			}
		}
		s0, s1 := m.fit(ys)
		sims[r] = opts.Multiplier * s1
		if riis != nil {
			riis[r] = rii(s0, s1)
		}
	}
	upperP := c + (1-c)/2
	lo := max(int(math.RoundToEven(float64(reps)*(1-upperP)))-1, 0)
	hi := min(int(math.RoundToEven(float64(reps)*upperP))-1, reps-1)
	out.SIILower, out.SIIUpper = orderStatistics(sims, lo, hi)
	if opts.RII {
		out.RIILower, out.RIIUpper = orderStatistics(riis, lo, hi)
	} else {
		out.RII = 0
	}
	return out, nil
}

// checkSII checks the quantiles and options as phe_sii does and fills in
// the defaults; c is the confidence as a fraction.
func checkSII(qs []SIIQuantile, opts SIIOptions) (SIIOptions, float64, error) {
	if n := len(qs); n < 5 || n > 100 {
		return opts, 0, fmt.Errorf("jsna: sii: number of quantiles must be between 5 and 100, not %d", n)
	}
	if opts.Repetitions == 0 {
		opts.Repetitions = 100000
	}
	if opts.Repetitions < 1000 {
		return opts, 0, fmt.Errorf("jsna: sii: number of repetitions must be 1000 or greater, not %d", opts.Repetitions)
	}
	if opts.Multiplier == 0 {
		opts.Multiplier = 1
	}
	if opts.Confidence == 0 {
		opts.Confidence = Level95
	}
	c, err := normConfidence(opts.Confidence)
	if err != nil {
		return opts, 0, err
	}
	if opts.ValueType < SIINormal || opts.ValueType > SIIProportion {
		return opts, 0, fmt.Errorf("jsna: sii: value type should be 0, 1 or 2, not %d", opts.ValueType)
	}
	for i, q := range qs {
		if !(q.Population > 0) || math.IsInf(q.Population, 0) {
			return opts, 0, fmt.Errorf("jsna: sii: quantile %d: population must be above zero", i+1)
		}
		if !(q.SE >= 0) || math.IsInf(q.SE, 0) {
			return opts, 0, fmt.Errorf("jsna: sii: quantile %d: negative or missing standard error", i+1)
		}
		if opts.ValueType == SIIProportion && (q.Value < 0 || q.Value > 1) {
			return opts, 0, fmt.Errorf("jsna: sii: quantile %d: value proportions are not all between 0 and 1", i+1)
		}
	}
	return opts, c, nil
}

// siiModel is the SII's regression: the regressors √a and b√a, and the
// rows w0, w1 of (XᵀX)⁻¹Xᵀ that give β from y√a.
type siiModel struct{ sa, w0, w1 []float64 }

func newSIIModel(qs []SIIQuantile) siiModel {
	var total float64
	for _, q := range qs {
		total += q.Population
	}
	n := len(qs)
	m := siiModel{sa: make([]float64, n), w0: make([]float64, n), w1: make([]float64, n)}
	bsa := make([]float64, n)
	var cum, s11, s12, s22 float64
	for i, q := range qs {
		a := q.Population / total
		b := cum + a/2 // the relative rank: the midpoint of the quantile's range
		cum += a
		m.sa[i], bsa[i] = math.Sqrt(a), b*math.Sqrt(a)
		s11 += m.sa[i] * m.sa[i]
		s12 += m.sa[i] * bsa[i]
		s22 += bsa[i] * bsa[i]
	}
	det := s11*s22 - s12*s12
	for i := range qs {
		m.w0[i] = (s22*m.sa[i] - s12*bsa[i]) / det
		m.w1[i] = (s11*bsa[i] - s12*m.sa[i]) / det
	}
	return m
}

// fit returns β₀ and β₁ for the quantiles' values y.
func (m siiModel) fit(y []float64) (b0, b1 float64) {
	for i, v := range y {
		v *= m.sa[i]
		b0 += m.w0[i] * v
		b1 += m.w1[i] * v
	}
	return b0, b1
}

// orderStatistics returns the lo-th and hi-th smallest of x (0-based, lo
// ≤ hi), as sorting would, in linear expected time; x is reordered.
func orderStatistics(x []float64, lo, hi int) (float64, float64) {
	a := selectKth(x, lo)
	b := selectKth(x[lo:], hi-lo)
	return a, b
}

// selectKth partially sorts x so that x[k] is its k-th smallest element
// (Hoare's selection, median-of-three pivot), and returns it.
func selectKth(x []float64, k int) float64 {
	l, r := 0, len(x)-1
	for r > l {
		if r-l < 16 {
			sort.Float64s(x[l : r+1])
			break
		}
		m := l + (r-l)/2
		if x[m] < x[l] {
			x[m], x[l] = x[l], x[m]
		}
		if x[r] < x[l] {
			x[r], x[l] = x[l], x[r]
		}
		if x[r] < x[m] {
			x[r], x[m] = x[m], x[r]
		}
		p := x[m]
		i, j := l, r
		for i <= j {
			for x[i] < p {
				i++
			}
			for x[j] > p {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			r = j
		case k >= i:
			l = i
		default:
			return x[k]
		}
	}
	return x[k]
}

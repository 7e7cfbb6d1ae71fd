package stats

import (
	"fmt"
	"math"
	"slices"
	"sort"
)

// Spine is one row of a spine chart, as Fingertips draws them: the
// comparator wards' range for an indicator on a scale centred on the
// benchmark, oriented so that better is always to the right (for
// indicators without a polarity, higher is to the right).
//
// Positions run from 0 (left end) to 1 (right end) with the benchmark at
// 0.5. The half-width of the scale is the larger distance from the
// benchmark to the worst or best comparator value, so the whole range
// fits and skewed distributions stay visible. Worst, Q25, Q75 and Best
// are in the indicator's units; Q25 and Q75 are the 25th and 75th
// percentiles by linear interpolation between order statistics
// (Hyndman and Fan 1996, type 7).
type Spine struct {
	Indicator string  `json:"indicator"`
	N         int     `json:"n"` // comparator wards with a value
	Benchmark float64 `json:"benchmark"`
	Worst     float64 `json:"worst"`
	Q25       float64 `json:"q25"`
	Q75       float64 `json:"q75"`
	Best      float64 `json:"best"`
	// Positions of the above on the 0–1 scale.
	WorstAt, Q25At, Q75At, BestAt float64
	// HigherIsRight is true where larger values are drawn to the right:
	// higher-is-better and no-judgement indicators.
	HigherIsRight bool `json:"higher_is_right"`
	// Degenerate explains a scale that cannot show spread: "no values",
	// "all equal to the benchmark", or why there is no spine at all
	// (SpineRules.MinCoverage).
	Degenerate string `json:"degenerate,omitempty"`
	// Quartiles is false where there are too few values for percentiles
	// (SpineRules.MinQuartileValues): the spine shows the range alone,
	// and Q25 and Q75 are its ends.
	Quartiles bool `json:"quartiles"`
	// Shown is false where the spine is not drawn: no values, or fewer
	// than SpineRules.MinCoverage of the comparators have one.
	Shown bool `json:"shown"`
	// Comparators is the number of comparator wards, with a value or not.
	Comparators int `json:"comparators"`

	halfWidth float64
}

// SpineRules are Fingertips' rules for drawing a spine chart row.
type SpineRules struct {
	// MinQuartileValues is the fewest values from which the 25th and 75th
	// percentiles are drawn; with fewer, the range alone.
	MinQuartileValues int
	// MinCoverage is the smallest share of the comparators that must have
	// a value for the spine to be drawn.
	MinCoverage float64
}

// FingertipsSpine are the rules Fingertips applies: percentiles only from
// more than 3 values, and no spine for an indicator that fewer than 75%
// of the comparators have.
var FingertipsSpine = SpineRules{MinQuartileValues: 4, MinCoverage: 0.75}

// NewSpine makes the spine for an indicator from the comparator values
// (missing ones already left out), the benchmark value and the polarity,
// every comparator having a value (NewSpineFor).
func NewSpine(indicator string, values []float64, benchmark *float64, polarity string) Spine {
	return NewSpineFor(indicator, values, len(values), benchmark, polarity, FingertipsSpine)
}

// NewSpineFor makes the spine for an indicator from the values of the
// comparators that have one, out of comparators in all, by the rules:
// with fewer values than rules.MinQuartileValues, Quartiles is false and
// the range alone is shown; with values for fewer than rules.MinCoverage
// of the comparators, the spine is not Shown (its scale is still made, for
// the positions of the values). Without a benchmark, the comparators'
// median is the centre.
func NewSpineFor(indicator string, values []float64, comparators int, benchmark *float64, polarity string, rules SpineRules) Spine {
	v := append([]float64(nil), values...)
	sort.Float64s(v)
	return NewSpineOrdered(indicator, v, comparators, benchmark, polarity, rules)
}

// NewSpineOrdered is NewSpineFor of values that are already in order at
// SpineRanks(len(values)): values[k] is the k-th smallest of them for each
// of those k (a sorted slice, or one Select has ordered, which costs a
// fraction of a sort), none NaN. It neither copies nor reorders values.
func NewSpineOrdered(indicator string, values []float64, comparators int, benchmark *float64, polarity string, rules SpineRules) Spine {
	s := newSpine(indicator, values, benchmark, polarity)
	s.Comparators = comparators
	s.Quartiles = len(values) >= rules.MinQuartileValues
	if !s.Quartiles {
		s.Q25, s.Q75, s.Q25At, s.Q75At = s.Worst, s.Best, s.WorstAt, s.BestAt
	}
	s.Shown = len(values) > 0
	if s.Shown && float64(len(values)) < rules.MinCoverage*float64(comparators) {
		s.Shown = false
		s.Degenerate = fmt.Sprintf("no spine: %d of %d comparators have a value, fewer than %g%%", len(values), comparators, rules.MinCoverage*100)
	}
	return s
}

// SpineRanks are the places among n ordered values that a spine reads
// (NewSpineOrdered): the ends and those either side of the 25th, 50th and
// 75th percentiles, ascending, without repeats.
func SpineRanks(n int) []int {
	if n == 0 {
		return nil
	}
	ks := []int{0, n - 1}
	for _, p := range [...]float64{0.25, 0.5, 0.75} {
		i := int(math.Floor(p * float64(n-1)))
		ks = append(ks, i)
		if i+1 < n {
			ks = append(ks, i+1)
		}
	}
	slices.Sort(ks)
	return slices.Compact(ks)
}

// newSpine makes the spine of values ordered at SpineRanks.
func newSpine(indicator string, values []float64, benchmark *float64, polarity string) Spine {
	if len(values) == 0 {
		s := Spine{Indicator: indicator, HigherIsRight: polarity != LowerIsBetter, Degenerate: "no values"}
		if benchmark != nil {
			s.Benchmark = *benchmark
		}
		s.WorstAt, s.Q25At, s.Q75At, s.BestAt = 0.5, 0.5, 0.5, 0.5
		return s
	}
	return spineOfRange(indicator, rangeOfOrdered(values), benchmark, polarity)
}

// spineOfRange is the spine of comparator values summarised by r (r.N at
// least 1).
func spineOfRange(indicator string, r Range, benchmark *float64, polarity string) Spine {
	s := Spine{Indicator: indicator, N: r.N, HigherIsRight: polarity != LowerIsBetter}
	lo, hi := r.Min, r.Max
	if benchmark != nil {
		s.Benchmark = *benchmark
	} else {
		s.Benchmark = r.Median
	}
	if s.HigherIsRight {
		s.Worst, s.Best = lo, hi
	} else {
		s.Worst, s.Best = hi, lo
	}
	s.Q25, s.Q75 = r.Q25, r.Q75
	if !s.HigherIsRight {
		// Oriented: the 25th percentile is the one nearer the worst end.
		s.Q25, s.Q75 = r.Q75, r.Q25
	}
	s.halfWidth = math.Max(math.Abs(lo-s.Benchmark), math.Abs(hi-s.Benchmark))
	if s.halfWidth == 0 {
		s.Degenerate = "all equal to the benchmark"
	}
	s.WorstAt, s.Q25At, s.Q75At, s.BestAt = s.Position(s.Worst), s.Position(s.Q25), s.Position(s.Q75), s.Position(s.Best)
	return s
}

// Position places a value on the 0–1 scale, better to the right. Values
// beyond the comparators' range (a ward that is not a comparator) are
// clamped to the ends.
func (s *Spine) Position(x float64) float64 {
	if s.halfWidth == 0 || math.IsNaN(x) {
		return 0.5
	}
	d := (x - s.Benchmark) / (2 * s.halfWidth)
	if !s.HigherIsRight {
		d = -d
	}
	return math.Min(1, math.Max(0, 0.5+d))
}

// percentile of sorted values, type 7 (linear between order statistics):
// the value at position (n − 1)·p + 1, counting from 1, as Fingertips
// places its percentiles.
func percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 1 {
		return sorted[0]
	}
	h := p * float64(len(sorted)-1)
	i := int(math.Floor(h))
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

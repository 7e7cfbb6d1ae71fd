package stats

import (
	"math"
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
	// "all equal to the benchmark".
	Degenerate string `json:"degenerate,omitempty"`

	halfWidth float64
}

// NewSpine makes the spine for an indicator from the comparator values
// (missing ones already left out), the benchmark value and the polarity.
// Without a benchmark, the comparators' median is the centre.
func NewSpine(indicator string, values []float64, benchmark *float64, polarity string) Spine {
	s := Spine{Indicator: indicator, N: len(values), HigherIsRight: polarity != LowerIsBetter}
	if len(values) == 0 {
		s.Degenerate = "no values"
		if benchmark != nil {
			s.Benchmark = *benchmark
		}
		s.WorstAt, s.Q25At, s.Q75At, s.BestAt = 0.5, 0.5, 0.5, 0.5
		return s
	}
	v := append([]float64(nil), values...)
	orderStatistics(v)
	lo, hi := v[0], v[len(v)-1]
	q25, q75 := percentile(v, 0.25), percentile(v, 0.75)
	if benchmark != nil {
		s.Benchmark = *benchmark
	} else {
		s.Benchmark = percentile(v, 0.5)
	}
	if s.HigherIsRight {
		s.Worst, s.Best = lo, hi
	} else {
		s.Worst, s.Best = hi, lo
	}
	s.Q25, s.Q75 = q25, q75
	if !s.HigherIsRight {
		// Oriented: the 25th percentile is the one nearer the worst end.
		s.Q25, s.Q75 = q75, q25
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
func (s Spine) Position(x float64) float64 {
	if s.halfWidth == 0 || math.IsNaN(x) {
		return 0.5
	}
	d := (x - s.Benchmark) / (2 * s.halfWidth)
	if !s.HigherIsRight {
		d = -d
	}
	return math.Min(1, math.Max(0, 0.5+d))
}

// percentile of sorted values, type 7 (linear between order statistics).
// orderStatistics reorders v so that the elements percentile reads (the
// first, the last and the two around each quartile) are where sorting
// would put them, without sorting the rest: a spine needs five order
// statistics, and selecting them costs a few linear passes instead of a
// sort. With a NaN (which sort.Float64s puts first) it sorts.
func orderStatistics(v []float64) {
	n := len(v)
	for _, x := range v {
		if x != x {
			sort.Float64s(v)
			return
		}
	}
	if n <= 16 {
		sort.Float64s(v)
		return
	}
	var ks []int
	for _, p := range []float64{0.25, 0.5, 0.75} {
		i := int(math.Floor(p * float64(n-1)))
		ks = append(ks, i, i+1)
	}
	ks = append(ks, n-1)
	lo := 0
	selectNth(v, 0, n, 0)
	for _, k := range ks {
		if k < lo {
			continue
		}
		selectNth(v, lo, n, k)
		lo = k + 1
	}
}

// selectNth reorders v[lo:hi] so that v[k] is the element sorting would
// put there, with no greater element before it and no smaller one after
// it (Hoare's quickselect, median-of-three pivots; v holds no NaN).
func selectNth(v []float64, lo, hi, k int) {
	for hi-lo > 1 {
		if hi-lo <= 12 {
			// Insertion sort of a short range.
			for i := lo + 1; i < hi; i++ {
				for j := i; j > lo && v[j] < v[j-1]; j-- {
					v[j], v[j-1] = v[j-1], v[j]
				}
			}
			return
		}
		mid := lo + (hi-lo)/2
		a, b, c := v[lo], v[mid], v[hi-1]
		pivot := b
		if (a < b) != (a < c) {
			pivot = a
		} else if (c < a) != (c < b) {
			pivot = c
		}
		i, j := lo, hi-1
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for pivot < v[j] {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
				i++
				j--
			}
		}
		// Now v[lo:j+1] <= pivot <= v[i:hi], and v[j+1:i] == pivot.
		switch {
		case k <= j:
			hi = j + 1
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

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

package stats

import "math"

// Comparison is how a ward's value compares with the benchmark.
type Comparison string

// Comparisons Compare returns, as Fingertips names them.
const (
	Better      Comparison = "better"
	Similar     Comparison = "similar"
	Worse       Comparison = "worse"
	Best        Comparison = "best"  // better, and the 99.8% interval also excludes the benchmark
	Worst       Comparison = "worst" // worse, likewise
	Higher      Comparison = "higher"
	Lower       Comparison = "lower"
	NotCompared Comparison = "not compared"
)

// Comparisons lists every Comparison, from best to not compared.
var Comparisons = []Comparison{Best, Better, Similar, Worse, Worst, Higher, Lower, NotCompared}

// Compare compares an interval with the benchmark by polarity, as
// Fingertips does ("compared with benchmark" by confidence interval
// overlap; PHE Technical Guide: Confidence Intervals, 2018, and Fingertips'
// comparator methods):
//
//   - the difference is significant when the interval excludes the
//     benchmark: lower > benchmark or upper < benchmark (an end equal to
//     the benchmark is not significant);
//   - lower-is-better: below is Better, above Worse; higher-is-better the
//     reverse; otherwise Similar;
//   - no-judgement: Higher, Lower or Similar;
//   - not-applicable, or any other polarity: NotCompared.
//
// With the 99.8% interval (lower998, upper998) given, the two-level rule
// applies: a Better value whose 99.8% interval also excludes the benchmark
// is Best, and a Worse one Worst. No-judgement indicators stay Higher or
// Lower. Any nil among lower, upper and benchmark gives NotCompared.
// lower998/upper998 may be nil: then Best and Worst are never returned.
func Compare(lower, upper, lower998, upper998, benchmark *float64, polarity string) Comparison {
	if lower == nil || upper == nil || benchmark == nil {
		return NotCompared
	}
	b := *benchmark
	if math.IsNaN(*lower) || math.IsNaN(*upper) || math.IsNaN(b) {
		return NotCompared
	}
	side := 0 // +1: the interval lies above the benchmark, −1: below
	switch {
	case *lower > b:
		side = 1
	case *upper < b:
		side = -1
	}
	strong := false
	if side != 0 && lower998 != nil && upper998 != nil {
		strong = side == 1 && *lower998 > b || side == -1 && *upper998 < b
	}
	switch polarity {
	case LowerIsBetter, HigherIsBetter:
		if side == 0 {
			return Similar
		}
		good := side == -1
		if polarity == HigherIsBetter {
			good = !good
		}
		switch {
		case good && strong:
			return Best
		case good:
			return Better
		case strong:
			return Worst
		}
		return Worse
	case NoJudgement:
		switch side {
		case 1:
			return Higher
		case -1:
			return Lower
		}
		return Similar
	}
	return NotCompared
}

// Class groups a comparison for display: "better" for Better and Best,
// "worse" for Worse and Worst, and "similar", "higher", "lower", or "none"
// for NotCompared and anything else.
func (c Comparison) Class() string {
	switch c {
	case Better, Best:
		return "better"
	case Worse, Worst:
		return "worse"
	case Similar:
		return "similar"
	case Higher:
		return "higher"
	case Lower:
		return "lower"
	}
	return "none"
}

// Significant reports whether the comparison found a significant
// difference from the benchmark.
func (c Comparison) Significant() bool {
	switch c {
	case Better, Best, Worse, Worst, Higher, Lower:
		return true
	}
	return false
}

// Comparison methods, as `jsna compare --method` and an indicator name
// them (Fingertips' comparator methods).
const (
	// CompareCI95 compares the 95% interval with the benchmark: better,
	// similar or worse (higher, similar or lower).
	CompareCI95 = "ci95"
	// CompareCI998 compares the 99.8% interval alone.
	CompareCI998 = "ci998"
	// CompareTwoLevel is Fingertips' SingleOverlappingCIsForTwoCiLevels:
	// five outcomes, better (95%) and best (99.8%), worse and worst, and
	// similar. Without the 99.8% interval the value is not compared.
	CompareTwoLevel = "two-level"
	// CompareQuintiles places each value in a quintile of the values
	// compared together (phe_quantile, five quantiles), quintile 1 holding
	// the lowest values; it involves no interval or benchmark.
	CompareQuintiles = "quintiles"
)

// CompareMethods lists the comparison methods.
var CompareMethods = []string{CompareCI95, CompareCI998, CompareTwoLevel, CompareQuintiles}

// CompareBy compares as the named method says: CompareCI95 with lower and
// upper alone, CompareCI998 with lower998 and upper998 alone, and
// CompareTwoLevel with both, giving NotCompared where the 99.8% interval
// is missing (legacy Fingertips does not fall back to one level). The
// empty method is Compare's rule: two levels where the 99.8% interval is
// known, else one. CompareQuintiles needs the other values and is not
// handled here (it returns NotCompared, as does an unknown method).
func CompareBy(method string, lower, upper, lower998, upper998, benchmark *float64, polarity string) Comparison {
	switch method {
	case "":
		return Compare(lower, upper, lower998, upper998, benchmark, polarity)
	case CompareCI95:
		return Compare(lower, upper, nil, nil, benchmark, polarity)
	case CompareCI998:
		return Compare(lower998, upper998, nil, nil, benchmark, polarity)
	case CompareTwoLevel:
		if lower998 == nil || upper998 == nil {
			return NotCompared
		}
		return Compare(lower, upper, lower998, upper998, benchmark, polarity)
	}
	return NotCompared
}

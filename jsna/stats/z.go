package stats

import "math"

// Z is the two-sided standard normal quantile of a confidence level (0.95
// or 95 alike): 1.959964 at 95%, 3.090232 at 99.8%. A level outside
// (0, 1) and (1, 100) gives NaN.
func Z(confidence float64) float64 {
	c, err := normConfidence(confidence)
	if err != nil {
		return math.NaN()
	}
	return zFor(c)
}

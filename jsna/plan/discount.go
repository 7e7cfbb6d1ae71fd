package plan

// The Green Book's discount rates: HM Treasury, The Green Book: appraisal
// and evaluation in central government (2022), Annex A6, Table 8. The
// social time preference rate is 3.5% a year for years 0 to 30 and falls
// for later years, so that a cost in year t is multiplied by the discount
// factor
//
//	D(t) = D(t−1) / (1 + r(t)),  D(0) = 1,
//
// with r(t) the rate of the band year t falls in. Year 0, the first year,
// is not discounted: costs are taken to fall at the start of each year, as
// the Green Book's tables do (D(1) = 1/1.035 = 0.9662).
var greenBookBands = []struct {
	last int     // last year of the band
	rate float64 // a year
}{
	{30, 0.035}, {75, 0.030}, {125, 0.025}, {200, 0.020}, {300, 0.015},
}

// GreenBookRate is the Green Book's discount rate for the first 30 years.
const GreenBookRate = 0.035

// greenBookLaterRate is the rate after year 300.
const greenBookLaterRate = 0.010

// GreenBookRateFor is the Green Book's discount rate for year t (t ≥ 1).
func GreenBookRateFor(t int) float64 {
	for _, b := range greenBookBands {
		if t <= b.last {
			return b.rate
		}
	}
	return greenBookLaterRate
}

// DiscountFactors returns D(0), …, D(n−1): with rate 0 the Green Book's
// schedule (GreenBookRateFor), otherwise the constant rate (0.035 is
// 3.5%) for every year.
func DiscountFactors(n int, rate float64) []float64 {
	out := make([]float64, n)
	d := 1.0
	for t := range out {
		if t > 0 {
			r := rate
			if r == 0 {
				r = GreenBookRateFor(t)
			}
			d /= 1 + r
		}
		out[t] = d
	}
	return out
}

package stats

// Methods of calculation, as an indicator of a jsna/1 document names them
// in its "method" member. The method decides which interval applies.
const (
	MethodProportion = "proportion" // Wilson score interval (ProportionCI)
	MethodRate       = "rate"       // crude rate: Byar's method, exact Poisson for small counts (RateCI)
	MethodDSR        = "dsr"        // directly standardised rate: Dobson method (DSRCI)
	MethodISR        = "isr"        // indirectly standardised ratio: Byar's / exact on the observed count (ISRCI, RatioCI)
	MethodMean       = "mean"       // Student's t (MeanCI)
	MethodISRate     = "israte"     // indirectly standardised rate: the ISR × the reference rate (ISRateCI)
	MethodCount      = "count"      // a count: Byar's method, exact Poisson for small counts (CountCI)
	MethodOther      = "other"      // supplied with its own interval, never computed here
)

// Polarities of an indicator. They decide whether a significant difference
// from the benchmark is called better or worse (Compare).
const (
	LowerIsBetter  = "lower-is-better"
	HigherIsBetter = "higher-is-better"
	NoJudgement    = "no-judgement"
	NotApplicable  = "not-applicable"
)

// DefaultMultiplier is the multiplier a method's values are expressed with
// when a document gives none: 100 for proportions (per cent) and ratios
// (reference = 100), 100,000 for rates and DSRs, 1 otherwise; the same
// defaults as PHEindicatormethods and `jsna ci`.
func DefaultMultiplier(method string) float64 {
	switch method {
	case MethodProportion, MethodISR:
		return 100
	case MethodRate, MethodDSR, MethodISRate:
		return 100000
	}
	return 1
}

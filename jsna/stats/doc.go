// Package stats holds the statistical methods of public health
// intelligence as pure functions of numbers. It imports nothing of the
// jsna document, the way the standard library's math packages or
// gonum/stat read, so a method can be tested, and used, on its own.
//
// Confidence intervals (ci.go), each returning an Interval with its value:
// ProportionCI (Wilson score), RateCI (crude rates, Byar's method or exact
// Poisson for small counts, CountCI), DSRCI (directly standardised rates
// by the Dobson method, with the 2013 European Standard Population
// ESP2013), ISRCI (indirectly standardised ratios), RatioCI and MeanCI.
// ConfidenceLevel checks a level; Level95 and Level998 are the two levels
// the profiles use. DefaultMultiplier gives each method's multiplier.
//
// Compare (compare.go) compares an interval with a benchmark value, giving
// a Comparison (Better, Similar, Worse, Best and Worst at two levels, or
// Higher and Lower with no judgement). NewSpine (spine.go) lays the wards'
// values out on a spine chart and Spine.Position places one on it.
//
// The methods beyond intervals each have their file: Quantiles
// (quantile.go, phe_quantile), the funnel plot limits and significance
// (funnel.go: FunnelAxis, FunnelLimitsAt, FunnelSignificance), life
// expectancy (lifeexp.go, Chiang II), the slope and relative index of
// inequality (sii.go, CalculateSII), recent trends (trend.go,
// RecentTrend), indirectly standardised rates and DSRs of non-independent
// events (nonindependent.go). CompareBy chooses a comparison method, and
// NewSpineFor applies Fingertips' spine rules (FingertipsSpine).
//
// WriteCITable and WriteComparisonTable (citable.go, citable_compare.go)
// and WriteQuantileTable, WriteFunnelTable, WriteLifeExpectancyTable,
// WriteSIITable and WriteTrendTable (citable_*.go) are the CSV side, for
// `jsna ci` and `jsna compare`: they read a whole table, compute every row
// and write the result only when every row was good; a bad cell is a
// *CSVError naming its line and column. Text cells a spreadsheet would
// evaluate as a formula are written with a leading quote.
//
// See ExampleProportionCI, ExampleRateCI, ExampleDSRCI, ExampleCompare and
// ExampleWriteCITable:
//
//	iv, err := stats.ProportionCI(23, 110, stats.Level95, 100)
//	// iv.Value, iv.Lower and iv.Upper are percentages
package stats

package stats_test

import (
	"fmt"

	"github.com/wardwise/wardwise/jsna/stats"
)

func ExampleQuantiles() {
	// Quintiles of ten wards' deprivation scores, quintile 1 the most
	// deprived (the highest scores: inverted, phe_quantile's default).
	scores := []float64{41.2, 12.5, 30.1, 8.7, 22.4, 35.9, 15.0, 27.3, 19.8, 5.1}
	q, err := stats.Quantiles(scores, 5, true)
	if err != nil {
		panic(err)
	}
	fmt.Println(q)
	// Output: [1 4 2 5 3 1 4 2 3 5]
}

func ExampleRecentTrend() {
	// Five years of a proportion rising from 10% to 18% of 1,000.
	var pts []stats.TrendPoint
	for i, c := range []float64{100, 120, 140, 160, 180} {
		pts = append(pts, stats.TrendPoint{Year: float64(2019 + i), Count: c, Denominator: 1000})
	}
	t := stats.RecentTrend(pts, stats.TrendProportion)
	fmt.Printf("%s (χ² %.1f)\n", stats.TrendDirection(t.Trend, stats.LowerIsBetter), t.Chi2)
	// Output: Increasing and getting worse (χ² 33.2)
}

func ExampleFunnelSignificance() {
	// 893 admissions against 706.8 expected: above the 99.8% funnel limit.
	o := stats.FunnelOptions{Statistic: stats.FunnelRatio, Multiplier: 1, RatioType: stats.RatioISR}
	fmt.Println(stats.FunnelSignificance(893, 706.7669173, 0, o))
	// Output: High (0.001)
}

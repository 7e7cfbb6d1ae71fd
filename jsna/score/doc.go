// Package score scores a jsna document: how each ward compares with the
// benchmark on each indicator, and which wards and needs come first.
//
// Score compares every ward's value with the benchmark by its interval
// (read from the file or computed by the indicator's method with
// jsna/stats), lays out each indicator's spine, counts each ward's
// comparisons by domain and ranks the wards by the need index, which
// NeedIndexFormula states in words: the mean over domains of each
// indicator's effect, the ward's oriented difference from the benchmark
// shrunk by its reliability and in units of the true spread among the
// wards (needindex.go, docs/statistics.md). The result,
// Scores, holds an IndicatorScore per indicator and a WardScore (with its
// ValueScores and DomainCounts) per ward.
//
// RankNeeds ranks the wards' needs by the Hanlon method's BPR, or by
// WeightedScore over the Criteria with the weights given; needs that fail
// the PEARL test come last, unranked, with the answers that failed.
//
// See ExampleScore:
//
//	s, err := score.Score(d, score.Options{})
//	for _, code := range s.Ranking { ... }
package score

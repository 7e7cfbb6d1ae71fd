// Package score scores a jsna document: how each ward compares with the
// benchmark on each indicator, and which wards and needs come first.
//
// Score compares every ward's value with the benchmark by its interval
// (read from the file or computed by the indicator's method with
// jsna/stats), lays out each indicator's spine, counts each ward's
// comparisons by domain and ranks the wards by the need index, which
// NeedIndexFormula states in words: each indicator significantly worse
// than the benchmark adds 1 plus the ward's distance from the benchmark on
// the spine as a share of its half-width, so between 1 and 2. The result,
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

//go:build js && wasm

package ui

import (
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/score"
)

// benchmarkName is what the wards of d are compared with, in the app's
// language: the document's benchmark area (England, or a parent area)
// where the file gives benchmark values, else the area built from the
// wards (score.WardsBenchmark), saying which; a document whose indicators
// differ names both.
func (a *App) benchmarkName(d *jsna.Document) string {
	s, err := a.scoresOf(d)
	if err != nil {
		return a.placeName(d.Benchmark.Code, d.Benchmark.Name)
	}
	switch s.BenchmarkSource {
	case score.FromWardsSum, score.FromWardsMedian:
		return a.sourceName(d, s.BenchmarkSource)
	case score.FromWards:
		return a.t("benchmark.wards", a.placeName(d.Area.Code, d.Area.Name))
	case score.MixedBenchmarks:
		return a.t("benchmark.mixed", a.placeName(d.Benchmark.Code, d.Benchmark.Name))
	case score.NoBenchmark:
		return a.t("benchmark.none")
	}
	return a.placeName(d.Benchmark.Code, d.Benchmark.Name)
}

// sourceName names the benchmark of one source for d.
func (a *App) sourceName(d *jsna.Document, src score.BenchmarkSource) string {
	switch src {
	case score.FromWardsSum:
		return a.t("benchmark.wards.sum", a.placeName(d.Area.Code, d.Area.Name))
	case score.FromWardsMedian:
		return a.t("benchmark.wards.median")
	case score.NoBenchmark:
		return a.t("benchmark.none")
	}
	return a.placeName(d.Benchmark.Code, d.Benchmark.Name)
}

// indicatorBenchmark is the benchmark of indicator id of d, with its
// name: ok is false where it has none.
func (a *App) indicatorBenchmark(d *jsna.Document, id string) (value float64, name string, ok bool) {
	s, err := a.scoresOf(d)
	if err != nil {
		return 0, "", false
	}
	for _, is := range s.Indicators {
		if is.Indicator == id && is.Benchmark != nil {
			return *is.Benchmark, a.sourceName(d, is.BenchmarkSource), true
		}
	}
	return 0, "", false
}

// benchmarkAxisName is benchmarkName short enough for the spine chart's
// axis, between "Worse" and "Better": the key beside the chart gives it
// in full.
func (a *App) benchmarkAxisName(d *jsna.Document) string {
	s, err := a.scoresOf(d)
	if err != nil {
		return a.placeName(d.Benchmark.Code, d.Benchmark.Name)
	}
	switch s.BenchmarkSource {
	case score.FromWardsSum, score.FromWards:
		return a.t("benchmark.axis.wards", a.placeName(d.Area.Code, d.Area.Name))
	case score.FromWardsMedian:
		return a.t("benchmark.axis.median")
	case score.MixedBenchmarks:
		return a.t("benchmark.axis.mixed", a.placeName(d.Benchmark.Code, d.Benchmark.Name))
	case score.NoBenchmark:
		return a.t("benchmark.none")
	}
	return a.placeName(d.Benchmark.Code, d.Benchmark.Name)
}

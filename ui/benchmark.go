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

// otherNames are the names of d's further benchmarks (shown beside the
// primary), in the app's language where the catalogue knows the place.
func (a *App) otherNames(d *jsna.Document) []string {
	names := make([]string, len(d.OtherBenchmarks))
	for k, b := range d.OtherBenchmarks {
		names[k] = a.placeName(b.Code, b.Name)
	}
	return names
}

// comparatorWards counts the wards of d its own spine ranges are drawn
// over: every ward but the benchmark's and the area's own rows.
func comparatorWards(d *jsna.Document) int {
	n := 0
	for _, w := range d.Wards {
		if w.Code != d.Benchmark.Code && w.Code != d.Area.Code {
			n++
		}
	}
	return n
}

// rangeLabel says where the spine ranges of d's chart come from: the
// document's own wards, one reference file's wards ("Range: all wards in
// England, Fingertips, 2016/17 - 20/21"), or a reference file where it
// has the indicator and the document's wards otherwise.
func (a *App) rangeLabel(d *jsna.Document) string {
	var ref *jsna.Comparators
	mixed, periods := false, map[string]bool{}
	for i := range d.Indicators {
		c := d.Indicators[i].Comparators
		switch {
		case c == nil:
			mixed = true
		case ref == nil:
			ref = c
		}
		if c != nil {
			periods[c.Period] = true
		}
	}
	switch {
	case ref == nil:
		return a.tn("range.wards", comparatorWards(d))
	case mixed:
		return a.tn("range.mixed", comparatorWards(d), a.placeName(ref.AreaCode, ref.Area), ref.Source)
	case len(periods) > 1:
		return a.t("range.reference.periods", a.placeName(ref.AreaCode, ref.Area), ref.Source)
	}
	return a.t("range.reference", a.placeName(ref.AreaCode, ref.Area), ref.Source, ref.Period)
}

// rangeCell says where one indicator's spine range comes from, for the
// spine chart's table.
func (a *App) rangeCell(d *jsna.Document, ind *jsna.Indicator) string {
	if c := ind.Comparators; c != nil {
		return a.tn("range.cell.reference", c.N, fmtInt(c.N), a.placeName(c.AreaCode, c.Area), c.Source, c.Period)
	}
	return a.tn("range.cell.wards", comparatorWards(d))
}

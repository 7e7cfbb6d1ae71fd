package score

import (
	"slices"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// Where an indicator's spine range and quintiles come from
// (IndicatorScore.Range).
const (
	// RangeWards: the document's own wards, every ward but the
	// benchmark's.
	RangeWards = "wards"
	// RangeReference: the indicator's Comparators, a summary of a
	// reference file of all wards in England (or Wales).
	RangeReference = "reference"
)

// OtherValue is an indicator's value in one further benchmark
// (Scores.OtherBenchmarks): nil where the benchmark has none.
type OtherValue struct {
	Code  string   `json:"code"`
	Value *float64 `json:"value,omitempty"`
	// SpineAt is the value's position 0–1 on the indicator's spine, nil
	// without a value: the spine chart marks it beside the ward's.
	SpineAt *float64 `json:"spine_at,omitempty"`
}

// PeriodBenchmark is the benchmark's value of an indicator in one period,
// and where it comes from: the file's (FromFile) or built from the wards'
// values of that period (FromWardsSum, FromWardsMedian).
type PeriodBenchmark struct {
	Period string          `json:"period"`
	Value  float64         `json:"value"`
	Source BenchmarkSource `json:"source"`
}

// periodIndex holds each indicator's benchmarks by period: the primary's
// and the further benchmarks' values, the indicator's own period first.
type periodIndex struct {
	byInd [][]periodBenchmarks
	none  []periodBenchmarks // per indicator: a period without benchmarks
}

// periodBenchmarks are an indicator's benchmarks in one period.
type periodBenchmarks struct {
	period  string // the indicator's own period for the first entry
	primary *float64
	source  BenchmarkSource
	others  []*float64 // one per Document.OtherBenchmarks
}

// at is indicator i's benchmarks in period ("" the indicator's own). A
// period with no benchmark value has none (nil), never another period's.
func (x *periodIndex) at(i int, period string, ind *jsna.Indicator) *periodBenchmarks {
	list := x.byInd[i]
	if period == "" || period == ind.Period {
		return &list[0]
	}
	for k := 1; k < len(list); k++ {
		if list[k].period == period {
			return &list[k]
		}
	}
	return &x.none[i]
}

// entry is indicator i's benchmarks in period, added where it has none.
func (x *periodIndex) entry(i int, period string, ind *jsna.Indicator, nOther int) *periodBenchmarks {
	if period == "" || period == ind.Period {
		return &x.byInd[i][0]
	}
	for k := range x.byInd[i] {
		if x.byInd[i][k].period == period {
			return &x.byInd[i][k]
		}
	}
	x.byInd[i] = append(x.byInd[i], periodBenchmarks{period: period, source: NoBenchmark, others: make([]*float64, nOther)})
	return &x.byInd[i][len(x.byInd[i])-1]
}

// benchmarksByPeriod indexes every benchmark value of d by indicator and
// period, fills each indicator's Others and Series, and returns the index
// scoreValues compares each value with: the primary benchmark of the
// indicator's own period is benchmarks'; of another period, the
// document's benchmark value for it (Benchmark.Values) or, failing that,
// one built from the wards' values of that period (WardsBenchmark); each
// further benchmark's value is its own, never built.
func benchmarksByPeriod(s *Scores, d *jsna.Document, l *layout, loc *located, parts int) *periodIndex {
	nOther := len(d.OtherBenchmarks)
	x := &periodIndex{byInd: make([][]periodBenchmarks, len(d.Indicators)), none: make([]periodBenchmarks, len(d.Indicators))}
	for i := range d.Indicators {
		is := &s.Indicators[i]
		x.byInd[i] = []periodBenchmarks{{period: d.Indicators[i].Period, primary: is.Benchmark, source: is.BenchmarkSource, others: make([]*float64, nOther)}}
		x.none[i] = periodBenchmarks{source: NoBenchmark, others: make([]*float64, nOther)}
	}
	add := func(b *jsna.Benchmark, k int) {
		for vi := range b.Values {
			v := &b.Values[vi]
			i, ok := l.indexOf[v.Indicator]
			if !ok {
				continue
			}
			val, ok := valueOf(&d.Indicators[i], v)
			if !ok {
				continue
			}
			e := x.entry(i, v.Period, &d.Indicators[i], nOther)
			switch {
			case k >= 0:
				e.others[k] = &val
			case e == &x.byInd[i][0] && e.source == FromFile:
				// benchmark_value stands for the indicator's own period.
			default:
				e.primary, e.source = &val, FromFile
			}
		}
	}
	add(&d.Benchmark, -1)
	for k := range d.OtherBenchmarks {
		add(&d.OtherBenchmarks[k], k)
	}
	s.OtherBenchmarks = make([]jsna.Benchmark, nOther)
	for k, b := range d.OtherBenchmarks {
		s.OtherBenchmarks[k] = jsna.Benchmark{Code: b.Code, Name: b.Name, Kind: b.Kind}
	}
	fillFromBenchmarkValues(s, x)
	buildPeriods(s, d, loc.otherPeriods, x, parts)
	return x
}

// fillFromBenchmarkValues takes, for an indicator whose own period has no
// benchmark_value, the primary benchmark's value of that period from
// Benchmark.Values, and sets each indicator's Others.
func fillFromBenchmarkValues(s *Scores, x *periodIndex) {
	for i := range s.Indicators {
		is := &s.Indicators[i]
		cur := &x.byInd[i][0]
		if cur.source == FromFile && is.BenchmarkSource != FromFile {
			is.Benchmark, is.BenchmarkSource = copyPtr(cur.primary), FromFile
		}
		if len(s.OtherBenchmarks) > 0 {
			is.Others = make([]OtherValue, len(s.OtherBenchmarks))
			for k, b := range s.OtherBenchmarks {
				is.Others[k] = OtherValue{Code: b.Code, Value: copyPtr(cur.others[k])}
			}
		}
	}
	s.BenchmarkSource = summarise(s.Indicators)
}

// buildPeriods finds the periods of every indicator the wards have besides
// its own, builds the primary benchmark of each period the file gives none
// for from the wards' values of that period (WardsBenchmark), and sets
// each indicator's Series where it has more than one period. byPeriod
// holds the wards' values of those periods (located.otherPeriods).
//
// The indicators are taken in parts (inParts).
func buildPeriods(s *Scores, d *jsna.Document, byPeriod [][]periodValues, x *periodIndex, parts int) {
	inParts(parts, len(byPeriod), func(_, lo, hi int) {
		var xs []float64
		for i := lo; i < hi; i++ {
			for _, pv := range byPeriod[i] {
				e := x.entry(i, pv.period, &d.Indicators[i], len(d.OtherBenchmarks))
				if e.primary != nil {
					continue
				}
				var b float64
				var src BenchmarkSource
				if b, src, xs = wardsBenchmark(&d.Indicators[i], pv.values, xs); src != NoBenchmark {
					e.primary, e.source = &b, src
				}
			}
		}
	})
	for i := range s.Indicators {
		var series []PeriodBenchmark
		for _, e := range x.byInd[i] {
			if e.primary != nil {
				series = append(series, PeriodBenchmark{Period: e.period, Value: *e.primary, Source: e.source})
			}
		}
		if len(series) > 1 {
			slices.SortStableFunc(series, func(a, b PeriodBenchmark) int { return jsna.ComparePeriods(a.Period, b.Period) })
			s.Indicators[i].Series = series
		}
	}
}

// periodValues are the wards' values of an indicator in one period, in
// ward order.
type periodValues struct {
	period string
	values []*jsna.Value
}

// addPeriodValue adds v to its period's values among pvs (a few periods:
// searched from the last added).
func addPeriodValue(pvs []periodValues, v *jsna.Value) []periodValues {
	for k := len(pvs) - 1; k >= 0; k-- {
		if pvs[k].period == v.Period {
			pvs[k].values = append(pvs[k].values, v)
			return pvs
		}
	}
	return append(pvs, periodValues{period: v.Period, values: []*jsna.Value{v}})
}

// Other is the ward's value of the i-th indicator compared with the k-th
// further benchmark (Scores.OtherBenchmarks), by the rule of its
// comparison with the primary one; NotCompared where the benchmark has no
// value for the value's period, or the value cannot be compared.
func (w *WardScore) Other(i, k int) stats.Comparison {
	if k < 0 || k >= w.nOther {
		return ""
	}
	return comparisons[w.others[i*w.nOther+k]]
}

// othersOf is where the i-th indicator's comparisons with the further
// benchmarks go: nil without any.
func (w *WardScore) othersOf(i int) []uint8 {
	if w.nOther == 0 {
		return nil
	}
	return w.others[i*w.nOther : (i+1)*w.nOther]
}

// placeOthers puts each further benchmark's value on its indicator's spine.
func placeOthers(s *Scores) {
	for i := range s.Indicators {
		is := &s.Indicators[i]
		for k := range is.Others {
			if o := &is.Others[k]; o.Value != nil {
				at := is.Spine.Position(*o.Value)
				o.SpineAt = &at
			}
		}
	}
}

// PeriodScore is one period of a ward's series of an indicator, compared
// with that period's benchmarks.
type PeriodScore struct {
	Period string     `json:"period"`
	Score  ValueScore `json:"-"` // the value, its interval and comparison with the primary benchmark
	Note   string     `json:"note,omitempty"`
	// Benchmark is the primary benchmark's value of the period, nil where
	// there is none; Source says where it comes from; Others are the
	// comparisons with the further benchmarks of the period.
	Benchmark *float64           `json:"benchmark,omitempty"`
	Source    BenchmarkSource    `json:"benchmark_source"`
	Others    []stats.Comparison `json:"others,omitempty"`
}

// SeriesScores scores every period of ward w's series of indicator ind
// (jsna.Series, earliest first), each compared with its own period's
// benchmarks at the scoring confidence: the primary (Benchmark) and the
// further ones (Others). d must be the document s scored.
func (s *Scores) SeriesScores(d *jsna.Document, w *jsna.Ward, ind *jsna.Indicator) []PeriodScore {
	i := slices.IndexFunc(d.Indicators, func(x jsna.Indicator) bool { return x.ID == ind.ID })
	if i < 0 || s.bench == nil {
		return nil
	}
	self := w.Code != "" && w.Code == d.Benchmark.Code
	series := jsna.Series(w, ind)
	out := make([]PeriodScore, len(series))
	t := newScoreText(nil)
	for k, v := range series {
		at := s.bench.at(i, v.Period, ind)
		ps := &out[k]
		ps.Period = jsna.ValuePeriod(v, ind)
		ps.Benchmark, ps.Source = copyPtr(at.primary), at.source
		codes := make([]uint8, len(at.others))
		scoreValue(&ps.Score, t, ind, at.primary, v, s.Confidence, self, at.others, codes)
		ps.Note = t.wordOf(ps.Score.note)
		for _, c := range codes {
			ps.Others = append(ps.Others, comparisons[c])
		}
	}
	return out
}

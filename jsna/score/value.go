package score

import (
	"encoding/json"

	"github.com/wardwise/wardwise/jsna/stats"
)

// ValueScore is one ward's value for one indicator, with its interval at
// the scoring confidence, its comparison and its place on the spine.
//
// A ValueScore holds no pointers and takes 64 bytes, so that the 420,000 of an England-scale
// master (7,000 wards × 60 indicators) are one slab the garbage collector
// never scans: its numbers are held by value, with a mask saying which are
// present, and its words as small codes. Its methods read the numbers,
// the comparison and the quintile; the ward's WardScore methods (Note,
// Period, Trend, WorseAndWorsening) read the words the ward's scores keep
// apart. The zero ValueScore has nothing present and no comparison.
type ValueScore struct {
	count, denominator, value float64
	lower, upper              float64 // at the scoring confidence
	spineAt                   float64 // present with the value
	note, period              int32   // index into scoreText.words, 0 for ""
	trend                     int32   // 1 + index into scoreText.trends, 0 for none
	has                       present
	comparison                uint8 // index into comparisons
	quintile                  int8
	byQuintile                uint8 // index into quintileLabels
}

// present says which of a ValueScore's numbers it has.
type present uint8

const (
	hasCount present = 1 << iota
	hasDenominator
	hasValue // and so a spine position
	hasInterval
	computed // the interval was computed by the indicator's method
)

// Count is the value's count, false when the file gives none.
func (v *ValueScore) Count() (float64, bool) { return v.count, v.has&hasCount != 0 }

// Denominator is the value's denominator, false when the file gives none.
func (v *ValueScore) Denominator() (float64, bool) { return v.denominator, v.has&hasDenominator != 0 }

// Value is the ward's value, the file's or computed from the count and
// denominator; false when there is none (missing or suppressed).
func (v *ValueScore) Value() (float64, bool) { return v.value, v.has&hasValue != 0 }

// Interval is the value's interval at the scoring confidence, the file's
// or computed (Computed); ok is false when there is none.
func (v *ValueScore) Interval() (lower, upper float64, ok bool) {
	return v.lower, v.upper, v.has&hasInterval != 0
}

// Computed reports whether the interval was computed by the indicator's
// method, not read from the file.
func (v *ValueScore) Computed() bool { return v.has&computed != 0 }

// SpineAt is the ward value's position 0–1 on the indicator's spine;
// false when there is no value.
func (v *ValueScore) SpineAt() (float64, bool) { return v.spineAt, v.has&hasValue != 0 }

// Comparison is the value's comparison with the benchmark (stats.Compare's),
// NotCompared where it could not be compared; "" for the zero ValueScore.
func (v *ValueScore) Comparison() stats.Comparison { return comparisons[v.comparison] }

// Quintile is the value's quintile among the comparators' values, 1
// holding the lowest (phe_quantile, five quantiles, not inverted); 0 for
// no value, the benchmark's ward, or fewer than five values.
func (v *ValueScore) Quintile() int { return int(v.quintile) }

// ByQuintile, where the value was compared by its quintile among the
// comparators rather than by an interval (the indicator's comparison is
// quintiles, or the value has no interval), is the quintile's name by
// polarity (stats.QuintileLabel: "best" … "worst", "lowest" … "highest");
// Comparison is then NotCompared, since no difference was tested. It is
// "" for a value compared by its interval or not at all.
func (v *ValueScore) ByQuintile() string { return quintileLabels[v.byQuintile] }

// HasTrend reports whether the ward has a series of the indicator (more
// than one period), whose trend WardScore.Trend returns.
func (v *ValueScore) HasTrend() bool { return v.trend != 0 }

// Codes of the comparisons a ValueScore holds; 0 is the zero ValueScore's.
const (
	comparisonNone uint8 = iota
	comparisonNotCompared
	comparisonBetter
	comparisonSimilar
	comparisonWorse
	comparisonBest
	comparisonWorst
	comparisonHigher
	comparisonLower
)

// comparisons are the comparisons a ValueScore codes, by code.
var comparisons = [...]stats.Comparison{comparisonNone: "", comparisonNotCompared: stats.NotCompared,
	comparisonBetter: stats.Better, comparisonSimilar: stats.Similar, comparisonWorse: stats.Worse,
	comparisonBest: stats.Best, comparisonWorst: stats.Worst, comparisonHigher: stats.Higher, comparisonLower: stats.Lower}

// comparisonCode is c's code, that of NotCompared for a comparison it
// does not know. The comparisons differ in length or in their first or
// last letter, so that one string comparison, with the one it can be,
// tells them apart (a switch on the strings would compare several, for
// each of an England-scale master's 420,000 values).
func comparisonCode(c stats.Comparison) uint8 {
	var k uint8
	switch len(c) {
	case 0:
		return comparisonNone
	case 4:
		k = comparisonBest
	case 5:
		switch {
		case c[0] == 'l':
			k = comparisonLower
		case c[4] == 't':
			k = comparisonWorst
		default:
			k = comparisonWorse
		}
	case 6:
		k = comparisonBetter
		if c[0] == 'h' {
			k = comparisonHigher
		}
	case 7:
		k = comparisonSimilar
	}
	if k != comparisonNone && comparisons[k] == c {
		return k
	}
	return comparisonNotCompared
}

// quintileLabels are the names stats.QuintileLabel gives quintiles, by
// code; 0 is "".
var quintileLabels = [...]string{"", "best", "2nd-best", "middle", "2nd-worst", "worst",
	"lowest", "2nd-lowest", "2nd-highest", "highest"}

// quintileLabelCode is label's index in quintileLabels, 0 for one it
// does not know.
func quintileLabelCode(label string) uint8 {
	for k, x := range quintileLabels {
		if x == label {
			return uint8(k)
		}
	}
	return 0
}

// scoreText holds the words and trends of one Scores' ValueScores, which
// they index: the notes and periods, and the series' trend markers. Every
// WardScore of the Scores points to it.
type scoreText struct {
	indicators []string // the indicator IDs, in document order, for the JSON
	words      []string // fixedWords, then the notes and periods not among them
	trends     []TrendMarker
}

// Notes Score gives, at fixed indices of scoreText.words.
const (
	noteNone = iota
	noteNoValue
	noteNoInterval
	noteByQuintile
	noteSelf
	noteNoBenchmark
	noteByQuintiles
	noteQuintile1           // … noteQuintile1+4: "compared by quintiles: quintile q of 5"
	noteByQuintileReference = noteQuintile1 + 5
)

var fixedWords = [...]string{"", "no value", NoteNoInterval, NoteByQuintile,
	"the benchmark area is not compared with itself", "no benchmark value", "compared by quintiles",
	"compared by quintiles: quintile 1 of 5", "compared by quintiles: quintile 2 of 5",
	"compared by quintiles: quintile 3 of 5", "compared by quintiles: quintile 4 of 5",
	"compared by quintiles: quintile 5 of 5", NoteByQuintileReference}

func newScoreText(indicators []string) *scoreText {
	t := &scoreText{indicators: indicators, words: make([]string, len(fixedWords), len(fixedWords)+64)}
	copy(t.words, fixedWords[:])
	return t
}

// word is the index of s in t.words: that of a fixed word, or a new one.
func (t *scoreText) word(s string) int32 {
	for k, x := range fixedWords {
		if x == s {
			return int32(k)
		}
	}
	t.words = append(t.words, s)
	return int32(len(t.words) - 1)
}

// Note is why the ward's value of the i-th indicator is missing,
// suppressed or not compared, or how it was compared by quintile; "" for
// none.
func (w *WardScore) Note(i int) string { return w.text.wordOf(w.Values[i].note) }

// Period is the current value of the i-th indicator's own period, ""
// where it is the indicator's.
func (w *WardScore) Period(i int) string { return w.text.wordOf(w.Values[i].period) }

// Trend is the ward's series of the i-th indicator and its recent trend
// (trend.go), nil where the ward has one period of it or none.
func (w *WardScore) Trend(i int) *TrendMarker {
	k := w.Values[i].trend
	if k == 0 || w.text == nil {
		return nil
	}
	return &w.text.trends[k-1]
}

// WorseAndWorsening reports whether the ward's value of the i-th indicator
// is worse than the benchmark (Worse or Worst) and its recent trend is
// getting worse: the flag the ward page, the priorities and the report
// show.
func (w *WardScore) WorseAndWorsening(i int) bool {
	c := w.Values[i].Comparison()
	t := w.Trend(i)
	return (c == stats.Worse || c == stats.Worst) && t != nil && t.Worsening
}

func (t *scoreText) wordOf(k int32) string {
	if t == nil {
		return ""
	}
	return t.words[k]
}

// valueJSON is a ValueScore as `jsna score --json` writes it.
type valueJSON struct {
	Indicator   string           `json:"indicator"`
	Count       *float64         `json:"count,omitempty"`
	Denominator *float64         `json:"denominator,omitempty"`
	Value       *float64         `json:"value,omitempty"`
	Lower       *float64         `json:"lower,omitempty"`
	Upper       *float64         `json:"upper,omitempty"`
	Computed    bool             `json:"computed,omitempty"`
	Comparison  stats.Comparison `json:"comparison"`
	SpineAt     *float64         `json:"spine_at,omitempty"`
	Quintile    int              `json:"quintile,omitempty"`
	ByQuintile  string           `json:"by_quintile,omitempty"`
	Note        string           `json:"note,omitempty"`
	Period      string           `json:"period,omitempty"`
	Trend       *TrendMarker     `json:"trend,omitempty"`
	// Others: the comparisons with the further benchmarks (WardScore.Other).
	Others []stats.Comparison `json:"others,omitempty"`
}

// MarshalJSON writes the ward's scores with each value as an object of
// its indicator, the numbers present, its comparison and its words, in
// WardScore's field order.
func (w WardScore) MarshalJSON() ([]byte, error) {
	out := struct {
		Code       string        `json:"code"`
		Name       string        `json:"name"`
		Values     []valueJSON   `json:"values"`
		Domains    []DomainCount `json:"domains"`
		Total      DomainCount   `json:"total"`
		NeedIndex  float64       `json:"need_index"`
		Unadjusted bool          `json:"unadjusted,omitempty"`
		Missing    int           `json:"missing"`
		Rank       int           `json:"rank"`
	}{Code: w.Code, Name: w.Name, Domains: w.Domains, Total: w.Total, NeedIndex: w.NeedIndex, Unadjusted: w.Unadjusted, Missing: w.Missing, Rank: w.Rank}
	if w.Values != nil {
		out.Values = make([]valueJSON, len(w.Values))
	}
	num := func(x float64, ok bool) *float64 {
		if !ok {
			return nil
		}
		return &x
	}
	for i := range w.Values {
		v := &w.Values[i]
		lower, upper, ok := v.Interval()
		vj := &out.Values[i]
		*vj = valueJSON{
			Count: num(v.Count()), Denominator: num(v.Denominator()), Value: num(v.Value()),
			Lower: num(lower, ok), Upper: num(upper, ok), Computed: v.Computed(), Comparison: v.Comparison(),
			SpineAt: num(v.SpineAt()), Quintile: v.Quintile(), ByQuintile: v.ByQuintile(),
			Note: w.Note(i), Period: w.Period(i), Trend: w.Trend(i),
		}
		for k := range w.nOther {
			vj.Others = append(vj.Others, w.Other(i, k))
		}
		if w.text != nil && i < len(w.text.indicators) {
			vj.Indicator = w.text.indicators[i]
		}
	}
	return json.Marshal(out)
}

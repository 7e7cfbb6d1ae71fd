package jsna

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// Time series: a ward may hold several values of one indicator, one per
// time period (Value.Period; a value without one is of its indicator's
// Period). A value is keyed by its indicator and period (ValueKey), and
// the current value of an indicator is the one of its latest period, by
// ComparePeriods. Scoring, disclosure, the report and the app read the
// current value (CurrentValue, IsLater); the trend chart reads the whole
// series (Series).

// ValueKeySeparator separates a value's indicator from its period in its
// key: "93085@2019/20".
const ValueKeySeparator = "@"

// ValueKey is the key of a ward's value of indicator in period: the
// indicator alone where the value has no period of its own, so that a
// file without periods keys its values as before, otherwise the indicator,
// "@" and the period. The merge names values by it
// (wards[E05000001].values["93085@2019/20"]).
func ValueKey(indicator, period string) string {
	if period == "" {
		return indicator
	}
	return indicator + ValueKeySeparator + period
}

// Key is v's ValueKey.
func (v *Value) Key() string { return ValueKey(v.Indicator, v.Period) }

// ValuePeriod is v's period: its own, or where it has none, the period of
// its indicator ind (nil for none).
func ValuePeriod(v *Value, ind *Indicator) string {
	if v.Period != "" || ind == nil {
		return v.Period
	}
	return ind.Period
}

// A period's span in years (start inclusive, end exclusive), from its
// Fingertips form. A financial or academic year runs from April, counted
// as a quarter of a year in.
// The forms are those of the regular expressions ^(\d{4})$ (calendar),
// ^(\d{4})\s*/\s*(\d{2}|\d{4})$ (financial), the same with "-" (pooled)
// and ^(\d{4})\s*/\s*(\d{2}|\d{4})\s*-\s*(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})$
// (pooled financial), matched by hand (periodParts, codes.go).
const financialOff = 0.25

// PeriodSpan reads a Fingertips time period and returns the years it
// covers as [start, end): "2019" is [2019, 2020); "2019/20" (a financial
// or academic year, also "2019-20") [2019.25, 2020.25); "2017 - 21" (five
// calendar years pooled) [2017, 2022); "2020/21 - 22/23" (three financial
// years pooled) [2020.25, 2023.25). Other forms (quarters, months, free
// text) report false.
func PeriodSpan(s string) (start, end float64, ok bool) {
	if sp, hit := spans.Load(s); hit {
		x := sp.(span)
		return x.start, x.end, x.ok
	}
	start, end, ok = readSpan(s)
	if spanCount.Add(1) <= maxSpans {
		spans.Store(s, span{start, end, ok})
	}
	return start, end, ok
}

// span is a period's PeriodSpan, remembered: a document has few distinct
// periods, read again for every ward (scoring an England-scale series
// read each with the regular expressions 7 times slower).
type span struct {
	start, end float64
	ok         bool
}

var (
	spans     sync.Map // period → span
	spanCount atomic.Int64
)

// maxSpans bounds the periods remembered.
const maxSpans = 10000

// readSpan is PeriodSpan without the memo.
func readSpan(s string) (start, end float64, ok bool) {
	s = strings.TrimSpace(s)
	runs, seps, ok := periodParts(s)
	if !ok {
		return 0, 0, false
	}
	m := append([]string{s}, runs...) // as a regular expression's submatches
	if periodShape(runs, seps, "4") {
		y := atoi(m[1])
		return float64(y), float64(y + 1), true
	}
	if periodShape(runs, seps, "4/y") {
		y, e := atoi(m[1]), fullYear(m[1], m[2])
		if e != y+1 {
			return 0, 0, false
		}
		return float64(y) + financialOff, float64(e) + financialOff, true
	}
	if periodShape(runs, seps, "4-y") {
		y, e := atoi(m[1]), fullYear(m[1], m[2])
		switch {
		case e == y+1 && len(m[2]) == 2: // 2019-20, a financial year
			return float64(y) + financialOff, float64(e) + financialOff, true
		case e <= y || e-y > 20:
			return 0, 0, false
		}
		return float64(y), float64(e + 1), true
	}
	if periodShape(runs, seps, "4/y-y/y") {
		y, last, e := atoi(m[1]), fullYear(m[1], m[3]), fullYear(m[1], m[4])
		if fullYear(m[1], m[2]) != y+1 || e != last+1 || last <= y || e-y > 20 {
			return 0, 0, false
		}
		return float64(y) + financialOff, float64(e) + financialOff, true
	}
	return 0, 0, false
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// fullYear is the year end written after the year start: "21" after
// "2017" is 2021, "01" after "1999" is 2001.
func fullYear(start, end string) int {
	e := atoi(end)
	if len(end) == 4 {
		return e
	}
	y := atoi(start)
	e += y / 100 * 100
	if e < y {
		e += 100
	}
	return e
}

// ComparePeriods orders time periods, earliest first, and returns -1, 0
// or +1: periods PeriodSpan reads come after those it does not (which
// are in byte order among themselves), and are ordered by the end of
// their span, then by its start (of two periods ending together the
// shorter, more recent one is later: "2021" after "2017 - 21"), then by
// their text. So "2019" < "2019/20" (to March 2020) < "2017 - 21" (to
// December 2021) < "2021" < "2020/21 - 22/23" (to March 2023).
func ComparePeriods(a, b string) int {
	as, ae, aok := PeriodSpan(a)
	bs, be, bok := PeriodSpan(b)
	return compareSpans(a, span{as, ae, aok}, b, span{bs, be, bok})
}

// Periods remembers the spans of the periods it has compared, for one
// goroutine: its Compare is ComparePeriods with a plain map lookup per
// period instead of PeriodSpan's shared memo, for the many comparisons of
// scoring a document. The zero Periods is not ready: make one with
// make(Periods).
type Periods map[string]span

// Compare is ComparePeriods(a, b).
func (p Periods) Compare(a, b string) int {
	return compareSpans(a, p.span(a), b, p.span(b))
}

// IsLater is IsLater(v, than, ind).
func (p Periods) IsLater(v, than *Value, ind *Indicator) bool {
	return p.Compare(ValuePeriod(v, ind), ValuePeriod(than, ind)) > 0
}

// SortSeries is SortSeries(values, ind), each value's span looked up
// once rather than at every comparison.
func (p Periods) SortSeries(values []*Value, ind *Indicator) {
	var room [8]span
	spans := room[:0]
	for _, v := range values {
		spans = append(spans, p.span(ValuePeriod(v, ind)))
	}
	for i := 1; i < len(values); i++ {
		for j := i; j > 0 && compareSpans(ValuePeriod(values[j-1], ind), spans[j-1], ValuePeriod(values[j], ind), spans[j]) > 0; j-- {
			values[j-1], values[j] = values[j], values[j-1]
			spans[j-1], spans[j] = spans[j], spans[j-1]
		}
	}
}

// Span is PeriodSpan(s).
func (p Periods) Span(s string) (start, end float64, ok bool) {
	sp := p.span(s)
	return sp.start, sp.end, sp.ok
}

func (p Periods) span(s string) span {
	sp, ok := p[s]
	if !ok {
		sp.start, sp.end, sp.ok = PeriodSpan(s)
		p[s] = sp
	}
	return sp
}

// compareSpans is ComparePeriods of a and b, whose spans are sa and sb.
func compareSpans(a string, sa span, b string, sb span) int {
	as, ae, aok := sa.start, sa.end, sa.ok
	bs, be, bok := sb.start, sb.end, sb.ok
	switch {
	case aok != bok:
		if aok {
			return 1
		}
		return -1
	case aok && ae != be:
		return cmpFloat(ae, be)
	case aok && as != bs:
		return cmpFloat(as, bs)
	}
	return strings.Compare(a, b)
}

func cmpFloat(a, b float64) int {
	if a < b {
		return -1
	}
	return 1
}

// IsLater reports whether v, a value of ind, is of a later period than
// than, another value of ind (ComparePeriods on ValuePeriod): the one
// rule by which the current value is chosen.
func IsLater(v, than *Value, ind *Indicator) bool {
	return ComparePeriods(ValuePeriod(v, ind), ValuePeriod(than, ind)) > 0
}

// CurrentValue returns w's current value of ind, the value of its latest
// period, or nil where w has none.
func CurrentValue(w *Ward, ind *Indicator) *Value {
	var cur *Value
	for i := range w.Values {
		v := &w.Values[i]
		if v.Indicator == ind.ID && (cur == nil || IsLater(v, cur, ind)) {
			cur = v
		}
	}
	return cur
}

// Series returns w's values of ind, earliest period first.
func Series(w *Ward, ind *Indicator) []*Value {
	var out []*Value
	for i := range w.Values {
		if w.Values[i].Indicator == ind.ID {
			out = append(out, &w.Values[i])
		}
	}
	SortSeries(out, ind)
	return out
}

// SortSeries sorts values of ind, earliest period first, keeping values
// of the same period in their order: Series' order.
func SortSeries(values []*Value, ind *Indicator) {
	sortSeries(values, ind, ComparePeriods)
}

func sortSeries(values []*Value, ind *Indicator, compare func(a, b string) int) {
	// Insertion sort, stable: a series is a few periods, already in order
	// in most files, and a sort.Slice costs allocations per ward.
	for i := 1; i < len(values); i++ {
		for j := i; j > 0 && compare(ValuePeriod(values[j-1], ind), ValuePeriod(values[j], ind)) > 0; j-- {
			values[j-1], values[j] = values[j], values[j-1]
		}
	}
}

// periodPhrase is ", period P" for a problem about a value of period p,
// as a Text (a phrase the front end words), or an empty Text for a value
// without one.
func periodPhrase(p string) Text {
	if p == "" {
		return Text{}
	}
	return Textf(", period %q", p)
}

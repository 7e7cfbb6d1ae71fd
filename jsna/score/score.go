package score

import (
	"cmp"
	"slices"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// Options chooses how Score compares and ranks.
type Options struct {
	// Confidence is the level of the interval compared with the
	// benchmark: Level95 (the default when 0) or Level998. Any level
	// strictly between 0 and 1 is accepted; intervals the file gives are
	// used at 0.95 and 0.998, other levels are computed.
	Confidence float64
	// Weights nil ranks needs by BPR; otherwise by RankNeeds' weighted
	// score with these weights.
	Weights map[string]float64
	// DomainWeights weight the domains in the need index, by domain name;
	// a domain not named weighs 1.
	DomainWeights map[string]float64
}

// Scores is everything the views and `jsna score` show.
type Scores struct {
	Confidence float64        `json:"confidence"`
	Benchmark  jsna.Benchmark `json:"benchmark"`
	// BenchmarkSource is the source of every indicator's benchmark
	// (benchmark.go), MixedBenchmarks where they differ.
	BenchmarkSource BenchmarkSource `json:"benchmark_source"`
	// OtherBenchmarks are the document's further benchmarks
	// (Document.OtherBenchmarks, without their values), in order: each
	// value is compared with each of them too (WardScore.Other).
	OtherBenchmarks []jsna.Benchmark `json:"other_benchmarks,omitempty"`
	Indicators      []IndicatorScore `json:"indicators"` // in document order
	Wards           []WardScore      `json:"wards"`      // in document order
	Ranking         []string         `json:"ranking"`    // ward codes, highest need index first (ties by code)
	NeedIndex       string           `json:"need_index"` // the need index formula, in English, for display
	Needs           []RankedNeed     `json:"needs"`      // RankNeeds' result

	byCode map[string]int
	bench  *periodIndex // the benchmarks by period, for SeriesScores
}

// IndicatorScore is an indicator's benchmark and spine.
type IndicatorScore struct {
	Indicator  string  `json:"indicator"`
	Name       string  `json:"name"`
	Domain     string  `json:"domain,omitempty"`
	Method     string  `json:"method"`
	Polarity   string  `json:"polarity"`
	Unit       string  `json:"unit,omitempty"`
	Multiplier float64 `json:"multiplier"` // as used for computed intervals
	// Benchmark is the value the wards are compared with: the file's
	// benchmark_value, or one built from the wards (BenchmarkSource).
	Benchmark       *float64        `json:"benchmark,omitempty"`
	BenchmarkSource BenchmarkSource `json:"benchmark_source"`
	Spine           stats.Spine     `json:"spine"` // over every ward with a value, or the reference (Range)
	// Others are the indicator's values in the further benchmarks, one
	// per Scores.OtherBenchmarks, at the indicator's own period.
	Others []OtherValue `json:"others,omitempty"`
	// Series is the benchmark's value in every period the document has
	// for the indicator (the file's, or built from the wards' values of
	// that period), earliest first; empty where there is one period.
	Series []PeriodBenchmark `json:"series,omitempty"`
	// Range says where the spine range and the quintiles come from:
	// RangeWards (the document's wards) or RangeReference (the
	// indicator's Comparators, a reference file of all wards).
	Range       string            `json:"range"`
	Comparators *jsna.Comparators `json:"comparators,omitempty"` // the reference's summary, where Range is RangeReference
}

// WardScore is one ward's scored values, summary and need index.
type WardScore struct {
	Code      string        `json:"code"`
	Name      string        `json:"name"`
	Values    []ValueScore  `json:"values"`     // one per document indicator, in document indicator order
	Domains   []DomainCount `json:"domains"`    // per domain in first-appearance order of document indicators
	Total     DomainCount   `json:"total"`      // all domains together (Domain "")
	NeedIndex float64       `json:"need_index"` // NeedIndexFormula: 0 at the benchmark, positive worse
	// Unadjusted marks a ward with a value that had no interval, so that
	// its difference could not be shrunk for sampling error.
	Unadjusted bool `json:"unadjusted,omitempty"`
	// Missing counts the indicators that give the ward no effect: no
	// value (missing or suppressed), no benchmark, no polarity, or too few
	// wards to know the spread. They are left out, not taken as 0.
	Missing int `json:"missing"`
	Rank    int `json:"rank"` // 1 = highest need index; ties share a rank

	text *scoreText // the words and trends Values index (value.go)
	// others are the comparisons with the further benchmarks, nOther a
	// value (beside.go: Other).
	others []uint8
	nOther int
}

// DomainCount counts a ward's comparisons in one domain. Best counts in
// Better and Worst in Worse; values placed by quintile count in
// ByQuintile, not in NotCompared.
type DomainCount struct {
	Domain      string `json:"domain"`
	Better      int    `json:"better"`
	Similar     int    `json:"similar"`
	Worse       int    `json:"worse"`
	Higher      int    `json:"higher"`
	Lower       int    `json:"lower"`
	NotCompared int    `json:"not_compared"`
	ByQuintile  int    `json:"by_quintile"`
}

func (dc *DomainCount) add(vs *ValueScore) {
	if vs.byQuintile != 0 {
		dc.ByQuintile++
		return
	}
	switch vs.comparison {
	case comparisonBetter, comparisonBest:
		dc.Better++
	case comparisonWorse, comparisonWorst:
		dc.Worse++
	case comparisonSimilar:
		dc.Similar++
	case comparisonHigher:
		dc.Higher++
	case comparisonLower:
		dc.Lower++
	default:
		dc.NotCompared++
	}
}

// sum adds the counts of c to dc's.
func (dc *DomainCount) sum(c *DomainCount) {
	dc.Better += c.Better
	dc.Similar += c.Similar
	dc.Worse += c.Worse
	dc.Higher += c.Higher
	dc.Lower += c.Lower
	dc.NotCompared += c.NotCompared
	dc.ByQuintile += c.ByQuintile
}

// Ward returns the scores of the ward with the given code, nil when absent.
func (s *Scores) Ward(code string) *WardScore {
	if s.byCode == nil {
		// A Scores not made by Score (a zero value, or decoded).
		for i := range s.Wards {
			if s.Wards[i].Code == code {
				return &s.Wards[i]
			}
		}
		return nil
	}
	i, ok := s.byCode[code]
	if !ok {
		return nil
	}
	return &s.Wards[i]
}

// Score scores every ward of d against the benchmark.
//
// For each ward and indicator it takes the file's value and interval at
// the chosen confidence (lower/upper at 95%, lower998/upper998 at 99.8%).
// Where the file has a count and denominator but no interval, the interval
// (and the value, if missing) is computed by the indicator's method
// (Indicator.CI) and marked Computed; the 99.8% interval is found the same
// way for the two-level rule. The comparison is Compare's, two-level at
// 95% (Best and Worst when the 99.8% interval also excludes the
// benchmark), single-level at any other confidence. A ward whose code is
// the benchmark's is never compared with itself. Spines are over every
// ward with a value, except such a benchmark ward. Wards are counted by
// domain and ranked by NeedIndexFormula; needs are ranked by RankNeeds
// with opts.Weights.
//
// Score returns an error only for a bad confidence level or bad weights;
// a value that cannot be scored gets a Note instead.
//
// Natively the passes over the wards are split over two CPUs (inParts);
// under WebAssembly they run one after the other. A panic in any of them
// reaches Score's caller.
func Score(d *jsna.Document, opts Options) (*Scores, error) {
	sc := scratchPool.Get().(*scratch)
	s, err := score(d, opts, partsFor(len(d.Wards)), sc)
	scratchPool.Put(sc) // nothing of s is in it
	return s, err
}

// score is Score with its passes over the wards in parts (inParts), in
// memory taken from sc, whatever it holds.
func score(d *jsna.Document, opts Options, parts int, sc *scratch) (*Scores, error) {
	conf := opts.Confidence
	if conf == 0 {
		conf = stats.Level95
	}
	conf, err := stats.ConfidenceLevel(conf)
	if err != nil {
		return nil, err
	}
	if opts.Weights != nil {
		// Check the weights even when no ward has a need to rank.
		if _, _, err := WeightedScore(jsna.Need{}, opts.Weights); err != nil {
			return nil, err
		}
	}
	// The needs are ranked from the document alone: beside the scoring,
	// on a second CPU where there is one (natively; under WebAssembly one
	// after the other, as before). A panic there is raised again here, in
	// the caller's goroutine, as it was before (the app recovers it).
	type rankedNeeds struct {
		needs    []RankedNeed
		err      error
		panicked any
	}
	ranked := make(chan rankedNeeds, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				ranked <- rankedNeeds{panicked: p}
			}
		}()
		needs, err := RankNeeds(d, opts.Weights)
		ranked <- rankedNeeds{needs: needs, err: err}
	}()
	s := &Scores{
		Confidence: conf,
		Benchmark:  d.Benchmark,
		Indicators: make([]IndicatorScore, len(d.Indicators)),
		Wards:      make([]WardScore, len(d.Wards)),
		NeedIndex:  NeedIndexFormula,
	}
	nValues := 0
	for wi := range d.Wards {
		nValues += len(d.Wards[wi].Values)
	}
	sc.grow(scratchFloats(len(d.Wards), len(d.Indicators), parts), len(d.Wards)*len(d.Indicators), nValues)
	l := newLayout(s, d)
	loc := locate(d, l, sc, parts)
	benchmarks(s, d, l, loc, parts)
	l.bench = benchmarksByPeriod(s, d, l, loc, parts)
	s.bench = l.bench
	sp := newSpreads(s, d, sc)
	spineValues := scoreValues(s, d, l, loc, sp, sc, parts)
	placeOnSpines(s, d, l, spineValues, newNeedIndex(l, sp, opts.DomainWeights), parts)
	rankWards(s)
	s.byCode = make(map[string]int, len(s.Wards))
	for i := len(s.Wards) - 1; i >= 0; i-- {
		s.byCode[s.Wards[i].Code] = i // the first ward of a code wins
	}
	r := <-ranked
	if r.panicked != nil {
		panic(r.panicked)
	}
	if r.err != nil {
		return nil, r.err
	}
	s.Needs = r.needs
	return s, nil
}

// layout is where a document's indicators go in the scores: the index of
// each indicator ID (the first of a repeated ID), the domains in order of
// first appearance, and each indicator's domain.
type layout struct {
	indexOf  map[string]int
	first    []int // first[k] = indexOf[the ID of indicator k]
	domains  []string
	domainOf []int
	// byQuintiles marks the indicators compared by quintiles
	// (stats.CompareQuintiles), to test a bool per value, not a string.
	byQuintiles []bool
	text        *scoreText   // the words of the scores' values
	periods     jsna.Periods // the spans of the periods compared
	bench       *periodIndex // benchmarks by period (beside.go)
	// roles[wi] says what ward wi is to the document (wardSelf,
	// wardCounted, wardIndexed), found by locate: the wards' codes,
	// compared once rather than in every pass.
	roles []wardRole
}

// wardRole says what a ward is to its document, from its code.
type wardRole uint8

const (
	// wardSelf: the benchmark area's own row (a code, the benchmark's),
	// not compared with itself nor among the comparators.
	wardSelf wardRole = 1 << iota
	// wardCounted: a comparator for the benchmarks the wards make:
	// neither the benchmark area's nor the document area's own row (or
	// without a code).
	wardCounted
	// wardIndexed: counted for the need index (a code that is neither
	// the benchmark's nor the area's).
	wardIndexed
)

// wardRoleOf is the role of ward w in d.
func wardRoleOf(d *jsna.Document, w *jsna.Ward) wardRole {
	var r wardRole
	if w.Code != "" && w.Code == d.Benchmark.Code {
		r |= wardSelf
	}
	if w.Code == "" || (w.Code != d.Benchmark.Code && w.Code != d.Area.Code) {
		r |= wardCounted
	}
	if w.Code != d.Benchmark.Code && w.Code != d.Area.Code {
		r |= wardIndexed
	}
	return r
}

// newLayout lays out d's indicators and fills s.Indicators.
func newLayout(s *Scores, d *jsna.Document) *layout {
	l := &layout{indexOf: make(map[string]int, len(d.Indicators)), domainOf: make([]int, len(d.Indicators))}
	ids := make([]string, len(d.Indicators))
	for i := range d.Indicators {
		ids[i] = d.Indicators[i].ID
	}
	l.text = newScoreText(ids)
	l.first = make([]int, len(d.Indicators))
	l.byQuintiles = make([]bool, len(d.Indicators))
	l.periods = make(jsna.Periods)
	domainIndex := map[string]int{}
	for i, ind := range d.Indicators {
		if _, dup := l.indexOf[ind.ID]; !dup {
			l.indexOf[ind.ID] = i
		}
		l.first[i] = l.indexOf[ind.ID]
		l.byQuintiles[i] = ind.Comparison == stats.CompareQuintiles
		di, ok := domainIndex[ind.Domain]
		if !ok {
			di = len(l.domains)
			domainIndex[ind.Domain] = di
			l.domains = append(l.domains, ind.Domain)
		}
		l.domainOf[i] = di
		s.Indicators[i] = IndicatorScore{
			Indicator: ind.ID, Name: ind.Name, Domain: ind.Domain, Method: ind.Method, Polarity: ind.Polarity,
			Unit: ind.Unit, Multiplier: ind.EffectiveMultiplier(),
		}
	}
	return l
}

// scoreValues is the first pass: each ward's value, interval and comparison
// for every indicator (the current value of an indicator in a ward counts,
// that of its latest period, jsna.IsLater; a ward without one gets "no
// value"). It returns, per indicator, the values
// its spine is drawn over: every ward's but the benchmark ward's. In the
// same pass it finds each ward's trends (wardTrends) and adds the values
// that count for the need index to sp (spreads.count).
//
// The wards are scored in parts (inParts), each with its own words,
// trends, spine values and sums, joined in ward order afterwards, so that
// the scores are those of one pass down the wards.
func scoreValues(s *Scores, d *jsna.Document, l *layout, loc *located, sp spreads, sc *scratch, parts int) spineValues {
	nInd := len(d.Indicators)
	nDom := len(l.domains)
	nOther := len(d.OtherBenchmarks)
	type part struct {
		text   *scoreText
		sp     spreads
		values [][]float64 // the part's spine values
	}
	ps := make([]part, parts)
	slabs := make([][]float64, parts)
	for k := range ps {
		// The first part's words, trends and sums are the scores' own;
		// the others' are joined to them below. The first part's spine
		// values have room for the others'.
		p := &ps[k]
		lo, hi := bounds(k, parts, len(d.Wards))
		room := hi - lo
		p.text, p.sp = l.text, sp
		if k == 0 {
			room = len(d.Wards)
		} else {
			p.text, p.sp = newScoreText(l.text.indicators), sp.part(hi-lo, sc.take(2*(hi-lo)*nInd))
		}
		slabs[k] = sc.take(room * nInd)
		p.values = make([][]float64, nInd)
		for i := range p.values {
			p.values[i] = slabs[k][i*room : i*room : (i+1)*room]
		}
	}
	inParts(parts, len(d.Wards), func(k, lo, hi int) {
		p := &ps[k]
		periods, series := l.periods, loc.series
		if k > 0 {
			periods, series = make(jsna.Periods), loc.seriesIn(lo, hi)
		}
		trends := newTrendScratch(d, p.text, periods, series)
		// One allocation each for the part's wards' value scores and
		// domain counts (cleared by the part's own goroutine); the value
		// scores hold no pointers (value.go), nor do the comparisons with
		// the further benchmarks, one code a value and benchmark
		// (WardScore.Other).
		allValues := make([]ValueScore, (hi-lo)*nInd)
		allDomains := make([]DomainCount, (hi-lo)*nDom)
		var allOthers []uint8
		if nOther > 0 {
			allOthers = make([]uint8, (hi-lo)*nInd*nOther)
		}
		for wi := lo; wi < hi; wi++ {
			j := wi - lo // the ward's place in the part
			w := &d.Wards[wi]
			ws := &s.Wards[wi]
			ws.Code, ws.Name, ws.text = w.Code, w.Name, p.text
			ws.Values = allValues[j*nInd : (j+1)*nInd : (j+1)*nInd]
			ws.Domains = allDomains[j*nDom : (j+1)*nDom : (j+1)*nDom]
			if nOther > 0 {
				ws.others, ws.nOther = allOthers[j*nInd*nOther:(j+1)*nInd*nOther:(j+1)*nInd*nOther], nOther
			}
			self := l.roles[wi]&wardSelf != 0
			for i := range d.Indicators {
				vs := &ws.Values[i]
				v := loc.currentValue(d, wi, i)
				if v == nil {
					vs.comparison = comparisonNotCompared
					vs.note = noteNoValue
					continue
				}
				at := l.bench.at(i, v.Period, &d.Indicators[i])
				scoreValue(vs, p.text, &d.Indicators[i], at.primary, v, s.Confidence, self, at.others, ws.othersOf(i))
				if v.Period != "" {
					vs.period = p.text.word(v.Period)
				}
				if vs.has&hasValue != 0 && !self {
					p.values[i] = append(p.values[i], vs.value)
				}
				p.sp.count(ws, wi, i, d, l)
			}
			trends.wardTrends(ws, d, loc, wi)
		}
	})
	out := spineValues{values: ps[0].values, before: make([][]int, parts)}
	out.before[0] = make([]int, nInd)
	for k := 1; k < parts; k++ {
		p := &ps[k]
		out.before[k] = make([]int, nInd)
		for i := range out.values {
			out.before[k][i] = len(out.values[i])
			out.values[i] = append(out.values[i], p.values[i]...)
		}
		sp.join(p.sp)
		// The part's words and trends go after those before it, and its
		// values' indices into them move with them.
		nFixed := int32(len(fixedWords))
		words, trends := int32(len(l.text.words))-nFixed, int32(len(l.text.trends))
		l.text.words = append(l.text.words, p.text.words[nFixed:]...)
		l.text.trends = append(l.text.trends, p.text.trends...)
		moreWords := int32(len(p.text.words)) > nFixed
		lo, hi := bounds(k, parts, len(d.Wards))
		for wi := lo; wi < hi; wi++ {
			ws := &s.Wards[wi]
			ws.text = l.text
			if !moreWords && !loc.multi[wi] {
				continue
			}
			for i := range ws.Values {
				vs := &ws.Values[i]
				if vs.note >= nFixed {
					vs.note += words
				}
				if vs.period >= nFixed {
					vs.period += words
				}
				if vs.trend != 0 {
					vs.trend += trends
				}
			}
		}
	}
	return out
}

// spineValues are, per indicator, the values its spine is drawn over, in
// ward order; before[k][i] counts those of indicator i before part k of
// the wards (inParts).
type spineValues struct {
	values [][]float64
	before [][]int
}

// scoreValue fills vs from the file's value v, its words in t; benchmark
// is the indicator's of v's period (benchmarks, benchmarksByPeriod), and
// others the further benchmarks' of that period, whose comparisons it
// writes to otherOut (one code each).
func scoreValue(vs *ValueScore, t *scoreText, ind *jsna.Indicator, benchmark *float64, v *jsna.Value, conf float64, self bool, others []*float64, otherOut []uint8) {
	if v.Count != nil {
		vs.count, vs.has = *v.Count, vs.has|hasCount
	}
	if v.Denominator != nil {
		vs.denominator, vs.has = *v.Denominator, vs.has|hasDenominator
	}
	if v.Value != nil {
		vs.value, vs.has = *v.Value, vs.has|hasValue
	}

	var lower, upper, lower998, upper998 *float64
	switch conf {
	case stats.Level95:
		lower, upper = v.Lower, v.Upper
		lower998, upper998 = v.Lower998, v.Upper998
	case stats.Level998:
		lower, upper = v.Lower998, v.Upper998
	}
	haveCD := v.Count != nil && v.Denominator != nil
	var computeErr error
	if (lower == nil || upper == nil || v.Value == nil) && haveCD {
		iv, err := ind.CI(*v.Count, *v.Denominator, conf)
		if err == nil {
			if v.Value == nil {
				vs.value, vs.has = iv.Value, vs.has|hasValue
			}
			if lower == nil || upper == nil {
				lower, upper = &iv.Lower, &iv.Upper
				vs.has |= computed
			}
		} else {
			computeErr = err
		}
	}
	if lower != nil && upper != nil {
		vs.lower, vs.upper, vs.has = *lower, *upper, vs.has|hasInterval
	}

	if conf == stats.Level95 && (lower998 == nil || upper998 == nil) && haveCD && computeErr == nil && lower != nil && upper != nil &&
		ind.Comparison != stats.CompareQuintiles && anyNeeds998(ind, *lower, *upper, benchmark, others) {
		if iv, err := ind.CI(*v.Count, *v.Denominator, stats.Level998); err == nil {
			lower998, upper998 = &iv.Lower, &iv.Upper
		}
	}
	for k := range otherOut {
		otherOut[k] = comparisonNotCompared
		if notComparedWhy(vs, ind, others[k], self, computeErr) == "" && ind.Comparison != stats.CompareQuintiles {
			otherOut[k] = comparisonCode(stats.CompareBy(ind.Comparison, lower, upper, lower998, upper998, others[k], ind.Polarity))
		}
	}
	note := v.Note
	why := notComparedWhy(vs, ind, benchmark, self, computeErr)
	if why != "" && note == "" {
		note = why
	}
	if note != "" {
		vs.note = t.word(note)
	}
	if why != "" {
		vs.comparison = comparisonNotCompared
		return
	}
	if ind.Comparison == stats.CompareQuintiles {
		// Placed among the comparators once all are known (placeOnSpines).
		vs.comparison = comparisonNotCompared
		return
	}
	vs.comparison = comparisonCode(stats.CompareBy(ind.Comparison, lower, upper, lower998, upper998, benchmark, ind.Polarity))
}

// needs998 reports whether comparing the 95% interval lower–upper of a
// value of ind with the benchmark b may need the 99.8% interval: always
// by the methods that use it alone or require it, but by Compare's rule
// (no method) only where the 95% interval excludes the benchmark, for a
// polarity that makes it better or worse (Best and Worst). Elsewhere it
// need not be computed.
func needs998(ind *jsna.Indicator, lower, upper, b float64) bool {
	switch ind.Comparison {
	case stats.CompareCI95:
		return false
	case "":
		return (lower > b || upper < b) && (ind.Polarity == jsna.LowerIsBetter || ind.Polarity == jsna.HigherIsBetter)
	}
	return true
}

// anyNeeds998 reports whether comparing the 95% interval lower–upper of a
// value of ind with the benchmark or any of the further benchmarks others
// (nil where one has no value) may need the 99.8% interval (needs998).
func anyNeeds998(ind *jsna.Indicator, lower, upper float64, benchmark *float64, others []*float64) bool {
	if benchmark != nil && needs998(ind, lower, upper, *benchmark) {
		return true
	}
	for _, b := range others {
		if b != nil && needs998(ind, lower, upper, *b) {
			return true
		}
	}
	return false
}

// Notes of a value without an interval: not compared, or (with five
// comparator values or more) placed by quintile among them.
const (
	NoteNoInterval = "no confidence interval"
	NoteByQuintile = "no confidence interval: compared by quintile among the wards"
	// NoteByQuintileReference: placed among the wards of a reference file
	// (the indicator's Comparators).
	NoteByQuintileReference = "no confidence interval: compared by quintile among the reference file's wards"
)

// notComparedWhy is why the scored value vs cannot be compared with the
// benchmark, or "" when it can: self for the benchmark area's own row,
// computeErr for an interval the method could not compute.
func notComparedWhy(vs *ValueScore, ind *jsna.Indicator, benchmark *float64, self bool, computeErr error) string {
	var why string
	switch {
	case self:
		why = fixedWords[noteSelf]
	case vs.has&hasValue == 0:
		why = fixedWords[noteNoValue]
		if computeErr != nil {
			why = computeErr.Error()
		}
	case vs.has&hasInterval == 0:
		why = NoteNoInterval
		if computeErr != nil {
			why = computeErr.Error()
		}
	case benchmark == nil:
		why = fixedWords[noteNoBenchmark]
	case ind.Polarity != jsna.LowerIsBetter && ind.Polarity != jsna.HigherIsBetter && ind.Polarity != jsna.NoJudgement:
		why = "polarity " + ind.Polarity + ": not compared"
	}
	return why
}

// rankWards fills Ranking and each ward's Rank: need index descending,
// ties by code, equal indices sharing a rank (standard competition
// ranking, "1224").
func rankWards(s *Scores) {
	order := make([]int32, len(s.Wards))
	for i := range order {
		order[i] = int32(i)
	}
	// Wards of one index and code keep their order by their places: an
	// unstable sort (pdqsort) gives the stable order, with fewer
	// comparisons than a stable one. Indices are int32, as priority.go's
	// orders are, so that the viewer links one instance of the sort
	// (int's costs it 2.7 KiB brotli more).
	slices.SortFunc(order, func(a, b int32) int {
		wa, wb := &s.Wards[a], &s.Wards[b]
		if c := cmp.Compare(wb.NeedIndex, wa.NeedIndex); c != 0 {
			return c
		}
		if c := strings.Compare(wa.Code, wb.Code); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	s.Ranking = make([]string, len(order))
	for k, i := range order {
		s.Ranking[k] = s.Wards[i].Code
		if k > 0 && s.Wards[i].NeedIndex == s.Wards[order[k-1]].NeedIndex {
			s.Wards[i].Rank = s.Wards[order[k-1]].Rank
		} else {
			s.Wards[i].Rank = k + 1
		}
	}
}

func copyPtr(p *float64) *float64 {
	if p == nil {
		return nil
	}
	x := *p
	return &x
}

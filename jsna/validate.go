//go:build !wardwise_viewer

// The viewer build (tag wardwise_viewer, wasm/viewer) leaves out this file
// and with it validator/v10: the viewer only shows documents that were
// validated when they were stored (see docs/design.md, "Size").

package jsna

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-playground/validator/v10"
)

var (
	validateOnce sync.Once
	validate     *validator.Validate
)

// structValidator returns the shared validator, which names fields by their
// JSON member names so that its namespaces are JSON paths.
func structValidator() *validator.Validate {
	validateOnce.Do(func() {
		validate = validator.New(validator.WithRequiredStructEnabled())
		validate.RegisterTagNameFunc(func(f reflect.StructField) string {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				return ""
			}
			return name
		})
	})
	return validate
}

// A revision is sha256: and 64 lower-case hex digits.
var revisionRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

// Validate checks d against the jsna/1 rules: the field rules in the struct
// tags (validator/v10) and the rules that span fields: the format version,
// GSS codes, unique keys, references to indicators that exist, counts
// within denominators for proportions, intervals around their values and
// Hanlon scores within 0–10. Names, ids and authors (every id, code and
// key, every name and title, the draft's id, author and sender) must not
// hold the bidirectional embedding, override or isolate controls U+202A to
// U+202E and U+2066 to U+2069, which can disguise text; free text
// (narrative, voice notes, descriptions, notes) is not checked, so text in
// right-to-left scripts and the marks U+200E and U+200F are kept wherever
// they are. It returns an *Error listing every problem, in document order,
// or nil.
func (d *Document) Validate() error {
	var ps Problems
	d.validateFields(&ps)
	d.validateRules(&ps)
	d.validateNames(&ps)
	d.validateLanguages(&ps)
	d.validatePractices(&ps)
	err := ps.Err()
	if err != nil {
		sortProblems(err.(*Error).Problems)
	}
	return err
}

// validateFields reports the problems with the tagged rules, in the order
// of the validator's walk of the whole document: the document's members
// before wards, each ward, the members after. The validator walks only
// the records that break a rule (plainValid): the document without its
// wards, or one ward.
func (d *Document) validateFields(ps *Problems) {
	shell := *d
	shell.Wards = nil
	var after []fieldError
	for _, fe := range taggedProblems("", &shell, ps) {
		if top, _, _ := strings.Cut(fe.path, "."); afterWards(top) {
			after = append(after, fe)
			continue
		}
		ps.Add(fe.path, fe.message.Format, fe.message.Args...)
	}
	for i := range d.Wards {
		for _, fe := range taggedProblems(index("wards", i), &d.Wards[i], ps) {
			ps.Add(fe.path, fe.message.Format, fe.message.Args...)
		}
	}
	for _, fe := range after {
		ps.Add(fe.path, fe.message.Format, fe.message.Args...)
	}
}

// fieldError is a problem with a tagged rule: where and what.
type fieldError struct {
	path    string
	message Text
}

// taggedProblems returns the problems the validator finds in the record
// *r, at the path prefix, in the order it finds them: none, without
// asking it, when the record passes the plain checks. An error that is
// not about fields is added to ps.
func taggedProblems[T any](prefix string, r *T, ps *Problems) []fieldError {
	rv := reflect.ValueOf(r).Elem()
	if plainValid(plainTypeOf(rv.Type()), rv) {
		return nil
	}
	err := structValidator().Struct(r)
	var ves validator.ValidationErrors
	if err != nil && !errors.As(err, &ves) {
		ps.Add(prefix, "%v", err)
		return nil
	}
	out := make([]fieldError, 0, len(ves))
	for _, fe := range ves {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest // drop the root type's name
		}
		m := fieldMessage(fe)
		if strings.HasPrefix(path, "values[") {
			m = valueMessage(fe, m)
		}
		if prefix != "" {
			path = prefix + "." + path
		}
		out = append(out, fieldError{path, m})
	}
	return out
}

// afterWards reports whether the document's member top comes after wards
// in the validator's walk (the order of Document's fields).
func afterWards(top string) bool {
	if i := strings.IndexByte(top, '['); i >= 0 {
		top = top[:i]
	}
	f, ok := structInfoOf(documentType).byName[top]
	return ok && f.Index > wardsField
}

var (
	documentType = reflect.TypeOf(Document{})
	wardsField   = fieldIndex(documentType, "Wards")
)

func fieldIndex(t reflect.Type, name string) int {
	f, _ := t.FieldByName(name)
	return f.Index[0]
}

// valueMessage is the sentence m for a ward's value as jsna wrote it
// before the validator checked values, with the same format (the code the
// app's catalogue words): the bound in the format, the length a number.
func valueMessage(fe validator.FieldError, m Text) Text {
	switch {
	case fe.Tag() == "gte" && fe.Param() == "0":
		return Textf("must be at least 0, got %v", deref(fe.Value()))
	case fe.Tag() == "max" && fe.Kind() == reflect.String:
		if n, err := strconv.Atoi(fe.Param()); err == nil {
			return Textf("is longer than %d characters", n)
		}
	}
	return m
}

// fieldMessage turns a validator error into a sentence for people.
func fieldMessage(fe validator.FieldError) Text {
	switch fe.Tag() {
	case "required":
		return Textf("is required")
	case "oneof":
		return Textf("must be one of %s, got %q", strings.ReplaceAll(fe.Param(), " ", ", "), fmt.Sprint(fe.Value()))
	case "max":
		if fe.Kind() == reflect.String {
			return Textf("is longer than %s characters", fe.Param())
		}
		return Textf("must be at most %s", fe.Param())
	case "gte":
		return Textf("must be at least %s, got %v", fe.Param(), deref(fe.Value()))
	case "lte":
		return Textf("must be at most %s, got %v", fe.Param(), deref(fe.Value()))
	case "datetime":
		if fe.Param() == "2006-01-02" {
			return Textf("must be an ISO 8601 date like 2026-10-01, got %q", fmt.Sprint(fe.Value()))
		}
		return Textf("must be an ISO 8601 date and time like 2026-11-20T10:00:00Z, got %q", fmt.Sprint(fe.Value()))
	}
	return Textf("fails the %q rule", fe.Tag())
}

func deref(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return rv.Elem().Interface()
	}
	return v
}

func (d *Document) validateRules(ps *Problems) {
	if d.Format != "" && d.Format != Format {
		ps.Add("format", "must be %q, got %q", Format, d.Format)
	}
	if d.Area.Code != "" && !IsGSSCode(d.Area.Code) {
		ps.Add("area.code", "%q is not a GSS code (a letter and 8 digits, like E09000033)", d.Area.Code)
	}
	if d.Benchmark.Code != "" && !IsGSSCode(d.Benchmark.Code) {
		ps.Add("benchmark.code", "%q is not a GSS code (a letter and 8 digits, like E92000001)", d.Benchmark.Code)
	}
	if d.Draft != nil && d.Draft.Base != "" && !revisionRE.MatchString(d.Draft.Base) {
		ps.Add("draft.base", "%q is not a revision (sha256: and 64 hex digits)", d.Draft.Base)
	}
	if d.Draft != nil {
		d.Draft.validateChain(ps)
	}

	indicators := make(map[string]*Indicator, len(d.Indicators))
	indicatorAt := make(map[string]int, len(d.Indicators))
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		if ind.ID == "" {
			continue
		}
		if j, dup := indicatorAt[ind.ID]; dup {
			ps.Add(member(index("indicators", i), "id"), "indicator %q is listed twice (also indicators[%d])", ind.ID, j)
			continue
		}
		indicatorAt[ind.ID] = i
		indicators[ind.ID] = ind
	}
	for i := range d.Indicators {
		for k, whole := range d.Indicators[i].PartOf {
			p := index(member(index("indicators", i), "part_of"), k)
			switch {
			case whole == d.Indicators[i].ID:
				ps.Add(p, "indicator %q cannot be part of itself", whole)
			case indicators[whole] == nil:
				ps.Add(p, "indicator %q is not in the document's indicators", whole)
			}
		}
	}

	wardAt := make(map[string]int, len(d.Wards))
	seen := newValueSeen(d.Indicators, indicatorAt)
	for i := range d.Wards {
		w := &d.Wards[i]
		p := index("wards", i)
		if w.Code != "" {
			if !IsWardCode(w.Code) {
				ps.Add(member(p, "code"), "%q is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)", w.Code)
			}
			if j, dup := wardAt[w.Code]; dup {
				ps.Add(member(p, "code"), "ward %q is listed twice (also wards[%d])", w.Code, j)
			} else {
				wardAt[w.Code] = i
			}
		}
		w.validateRules(p, indicators, seen, ps)
	}
	if d.Draft != nil {
		for i, c := range d.Draft.Wards {
			if _, ok := wardAt[c]; !ok && len(d.Wards) > 0 {
				ps.Add(index("draft.wards", i), "ward %q is not in the document", c)
			}
		}
	}
	d.validateBenchmarks(indicators, ps)
	d.validateComparators(ps)
	d.validateResources(indicators, ps)
}

// uniqueIDs reports every repeated key among n records at path.
func uniqueIDs(path, what string, n int, key func(int) string, ps *Problems) {
	if n < 2 {
		return
	}
	if n <= 16 {
		// Few records, as in a ward: compared with each other, no map.
		for i := range n {
			k := key(i)
			if k == "" {
				continue
			}
			for j := range i {
				if key(j) == k {
					ps.Add(member(index(path, i), "id"), "%s id %q is used twice (also %s)", what, k, index(path, j))
					break
				}
			}
		}
		return
	}
	seen := make(map[string]int, n)
	for i := range n {
		k := key(i)
		if k == "" {
			continue
		}
		if j, dup := seen[k]; dup {
			ps.Add(member(index(path, i), "id"), "%s id %q is used twice (also %s)", what, k, index(path, j))
			continue
		}
		seen[k] = i
	}
}

// valueKey is a ValueKey split at its first separator: equal when the
// keys are, with no string built for a value whose indicator has no
// separator.
type valueKey struct {
	before, after string
	sep           bool
}

func valueKeyOf(indicator, period string) valueKey {
	if i := strings.Index(indicator, ValueKeySeparator); i >= 0 {
		k := ValueKey(indicator, period)
		return valueKey{k[:i], k[i+len(ValueKeySeparator):], true}
	}
	return valueKey{indicator, period, period != ""}
}

// valueSeen finds the values of a ward that have the same key
// (ValueKey of indicator and period) with no map of keys: the values of
// each indicator are chained, and compared by period. It serves the wards
// of one document in turn.
type valueSeen struct {
	indicators []Indicator
	at         map[string]int // the place of each indicator id, the first where it repeats
	ward       int            // the ward being checked, counted from 1
	stamp      []int          // of each indicator: the ward whose values first and last hold
	first      []int          // of each indicator: the ward's first value of it
	last       []int          // of each indicator: the ward's last value of it seen
	next       []int          // of each value: the next of the same indicator, or -1
	keys       map[valueKey]int
	// place[h] is at[indicators[h].ID] (-1 where absent), and sep[h] whether that id
	// holds ValueKeySeparator; hint is the indicator of the value looked
	// up last (placeOf): wards list their values in the indicators'
	// order, so that most are found without the map.
	place []int
	sep   []bool
	hint  int
	// places holds the place of each value of the ward (placeOf).
	places []int
}

func newValueSeen(indicators []Indicator, at map[string]int) *valueSeen {
	n := len(indicators)
	vs := &valueSeen{indicators: indicators, at: at, stamp: make([]int, n), first: make([]int, n), last: make([]int, n), keys: map[valueKey]int{},
		place: make([]int, n), sep: make([]bool, n), hint: -1}
	for h := range indicators {
		k, ok := at[indicators[h].ID]
		if !ok {
			k = -1 // an indicator without an id
		}
		vs.place[h] = k
		vs.sep[h] = strings.Contains(indicators[h].ID, ValueKeySeparator)
	}
	return vs
}

// placeOf is the place in the indicators of id (at[id]), -1 for none.
func (vs *valueSeen) placeOf(id string) int {
	for _, h := range [2]int{vs.hint + 1, vs.hint} {
		if h >= 0 && h < len(vs.indicators) && vs.indicators[h].ID == id {
			vs.hint = h
			return vs.place[h]
		}
	}
	k, ok := vs.at[id]
	if !ok {
		return -1
	}
	vs.hint = k
	return k
}

// start begins the values of another ward.
func (vs *valueSeen) start(n int) {
	vs.ward++
	vs.next = slices.Grow(vs.next[:0], n)[:n]
	clear(vs.keys)
}

// seen reports the first of the ward's values before value i with the
// same key, i's indicator being ind at place k (-1 if none), and period
// its period; if none, it records i. byKey makes it compare keys, for a
// ward whose indicator ids hold the separator, which makes keys of
// different indicators equal.
func (vs *valueSeen) seen(values []Value, i, k int, period string, byKey bool) (int, bool) {
	vs.next[i] = -1
	if byKey || k < 0 {
		key := valueKeyOf(values[i].Indicator, period)
		if j, dup := vs.keys[key]; dup {
			return j, true
		}
		vs.keys[key] = i
		return 0, false
	}
	if vs.stamp[k] != vs.ward {
		vs.stamp[k], vs.first[k], vs.last[k] = vs.ward, i, i
		return 0, false
	}
	ind := &vs.indicators[k]
	for j := vs.first[k]; j >= 0; j = vs.next[j] {
		if ValuePeriod(&values[j], ind) == period {
			return j, true
		}
	}
	vs.next[vs.last[k]], vs.last[k] = i, i
	return 0, false
}

// validateRules checks the rules that span the ward's records. seen
// serves the wards of the document.
func (w *Ward) validateRules(p string, indicators map[string]*Indicator, seen *valueSeen, ps *Problems) {
	seen.start(len(w.Values))
	byKey := false
	places := slices.Grow(seen.places[:0], len(w.Values))
	for i := range w.Values {
		k := seen.placeOf(w.Values[i].Indicator)
		if k >= 0 {
			byKey = byKey || seen.sep[k] // the indicator's id is the value's
		} else {
			byKey = byKey || strings.Contains(w.Values[i].Indicator, ValueKeySeparator)
		}
		places = append(places, k)
	}
	seen.places = places
	for i := range w.Values {
		v := &w.Values[i]
		vp := func() string { return index(member(p, "values"), i) } // only for a problem
		if v.Indicator == "" {
			continue
		}
		var ind *Indicator
		k := places[i]
		if k >= 0 {
			ind = &seen.indicators[k]
		}
		if ind == nil {
			ps.Add(member(vp(), "indicator"), "indicator %q is not in the document's indicators", v.Indicator)
		}
		if j, dup := seen.seen(w.Values, i, k, ValuePeriod(v, ind), byKey); dup {
			ps.Add(member(vp(), "indicator"), "ward %q has two values for indicator %q%s (also %s)", w.Code, v.Indicator, periodPhrase(ValuePeriod(v, ind)), index(member(p, "values"), j))
		}
		v.validateRules(vp, ind, ps)
	}
	uniqueIDs(member(p, "sections"), "section", len(w.Sections), func(i int) string { return w.Sections[i].ID }, ps)
	uniqueIDs(member(p, "assets"), "asset", len(w.Assets), func(i int) string { return w.Assets[i].ID }, ps)
	uniqueIDs(member(p, "voice"), "voice note", len(w.Voice), func(i int) string { return w.Voice[i].ID }, ps)
	uniqueIDs(member(p, "needs"), "need", len(w.Needs), func(i int) string { return w.Needs[i].ID }, ps)
	for i, n := range w.Needs {
		for k, id := range n.Indicators {
			if _, ok := indicators[id]; !ok {
				ps.Add(index(member(index(member(p, "needs"), i), "indicators"), k), "indicator %q is not in the document's indicators", id)
			}
		}
	}
}

func (v *Value) validateRules(path func() string, ind *Indicator, ps *Problems) {
	if ind != nil && ind.Method == MethodProportion && v.Count != nil && v.Denominator != nil && *v.Count > *v.Denominator {
		ps.Add(member(path(), "count"), "count %v is more than the denominator %v, which a proportion cannot be", *v.Count, *v.Denominator)
	}
	if v.Count != nil && v.Denominator != nil && *v.Denominator == 0 && *v.Count > 0 {
		ps.Add(member(path(), "denominator"), "denominator is 0 but count is %v", *v.Count)
	}
	checkOrder := func(lo, hi *float64, loName, hiName string) {
		if lo != nil && hi != nil && *lo > *hi {
			ps.Add(member(path(), loName), "%s %v is above %s %v", loName, *lo, hiName, *hi)
		}
	}
	checkOrder(v.Lower, v.Upper, "lower", "upper")
	checkOrder(v.Lower, v.Value, "lower", "value")
	checkOrder(v.Value, v.Upper, "value", "upper")
	checkOrder(v.Lower998, v.Upper998, "lower998", "upper998")
	checkOrder(v.Lower998, v.Lower, "lower998", "lower")
	checkOrder(v.Upper, v.Upper998, "upper", "upper998")
}

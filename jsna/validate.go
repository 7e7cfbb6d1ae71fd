package jsna

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

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

// Ward codes are GSS codes: E05 (England), W05 (Wales) or S13 (Scotland)
// followed by six digits. Other GSS codes are a letter and eight digits.
var (
	wardCodeRE = regexp.MustCompile(`^(E05|W05|S13)[0-9]{6}$`)
	gssCodeRE  = regexp.MustCompile(`^[EWSNK][0-9]{8}$`)
	revisionRE = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)
)

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

func (d *Document) validateFields(ps *Problems) {
	err := structValidator().Struct(d)
	var ves validator.ValidationErrors
	if err != nil && !errors.As(err, &ves) {
		ps.Add("", "%v", err)
		return
	}
	// The validator walks every record but the wards' values, which are
	// most of a document and are checked by Value.validateTags without
	// reflection; their problems go where the validator would have put
	// them, after the ward's fields before values and before those after,
	// so that the first MaxProblems kept are the same.
	var vals []fieldProblem
	for wi := range d.Wards {
		w := &d.Wards[wi]
		for vi := range w.Values {
			vals = w.Values[vi].validateTags(wi, vi, vals)
		}
	}
	k := 0
	for _, fe := range ves {
		path := fe.Namespace()
		if _, rest, ok := strings.Cut(path, "."); ok {
			path = rest // drop the root type's name
		}
		at := placeOf(path)
		for ; k < len(vals) && vals[k].place.before(at); k++ {
			ps.Add(vals[k].path, vals[k].message.Format, vals[k].message.Args...)
		}
		m := fieldMessage(fe)
		ps.Add(path, m.Format, m.Args...)
	}
	for ; k < len(vals); k++ {
		ps.Add(vals[k].path, vals[k].message.Format, vals[k].message.Args...)
	}
}

// fieldProblem is a problem with a value's tagged field, found without the
// validator, and where the validator's walk would have found it.
type fieldProblem struct {
	place   place
	path    string
	message Text
}

// place orders problems as the validator walks a document: the
// document's members before wards (ward −1), each ward's members before
// values (part 0), its values (part 1), its members after (part 2), and
// the document's members after wards (ward maxInt).
type place struct{ ward, part int }

func (p place) before(q place) bool {
	if p.ward != q.ward {
		return p.ward < q.ward
	}
	return p.part < q.part
}

// placeOf is the place of a validator problem at path.
func placeOf(path string) place {
	top := path
	if i := strings.IndexAny(top, ".["); i >= 0 {
		top = top[:i]
	}
	if top != "wards" {
		f, ok := structInfoOf(documentType).byName[top]
		if ok && f.Index > wardsField {
			return place{ward: math.MaxInt}
		}
		return place{ward: -1}
	}
	rest := strings.TrimPrefix(path, "wards[")
	end := strings.IndexByte(rest, ']')
	if end < 0 {
		return place{ward: -1}
	}
	w, err := strconv.Atoi(rest[:end])
	if err != nil {
		return place{ward: -1}
	}
	field := strings.TrimPrefix(rest[end+1:], ".")
	if i := strings.IndexAny(field, ".["); i >= 0 {
		field = field[:i]
	}
	if f, ok := structInfoOf(wardType).byName[field]; ok && f.Index > valuesField {
		return place{ward: w, part: 2}
	}
	return place{ward: w, part: 0}
}

var (
	documentType = reflect.TypeOf(Document{})
	wardType     = reflect.TypeOf(Ward{})
	wardsField   = fieldIndex(documentType, "Wards")
	valuesField  = fieldIndex(wardType, "Values")
)

func fieldIndex(t reflect.Type, name string) int {
	f, _ := t.FieldByName(name)
	return f.Index[0]
}

// validateTags appends the problems with v's tagged rules (indicator
// required, count and denominator at least 0, note at most 500
// characters, period at most 100), with the validator's messages, for the value vi of ward wi.
func (v *Value) validateTags(wi, vi int, out []fieldProblem) []fieldProblem {
	add := func(name string, msg Text) {
		out = append(out, fieldProblem{place{wi, 1}, member(index(member(index("wards", wi), "values"), vi), name), msg})
	}
	if v.Indicator == "" {
		add("indicator", Textf("is required"))
	}
	if v.Count != nil && !(*v.Count >= 0) {
		add("count", Textf("must be at least 0, got %v", *v.Count))
	}
	if v.Denominator != nil && !(*v.Denominator >= 0) {
		add("denominator", Textf("must be at least 0, got %v", *v.Denominator))
	}
	if utf8.RuneCountInString(v.Note) > 500 {
		add("note", Textf("is longer than %d characters", 500))
	}
	if utf8.RuneCountInString(v.Period) > 100 {
		add("period", Textf("is longer than %d characters", 100))
	}
	return out
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
		w.validateRules(p, indicators, ps)
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

func (w *Ward) validateRules(p string, indicators map[string]*Indicator, ps *Problems) {
	seen := make(map[string]int, len(w.Values))
	for i := range w.Values {
		v := &w.Values[i]
		vp := func() string { return index(member(p, "values"), i) } // only for a problem
		if v.Indicator == "" {
			continue
		}
		ind, ok := indicators[v.Indicator]
		if !ok {
			ps.Add(member(vp(), "indicator"), "indicator %q is not in the document's indicators", v.Indicator)
		}
		if k := ValueKey(v.Indicator, ValuePeriod(v, ind)); seen[k] > 0 {
			ps.Add(member(vp(), "indicator"), "ward %q has two values for indicator %q%s (also %s)", w.Code, v.Indicator, periodPhrase(ValuePeriod(v, ind)), index(member(p, "values"), seen[k]-1))
		} else {
			seen[k] = i + 1
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

// IsWardCode reports whether s is an electoral ward code: E05 (England),
// W05 (Wales) or S13 (Scotland) and six digits.
func IsWardCode(s string) bool { return wardCodeRE.MatchString(s) }

// IsGSSCode reports whether s is a GSS area code: a country letter and
// eight digits, like E09000033 or E92000001.
func IsGSSCode(s string) bool { return gssCodeRE.MatchString(s) }

//go:build !wardwise_viewer

package jsna

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The tagged rules (the validate tags the validator reads) checked as
// plain Go, so that Validate calls the validator only on the records that
// break one: most records of a document break none, and the validator's
// reflective walk of an England-scale master cost more than decoding it.
// The plain checks are read from the tags themselves, once for each type,
// and do what the validator's own checks do (baked_in.go: hasValue,
// isGte, isLte, hasMaxOf, isOneOf, isDatetime); a tag they do not know
// makes its record go to the validator every time. The validator stays the
// rule engine: its errors, and so the messages, are the only ones reported.

// plainType is the plain form of a struct type's tagged rules.
type plainType struct {
	fields []plainField
	ok     bool // every tag is understood: otherwise the validator decides
	// values: the type is Value, whose rules (valueRules) a slice of
	// them is checked against in plain Go, without reflection: there are
	// some 400,000 in an England-scale master.
	values bool
}

// plainField is one field's rules.
type plainField struct {
	index     int
	ptr       bool // nil passes: the pointer has omitempty or no rules
	omitempty bool
	rules     []plainRule // on the value (a slice's on its length)
	elem      []plainRule // on each element of a slice, after dive
	dive      bool
	sub       *plainType // the rules of a struct, its target or its elements
}

// plainRule is one tag: op is its name, n and i its parameter as a number.
type plainRule struct {
	op     string
	n      float64
	i      int64
	oneof  []string
	layout string
}

var plainTypes sync.Map // reflect.Type → *plainType

func plainTypeOf(t reflect.Type) *plainType {
	if pt, ok := plainTypes.Load(t); ok {
		return pt.(*plainType)
	}
	built := map[reflect.Type]*plainType{}
	buildPlainType(t, built)
	for bt, pt := range built {
		plainTypes.LoadOrStore(bt, pt)
	}
	pt, _ := plainTypes.Load(t)
	return pt.(*plainType)
}

// buildPlainType reads the rules of t and of the types within it into
// built, before any is shared.
func buildPlainType(t reflect.Type, built map[reflect.Type]*plainType) *plainType {
	if pt, ok := plainTypes.Load(t); ok {
		return pt.(*plainType)
	}
	if pt, ok := built[t]; ok {
		return pt
	}
	pt := &plainType{ok: true, values: t == valueType}
	built[t] = pt // a recursive type sees itself, filled in below
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.PkgPath != "" {
			if sf.Anonymous {
				pt.ok = false
			}
			continue // unexported: the validator skips it too
		}
		f, ok := plainFieldOf(i, sf, built)
		if !ok {
			pt.ok = false
			continue
		}
		if f != nil {
			pt.fields = append(pt.fields, *f)
		}
	}
	return pt
}

// plainFieldOf reads the tag of the field sf, number i; nil for a field
// with nothing to check, ok false for a tag the plain checks do not know.
func plainFieldOf(i int, sf reflect.StructField, built map[reflect.Type]*plainType) (*plainField, bool) {
	tag := sf.Tag.Get("validate")
	if tag == "-" || sf.Anonymous {
		return nil, !sf.Anonymous
	}
	f := &plainField{index: i}
	t := sf.Type
	if t.Kind() == reflect.Pointer {
		f.ptr, t = true, t.Elem()
	}
	var parts []string
	if tag != "" {
		parts = strings.Split(tag, ",")
	}
	if len(parts) > 0 && parts[0] == "omitempty" {
		f.omitempty, parts = true, parts[1:]
	}
	before, after, dive := cutTag(parts, "dive")
	f.dive = dive
	var ok bool
	if f.rules, ok = plainRules(before, t); !ok {
		return nil, false
	}
	if f.ptr && len(f.rules) > 0 && !f.omitempty {
		return nil, false // a nil pointer fails its rules: left to the validator
	}
	switch t.Kind() {
	case reflect.Struct:
		if tag != "" {
			return nil, false
		}
		f.sub = buildPlainType(t, built)
	case reflect.Slice:
		et := t.Elem()
		switch {
		case f.omitempty && dive:
			return nil, false
		case !dive: // omitempty skips a nil slice, as reflect's IsZero does
		case et.Kind() == reflect.Struct && len(after) == 0:
			f.sub = buildPlainType(et, built)
		case et.Kind() == reflect.String:
			if f.elem, ok = plainRules(after, et); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
	case reflect.Map, reflect.Interface:
		if tag != "" || t.Kind() == reflect.Interface {
			return nil, false
		}
		return nil, true
	default:
		if dive {
			return nil, false
		}
	}
	if len(f.rules) == 0 && !f.dive && f.sub == nil {
		return nil, true
	}
	return f, true
}

// cutTag splits parts at the first sep.
func cutTag(parts []string, sep string) (before, after []string, found bool) {
	for i, p := range parts {
		if p == sep {
			return parts[:i], parts[i+1:], true
		}
	}
	return parts, nil, false
}

// plainRules reads the rules tags for a value of type t.
func plainRules(tags []string, t reflect.Type) ([]plainRule, bool) {
	var rules []plainRule
	for _, tg := range tags {
		name, param, _ := strings.Cut(tg, "=")
		r := plainRule{op: name}
		var err error
		switch name {
		case "required":
			if param != "" {
				return nil, false
			}
		case "max", "gte", "lte", "len":
			if t.Kind() == reflect.Float64 {
				r.n, err = strconv.ParseFloat(param, 64)
			} else {
				r.i, err = strconv.ParseInt(param, 0, 64)
			}
		case "oneof":
			if t.Kind() != reflect.String || strings.ContainsAny(param, `'"`) {
				return nil, false
			}
			r.oneof = strings.Fields(param)
		case "datetime":
			if t.Kind() != reflect.String {
				return nil, false
			}
			r.layout = param
		default:
			return nil, false
		}
		if err != nil {
			return nil, false
		}
		switch t.Kind() {
		case reflect.String, reflect.Slice, reflect.Float64, reflect.Int, reflect.Int64:
		default:
			return nil, false
		}
		rules = append(rules, r)
	}
	return rules, true
}

// plainValid reports whether the struct v, of the type pt describes, passes every tagged rule of its
// type and of the records within it; false where the validator must say.
func plainValid(pt *plainType, v reflect.Value) bool {
	if !pt.ok {
		return false
	}
	for i := range pt.fields {
		f := &pt.fields[i]
		fv := v.Field(f.index)
		if f.ptr {
			if fv.IsNil() {
				continue
			}
			fv = fv.Elem()
		} else if f.omitempty && fv.IsZero() {
			continue
		}
		if !plainPasses(f.rules, fv) {
			return false
		}
		switch {
		case fv.Kind() == reflect.Struct:
			if !plainValid(f.sub, fv) {
				return false
			}
		case f.sub != nil && f.sub.values:
			if !valuesPlainValid(valuesOf(fv)) {
				return false
			}
		case f.sub != nil:
			for k := range fv.Len() {
				if !plainValid(f.sub, fv.Index(k)) {
					return false
				}
			}
		case f.elem != nil:
			for k := range fv.Len() {
				if !plainPasses(f.elem, fv.Index(k)) {
					return false
				}
			}
		}
	}
	return true
}

// plainPasses reports whether v passes rules, as the validator's checks
// of the same names would.
func plainPasses(rules []plainRule, v reflect.Value) bool {
	for _, r := range rules {
		ok := true
		switch v.Kind() {
		case reflect.String:
			s := v.String()
			switch r.op {
			case "required":
				ok = s != ""
			case "max", "lte":
				// No more characters than bytes: counted only when longer.
				ok = int64(len(s)) <= r.i || int64(utf8.RuneCountInString(s)) <= r.i
			case "gte":
				ok = int64(utf8.RuneCountInString(s)) >= r.i
			case "len":
				ok = int64(utf8.RuneCountInString(s)) == r.i
			case "oneof":
				ok = false
				for _, o := range r.oneof {
					ok = ok || s == o
				}
			case "datetime":
				_, err := time.Parse(r.layout, s)
				ok = err == nil
			}
		case reflect.Float64:
			x := v.Float()
			switch r.op {
			case "required":
				ok = x != 0
			case "max", "lte":
				ok = x <= r.n
			case "gte":
				ok = x >= r.n
			case "len":
				ok = x == r.n
			}
		case reflect.Int, reflect.Int64:
			x := v.Int()
			switch r.op {
			case "required":
				ok = x != 0
			case "max", "lte":
				ok = x <= r.i
			case "gte":
				ok = x >= r.i
			case "len":
				ok = x == r.i
			}
		case reflect.Slice:
			switch r.op {
			case "required":
				ok = !v.IsNil()
			case "max", "lte":
				ok = int64(v.Len()) <= r.i
			case "gte":
				ok = int64(v.Len()) >= r.i
			case "len":
				ok = int64(v.Len()) == r.i
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// valueRules are Value's tagged rules as plainTypeOf reads them, field by
// field, which valuesPlainValid checks (TestValueRules holds them to the
// tags): a tag changed without it fails that test.
var valueRules = map[string]string{
	"Indicator":   "required",
	"Count":       "ptr omitempty gte 0", // nil passes
	"Denominator": "ptr omitempty gte 0",
	"Note":        "max 500",
	"Period":      "max 100",
}

// valuesPlainValid reports whether every value of vs passes valueRules,
// as plainValid would find by reflection.
func valuesPlainValid(vs []Value) bool {
	for k := range vs {
		v := &vs[k]
		if v.Indicator == "" ||
			v.Count != nil && !(*v.Count >= 0) ||
			v.Denominator != nil && !(*v.Denominator >= 0) ||
			len(v.Note) > 500 && utf8.RuneCountInString(v.Note) > 500 ||
			len(v.Period) > 100 && utf8.RuneCountInString(v.Period) > 100 {
			return false
		}
	}
	return true
}

// valuesOf is the []Value v holds: by its address where it has one, which
// boxes nothing.
func valuesOf(v reflect.Value) []Value {
	if v.CanAddr() {
		return *v.Addr().Interface().(*[]Value)
	}
	return v.Interface().([]Value)
}

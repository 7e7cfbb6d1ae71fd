package jsna

import (
	"bytes"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// Decode reads a jsna/1 document from JSON without validating its content.
// It is tolerant of members it does not know: they are kept in the records'
// Extra fields and written back by Encode. A leading UTF-8 byte order mark is
// ignored. The error, if any, is an *Error: a syntax error with its line and
// column, or every member of the wrong type with its path. Decode never
// panics, whatever data holds. Decode and Parse seal the document they
// return (see Seal): a caller that then edits it in place calls Edited.
func Decode(data []byte) (*Document, error) {
	d, err := decode(data)
	if err != nil {
		return nil, err
	}
	Seal(d)
	return d, nil
}

// decode is Decode, but returns what it could decode alongside the problems
// with members of the wrong type (nil for a syntax error).
func decode(data []byte) (*Document, error) {
	var ps Problems
	if len(data) > MaxDocumentBytes {
		ps.Add("", "file is larger than the %s this version reads", ByteSize(MaxDocumentBytes))
		return nil, ps.Err()
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		ps.Add("", "file is empty")
		return nil, ps.Err()
	}
	if !utf8.Valid(data) {
		off := firstInvalidUTF8(data)
		line, col := lineCol(data, off)
		ps.AddAt("", line, col, "file is not UTF-8 text (byte 0x%02x at offset %d)", data[off], off)
		return nil, ps.Err()
	}
	if off, ok := checkDepth(data); !ok {
		line, col := lineCol(data, off)
		ps.AddAt("", line, col, "arrays and objects nested deeper than %d levels", MaxDepth)
		return nil, ps.Err()
	}
	if !gjson.ValidBytes(data) {
		line, col, msg := syntaxError(data)
		ps.AddAt("", line, col, msg.Format, msg.Args...)
		return nil, ps.Err()
	}
	root := gjson.ParseBytes(data)
	if !root.IsObject() {
		ps.Add("", "document must be a JSON object, got %s", kind(root))
		return nil, ps.Err()
	}
	dec := decoder{data: data, ps: &ps}
	var d Document
	dec.value(root, reflect.ValueOf(&d).Elem())
	if f := root.Get("format"); f.Exists() && f.Type == gjson.String && f.Str != Format {
		// A newer major version may mean something else by the same names:
		// say so rather than report its members as wrong.
		if strings.HasPrefix(f.Str, "jsna/") {
			var ps Problems
			ps.Add("format", "format %q is not one this version reads (it reads %q)", f.Str, Format)
			return nil, ps.Err()
		}
	}
	if err := ps.Err(); err != nil {
		sortProblems(err.(*Error).Problems)
		return &d, err
	}
	return &d, nil
}

// decoder walks a gjson tree into Go values by their json tags.
type decoder struct {
	data  []byte
	ps    *Problems
	lines []int // offsets of line starts, built on the first problem
	// at is the path of the value being decoded, as segments: the path
	// string is built only when there is a problem to report there.
	at []segment
	// floats is where the numbers of wards' values are kept, a block at a
	// time: one allocation for a thousand of them rather than one each.
	floats []float64
}

// segment is one step of a path: a member name, or an index when name is
// empty and index ≥ 0.
type segment struct {
	name  string
	index int
}

func (dec *decoder) pushMember(name string) { dec.at = append(dec.at, segment{name: name, index: -1}) }
func (dec *decoder) pushIndex(i int)        { dec.at = append(dec.at, segment{index: i}) }
func (dec *decoder) pop()                   { dec.at = dec.at[:len(dec.at)-1] }

// path is the path of the value being decoded.
func (dec *decoder) path() string {
	p := ""
	for _, sg := range dec.at {
		if sg.index >= 0 && sg.name == "" {
			p = index(p, sg.index)
		} else {
			p = member(p, sg.name)
		}
	}
	return p
}

// problem reports a problem with r, the value at the current path.
func (dec *decoder) problem(r gjson.Result, format string, args ...any) {
	dec.problemAt(dec.path(), r, format, args...)
}

func (dec *decoder) problemAt(path string, r gjson.Result, format string, args ...any) {
	line, col := 0, 0
	if r.Index > 0 || path == "" {
		if dec.lines == nil {
			dec.lines = lineStarts(dec.data)
		}
		line, col = lineColFrom(dec.lines, dec.data, r.Index)
	}
	dec.ps.AddAt(path, line, col, format, args...)
}

func (dec *decoder) problems() int { return len(dec.ps.list) + dec.ps.omitted }

var (
	valueType = reflect.TypeOf(Value{})
	rawType   = reflect.TypeOf([]byte(nil))
)

// value decodes r into v, by v's kind. A member of the wrong type is
// reported at the current path and leaves v as it was.
func (dec *decoder) value(r gjson.Result, v reflect.Value) {
	if r.Type == gjson.Null {
		return // null is the same as absent: the zero value
	}
	switch v.Kind() {
	case reflect.Pointer:
		// Set the pointer only when its target decodes, so that a member
		// of the wrong type stays absent rather than becoming zero.
		before := dec.problems()
		target := reflect.New(v.Type().Elem())
		dec.value(r, target.Elem())
		if dec.problems() == before {
			v.Set(target)
		}
	case reflect.Struct:
		if !r.IsObject() {
			dec.problem(r, "must be an object, got %s", kind(r))
			return
		}
		dec.object(r, v)
	case reflect.Slice:
		if !r.IsArray() {
			dec.problem(r, "must be an array, got %s", kind(r))
			return
		}
		elems := r.Array()
		if v.Type().Elem() == valueType {
			// A ward's values are most of a document: decoded without
			// reflection.
			vs := make([]Value, len(elems))
			for i, e := range elems {
				dec.pushIndex(i)
				dec.valueRecord(e, &vs[i])
				dec.pop()
			}
			v.Set(reflect.ValueOf(vs))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(elems), len(elems))
		for i, e := range elems {
			dec.pushIndex(i)
			dec.value(e, s.Index(i))
			dec.pop()
		}
		v.Set(s)
	case reflect.Map:
		dec.mapValue(r, v)
	default:
		dec.scalar(r, v)
	}
}

// scalar decodes r into a string, number or boolean v.
func (dec *decoder) scalar(r gjson.Result, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if s, ok := dec.str(r); ok {
			v.SetString(s)
		}
	case reflect.Float64:
		if f, ok := dec.float(r); ok {
			v.SetFloat(f)
		}
	case reflect.Int, reflect.Int64:
		if r.Type != gjson.Number {
			dec.problem(r, "must be a number, got %s", kind(r))
			return
		}
		n, err := strconv.ParseInt(r.Raw, 10, 64)
		if err != nil {
			dec.problem(r, "must be a whole number, got %s", r.Raw)
			return
		}
		v.SetInt(n)
	case reflect.Bool:
		if r.Type != gjson.True && r.Type != gjson.False {
			dec.problem(r, "must be true or false, got %s", kind(r))
			return
		}
		v.SetBool(r.Type == gjson.True)
	default:
		dec.problem(r, "cannot be decoded into %s", v.Type())
	}
}

func (dec *decoder) str(r gjson.Result) (string, bool) {
	if r.Type != gjson.String {
		dec.problem(r, "must be a string, got %s", kind(r))
		return "", false
	}
	return r.Str, true
}

func (dec *decoder) float(r gjson.Result) (float64, bool) {
	if r.Type != gjson.Number {
		dec.problem(r, "must be a number, got %s", kind(r))
		return 0, false
	}
	if f, ok := parseSimpleFloat(r.Raw); ok {
		return f, true
	}
	f, err := strconv.ParseFloat(r.Raw, 64)
	if err != nil || math.IsInf(f, 0) {
		dec.problem(r, "number %s is out of range", r.Raw)
		return 0, false
	}
	return f, true
}

// exactPow10 are the powers of ten a float64 holds exactly.
var exactPow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseSimpleFloat parses the numbers most files hold, like 12.345 or
// -3, without strconv: at most 15 digits and no exponent, so the digits
// form an integer a float64 holds exactly and one division by an exact
// power of ten rounds correctly (Clinger's fast path, which ParseFloat
// takes for them too). ok is false for any other number.
func parseSimpleFloat(s string) (float64, bool) {
	neg := false
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if len(s) == 0 || len(s) > 16 {
		return 0, false
	}
	var m uint64
	digits, frac := 0, -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			m = m*10 + uint64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0:
			frac = 0
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 || frac == 0 {
		return 0, false
	}
	f := float64(m)
	if frac > 0 {
		f /= exactPow10[frac]
	}
	if neg {
		f = -f
	}
	return f, true
}

// floatPtr decodes an optional number: nil when r is null or of the wrong
// type.
func (dec *decoder) floatPtr(r gjson.Result) *float64 {
	if r.Type == gjson.Null {
		return nil
	}
	f, ok := dec.float(r)
	if !ok {
		return nil
	}
	if len(dec.floats) == cap(dec.floats) {
		dec.floats = make([]float64, 0, 1024)
	}
	dec.floats = append(dec.floats, f)
	return &dec.floats[len(dec.floats)-1]
}

// valueRecord decodes a ward's value as object would, without reflection.
func (dec *decoder) valueRecord(r gjson.Result, v *Value) {
	if r.Type == gjson.Null {
		return
	}
	if !r.IsObject() {
		dec.problem(r, "must be an object, got %s", kind(r))
		return
	}
	var seen uint16
	var others []string // unknown members seen
	r.ForEach(func(k, e gjson.Result) bool {
		name := k.Str
		bit := uint16(0)
		switch name {
		case "indicator":
			bit = 1
		case "count":
			bit = 2
		case "denominator":
			bit = 4
		case "value":
			bit = 8
		case "lower":
			bit = 16
		case "upper":
			bit = 32
		case "lower998":
			bit = 64
		case "upper998":
			bit = 128
		case "note":
			bit = 256
		case "period":
			bit = 512
		}
		if dup := seen&bit != 0 || bit == 0 && slices.Contains(others, name); dup {
			dec.pushMember(name)
			dec.problem(k, "member %q appears twice", name)
			dec.pop()
			return true
		}
		if bit == 0 {
			others = append(others, name)
			if v.Extra == nil {
				v.Extra = make(Extra)
			}
			v.Extra[name] = canonicalRaw(e)
			return true
		}
		seen |= bit
		if e.Type == gjson.Null {
			return true
		}
		dec.pushMember(name)
		dec.valueMember(bit, e, v)
		dec.pop()
		return true
	})
}

// valueMember decodes e, the member of a Value numbered bit by
// valueRecord, into v.
func (dec *decoder) valueMember(bit uint16, e gjson.Result, v *Value) {
	switch bit {
	case 1:
		if s, ok := dec.str(e); ok {
			v.Indicator = s
		}
	case 2:
		v.Count = dec.floatPtr(e)
	case 4:
		v.Denominator = dec.floatPtr(e)
	case 8:
		v.Value = dec.floatPtr(e)
	case 16:
		v.Lower = dec.floatPtr(e)
	case 32:
		v.Upper = dec.floatPtr(e)
	case 64:
		v.Lower998 = dec.floatPtr(e)
	case 128:
		v.Upper998 = dec.floatPtr(e)
	case 256:
		if s, ok := dec.str(e); ok {
			v.Note = s
		}
	case 512:
		if s, ok := dec.str(e); ok {
			v.Period = s
		}
	}
}

// mapValue decodes the object r into a map[string]T v: free-form members
// like Extra's, whose raw JSON is kept in canonical form when T is []byte.
func (dec *decoder) mapValue(r gjson.Result, v reflect.Value) {
	if !r.IsObject() {
		dec.problem(r, "must be an object, got %s", kind(r))
		return
	}
	m := reflect.MakeMap(v.Type())
	r.ForEach(func(k, e gjson.Result) bool {
		ev := reflect.New(v.Type().Elem()).Elem()
		if v.Type().Elem() == rawType {
			ev.SetBytes(canonicalRaw(e))
		} else {
			dec.pushMember(k.Str)
			dec.value(e, ev)
			dec.pop()
		}
		m.SetMapIndex(reflect.ValueOf(k.Str).Convert(v.Type().Key()), ev)
		return true
	})
	v.Set(m)
}

func (dec *decoder) object(r gjson.Result, v reflect.Value) {
	info := structInfoOf(v.Type())
	var seen uint64             // the known members seen, by their place in info.fields
	var others []string         // the unknown members seen
	var seenMap map[string]bool // for a struct of more than 64 members
	var extra Extra
	r.ForEach(func(k, e gjson.Result) bool {
		name := k.Str
		f, ok := info.byName[name]
		var dup bool
		switch {
		case len(info.fields) > 64:
			if seenMap == nil {
				seenMap = make(map[string]bool)
			}
			dup = seenMap[name]
			seenMap[name] = true
		case ok:
			dup = seen&(1<<f.place) != 0
			seen |= 1 << f.place
		default:
			dup = slices.Contains(others, name)
			if !dup {
				others = append(others, name)
			}
		}
		if dup {
			dec.pushMember(name)
			dec.problem(k, "member %q appears twice", name)
			dec.pop()
			return true
		}
		if !ok {
			if info.extra < 0 {
				return true
			}
			if extra == nil {
				extra = make(Extra)
			}
			extra[name] = canonicalRaw(e)
			return true
		}
		dec.pushMember(name)
		dec.value(e, v.Field(f.Index))
		dec.pop()
		return true
	})
	if extra != nil {
		v.Field(info.extra).Set(reflect.ValueOf(extra))
	}
}

// field is one JSON member of a struct type.
type structInfo struct {
	fields []Field // sorted by name: the canonical order
	byName map[string]Field
	extra  int // index of the Extra field, or -1
}

var structInfos sync.Map // reflect.Type → *structInfo

func structInfoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byName: make(map[string]Field), extra: -1}
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		if sf.Type == reflect.TypeOf(Extra(nil)) {
			si.extra = i
			continue
		}
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if name == "" {
			name = sf.Name
		}
		f := Field{Name: name, Index: i, OmitEmpty: strings.Contains(opts, "omitempty")}
		si.fields = append(si.fields, f)
		si.byName[name] = f
	}
	sort.Slice(si.fields, func(i, j int) bool { return si.fields[i].Name < si.fields[j].Name })
	for i := range si.fields {
		si.fields[i].place = i
		si.byName[si.fields[i].Name] = si.fields[i]
	}
	actual, _ := structInfos.LoadOrStore(t, si)
	return actual.(*structInfo)
}

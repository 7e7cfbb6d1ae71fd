package jsna

import (
	"bytes"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
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
// The document shares no memory with data.
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
//
// After the checks of size and UTF-8 it reads data once (scanner): the
// syntax, the depth and the types are checked in the same pass that
// decodes. Only when that pass meets a syntax error does it run the
// checks of syntax.go, which say what is wrong.
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
	var d Document
	dec := newDecoder(data, &ps)
	other, ok := dec.document(reflect.ValueOf(&d).Elem())
	if !ok {
		return nil, syntaxProblem(data)
	}
	if other.Exists() {
		var ps Problems
		ps.Add("", "document must be a JSON object, got %s", kind(other))
		return nil, ps.Err()
	}
	if d.Format != "" && d.Format != Format && strings.HasPrefix(d.Format, "jsna/") {
		// A newer major version may mean something else by the same names:
		// say so rather than report its members as wrong. (d.Format is the
		// first "format" member where that is a string.)
		var ps Problems
		ps.Add("format", "format %q is not one this version reads (it reads %q)", d.Format, Format)
		return nil, ps.Err()
	}
	if err := ps.Err(); err != nil {
		sortProblems(err.(*Error).Problems)
		return &d, err
	}
	return &d, nil
}

// syntaxProblem says what is wrong with data, which the scanner could not
// read: nesting too deep, or the first syntax error.
func syntaxProblem(data []byte) error {
	var ps Problems
	if off, ok := checkDepth(data); !ok {
		line, col := lineCol(data, off)
		ps.AddAt("", line, col, "arrays and objects nested deeper than %d levels", MaxDepth)
		return ps.Err()
	}
	line, col, msg := syntaxError(data)
	ps.AddAt("", line, col, msg.Format, msg.Args...)
	return ps.Err()
}

// decoder decodes the values a scanner reads into Go values by their json
// tags, in the same pass: the wards' values by hand (values.go), the other
// records by reflection over their cached structInfo.
type decoder struct {
	scanner
	ps    *Problems
	lines []int // offsets of line starts, built on the first problem
	// at is the path of the value being decoded, as segments: the path
	// string is built only when there is a problem to report there.
	at []segment
	// floats is where the numbers of wards' values are kept, a block at a
	// time: one allocation for a thousand of them rather than one each.
	floats []float64
	// values is where the wards' values are decoded (scratch) and then
	// kept, exactly as many for each ward, a block at a time (slab).
	scratch, slab []Value
	// interned holds the indicator ids and periods of values, which
	// repeat in every ward: one string for each.
	interned map[string]string
	// recent holds, for each place in a ward's values, the indicator id
	// and period read there last (internedStr); at0 is the place of the
	// value being decoded.
	recent [][2]string
	at0    *[2]string
	// strs is where the other strings are copied, many to a block
	// (copyString).
	strs strings.Builder
	// bools is where optional booleans are kept, a block at a time.
	bools []bool
	// unesc is the scratch space of unescaped.
	unesc []byte
	// slices holds the scratch space of slice, by slice type.
	slices map[reflect.Type]*sliceScratch
}

func newDecoder(data []byte, ps *Problems) *decoder {
	return &decoder{scanner: scanner{data: data}, ps: ps}
}

// segment is one step of a path: an index, or the member whose name is
// the string that starts at key (its opening quote), n bytes long without
// the quotes.
type segment struct {
	index  int // -1 for a member
	key, n int
	esc    bool // the name holds escapes
}

func (dec *decoder) pushMember(key int, name []byte, esc bool) {
	dec.at = append(dec.at, segment{index: -1, key: key, n: len(name), esc: esc})
}
func (dec *decoder) pushIndex(i int) { dec.at = append(dec.at, segment{index: i}) }
func (dec *decoder) pop()            { dec.at = dec.at[:len(dec.at)-1] }

// path is the path of the value being decoded.
func (dec *decoder) path() string {
	p := ""
	for _, sg := range dec.at {
		if sg.index >= 0 {
			p = index(p, sg.index)
		} else {
			p = member(p, dec.name(dec.data[sg.key+1:sg.key+1+sg.n], sg.key, sg.esc))
		}
	}
	return p
}

// name is the member name name, read at key: unescaped when esc.
func (dec *decoder) name(name []byte, key int, esc bool) string {
	if esc {
		return gjson.Parse(string(dec.data[key : key+len(name)+2])).Str
	}
	return string(name)
}

// problem reports a problem with the value at offset off, at the current
// path.
func (dec *decoder) problem(off int, format string, args ...any) {
	path := dec.path()
	line, col := 0, 0
	if off > 0 || path == "" {
		if dec.lines == nil {
			dec.lines = lineStarts(dec.data)
		}
		line, col = lineColFrom(dec.lines, dec.data, off)
	}
	dec.ps.AddAt(path, line, col, format, args...)
}

// mismatch skips the next value, of the wrong type, and reports it with
// format, which names what it must be.
func (dec *decoder) mismatch(format string) {
	r := dec.result(dec.skip())
	dec.problem(r.Index, format, kind(r))
}

func (dec *decoder) problems() int { return len(dec.ps.list) + dec.ps.omitted }

var (
	valueType = reflect.TypeOf(Value{})
	rawType   = reflect.TypeOf([]byte(nil))
)

// document decodes the whole of data into v, a Document. ok is false when
// data is not one JSON value nested at most MaxDepth deep. other is the
// value data holds when that is not an object (v is then untouched).
func (dec *decoder) document(v reflect.Value) (other gjson.Result, ok bool) {
	defer catchSyntax(&ok)
	if dec.next() == '{' {
		dec.object(v)
	} else {
		other = dec.result(dec.skip())
	}
	if dec.next() != 0 || dec.pos != len(dec.data) {
		dec.fail()
	}
	return other, true
}

// value decodes the next value into v, by v's kind. A member of the wrong
// type is reported at the current path and leaves v as it was.
func (dec *decoder) value(v reflect.Value) {
	c := dec.next()
	if c == 'n' {
		dec.literal("null") // null is the same as absent: the zero value
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		// Set the pointer only when its target decodes, so that a member
		// of the wrong type stays absent rather than becoming zero.
		before := dec.problems()
		target := dec.newTarget(v.Type().Elem())
		dec.value(target.Elem())
		if dec.problems() == before {
			v.Set(target)
		}
	case reflect.Struct:
		if c != '{' {
			dec.mismatch("must be an object, got %s")
			return
		}
		dec.object(v)
	case reflect.Slice:
		if c != '[' {
			dec.mismatch("must be an array, got %s")
			return
		}
		dec.slice(v)
	case reflect.Map:
		if c != '{' {
			dec.mismatch("must be an object, got %s")
			return
		}
		dec.mapValue(v)
	default:
		dec.scalar(c, v)
	}
}

var (
	floatType = reflect.TypeOf(0.0)
	boolType  = reflect.TypeOf(false)
)

// newTarget returns a pointer to a new zero value of type t: for numbers
// and booleans, the most common, one kept in a block with others.
func (dec *decoder) newTarget(t reflect.Type) reflect.Value {
	switch t {
	case floatType:
		if len(dec.floats) == cap(dec.floats) {
			// No more than the numbers left in the input can hold
			// (a digit and a comma each): a small record's block is small.
			dec.floats = make([]float64, 0, min(1024, (len(dec.data)-dec.pos)/2+1))
		}
		dec.floats = append(dec.floats, 0)
		return reflect.ValueOf(&dec.floats[len(dec.floats)-1])
	case boolType:
		if len(dec.bools) == cap(dec.bools) {
			dec.bools = make([]bool, 0, min(1024, (len(dec.data)-dec.pos)/5+1))
		}
		dec.bools = append(dec.bools, false)
		return reflect.ValueOf(&dec.bools[len(dec.bools)-1])
	}
	return reflect.New(t)
}

// slice decodes the array that is next into the slice v.
func (dec *decoder) slice(v reflect.Value) {
	if v.Type().Elem() == valueType {
		// A ward's values are most of a document: decoded by hand.
		v.Set(reflect.ValueOf(dec.values()))
		return
	}
	dec.pos++
	dec.enter()
	// The elements are decoded into a scratch slice of their type, kept
	// from one array to the next, grown as they come (Grow and SetLen on
	// an addressable slice allocate only as its capacity doubles), and
	// then copied into a slice exactly as long: a ward's few sections or
	// needs cost one allocation, not one for each doubling.
	sc := dec.scratchFor(v.Type())
	if sc.busy {
		// An array of arrays of the same type: this one grown in place.
		v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		dec.elements(v)
		return
	}
	sc.busy = true
	sc.v.SetLen(0)
	dec.elements(sc.v)
	sc.busy = false
	n := sc.v.Len()
	s := reflect.MakeSlice(v.Type(), n, n)
	reflect.Copy(s, sc.v)
	sc.v.Clear() // no pointers kept from the scratch space
	v.Set(s)
}

// elements decodes the elements of the array being read, after its
// opening bracket, into the addressable slice v, appending to it.
func (dec *decoder) elements(v reflect.Value) {
	for i := 0; dec.more(']', i == 0); i++ {
		v.Grow(1)
		v.SetLen(i + 1)
		dec.pushIndex(i)
		dec.value(v.Index(i))
		dec.pop()
	}
	dec.leave()
}

// sliceScratch is the scratch space of slice for one slice type.
type sliceScratch struct {
	v    reflect.Value // an addressable slice of the type
	busy bool          // being filled
}

// scratchFor is the scratch space for slices of type t.
func (dec *decoder) scratchFor(t reflect.Type) *sliceScratch {
	sc := dec.slices[t]
	if sc == nil {
		if dec.slices == nil {
			dec.slices = make(map[reflect.Type]*sliceScratch)
		}
		sc = &sliceScratch{v: reflect.New(t).Elem()}
		dec.slices[t] = sc
	}
	return sc
}

// scalar decodes the next value, c its first byte, into a string, number
// or boolean v.
func (dec *decoder) scalar(c byte, v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		if c != '"' {
			dec.mismatch("must be a string, got %s")
			return
		}
		v.SetString(dec.str())
	case reflect.Float64:
		if f, ok := dec.float(c); ok {
			v.SetFloat(f)
		}
	case reflect.Int, reflect.Int64:
		if !isNumberStart(c) {
			dec.mismatch("must be a number, got %s")
			return
		}
		at := dec.pos
		raw := dec.number()
		n, err := strconv.ParseInt(string(raw), 10, 64)
		if err != nil {
			dec.problem(at, "must be a whole number, got %s", string(raw))
			return
		}
		v.SetInt(n)
	case reflect.Bool:
		switch c {
		case 't':
			dec.literal("true")
			v.SetBool(true)
		case 'f':
			dec.literal("false")
			v.SetBool(false)
		default:
			dec.mismatch("must be true or false, got %s")
		}
	default:
		r := dec.result(dec.skip())
		dec.problem(r.Index, "cannot be decoded into %s", v.Type())
	}
}

func isNumberStart(c byte) bool { return c == '-' || c >= '0' && c <= '9' }

// str reads the string that is next, unescaped; its bytes are copied, so
// that no string of a document holds on to the file.
func (dec *decoder) str() string {
	start, end, esc := dec.scanner.str()
	if esc {
		return dec.unescaped(dec.data[start+1 : end-1])
	}
	return dec.copyString(dec.data[start+1 : end-1])
}

// unescaped is the string whose contents, between its quotes, are raw,
// which holds escapes the scanner has checked: unescaped as gjson does
// (a lone surrogate becomes U+FFFD), into dec's scratch buffer and then
// copied as copyString does.
func (dec *decoder) unescaped(raw []byte) string {
	b := dec.unesc[:0]
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		switch raw[i] {
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r := hex4(raw[i+1:])
			i += 5
			if r >= 0xD800 && r < 0xDC00 && len(raw)-i >= 6 && raw[i] == '\\' && raw[i+1] == 'u' {
				if r2 := hex4(raw[i+2:]); r2 >= 0xDC00 && r2 < 0xE000 {
					r = utf16.DecodeRune(r, r2)
					i += 6
				}
			}
			b = utf8.AppendRune(b, r)
			i--
		default: // '"', '\\' and '/' stand for themselves
			b = append(b, raw[i])
		}
	}
	dec.unesc = b
	return dec.copyString(b)
}

// hex4 is the number the 4 hex digits that start b write.
func hex4(b []byte) rune {
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		default:
			c -= 'A' - 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// stringBlock is the size of the blocks copyString fills.
const stringBlock = 64 << 10

// copyString returns a copy of b as a string. Short strings are copied
// into a block shared with others, one allocation for many: a
// strings.Builder, whose String shares its bytes, and which only ever
// appends, within its capacity here, so that no string taken from it
// changes.
func (dec *decoder) copyString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > stringBlock/8 {
		return string(b)
	}
	if dec.strs.Cap()-dec.strs.Len() < len(b) {
		// A block no larger than what is left of the input: a small
		// record (the merge decodes thousands, one at a time) must not
		// cost a whole block.
		dec.strs = strings.Builder{}
		dec.strs.Grow(min(stringBlock, len(dec.data)-dec.pos+len(b)))
	}
	start := dec.strs.Len()
	dec.strs.Write(b)
	return dec.strs.String()[start:]
}

// mapValue decodes the object that is next into a map[string]T v:
// free-form members like Extra's, whose raw JSON is kept in canonical form
// when T is []byte.
func (dec *decoder) mapValue(v reflect.Value) {
	m := reflect.MakeMap(v.Type())
	et := v.Type().Elem()
	dec.pos++
	dec.enter()
	for first := true; dec.more('}', first); first = false {
		name, key, esc := dec.key()
		ev := reflect.New(et).Elem()
		if et == rawType {
			ev.SetBytes(canonicalRaw(dec.result(dec.skip())))
		} else {
			dec.pushMember(key, name, esc)
			dec.value(ev)
			dec.pop()
		}
		m.SetMapIndex(reflect.ValueOf(dec.name(name, key, esc)).Convert(v.Type().Key()), ev)
	}
	dec.leave()
	v.Set(m)
}

// object decodes the object that is next into the struct v: its members
// by name, the unknown ones into its Extra field.
func (dec *decoder) object(v reflect.Value) {
	info := structInfoOf(v.Type())
	var seen uint64             // the known members seen, by their place in info.fields
	var others []string         // the unknown members seen
	var seenMap map[string]bool // for a struct of more than 64 members
	var extra Extra
	expect := 0 // the place in info.fields of the member expected next
	dec.pos++
	dec.enter()
	for first := true; dec.more('}', first); first = false {
		raw, key, esc := dec.key()
		f, ok := info.field(raw, key, esc, dec, &expect)
		var dup bool
		switch {
		case len(info.fields) > 64:
			if seenMap == nil {
				seenMap = make(map[string]bool)
			}
			name := dec.name(raw, key, esc)
			dup = seenMap[name]
			seenMap[name] = true
		case ok:
			dup = seen&(1<<f.place) != 0
			seen |= 1 << f.place
		default:
			name := dec.name(raw, key, esc)
			dup = slices.Contains(others, name)
			if !dup {
				others = append(others, name)
			}
		}
		switch {
		case dup:
			dec.duplicate(raw, key, esc)
		case !ok && info.extra < 0:
			dec.skip()
		case !ok:
			if extra == nil {
				extra = make(Extra)
			}
			extra[dec.name(raw, key, esc)] = canonicalRaw(dec.result(dec.skip()))
		default:
			dec.pushMember(key, raw, esc)
			dec.value(v.Field(f.Index))
			dec.pop()
		}
	}
	dec.leave()
	if extra != nil {
		v.Field(info.extra).Set(reflect.ValueOf(extra))
	}
}

// field returns the member named raw, read at key by dec. In a file
// Encode wrote, the members come in the canonical order, skipping the
// empty ones: the few after the one before (*expect) are compared first.
func (info *structInfo) field(raw []byte, key int, esc bool, dec *decoder, expect *int) (Field, bool) {
	if esc {
		f, ok := info.byName[dec.name(raw, key, esc)]
		return f, ok
	}
	for i := *expect; i < len(info.fields) && i < *expect+4; i++ {
		if string(raw) == info.fields[i].Name {
			*expect = i + 1
			return info.fields[i], true
		}
	}
	f, ok := info.byName[string(raw)]
	if ok {
		*expect = f.place + 1
	}
	return f, ok
}

// duplicate reports a member whose name, read at key, appeared before in
// its object, and skips its value.
func (dec *decoder) duplicate(raw []byte, key int, esc bool) {
	dec.pushMember(key, raw, esc)
	dec.problem(key, "member %q appears twice", dec.name(raw, key, esc))
	dec.pop()
	dec.skip()
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

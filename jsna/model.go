package jsna

import (
	"bytes"
	"reflect"

	"github.com/tidwall/gjson"
)

// Model reflection, for packages that walk documents generically rather
// than field by field (jsna/merge flattens a document into paths and
// rebuilds records from them). The codec's own view of the model types:
// their JSON members in canonical order, and canonical encoding and
// decoding of any part of a document.

// Field is one JSON member of a model struct type.
type Field struct {
	Name      string // member name, from the json tag
	Index     int    // index of the struct field
	OmitEmpty bool   // left out of the encoding when empty (IsEmpty)

	place int // index in the sorted fields: the decoder's bit for it
}

// Fields returns the JSON members of the model struct type t, sorted by
// name (the canonical order). Extra and untagged unexported fields are not
// members. The slice is shared: do not modify it.
func Fields(t reflect.Type) []Field { return structInfoOf(t).fields }

// FieldByName returns the member of the model struct type t named name.
func FieldByName(t reflect.Type, name string) (Field, bool) {
	f, ok := structInfoOf(t).byName[name]
	return f, ok
}

// IsEmpty reports whether v is empty in the sense of omitempty: a zero
// number, false, "", or a nil or empty pointer, slice or map.
func IsEmpty(v reflect.Value) bool { return isEmpty(v) }

// AppendCanonical appends the canonical encoding of v, any value of a
// model type (a Ward, a Value, a slice of Needs...), to b, as Canonical
// encodes a whole Document.
func AppendCanonical(b []byte, v reflect.Value) []byte {
	e := encoder{buf: b}
	e.value(v)
	return e.buf
}

// AppendCanonicalJSON appends the canonical form of the JSON value raw
// (members sorted, no insignificant space) to b; "null" for empty raw.
func AppendCanonicalJSON(b []byte, raw []byte) []byte {
	e := encoder{buf: b}
	e.raw(raw)
	return e.buf
}

// CanonicalJSON returns the canonical form of the parsed JSON value r.
func CanonicalJSON(r gjson.Result) []byte { return canonicalRaw(r) }

// AppendString appends s to b as a JSON string, escaped as the canonical
// encoding escapes it.
func AppendString(b []byte, s string) []byte { return appendString(b, s) }

// DecodeValue decodes data, the JSON of one value of v's model type, into
// v, which must be settable. Unknown members go to Extra as Decode keeps
// them; problems are reported as an *Error with paths relative to the
// value. Nothing is validated. Empty data is null: v is left as it is;
// data that is not one JSON value is a syntax error.
func DecodeValue(data []byte, v reflect.Value) error {
	var ps Problems
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if !decodeValue(newDecoder(data, &ps), v) {
		return syntaxProblem(data)
	}
	return ps.Err()
}

// decodeValue decodes all of dec's data into v; false at a syntax error.
func decodeValue(dec *decoder, v reflect.Value) (ok bool) {
	defer catchSyntax(&ok)
	dec.value(v)
	if dec.next() != 0 || dec.pos != len(dec.data) {
		dec.fail()
	}
	return true
}

// Clone returns a deep copy of d: no pointer, slice or map of the copy is
// shared with d.
func (d *Document) Clone() *Document {
	out := new(Document)
	DeepCopy(out, d)
	return out
}

// DeepCopy copies *src, a model value (a Document, a Ward, a Value...),
// into *dst, which share nothing afterwards: no pointer, slice or map.
// The app copies a merged master with it before editing it.
func DeepCopy[T any](dst, src *T) {
	deepCopy(reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem())
}

// deepCopy copies src into dst, which share nothing afterwards. Unexported
// fields (bookkeeping rebuilt on demand) are left zero.
func deepCopy(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		p := reflect.New(src.Type().Elem())
		deepCopy(p.Elem(), src.Elem())
		dst.Set(p)
	case reflect.Struct:
		for i := range src.NumField() {
			if dst.Field(i).CanSet() {
				deepCopy(dst.Field(i), src.Field(i))
			}
		}
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		s := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		if k := src.Type().Elem().Kind(); k <= reflect.Complex128 || k == reflect.String {
			reflect.Copy(s, src) // no references inside
		} else {
			for i := range src.Len() {
				deepCopy(s.Index(i), src.Index(i))
			}
		}
		dst.Set(s)
	case reflect.Map:
		if src.IsNil() {
			return
		}
		m := reflect.MakeMapWithSize(src.Type(), src.Len())
		it := src.MapRange()
		for it.Next() {
			v := reflect.New(src.Type().Elem()).Elem()
			deepCopy(v, it.Value())
			m.SetMapIndex(it.Key(), v)
		}
		dst.Set(m)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		v := reflect.New(src.Elem().Type()).Elem()
		deepCopy(v, src.Elem())
		dst.Set(v)
	default:
		dst.Set(src)
	}
}

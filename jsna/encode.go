package jsna

import (
	"encoding/hex"
	"github.com/wardwise/wardwise/jsna/internal/sha"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/tidwall/gjson"
)

// Canonical returns the canonical encoding of d: compact JSON (no
// insignificant space), members of every object sorted by name in byte
// order, unknown members kept, empty optional members left out, strings
// escaped minimally. The same Document always gives the same bytes.
// Numbers are written in the shortest form that reads back as the same
// float64; a NaN or infinity (which JSON cannot hold) is written as null.
func Canonical(d *Document) []byte {
	var e encoder
	e.value(reflect.ValueOf(d).Elem())
	return e.buf
}

// Encode writes d to w in canonical form laid out for people and version
// control: an object or array that holds other objects or arrays is spread
// over lines indented by two spaces; one that holds only numbers, strings,
// booleans and nulls (a value, a section, a voice note) stays on one line.
// So an edit to one value changes one line of a master. Encoding the same
// Document twice gives the same bytes, ending in a newline.
func Encode(w io.Writer, d *Document) error {
	b, err := Marshal(d)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Marshal returns what Encode writes.
func Marshal(d *Document) ([]byte, error) {
	compact := Canonical(d)
	out := make([]byte, 0, len(compact)+len(compact)/4)
	out = appendLaidOut(out, gjson.ParseBytes(compact), 0)
	return append(out, '\n'), nil
}

// appendLaidOut writes the canonical compact value r with the layout Encode
// documents. r.Raw is already canonical, so leaves are copied as they are.
func appendLaidOut(b []byte, r gjson.Result, depth int) []byte {
	if !r.IsObject() && !r.IsArray() {
		return append(b, r.Raw...)
	}
	flat := true
	empty := true
	r.ForEach(func(_, v gjson.Result) bool {
		empty = false
		if v.IsObject() || v.IsArray() {
			flat = false
			return false
		}
		return true
	})
	open, close := byte('['), byte(']')
	if r.IsObject() {
		open, close = '{', '}'
	}
	if empty {
		return append(b, open, close)
	}
	if flat {
		b = append(b, open)
		first := true
		r.ForEach(func(k, v gjson.Result) bool {
			if !first {
				b = append(b, ", "...)
			}
			first = false
			if r.IsObject() {
				b = append(b, k.Raw...)
				b = append(b, ": "...)
			}
			b = append(b, v.Raw...)
			return true
		})
		return append(b, close)
	}
	b = append(b, open)
	first := true
	r.ForEach(func(k, v gjson.Result) bool {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '\n')
		b = appendIndent(b, depth+1)
		if r.IsObject() {
			b = append(b, k.Raw...)
			b = append(b, ": "...)
		}
		b = appendLaidOut(b, v, depth+1)
		return true
	})
	b = append(b, '\n')
	b = appendIndent(b, depth)
	return append(b, close)
}

func appendIndent(b []byte, depth int) []byte {
	for range depth {
		b = append(b, ' ', ' ')
	}
	return b
}

// Revision identifies the content of d: "sha256:" and the hex SHA-256 of
// its canonical encoding with the draft block left out, so a draft and the
// master it was cut from share a revision until someone edits the draft.
//
// Hashing an England-scale master takes a large share of a second, so a
// sealed document (see Seal) computes its revision once, on first use,
// and keeps it until Edited is called. A document that is not sealed is
// hashed on every call.
func Revision(d *Document) string {
	if m := d.rev; m != nil && m.owner == d {
		m.once.Do(func() { m.value = revision(d) })
		return m.value
	}
	return revision(d)
}

func revision(d *Document) string {
	return "sha256:" + hashWithDraft(d, nil)
}

// revisionMemo is a sealed document's revision, computed at most once.
// owner is the document sealed: a struct copy of it (c := *d) carries the
// memo but is not its owner, so a copy changed afterwards is hashed anew.
//
// saves memoises the hashes that take the draft block in (SaveRevision,
// SaveID), each for the draft block it was computed with: the draft
// block may change without Edited (StampSave, a hub naming the sender),
// and a hash of another draft block is computed anew.
type revisionMemo struct {
	owner *Document
	once  sync.Once
	value string

	mu    sync.Mutex
	saves [2]blockHash // by blockHashKind

	// valid is set where the document was validated, with no problem,
	// when it was sealed (SealValid).
	valid bool
}

// blockHash is a hash of a sealed document's canonical encoding with the
// draft block whose canonical encoding is block.
type blockHash struct {
	block, value string
}

// Kinds of blockHash.
const (
	hashSaveRevision = iota
	hashSaveID
)

// blockHashed returns prefix and the hex SHA-256 of the canonical
// encoding of d with the draft block dr, memoised as kind where d is
// sealed (see revisionMemo).
func blockHashed(d *Document, dr *Draft, kind int, prefix string) string {
	m := d.rev
	if m == nil || m.owner != d {
		return prefix + hashWithDraft(d, dr)
	}
	block := string(AppendCanonical(nil, reflect.ValueOf(dr)))
	m.mu.Lock()
	h := m.saves[kind]
	m.mu.Unlock()
	if h.value != "" && h.block == block {
		return h.value
	}
	h = blockHash{block: block, value: prefix + hashWithDraft(d, dr)}
	m.mu.Lock()
	m.saves[kind] = h
	m.mu.Unlock()
	return h.value
}

// hashWithDraft is the hex SHA-256 of the canonical encoding of d with the
// draft block dr.
func hashWithDraft(d *Document, dr *Draft) string {
	c := *d
	c.Draft = dr
	c.rev = nil
	sum := sha.Sum256(Canonical(&c))
	return hex.EncodeToString(sum[:])
}

// Seal marks d as a document whose content no one changes in place
// without calling Edited afterwards: Revision then hashes it once and
// remembers the result. Decode, Parse and Read seal what they return, and
// so do the merge (Merge, Resolve) and the example and import
// generators. Sealing is safe for concurrent readers: the revision is
// computed once however many goroutines ask.
func Seal(d *Document) { d.rev = &revisionMemo{owner: d} }

// Valid reports whether d is known to be valid without validating it: it
// was sealed by SealValid (or Parse, or Read) and found valid, and has not
// been Edited since; its draft block aside, which may change without
// Edited (StampSave). False says only that it is not known: d may be
// valid all the same. A merge validates only what a draft changes from
// such a master.
func Valid(d *Document) bool {
	m := d.rev
	return m != nil && m.owner == d && m.valid
}

// sealValid seals d, which has just been validated with no problem.
func sealValid(d *Document) {
	Seal(d)
	d.rev.valid = true
}

// Edited tells d that its content was changed in place (a field set, a
// record added or removed): it unseals d, so that Revision hashes it on
// every call again, until Seal. Code that edits a sealed document, such as
// the app after each edit, must call it before the next Revision, NewDraft
// or Merge; until it does, Revision reports the revision d had when it was
// sealed. Changing only the draft block (StampSave) needs no Edited: the
// revision leaves it out.
func (d *Document) Edited() { d.rev = nil }

// encoder writes canonical JSON.
type encoder struct{ buf []byte }

func (e *encoder) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.buf = append(e.buf, "null"...)
			return
		}
		e.value(v.Elem())
	case reflect.Struct:
		e.object(v)
	case reflect.Slice:
		if v.Type() == rawType {
			e.raw(v.Bytes())
			return
		}
		e.buf = append(e.buf, '[')
		for i := range v.Len() {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.value(v.Index(i))
		}
		e.buf = append(e.buf, ']')
	case reflect.Map:
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		e.buf = append(e.buf, '{')
		for i, k := range keys {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.buf = appendString(e.buf, k.String())
			e.buf = append(e.buf, ':')
			e.value(v.MapIndex(k))
		}
		e.buf = append(e.buf, '}')
	case reflect.String:
		e.buf = appendString(e.buf, v.String())
	case reflect.Float64, reflect.Float32:
		e.buf = appendFloat(e.buf, v.Float())
	case reflect.Int, reflect.Int64, reflect.Int32:
		e.buf = strconv.AppendInt(e.buf, v.Int(), 10)
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, v.Bool())
	default:
		e.buf = append(e.buf, "null"...)
	}
}

// raw writes a member kept from the input. Decode stores such members
// already canonical; anything else is made canonical here.
func (e *encoder) raw(b []byte) {
	if len(b) == 0 {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = append(e.buf, canonicalRaw(gjson.ParseBytes(b))...)
}

func (e *encoder) object(v reflect.Value) {
	info := structInfoOf(v.Type())
	var extra Extra
	if info.extra >= 0 {
		extra = v.Field(info.extra).Interface().(Extra)
	}
	var extraKeys []string
	for k := range extra {
		if _, known := info.byName[k]; !known {
			extraKeys = append(extraKeys, k)
		}
	}
	sort.Strings(extraKeys)
	e.buf = append(e.buf, '{')
	first := true
	sep := func(name string) {
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = appendString(e.buf, name)
		e.buf = append(e.buf, ':')
	}
	xi := 0
	for _, f := range info.fields {
		for xi < len(extraKeys) && extraKeys[xi] < f.Name {
			sep(extraKeys[xi])
			e.raw(extra[extraKeys[xi]])
			xi++
		}
		fv := v.Field(f.Index)
		if f.OmitEmpty && isEmpty(fv) {
			continue
		}
		sep(f.Name)
		e.value(fv)
	}
	for ; xi < len(extraKeys); xi++ {
		sep(extraKeys[xi])
		e.raw(extra[extraKeys[xi]])
	}
	e.buf = append(e.buf, '}')
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Slice, reflect.Map, reflect.String:
		return v.Len() == 0
	case reflect.Bool:
		return !v.Bool()
	case reflect.Float64, reflect.Float32:
		return v.Float() == 0
	case reflect.Int, reflect.Int64, reflect.Int32:
		return v.Int() == 0
	case reflect.Struct:
		return v.IsZero()
	}
	return false
}

// canonicalRaw re-encodes any JSON value canonically: objects' members
// sorted, no insignificant space, numbers and strings in canonical form.
func canonicalRaw(r gjson.Result) []byte {
	return appendCanonical(nil, r)
}

func appendCanonical(b []byte, r gjson.Result) []byte {
	switch {
	case r.IsObject():
		type kv struct {
			k string
			v gjson.Result
		}
		var members []kv
		r.ForEach(func(k, v gjson.Result) bool {
			members = append(members, kv{k.Str, v})
			return true
		})
		sort.SliceStable(members, func(i, j int) bool { return members[i].k < members[j].k })
		b = append(b, '{')
		for i, m := range members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, m.k)
			b = append(b, ':')
			b = appendCanonical(b, m.v)
		}
		return append(b, '}')
	case r.IsArray():
		b = append(b, '[')
		i := 0
		r.ForEach(func(_, v gjson.Result) bool {
			if i > 0 {
				b = append(b, ',')
			}
			i++
			b = appendCanonical(b, v)
			return true
		})
		return append(b, ']')
	}
	switch r.Type {
	case gjson.String:
		return appendString(b, r.Str)
	case gjson.Number:
		f, err := strconv.ParseFloat(r.Raw, 64)
		if err != nil {
			return append(b, "null"...)
		}
		return appendFloat(b, f)
	case gjson.True:
		return append(b, "true"...)
	case gjson.False:
		return append(b, "false"...)
	}
	return append(b, "null"...)
}

// appendFloat formats f as ECMAScript does (and encoding/json): the
// shortest decimal that reads back as f, exponent form only for very large
// or small magnitudes.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	if f == 0 {
		return append(b, '0') // also for -0
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs < 1e-6 || abs >= 1e21 {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9
		n := len(b)
		if n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string, escaping only what JSON requires
// (quote, backslash, control characters) plus U+2028 and U+2029, which
// break JavaScript string literals. Invalid UTF-8 becomes U+FFFD.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\ufffd"...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

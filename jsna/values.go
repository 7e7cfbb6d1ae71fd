package jsna

import (
	"math"
	"slices"
	"strconv"

	"github.com/tidwall/gjson"
)

// The decoding of wards' values, which are most of a document, by hand
// rather than by reflection: one Value at a time into a scratch slice,
// kept in slabs, their numbers in blocks and their indicator ids and
// periods interned.

// values decodes the array that is next into a ward's values: a slice
// exactly as long as the array, carved from a slab.
func (dec *decoder) values() []Value {
	dec.pos++
	dec.enter()
	scratch := dec.scratch[:0]
	for i := 0; dec.more(']', i == 0); i++ {
		scratch = append(scratch, Value{})
		if i == len(dec.recent) {
			dec.recent = append(dec.recent, [2]string{})
		}
		dec.at0 = &dec.recent[i]
		dec.pushIndex(i)
		dec.valueRecord(&scratch[i])
		dec.pop()
	}
	dec.leave()
	dec.scratch = scratch
	n := len(scratch)
	if n > cap(dec.slab)-len(dec.slab) {
		dec.slab = make([]Value, 0, max(n, 4096))
	}
	vs := dec.slab[len(dec.slab) : len(dec.slab)+n : len(dec.slab)+n]
	dec.slab = dec.slab[:len(dec.slab)+n]
	copy(vs, scratch)
	clear(scratch) // no pointers kept from the scratch space
	return vs
}

// Bits for the members of a Value, in valueRecord.
const (
	valueIndicator = 1 << iota
	valueCount
	valueDenominator
	valueValue
	valueLower
	valueUpper
	valueLower998
	valueUpper998
	valueNote
	valuePeriod
)

// valueBit is the bit of the Value member name, 0 for an unknown one.
func valueBit(name []byte) uint16 {
	switch string(name) {
	case "indicator":
		return valueIndicator
	case "count":
		return valueCount
	case "denominator":
		return valueDenominator
	case "value":
		return valueValue
	case "lower":
		return valueLower
	case "upper":
		return valueUpper
	case "lower998":
		return valueLower998
	case "upper998":
		return valueUpper998
	case "note":
		return valueNote
	case "period":
		return valuePeriod
	}
	return 0
}

// valueMembers are the members of a Value as quoted names, in the
// canonical order (sorted), in which Encode writes them.
var valueMembers = [...]struct {
	quoted string
	bit    uint16
}{
	{`"count"`, valueCount}, {`"denominator"`, valueDenominator}, {`"indicator"`, valueIndicator},
	{`"lower"`, valueLower}, {`"lower998"`, valueLower998}, {`"note"`, valueNote},
	{`"period"`, valuePeriod}, {`"upper"`, valueUpper}, {`"upper998"`, valueUpper998},
	{`"value"`, valueValue},
}

// valueKey reads a Value's member name and the colon after it, as key
// does, and returns its bit too. In a file Encode wrote, the names come
// in the canonical order: each is first compared whole with those that
// may come next after the one before (*expect), before it is read.
func (dec *decoder) valueKey(expect *int) (raw []byte, key int, esc bool, bit uint16) {
	if dec.next() == '"' {
		rest := dec.data[dec.pos:]
		for i := *expect; i < len(valueMembers); i++ {
			m := &valueMembers[i]
			if len(rest) >= len(m.quoted) && string(rest[:len(m.quoted)]) == m.quoted {
				key = dec.pos
				dec.pos += len(m.quoted)
				dec.expect(':')
				*expect = i + 1
				return rest[1 : len(m.quoted)-1], key, false, m.bit
			}
		}
	}
	raw, key, esc = dec.key()
	if esc {
		return raw, key, esc, valueBit([]byte(dec.name(raw, key, esc)))
	}
	return raw, key, esc, valueBit(raw)
}

// valueRecord decodes the value that is next into v, as object would.
func (dec *decoder) valueRecord(v *Value) {
	switch dec.next() {
	case 'n':
		dec.literal("null")
		return
	case '{':
	default:
		dec.mismatch("must be an object, got %s")
		return
	}
	var seen uint16
	var others []string // unknown members seen
	expect := 0         // the place in valueMembers of the member expected next
	dec.pos++
	dec.enter()
	for first := true; dec.more('}', first); first = false {
		raw, key, esc, bit := dec.valueKey(&expect)
		if bit == 0 {
			name := dec.name(raw, key, esc)
			if slices.Contains(others, name) {
				dec.duplicate(raw, key, esc)
				continue
			}
			others = append(others, name)
			if v.Extra == nil {
				v.Extra = make(Extra)
			}
			v.Extra[name] = canonicalRaw(dec.result(dec.skip()))
			continue
		}
		if seen&bit != 0 {
			dec.duplicate(raw, key, esc)
			continue
		}
		seen |= bit
		if dec.next() == 'n' {
			dec.literal("null")
			continue
		}
		dec.pushMember(key, raw, esc)
		dec.valueMember(bit, v)
		dec.pop()
	}
	dec.leave()
}

// valueMember decodes the member of v numbered bit, which is next.
func (dec *decoder) valueMember(bit uint16, v *Value) {
	switch bit {
	case valueIndicator:
		v.Indicator, _ = dec.internedStr(&dec.at0[0])
	case valueCount:
		v.Count = dec.floatPtr()
	case valueDenominator:
		v.Denominator = dec.floatPtr()
	case valueValue:
		v.Value = dec.floatPtr()
	case valueLower:
		v.Lower = dec.floatPtr()
	case valueUpper:
		v.Upper = dec.floatPtr()
	case valueLower998:
		v.Lower998 = dec.floatPtr()
	case valueUpper998:
		v.Upper998 = dec.floatPtr()
	case valueNote:
		if dec.next() != '"' {
			dec.mismatch("must be a string, got %s")
			return
		}
		v.Note = dec.str()
	case valuePeriod:
		v.Period, _ = dec.internedStr(&dec.at0[1])
	}
}

// maxInterned bounds the strings interned from one document, so that a
// file of all-different ids costs no more than copying them.
const maxInterned = 1 << 14

// internedStr reads the string that is next, as str does, sharing one
// copy among the values that hold the same ids and periods. ok is false,
// and a problem reported, when the next value is not a string. recent is
// the string read last at the same place in a ward's values: wards list
// the same indicators in the same order, so that it is most often the
// one, compared without a look-up in the map.
func (dec *decoder) internedStr(recent *string) (string, bool) {
	if dec.next() != '"' {
		dec.mismatch("must be a string, got %s")
		return "", false
	}
	start, end, esc := dec.scanner.str()
	if esc {
		return gjson.Parse(string(dec.data[start:end])).Str, true
	}
	raw := dec.data[start+1 : end-1]
	if *recent == string(raw) {
		return *recent, true
	}
	if s, ok := dec.interned[string(raw)]; ok {
		*recent = s
		return s, true
	}
	s := string(raw)
	if dec.interned == nil {
		dec.interned = make(map[string]string)
	}
	if len(dec.interned) < maxInterned {
		dec.interned[s] = s
		*recent = s
	}
	return s, true
}

// float reads the number that is next, c its first byte. ok is false, and
// a problem reported, when it is not a number or out of range.
func (dec *decoder) float(c byte) (float64, bool) {
	if !isNumberStart(c) {
		dec.mismatch("must be a number, got %s")
		return 0, false
	}
	at := dec.pos
	raw, f, simple := dec.numberValue()
	if simple {
		return f, true
	}
	f, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || math.IsInf(f, 0) {
		dec.problem(at, "number %s is out of range", string(raw))
		return 0, false
	}
	return f, true
}

// floatPtr decodes an optional number that is next (not null): nil when
// it is of the wrong type.
func (dec *decoder) floatPtr() *float64 {
	f, ok := dec.float(dec.next())
	if !ok {
		return nil
	}
	if len(dec.floats) == cap(dec.floats) {
		dec.floats = make([]float64, 0, 1024)
	}
	dec.floats = append(dec.floats, f)
	return &dec.floats[len(dec.floats)-1]
}

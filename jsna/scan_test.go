package jsna

import (
	"math"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tidwall/gjson"
)

// scanCases are inputs at the edges of the JSON grammar, each with
// whether gjson.Valid accepts it.
var scanCases = []struct {
	in   string
	want bool
}{
	{`{}`, true},
	{` {"a" : [1, -0.5e+3, "x\u00e9\n", true, false, null, {}] } `, true},
	{`[]`, true},
	{`"s"`, true},
	{`-0`, true},
	{`0.0E-0`, true},
	{`{"a":1,}`, false},
	{`[1,]`, false},
	{`[,1]`, false},
	{`{,}`, false},
	{`{"a" 1}`, false},
	{`{"a":1 "b":2}`, false},
	{`[1 2]`, false},
	{`01`, false},
	{`-`, false},
	{`1.`, false},
	{`.5`, false},
	{`1e`, false},
	{`1e+`, false},
	{`+1`, false},
	{`"\u12"`, false},
	{`"\x"`, false},
	{"\"a\tb\"", false},
	{`"abc`, false},
	{`tru`, false},
	{`nul`, false},
	{`truex`, false},
	{`{} {}`, false},
	{`{}x`, false},
	{``, false},
	{` `, false},
	{`NaN`, false},
	{"{\"a\":1}\x00", false},
	{strings.Repeat("[", MaxDepth) + strings.Repeat("]", MaxDepth), true},
	{strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), false},
}

// TestScanMatchesGjson checks that the scanner accepts the inputs gjson.Valid
// does, within MaxDepth, and no others.
func TestScanMatchesGjson(t *testing.T) {
	for _, tt := range scanCases {
		_, shallow := checkDepth([]byte(tt.in))
		if g := gjson.Valid(tt.in) && shallow; g != tt.want {
			t.Fatalf("gjson.Valid(%q) within depth = %v, the table says %v", tt.in, g, tt.want)
		}
		if got := valid([]byte(tt.in)); got != tt.want {
			t.Errorf("valid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// FuzzScan checks, for any input, that the scanner accepts it exactly when
// gjson.Valid does and it nests no deeper than MaxDepth, so that Decode
// reads the same files as it did with gjson.Valid as its check.
func FuzzScan(f *testing.F) {
	for _, tt := range scanCases {
		f.Add([]byte(tt.in))
	}
	f.Add([]byte(minimal))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, shallow := checkDepth(data)
		want := shallow && gjson.ValidBytes(data)
		if got := valid(data); got != want {
			t.Fatalf("valid(%q) = %v, gjson.ValidBytes within depth = %v", data, got, want)
		}
		// A string the scanner reads is unescaped as gjson unescapes it.
		s := scanner{data: data}
		if s.next() == '"' {
			func() {
				var ok bool
				defer catchSyntax(&ok)
				start, end, _ := s.str()
				ok = true
				dec := newDecoder(data, &Problems{})
				if got, want := dec.unescaped(data[start+1:end-1]), gjson.Parse(string(data[start:end])).Str; got != want {
					t.Fatalf("unescaped(%q) = %q, gjson %q", data[start:end], got, want)
				}
			}()
		}
	})
}

// TestUnescapedAsGjson checks that strings with escapes are read as
// gjson reads them: surrogate pairs joined, lone surrogates U+FFFD.
func TestUnescapedAsGjson(t *testing.T) {
	for _, in := range []string{`"a\"b\\c\/d"`, `"\b\f\n\r\t"`, `"\u00e9\u00E9x"`, `"\ud83d\ude00"`,
		`"\ud800"`, `"\ud800x"`, `"\ud800\u0041"`, `"\udc00\ud800"`, `"é\u2028"`, `"\ud800\ud800\udc00"`} {
		dec := newDecoder([]byte(in), &Problems{})
		if got, want := dec.unescaped([]byte(in[1:len(in)-1])), gjson.Parse(in).Str; got != want {
			t.Errorf("unescaped(%s) = %q, want %q (gjson)", in, got, want)
		}
	}
}

// TestNumbersAsStrconv checks that the numbers the scanner converts
// itself are the numbers strconv.ParseFloat gives.
func TestNumbersAsStrconv(t *testing.T) {
	for _, in := range []string{"0", "-0", "12.345", "-3", "0.1", "0.3", "123456789012345", "1.23456789012345",
		"0.00000000000001", "99999.9999999999", "4735", "1.7969"} {
		s := scanner{data: []byte(in)}
		_, f, simple := s.numberValue()
		if !simple {
			t.Errorf("numberValue(%s) is not simple, want it converted", in)
			continue
		}
		want := gjson.Parse(in).Num
		if f != want || (f == 0 && (1/f < 0) != strings.HasPrefix(in, "-")) {
			t.Errorf("numberValue(%s) = %v, want %v", in, f, want)
		}
	}
	for _, in := range []string{"1e5", "1234567890123456", "0.1234567890123456"} {
		s := scanner{data: []byte(in)}
		if _, _, simple := s.numberValue(); simple {
			t.Errorf("numberValue(%s) is simple, want it left to strconv", in)
		}
	}
}

// modelTypes are the record types of a document without its merge
// bookkeeping, which hold the tagged rules.
func modelTypes(t reflect.Type, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || seen[t] {
		return
	}
	seen[t] = true
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			modelTypes(t.Field(i).Type, seen)
		}
	}
}

// TestPlainChecksKnowEveryTag checks that the plain checks understand
// every tag of every record type, so that the validator is asked only
// about records that break a rule.
func TestPlainChecksKnowEveryTag(t *testing.T) {
	seen := map[reflect.Type]bool{}
	modelTypes(documentType, seen)
	for typ := range seen {
		if !plainTypeOf(typ).ok {
			t.Errorf("plainTypeOf(%v).ok = false, want every tag understood", typ)
		}
	}
}

// TestValueRules checks that the rules valuesPlainValid checks in plain
// Go are Value's tagged rules, as plainTypeOf reads them.
func TestValueRules(t *testing.T) {
	pt := plainTypeOf(valueType)
	if !pt.ok || !pt.values {
		t.Fatalf("plainTypeOf(Value) ok %v, values %v; want both", pt.ok, pt.values)
	}
	got := map[string]string{}
	for _, f := range pt.fields {
		var parts []string
		if f.ptr {
			parts = append(parts, "ptr")
		}
		if f.omitempty {
			parts = append(parts, "omitempty")
		}
		if f.dive || f.elem != nil || f.sub != nil {
			parts = append(parts, "unexpected")
		}
		for _, r := range f.rules {
			parts = append(parts, r.op)
			switch r.op {
			case "gte", "max":
				if f.ptr {
					parts = append(parts, strconv.FormatFloat(r.n, 'g', -1, 64))
				} else {
					parts = append(parts, strconv.FormatInt(r.i, 10))
				}
			}
		}
		got[valueType.Field(f.index).Name] = strings.Join(parts, " ")
	}
	if !reflect.DeepEqual(got, valueRules) {
		t.Errorf("Value's tagged rules = %v, valuesPlainValid checks %v", got, valueRules)
	}
	// And each rule broken alone is found, as plainValid finds it.
	ok := Value{Indicator: "i", Count: ptr(0.0), Denominator: ptr(1.0), Note: strings.Repeat("é", 500), Period: strings.Repeat("é", 100)}
	broken := []func(v *Value){
		func(v *Value) { v.Indicator = "" },
		func(v *Value) { v.Count = ptr(-1.0) },
		func(v *Value) { v.Denominator = ptr(math.NaN()) },
		func(v *Value) { v.Note += "x" },
		func(v *Value) { v.Period += "x" },
	}
	if !valuesPlainValid([]Value{ok}) {
		t.Errorf("valuesPlainValid(%+v) = false, want true", ok)
	}
	for k, brk := range broken {
		v := ok
		brk(&v)
		ward := Ward{Code: "c", Name: "n", Values: []Value{ok, v}}
		rv := reflect.ValueOf(&ward).Elem()
		if valuesPlainValid(ward.Values) || plainValid(plainTypeOf(rv.Type()), rv) || structValidator().Struct(&ward) == nil {
			t.Errorf("rule %d broken: valuesPlainValid, plainValid or the validator passes it", k)
		}
	}
}

// FuzzPlainChecks checks, for any document that decodes, that the plain
// checks pass a record (the document without its wards, or one ward)
// exactly when the validator finds nothing wrong with it.
func FuzzPlainChecks(f *testing.F) {
	small, err := os.ReadFile("testdata/small.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(small)
	f.Add([]byte(minimal))
	f.Add([]byte(`{"format":"jsna/1","id":"x","title":"t","wards":[{"code":"E05000001","name":"","values":[{"indicator":"1","count":-1}],` +
		`"voice":[{"id":"v","text":"t","date":"2026-02-30"}],"needs":[{"id":"n","title":"t","size":11,"pearl":{"legality":false}}]}],` +
		`"resources":{"recommendations":[{"id":"r","title":"t","serves":[]}]},"draft":{"author":"a","role":"gp","saved_at":"x"},"languages":["en","cy","x"]}`))
	// A reference file's summary: quintiles of 4, of 3, and empty (len=4
	// with omitempty: nil passes, an empty list does not).
	for _, q := range []string{`[1,2,3,4]`, `[1,2,3]`, `[]`} {
		f.Add([]byte(`{"format":"jsna/1","id":"x","title":"t","indicators":[{"id":"1","name":"n","comparators":{"source":"s","area":"England","n":5,"min":1,"q25":2,"median":3,"q75":4,"max":5,"quintiles":` + q + `}}],"wards":[]}`))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Decode(data)
		if err != nil {
			return
		}
		check := func(what string, r any) {
			rv := reflect.ValueOf(r).Elem()
			plain := plainValid(plainTypeOf(rv.Type()), rv)
			verr := structValidator().Struct(r)
			if plain != (verr == nil) {
				t.Fatalf("%s: plainValid = %v, validator: %v", what, plain, verr)
			}
		}
		shell := *d
		shell.Wards = nil
		check("document", &shell)
		for i := range d.Wards {
			check(index("wards", i), &d.Wards[i])
		}
	})
}

// TestValueCodes checks that the problems with a ward's values carry the
// formats (the catalogue's codes) they had before the validator checked
// values: "must be at least 0, got %v" and "is longer than %d characters".
func TestValueCodes(t *testing.T) {
	d := loadSmall(t)
	d.Wards[0].Values[0].Count = ptr(-1.0)
	d.Wards[0].Values[1].Period = strings.Repeat("y", 101)
	err := d.Validate()
	e, ok := err.(*Error)
	if !ok || len(e.Problems) != 2 {
		t.Fatalf("Validate() = %v, want two problems", err)
	}
	want := []Text{Textf("must be at least 0, got %v", -1.0), Textf("is longer than %d characters", 100)}
	for i, p := range e.Problems {
		if !reflect.DeepEqual(p.Text, want[i]) {
			t.Errorf("problem %d Text = %#v, want %#v", i, p.Text, want[i])
		}
	}
}

package merge

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// flattenReference is the first flatten, through encoding/json's generic
// values: TestFlattenMatchesReference checks the faster walk of the
// canonical bytes gives the same flat form.
func flattenReference(d *jsna.Document) flat {
	var v any
	dec := json.NewDecoder(bytes.NewReader(content(d)))
	dec.UseNumber()
	dec.Decode(&v)
	f := flat{values: map[string]string{}, order: map[string]int{}}
	var walk func(path string, obj map[string]any)
	walk = func(path string, obj map[string]any) {
		for k, v := range obj {
			if path == "" && bookkeeping[k] {
				continue
			}
			p := joinPath(path, k)
			switch x := v.(type) {
			case map[string]any:
				if len(x) == 0 {
					f.values[p] = "{}"
					continue
				}
				walk(p, x)
			case []any:
				if !allKeyedReference(x, k) {
					f.values[p] = canonicalJSONReference(x)
					continue
				}
				for i, e := range x {
					rec := e.(map[string]any)
					rp := p + "[" + quoteKey(referenceKey(rec, k)) + "]"
					f.values[rp] = recordMark
					f.order[rp] = i
					walk(rp, rec)
				}
			default:
				f.values[p] = canonicalJSONReference(x)
			}
		}
	}
	walk("", v.(map[string]any))
	return f
}

// referenceKey is the key of record rec of the array named name: its key
// member, and for a ward's value its period too (jsna.ValueKey).
func referenceKey(rec map[string]any, name string) string {
	k := fmt.Sprint(rec[recordKey(name)])
	if period, ok := rec["period"].(string); ok && name == "values" {
		return jsna.ValueKey(k, period)
	}
	return k
}

func allKeyedReference(arr []any, name string) bool {
	if len(arr) == 0 {
		return false
	}
	seen := map[string]bool{}
	for _, e := range arr {
		m, ok := e.(map[string]any)
		if !ok {
			return false
		}
		k, ok := m[recordKey(name)].(string)
		if p, isStr := m["period"]; name == "values" && p != nil && !isStr {
			return false
		}
		if !ok || k == "" || seen[referenceKey(m, name)] {
			return false
		}
		seen[referenceKey(m, name)] = true
	}
	return true
}

func canonicalJSONReference(v any) string {
	b, _ := json.Marshal(v)
	return string(jsna.CanonicalJSON(gjson.ParseBytes(b)))
}

// TestFlattenMatchesReference compares flatten with flattenReference on
// the examples, with unknown members of every shape added.
func TestFlattenMatchesReference(t *testing.T) {
	docs := []*jsna.Document{
		example.New(example.Options{Wards: 4, Indicators: 6, Seed: 3}),
		mustDecode(t, `{"format":"jsna/1","id":"x","title":"T","area":{"code":"E09000001","name":"A"},"benchmark":{"code":"E92000001","name":"E"},"indicators":[],"wards":[{"code":"E05000001","name":"W","values":[{"indicator":"1","value":1e21,"x":[{"id":"a","v":[1,2]},{"id":"b"}]},{"indicator":"2","value":-0.5}],"sections":[{"id":"s","title":"S","text":"<a & b>\u2028"}]},{"code":"E05000002","name":"V"}],"ext":{"e":{},"f":[],"g":[{"id":"1"},{"id":"1"}],"h":[{"id":""}],"i":null,"j":[{"id":1}],"k":"\u00e9"}}`),
	}
	for i, d := range docs {
		got, want := flatten(d), flattenReference(d)
		if !maps.Equal(got.values, want.values) || !maps.Equal(got.order, want.order) {
			for p, v := range want.values {
				if got.values[p] != v {
					t.Errorf("doc %d: flatten()[%s] = %q, want %q", i, p, got.values[p], v)
				}
			}
			for p, v := range got.values {
				if _, ok := want.values[p]; !ok {
					t.Errorf("doc %d: flatten()[%s] = %q, want absent", i, p, v)
				}
			}
			t.Errorf("doc %d: orders equal %v", i, maps.Equal(got.order, want.order))
		}
	}
}

func mustDecode(tb testing.TB, s string) *jsna.Document {
	tb.Helper()
	d, err := jsna.Decode([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// TestScopedMatchesWhole checks that merging, resolving and diffing in a
// ward scope (scope.go) gives exactly the bytes of doing it over the whole
// document, over thousands of random masters and subset drafts.
func TestScopedMatchesWhole(t *testing.T) {
	cases := 1000
	if testing.Short() {
		cases = 100
	}
	scopedCases := 0
	for c := range cases {
		rng := rand.New(rand.NewPCG(uint64(c), 99))
		mc := randomCase(rng)
		m, ds := mc.master, mc.drafts
		scoped, srep, serr := Merge(m, ds, Options{Now: mergeNow})
		scopedFlat = false
		whole, wrep, werr := Merge(m, ds, Options{Now: mergeNow})
		scopedFlat = true
		if (serr == nil) != (werr == nil) {
			t.Fatalf("case %d: Merge errors differ: scoped %v, whole %v", c, serr, werr)
		}
		if serr != nil {
			continue
		}
		if mergeScope(m, ds) != nil {
			scopedCases++
		}
		if a, b := mustBytes(t, scoped), mustBytes(t, whole); !bytes.Equal(a, b) {
			t.Fatalf("case %d: scoped merge differs from whole-document merge:\n%s\n---\n%s", c, a, b)
		}
		if a, b := fmt.Sprint(srep), fmt.Sprint(wrep); a != b {
			t.Fatalf("case %d: reports differ:\n%s\n%s", c, a, b)
		}
		if d := Diff(m, scoped); fmt.Sprint(d) != fmt.Sprint(diffWhole(m, scoped)) {
			t.Fatalf("case %d: Diff = %v, whole-document diff %v", c, d, diffWhole(m, scoped))
		}
		for _, cf := range scoped.Conflicts {
			r := Resolution{Take: 1 + rng.IntN(len(cf.Candidates)), By: "C", At: mergeNow}
			rs, errS := Resolve(scoped, cf.ID, r)
			scopedFlat = false
			rw, errW := Resolve(scoped, cf.ID, r)
			scopedFlat = true
			if (errS == nil) != (errW == nil) {
				t.Fatalf("case %d: Resolve(%s) errors differ: %v, %v", c, cf.ID, errS, errW)
			}
			if errS == nil && !bytes.Equal(mustBytes(t, rs), mustBytes(t, rw)) {
				t.Fatalf("case %d: scoped Resolve(%s) differs from whole-document", c, cf.ID)
			}
		}
	}
	if scopedCases < cases/6 {
		t.Errorf("only %d of %d cases merged in a scope", scopedCases, cases)
	}
}

func diffWhole(a, b *jsna.Document) []Change {
	scopedFlat = false
	defer func() { scopedFlat = true }()
	return Diff(a, b)
}

func TestWithin(t *testing.T) {
	sorted := []string{"a[x]", "a[x].b", "a[x].c[1]", "a[x]y", "a[xy]", "b"}
	tests := []struct {
		rp   string
		want string
	}{
		{"a[x]", "[a[x] a[x].b a[x].c[1]]"},
		{"a[xy]", "[a[xy]]"},
		{"a[z]", "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(within(sorted, tt.rp)); got != tt.want {
			t.Errorf("within(%q) = %s, want %s", tt.rp, got, tt.want)
		}
	}
}

func TestDeepCopyShares(t *testing.T) {
	w := example.New(example.Options{Wards: 1, Indicators: 3, Seed: 2}).Wards[0]
	w.Extra = jsna.Extra{"x": []byte(`1`)}
	var c jsna.Ward
	jsna.DeepCopy(&c, &w)
	*c.Values[0].Value = -1
	c.Extra["x"][0] = '2'
	c.Needs[0].Title = "changed"
	if *w.Values[0].Value == -1 || string(w.Extra["x"]) != "1" || w.Needs[0].Title == "changed" {
		t.Errorf("deepCopy shares memory with its source")
	}
}

// TestWardIndexValues checks that valueIn finds every path of a flat form
// among its ward's group of wardIndex with its value, both in a ward of a
// few paths (compared in place) and in one of more than maxWardScan
// (looked up in the map), and finds nothing at a path the flat form does
// not have.
func TestWardIndexValues(t *testing.T) {
	d := example.New(example.Options{Wards: 3, Indicators: 8, Seed: 5})
	d.Wards[1] = jsna.Ward{Code: d.Wards[1].Code, Name: d.Wards[1].Name} // a ward of a few paths
	f := flatten(d)
	idx := f.wardIndex()
	sizes := map[string]int{}
	for k, g := range idx {
		sizes[k] = len(g)
	}
	few, many := "wards["+quoteKey(d.Wards[1].Code)+"]", "wards["+quoteKey(d.Wards[0].Code)+"]"
	if sizes[few] == 0 || sizes[few] > maxWardScan || sizes[many] <= maxWardScan {
		t.Fatalf("ward groups %v: want %s with 1 to %d paths, %s with more", sizes, few, maxWardScan, many)
	}
	n := 0
	for p, v := range f.values {
		if got := f.valueIn(idx[wardOf(p)], p); got != v {
			t.Errorf("valueIn(%s) = %q, want %q", p, got, v)
		}
		n++
	}
	if n != len(f.values) || n == 0 {
		t.Fatalf("checked %d of %d paths", n, len(f.values))
	}
	for _, p := range []string{few + ".nope", many + ".nope", few + ".name.x", "nope"} {
		if got := f.valueIn(idx[wardOf(p)], p); got != "" {
			t.Errorf("valueIn(%s) = %q, want \"\"", p, got)
		}
	}
	// A path of another ward is not found in a group compared in place.
	p := many + ".name"
	if f.values[p] == "" {
		t.Fatalf("%s absent", p)
	}
	if got := f.valueIn(idx[few], p); got != "" {
		t.Errorf("valueIn(%s) in %s's group = %q, want \"\"", p, few, got)
	}
}

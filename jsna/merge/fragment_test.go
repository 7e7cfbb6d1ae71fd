package merge

import (
	"maps"
	"reflect"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// TestPatchedRecord holds patchedRecord to decoding the record from its
// flat form (what patchRecords does otherwise): for changes to a need's
// own members it decodes the same need, and it declines changes inside a
// member, to a member the type does not know, and values that do not
// decode.
func TestPatchedRecord(t *testing.T) {
	m := example.New(example.Options{Wards: 2, Indicators: 3, Seed: 1})
	w := &m.Wards[0]
	if len(w.Needs) == 0 || w.Needs[0].Pearl == nil {
		t.Fatal("the example's first ward has no need with a PEARL test")
	}
	cur := flattenContent(m, flattenRecorded)
	rp := "wards[" + quoteKey(w.Code) + "].needs[" + quoteKey(w.Needs[0].ID) + "]"
	if _, ok := cur.raw[rp]; !ok {
		t.Fatalf("no raw record at %s", rp)
	}
	et := reflect.TypeOf(jsna.Need{})
	tests := []struct {
		name    string
		changes map[string]string // member path under rp → new value, "" deletes it
		ok      bool
	}{
		{"a number", map[string]string{"size": "3"}, true},
		{"two members", map[string]string{"size": "0", "title": `"Falls in older people"`}, true},
		{"a member added", map[string]string{"trend": "4.5"}, true},
		{"a member deleted", map[string]string{"recommendation": ""}, true},
		{"an array leaf", map[string]string{"indicators": `["a","b"]`}, true},
		{"inside a member", map[string]string{"pearl.legality": "false"}, false},
		{"an unknown member", map[string]string{"colour": `"red"`}, false},
		{"a value that does not decode", map[string]string{"size": `"big"`}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			next := flat{values: maps.Clone(cur.values), order: cur.order}
			var dirty []string
			for member, v := range tc.changes {
				p := rp + "." + member
				if v == "" {
					delete(next.values, p)
				} else {
					next.values[p] = v
				}
				dirty = append(dirty, p)
			}
			got, ok := patchedRecord(et, cur.raw[rp], rp, dirty, next)
			if ok != tc.ok {
				t.Fatalf("patchedRecord ok = %v, want %v", ok, tc.ok)
			}
			if !ok {
				return
			}
			var paths []string
			for p := range next.values {
				if strings.HasPrefix(p, rp) {
					paths = append(paths, p)
				}
			}
			want := reflect.New(et).Elem()
			if err := decodeFlat(subFlat(next, rp, paths), want); err != nil {
				t.Fatal(err)
			}
			if g, w := string(jsna.AppendCanonical(nil, got)), string(jsna.AppendCanonical(nil, want)); g != w {
				t.Errorf("patchedRecord = %s\nwant %s", g, w)
			}
			if !reflect.DeepEqual(got.Interface(), want.Interface()) {
				t.Errorf("patchedRecord = %#v\nwant %#v", got.Interface(), want.Interface())
			}
		})
	}
}

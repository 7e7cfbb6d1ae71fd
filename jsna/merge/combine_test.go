package merge

import (
	"reflect"
	"testing"
)

func TestCombine(t *testing.T) {
	L := func(s ...string) []string { return append([]string{}, s...) }
	V := func(vs ...[]string) CombinePart { return CombinePart{Versions: vs} }
	S := func(s ...string) CombinePart { return CombinePart{Lines: s} }
	base := "one\ntwo\nthree\nfour"
	for _, tt := range []struct {
		name     string
		base     string
		texts    []string
		fromBase bool
		want     []CombinePart
	}{
		{"no change", base, []string{base, base}, true, []CombinePart{S("one", "two", "three", "four")}},
		{"apart: both taken", base, []string{"ONE\ntwo\nthree\nfour", "one\ntwo\nthree\nFOUR"}, true,
			[]CombinePart{S("ONE", "two", "three", "FOUR")}},
		{"the same line changed differently", base, []string{"one\nTWO by A\nthree\nfour", "one\ntwo by B\nthree\nFOUR"}, true,
			[]CombinePart{S("one"), V(L("TWO by A"), L("two by B")), S("three", "FOUR")}},
		{"the same change twice is settled", base, []string{"one\n2\nthree\nfour", "one\n2\nthree\nfour"}, true,
			[]CombinePart{S("one", "2", "three", "four")}},
		{"overlapping ranges join", base, []string{"one\nA\nA\nfour", "one\ntwo\nB\nB"}, true,
			[]CombinePart{S("one"), V(L("A", "A", "four"), L("two", "B", "B"))}},
		{"insertions at one place", base, []string{"one\nA1\ntwo\nthree\nfour", "one\nB1\nB2\ntwo\nthree\nfour"}, true,
			[]CombinePart{S("one"), V(L("A1"), L("B1", "B2")), S("two", "three", "four")}},
		{"a deletion against an edit", base, []string{"one\nthree\nfour", "one\nTwo.\nthree\nfour"}, true,
			[]CombinePart{S("one"), V(L(), L("Two.")), S("three", "four")}},
		{"three texts, one untouched", base, []string{"one\nA\nthree\nfour", "one\nB\nthree\nfour", base}, true,
			[]CombinePart{S("one"), V(L("A"), L("B"), L("two")), S("three", "four")}},
		{"without a base, a change of one is not taken", base, []string{"ONE\ntwo\nthree\nfour", base}, false,
			[]CombinePart{V(L("ONE"), L("one")), S("two", "three", "four")}},
		{"without a base, agreement of all is", base, []string{"ONE\ntwo\nthree\nfour", "ONE\ntwo\nthree\nfour"}, false,
			[]CombinePart{S("ONE", "two", "three", "four")}},
		{"from empty", "", []string{"a", "b"}, true, []CombinePart{V(L("a"), L("b"))}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Combine(tt.base, tt.texts, tt.fromBase)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Combine(%q, %q, %v) = %v, want %v", tt.base, tt.texts, tt.fromBase, got, tt.want)
			}
		})
	}
}

func TestCombinedText(t *testing.T) {
	parts := Combine("one\ntwo\nthree", []string{"one\nA\nthree", "one\nB\nthree"}, true)
	got := CombinedText(parts, func(k int) string { return "[start " + string(rune('1'+k)) + "]" }, func(k int) string { return "[end " + string(rune('1'+k)) + "]" })
	want := "one\n[start 1]\nA\n[end 1]\n[start 2]\nB\n[end 2]\nthree"
	if got != want {
		t.Errorf("CombinedText() = %q, want %q", got, want)
	}
}

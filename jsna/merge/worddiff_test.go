package merge

import (
	"reflect"
	"strings"
	"testing"
)

func TestWordDiff(t *testing.T) {
	S, D, I := Same, Deleted, Inserted
	for _, tt := range []struct {
		name string
		a, b string
		want []DiffPart
	}{
		{"both empty", "", "", nil},
		{"equal", "Riverside has a library.", "Riverside has a library.", []DiffPart{{S, "Riverside has a library."}}},
		{"from empty", "", "New text.", []DiffPart{{I, "New text."}}},
		{"to empty", "Old text.", "", []DiffPart{{D, "Old text."}}},
		{"one word changed", "The park is busy.", "The park is quiet.",
			[]DiffPart{{S, "The park is "}, {D, "busy"}, {I, "quiet"}, {S, "."}}},
		{"word inserted", "Two clinics open.", "Two new clinics open.",
			[]DiffPart{{S, "Two "}, {I, "new "}, {S, "clinics open."}}},
		{"word deleted", "Two new clinics open.", "Two clinics open.",
			[]DiffPart{{S, "Two "}, {D, "new "}, {S, "clinics open."}}},
		{"a sentence added", "Obesity is high. Smoking is falling.", "Obesity is high. Walking groups help. Smoking is falling.",
			[]DiffPart{{S, "Obesity is high. "}, {I, "Walking groups help. "}, {S, "Smoking is falling."}}},
		{"a sentence changed", "Obesity is high. Smoking is falling.", "Obesity is high. Smoking rates are rising fast.",
			[]DiffPart{{S, "Obesity is high. Smoking "}, {D, "is falling"}, {I, "rates are rising fast"}, {S, "."}}},
		{"spaces between changes join them", "the big red dog", "a small blue dog",
			[]DiffPart{{D, "the big red"}, {I, "a small blue"}, {S, " dog"}}},
		{"punctuation is its own token", "Hello, world", "Hello; world",
			[]DiffPart{{S, "Hello"}, {D, ","}, {I, ";"}, {S, " world"}}},
		{"new line kept", "line one\nline two", "line one\nline 2",
			[]DiffPart{{S, "line one\nline "}, {D, "two"}, {I, "2"}}},
		{"Welsh letters are word characters", "Mae’r ŵyl yn fawr", "Mae’r ŵyl yn fach",
			[]DiffPart{{S, "Mae’r ŵyl yn "}, {D, "fawr"}, {I, "fach"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := WordDiff(tt.a, tt.b)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("WordDiff(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			checkWordDiff(t, tt.a, tt.b, got)
		})
	}
}

// checkWordDiff checks the contract of WordDiff's parts: they rebuild both
// sides, none is empty and neighbours differ in Op.
func checkWordDiff(t *testing.T, a, b string, parts []DiffPart) {
	t.Helper()
	var ga, gb strings.Builder
	for i, p := range parts {
		if p.Text == "" {
			t.Errorf("part %d is empty", i)
		}
		if i > 0 && parts[i-1].Op == p.Op {
			t.Errorf("parts %d and %d are both %v", i-1, i, p.Op)
		}
		if p.Op != Inserted {
			ga.WriteString(p.Text)
		}
		if p.Op != Deleted {
			gb.WriteString(p.Text)
		}
	}
	if ga.String() != a || gb.String() != b {
		t.Errorf("WordDiff(%q, %q) rebuilds %q and %q", a, b, ga.String(), gb.String())
	}
}

func TestWordDiffLarge(t *testing.T) {
	a := strings.Repeat("alpha beta ", 3000)
	b := strings.Repeat("gamma delta ", 3000)
	checkWordDiff(t, a, b, WordDiff(a, b))
}

func FuzzWordDiff(f *testing.F) {
	f.Add("The park is busy.", "The park is quiet.")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkWordDiff(t, a, b, WordDiff(a, b))
	})
}

package jsna

import (
	"strings"
	"testing"
)

func TestKnownIndicator(t *testing.T) {
	tests := []struct {
		id, method, polarity string
		multiplier           float64
	}{
		{"93227", MethodISR, LowerIsBetter, 100},
		{"93228", MethodISR, NoJudgement, 100},
		{"93105", MethodProportion, LowerIsBetter, 100},
		{"93089", MethodRate, NoJudgement, 1000},
		{"22401", MethodDSR, LowerIsBetter, 100000},
		{"93283", MethodOther, HigherIsBetter, 0},
	}
	for _, tt := range tests {
		k, ok := KnownIndicator(tt.id)
		if !ok || k.Method != tt.method || k.Polarity != tt.polarity || k.Multiplier != tt.multiplier {
			t.Errorf("KnownIndicator(%s) = %s %s %v, %v, want %s %s %v", tt.id, k.Method, k.Polarity, k.Multiplier, ok, tt.method, tt.polarity, tt.multiplier)
		}
	}
	if _, ok := KnownIndicator("1"); ok {
		t.Errorf("KnownIndicator(1) found, want not")
	}
	// The table must itself be valid indicators with unique IDs.
	d := &Document{Format: Format, ID: "t", Title: "t", Area: Area{Code: "E09000099", Name: "A"}, Benchmark: Benchmark{Code: "E92000001", Name: "England"}, Indicators: knownIndicators}
	if err := d.Validate(); err != nil {
		t.Errorf("the built-in indicators do not validate: %v", err)
	}
}

// TestKnownParts checks the built-in nested pairs: every indicator named
// is a built-in one, of the same method (their observed counts nest), and
// none is part of itself.
func TestKnownParts(t *testing.T) {
	n := 0
	for part, wholes := range knownParts {
		p, ok := KnownIndicator(part)
		if !ok {
			t.Errorf("knownParts: %s is not a built-in indicator", part)
			continue
		}
		for _, w := range wholes {
			k, ok := KnownIndicator(w)
			if !ok || w == part || k.Method != p.Method {
				t.Errorf("knownParts: %s part of %s (built in %v, methods %s and %s)", part, w, ok, p.Method, k.Method)
			}
			n++
		}
	}
	if n != 29 || len(KnownParts("93252")) != 1 || len(KnownParts("93250")) != 0 {
		t.Errorf("knownParts has %d pairs, KnownParts(93252) = %v, KnownParts(93250) = %v; want 29, [93250], none", n, KnownParts("93252"), KnownParts("93250"))
	}
}

func TestPartOfValidation(t *testing.T) {
	d := loadSmall(t)
	d.Indicators[0].PartOf = []string{d.Indicators[0].ID, "nope"}
	err := d.Validate()
	for _, want := range []string{`indicators[0].part_of[0]: indicator "` + d.Indicators[0].ID + `" cannot be part of itself`, `indicators[0].part_of[1]: indicator "nope" is not in the document's indicators`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want %s", err, want)
		}
	}
}

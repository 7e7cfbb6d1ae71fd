package jsna

import "testing"

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

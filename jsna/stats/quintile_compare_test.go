package stats

import "testing"

func TestQuintileLabel(t *testing.T) {
	tests := []struct {
		q        int
		polarity string
		want     string
	}{
		{1, LowerIsBetter, "best"}, {2, LowerIsBetter, "2nd-best"}, {3, LowerIsBetter, "middle"},
		{4, LowerIsBetter, "2nd-worst"}, {5, LowerIsBetter, "worst"},
		{1, HigherIsBetter, "worst"}, {2, HigherIsBetter, "2nd-worst"}, {5, HigherIsBetter, "best"},
		{1, NoJudgement, "lowest"}, {4, NoJudgement, "2nd-highest"}, {5, NoJudgement, "highest"},
		{3, NotApplicable, ""}, {0, LowerIsBetter, ""}, {6, HigherIsBetter, ""},
	}
	for _, tt := range tests {
		if got := QuintileLabel(tt.q, tt.polarity); got != tt.want {
			t.Errorf("QuintileLabel(%d, %s) = %q, want %q", tt.q, tt.polarity, got, tt.want)
		}
	}
}

package stats

import "testing"

func fp(x float64) *float64 { return &x }

// The comparison rules are Fingertips': significance when the interval
// excludes the benchmark, judged by polarity, and the two-level rule with
// the 99.8% interval.
func TestCompare(t *testing.T) {
	tests := []struct {
		name                            string
		lower, upper, l998, u998, bench *float64
		polarity                        string
		want                            Comparison
	}{
		{"below, lower is better", fp(1), fp(2), nil, nil, fp(3), LowerIsBetter, Better},
		{"above, lower is better", fp(4), fp(5), nil, nil, fp(3), LowerIsBetter, Worse},
		{"overlapping", fp(2), fp(4), nil, nil, fp(3), LowerIsBetter, Similar},
		{"upper equals benchmark", fp(2), fp(3), nil, nil, fp(3), LowerIsBetter, Similar},
		{"lower equals benchmark", fp(3), fp(4), nil, nil, fp(3), HigherIsBetter, Similar},
		{"above, higher is better", fp(4), fp(5), nil, nil, fp(3), HigherIsBetter, Better},
		{"below, higher is better", fp(1), fp(2), nil, nil, fp(3), HigherIsBetter, Worse},
		{"best", fp(1), fp(2), fp(0.5), fp(2.5), fp(3), LowerIsBetter, Best},
		{"better, 99.8% overlaps", fp(1), fp(2), fp(0.5), fp(3.5), fp(3), LowerIsBetter, Better},
		{"worst", fp(4), fp(5), fp(3.5), fp(6), fp(3), LowerIsBetter, Worst},
		{"worse, 99.8% touches", fp(4), fp(5), fp(3), fp(6), fp(3), LowerIsBetter, Worse},
		{"best, higher is better", fp(4), fp(5), fp(3.2), fp(6), fp(3), HigherIsBetter, Best},
		{"worst, higher is better", fp(1), fp(2), fp(0.5), fp(2.9), fp(3), HigherIsBetter, Worst},
		{"only one 99.8% end", fp(1), fp(2), fp(0.5), nil, fp(3), LowerIsBetter, Better},
		{"higher, no judgement", fp(4), fp(5), fp(3.5), fp(6), fp(3), NoJudgement, Higher},
		{"lower, no judgement", fp(1), fp(2), nil, nil, fp(3), NoJudgement, Lower},
		{"similar, no judgement", fp(2), fp(4), nil, nil, fp(3), NoJudgement, Similar},
		{"not applicable", fp(4), fp(5), nil, nil, fp(3), NotApplicable, NotCompared},
		{"unknown polarity", fp(4), fp(5), nil, nil, fp(3), "", NotCompared},
		{"no benchmark", fp(4), fp(5), nil, nil, nil, LowerIsBetter, NotCompared},
		{"no lower", nil, fp(5), nil, nil, fp(3), LowerIsBetter, NotCompared},
		{"no upper", fp(4), nil, nil, nil, fp(3), LowerIsBetter, NotCompared},
	}
	for _, c := range tests {
		t.Run(c.name, func(t *testing.T) {
			if got := Compare(c.lower, c.upper, c.l998, c.u998, c.bench, c.polarity); got != c.want {
				t.Errorf("Compare(%v) = %q, want %q", c.name, got, c.want)
			}
		})
	}
}

func TestComparisonClass(t *testing.T) {
	want := map[Comparison]string{
		Best: "better", Better: "better", Similar: "similar", Worse: "worse", Worst: "worse",
		Higher: "higher", Lower: "lower", NotCompared: "none", "": "none",
	}
	for c, w := range want {
		if got := c.Class(); got != w {
			t.Errorf("Comparison(%q).Class() = %q, want %q", c, got, w)
		}
	}
	for _, c := range Comparisons {
		if c.Significant() == (c == Similar || c == NotCompared) {
			t.Errorf("Comparison(%q).Significant() = %v", c, c.Significant())
		}
	}
}

// CompareBy's methods are Fingertips' comparator methods; two-level
// without the 99.8% interval is not compared (legacy Fingertips).
func TestCompareBy(t *testing.T) {
	tests := []struct {
		method                          string
		lower, upper, l998, u998, bench *float64
		polarity                        string
		want                            Comparison
	}{
		{CompareCI95, fp(1), fp(2), fp(0.5), fp(2.5), fp(3), LowerIsBetter, Better},
		{CompareCI998, fp(1), fp(2), fp(0.5), fp(3.5), fp(3), LowerIsBetter, Similar},
		{CompareCI998, fp(1), fp(2), fp(0.5), fp(2.5), fp(3), HigherIsBetter, Worse},
		{CompareCI998, fp(1), fp(2), nil, nil, fp(3), HigherIsBetter, NotCompared},
		{CompareTwoLevel, fp(1), fp(2), fp(0.5), fp(2.5), fp(3), LowerIsBetter, Best},
		{CompareTwoLevel, fp(1), fp(2), fp(0.5), fp(3.5), fp(3), LowerIsBetter, Better},
		{CompareTwoLevel, fp(4), fp(5), fp(3.5), fp(6), fp(3), LowerIsBetter, Worst},
		{CompareTwoLevel, fp(2), fp(4), fp(1), fp(5), fp(3), LowerIsBetter, Similar},
		{CompareTwoLevel, fp(1), fp(2), nil, nil, fp(3), LowerIsBetter, NotCompared},
		{CompareTwoLevel, fp(1), fp(2), fp(0.5), nil, fp(3), LowerIsBetter, NotCompared},
		{"", fp(1), fp(2), nil, nil, fp(3), LowerIsBetter, Better},
		{"", fp(1), fp(2), fp(0.5), fp(2.5), fp(3), LowerIsBetter, Best},
		{CompareQuintiles, fp(1), fp(2), nil, nil, fp(3), LowerIsBetter, NotCompared},
	}
	for _, c := range tests {
		got := CompareBy(c.method, c.lower, c.upper, c.l998, c.u998, c.bench, c.polarity)
		if got != c.want {
			t.Errorf("CompareBy(%q, %v, %v, %v, %v, %v, %s) = %s, want %s", c.method, *c.lower, *c.upper, c.l998, c.u998, *c.bench, c.polarity, got, c.want)
		}
	}
}

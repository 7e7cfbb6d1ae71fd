package stats

// QuintileLabel names quintile q of a value among its comparators (1
// holding the lowest values, as Quantiles gives them not inverted) by the
// indicator's polarity, as Fingertips' quintile comparison does: for an
// indicator where lower or higher is better the quintiles run from best to
// worst ("best", "2nd-best", "middle", "2nd-worst", "worst"); for one of no
// judgement from lowest to highest ("lowest", "2nd-lowest", "middle",
// "2nd-highest", "highest"). It is a place among the comparators, not a
// significant difference. It returns "" for q outside 1–5 and for an
// indicator whose polarity is not applicable.
func QuintileLabel(q int, polarity string) string {
	if q < 1 || q > 5 {
		return ""
	}
	low := [5]string{"lowest", "2nd-lowest", "middle", "2nd-highest", "highest"}
	good := [5]string{"best", "2nd-best", "middle", "2nd-worst", "worst"}
	switch polarity {
	case LowerIsBetter:
		return good[q-1]
	case HigherIsBetter:
		return good[5-q]
	case NoJudgement:
		return low[q-1]
	}
	return ""
}

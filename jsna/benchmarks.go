package jsna

// Kinds of benchmark area (Benchmark.Kind), as Fingertips names the
// parents of a ward: England, a region, a local authority (county,
// unitary or district), or a health board in Wales.
const (
	KindEngland        = "england"
	KindCountry        = "country"
	KindRegion         = "region"
	KindLocalAuthority = "local-authority"
	KindHealthBoard    = "health-board"
	KindOther          = "other"
)

// BenchmarkKinds lists the kinds a benchmark may have, for editors.
var BenchmarkKinds = []string{KindEngland, KindCountry, KindRegion, KindLocalAuthority, KindHealthBoard, KindOther}

// ValueOf is b's value of indicator ind for period ("" for the
// indicator's own period), or nil where b has none: from b.Values, and
// for the document's own benchmark (primary true) the indicator's
// BenchmarkValue for its own period where Values has no value for it.
// The value is a copy that shares no pointer with b.
func (b *Benchmark) ValueOf(ind *Indicator, period string, primary bool) *Value {
	if period == "" {
		period = ind.Period
	}
	for i := range b.Values {
		v := &b.Values[i]
		if v.Indicator == ind.ID && ValuePeriod(v, ind) == period {
			c := *v
			return &c
		}
	}
	if primary && period == ind.Period && ind.BenchmarkValue != nil {
		x := *ind.BenchmarkValue
		return &Value{Indicator: ind.ID, Value: &x}
	}
	return nil
}

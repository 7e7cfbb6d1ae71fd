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

// validateBenchmarks checks the benchmarks' codes (GSS codes, no two
// benchmarks with one code) and their values (of indicators the document
// has, one per indicator and period, with the rules of a ward's value).
func (d *Document) validateBenchmarks(indicators map[string]*Indicator, ps *Problems) {
	seen := map[string]string{}
	check := func(p string, b *Benchmark) {
		if b.Code != "" {
			if !IsGSSCode(b.Code) && p != "benchmark" { // the primary's code is checked with the area's
				ps.Add(member(p, "code"), "%q is not a GSS code (a letter and 8 digits, like E09000033)", b.Code)
			}
			if q, dup := seen[b.Code]; dup {
				ps.Add(member(p, "code"), "benchmark %q is listed twice (also %s)", b.Code, q)
			} else {
				seen[b.Code] = p
			}
		}
		if p != "benchmark" { // the primary's are checked with the other names
			checkBidi(ps, member(p, "code"), b.Code)
			checkBidi(ps, member(p, "name"), b.Name)
		}
		keys := make(map[string]int, len(b.Values))
		for i := range b.Values {
			v := &b.Values[i]
			vp := func() string { return index(member(p, "values"), i) }
			if v.Indicator == "" {
				continue
			}
			ind, ok := indicators[v.Indicator]
			if !ok {
				ps.Add(member(vp(), "indicator"), "indicator %q is not in the document's indicators", v.Indicator)
			}
			if k := ValueKey(v.Indicator, ValuePeriod(v, ind)); keys[k] > 0 {
				ps.Add(member(vp(), "indicator"), "benchmark %q has two values for indicator %q%s (also %s)", b.Code, v.Indicator, periodPhrase(ValuePeriod(v, ind)), index(member(p, "values"), keys[k]-1))
			} else {
				keys[k] = i + 1
			}
			v.validateRules(vp, ind, ps)
		}
	}
	check("benchmark", &d.Benchmark)
	for i := range d.OtherBenchmarks {
		check(index("other_benchmarks", i), &d.OtherBenchmarks[i])
	}
}

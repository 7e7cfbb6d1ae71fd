//go:build !wardwise_viewer

// The benchmarks' validation, left out of the viewer build (validate.go).

package jsna

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

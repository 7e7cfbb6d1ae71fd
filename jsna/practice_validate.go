//go:build !wardwise_viewer

package jsna

// validatePractices checks the rules that span fields: practice codes,
// unique keys, ward codes, indicators that exist, counts within the list.
// A practice's wards need not be the document's: a draft cut for some
// wards keeps every practice.
// Duplicate indicators and wards are reported by validateRules; here the
// first of each counts.
func (d *Document) validatePractices(ps *Problems) {
	if len(d.Practices) == 0 {
		return
	}
	indicators := make(map[string]*Indicator, len(d.Indicators))
	for i := range d.Indicators {
		if _, dup := indicators[d.Indicators[i].ID]; !dup {
			indicators[d.Indicators[i].ID] = &d.Indicators[i]
		}
	}
	at := make(map[string]int, len(d.Practices))
	for i := range d.Practices {
		pr := &d.Practices[i]
		p := index("practices", i)
		if pr.ID != "" {
			if !IsPracticeCode(pr.ID) {
				ps.Add(member(p, "id"), "%q is not a practice code (an ODS code: a capital letter and 5 capitals or digits, like A81001)", pr.ID)
			}
			if j, dup := at[pr.ID]; dup {
				ps.Add(member(p, "id"), "practice %q is listed twice (also practices[%d])", pr.ID, j)
			} else {
				at[pr.ID] = i
			}
		}
		pr.validateWards(p, ps)
		pr.validateValues(p, indicators, ps)
	}
}

func (pr *Practice) validateWards(p string, ps *Problems) {
	seen := make(map[string]int, len(pr.Wards))
	for i, w := range pr.Wards {
		wp := index(member(p, "wards"), i)
		if w.Code == "" {
			continue
		}
		// A draft cut for some wards, or a master that dropped a ward,
		// keeps its practices whole: a code need only be a ward code.
		if !IsWardCode(w.Code) {
			ps.Add(member(wp, "code"), "%q is not a ward code (E05, W05 or S13 and 6 digits, like E05000001)", w.Code)
		}
		if j, dup := seen[w.Code]; dup {
			ps.Add(member(wp, "code"), "practice %q counts ward %q twice (also %s)", pr.ID, w.Code, index(member(p, "wards"), j))
		} else {
			seen[w.Code] = i
		}
	}
	if pr.ListSize >= 0 && pr.Unknown+pr.InWards() > pr.ListSize {
		ps.Add(member(p, "list_size"), "list size %d is less than the patients in wards (%d) and of unknown LSOA (%d)", pr.ListSize, pr.InWards(), pr.Unknown)
	}
}

func (pr *Practice) validateValues(p string, indicators map[string]*Indicator, ps *Problems) {
	seen := make(map[string]int, len(pr.Values))
	for i := range pr.Values {
		v := &pr.Values[i]
		vp := index(member(p, "values"), i)
		if v.Indicator == "" {
			continue
		}
		ind, ok := indicators[v.Indicator]
		if !ok {
			ps.Add(member(vp, "indicator"), "indicator %q is not in the document's indicators", v.Indicator)
		}
		if j, dup := seen[v.Indicator]; dup {
			ps.Add(member(vp, "indicator"), "practice %q has two values for indicator %q (also %s)", pr.ID, v.Indicator, index(member(p, "values"), j))
		} else {
			seen[v.Indicator] = i
		}
		wv := Value{Indicator: v.Indicator, Count: v.Count, Denominator: v.Denominator, Value: v.Value, Lower: v.Lower, Upper: v.Upper}
		wv.validateRules(func() string { return vp }, ind, ps)
	}
}

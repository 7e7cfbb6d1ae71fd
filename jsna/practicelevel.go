package jsna

// PracticeLevel reports, for each indicator of d whose values are only
// on its practices (no ward has a value of it, some practice has), true
// by its ID: indicators such as QOF prevalence, which a ward page has
// nothing to show of and the practice view shows. An indicator with no
// value anywhere is not practice-level: it is missing. A practice value
// of an indicator the document does not define counts for none.
func PracticeLevel(d *Document) map[string]bool {
	onWards := map[string]bool{}
	for i := range d.Wards {
		for j := range d.Wards[i].Values {
			onWards[d.Wards[i].Values[j].Indicator] = true
		}
	}
	inDoc := map[string]bool{}
	for i := range d.Indicators {
		inDoc[d.Indicators[i].ID] = true
	}
	out := map[string]bool{}
	for i := range d.Practices {
		for j := range d.Practices[i].Values {
			if id := d.Practices[i].Values[j].Indicator; inDoc[id] && !onWards[id] {
				out[id] = true
			}
		}
	}
	return out
}

package jsna

// BPR is the Hanlon method's basic priority rating of a need:
// (A + 2B) × C, with A its size, B its seriousness and C the effectiveness
// of the available interventions, each scored 0–10, so BPR runs 0–300
// (Hanlon and Pickett, Public Health Administration and Practice, 1984;
// NACCHO, Guide to Prioritization Techniques).
func (n Need) BPR() float64 {
	return (n.Size + 2*n.Seriousness) * n.Effectiveness
}

// PearlFailures names the PEARL answers that are "no" (propriety,
// economics, acceptability, resources, legality), in that order. A need
// with any is left out of the ranking: the Hanlon method applies the PEARL
// test after the BPR, and a single "no" removes the need. Unanswered
// questions are not failures.
func (n Need) PearlFailures() []string {
	if n.Pearl == nil {
		return nil
	}
	var no []string
	for _, q := range []struct {
		name string
		ans  *bool
	}{
		{"propriety", n.Pearl.Propriety}, {"economics", n.Pearl.Economics}, {"acceptability", n.Pearl.Acceptability},
		{"resources", n.Pearl.Resources}, {"legality", n.Pearl.Legality},
	} {
		if q.ans != nil && !*q.ans {
			no = append(no, q.name)
		}
	}
	return no
}

// PearlAssessed reports whether any PEARL answer has been given. A need
// with none is not yet assessed: it is listed, but not ranked, since the
// Hanlon method ranks only needs that have been through the PEARL test.
func (n Need) PearlAssessed() bool {
	p := n.Pearl
	return p != nil && (p.Propriety != nil || p.Economics != nil || p.Acceptability != nil || p.Resources != nil || p.Legality != nil)
}

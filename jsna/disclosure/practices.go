package disclosure

import "github.com/wardwise/wardwise/jsna"

// PracticeCell is one ward–practice cell as Wardwise may publish it: the
// patients of a practice living in a ward, the share of the practice's
// list that is and the share of the ward's registered patients. A
// suppressed cell (Reason set) has none of the three: its count is below
// the threshold, or it would reveal one by difference.
type PracticeCell struct {
	Practice, PracticeName string
	Ward, WardName         string
	Patients               *int
	OfPractice, OfWard     *float64 // fractions, 0–1
	Reason                 string   // SuppressedPrimary, SuppressedSecondary or ""
}

// PracticeCells returns every ward–practice cell of d, practice by
// practice and, within one, in the order of d's wards, with disclosure
// control applied by opts's threshold (a preset's threshold for a preset;
// its rounding is not applied to these counts):
//
// Primary: a cell with fewer patients than the threshold, and more than
// zero, is suppressed.
//
// Secondary, repeated until nothing changes: the cells of one ward add up
// to the ward's registered patients (Σ over d's practices, which every
// share of the ward reveals); the cells of one practice add up to its
// list size (which every share of the practice reveals) less its
// patients elsewhere and of unknown LSOA. In such a group with exactly
// one suppressed cell, the cell with the next smallest count is
// suppressed too (the first of equal ones in the order above); a
// practice with patients elsewhere or of unknown LSOA, which Wardwise
// does not publish by ward, already hides the subtraction.
func PracticeCells(d *jsna.Document, opts Options) []PracticeCell {
	r := opts.rule()
	cells, groups := practiceGroups(d, r.threshold)
	secondarySuppression(cells, groups)
	names := make(map[string]string, len(d.Wards))
	for _, w := range d.Wards {
		names[w.Code] = w.Name
	}
	totals := map[string]int{}
	for _, p := range d.Practices {
		for _, pw := range p.Wards {
			totals[pw.Code] += pw.Patients
		}
	}
	var out []PracticeCell
	for _, c := range cells {
		if c.total {
			continue // a practice's remainder
		}
		p := &d.Practices[c.ward]
		pw := p.Wards[c.val]
		pc := PracticeCell{Practice: p.ID, PracticeName: p.Name, Ward: pw.Code, WardName: names[pw.Code], Reason: c.reason}
		if c.reason == "" {
			n := pw.Patients
			pc.Patients = &n
			if p.ListSize > 0 {
				s := float64(n) / float64(p.ListSize)
				pc.OfPractice = &s
			}
			if t := totals[pw.Code]; t > 0 {
				s := float64(n) / float64(t)
				pc.OfWard = &s
			}
		}
		out = append(out, pc)
	}
	return out
}

// practiceGroups makes a cell of every ward–practice count (ward: the
// practice's index, val: the ward's index in it), with the primary
// suppression decided, and a hidden cell (total, unknown) for each
// practice's remainder, and the groups: each ward's cells, and each
// practice's cells with its remainder.
func practiceGroups(d *jsna.Document, threshold int) ([]cell, [][]int) {
	var cells []cell
	byWard := map[string][]int{}
	var groups [][]int
	for pi := range d.Practices {
		p := &d.Practices[pi]
		var g []int
		for wi, pw := range p.Wards {
			c := cell{ward: pi, val: wi, count: float64(pw.Patients), known: true}
			if pw.Patients > 0 && pw.Patients < threshold {
				c.reason = SuppressedPrimary
			}
			g = append(g, len(cells))
			byWard[pw.Code] = append(byWard[pw.Code], len(cells))
			cells = append(cells, c)
		}
		if p.ListSize-p.InWards() > 0 {
			g = append(g, len(cells))
			cells = append(cells, cell{ward: pi, val: -1, total: true})
		}
		groups = append(groups, g)
	}
	for _, w := range d.Wards {
		if g := byWard[w.Code]; len(g) > 0 {
			groups = append(groups, g)
		}
	}
	return cells, groups
}

// suppressPractices removes the suppressed ward–practice cells from d's
// practices (their patients then count among those the published file
// does not place) and lists them.
func suppressPractices(d *jsna.Document, r rule) []SuppressedCell {
	cells, groups := practiceGroups(d, r.threshold)
	secondarySuppression(cells, groups)
	drop := map[[2]int]bool{}
	var listed []SuppressedCell
	for _, c := range cells {
		if c.reason != "" && !c.total {
			drop[[2]int{c.ward, c.val}] = true
			listed = append(listed, SuppressedCell{Practice: d.Practices[c.ward].ID, Ward: d.Practices[c.ward].Wards[c.val].Code, Reason: c.reason})
		}
	}
	for pi := range d.Practices {
		p := &d.Practices[pi]
		kept := p.Wards[:0]
		for wi, pw := range p.Wards {
			if !drop[[2]int{pi, wi}] {
				kept = append(kept, pw)
			}
		}
		p.Wards = kept
	}
	return listed
}

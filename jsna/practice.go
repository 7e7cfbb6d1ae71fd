package jsna

import (
	"strings"
)

// Practice is one GP practice and where its registered patients live: the
// practice's share of the document's wards, from NHS England's "Patients
// Registered at a GP Practice" LSOA file and a best-fit LSOA-to-ward
// lookup, and its practice-level indicator values (QOF prevalence, the
// National General Practice Profiles). ID is the practice's ODS code
// (A81001), which keys the record in merges and diffs as every id does.
//
// ListSize is every patient on the list, wherever they live; Wards counts
// only those living in the document's wards, and Unknown those the
// publication could not place in an LSOA (codes such as CLOSED), so
// ListSize − Unknown − Σ Wards is the patients living elsewhere. The
// counts are as published, unsuppressed: what Wardwise publishes follows
// its own disclosure rules (jsna/disclosure).
type Practice struct {
	ID       string `json:"id" validate:"required,max=20"`
	Name     string `json:"name" validate:"required,max=200"`
	ListSize int    `json:"list_size" validate:"gte=0"`
	Unknown  int    `json:"unknown_lsoa,omitempty" validate:"gte=0"`
	// Publication and ExtractDate say which release the counts come from:
	// the file's PUBLICATION (GP_PRAC_PAT_LIST) and EXTRACT_DATE as an ISO
	// 8601 date; Lookup names the LSOA-to-ward lookup used.
	Publication string          `json:"publication,omitempty" validate:"max=100"`
	ExtractDate string          `json:"extract_date,omitempty" validate:"omitempty,datetime=2006-01-02"`
	Lookup      string          `json:"lookup,omitempty" validate:"max=200"`
	Synthetic   bool            `json:"synthetic,omitempty"`
	Wards       []PracticeWard  `json:"wards,omitempty" validate:"dive"`
	Values      []PracticeValue `json:"values,omitempty" validate:"dive"`
	Extra       Extra           `json:"-"`
}

// PracticeWard is the number of a practice's patients living in one of the
// document's wards (keyed by Code, as wards are). NameCy is the ward's
// Welsh name from the lookup, where it has one.
type PracticeWard struct {
	Code     string `json:"code" validate:"required"`
	Patients int    `json:"patients" validate:"gte=0"`
	NameCy   string `json:"name_cy,omitempty" validate:"max=200"`
	Extra    Extra  `json:"-"`
}

// PracticeValue is a practice's figure for one of the document's
// indicators (keyed by Indicator, as a ward's values are), for Period
// when the practice figures are of another period than the indicator's.
// Lower and Upper are the 95% interval; any number may be nil.
type PracticeValue struct {
	Indicator   string   `json:"indicator" validate:"required,max=100"`
	Period      string   `json:"period,omitempty" validate:"max=100"`
	Count       *float64 `json:"count,omitempty" validate:"omitempty,gte=0"`
	Denominator *float64 `json:"denominator,omitempty" validate:"omitempty,gte=0"`
	Value       *float64 `json:"value,omitempty"`
	Lower       *float64 `json:"lower,omitempty"`
	Upper       *float64 `json:"upper,omitempty"`
	Note        string   `json:"note,omitempty" validate:"max=500"`
	Extra       Extra    `json:"-"`
}

// IsPracticeCode reports whether s has the form of a practice's ODS code:
// a capital letter and five capital letters or digits, like A81001
// (^[A-Z][0-9A-Z]{5}$). It is the form of a GP practice's code in England
// (a letter and five digits, A81001) or Wales (W and five digits), and of
// the other organisation codes the publications carry (Y02625: letter,
// five alphanumerics).
func IsPracticeCode(s string) bool {
	if len(s) != 6 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for i := 1; i < 6; i++ {
		if (s[i] < '0' || s[i] > '9') && (s[i] < 'A' || s[i] > 'Z') {
			return false
		}
	}
	return true
}

// Ward returns the count of practice p's patients in the ward code, and
// whether p has one.
func (p *Practice) Ward(code string) (PracticeWard, bool) {
	for _, w := range p.Wards {
		if w.Code == code {
			return w, true
		}
	}
	return PracticeWard{}, false
}

// InWards is the number of p's patients living in the document's wards.
func (p *Practice) InWards() int {
	n := 0
	for _, w := range p.Wards {
		n += w.Patients
	}
	return n
}

// Elsewhere is the number of p's patients living outside the document's
// wards in a known LSOA: ListSize − Unknown − InWards.
func (p *Practice) Elsewhere() int { return p.ListSize - p.Unknown - p.InWards() }

// practiceNames checks the practices' names and codes for the
// bidirectional controls, as every record's names are.
func (d *Document) practiceNames(ps *Problems) {
	for i := range d.Practices {
		p := index("practices", i)
		checkBidi(ps, member(p, "id"), d.Practices[i].ID)
		checkBidi(ps, member(p, "name"), d.Practices[i].Name)
		for k, w := range d.Practices[i].Wards {
			checkBidi(ps, member(index(member(p, "wards"), k), "name_cy"), w.NameCy)
		}
	}
}

// PracticeByID returns the practice with the ODS code id, or nil.
func (d *Document) PracticeByID(id string) *Practice {
	id = strings.ToUpper(id)
	for i := range d.Practices {
		if d.Practices[i].ID == id {
			return &d.Practices[i]
		}
	}
	return nil
}

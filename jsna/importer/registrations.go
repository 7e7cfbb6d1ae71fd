package importer

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Importing GP registrations by LSOA
//
// NHS England (formerly NHS Digital) publishes "Patients Registered at a
// GP Practice" monthly, and each quarter (January, April, July, October)
// the number of each practice's patients living in each LSOA, as
// gp-reg-pat-prac-lsoa-all.csv with the columns
//
//	PUBLICATION, EXTRACT_DATE, PRACTICE_CODE, PRACTICE_NAME, LSOA_CODE,
//	SEX, NUMBER_OF_PATIENTS
//
// (some releases spell the last "Number of Patients"). SEX is ALL, MALE
// or FEMALE: only ALL is counted, so that no patient counts twice.
// Patients the publication cannot place in an LSOA are on placeholder
// codes such as CLOSED (an invalid postcode, since the move to PDS) or
// NO2011: they count in the list size as of unknown LSOA. Releases of
// 2024–25 came on both 2011 and 2021 LSOAs; 2021 is what the ward lookups
// use, so a file on 2011 LSOAs needs the LSOA (2011) to (2021) lookup. The
// file covers practices in England only.

// Kinds of skipped row in a RegistrationReport.
const (
	SkipSexBreakdown = "sex" // a MALE or FEMALE row: the ALL row counts them
)

// RegistrationOptions are the choices of a registrations import.
type RegistrationOptions struct {
	// LSOA11 maps 2011 LSOAs to 2021 LSOAs, for a file on 2011 LSOAs.
	LSOA11 *LSOA11Lookup
}

// RegistrationReport says what a registrations import did with every row.
// Rows is Counted plus the skipped rows.
type RegistrationReport struct {
	File        string `json:"file"`
	Source      string `json:"source"` // "nhs-gp-registrations-lsoa"
	Lookup      string `json:"lookup"`
	WardYear    string `json:"ward_year"` // the lookup's ward boundaries, "25" for WD25
	BestFit     string `json:"best_fit"`  // what best fit means, for the report
	LSOA11      string `json:"lsoa11_lookup,omitempty"`
	Publication string `json:"publication,omitempty"`
	ExtractDate string `json:"extract_date,omitempty"`
	Rows        int    `json:"rows"`
	Counted     int    `json:"counted"` // SEX=ALL rows counted
	// PracticesRead is every practice in the file; Practices those with
	// patients in the document's wards, which the document gains.
	PracticesRead   int            `json:"practices_read"`
	Practices       int            `json:"practices"`
	PatientsInWards int            `json:"patients_in_wards"`
	Unknown         int            `json:"unknown_lsoa"`        // of the practices kept
	NotInLookup     int            `json:"lsoas_not_in_lookup"` // distinct LSOA codes the lookup lacks
	Skipped         map[string]int `json:"skipped"`
	// Groups are the skipped rows by reason (skipgroups.go).
	Groups []SkipGroup `json:"groups,omitempty"`
	Notes  []string    `json:"notes,omitempty"`
	// NoteTexts are the Notes as jsna made them, for a front end to word
	// in its language.
	NoteTexts []jsna.Text `json:"-"`
}

// BestFitNote says what the lookup's best fit means for the counts.
const BestFitNote = "best fit: each LSOA is given whole to the ward its population-weighted centroid is in (ONS best-fit lookup), so ward counts are approximate where LSOAs straddle ward boundaries"

// Summary describes the report for people.
func (r *RegistrationReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d rows read: %d SEX=ALL rows counted", r.File, r.Rows, r.Counted)
	for _, k := range sortedKeys(r.Skipped) {
		fmt.Fprintf(&b, ", %d skipped (%s)", r.Skipped[k], k)
	}
	b.WriteByte('\n')
	if r.Publication != "" || r.ExtractDate != "" {
		fmt.Fprintf(&b, "publication %s, extracted %s\n", orUnknown(r.Publication), orUnknown(r.ExtractDate))
	}
	fmt.Fprintf(&b, "%d practices in the file, %d with patients in the document's wards (%d patients there, %d of unknown LSOA)\n",
		r.PracticesRead, r.Practices, r.PatientsInWards, r.Unknown)
	fmt.Fprintf(&b, "lookup %s (wards of 20%s): %s\n", r.Lookup, r.WardYear, r.BestFit)
	writeReasons(&b, r.Groups, "line")
	if r.LSOA11 != "" {
		fmt.Fprintf(&b, "2011 LSOAs mapped to 2021 LSOAs with %s\n", r.LSOA11)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// The columns of a registrations file.
const (
	regPublication = iota
	regExtractDate
	regPracticeCode
	regPracticeName
	regLSOA
	regSex
	regPatients
	numRegColumns
)

var regColumnNames = [numRegColumns]string{"PUBLICATION", "EXTRACT_DATE", "PRACTICE_CODE", "PRACTICE_NAME", "LSOA_CODE", "SEX", "NUMBER_OF_PATIENTS"}

// regColumnKeys are the folded header names (headerKey) of each column;
// LSOA_2011_CODE and LSOA_2021_CODE name the vintage.
var regColumnKeys = map[string]int{
	"publication": regPublication, "extractdate": regExtractDate, "practicecode": regPracticeCode,
	"practicename": regPracticeName, "lsoacode": regLSOA, "lsoa2011code": regLSOA, "lsoa11cd": regLSOA,
	"lsoa2021code": regLSOA, "lsoa21cd": regLSOA, "sex": regSex, "numberofpatients": regPatients,
}

// registrations is one registrations import in progress.
type registrations struct {
	name   string
	lookup *WardLookup
	opts   RegistrationOptions
	doc    *jsna.Document
	rep    *RegistrationReport
	groups skipGroups
	idx    [numRegColumns]int
	header [numRegColumns]string // the columns' names as the file spells them
	width  int
	lsoa11 bool // the header names 2011 LSOAs
	// extractRaw is the first row's EXTRACT_DATE as written.
	extractRaw string

	docWard   []int32 // lookup ward index → document ward index, or -1
	practices map[string]*practiceAcc
	order     []string
	seen      map[[2]int32]int // (practice, LSOA) → the line it was counted at
	codes     map[string]int32 // LSOA codes the lookup lacks, and placeholders
	missing   []missingLSOA    // the first of them, for messages
}

// practiceAcc is a practice being counted.
type practiceAcc struct {
	n       int32 // order of first appearance
	name    string
	list    int
	unknown int
	inWards []int // by document ward, allocated at its first patient there
}

type missingLSOA struct {
	code string
	line int
}

package importer

import (
	"fmt"
	"sort"
	"strings"
)

// Skipped rows, for people
//
// A real download skips thousands of rows (a ward profile carries its
// regions, MSOAs and category breakdowns too), and a list of them line by
// line tells nobody what to do. Every skipped row therefore also counts in
// a group: the rows of one indicator skipped for one reason (and the
// reason's detail: the area type, the sex, the column), with the first few
// lines as examples. Report.Groups lists them, reasons puts them in words,
// and SkipReasons groups them by reason, each with what it means and what
// to do. The app words the same codes from its catalogue
// (import.group.REASON, import.todo.REASON), whose English is the table's.

// Reasons a row is skipped: finer than the kinds Report.Skipped counts,
// each saying what happened and what to do (reasons).
const (
	ReasonNoIndicator   = "no-indicator"   // no Indicator ID
	ReasonNoArea        = "no-area"        // no Area Code
	ReasonNotWardCode   = "not-ward-code"  // area type Ward, but not a ward code
	ReasonOtherArea     = "other-area"     // another area type (detail); neither a ward nor England
	ReasonParentArea    = "parent-area"    // the wards' parent area (detail: its area type)
	ReasonOtherParent   = "other-parent"   // a ward outside Options.Parent (detail)
	ReasonCategory      = "category"       // a category breakdown (detail)
	ReasonSex           = "sex"            // a sex not imported (detail)
	ReasonAge           = "age"            // an age band not imported (detail)
	ReasonPeriod        = "period"         // a period other than Options.Period (detail)
	ReasonEnglandPeriod = "england-period" // an England row of an earlier period than the benchmark's
	ReasonEnglandUnused = "england-unused" // an England row of a sex or age no ward row has
	// ReasonBenchmarkPeriod: a row of England or of the wards' parent for
	// a period no ward row of its indicator has.
	ReasonBenchmarkPeriod = "benchmark-period"
	ReasonNoWards         = "no-wards"       // a row of England or another area of an indicator no ward row has
	ReasonDuplicate       = "duplicate"      // a second row for the same area, indicator and period
	ReasonRepeat          = "repeat"         // an .ods row repeated (table:number-rows-repeated)
	ReasonNumber          = "number"         // a cell that is not a number (detail: the column)
	ReasonInconsistent    = "inconsistent"   // figures that contradict each other
	ReasonOtherPractice   = "other-practice" // a practice the document does not have
	ReasonNotPractice     = "not-practice"   // another area type (detail) than GP practices
	ReasonOldPeriod       = "old-period"     // a practice's older period: practices take the latest
	ReasonSexBreakdown    = "sex-breakdown"  // a registrations row of MALE or FEMALE patients
	ReasonMetaNoID        = "metadata-no-id" // a metadata row with no Indicator ID
	ReasonMetaRepeat      = "metadata-again" // a metadata row of an indicator already read
)

// MaxGroupLines is how many example lines a SkipGroup keeps.
const MaxGroupLines = 5

// SkipGroup is the skipped rows of one indicator for one reason.
type SkipGroup struct {
	Reason    string `json:"reason"`              // Reason...
	Kind      string `json:"kind"`                // the Skip... kind the rows count under
	Indicator string `json:"indicator,omitempty"` // the Indicator ID; "" for rows without one, and in a registrations file
	Detail    string `json:"detail,omitempty"`    // the area type, sex, age, period, category or column, by reason
	Rows      int    `json:"rows"`
	// Lines are the first MaxGroupLines rows' lines (the CSV line, or the
	// .ods sheet's row), in file order.
	Lines []int `json:"lines"`
	first int   // the order the group was first met, for sorting
}

// reason is what a Reason... means: the kind its rows count under, the
// sentence for n rows (one, other: formatted with n, then the detail when
// detail is set) and what to do, in English.
type reason struct {
	code, kind string
	one, other string
	detail     bool
	todo       string
}

// reasons are the reasons, in the order a report lists them: what the
// person can put right first, what is expected of a Fingertips download
// last.
var reasons = []reason{
	{ReasonNoIndicator, SkipMissing, "%d row had no indicator ID", "%d rows had no indicator ID", false,
		"Fill in the Indicator ID column (Fingertips' number for the indicator, such as 93227), or delete these rows: without it a value cannot be matched to an indicator."},
	{ReasonNoArea, SkipMissing, "%d row had no area code", "%d rows had no area code", false,
		"Fill in the Area Code column with the ward's code (E05, W05 or S13 and 6 digits), or delete these rows."},
	{ReasonNotWardCode, SkipArea, "%d row is of area type Ward but its area code is not a ward code", "%d rows are of area type Ward but their area codes are not ward codes", false,
		"Correct the Area Code: a ward code is E05, W05 or S13 followed by 6 digits. A spreadsheet may have cut it short or changed it."},
	{ReasonNumber, SkipNumber, "%d row has a cell in the column %s that is not a number", "%d rows have cells in the column %s that are not numbers", true,
		"Correct these cells: a number with a full stop as the decimal point, or empty where there is none. Then import the file again."},
	{ReasonInconsistent, SkipInconsistent, "%d row has figures that contradict each other", "%d rows have figures that contradict each other", false,
		"Check these rows against the source (a lower limit above the value, a count above the denominator): the file may have its columns in the wrong order."},
	{ReasonDuplicate, SkipDuplicate, "%d row repeats an area, indicator and period already read", "%d rows repeat an area, indicator and period already read", false,
		"The first row was used. Delete the copies, or the wrong row, and import again if the first was not the one to keep."},
	{ReasonRepeat, SkipDuplicate, "%d row repeats the spreadsheet row above it", "%d rows repeat the spreadsheet row above them", false,
		"The first row was used. Nothing to do, unless the repeats are a mistake in the spreadsheet."},
	{ReasonOtherParent, SkipParent, "%d row is a ward outside %s", "%d rows are wards outside %s", true,
		"These wards are outside the area you chose. To include them, import without choosing a parent area."},
	{ReasonOtherPractice, SkipPractice, "%d row is a practice the document does not have", "%d rows are practices the document does not have", false,
		"Nothing to do if these practices are outside the area. Otherwise, import the GP registrations first, so that the document has them."},
	{ReasonNoWards, SkipNoWards, "%d row of England or another area is of an indicator no ward row has", "%d rows of England or other areas are of an indicator no ward row has", false,
		"Nothing to do, unless the file should have this indicator's ward rows: then download them from Fingertips again."},
	{ReasonPeriod, SkipPeriod, "%d row is for another period than %s", "%d rows are for other periods than %s", true,
		"You chose one period. To import every period, as a time series, import without choosing one."},
	{ReasonSex, SkipSex, "%d row is for another sex than %s", "%d rows are for other sexes than %s", true,
		"Nothing to do: the indicator is imported for that sex. To import another, choose it in the import's options."},
	{ReasonAge, SkipAge, "%d row is for another age band than %s", "%d rows are for other age bands than %s", true,
		"Nothing to do: the indicator is imported for that age band. To import another, choose it in the import's options."},
	{ReasonCategory, SkipCategory, "%d row is a category breakdown (%s)", "%d rows are a category breakdown (%s)", true,
		"Nothing to do: the whole population's rows are imported. To import a category instead, choose it in the import's options."},
	{ReasonEnglandPeriod, SkipPeriod, "%d England row is for an earlier period than the benchmark's", "%d England rows are for earlier periods than the benchmark's", false,
		"Nothing to do: the benchmark is England's value for the latest period; the wards' earlier periods are kept as their time series."},
	{ReasonBenchmarkPeriod, SkipPeriod, "%d row of England or the wards' parent area is for a period no ward row has", "%d rows of England or the wards' parent area are for periods no ward row has", false,
		"Nothing to do: there is no ward value of that period to compare it with."},
	{ReasonEnglandUnused, SkipSex, "%d England row is for a sex or age band no ward row has", "%d England rows are for a sex or age band no ward row has", false,
		"Nothing to do: there is no ward value to compare it with."},
	{ReasonParentArea, SkipArea, "%d row is the wards' parent area (%s)", "%d rows are the wards' parent area (%s)", true,
		"These are rows of the wards' parent areas. The wards have more than one, so none is shown beside England; to show one, import its wards alone (choose it as the parent area)."},
	{ReasonOtherArea, SkipArea, "%d row is of area type %s, neither a ward nor England", "%d rows are of area type %s, neither wards nor England", true,
		"Nothing to do: Fingertips downloads carry other areas too (regions, MSOAs), and Wardwise reads wards, England and the wards' parent area."},
	{ReasonNotPractice, SkipArea, "%d row is of area type %s, neither a GP practice nor England", "%d rows are of area type %s, neither GP practices nor England", true,
		"Nothing to do: practice files carry other areas too, and Wardwise reads practices and England."},
	{ReasonOldPeriod, SkipPeriod, "%d row is for an older period than the practice's latest", "%d rows are for older periods than the practices' latest", false,
		"Nothing to do: each practice takes the indicator's latest period."},
	{ReasonSexBreakdown, SkipSexBreakdown, "%d row counts male or female patients", "%d rows count male or female patients", false,
		"Nothing to do: the ALL rows count every patient, so these rows would count them twice."},
	{ReasonMetaNoID, SkipMissing, "%d row had no indicator ID", "%d rows had no indicator ID", false,
		"Fill in the Indicator ID column, or delete these rows: a definition without it cannot be matched to an indicator."},
	{ReasonMetaRepeat, SkipDuplicate, "%d row is of an indicator already read", "%d rows are of an indicator already read", false,
		"The first row was used (Fingertips lists an indicator once per profile). Keep the row you want first."},
}

// reasonOf is the reason with the code, and whether there is one.
func reasonOf(code string) (reason, int, bool) {
	for i, r := range reasons {
		if r.code == code {
			return r, i, true
		}
	}
	return reason{}, len(reasons), false
}

// Reasons returns the codes of every reason, in report order: for a front
// end to check it words each.
func Reasons() []string {
	out := make([]string, len(reasons))
	for i, r := range reasons {
		out[i] = r.code
	}
	return out
}

// ReasonWords is the English of a reason: the sentence for one row and for
// several (formatted with the count, then the detail when HasDetail), and
// what to do.
func ReasonWords(code string) (one, other string, hasDetail bool, todo string) {
	r, _, _ := reasonOf(code)
	return r.one, r.other, r.detail, r.todo
}

// ReasonKind is the Skip... kind the rows of a reason count under.
func ReasonKind(code string) string {
	r, _, _ := reasonOf(code)
	return r.kind
}

// skipGroups accumulates skipped rows into groups.
type skipGroups struct {
	at   map[string]int // group key → index in list
	list []SkipGroup
}

// add counts a row at line in the group of (indicator, reason, detail).
func (s *skipGroups) add(code, indicator, detail string, line int) {
	key := code + "\x00" + indicator + "\x00" + detail
	i, ok := s.at[key]
	if !ok {
		if s.at == nil {
			s.at = map[string]int{}
		}
		i = len(s.list)
		s.at[key] = i
		s.list = append(s.list, SkipGroup{Reason: code, Kind: ReasonKind(code), Indicator: indicator, Detail: detail, Lines: []int{}, first: i})
	}
	g := &s.list[i]
	g.Rows++
	if len(g.Lines) < MaxGroupLines {
		g.Lines = append(g.Lines, line)
	}
}

// sorted returns the groups in report order: by reason (the table's
// order), then detail, then the order the file first had them.
func (s *skipGroups) sorted() []SkipGroup {
	out := append([]SkipGroup{}, s.list...)
	for i := range out {
		sort.Ints(out[i].Lines)
	}
	sort.SliceStable(out, func(i, j int) bool {
		_, ri, _ := reasonOf(out[i].Reason)
		_, rj, _ := reasonOf(out[j].Reason)
		if ri != rj {
			return ri < rj
		}
		if out[i].Detail != out[j].Detail {
			return out[i].Detail < out[j].Detail
		}
		return out[i].first < out[j].first
	})
	for i := range out {
		out[i].first = 0 // the order is the slice's now
	}
	return out
}

// ReasonGroup is the skipped rows of one reason and detail: their count,
// and the groups by indicator that make it up, in report order.
type ReasonGroup struct {
	Reason string
	Detail string
	Rows   int
	Groups []SkipGroup
}

// SkipReasons groups groups (in report order, as Report.Groups holds them)
// by reason and detail.
func SkipReasons(groups []SkipGroup) []ReasonGroup {
	var out []ReasonGroup
	for _, g := range groups {
		if n := len(out); n > 0 && out[n-1].Reason == g.Reason && out[n-1].Detail == g.Detail {
			out[n-1].Rows += g.Rows
			out[n-1].Groups = append(out[n-1].Groups, g)
			continue
		}
		out = append(out, ReasonGroup{Reason: g.Reason, Detail: g.Detail, Rows: g.Rows, Groups: []SkipGroup{g}})
	}
	return out
}

// What is the reason's sentence for its rows, in English: "147 rows had no
// indicator ID".
func (r ReasonGroup) What() string {
	one, other, hasDetail, _ := ReasonWords(r.Reason)
	f := other
	if r.Rows == 1 {
		f = one
	}
	if hasDetail {
		return fmt.Sprintf(f, r.Rows, r.Detail)
	}
	return fmt.Sprintf(f, r.Rows)
}

// Todo is what to do about the reason's rows, in English.
func (r ReasonGroup) Todo() string {
	_, _, _, todo := ReasonWords(r.Reason)
	return todo
}

// writeReasons writes the skipped rows by reason for people, in English:
// each reason's sentence, the indicators with their rows and example
// lines, and what to do. where names the lines: "line" or "sheet row".
func writeReasons(b *strings.Builder, groups []SkipGroup, where string) {
	rs := SkipReasons(groups)
	if len(rs) == 0 {
		return
	}
	b.WriteString("skipped rows, by reason:\n")
	for _, r := range rs {
		fmt.Fprintf(b, "  %s\n", r.What())
		for _, g := range r.Groups {
			if g.Indicator == "" {
				fmt.Fprintf(b, "    %s\n", groupLines(g, where))
				continue
			}
			fmt.Fprintf(b, "    indicator %s: %s\n", g.Indicator, groupLines(g, where))
		}
		fmt.Fprintf(b, "    what to do: %s\n", r.Todo())
	}
}

// groupLines says g's rows and examples: "3 rows (lines 4, 9, 12)",
// "7 rows (lines 4, 9, 12, 13, 20, …)".
func groupLines(g SkipGroup, where string) string {
	nums := make([]string, len(g.Lines))
	for i, l := range g.Lines {
		nums[i] = fmt.Sprint(l)
	}
	if g.Rows > len(g.Lines) {
		nums = append(nums, "…")
	}
	rows, lines := "rows", where+"s"
	if g.Rows == 1 {
		rows, lines = "row", where
	}
	return fmt.Sprintf("%d %s (%s %s)", g.Rows, rows, lines, strings.Join(nums, ", "))
}

// finishGroups puts the skipped rows' groups in the report, in report
// order, once every row is read: rows of another area whose codes are all
// the wards' parent areas (their Parent Code, or the area the options
// name) are the parent area's rows.
func (im *importer) finishGroups() {
	parents := map[string]bool{}
	for _, r := range im.rows {
		if r.code != England && r.parentCode != "" {
			parents[r.parentCode] = true
		}
	}
	if c := strings.ToUpper(im.opts.AreaCode); c != "" {
		parents[c] = true
	}
	for i := range im.groups.list {
		g := &im.groups.list[i]
		if g.Reason != ReasonOtherArea {
			continue
		}
		codes := im.otherAreas[g.Indicator+"\x00"+g.Detail]
		parent := len(codes) > 0
		for c := range codes {
			parent = parent && parents[c]
		}
		if parent {
			g.Reason = ReasonParentArea
		}
	}
	im.report.Groups = im.groups.sorted()
}

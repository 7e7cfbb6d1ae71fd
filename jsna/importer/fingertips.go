package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wardwise/wardwise/jsna"
)

// Importing Fingertips data
//
// OHID's Fingertips (fingertips.phe.org.uk) and its Local Health profile
// export indicator data as CSV with one row per indicator, area, sex, age,
// category and time period. The columns, in the order Fingertips writes
// them (PholioVisualisation CsvBuilderIndicatorDataHeaderWriter), are:
//
//	Indicator ID, Indicator Name, Parent Code, Parent Name, Area Code,
//	Area Name, Area Type, Sex, Age, Category Type, Category, Time period,
//	Value, Lower CI 95.0 limit, Upper CI 95.0 limit, Lower CI 99.8 limit,
//	Upper CI 99.8 limit, Count, Denominator, Value note, Recent Trend,
//	Compared to England value or percentiles,
//	Compared to <parent type> value or percentiles, Time period Sortable,
//	New data, Compared to goal
//
// Newer exports add more (Time period range, ...). The importer finds
// columns by name, ignoring case, spaces and punctuation, so order and extra
// columns do not matter; only Indicator ID, Area Code and Value are
// required. Invalid cells are written empty by Fingertips, and a reason for
// a missing value goes in Value note.

// MaxImportBytes is the largest CSV file Fingertips reads.
const MaxImportBytes = 512 << 20

// MaxSkippedRows is the number of skipped rows an Report lists one by
// one; past it rows are only counted, by kind.
const MaxSkippedRows = 10000

// England is the GSS code of England, the benchmark of every import.
const England = "E92000001"

// Options choose which rows of a Fingertips export become the
// document. The zero value imports, for every indicator, Persons and All
// ages where the file has them, no category breakdowns, and the latest time
// period, for every ward in the file.
type Options struct {
	// Sex keeps only rows of this sex ("Persons", "Male", "Female"). Empty:
	// Persons where an indicator has Persons rows; an indicator given only
	// for some other sexes is imported once per sex, as indicators with IDs
	// like "93283-male".
	Sex string
	// Age keeps only rows of this age band ("All ages", "<75 yrs"). Empty:
	// All ages where an indicator has it, otherwise every band the file
	// has, one indicator each, as with Sex.
	Age string
	// Category keeps only rows of this category (matched against Category,
	// or "Category Type: Category"), instead of the rows without one.
	Category string
	// Period keeps only rows of this time period ("2016 - 20") instead of
	// every period of each indicator (the latest its current value).
	Period string
	// Parent keeps only wards whose Parent Code or Parent Name is this, for
	// files that cover more than one local authority.
	Parent string
	// AreaCode and AreaName set the assessment's area. Empty: the wards'
	// parent area, when they all have the same one.
	AreaCode, AreaName string
	// ID and Title set the document's; empty gives them from the area.
	ID, Title string
	// Sheet names the sheet of an .ods file to read; empty reads the first
	// sheet that has a Fingertips header row.
	Sheet string
}

// Kinds of skipped row in an Report.
const (
	SkipMissing      = "missing"      // no indicator ID or area code
	SkipArea         = "area"         // an area that is neither a ward nor England
	SkipParent       = "parent"       // a ward of another parent area (Options.Parent)
	SkipCategory     = "category"     // a category breakdown, or another category
	SkipSex          = "sex"          // another sex
	SkipAge          = "age"          // another age band
	SkipPeriod       = "period"       // another time period than Options.Period, or than the wards' for an England row
	SkipDuplicate    = "duplicate"    // a second row for the same indicator, area and period
	SkipNumber       = "number"       // a cell that should hold a number does not
	SkipInconsistent = "inconsistent" // numbers that contradict each other (lower above upper, ...)
	SkipNoWards      = "no-wards"     // an England row of an indicator no ward has
)

// Report says what an import did with every row of its file. Rows is
// Imported + Benchmarks + the sum of Skipped.
type Report struct {
	File       string         `json:"file"`
	Source     string         `json:"source"`          // "fingertips-csv" or "ods"
	Sheet      string         `json:"sheet,omitempty"` // the .ods sheet read
	Rows       int            `json:"rows"`            // data rows, not counting the header or blank rows
	Imported   int            `json:"imported"`        // rows that became a ward's value
	Benchmarks int            `json:"benchmarks"`      // England rows that became benchmark values
	Wards      int            `json:"wards"`
	Practices  int            `json:"practices,omitempty"` // practices given values (FingertipsPractices)
	Indicators int            `json:"indicators"`
	Skipped    map[string]int `json:"skipped"` // rows skipped, by kind (Skip...)
	// SkippedRows lists the first MaxSkippedRows skipped rows in file
	// order; SkippedRowsOmitted counts the rest.
	SkippedRows        []SkippedRow `json:"skipped_rows"`
	SkippedRowsOmitted int          `json:"skipped_rows_omitted,omitempty"`
	// Notes are about whole indicators: not in the built-in table, split by
	// sex or age, no England value, ...
	Notes []string `json:"notes,omitempty"`
	// NoteTexts are the Notes as jsna made them, for a front end to word
	// in another language (not in the JSON).
	NoteTexts []jsna.Text `json:"-"`
	// Periods counts the time periods imported for each indicator of the
	// document, by its ID: every period of a time series is kept.
	Periods map[string]int `json:"periods,omitempty"`
	// Groups are every skipped row (SkippedRowsOmitted too) grouped by
	// indicator and reason, in report order (skipgroups.go): what the
	// report says to people.
	Groups []SkipGroup `json:"groups,omitempty"`
	// Unknown are the document's indicators (by ID) not in the built-in
	// table of Local Health indicators: their method is "other" and their
	// polarity read from the file where it says, until someone sets them
	// (UnknownTodo).
	Unknown []string `json:"unknown_indicators,omitempty"`
}

// UnknownTodo is what to do about the indicators the built-in table does
// not know, in English: the app's catalogue words it too
// (import.unknown.todo).
const UnknownTodo = "Give each its method, polarity and unit from Fingertips' definition of it: open Fingertips' indicator metadata CSV with the import (jsna import -metadata, or jsna metadata), or set them on the indicator's page."

// SkippedRow is one row an import left out, and why.
type SkippedRow struct {
	Sheet  string `json:"sheet,omitempty"` // .ods only
	Line   int    `json:"line"`            // the CSV line, or the sheet's row, counted from 1
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
	// Text is Reason as jsna made it (not in the JSON).
	Text jsna.Text `json:"-"`
}

// String formats r as "line 12: reason", or "sheet Data row 12: reason".
func (r SkippedRow) String() string {
	return rowLoc{sheet: r.Sheet, row: r.Line}.String() + ": " + r.Reason
}

// Summary describes the report for people: the counts, the skipped rows
// by reason and indicator with what to do (Groups), up to max skipped rows
// one a line (all of those listed if max is 0, none if it is negative),
// and the notes.
func (r *Report) Summary(max int) string {
	var b strings.Builder
	skipped := 0
	for _, n := range r.Skipped {
		skipped += n
	}
	fmt.Fprintf(&b, "%s: %d rows read", r.File, r.Rows)
	if r.Sheet != "" {
		fmt.Fprintf(&b, " from sheet %q", r.Sheet)
	}
	if r.Practices > 0 {
		fmt.Fprintf(&b, ": %d practice values, %d England benchmarks, %d skipped\n", r.Imported, r.Benchmarks, skipped)
		fmt.Fprintf(&b, "%d practices, %d indicators\n", r.Practices, r.Indicators)
	} else {
		fmt.Fprintf(&b, ": %d ward values, %d benchmark values, %d skipped\n", r.Imported, r.Benchmarks, skipped)
		fmt.Fprintf(&b, "%d wards, %d indicators\n", r.Wards, r.Indicators)
	}
	r.periodsLine(&b)
	if skipped > 0 {
		kinds := make([]string, 0, len(r.Skipped))
		for k := range r.Skipped {
			kinds = append(kinds, k)
		}
		sort.Strings(kinds)
		b.WriteString("skipped:")
		for i, k := range kinds {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %d %s", r.Skipped[k], k)
		}
		b.WriteByte('\n')
		where := "line"
		if r.Sheet != "" {
			where = fmt.Sprintf("sheet %q row", r.Sheet)
		}
		writeReasons(&b, r.Groups, where)
		r.writeSkippedRows(&b, max)
	}
	if len(r.Unknown) > 0 {
		fmt.Fprintf(&b, "indicators not in the built-in table: %s\n  what to do: %s\n", strings.Join(r.Unknown, ", "), UnknownTodo)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}

// writeSkippedRows lists up to max skipped rows one a line (all if max is
// 0, none if it is negative), and how many more there are.
func (r *Report) writeSkippedRows(b *strings.Builder, max int) {
	if max < 0 {
		return
	}
	n := len(r.SkippedRows)
	if max > 0 && n > max {
		n = max
	}
	if n > 0 {
		b.WriteString("skipped rows, one by one:\n")
	}
	for _, s := range r.SkippedRows[:n] {
		fmt.Fprintf(b, "  %s\n", s)
	}
	if more := len(r.SkippedRows) - n + r.SkippedRowsOmitted; more > 0 {
		fmt.Fprintf(b, "  and %d more skipped rows\n", more)
	}
}

// Fingertips reads a Fingertips data CSV (or OHID Local Health's CSV
// download, which has the same columns) from r and makes a jsna/1 document
// of its ward rows: one indicator per Indicator ID (see Options for
// sex, age, category and period), one ward per ward code (E05, W05 or S13),
// the England row (E92000001) giving each indicator's benchmark value.
// Indicators in the built-in table of Local Health indicators get their
// method, polarity, unit and multiplier from it; others get method "other"
// and a note. name is used in messages only.
//
// The report accounts for every row, and is returned even with an error.
// The error is an *Error naming the file and line when the file cannot be
// read as a Fingertips CSV (bad quoting, missing columns, no ward rows) or
// the document made from it is not valid; the document is nil then.
// A UTF-8 byte order mark and CRLF line ends are accepted; a file that is
// not UTF-8 is read as Windows-1252, as Excel saves CSV, with a note.
func Fingertips(name string, r io.Reader, opts Options) (*jsna.Document, *Report, error) {
	im := newImporter(name, "fingertips-csv", opts)
	if err := im.readCSV(r); err != nil {
		return nil, im.report, err
	}
	return im.finish()
}

// readCSV reads the rows of a Fingertips data CSV into im.
func (im *importer) readCSV(r io.Reader) error {
	name := im.name
	data, err := readAllSized(r, MaxImportBytes+1)
	if err != nil {
		return fmt.Errorf("jsna: read %s: %w", name, err)
	}
	if len(data) > MaxImportBytes {
		return im.fail(rowLoc{}, "file is larger than the %s the importer reads", jsna.ByteSize(MaxImportBytes))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		data = windows1252ToUTF8(data)
		im.note("the file is not UTF-8; it was read as Windows-1252")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header := true
	width := 0
	var shifted jsna.Problems // rows whose width differs from the header's
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return &jsna.Error{File: name, Problems: []jsna.Problem{{Line: pe.Line, Column: pe.Column, Message: "not valid CSV: " + pe.Err.Error(), Text: jsna.Textf("not valid CSV: %s", pe.Err.Error())}}}
			}
			return fmt.Errorf("jsna: read %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		loc := rowLoc{row: line}
		if header {
			if missing := im.setHeader(rec); len(missing) > 0 {
				return im.missingColumns(loc, missing)
			}
			header = false
			width = len(rec)
			continue
		}
		if len(rec) != width {
			// A cell with an unquoted comma, or one lost, shifts every
			// column after it: reading such a row by position would put
			// numbers in the wrong places.
			shifted.AddAt("", line, 1, "row has %d fields but the header has %d (shifted or missing columns?)", len(rec), width)
			continue
		}
		im.addRow(loc, rec)
	}
	if header {
		return im.fail(rowLoc{}, "file is empty")
	}
	if err := shifted.Err(); err != nil {
		err.(*jsna.Error).File = name
		return err
	}
	return nil
}

// readAllSized reads up to max bytes of r, in one allocation when r can
// tell its size (a file, a bytes.Reader).
func readAllSized(r io.Reader, max int64) ([]byte, error) {
	var size int64
	switch s := r.(type) {
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := s.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	case interface{ Len() int }:
		size = int64(s.Len())
	}
	var b bytes.Buffer
	b.Grow(int(min(size, max)) + bytes.MinRead)
	_, err := b.ReadFrom(io.LimitReader(r, max))
	return b.Bytes(), err
}

// importer turns the rows of a Fingertips table into a Document.
type importer struct {
	name   string
	opts   Options
	idx    [numColumns]int
	report *Report
	rows   []*row // ward and England rows that passed the row filters
	types  map[string]string
	// into, for FingertipsPractices, is the document whose practices the
	// rows are for; nil for a ward import.
	into   *jsna.Document
	groups skipGroups // the skipped rows by indicator and reason
	// otherAreas are the area codes of the rows skipped as other areas,
	// by indicator and area type, to tell the wards' parent area.
	otherAreas map[string]map[string]bool
}

// skipWhy is why a row is skipped: its reason (Reason...), its indicator
// and the reason's detail, for Report.Groups.
type skipWhy struct {
	reason, indicator, detail string
	kind                      string // the kind counted, where not the reason's own
}

// because is why r is skipped for reason, with detail.
func because(reason string, r *row, detail string) skipWhy {
	return skipWhy{reason: reason, indicator: r.id, detail: detail}
}

func newImporter(name, source string, opts Options) *importer {
	return &importer{
		name:   name,
		opts:   opts,
		report: &Report{File: name, Source: source, Skipped: map[string]int{}, SkippedRows: []SkippedRow{}},
		types:  map[string]string{},
	}
}

// fail returns an *Error for the file with one problem at loc.
func (im *importer) fail(loc rowLoc, format string, args ...any) error {
	t := jsna.Textf(format, args...)
	if loc.sheet != "" {
		t = jsna.Textf("%s: "+format, append([]any{loc.text()}, args...)...)
		loc.row = 0
	}
	col := 0
	if loc.row > 0 {
		col = 1
	}
	return &jsna.Error{File: im.name, Problems: []jsna.Problem{{Line: loc.row, Column: col, Message: t.String(), Text: t}}}
}

func (im *importer) note(format string, args ...any) {
	t := jsna.Textf(format, placeTexts(args)...)
	im.report.Notes = append(im.report.Notes, t.String())
	im.report.NoteTexts = append(im.report.NoteTexts, t)
}

// skip accounts for a row left out: counted by its reason's kind, in the
// group of (indicator, reason, detail), and listed with format and args
// (up to MaxSkippedRows).
func (im *importer) skip(loc rowLoc, why skipWhy, format string, args ...any) {
	kind := why.kind
	if kind == "" {
		kind = ReasonKind(why.reason)
	}
	im.report.Skipped[kind]++
	im.groups.add(why.reason, why.indicator, why.detail, loc.row)
	if len(im.report.SkippedRows) >= MaxSkippedRows {
		im.report.SkippedRowsOmitted++
		return
	}
	im.report.SkippedRows = append(im.report.SkippedRows, SkippedRow{Sheet: loc.sheet, Line: loc.row, Kind: kind, Reason: fmt.Sprintf(format, args...), Text: jsna.Textf(format, placeTexts(args)...)})
}

// placeTexts are args with each place in the file (a rowLoc) as the Text
// that says where it is, for a front end to word.
func placeTexts(args []any) []any {
	out := make([]any, len(args))
	for i, x := range args {
		if loc, ok := x.(rowLoc); ok {
			x = loc.text()
		}
		out[i] = x
	}
	return out
}

func sortSkipped(s []SkippedRow) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Sheet != s[j].Sheet {
			return s[i].Sheet < s[j].Sheet
		}
		return s[i].Line < s[j].Line
	})
}

// periodsLine writes how many time periods each indicator has, in ID
// order: "periods: 93227 5, 93105 1".
func (r *Report) periodsLine(b *strings.Builder) {
	if len(r.Periods) == 0 {
		return
	}
	ids := make([]string, 0, len(r.Periods))
	for id := range r.Periods {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	b.WriteString("periods per indicator:")
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(b, " %s %d", id, r.Periods[id])
	}
	b.WriteByte('\n')
}

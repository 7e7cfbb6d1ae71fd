package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strconv"
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
	// each indicator's latest.
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
	SkipPeriod       = "period"       // an older (or another) time period
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
	Indicators int            `json:"indicators"`
	Skipped    map[string]int `json:"skipped"` // rows skipped, by kind (Skip...)
	// SkippedRows lists the first MaxSkippedRows skipped rows in file
	// order; SkippedRowsOmitted counts the rest.
	SkippedRows        []SkippedRow `json:"skipped_rows"`
	SkippedRowsOmitted int          `json:"skipped_rows_omitted,omitempty"`
	// Notes are about whole indicators: not in the built-in table, split by
	// sex or age, no England value, ...
	Notes []string `json:"notes,omitempty"`
}

// SkippedRow is one row an import left out, and why.
type SkippedRow struct {
	Sheet  string `json:"sheet,omitempty"` // .ods only
	Line   int    `json:"line"`            // the CSV line, or the sheet's row, counted from 1
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
}

// String formats r as "line 12: reason", or "sheet Data row 12: reason".
func (r SkippedRow) String() string {
	return rowLoc{sheet: r.Sheet, row: r.Line}.String() + ": " + r.Reason
}

// Summary describes the report for people: the counts, up to max skipped
// rows one a line (all of those listed if max <= 0), and the notes.
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
	fmt.Fprintf(&b, ": %d ward values, %d England benchmarks, %d skipped\n", r.Imported, r.Benchmarks, skipped)
	fmt.Fprintf(&b, "%d wards, %d indicators\n", r.Wards, r.Indicators)
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
		n := len(r.SkippedRows)
		if max > 0 && n > max {
			n = max
		}
		for _, s := range r.SkippedRows[:n] {
			fmt.Fprintf(&b, "  %s\n", s)
		}
		if more := len(r.SkippedRows) - n + r.SkippedRowsOmitted; more > 0 {
			fmt.Fprintf(&b, "  and %d more skipped rows\n", more)
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
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
	data, err := readAllSized(r, MaxImportBytes+1)
	if err != nil {
		return nil, im.report, fmt.Errorf("jsna: read %s: %w", name, err)
	}
	if len(data) > MaxImportBytes {
		return nil, im.report, im.fail(rowLoc{}, "file is larger than the %s the importer reads", jsna.ByteSize(MaxImportBytes))
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
				return nil, im.report, &jsna.Error{File: name, Problems: []jsna.Problem{{Line: pe.Line, Column: pe.Column, Message: "not valid CSV: " + pe.Err.Error()}}}
			}
			return nil, im.report, fmt.Errorf("jsna: read %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		loc := rowLoc{row: line}
		if header {
			if missing := im.setHeader(rec); len(missing) > 0 {
				return nil, im.report, im.missingColumns(loc, missing)
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
		return nil, im.report, im.fail(rowLoc{}, "file is empty")
	}
	if err := shifted.Err(); err != nil {
		err.(*jsna.Error).File = name
		return nil, im.report, err
	}
	return im.finish()
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

// The columns the importer reads.
type column int

const (
	colIndicatorID column = iota
	colIndicatorName
	colParentCode
	colParentName
	colAreaCode
	colAreaName
	colAreaType
	colSex
	colAge
	colCategoryType
	colCategory
	colTimePeriod
	colPeriodSortable
	colValueNote
	colCompared
	// The numeric columns, in the order of row.num.
	colValue
	colLower95
	colUpper95
	colLower998
	colUpper998
	colCount
	colDenominator
	numColumns
)

const firstNumeric = colValue

var columnNames = [numColumns]string{
	colIndicatorID:    "Indicator ID",
	colIndicatorName:  "Indicator Name",
	colParentCode:     "Parent Code",
	colParentName:     "Parent Name",
	colAreaCode:       "Area Code",
	colAreaName:       "Area Name",
	colAreaType:       "Area Type",
	colSex:            "Sex",
	colAge:            "Age",
	colCategoryType:   "Category Type",
	colCategory:       "Category",
	colTimePeriod:     "Time period",
	colPeriodSortable: "Time period Sortable",
	colValueNote:      "Value note",
	colCompared:       "Compared to England value or percentiles",
	colValue:          "Value",
	colLower95:        "Lower CI 95.0 limit",
	colUpper95:        "Upper CI 95.0 limit",
	colLower998:       "Lower CI 99.8 limit",
	colUpper998:       "Upper CI 99.8 limit",
	colCount:          "Count",
	colDenominator:    "Denominator",
}

var requiredColumns = []column{colIndicatorID, colAreaCode, colValue}

// headerKey folds a column name for matching: lower case, letters, digits
// and dots only, so "Lower CI 95.0 limit" matches "lower_ci_95.0_limit".
func headerKey(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimPrefix(s, "\ufeff") {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		}
	}
	return b.String()
}

var columnByKey = func() map[string]column {
	m := make(map[string]column, numColumns)
	for c, n := range columnNames {
		m[headerKey(n)] = column(c)
	}
	return m
}()

// rowLoc is where a row is: a CSV line, or a row of an .ods sheet.
type rowLoc struct {
	sheet string
	row   int
}

func (l rowLoc) String() string {
	if l.sheet != "" {
		return fmt.Sprintf("sheet %q row %d", l.sheet, l.row)
	}
	return fmt.Sprintf("line %d", l.row)
}

// row is one data row that may become a value or a benchmark.
type row struct {
	loc                      rowLoc
	id, name                 string
	parentCode, parentName   string
	code, areaName, areaType string
	sex, age                 string
	period                   string
	sortable                 float64
	hasSortable              bool
	note, compared           string
	num                      [numColumns - firstNumeric]float64
	has                      [numColumns - firstNumeric]bool
}

func (r *row) get(c column) *float64 {
	i := c - firstNumeric
	if !r.has[i] {
		return nil
	}
	v := r.num[i]
	return &v
}

// importer turns the rows of a Fingertips table into a Document.
type importer struct {
	name   string
	opts   Options
	idx    [numColumns]int
	report *Report
	rows   []*row // ward and England rows that passed the row filters
	types  map[string]string
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
	msg := fmt.Sprintf(format, args...)
	if loc.sheet != "" {
		msg = loc.String() + ": " + msg
		loc.row = 0
	}
	col := 0
	if loc.row > 0 {
		col = 1
	}
	return &jsna.Error{File: im.name, Problems: []jsna.Problem{{Line: loc.row, Column: col, Message: msg}}}
}

func (im *importer) note(format string, args ...any) {
	im.report.Notes = append(im.report.Notes, fmt.Sprintf(format, args...))
}

func (im *importer) skip(loc rowLoc, kind, format string, args ...any) {
	im.report.Skipped[kind]++
	if len(im.report.SkippedRows) >= MaxSkippedRows {
		im.report.SkippedRowsOmitted++
		return
	}
	im.report.SkippedRows = append(im.report.SkippedRows, SkippedRow{Sheet: loc.sheet, Line: loc.row, Kind: kind, Reason: fmt.Sprintf(format, args...)})
}

// setHeader finds the columns in a header row and returns the names of the
// required ones it lacks.
func (im *importer) setHeader(cells []string) (missing []string) {
	for i := range im.idx {
		im.idx[i] = -1
	}
	for i, cell := range cells {
		if c, ok := columnByKey[headerKey(cell)]; ok && im.idx[c] < 0 {
			im.idx[c] = i
		}
	}
	for _, c := range requiredColumns {
		if im.idx[c] < 0 {
			missing = append(missing, strconv.Quote(columnNames[c]))
		}
	}
	return missing
}

func (im *importer) missingColumns(loc rowLoc, missing []string) error {
	return im.fail(loc, "not a Fingertips data header: no column %s (a Fingertips export starts \"Indicator ID\",\"Indicator Name\",...,\"Area Code\",...,\"Value\")", strings.Join(missing, ", "))
}

// cellRef names the cell of column c in the row at loc.
func (im *importer) cellRef(loc rowLoc, c column) string {
	i := im.idx[c]
	if loc.sheet != "" {
		return fmt.Sprintf("cell %s%d", columnLetters(i), loc.row)
	}
	return fmt.Sprintf("column %d", i+1)
}

// missingMarks are what spreadsheets and statistical tables put in a cell
// with no number: the cell then has no value rather than a bad one.
var missingMarks = map[string]bool{"": true, "*": true, "-": true, "–": true, "x": true, "X": true, ":": true, "..": true, ".": true, "n/a": true, "N/A": true, "NA": true, "null": true, "NULL": true}

// addRow applies the row filters that need no other rows and keeps the row
// if it may become a ward value or a benchmark.
func (im *importer) addRow(loc rowLoc, cells []string) {
	get := func(c column) string {
		i := im.idx[c]
		if i < 0 || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	blank := true
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			blank = false
			break
		}
	}
	if blank {
		return
	}
	im.report.Rows++
	r := &row{
		loc:        loc,
		id:         normalizeID(get(colIndicatorID)),
		name:       get(colIndicatorName),
		parentCode: strings.ToUpper(get(colParentCode)),
		parentName: get(colParentName),
		code:       strings.ToUpper(get(colAreaCode)),
		areaName:   get(colAreaName),
		areaType:   get(colAreaType),
		sex:        get(colSex),
		age:        get(colAge),
		period:     get(colTimePeriod),
		note:       get(colValueNote),
		compared:   get(colCompared),
	}
	if r.code != "" && r.areaType != "" {
		if _, ok := im.types[r.code]; !ok {
			im.types[r.code] = r.areaType
		}
	}
	switch {
	case r.id == "":
		im.skip(loc, SkipMissing, "no indicator ID")
		return
	case r.code == "":
		im.skip(loc, SkipMissing, "no area code")
		return
	case r.code == England:
	case jsna.IsWardCode(r.code):
		if p := im.opts.Parent; p != "" && !strings.EqualFold(p, r.parentCode) && !strings.EqualFold(p, r.parentName) {
			im.skip(loc, SkipParent, "ward %s %s is in %s, not %s", r.code, r.areaName, orUnknown(r.parentName), p)
			return
		}
	case strings.Contains(strings.ToLower(r.areaType), "ward"):
		im.skip(loc, SkipArea, "area code %q is not a ward code (E05, W05 or S13 and 6 digits)", r.code)
		return
	default:
		im.skip(loc, SkipArea, "%s (%s, area type %s) is not a ward or England", orUnknown(r.areaName), r.code, orUnknown(r.areaType))
		return
	}
	catType, cat := get(colCategoryType), get(colCategory)
	if want := im.opts.Category; want == "" {
		if catType != "" || cat != "" {
			im.skip(loc, SkipCategory, "category breakdown %s", joinCategory(catType, cat))
			return
		}
	} else if !strings.EqualFold(want, cat) && !strings.EqualFold(want, joinCategory(catType, cat)) {
		im.skip(loc, SkipCategory, "category %s, not %s", orUnknown(joinCategory(catType, cat)), want)
		return
	}
	if want := im.opts.Sex; want != "" && !strings.EqualFold(want, r.sex) {
		im.skip(loc, SkipSex, "sex %s, not %s", orUnknown(r.sex), want)
		return
	}
	if want := im.opts.Age; want != "" && !strings.EqualFold(want, r.age) {
		im.skip(loc, SkipAge, "age %s, not %s", orUnknown(r.age), want)
		return
	}
	if want := im.opts.Period; want != "" && !strings.EqualFold(want, r.period) {
		im.skip(loc, SkipPeriod, "time period %s, not %s", orUnknown(r.period), want)
		return
	}
	if s := get(colPeriodSortable); s != "" {
		f, ok := parseNumber(s)
		if !ok {
			im.skip(loc, SkipNumber, "%s %q is not a number (%s)", columnNames[colPeriodSortable], s, im.cellRef(loc, colPeriodSortable))
			return
		}
		r.sortable, r.hasSortable = f, true
	}
	for c := firstNumeric; c < numColumns; c++ {
		s := get(c)
		if missingMarks[s] {
			continue
		}
		f, ok := parseNumber(s)
		if !ok {
			im.skip(loc, SkipNumber, "%s %q is not a number (%s)", columnNames[c], s, im.cellRef(loc, c))
			return
		}
		r.num[c-firstNumeric], r.has[c-firstNumeric] = f, true
	}
	im.rows = append(im.rows, r)
}

// skipRepeat accounts for a copy of the row at first (an .ods row repeated
// by table:number-rows-repeated): it is a duplicate whatever first is.
func (im *importer) skipRepeat(loc, first rowLoc) {
	im.report.Rows++
	im.skip(loc, SkipDuplicate, "repeats %s", first)
}

func joinCategory(typ, cat string) string {
	switch {
	case typ == "":
		return cat
	case cat == "":
		return typ
	}
	return typ + ": " + cat
}

func orUnknown(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// parseNumber reads a decimal number as written by Fingertips (.NET
// ToString: "12.3", "1.5E-05") or a spreadsheet. NaN and infinities are not
// numbers here.
func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// normalizeID turns "93227.0" (an ID that went through a spreadsheet) into
// "93227".
func normalizeID(s string) string {
	if f, ok := parseNumber(s); ok && f == math.Trunc(f) && math.Abs(f) < 1e15 && strings.ContainsAny(s, ".eE") {
		return strconv.FormatInt(int64(f), 10)
	}
	return s
}

// variant is one indicator of the document: an Indicator ID with the sex
// and age its rows have.
type variant struct {
	id, sex, age string
	docID, label string // label: "Male", "65+ yrs", for a split indicator
	rows         []*row // ward rows
	period       string
	sortable     float64
	bySortable   bool
}

func variantKey(id, sex, age string) string {
	return id + "\x00" + strings.ToLower(sex) + "\x00" + strings.ToLower(age)
}

// finish chooses, among the rows kept, one per indicator and ward, and
// builds and validates the document.
func (im *importer) finish() (*jsna.Document, *Report, error) {
	rep := im.report
	if rep.Rows == 0 {
		return nil, rep, im.fail(rowLoc{}, "no data rows after the header")
	}
	// Indicators in order of first appearance; their ward rows by sex and age.
	var order []string
	byID := map[string][]*variant{}
	variants := map[string]*variant{}
	england := map[string][]*row{}
	for _, r := range im.rows {
		if _, seen := byID[r.id]; !seen {
			order = append(order, r.id)
			byID[r.id] = nil
		}
		if r.code == England {
			england[r.id] = append(england[r.id], r)
			continue
		}
		k := variantKey(r.id, r.sex, r.age)
		v := variants[k]
		if v == nil {
			v = &variant{id: r.id, sex: r.sex, age: r.age}
			variants[k] = v
			byID[r.id] = append(byID[r.id], v)
		}
		v.rows = append(v.rows, r)
	}

	var chosen []*variant
	for _, id := range order {
		vs := byID[id]
		if len(vs) == 0 {
			for _, r := range england[id] {
				im.skip(r.loc, SkipNoWards, "England row of indicator %s, which no ward row has", id)
			}
			delete(england, id)
			continue
		}
		vs = im.preferVariants(vs)
		if len(vs) > 1 {
			im.splitVariants(vs)
		} else {
			vs[0].docID = id
		}
		for _, v := range vs {
			im.choosePeriod(v)
		}
		chosen = append(chosen, vs...)
	}

	doc := &jsna.Document{
		Format:    jsna.Format,
		Benchmark: jsna.Benchmark{Code: England, Name: "England"},
	}
	type wardAcc struct {
		w    *jsna.Ward
		locs []rowLoc
	}
	wards := map[string]*wardAcc{}
	for _, v := range chosen {
		ind := im.indicator(v)
		// England: the row of the same sex, age and period.
		var bench *row
		for _, r := range england[v.id] {
			if !strings.EqualFold(r.sex, v.sex) || !strings.EqualFold(r.age, v.age) {
				continue
			}
			if !strings.EqualFold(r.period, v.period) {
				continue
			}
			if bench != nil {
				im.skip(r.loc, SkipDuplicate, "another England row for indicator %s, %s, at %s", v.docID, v.period, bench.loc)
				r.id = "" // accounted for
				continue
			}
			bench = r
		}
		if bench != nil {
			rep.Benchmarks++
			ind.BenchmarkValue = bench.get(colValue)
			if ind.BenchmarkValue == nil {
				im.note("indicator %s: the England row (%s) has no value", v.docID, bench.loc)
			}
			bench.id = "" // used
		} else {
			im.note("indicator %s: no England row for %s; benchmark_value left out", v.docID, describeVariant(v))
		}
		if ind.Polarity == "" {
			ind.Polarity = im.inferPolarity(v, ind.BenchmarkValue)
		}
		seen := map[string]rowLoc{}
		for _, r := range v.rows {
			if !strings.EqualFold(r.period, v.period) {
				im.skip(r.loc, SkipPeriod, "time period %s, older than %s", orUnknown(r.period), orUnknown(v.period))
				continue
			}
			if first, dup := seen[r.code]; dup {
				im.skip(r.loc, SkipDuplicate, "another row for ward %s, indicator %s, %s at %s", r.code, v.docID, orUnknown(v.period), first)
				continue
			}
			val := jsna.Value{
				Indicator:   ind.ID,
				Value:       r.get(colValue),
				Lower:       r.get(colLower95),
				Upper:       r.get(colUpper95),
				Lower998:    r.get(colLower998),
				Upper998:    r.get(colUpper998),
				Count:       r.get(colCount),
				Denominator: r.get(colDenominator),
				Note:        clip(r.note, 500),
			}
			if msg := inconsistency(&val, ind.Method); msg != "" {
				im.skip(r.loc, SkipInconsistent, "%s", msg)
				continue
			}
			seen[r.code] = r.loc
			acc := wards[r.code]
			if acc == nil {
				acc = &wardAcc{w: &jsna.Ward{Code: r.code, Name: clip(orDefault(r.areaName, r.code), 200)}}
				wards[r.code] = acc
			}
			acc.w.Values = append(acc.w.Values, val)
			acc.locs = append(acc.locs, r.loc)
			rep.Imported++
		}
		doc.Indicators = append(doc.Indicators, *ind)
	}
	// England rows not used: other sexes, ages or periods.
	for _, id := range order {
		for _, r := range england[id] {
			if r.id == "" {
				continue
			}
			kind, why := im.englandSkip(r, byID[id])
			im.skip(r.loc, kind, "England row for %s", why)
		}
	}
	sortSkipped(rep.SkippedRows)

	codes := make([]string, 0, len(wards))
	for c := range wards {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	locs := make([][]rowLoc, 0, len(codes))
	for _, c := range codes {
		doc.Wards = append(doc.Wards, *wards[c].w)
		locs = append(locs, wards[c].locs)
	}
	rep.Wards, rep.Indicators = len(doc.Wards), len(doc.Indicators)
	if len(doc.Wards) == 0 {
		return nil, rep, im.fail(rowLoc{}, "no ward rows to import (ward codes start E05, W05 or S13); %d rows skipped: see the report", rep.Rows-rep.Benchmarks)
	}
	im.setArea(doc)
	if err := doc.Validate(); err != nil {
		var e *jsna.Error
		if errors.As(err, &e) {
			e.File = im.name
			for i := range e.Problems {
				if l, ok := valueLoc(e.Problems[i].Path, locs); ok {
					e.Problems[i].Message += " (from " + l.String() + ")"
				}
			}
		}
		return nil, rep, err
	}
	return doc, rep, nil
}

// preferVariants keeps, of an indicator's sexes and ages, Persons and All
// ages where the file has them (unless the options chose), and skips the
// rows of the others.
func (im *importer) preferVariants(vs []*variant) []*variant {
	keep := func(pred func(*variant) bool, kind, why string) {
		var kept []*variant
		for _, v := range vs {
			if pred(v) {
				kept = append(kept, v)
			}
		}
		if len(kept) == 0 || len(kept) == len(vs) {
			return
		}
		for _, v := range vs {
			if pred(v) {
				continue
			}
			for _, r := range v.rows {
				if kind == SkipSex {
					im.skip(r.loc, kind, "sex %s: this indicator is imported for %s", orUnknown(r.sex), why)
				} else {
					im.skip(r.loc, kind, "age %s: this indicator is imported for %s", orUnknown(r.age), why)
				}
			}
		}
		vs = kept
	}
	if im.opts.Sex == "" {
		keep(func(v *variant) bool { return strings.EqualFold(v.sex, "Persons") }, SkipSex, "Persons")
	}
	if im.opts.Age == "" {
		keep(func(v *variant) bool { return strings.EqualFold(v.age, "All ages") }, SkipAge, "All ages")
	}
	return vs
}

// splitVariants gives each of an indicator's remaining sexes or ages an
// indicator of its own.
func (im *importer) splitVariants(vs []*variant) {
	sexes, ages := map[string]bool{}, map[string]bool{}
	for _, v := range vs {
		sexes[strings.ToLower(v.sex)] = true
		ages[strings.ToLower(v.age)] = true
	}
	var ids, labels []string
	for _, v := range vs {
		var parts []string
		if len(sexes) > 1 {
			parts = append(parts, orDefault(v.sex, "no sex"))
		}
		if len(ages) > 1 {
			parts = append(parts, orDefault(v.age, "no age"))
		}
		v.label = strings.Join(parts, ", ")
		v.docID = v.id + "-" + slug(v.label)
		ids = append(ids, v.docID)
		labels = append(labels, v.label)
	}
	im.note("indicator %s is given for %s, not for Persons, All ages: imported as %s", vs[0].id, strings.Join(labels, "; "), strings.Join(ids, ", "))
}

// choosePeriod sets v.period to the latest time period of its rows (or the
// one the options name): by Time period Sortable where every row has one,
// by the period's text otherwise.
func (im *importer) choosePeriod(v *variant) {
	v.bySortable = true
	for _, r := range v.rows {
		if !r.hasSortable {
			v.bySortable = false
			break
		}
	}
	for i, r := range v.rows {
		if i == 0 || (v.bySortable && r.sortable > v.sortable) || (!v.bySortable && comparePeriods(r.period, v.period) > 0) {
			v.period, v.sortable = r.period, r.sortable
		}
	}
}

// comparePeriods orders time periods as text, which for Fingertips' forms
// ("2019", "2016 - 20", "2019/20", "2016/17 - 20/21") is by start year.
func comparePeriods(a, b string) int { return strings.Compare(a, b) }

// englandSkip says why an England row is not an indicator's benchmark.
func (im *importer) englandSkip(r *row, vs []*variant) (kind, why string) {
	for _, v := range vs {
		if strings.EqualFold(v.sex, r.sex) && strings.EqualFold(v.age, r.age) && v.docID != "" {
			return SkipPeriod, fmt.Sprintf("time period %s, not %s as the wards", orUnknown(r.period), orUnknown(v.period))
		}
	}
	for _, v := range vs {
		if strings.EqualFold(v.sex, r.sex) && v.docID != "" {
			return SkipAge, fmt.Sprintf("age %s, which no ward row of indicator %s has", orUnknown(r.age), r.id)
		}
	}
	return SkipSex, fmt.Sprintf("sex %s, age %s, which no ward row of indicator %s has", orUnknown(r.sex), orUnknown(r.age), r.id)
}

func describe(sex, age string) string {
	return orUnknown(sex) + ", " + orUnknown(age)
}

func describeVariant(v *variant) string {
	return describe(v.sex, v.age) + ", " + orUnknown(v.period)
}

// indicator makes the Indicator for v from the built-in table, or as an
// unknown one.
func (im *importer) indicator(v *variant) *jsna.Indicator {
	var ind jsna.Indicator
	name := v.rows[0].name
	if k, ok := jsna.KnownIndicator(v.id); ok {
		ind = k
	} else {
		ind = jsna.Indicator{Method: jsna.MethodOther}
		im.note("indicator %s (%s) is not in the built-in table of Local Health indicators: method %q; check its method and polarity", v.id, orUnknown(name), jsna.MethodOther)
	}
	if name != "" {
		ind.Name = name
	}
	if ind.Name == "" {
		ind.Name = "Indicator " + v.id
	}
	if v.label != "" {
		ind.Name += " (" + v.label + ")"
	}
	ind.ID = v.docID
	ind.Name = clip(ind.Name, 500)
	ind.Period = clip(v.period, 100)
	return &ind
}

// inferPolarity reads an unknown indicator's polarity from the file's
// "Compared to England" column: a row called Better or Worse says which way
// is good, given its value and England's; Higher and Lower only say there is
// no judgement.
func (im *importer) inferPolarity(v *variant, bench *float64) string {
	lower, higher, neutral := 0, 0, 0
	for _, r := range v.rows {
		val := r.get(colValue)
		c := strings.ToLower(r.compared)
		switch {
		case c == "higher" || c == "lower":
			neutral++
		case (c == "better" || c == "worse") && val != nil && bench != nil && *val != *bench:
			if (c == "better") == (*val < *bench) {
				lower++
			} else {
				higher++
			}
		}
	}
	switch {
	case lower > 0 && higher == 0:
		im.note("indicator %s: polarity %s read from the file's %q column", v.docID, jsna.LowerIsBetter, columnNames[colCompared])
		return jsna.LowerIsBetter
	case higher > 0 && lower == 0:
		im.note("indicator %s: polarity %s read from the file's %q column", v.docID, jsna.HigherIsBetter, columnNames[colCompared])
		return jsna.HigherIsBetter
	case neutral > 0 && lower == 0 && higher == 0:
		im.note("indicator %s: polarity %s read from the file's %q column", v.docID, jsna.NoJudgement, columnNames[colCompared])
		return jsna.NoJudgement
	}
	return jsna.NotApplicable
}

// inconsistency returns why v breaks a rule of Validate, or "".
func inconsistency(v *jsna.Value, method string) string {
	num := func(p *float64) float64 { return *p }
	switch {
	case v.Count != nil && *v.Count < 0:
		return fmt.Sprintf("count %v is negative", num(v.Count))
	case v.Denominator != nil && *v.Denominator < 0:
		return fmt.Sprintf("denominator %v is negative", num(v.Denominator))
	case method == jsna.MethodProportion && v.Count != nil && v.Denominator != nil && *v.Count > *v.Denominator:
		return fmt.Sprintf("count %v is more than the denominator %v, which a proportion cannot be", num(v.Count), num(v.Denominator))
	case v.Count != nil && v.Denominator != nil && *v.Denominator == 0 && *v.Count > 0:
		return fmt.Sprintf("denominator is 0 but count is %v", num(v.Count))
	}
	order := []struct {
		lo, hi         *float64
		loName, hiName string
	}{
		{v.Lower, v.Upper, "lower 95% limit", "upper 95% limit"},
		{v.Lower, v.Value, "lower 95% limit", "value"},
		{v.Value, v.Upper, "value", "upper 95% limit"},
		{v.Lower998, v.Upper998, "lower 99.8% limit", "upper 99.8% limit"},
		{v.Lower998, v.Lower, "lower 99.8% limit", "lower 95% limit"},
		{v.Upper, v.Upper998, "upper 95% limit", "upper 99.8% limit"},
	}
	for _, o := range order {
		if o.lo != nil && o.hi != nil && *o.lo > *o.hi {
			return fmt.Sprintf("%s %v is above the %s %v", o.loName, *o.lo, o.hiName, *o.hi)
		}
	}
	return ""
}

// setArea fills the document's area, id and title.
func (im *importer) setArea(d *jsna.Document) {
	parents := map[string]string{}
	var codes []string
	for _, r := range im.rows {
		if r.code == England || r.parentCode == "" {
			continue
		}
		if _, ok := parents[r.parentCode]; !ok {
			parents[r.parentCode] = r.parentName
			codes = append(codes, r.parentCode)
		}
	}
	switch {
	case im.opts.AreaCode != "":
		d.Area = jsna.Area{Code: strings.ToUpper(im.opts.AreaCode), Name: orDefault(im.opts.AreaName, parents[strings.ToUpper(im.opts.AreaCode)])}
		if d.Area.Name == "" {
			d.Area.Name = d.Area.Code
		}
		d.Area.Type = im.types[d.Area.Code]
	case len(codes) == 1 && jsna.IsGSSCode(codes[0]):
		d.Area = jsna.Area{Code: codes[0], Name: orDefault(parents[codes[0]], codes[0]), Type: orDefault(im.types[codes[0]], "local authority")}
	default:
		d.Area = jsna.Area{Code: England, Name: "England", Type: "country"}
		if len(codes) > 1 {
			im.note("the wards are in %d parent areas (%s); the area is set to England: choose one with the area options", len(codes), strings.Join(codes, ", "))
		} else {
			im.note("the wards have no parent area code; the area is set to England: choose one with the area options")
		}
	}
	if im.opts.AreaName != "" {
		d.Area.Name = im.opts.AreaName
	}
	d.Area.Name = clip(d.Area.Name, 200)
	d.Area.Type = clip(d.Area.Type, 100)
	source := "Fingertips"
	if im.report.Source == "ods" {
		source = "OHID Local Health"
	}
	d.ID = orDefault(im.opts.ID, clip(slug(d.Area.Name+" wards "+source), 200))
	d.Title = orDefault(im.opts.Title, clip(d.Area.Name+" ward indicators from "+source, 500))
}

// valueLoc finds the row a problem at wards[i].values[j]... came from.
func valueLoc(path string, locs [][]rowLoc) (rowLoc, bool) {
	var i, j int
	if n, err := fmt.Sscanf(path, "wards[%d].values[%d]", &i, &j); err != nil || n != 2 {
		return rowLoc{}, false
	}
	if i < 0 || i >= len(locs) || j < 0 || j >= len(locs[i]) {
		return rowLoc{}, false
	}
	return locs[i][j], true
}

func sortSkipped(s []SkippedRow) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Sheet != s[j].Sheet {
			return s[i].Sheet < s[j].Sheet
		}
		return s[i].Line < s[j].Line
	})
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// slug makes an identifier of s: lower-case letters and digits, runs of
// anything else turned into one hyphen.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// columnLetters names a spreadsheet column: 0 is A, 25 Z, 26 AA.
func columnLetters(i int) string {
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('A'+(i-1)%26))
	}
	for l, r := 0, len(b)-1; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return string(b)
}

// windows1252ToUTF8 decodes Windows-1252 (Latin-1 with printable characters
// in 0x80-0x9F), the encoding Excel uses for CSV on British Windows.
func windows1252ToUTF8(b []byte) []byte {
	high := [32]rune{
		'€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
		'\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xa0:
			out = utf8.AppendRune(out, high[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

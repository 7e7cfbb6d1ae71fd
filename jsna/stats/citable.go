package stats

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// This file is the CSV side of the statistics, for analysts' pipelines
// (`jsna ci` and `jsna compare`): it reads a table, computes every row and
// writes the result only when the whole input was good, so a bad row
// never leaves half a table behind.

// CSVOptions are the defaults for a CI table: the confidence level and
// multiplier used where a row has no confidence or multiplier cell.
type CSVOptions struct {
	Confidence float64 // 0 means Level95
	Multiplier float64 // 0 means DefaultMultiplier of the method
}

// CSVError is a problem with one cell or row of an input table.
type CSVError struct {
	Line   int    // 1-based line of the input
	Column string // the column's name, "" for the whole row
	Err    error
}

func (e *CSVError) Error() string {
	msg := strings.TrimPrefix(e.Err.Error(), "jsna: ")
	if e.Column == "" {
		return fmt.Sprintf("jsna: line %d: %s", e.Line, msg)
	}
	return fmt.Sprintf("jsna: line %d, column %s: %s", e.Line, e.Column, msg)
}

func (e *CSVError) Unwrap() error { return e.Err }

// unprefixed drops the "jsna: " of an error wrapped inside another.
type unprefixed struct{ err error }

func (u unprefixed) Error() string { return strings.TrimPrefix(u.err.Error(), "jsna: ") }
func (u unprefixed) Unwrap() error { return u.err }

// CITableMethods are the methods WriteCITable accepts, with their input
// columns (required first, then optional) and output columns.
var CITableMethods = []CITableMethod{
	{MethodProportion, []string{"count", "denominator"}, []string{"group", "confidence", "multiplier"}, nil},
	{MethodRate, []string{"count", "denominator"}, []string{"group", "confidence", "multiplier"}, nil},
	{MethodDSR, []string{"group", "count", "denominator", "standard"}, nil, []string{"group", "count", "denominator", "value", "lower", "upper", "note"}},
	{MethodISR, []string{"group", "count", "denominator", "reference_count", "reference_denominator"}, nil, []string{"group", "observed", "expected", "value", "lower", "upper", "note"}},
	{MethodMean, []string{"group", "value"}, nil, []string{"group", "count", "value", "lower", "upper"}},
	{MethodISRate, []string{"group", "count", "denominator", "reference_count", "reference_denominator"}, nil,
		[]string{"group", "observed", "expected", "ref_rate", "value", "lowercl", "uppercl", "note"}},
}

// CITableMethod describes one method's CSV table.
type CITableMethod struct {
	Method   string
	Required []string // input columns that must be present
	Optional []string // input columns that may be present
	// Output is the output's columns; nil means the input's columns
	// followed by value, lower and upper (with a group column: group,
	// count, denominator, value, lower, upper).
	Output []string
}

func ciTableMethod(method string) (CITableMethod, bool) {
	for _, m := range CITableMethods {
		if m.Method == method {
			return m, true
		}
	}
	return CITableMethod{}, false
}

// table is a parsed CSV input: its header and rows, with each row's line.
type table struct {
	header []string
	col    map[string]int
	rows   [][]string
	lines  []int
}

// readTable reads a CSV table with a header row. A UTF-8 byte order mark
// before the header is ignored; header names are trimmed of spaces. It
// checks that the required columns are present, that no column is named
// twice and that no column is one of the reserved output names.
func readTable(r io.Reader, required, reserved []string) (*table, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("jsna: empty input: expected a header row with columns %s", strings.Join(required, ","))
	}
	if err != nil {
		return nil, csvReadError(err)
	}
	t := &table{col: make(map[string]int, len(header))}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		h = strings.TrimSpace(h)
		header[i] = h
		if _, dup := t.col[h]; dup {
			return nil, &CSVError{Line: 1, Column: h, Err: errors.New("column named twice")}
		}
		t.col[h] = i
	}
	t.header = header
	var missing []string
	for _, name := range required {
		if _, ok := t.col[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &CSVError{Line: 1, Err: fmt.Errorf("missing column %s (the input needs columns %s)",
			strings.Join(missing, ", "), strings.Join(required, ","))}
	}
	for _, name := range reserved {
		if _, ok := t.col[name]; ok {
			return nil, &CSVError{Line: 1, Column: name, Err: errors.New("is an output column and cannot be in the input")}
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvReadError(err)
		}
		line, _ := cr.FieldPos(0)
		t.rows = append(t.rows, rec)
		t.lines = append(t.lines, line)
	}
	return t, nil
}

func csvReadError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			msg = "wrong number of fields (every row must have as many as the header)"
		}
		return &CSVError{Line: pe.Line, Err: errors.New(msg)}
	}
	return fmt.Errorf("jsna: reading csv: %w", err)
}

// cell returns row k's cell in the named column, trimmed, and whether the
// column exists.
func (t *table) cell(k int, name string) (string, bool) {
	i, ok := t.col[name]
	if !ok {
		return "", false
	}
	return strings.TrimSpace(t.rows[k][i]), true
}

// number parses row k's cell in the named column, trimmed of spaces. An
// empty cell, or an absent column, is missing: ok is false and err nil. A
// cell of only spaces is not empty but not a number either, and is an
// error like any other non-number.
func (t *table) number(k int, name string) (x float64, ok bool, err error) {
	i, present := t.col[name]
	if !present || t.rows[k][i] == "" {
		return 0, false, nil
	}
	s := strings.TrimSpace(t.rows[k][i])
	x, perr := strconv.ParseFloat(s, 64)
	if s == "" || perr != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		if s == "" {
			s = t.rows[k][i]
		}
		return 0, false, &CSVError{Line: t.lines[k], Column: name, Err: fmt.Errorf("%q is not a number", s)}
	}
	return x, true, nil
}

func (t *table) errorf(k int, column string, err error) error {
	return &CSVError{Line: t.lines[k], Column: column, Err: err}
}

func formatNumber(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// WriteSpreadsheetRow writes one row of an output table, each cell made safe for a
// spreadsheet (SpreadsheetCell). cells is modified. Every CSV table of
// the module that holds text goes through it (jsna/stats, jsna/plan).
func WriteSpreadsheetRow(cw *csv.Writer, cells []string) {
	for i, c := range cells {
		cells[i] = SpreadsheetCell(c)
	}
	cw.Write(cells)
}

// decimalRE matches a decimal number as a spreadsheet reads one: a sign,
// digits with a decimal point, and an exponent, each optional.
// It is compiled on first use, so that a program that never writes a CSV
// table (the browser's viewer) does without package regexp.
var (
	decimalREOnce     sync.Once
	decimalRECompiled *regexp.Regexp
)

func decimalRE() *regexp.Regexp {
	decimalREOnce.Do(func() { decimalRECompiled = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`) })
	return decimalRECompiled
}

// SpreadsheetCell returns c, or, when c is text that a spreadsheet would
// evaluate as a formula, c with a single quote before it (OWASP's rule
// against CSV injection): text that starts with =, +, -, @, a tab or a
// carriage return. A decimal number, such as -1.5 or +2e-3, with or without
// spaces around it, is not text and stays as it is. Every CSV table of
// the module that holds text from a file goes through it.
func SpreadsheetCell(c string) string {
	if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return c
	}
	if decimalRE().MatchString(strings.Trim(c, " ")) {
		return c
	}
	return "'" + c
}

// WriteCITable reads a CSV table of the given method's inputs from r and
// writes the values and confidence intervals to w, as `jsna ci` does:
//
//   - proportion (Wilson) and rate (Byar's / exact): columns count and
//     denominator, optionally confidence and multiplier per row; the output
//     is the input's columns followed by value, lower and upper. With a
//     group column the rows of each group are summed first, as phe_proportion
//     and phe_rate do on grouped data, and the output is one row per group:
//     group, count, denominator, value, lower, upper (a missing cell in any
//     of the group's rows leaves the group empty);
//   - dsr (Dobson, ESP2013 or any standard): one row per age band with
//     columns group, count, denominator and standard; one output row per
//     group: group, count, denominator, value, lower, upper, note. As
//     calculate_dsr does, a missing count is counted as 0 and a missing
//     denominator (or standard) is an error; fewer than 10 events in all
//     leave the value empty;
//   - isr: one row per age band with group, count, denominator,
//     reference_count and reference_denominator; one output row per group:
//     group, observed, expected, value (observed/expected × multiplier),
//     lower, upper, note. As calculate_ISRatio does, a missing count is
//     left out of the observed total, a missing denominator or reference
//     count is 0, and a missing reference denominator leaves expected and
//     the ratio empty;
//   - dsr with an eventfreq column: DSRs of non-independent events, as
//     calculate_dsr with independent_events = FALSE: one row per age band
//     and event frequency with group, ageband, eventfreq, count (the
//     individuals with that many events), denominator and standard
//     (DSRFrequencyCI); the output as for dsr, count being the events;
//   - israte: the isr table's columns; one output row per group: group,
//     observed, expected, ref_rate, value, lowercl, uppercl, note
//     (ISRateCI; multiplier 100,000), missing cells as for isr;
//   - mean (Student's t): group and value; one output row per group:
//     group, count, value, lower, upper.
//
// The note says which of those rules was applied. Groups are written in
// the order they first appear. Otherwise an empty cell is missing, and so
// are the cells computed from it: a row with an empty count or denominator
// gets empty value, lower and upper; a mean ignores empty values. A cell
// of only
// spaces is not empty: in a number column it is an error like any other
// non-number. Numbers are written with full float64 precision (strconv
// 'g', -1). Text cells (the input's, the header's and group names) that
// start with =, +, -, @, a tab or a carriage return are written with a
// single quote before them, so that a spreadsheet opening the output does
// not evaluate them as formulas; numbers, negative ones too, are written as
// numbers.
//
// A malformed table or cell, or a value the method cannot take (a
// negative count, a zero denominator, a count above the denominator of a
// proportion), is an error that names the line and column, and then
// nothing is written.
func WriteCITable(w io.Writer, r io.Reader, method string, opts CSVOptions) error {
	m, ok := ciTableMethod(method)
	if !ok {
		return fmt.Errorf("jsna: no ci method %q (methods: proportion, rate, dsr, isr, israte, mean)", method)
	}
	conf := opts.Confidence
	if conf == 0 {
		conf = Level95
	}
	if _, err := normConfidence(conf); err != nil {
		return err
	}
	mult := opts.Multiplier
	if mult == 0 {
		mult = DefaultMultiplier(method)
	}
	if err := checkMultiplier(mult); err != nil {
		return err
	}
	reserved := m.Output
	if reserved == nil {
		reserved = []string{"value", "lower", "upper"}
	} else {
		reserved = nil // grouped outputs do not echo the input's columns
	}
	t, err := readTable(r, m.Required, reserved)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	switch method {
	case MethodProportion, MethodRate:
		err = writeCrude(cw, t, method, conf, mult)
	case MethodDSR:
		if _, ok := t.col["eventfreq"]; ok {
			err = writeDSRFrequencies(cw, t, conf, mult)
		} else {
			err = writeDSR(cw, t, conf, mult)
		}
	case MethodISRate:
		err = writeISRate(cw, t, conf, mult)
	case MethodISR:
		err = writeISR(cw, t, conf, mult)
	case MethodMean:
		err = writeMean(cw, t, conf)
	}
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// rowLevel returns row k's confidence and multiplier: its own cells, or
// the defaults where they are empty.
func (t *table) rowLevel(k int, conf, mult float64) (float64, float64, error) {
	if x, ok, err := t.number(k, "confidence"); err != nil {
		return 0, 0, err
	} else if ok {
		if _, err := normConfidence(x); err != nil {
			return 0, 0, t.errorf(k, "confidence", err)
		}
		conf = x
	}
	if x, ok, err := t.number(k, "multiplier"); err != nil {
		return 0, 0, err
	} else if ok {
		if err := checkMultiplier(x); err != nil {
			return 0, 0, t.errorf(k, "multiplier", err)
		}
		mult = x
	}
	return conf, mult, nil
}

func writeCrude(cw *csv.Writer, t *table, method string, conf, mult float64) error {
	if _, grouped := t.col["group"]; grouped {
		return writeCrudeGrouped(cw, t, method, conf, mult)
	}
	WriteSpreadsheetRow(cw, append(append([]string(nil), t.header...), "value", "lower", "upper"))
	for k, row := range t.rows {
		rowConf, rowMult, err := t.rowLevel(k, conf, mult)
		if err != nil {
			return err
		}
		count, okC, err := t.number(k, "count")
		if err != nil {
			return err
		}
		den, okD, err := t.number(k, "denominator")
		if err != nil {
			return err
		}
		if okC {
			if err := checkNumber("count", count); err != nil {
				return t.errorf(k, "count", err)
			}
		}
		if okD {
			if err := checkNumber("denominator", den); err != nil {
				return t.errorf(k, "denominator", err)
			}
		}
		out := append([]string(nil), row...)
		if !okC || !okD {
			WriteSpreadsheetRow(cw, append(out, "", "", ""))
			continue
		}
		var iv Interval
		if method == MethodProportion {
			iv, err = ProportionCI(count, den, rowConf, rowMult)
		} else {
			iv, err = RateCI(count, den, rowConf, rowMult)
		}
		if err != nil {
			col := "count"
			if den == 0 {
				col = "denominator"
			}
			return t.errorf(k, col, err)
		}
		WriteSpreadsheetRow(cw, append(out, formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper)))
	}
	return nil
}

// writeCrudeGrouped sums the count and denominator of each group's rows
// first, as phe_proportion and phe_rate do on grouped data, and writes one
// row per group: group, count, denominator, value, lower, upper. As in R's
// sum, a missing count or denominator in any row of a group leaves the
// group's cells empty. The rows of a group must share their confidence
// and multiplier.
func writeCrudeGrouped(cw *csv.Writer, t *table, method string, conf, mult float64) error {
	WriteSpreadsheetRow(cw, []string{"group", "count", "denominator", "value", "lower", "upper"})
	names, rows := t.groups()
	for _, g := range names {
		var count, den float64
		complete := true
		var gConf, gMult float64
		for i, k := range rows[g] {
			c, m, err := t.rowLevel(k, conf, mult)
			if err != nil {
				return err
			}
			if i == 0 {
				gConf, gMult = c, m
			} else if c != gConf || m != gMult {
				return t.errorf(k, "", fmt.Errorf("group %q: rows of one group must share their confidence and multiplier", g))
			}
			for _, col := range []string{"count", "denominator"} {
				x, ok, err := t.bandNumber(k, col)
				if err != nil {
					return err
				}
				complete = complete && ok
				if col == "count" {
					count += x
				} else {
					den += x
				}
			}
		}
		if !complete {
			WriteSpreadsheetRow(cw, []string{g, "", "", "", "", ""})
			continue
		}
		var iv Interval
		var err error
		if method == MethodProportion {
			iv, err = ProportionCI(count, den, gConf, gMult)
		} else {
			iv, err = RateCI(count, den, gConf, gMult)
		}
		if err != nil {
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		WriteSpreadsheetRow(cw, []string{g, formatNumber(count), formatNumber(den), formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper)})
	}
	return nil
}

// groups lists the row indices of each group, in first-appearance order.
func (t *table) groups() (names []string, rows map[string][]int) {
	rows = map[string][]int{}
	for k := range t.rows {
		g, _ := t.cell(k, "group")
		if _, ok := rows[g]; !ok {
			names = append(names, g)
		}
		rows[g] = append(rows[g], k)
	}
	return names, rows
}

func writeMean(cw *csv.Writer, t *table, conf float64) error {
	WriteSpreadsheetRow(cw, []string{"group", "count", "value", "lower", "upper"})
	names, rows := t.groups()
	for _, g := range names {
		var values []float64
		for _, k := range rows[g] {
			v, ok, err := t.number(k, "value")
			if err != nil {
				return err
			}
			if ok {
				values = append(values, v)
			}
		}
		n := formatNumber(float64(len(values)))
		switch len(values) {
		case 0:
			WriteSpreadsheetRow(cw, []string{g, n, "", "", ""})
			continue
		case 1:
			// One value is its own mean, with no interval.
			WriteSpreadsheetRow(cw, []string{g, n, formatNumber(values[0]), "", ""})
			continue
		}
		iv, _, err := MeanCI(values, conf)
		if err != nil {
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		WriteSpreadsheetRow(cw, []string{g, n, formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper)})
	}
	return nil
}

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
	{MethodProportion, []string{"count", "denominator"}, []string{"confidence", "multiplier"}, nil},
	{MethodRate, []string{"count", "denominator"}, []string{"confidence", "multiplier"}, nil},
	{MethodDSR, []string{"group", "count", "denominator", "standard"}, nil, []string{"group", "count", "denominator", "value", "lower", "upper"}},
	{MethodISR, []string{"group", "count", "denominator", "reference_count", "reference_denominator"}, nil, []string{"group", "observed", "expected", "value", "lower", "upper"}},
	{MethodMean, []string{"group", "value"}, nil, []string{"group", "count", "value", "lower", "upper"}},
}

// CITableMethod describes one method's CSV table.
type CITableMethod struct {
	Method   string
	Required []string // input columns that must be present
	Optional []string // input columns that may be present
	// Output is the output's columns; nil means the input's columns
	// followed by value, lower and upper.
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

// writeRow writes one row of an output table, each cell made safe for a
// spreadsheet (spreadsheetCell). cells is modified.
func writeRow(cw *csv.Writer, cells []string) {
	for i, c := range cells {
		cells[i] = spreadsheetCell(c)
	}
	cw.Write(cells)
}

// decimalRE matches a decimal number as a spreadsheet reads one: a sign,
// digits with a decimal point, and an exponent, each optional.
var decimalRE = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

// spreadsheetCell returns c, or, when c is text that a spreadsheet would
// evaluate as a formula, c with a single quote before it (OWASP's rule
// against CSV injection): text that starts with =, +, -, @, a tab or a
// carriage return. A decimal number, such as -1.5 or +2e-3, with or without
// spaces around it, is not text and stays as it is.
func spreadsheetCell(c string) string {
	if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
		return c
	}
	if decimalRE.MatchString(strings.Trim(c, " ")) {
		return c
	}
	return "'" + c
}

// WriteCITable reads a CSV table of the given method's inputs from r and
// writes the values and confidence intervals to w, as `jsna ci` does:
//
//   - proportion (Wilson) and rate (Byar's / exact): columns count and
//     denominator, optionally confidence and multiplier per row; the output
//     is the input's columns followed by value, lower and upper;
//   - dsr (Dobson, ESP2013 or any standard): one row per age band with
//     columns group, count, denominator and standard; one output row per
//     group: group, count, denominator, value, lower, upper;
//   - isr: one row per age band with group, count, denominator,
//     reference_count and reference_denominator; one output row per group:
//     group, observed, expected, value (observed/expected × multiplier),
//     lower, upper;
//   - mean (Student's t): group and value; one output row per group:
//     group, count, value, lower, upper.
//
// Groups are written in the order they first appear. An empty cell is
// missing, and so are the cells computed from it: a row with an empty
// count or denominator gets empty value, lower and upper; a group with a
// missing band gets empty results; a mean ignores empty values. A DSR of
// fewer than 10 events is left empty, as phe_dsr does. A cell of only
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
		return fmt.Errorf("jsna: no ci method %q (methods: proportion, rate, dsr, isr, mean)", method)
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
		err = writeDSR(cw, t, conf, mult)
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

func writeCrude(cw *csv.Writer, t *table, method string, conf, mult float64) error {
	writeRow(cw, append(append([]string(nil), t.header...), "value", "lower", "upper"))
	for k, row := range t.rows {
		rowConf, rowMult := conf, mult
		if x, ok, err := t.number(k, "confidence"); err != nil {
			return err
		} else if ok {
			if _, err := normConfidence(x); err != nil {
				return t.errorf(k, "confidence", err)
			}
			rowConf = x
		}
		if x, ok, err := t.number(k, "multiplier"); err != nil {
			return err
		} else if ok {
			if err := checkMultiplier(x); err != nil {
				return t.errorf(k, "multiplier", err)
			}
			rowMult = x
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
			writeRow(cw, append(out, "", "", ""))
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
		writeRow(cw, append(out, formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper)))
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

func writeDSR(cw *csv.Writer, t *table, conf, mult float64) error {
	writeRow(cw, []string{"group", "count", "denominator", "value", "lower", "upper"})
	names, rows := t.groups()
	for _, g := range names {
		var bands []AgeBand
		complete := true
		var count, den float64
		for _, k := range rows[g] {
			var b AgeBand
			var oks [3]bool
			var err error
			for i, col := range []string{"count", "denominator", "standard"} {
				var x float64
				x, oks[i], err = t.number(k, col)
				if err != nil {
					return err
				}
				if oks[i] {
					if err := checkNumber(col, x); err != nil {
						return t.errorf(k, col, err)
					}
				}
				switch i {
				case 0:
					b.Count = x
				case 1:
					b.Denominator = x
				case 2:
					b.Standard = x
				}
			}
			if !oks[0] || !oks[1] || !oks[2] {
				complete = false
				continue
			}
			if b.Denominator == 0 {
				return t.errorf(k, "denominator", fmt.Errorf("%w (count %v)", ErrZeroDenominator, b.Count))
			}
			count += b.Count
			den += b.Denominator
			bands = append(bands, b)
		}
		if !complete {
			writeRow(cw, []string{g, "", "", "", "", ""})
			continue
		}
		iv, err := DSRCI(bands, conf, mult)
		switch {
		case errors.Is(err, ErrTooFewEvents):
			writeRow(cw, []string{g, formatNumber(count), formatNumber(den), "", "", ""})
			continue
		case err != nil:
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		writeRow(cw, []string{g, formatNumber(count), formatNumber(den), formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper)})
	}
	return nil
}

func writeISR(cw *csv.Writer, t *table, conf, mult float64) error {
	writeRow(cw, []string{"group", "observed", "expected", "value", "lower", "upper"})
	names, rows := t.groups()
	cols := []string{"count", "denominator", "reference_count", "reference_denominator"}
	for _, g := range names {
		var bands []ISRBand
		complete := true
		for _, k := range rows[g] {
			var x [4]float64
			all := true
			for i, col := range cols {
				v, ok, err := t.number(k, col)
				if err != nil {
					return err
				}
				if ok {
					if err := checkNumber(col, v); err != nil {
						return t.errorf(k, col, err)
					}
				}
				x[i] = v
				all = all && ok
			}
			if !all {
				complete = false
				continue
			}
			if x[3] == 0 {
				return t.errorf(k, "reference_denominator", fmt.Errorf("%w (reference count %v)", ErrZeroDenominator, x[2]))
			}
			bands = append(bands, ISRBand{x[0], x[1], x[2], x[3]})
		}
		if !complete {
			writeRow(cw, []string{g, "", "", "", "", ""})
			continue
		}
		r, err := ISRCI(bands, conf, mult)
		if err != nil {
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		writeRow(cw, []string{g, formatNumber(r.Observed), formatNumber(r.Expected), formatNumber(r.Value), formatNumber(r.Lower), formatNumber(r.Upper)})
	}
	return nil
}

func writeMean(cw *csv.Writer, t *table, conf float64) error {
	writeRow(cw, []string{"group", "count", "value", "lower", "upper"})
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
			writeRow(cw, []string{g, n, "", "", ""})
			continue
		case 1:
			// One value is its own mean, with no interval.
			writeRow(cw, []string{g, n, formatNumber(values[0]), "", ""})
			continue
		}
		iv, _, err := MeanCI(values, conf)
		if err != nil {
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		writeRow(cw, []string{g, n, formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper)})
	}
	return nil
}

// WriteComparisonTable reads a CSV table with columns value, lower, upper,
// benchmark and polarity (and optionally lower998 and upper998) from r and
// writes it to w with a comparison column added, as `jsna compare` does:
// Compare's result, "not compared" where the value, an interval end, the
// benchmark or the polarity is empty. A polarity must be one of
// lower-is-better, higher-is-better, no-judgement and not-applicable. On a
// bad cell (a cell of only spaces in a number column is one) nothing is
// written and the error names its line and column. Text cells are written
// safe for spreadsheets, as by WriteCITable.
func WriteComparisonTable(w io.Writer, r io.Reader) error {
	t, err := readTable(r, []string{"value", "lower", "upper", "benchmark", "polarity"}, []string{"comparison"})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	writeRow(cw, append(append([]string(nil), t.header...), "comparison"))
	for k, row := range t.rows {
		var ptrs [6]*float64
		for i, col := range []string{"value", "lower", "upper", "benchmark", "lower998", "upper998"} {
			x, ok, err := t.number(k, col)
			if err != nil {
				return err
			}
			if ok {
				ptrs[i] = &x
			}
		}
		pol, _ := t.cell(k, "polarity")
		switch pol {
		case LowerIsBetter, HigherIsBetter, NoJudgement, NotApplicable, "":
		default:
			return t.errorf(k, "polarity", fmt.Errorf("%q is not a polarity (lower-is-better, higher-is-better, no-judgement, not-applicable)", pol))
		}
		if l, u := ptrs[1], ptrs[2]; l != nil && u != nil && *l > *u {
			return t.errorf(k, "lower", fmt.Errorf("lower %v is above upper %v", *l, *u))
		}
		if l, u := ptrs[4], ptrs[5]; l != nil && u != nil && *l > *u {
			return t.errorf(k, "lower998", fmt.Errorf("lower998 %v is above upper998 %v", *l, *u))
		}
		c := NotCompared
		if ptrs[0] != nil {
			c = Compare(ptrs[1], ptrs[2], ptrs[4], ptrs[5], ptrs[3], pol)
		}
		writeRow(cw, append(append([]string(nil), row...), string(c)))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

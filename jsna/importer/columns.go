package importer

import (
	"math"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

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
	colRecentTrend
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
	colRecentTrend:    "Recent Trend",
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
func (im *importer) cellRef(loc rowLoc, c column) jsna.Text {
	i := im.idx[c]
	if loc.sheet != "" {
		return jsna.Textf("cell %s%d", columnLetters(i), loc.row)
	}
	return jsna.Textf("column %d", i+1)
}

// missingMarks are what spreadsheets and statistical tables put in a cell
// with no number: the cell then has no value rather than a bad one.
var missingMarks = map[string]bool{"": true, "*": true, "-": true, "–": true, "x": true, "X": true, ":": true, "..": true, ".": true, "n/a": true, "N/A": true, "NA": true, "null": true, "NULL": true}

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

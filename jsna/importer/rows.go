package importer

import (
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// rowLoc is where a row is: a CSV line, or a row of an .ods sheet.
type rowLoc struct {
	sheet string
	row   int
}

func (l rowLoc) String() string { return l.text().String() }

// text is where l is, in words.
func (l rowLoc) text() jsna.Text {
	if l.sheet != "" {
		return jsna.Textf("sheet %q row %d", l.sheet, l.row)
	}
	return jsna.Textf("line %d", l.row)
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
	trend                    string // Recent Trend, as published
	area                     bool   // an area that may be the wards' parent (benchmarks.go)
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

// addRow applies the row filters that need no other rows and keeps the row
// if it may become a ward value or a benchmark. A blank row is not counted;
// every other row is either kept or skipped with its reason.
func (im *importer) addRow(loc rowLoc, cells []string) {
	if blankRow(cells) {
		return
	}
	im.report.Rows++
	get := func(c column) string {
		i := im.idx[c]
		if i < 0 || i >= len(cells) {
			return ""
		}
		return strings.TrimSpace(cells[i])
	}
	r := im.readRow(loc, get)
	if !im.keepArea(r) || !im.keepBreakdown(r, get(colCategoryType), get(colCategory)) || !im.readNumbers(r, get) {
		return
	}
	im.rows = append(im.rows, r)
}

// blankRow reports whether every cell is empty or spaces: such a row is
// not data, so it is neither counted nor skipped.
func blankRow(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readRow reads the row's text cells, and records the area type of its area
// code the first time the code has one (setArea uses it for the area).
func (im *importer) readRow(loc rowLoc, get func(column) string) *row {
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
		trend:      get(colRecentTrend),
	}
	if r.code != "" && r.areaType != "" {
		if _, ok := im.types[r.code]; !ok {
			im.types[r.code] = r.areaType
		}
	}
	return r
}

// keepArea decides whether the row's area belongs in the document: England
// (the benchmark), a ward, of the parent area Options.Parent names if it
// names one, or another area with a GSS code, which may be the wards'
// parent (a benchmark beside England). Rows without an indicator ID or
// area code, and rows of other areas, are skipped.
func (im *importer) keepArea(r *row) bool {
	switch {
	case r.id == "":
		im.skip(r.loc, because(ReasonNoIndicator, r, ""), "no indicator ID")
		return false
	case r.code == "":
		im.skip(r.loc, because(ReasonNoArea, r, ""), "no area code")
		return false
	case r.code == England:
	case im.into != nil:
		return im.keepPractice(r)
	case jsna.IsWardCode(r.code):
		if p := im.opts.Parent; p != "" && !strings.EqualFold(p, r.parentCode) && !strings.EqualFold(p, r.parentName) {
			im.skip(r.loc, because(ReasonOtherParent, r, p), "ward %s %s is in %s, not %s", r.code, r.areaName, orUnknown(r.parentName), p)
			return false
		}
	case strings.Contains(strings.ToLower(r.areaType), "ward"):
		im.skip(r.loc, because(ReasonNotWardCode, r, ""), "area code %q is not a ward code (E05, W05 or S13 and 6 digits)", r.code)
		return false
	case jsna.IsGSSCode(r.code):
		// Perhaps the wards' parent, a benchmark beside England: decided
		// once every ward row is read (skipUnusedAreas skips the others).
		r.area = true
	default:
		im.skip(r.loc, im.otherArea(r), "%s (%s, area type %s) is not a ward or England", orUnknown(r.areaName), r.code, orUnknown(r.areaType))
		return false
	}
	return true
}

// keepBreakdown decides whether the row is of the category, sex, age and
// period the options ask for: no category breakdown unless
// Options.Category names one, and the sex, age and period the options name
// where they name one. Choosing among the sexes, ages and periods left
// needs the other rows, and is finish's.
func (im *importer) keepBreakdown(r *row, catType, cat string) bool {
	if want := im.opts.Category; want == "" {
		if catType != "" || cat != "" {
			im.skip(r.loc, because(ReasonCategory, r, joinCategory(catType, cat)), "category breakdown %s", joinCategory(catType, cat))
			return false
		}
	} else if !strings.EqualFold(want, cat) && !strings.EqualFold(want, joinCategory(catType, cat)) {
		im.skip(r.loc, because(ReasonCategory, r, joinCategory(catType, cat)), "category %s, not %s", orUnknown(joinCategory(catType, cat)), want)
		return false
	}
	if want := im.opts.Sex; want != "" && !strings.EqualFold(want, r.sex) {
		im.skip(r.loc, because(ReasonSex, r, want), "sex %s, not %s", orUnknown(r.sex), want)
		return false
	}
	if want := im.opts.Age; want != "" && !strings.EqualFold(want, r.age) {
		im.skip(r.loc, because(ReasonAge, r, want), "age %s, not %s", orUnknown(r.age), want)
		return false
	}
	if want := im.opts.Period; want != "" && !strings.EqualFold(want, r.period) {
		im.skip(r.loc, because(ReasonPeriod, r, want), "time period %s, not %s", orUnknown(r.period), want)
		return false
	}
	return true
}

// readNumbers reads the row's Time period Sortable and numeric columns. A
// cell with a missing mark (missingMarks) has no number; any other cell
// that is not a number skips the whole row, since its numbers may be in
// the wrong columns.
func (im *importer) readNumbers(r *row, get func(column) string) bool {
	if s := get(colPeriodSortable); s != "" {
		f, ok := parseNumber(s)
		if !ok {
			im.skip(r.loc, because(ReasonNumber, r, columnNames[colPeriodSortable]), "%s %q is not a number (%s)", columnNames[colPeriodSortable], s, im.cellRef(r.loc, colPeriodSortable))
			return false
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
			im.skip(r.loc, because(ReasonNumber, r, columnNames[c]), "%s %q is not a number (%s)", columnNames[c], s, im.cellRef(r.loc, c))
			return false
		}
		r.num[c-firstNumeric], r.has[c-firstNumeric] = f, true
	}
	return true
}

// skipRepeat accounts for a copy of the row at first (an .ods row repeated
// by table:number-rows-repeated): it is a duplicate whatever first is.
// cells are the row's, for its indicator.
func (im *importer) skipRepeat(loc, first rowLoc, cells []string) {
	im.report.Rows++
	id := ""
	if i := im.idx[colIndicatorID]; i >= 0 && i < len(cells) {
		id = normalizeID(strings.TrimSpace(cells[i]))
	}
	im.skip(loc, skipWhy{reason: ReasonRepeat, indicator: id}, "repeats %s", first)
}

// otherArea is why r, of an area neither a ward nor England, is skipped:
// another area, by its type. Whether it is the wards' parent area is known
// only once every row is read (parentGroups).
func (im *importer) otherArea(r *row) skipWhy {
	if im.otherAreas == nil {
		im.otherAreas = map[string]map[string]bool{}
	}
	detail := orDefault(r.areaType, "(none)")
	key := r.id + "\x00" + detail
	if im.otherAreas[key] == nil {
		im.otherAreas[key] = map[string]bool{}
	}
	im.otherAreas[key][r.code] = true
	return because(ReasonOtherArea, r, detail)
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

// orUnknown is the cell's text s for a sentence, or emptyCell.
func orUnknown(s string) any {
	if s == "" {
		return emptyCell
	}
	return s
}

// emptyCell stands for an empty cell in the importer's sentences.
var emptyCell = jsna.Textf("(none)")

package importer

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/wardwise/wardwise/jsna"
)

// Lookups from LSOAs to wards
//
// ONS publishes, on the Open Geography Portal, a best-fit lookup from
// Lower layer Super Output Areas (2021) to electoral wards for each year's
// ward boundaries ("LSOA (2021) to Electoral Ward (2025) to LAD (2025)
// Best Fit Lookup in EW"), with the columns
//
//	LSOA21CD, LSOA21NM, LSOA21NMW, WDyyCD, WDyyNM, WDyyNMW, LADyyCD,
//	LADyyNM, LADyyNMW, ObjectId
//
// where yy is the year of the ward boundaries, and the Welsh-name (NMW)
// columns may be absent. Best fit: LSOAs are not split between wards; each
// is given whole to the ward its population-weighted centroid falls in, so
// a ward's LSOAs approximate its area. Only LSOA21CD and WDyyCD are
// required.
//
// For registration files on 2011 LSOAs, ONS's LSOA (2011) to LSOA (2021)
// lookup (LSOA11CD, LSOA11NM, LSOA21CD, LSOA21NM, CHGIND, ...) gives each
// 2011 LSOA the 2021 LSOAs it became: U unchanged, M merged, S split, X
// redrawn.

// WardLookup is a best-fit lookup from LSOA (2021) codes to wards.
type WardLookup struct {
	Name  string // the file it was read from
	Year  string // the ward boundaries' year, "25" for WD25
	Wards []LookupWard
	lsoa  map[string]int32 // LSOA21CD → LSOA index
	ward  []int32          // LSOA index → index in Wards
	at    map[string]int32 // ward code → index in Wards
}

// LookupWard is a ward of a lookup, with its Welsh name when the lookup has
// one, and its local authority district, with its Welsh name likewise.
type LookupWard struct {
	Code, Name, NameCy      string
	LAD, LADName, LADNameCy string
}

// LSOAs is the number of LSOAs the lookup places.
func (l *WardLookup) LSOAs() int { return len(l.lsoa) }

// WardOf returns the ward the LSOA (2021) code is given to, and whether the
// lookup has it.
func (l *WardLookup) WardOf(lsoa string) (LookupWard, bool) {
	i, ok := l.lsoa[lsoa]
	if !ok {
		return LookupWard{}, false
	}
	return l.Wards[l.ward[i]], true
}

// byCode returns the lookup's ward with the code.
func (l *WardLookup) byCode(code string) (LookupWard, bool) {
	i, ok := l.at[code]
	if !ok {
		return LookupWard{}, false
	}
	return l.Wards[i], true
}

// lsoa2ward is the index in Wards of the LSOA of index i.
func (l *WardLookup) lsoa2ward(i int32) int32 { return l.ward[i] }

// nationalLSOAs is how many LSOAs a lookup must place to be taken as
// covering England and Wales (which have 35,672 LSOAs of 2021): then an
// LSOA code it lacks is not of another area but of another vintage.
const nationalLSOAs = 30000

var (
	wardColRE = regexp.MustCompile(`^wd([0-9]{2})(cd|nm|nmw)$`)
	lsoaRE    = regexp.MustCompile(`^[EW]01[0-9]{6}$`)
)

// IsLSOACode reports whether s is an LSOA code of England (E01) or Wales
// (W01): the letter, 01 and six digits.
func IsLSOACode(s string) bool { return len(s) == 9 && lsoaRE.MatchString(s) }

// lookupHeader finds the columns of a lookup's header: index by folded
// name (headerKey), and the year of the ward columns.
func lookupHeader(name string, cells [][]byte) (map[string]int, string, error) {
	cols := map[string]int{}
	year := ""
	for i, c := range cells {
		k := headerKey(string(c))
		if _, dup := cols[k]; !dup {
			cols[k] = i
		}
		if m := wardColRE.FindStringSubmatch(k); m != nil {
			if year != "" && m[1] != year {
				return nil, "", lookupError(name, 1, "the ward columns are of two years, WD%s and WD%s", year, m[1])
			}
			year = m[1]
		}
	}
	if _, ok := cols["lsoa21cd"]; !ok {
		if _, old := cols["lsoa11cd"]; old {
			return nil, "", lookupError(name, 1, "this lookup is of 2011 LSOAs (LSOA11CD); registrations need the LSOA (2021) to ward lookup (LSOA21CD, WDyyCD, ...)")
		}
		return nil, "", lookupError(name, 1, "not an LSOA (2021) to ward lookup: no column LSOA21CD (the ONS lookup starts LSOA21CD,LSOA21NM,...,WDyyCD,WDyyNM,...)")
	}
	if year == "" {
		return nil, "", lookupError(name, 1, "not an LSOA (2021) to ward lookup: no ward code column WDyyCD (like WD25CD)")
	}
	return cols, year, nil
}

func lookupError(name string, line int, format string, args ...any) error {
	return lookupErrorAt(name, line, 1, format, args...)
}

func lookupErrorAt(name string, line, col int, format string, args ...any) error {
	return &jsna.Error{File: name, Problems: []jsna.Problem{{Line: line, Column: col, Message: fmt.Sprintf(format, args...)}}}
}

// ReadWardLookup reads an ONS LSOA (2021) to ward best-fit lookup CSV
// from r. name is used in messages. An LSOA listed twice, or a code that
// is not an LSOA or ward code, is an error naming the line and column.
func ReadWardLookup(name string, r io.Reader) (*WardLookup, error) {
	data, err := readCSVData(name, r)
	if err != nil {
		return nil, err
	}
	sc := newCSVScanner(data)
	head, _, err := sc.next()
	if err != nil {
		return nil, csvProblem(name, err)
	}
	if head == nil {
		return nil, lookupError(name, 0, "file is empty")
	}
	cols, year, err := lookupHeader(name, head)
	if err != nil {
		return nil, err
	}
	l := &WardLookup{Name: name, Year: year, lsoa: map[string]int32{}, at: map[string]int32{}}
	wardAt := l.at
	get := func(rec [][]byte, k string) string {
		if i, ok := cols[k]; ok && i < len(rec) {
			return strings.TrimSpace(string(rec[i]))
		}
		return ""
	}
	wd, lad := "wd"+year, "lad"+year
	for {
		rec, line, err := sc.next()
		if err != nil {
			return nil, csvProblem(name, err)
		}
		if rec == nil {
			break
		}
		lsoa, ward := strings.ToUpper(get(rec, "lsoa21cd")), strings.ToUpper(get(rec, wd+"cd"))
		if lsoa == "" && ward == "" {
			continue
		}
		switch {
		case !IsLSOACode(lsoa):
			return nil, lookupErrorAt(name, line, cols["lsoa21cd"]+1, "%q is not an LSOA code (E01 or W01 and 6 digits)", lsoa)
		case !jsna.IsWardCode(ward):
			return nil, lookupErrorAt(name, line, cols[wd+"cd"]+1, "%q is not a ward code (E05, W05 or S13 and 6 digits)", ward)
		}
		if _, dup := l.lsoa[lsoa]; dup {
			return nil, lookupError(name, line, "LSOA %s is listed twice", lsoa)
		}
		i, ok := wardAt[ward]
		if !ok {
			i = int32(len(l.Wards))
			wardAt[ward] = i
			l.Wards = append(l.Wards, LookupWard{Code: ward, Name: get(rec, wd+"nm"), NameCy: get(rec, wd+"nmw"),
				LAD: strings.ToUpper(get(rec, lad+"cd")), LADName: get(rec, lad+"nm"), LADNameCy: get(rec, lad+"nmw")})
		}
		l.lsoa[lsoa] = int32(len(l.ward))
		l.ward = append(l.ward, i)
	}
	if len(l.lsoa) == 0 {
		return nil, lookupError(name, 0, "no data rows after the header")
	}
	return l, nil
}

// WelshNames gives d's wards and area the Welsh names l has for them
// (WDyyNMW, and LADyyNMW for an area that is one of l's districts) where
// d has none, keeping every Welsh name d has: one typed in the document is
// not overwritten by the lookup's. It returns how many names it gave.
// Names longer than the format allows (200 characters) are cut.
func (l *WardLookup) WelshNames(d *jsna.Document) int {
	n := 0
	for i := range d.Wards {
		w := &d.Wards[i]
		if lw, ok := l.byCode(w.Code); ok && w.NameCy == "" && lw.NameCy != "" {
			w.NameCy = clip(lw.NameCy, 200)
			n++
		}
	}
	if d.Area.NameCy != "" {
		return n
	}
	for _, lw := range l.Wards {
		if lw.LAD == d.Area.Code && lw.LADNameCy != "" {
			d.Area.NameCy = clip(lw.LADNameCy, 200)
			return n + 1
		}
	}
	return n
}

// LSOA11Lookup gives each LSOA of 2011 the LSOAs of 2021 it became.
type LSOA11Lookup struct {
	Name string
	to   map[string][]string
}

// ReadLSOA11Lookup reads ONS's LSOA (2011) to LSOA (2021) lookup CSV
// (columns LSOA11CD and LSOA21CD; one row per pair, so a split 2011 LSOA
// has a row for each of its 2021 parts).
func ReadLSOA11Lookup(name string, r io.Reader) (*LSOA11Lookup, error) {
	data, err := readCSVData(name, r)
	if err != nil {
		return nil, err
	}
	sc := newCSVScanner(data)
	head, _, err := sc.next()
	if err != nil {
		return nil, csvProblem(name, err)
	}
	from, to := -1, -1
	for i, c := range head {
		switch headerKey(string(c)) {
		case "lsoa11cd":
			from = i
		case "lsoa21cd":
			to = i
		}
	}
	if from < 0 || to < 0 {
		return nil, lookupError(name, 1, "not an LSOA (2011) to LSOA (2021) lookup: it needs the columns LSOA11CD and LSOA21CD")
	}
	l := &LSOA11Lookup{Name: name, to: map[string][]string{}}
	for {
		rec, line, err := sc.next()
		if err != nil {
			return nil, csvProblem(name, err)
		}
		if rec == nil {
			break
		}
		if max(from, to) >= len(rec) {
			return nil, lookupError(name, line, "row has %d fields, fewer than the header's columns", len(rec))
		}
		a, b := strings.ToUpper(strings.TrimSpace(string(rec[from]))), strings.ToUpper(strings.TrimSpace(string(rec[to])))
		if !IsLSOACode(a) || !IsLSOACode(b) {
			return nil, lookupError(name, line, "%q → %q: both must be LSOA codes (E01 or W01 and 6 digits)", a, b)
		}
		l.to[a] = append(l.to[a], b)
	}
	if len(l.to) == 0 {
		return nil, lookupError(name, 0, "no data rows after the header")
	}
	return l, nil
}

// readCSVData reads a whole CSV file of at most MaxImportBytes, as UTF-8
// (Windows-1252 if it is not).
func readCSVData(name string, r io.Reader) ([]byte, error) {
	data, err := readAllSized(r, MaxImportBytes+1)
	if err != nil {
		return nil, fmt.Errorf("jsna: read %s: %w", name, err)
	}
	if len(data) > MaxImportBytes {
		return nil, lookupError(name, 0, "file is larger than the %s the importer reads", jsna.ByteSize(MaxImportBytes))
	}
	if !utf8.Valid(data) {
		data = windows1252ToUTF8(data)
	}
	return data, nil
}

// csvProblem turns a csvScanner error into an *Error naming the file.
func csvProblem(name string, err error) error {
	if ce, ok := err.(*csvError); ok {
		return &jsna.Error{File: name, Problems: []jsna.Problem{{Line: ce.line, Column: ce.column, Message: "not valid CSV: " + ce.msg}}}
	}
	return fmt.Errorf("jsna: read %s: %w", name, err)
}

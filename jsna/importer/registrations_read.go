package importer

import (
	"bytes"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// Registrations reads an NHS England "Patients Registered at a GP
// Practice" LSOA file from r and returns a copy of doc with the practices
// serving doc's wards: every practice with at least one patient living in
// an LSOA that lookup gives to one of doc's wards, with its whole list
// size (all LSOAs), its patients of unknown LSOA, and its patients in each
// of doc's wards. Rows of other areas count only towards the list sizes of
// those practices; practices with no patient in the wards are left out.
// A practice doc already has is updated (name, counts, publication) and
// keeps its values; practices doc has that the file lacks are kept, with
// a note.
//
// A file on 2011 LSOAs (a header naming LSOA_2011_CODE, or, with a lookup
// covering England and Wales, LSOA codes the lookup lacks) is refused
// unless opts.LSOA11 maps them to 2021 LSOAs; a 2011 LSOA split into
// several 2021 LSOAs has its patients shared equally between them, the
// remainder to the first, in the lookup's order.
//
// The report accounts for every row and is returned even with an error.
// The error is an *Error naming the file, line and column: bad CSV,
// missing columns, a number that is not a count, a second row for the
// same practice and LSOA, two extracts in one file.
func Registrations(name string, r io.Reader, lookup *WardLookup, doc *jsna.Document, opts RegistrationOptions) (*jsna.Document, *RegistrationReport, error) {
	im := &registrations{name: name, lookup: lookup, opts: opts, doc: doc,
		rep: &RegistrationReport{File: name, Source: "nhs-gp-registrations-lsoa", Lookup: lookup.Name, WardYear: lookup.Year,
			BestFit: BestFitNote, Skipped: map[string]int{}},
		practices: map[string]*practiceAcc{}, seen: map[[2]int32]int{}, codes: map[string]int32{}}
	if opts.LSOA11 != nil {
		im.rep.LSOA11 = opts.LSOA11.Name
	}
	im.mapWards()
	data, err := readCSVData(name, r)
	if err != nil {
		return nil, im.rep, err
	}
	err = im.read(newCSVScanner(data))
	im.rep.Groups = im.groups.sorted()
	if err != nil {
		return nil, im.rep, err
	}
	if err := im.checkVintage(); err != nil {
		return nil, im.rep, err
	}
	out := im.finish()
	if err := out.Validate(); err != nil {
		if e, ok := err.(*jsna.Error); ok {
			e.File = name
		}
		return nil, im.rep, err
	}
	return out, im.rep, nil
}

// mapWards gives each of the lookup's wards its index among doc's wards,
// and notes doc's wards the lookup does not have.
func (im *registrations) mapWards() {
	at := make(map[string]int32, len(im.doc.Wards))
	for i, w := range im.doc.Wards {
		at[w.Code] = int32(i)
	}
	im.docWard = make([]int32, len(im.lookup.Wards))
	found := map[string]bool{}
	for i, w := range im.lookup.Wards {
		im.docWard[i] = -1
		if j, ok := at[w.Code]; ok {
			im.docWard[i] = j
			found[w.Code] = true
		}
	}
	var absent []string
	for _, w := range im.doc.Wards {
		if !found[w.Code] {
			absent = append(absent, w.Code)
		}
	}
	if len(absent) > 0 {
		im.note("%d of the document's wards are not in the lookup (wards of another year than 20%s?), so no patients are counted there: %s", len(absent), im.lookup.Year, clipList(absent, 10))
	}
}

// clipList is the first n of s, and "and N more" for the rest, as a list
// a front end words (listOf).
func clipList(s []string, n int) any {
	if len(s) > n {
		return jsna.Textf("%s, %s", strings.Join(s[:n], ", "), jsna.Textf("and %d more", len(s)-n))
	}
	return strings.Join(s, ", ")
}

// listOf is items separated by commas: the item itself where there is
// one, else a Text of the first and the list of the rest, so that items
// that are Texts are worded too.
func listOf(items []any) any {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return jsna.Textf("%s, %s", items[0], listOf(items[1:]))
}

func (im *registrations) note(format string, args ...any) {
	t := jsna.Textf(format, args...)
	im.rep.Notes = append(im.rep.Notes, t.String())
	im.rep.NoteTexts = append(im.rep.NoteTexts, t)
}

// failAt is the error of a problem at a line and column of the file.
func (im *registrations) failAt(line, col int, format string, args ...any) error {
	t := jsna.Textf(format, args...)
	return &jsna.Error{File: im.name, Problems: []jsna.Problem{{Line: line, Column: col, Message: t.String(), Text: t}}}
}

// read reads the header and every row.
func (im *registrations) read(sc *csvScanner) error {
	head, _, err := sc.next()
	if err != nil {
		return csvProblem(im.name, err)
	}
	if head == nil {
		return im.failAt(0, 0, "file is empty")
	}
	if err := im.setHeader(head); err != nil {
		return err
	}
	for {
		rec, line, err := sc.next()
		if err != nil {
			return csvProblem(im.name, err)
		}
		if rec == nil {
			break
		}
		if len(rec) == 1 && len(strings.TrimSpace(string(rec[0]))) == 0 {
			continue // a blank line
		}
		if err := im.row(rec, line); err != nil {
			return err
		}
	}
	if im.rep.Rows == 0 {
		return im.failAt(0, 0, "no data rows after the header")
	}
	if im.rep.Counted == 0 {
		return im.failAt(0, 0, "no rows with SEX ALL: the LSOA file to import is the one of all patients (gp-reg-pat-prac-lsoa-all.csv), whose rows have SEX ALL")
	}
	return nil
}

func (im *registrations) setHeader(cells [][]byte) error {
	for i := range im.idx {
		im.idx[i] = -1
	}
	for i, c := range cells {
		k := headerKey(string(c))
		if col, ok := regColumnKeys[k]; ok && im.idx[col] < 0 {
			im.idx[col] = i
			im.header[col] = strings.TrimSpace(string(c))
			if k == "lsoa2011code" || k == "lsoa11cd" {
				im.lsoa11 = true
			}
		}
	}
	var missing []string
	for _, c := range []int{regPracticeCode, regLSOA, regSex, regPatients} {
		if im.idx[c] < 0 {
			missing = append(missing, regColumnNames[c])
		}
	}
	if len(missing) > 0 {
		return im.failAt(1, 1, "not a GP registrations LSOA file: no column %s (the NHS England file starts PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS)", strings.Join(missing, ", "))
	}
	if im.lsoa11 && im.opts.LSOA11 == nil {
		return im.failAt(1, im.idx[regLSOA]+1, "the file is on 2011 LSOAs (column %s) and the ward lookup on 2021 LSOAs: give the ONS LSOA (2011) to LSOA (2021) lookup, or import the publication's file on 2021 LSOAs", string(cells[im.idx[regLSOA]]))
	}
	im.width = len(cells)
	return nil
}

// row counts one data row.
func (im *registrations) row(rec [][]byte, line int) error {
	im.rep.Rows++
	if len(rec) != im.width {
		return im.failAt(line, 1, "row has %d fields but the header has %d (shifted or missing columns?)", len(rec), im.width)
	}
	sex := rec[im.idx[regSex]]
	if !isAll(sex) {
		if s := bytes.TrimSpace(sex); !bytes.EqualFold(s, []byte("MALE")) && !bytes.EqualFold(s, []byte("FEMALE")) {
			return im.failAt(line, im.idx[regSex]+1, "SEX %q is not ALL, MALE or FEMALE", strings.ToUpper(string(s)))
		}
		im.rep.Skipped[SkipSexBreakdown]++
		im.groups.add(ReasonSexBreakdown, "", "", line)
		return nil
	}
	n, ok := parseCount(rec[im.idx[regPatients]])
	if !ok {
		return im.failAt(line, im.idx[regPatients]+1, "%s %q is not a count of patients (a whole number, 0 or more)", im.header[regPatients], rec[im.idx[regPatients]])
	}
	if err := im.release(rec, line); err != nil {
		return err
	}
	// The map lookups with string(b) do not allocate: a million rows
	// allocate only for what is new.
	p := im.practices[string(bytes.TrimSpace(rec[im.idx[regPracticeCode]]))]
	if p == nil {
		code := strings.ToUpper(strings.TrimSpace(string(rec[im.idx[regPracticeCode]])))
		if !jsna.IsPracticeCode(code) {
			return im.failAt(line, im.idx[regPracticeCode]+1, "%q is not a practice code (an ODS code like A81001)", code)
		}
		p = im.practice(code, rec)
	}
	im.rep.Counted++
	p.list += n
	lsoa := bytes.TrimSpace(rec[im.idx[regLSOA]])
	if i, ok := im.lookup.lsoa[string(lsoa)]; ok && !im.lsoa11 {
		if err := im.once(p, -1-i, lsoa, line); err != nil {
			return err
		}
		im.count(p, i, n)
		return nil
	}
	return im.place(p, string(lsoa), n, line)
}

// isAll reports whether the SEX cell is ALL, without allocating.
func isAll(b []byte) bool {
	return len(b) == 3 && (b[0]|0x20) == 'a' && (b[1]|0x20) == 'l' && (b[2]|0x20) == 'l'
}

// parseCount reads a count of patients: digits, or digits and ".0" from a
// spreadsheet.
func parseCount(b []byte) (int, bool) {
	if len(b) > 2 && b[len(b)-2] == '.' && b[len(b)-1] == '0' {
		b = b[:len(b)-2]
	}
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// practice returns the practice code's accumulator, made at its first row.
func (im *registrations) practice(code string, rec [][]byte) *practiceAcc {
	p := im.practices[code]
	if p == nil {
		name := ""
		if i := im.idx[regPracticeName]; i >= 0 {
			name = strings.TrimSpace(string(rec[i]))
		}
		p = &practiceAcc{n: int32(len(im.order)), name: name}
		im.practices[code] = p
		im.order = append(im.order, code)
	}
	return p
}

// release checks that the row is of the same publication and extract as
// the first.
func (im *registrations) release(rec [][]byte, line int) error {
	check := func(col int, have *string, what string) error {
		i := im.idx[col]
		if i < 0 {
			return nil
		}
		v := rec[i]
		if *have == "" {
			*have = strings.TrimSpace(string(v))
			return nil
		}
		if string(v) != *have && strings.TrimSpace(string(v)) != *have {
			return im.failAt(line, i+1, "%s %q differs from the file's first, %q: one file, one extract", what, v, *have)
		}
		return nil
	}
	if err := check(regPublication, &im.rep.Publication, regColumnNames[regPublication]); err != nil {
		return err
	}
	if im.rep.ExtractDate == "" && im.idx[regExtractDate] >= 0 {
		raw := strings.TrimSpace(string(rec[im.idx[regExtractDate]]))
		d, ok := parseExtractDate(raw)
		if !ok {
			return im.failAt(line, im.idx[regExtractDate]+1, "EXTRACT_DATE %q is not a date (like 01Oct2025, 01-OCT-2025 or 2025-10-01)", raw)
		}
		im.rep.ExtractDate, im.extractRaw = d, raw
		return nil
	}
	return check(regExtractDate, &im.extractRaw, regColumnNames[regExtractDate])
}

// extractLayouts are the ways the publications have written EXTRACT_DATE.
var extractLayouts = []string{"02Jan2006", "02-Jan-2006", "2-Jan-2006", "02 Jan 2006", "2 Jan 2006", "2006-01-02", "02/01/2006", "2/1/2006", "20060102"}

// parseExtractDate reads an extract date as an ISO 8601 date.
func parseExtractDate(s string) (string, bool) {
	t := s
	if len(t) >= 5 { // "01OCT2025": the month as time parses it
		t = strings.ToUpper(t[:1]) + strings.ToLower(t[1:])
		for i := 0; i+3 <= len(t); i++ {
			if t[i] >= 'a' && t[i] <= 'z' && i > 0 && (t[i-1] < 'a' || t[i-1] > 'z') {
				t = t[:i] + strings.ToUpper(t[i:i+1]) + t[i+1:]
			}
		}
	}
	for _, l := range extractLayouts {
		if d, err := time.Parse(l, t); err == nil {
			return d.Format("2006-01-02"), true
		}
	}
	return "", false
}

// place counts n patients of p living in the LSOA code: in a ward of the
// document, elsewhere, or of unknown LSOA.
func (im *registrations) place(p *practiceAcc, code string, n, line int) error {
	if !IsLSOACode(code) {
		code = strings.ToUpper(code)
	}
	if !IsLSOACode(code) {
		if err := im.once(p, im.intern(code), []byte(code), line); err != nil {
			return err
		}
		p.unknown += n
		return nil
	}
	if im.lsoa11 || im.opts.LSOA11 != nil && !im.inLookup(code) {
		return im.place2011(p, code, n, line)
	}
	i, ok := im.lookup.lsoa[code]
	if !ok {
		im.notInLookup(code, line)
		return im.once(p, im.intern(code), []byte(code), line)
	}
	if err := im.once(p, -1-i, []byte(code), line); err != nil {
		return err
	}
	im.count(p, i, n)
	return nil
}

func (im *registrations) inLookup(code string) bool {
	_, ok := im.lookup.lsoa[code]
	return ok
}

// count adds n patients of p to the lookup ward i, if it is the document's.
func (im *registrations) count(p *practiceAcc, i int32, n int) {
	w := im.docWard[im.lookup.lsoa2ward(i)]
	if w < 0 {
		return
	}
	if p.inWards == nil {
		p.inWards = make([]int, len(im.doc.Wards))
	}
	p.inWards[w] += n
}

// place2011 counts the patients of a 2011 LSOA in the 2021 LSOAs it became.
func (im *registrations) place2011(p *practiceAcc, code string, n, line int) error {
	if err := im.once(p, im.intern("2011:"+code), []byte(code), line); err != nil {
		return err
	}
	to := im.opts.LSOA11.to[code]
	if len(to) == 0 {
		im.notInLookup(code, line)
		return nil
	}
	share, rest := n/len(to), n%len(to)
	for k, c := range to {
		m := share
		if k < rest {
			m++
		}
		if i, ok := im.lookup.lsoa[c]; ok {
			im.count(p, i, m)
		} else {
			im.notInLookup(c, line)
		}
	}
	return nil
}

// intern gives a code the lookup lacks an index of its own (0, 1, ...),
// for telling rows apart.
func (im *registrations) intern(code string) int32 {
	i, ok := im.codes[code]
	if !ok {
		i = int32(len(im.codes))
		im.codes[code] = i
	}
	return i
}

// once refuses a second row for the same practice and LSOA (lsoa is the
// lookup's index as −1−i, or an interned code's index).
func (im *registrations) once(p *practiceAcc, lsoa int32, code []byte, line int) error {
	k := [2]int32{p.n, lsoa}
	if first, dup := im.seen[k]; dup {
		return im.failAt(line, im.idx[regLSOA]+1, "a second SEX=ALL row for practice %s and LSOA %s (the first at line %d)", im.order[p.n], code, first)
	}
	im.seen[k] = line
	return nil
}

func (im *registrations) notInLookup(code string, line int) {
	if _, ok := im.codes["miss:"+code]; ok {
		return
	}
	im.codes["miss:"+code] = 0
	im.rep.NotInLookup++
	if len(im.missing) < 5 {
		im.missing = append(im.missing, missingLSOA{code, line})
	}
}

// checkVintage refuses a file whose LSOA codes a lookup of all England and
// Wales lacks: they are 2011 LSOAs (or the lookup is of another vintage).
func (im *registrations) checkVintage() error {
	if im.rep.NotInLookup == 0 {
		return nil
	}
	ex := make([]any, len(im.missing))
	for i, m := range im.missing {
		ex[i] = jsna.Textf("%s (line %d)", m.code, m.line)
	}
	if im.lookup.LSOAs() >= nationalLSOAs && im.opts.LSOA11 == nil {
		return im.failAt(im.missing[0].line, im.idx[regLSOA]+1, "%d LSOA codes are not in the LSOA (2021) lookup %s, which covers England and Wales, such as %s: the file is on 2011 LSOAs (older publications); give the ONS LSOA (2011) to LSOA (2021) lookup, or import the publication's file on 2021 LSOAs",
			im.rep.NotInLookup, im.lookup.Name, listOf(ex))
	}
	im.note("%d LSOA codes are not in the lookup, such as %s: their patients count in the practices' list sizes as living outside the document's wards", im.rep.NotInLookup, listOf(ex))
	return nil
}

// finish makes the copy of the document with the practices.
func (im *registrations) finish() *jsna.Document {
	out := im.doc.Clone()
	at := make(map[string]int, len(out.Practices))
	for i, p := range out.Practices {
		at[p.ID] = i
	}
	im.rep.PracticesRead = len(im.order)
	updated := map[string]bool{}
	for _, code := range im.order {
		acc := im.practices[code]
		if acc.inWards == nil {
			continue
		}
		p := im.practiceOf(code, acc)
		im.rep.Practices++
		im.rep.PatientsInWards += p.InWards()
		im.rep.Unknown += p.Unknown
		if i, ok := at[code]; ok {
			p.Values, p.Extra, p.Synthetic = out.Practices[i].Values, out.Practices[i].Extra, false
			out.Practices[i] = p
		} else {
			out.Practices = append(out.Practices, p)
		}
		updated[code] = true
	}
	if n := im.lookup.WelshNames(out); n > 0 {
		im.note("Welsh names taken from the lookup (%s): %d", im.lookup.Name, n)
	}
	var kept []string
	for _, p := range out.Practices {
		if !updated[p.ID] {
			kept = append(kept, p.ID)
		}
	}
	if len(kept) > 0 {
		im.note("%d practices of the document are not in the file and were kept as they were: %s", len(kept), clipList(kept, 10))
	}
	sort.SliceStable(out.Practices, func(i, j int) bool { return out.Practices[i].ID < out.Practices[j].ID })
	return out
}

// practiceOf makes the Practice of an accumulator.
func (im *registrations) practiceOf(code string, acc *practiceAcc) jsna.Practice {
	p := jsna.Practice{ID: code, Name: clip(orDefault(acc.name, code), 200), ListSize: acc.list, Unknown: acc.unknown,
		Publication: clip(im.rep.Publication, 100), ExtractDate: im.rep.ExtractDate, Lookup: clip(lookupLabel(im.lookup), 200)}
	for i, n := range acc.inWards {
		if n == 0 {
			continue
		}
		pw := jsna.PracticeWard{Code: im.doc.Wards[i].Code, Patients: n}
		if lw, ok := im.lookup.byCode(pw.Code); ok {
			pw.NameCy = clip(lw.NameCy, 200)
		}
		p.Wards = append(p.Wards, pw)
	}
	return p
}

// lookupLabel names a lookup in a practice record: its file's base name
// and the year of its wards.
func lookupLabel(l *WardLookup) string {
	base := l.Name
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	return base + " (best fit, wards of 20" + l.Year + ")"
}

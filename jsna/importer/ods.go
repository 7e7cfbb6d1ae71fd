package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Limits on OpenDocument spreadsheets, against zip bombs and the million
// empty rows spreadsheets write at the end of a sheet.
const (
	// MaxODSContentBytes is the largest content.xml ODS reads,
	// counted as it is decompressed, whatever the zip header claims.
	MaxODSContentBytes = 512 << 20
	// MaxODSColumns and MaxODSRows are the largest sheet, LibreOffice's:
	// a cell with content past them is an error, empty ones are ignored.
	MaxODSColumns = 16384
	MaxODSRows    = 1 << 20
	// MaxODSCellBytes is the most text one cell may hold.
	MaxODSCellBytes = 64 << 10
	// headerSearchRows is how far down a sheet the header row may be, below
	// a title block.
	headerSearchRows = 100
)

// OpenDocument namespaces (OpenDocument 1.2, part 1).
const (
	nsOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
	nsTable  = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
	nsText   = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
)

// ODS reads an OpenDocument spreadsheet (.ods) such as OHID's Local
// Health ward data download and imports it as Fingertips does a CSV
// file: the sheet it reads has a header row with the Fingertips column names
// ("Indicator ID", "Area Code", "Value", ...; found within the first 100
// rows, below any title block) and a row for each indicator, area and
// period. The first sheet with such a header is read, or opts.Sheet; other
// sheets (notes, metadata) are ignored. Skipped rows and errors name the
// sheet, row and column as the spreadsheet shows them.
//
// An .ods file is a zip archive whose sheets are in content.xml. Numbers
// are read from the cells' office:value, at full precision rather than as
// displayed; a percentage cell (office:value 0.123, shown 12.3%) reads as
// 12.3, as it is shown. A flat OpenDocument file (.fods, plain XML) is read
// too. Against zip bombs content.xml is read only up to MaxODSContentBytes;
// repeated rows and cells are expanded only where they hold data.
func ODS(name string, r io.ReaderAt, size int64, opts Options) (*jsna.Document, *Report, error) {
	im := newImporter(name, "ods", opts)
	content, closeContent, err := openODSContent(name, r, size)
	if err != nil {
		return nil, im.report, err
	}
	defer closeContent()
	s := &odsScanner{im: im, want: opts.Sheet}
	if err := s.scan(&capReader{r: content, n: MaxODSContentBytes}); err != nil {
		if errors.Is(err, errODSTooBig) {
			return nil, im.report, im.fail(rowLoc{}, "content.xml is larger than the %s this version reads (a zip bomb?)", jsna.ByteSize(MaxODSContentBytes))
		}
		var je *jsna.Error
		if errors.As(err, &je) {
			return nil, im.report, je
		}
		var oe *odsError
		if errors.As(err, &oe) {
			return nil, im.report, im.fail(rowLoc{}, oe.msg.Format, oe.msg.Args...)
		}
		if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) {
			return nil, im.report, im.fail(rowLoc{}, "content.xml is damaged or inflates to more than its header says (a zip bomb?): %v", err)
		}
		return nil, im.report, im.fail(rowLoc{}, "content.xml is not a readable OpenDocument spreadsheet: %v", err)
	}
	if s.found == "" {
		var names []string
		for _, n := range s.sheets {
			names = append(names, strconv.Quote(n))
		}
		switch {
		case opts.Sheet != "" && !s.sawWanted:
			return nil, im.report, im.fail(rowLoc{}, "no sheet named %q (sheets: %s)", opts.Sheet, strings.Join(names, ", "))
		case len(names) == 0:
			return nil, im.report, im.fail(rowLoc{}, "the spreadsheet has no sheets")
		}
		return nil, im.report, im.fail(rowLoc{}, "no sheet has a Fingertips header row with the columns \"Indicator ID\", \"Area Code\" and \"Value\" in its first %d rows (sheets: %s)", headerSearchRows, strings.Join(names, ", "))
	}
	im.report.Sheet = s.found
	for _, n := range s.sheets {
		if n != s.found && (opts.Sheet == "" || n != opts.Sheet) {
			im.note("sheet %q not read", n)
		}
	}
	return im.finish()
}

// openODSContent finds content.xml in the archive, or the whole file if it
// is a flat OpenDocument file.
func openODSContent(name string, r io.ReaderAt, size int64) (io.Reader, func(), error) {
	fail := func(format string, a ...any) (io.Reader, func(), error) {
		t := jsna.Textf(format, a...)
		return nil, nil, &jsna.Error{File: name, Problems: []jsna.Problem{{Message: t.String(), Text: t}}}
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		head := make([]byte, min(size, 512))
		n, _ := r.ReadAt(head, 0)
		head = bytes.TrimSpace(bytes.TrimPrefix(head[:n], []byte("\xef\xbb\xbf")))
		if bytes.HasPrefix(head, []byte("<")) {
			return io.NewSectionReader(r, 0, size), func() {}, nil
		}
		if size == 0 {
			return fail("file is empty")
		}
		return fail("not an OpenDocument spreadsheet: not a zip archive (%v)", err)
	}
	var content *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "content.xml":
			content = f
		case "xl/workbook.xml":
			return fail("is an Excel workbook (.xlsx), not an OpenDocument spreadsheet: save it as .ods or export it as CSV")
		case "mimetype":
			if mt := readSmall(f, 200); mt != "" && !strings.HasPrefix(mt, "application/vnd.oasis.opendocument.spreadsheet") {
				return fail("is an OpenDocument file of type %q, not a spreadsheet", mt)
			}
		}
	}
	if content == nil {
		return fail("not an OpenDocument spreadsheet: the archive has no content.xml")
	}
	if content.UncompressedSize64 > MaxODSContentBytes {
		return fail("content.xml is %s uncompressed, more than the %s this version reads", jsna.ByteSize(int(min(content.UncompressedSize64, 1<<40))), jsna.ByteSize(MaxODSContentBytes))
	}
	rc, err := content.Open()
	if err != nil {
		return fail("cannot open content.xml: %v", err)
	}
	return rc, func() { rc.Close() }, nil
}

func readSmall(f *zip.File, max int64) string {
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, max))
	return strings.TrimSpace(string(b))
}

var errODSTooBig = errors.New("content.xml too big")

// capReader reads at most n bytes from r and fails, rather than ending
// quietly, if there are more: a zip entry's stated size may lie.
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		var one [1]byte
		if n, _ := c.r.Read(one[:]); n > 0 {
			return 0, errODSTooBig
		}
		return 0, io.EOF
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	return n, err
}

// odsError is a problem with the spreadsheet's structure, said for people.
type odsError struct{ msg jsna.Text }

func (e *odsError) Error() string { return e.msg.String() }

// odsScanner streams content.xml, finds the header row and feeds the data
// rows after it to the importer, one row at a time.
type odsScanner struct {
	im        *importer
	want      string   // the sheet to read, or "" for the first with a header
	sheets    []string // names of the sheets seen
	sawWanted bool
	found     string // the sheet whose header was found

	sheet      string
	skipSheet  bool
	row        int // rows of the sheet so far (1-based number of the last one)
	headerRow  bool
	cells      []string // the current row's cells, up to its last non-empty one
	emptyCells int      // empty cells seen after the last non-empty one
	text       strings.Builder
}

func (s *odsScanner) scan(r io.Reader) error {
	dec := xml.NewDecoder(r)
	tableDepth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsTable && t.Name.Local == "table":
				if tableDepth > 0 {
					// A table inside a cell: not part of the sheet's grid.
					if err := dec.Skip(); err != nil {
						return err
					}
					continue
				}
				tableDepth++
				s.startSheet(attr(t, nsTable, "name"))
			case tableDepth == 0 || s.skipSheet:
			case t.Name.Space == nsTable && t.Name.Local == "table-row":
				n, err := repeatAttr(t, "number-rows-repeated", s.sheet, s.row+1)
				if err != nil {
					return err
				}
				if err := s.readRow(dec, n); err != nil {
					return err
				}
			}
		case xml.EndElement:
			if t.Name.Space == nsTable && t.Name.Local == "table" && tableDepth > 0 {
				tableDepth--
				if s.found != "" && s.sheet == s.found {
					return nil // the data sheet is read: ignore the rest
				}
			}
		}
	}
}

func (s *odsScanner) startSheet(name string) {
	if name == "" {
		name = fmt.Sprintf("Sheet%d", len(s.sheets)+1)
	}
	s.sheets = append(s.sheets, name)
	s.sheet, s.row, s.headerRow = name, 0, false
	s.skipSheet = s.found != "" || (s.want != "" && name != s.want)
	if s.want != "" && name == s.want {
		s.sawWanted = true
	}
}

// readRow reads one table:table-row (its start tag already read) repeated n
// times.
func (s *odsScanner) readRow(dec *xml.Decoder, n int) error {
	s.cells, s.emptyCells = s.cells[:0], 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == nsTable && (t.Name.Local == "table-cell" || t.Name.Local == "covered-table-cell") {
				if err := s.readCell(dec, t); err != nil {
					return err
				}
				continue
			}
			if err := dec.Skip(); err != nil {
				return err
			}
		case xml.EndElement:
			return s.endRow(n)
		}
	}
}

// endRow hands the row to the importer, n times.
func (s *odsScanner) endRow(n int) error {
	first := s.row + 1
	if len(s.cells) == 0 {
		// Empty rows, often a million of them repeated to the sheet's
		// end, are counted, never expanded.
		s.row += min(n, MaxODSRows)
		return nil
	}
	if s.row+n > MaxODSRows {
		return &odsError{jsna.Textf("sheet %q row %d: more than %d rows with content", s.sheet, first, MaxODSRows)}
	}
	s.row += n
	loc := rowLoc{sheet: s.sheet, row: first}
	if !s.headerRow {
		if first > headerSearchRows {
			if s.want != "" {
				return &odsError{jsna.Textf("sheet %q has no Fingertips header row with the columns \"Indicator ID\", \"Area Code\" and \"Value\" in its first %d rows", s.sheet, headerSearchRows)}
			}
			s.skipSheet = true
			return nil
		}
		missing := s.im.setHeader(s.cells)
		if len(missing) == 0 {
			s.headerRow = true
			s.found = s.sheet
			return nil
		}
		if s.want != "" && looksLikeHeader(s.cells) {
			return s.im.missingColumns(loc, missing)
		}
		return nil
	}
	s.im.addRow(loc, s.cells)
	for i := 1; i < n; i++ {
		s.im.skipRepeat(rowLoc{sheet: s.sheet, row: first + i}, loc, s.cells)
	}
	return nil
}

// looksLikeHeader reports whether a row has some Fingertips column names.
func looksLikeHeader(cells []string) bool {
	n := 0
	for _, c := range cells {
		if _, ok := columnByKey[headerKey(c)]; ok {
			n++
		}
	}
	return n >= 3
}

// readCell reads one cell (its start tag already read) and adds it to the
// row as many times as it is repeated.
func (s *odsScanner) readCell(dec *xml.Decoder, start xml.StartElement) error {
	col := len(s.cells) + s.emptyCells + 1
	n, err := repeatAttr(start, "number-columns-repeated", s.sheet, s.row+1)
	if err != nil {
		return err
	}
	value, fromAttr := cellValue(start)
	s.text.Reset()
	paragraphs := 0
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err == io.EOF {
				return io.ErrUnexpectedEOF
			}
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case t.Name.Space == nsOffice && t.Name.Local == "annotation":
				// A comment on the cell, not its content.
				if err := dec.Skip(); err != nil {
					return err
				}
				continue
			case t.Name.Space == nsText && (t.Name.Local == "p" || t.Name.Local == "h") && depth == 0:
				if paragraphs > 0 {
					s.text.WriteByte('\n')
				}
				paragraphs++
			case t.Name.Space == nsText && t.Name.Local == "s":
				c, _ := strconv.Atoi(attr(t, nsText, "c"))
				s.text.WriteString(strings.Repeat(" ", max(1, min(c, 1000))))
			case t.Name.Space == nsText && t.Name.Local == "tab":
				s.text.WriteByte('\t')
			case t.Name.Space == nsText && t.Name.Local == "line-break":
				s.text.WriteByte('\n')
			}
			depth++
		case xml.EndElement:
			if depth == 0 {
				if !fromAttr {
					value = s.text.String()
				}
				return s.addCell(value, n, col)
			}
			depth--
		case xml.CharData:
			if paragraphs > 0 && !fromAttr {
				s.text.Write(t)
			}
		}
		if s.text.Len() > MaxODSCellBytes {
			return &odsError{jsna.Textf("sheet %q cell %s%d holds more than %s of text", s.sheet, columnLetters(col-1), s.row+1, jsna.ByteSize(MaxODSCellBytes))}
		}
	}
}

// addCell adds a cell's value n times. Empty cells are only counted until
// a cell with content follows, so the thousands of empty cells repeated to
// a row's end cost nothing.
func (s *odsScanner) addCell(v string, n, col int) error {
	if strings.TrimSpace(v) == "" {
		s.emptyCells = min(s.emptyCells+n, MaxODSColumns)
		return nil
	}
	if len(s.cells)+s.emptyCells+n > MaxODSColumns {
		return &odsError{jsna.Textf("sheet %q row %d: content beyond column %d (cell %s)", s.sheet, s.row+1, MaxODSColumns, columnLetters(min(col, MaxODSColumns+1)-1))}
	}
	for ; s.emptyCells > 0; s.emptyCells-- {
		s.cells = append(s.cells, "")
	}
	for range n {
		s.cells = append(s.cells, v)
	}
	return nil
}

// cellValue returns a cell's value from its attributes where the value type
// keeps it there (numbers, dates, booleans), and whether it did.
func cellValue(t xml.StartElement) (string, bool) {
	switch attr(t, nsOffice, "value-type") {
	case "float", "currency":
		if v := attr(t, nsOffice, "value"); v != "" {
			return v, true
		}
	case "percentage":
		if v := attr(t, nsOffice, "value"); v != "" {
			return shiftDecimal(v, 2), true
		}
	case "date":
		if v := attr(t, nsOffice, "date-value"); v != "" {
			return v, true
		}
	case "time":
		if v := attr(t, nsOffice, "time-value"); v != "" {
			return v, true
		}
	case "boolean":
		if v := attr(t, nsOffice, "boolean-value"); v != "" {
			return v, true
		}
	case "string":
		if v := attr(t, nsOffice, "string-value"); v != "" {
			return v, true
		}
	}
	return "", false
}

// shiftDecimal multiplies the decimal number s by 10^k by moving its point,
// so that 0.123 becomes exactly 12.3; a number it cannot shift as text is
// returned unchanged, to be refused as a number later if it is not one.
func shiftDecimal(s string, k int) string {
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Trim(digits, "0123456789.") != "" || strings.Count(digits, ".") > 1 {
		if f, ok := parseNumber(s); ok {
			return strconv.FormatFloat(f*100, 'g', -1, 64)
		}
		return s
	}
	intPart, frac, _ := strings.Cut(digits, ".")
	for range k {
		if frac == "" {
			intPart += "0"
		} else {
			intPart, frac = intPart+frac[:1], frac[1:]
		}
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func attr(t xml.StartElement, space, local string) string {
	for _, a := range t.Attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// repeatAttr reads table:number-rows-repeated or -columns-repeated: 1 when
// absent, an error when not a positive whole number.
func repeatAttr(t xml.StartElement, local, sheet string, row int) (int, error) {
	v := attr(t, nsTable, local)
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, &odsError{jsna.Textf("sheet %q row %d: table:%s %q is not a positive whole number", sheet, row, local, v)}
	}
	return n, nil
}

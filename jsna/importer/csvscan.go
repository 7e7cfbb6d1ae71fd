package importer

import (
	"bytes"
	"fmt"
)

// csvScanner reads the records of a CSV file held in memory, as RFC 4180
// has them: fields separated by commas, lines ended by LF or CRLF, a field
// in double quotes holding commas, line ends and doubled quotes. It is the
// registrations importer's reader: a full England LSOA file is about a
// million lines, and unquoted fields are returned as slices of the data,
// without copying, which encoding/csv cannot do.
type csvScanner struct {
	data   []byte
	pos    int
	line   int // the line the next record starts on, from 1
	fields [][]byte
	buf    []byte // unquoted copies of quoted fields, reused
}

func newCSVScanner(data []byte) *csvScanner {
	return &csvScanner{data: bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), line: 1}
}

// csvError is a problem with the file's quoting, at a line and column.
type csvError struct {
	line, column int
	msg          string
}

func (e *csvError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.line, e.column, e.msg)
}

// next returns the next record and the line it starts on; nil at the end
// of the data. The fields are valid until the next call.
func (s *csvScanner) next() ([][]byte, int, error) {
	if s.pos >= len(s.data) {
		return nil, 0, nil
	}
	start := s.line
	s.fields, s.buf = s.fields[:0], s.buf[:0]
	end := bytes.IndexByte(s.data[s.pos:], '\n')
	var rec []byte
	if end < 0 {
		rec = s.data[s.pos:]
	} else {
		rec = s.data[s.pos : s.pos+end]
	}
	if bytes.IndexByte(rec, '"') < 0 {
		s.pos += len(rec) + 1
		s.line++
		rec = bytes.TrimSuffix(rec, []byte("\r"))
		for {
			i := bytes.IndexByte(rec, ',')
			if i < 0 {
				s.fields = append(s.fields, rec)
				return s.fields, start, nil
			}
			s.fields = append(s.fields, rec[:i])
			rec = rec[i+1:]
		}
	}
	return s.quoted(start)
}

// quoted reads a record that has a double quote somewhere, field by field.
// Quoted fields are unquoted into buf, and the slices taken once the
// record is read (buf may move while it grows).
func (s *csvScanner) quoted(start int) ([][]byte, int, error) {
	type span struct {
		inBuf    bool
		from, to int
	}
	var spans []span
	d := s.data
	i := s.pos
	col := 1
	for {
		if i < len(d) && d[i] == '"' {
			from := len(s.buf)
			i++
			col++
			for {
				if i >= len(d) {
					return nil, 0, &csvError{start, col, "a quoted field is not closed before the end of the file"}
				}
				c := d[i]
				if c == '"' {
					if i+1 < len(d) && d[i+1] == '"' {
						s.buf = append(s.buf, '"')
						i += 2
						col += 2
						continue
					}
					i++
					col++
					break
				}
				if c == '\n' {
					s.line++
					col = 0
				}
				s.buf = append(s.buf, c)
				i++
				col++
			}
			spans = append(spans, span{inBuf: true, from: from, to: len(s.buf)})
			if i < len(d) && d[i] == '\r' && i+1 < len(d) && d[i+1] == '\n' {
				i++
			}
			if i < len(d) && d[i] != ',' && d[i] != '\n' {
				return nil, 0, &csvError{s.line, col, fmt.Sprintf("unexpected %q after a closing quote (a quote inside a field must be doubled)", d[i])}
			}
		} else {
			from := i
			for i < len(d) && d[i] != ',' && d[i] != '\n' {
				if d[i] == '"' {
					return nil, 0, &csvError{s.line, col, "a quote inside an unquoted field (quote the field and double the quote)"}
				}
				i++
				col++
			}
			to := i
			if to > from && d[to-1] == '\r' && (to == len(d) || d[to] == '\n') {
				to--
			}
			spans = append(spans, span{from: from, to: to})
		}
		if i >= len(d) || d[i] == '\n' {
			break
		}
		i++ // the comma
		col++
	}
	s.pos = i + 1
	s.line++
	for _, sp := range spans {
		if sp.inBuf {
			s.fields = append(s.fields, s.buf[sp.from:sp.to])
		} else {
			s.fields = append(s.fields, d[sp.from:sp.to])
		}
	}
	return s.fields, start, nil
}

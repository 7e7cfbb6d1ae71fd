package jsna

import "github.com/tidwall/gjson"

// scanner reads JSON from data in one pass, a token at a time, checking
// the syntax as it goes by the grammar gjson.Valid checks (RFC 8259, with
// no check of UTF-8, which the readers make first), and the nesting
// against MaxDepth. It yields positions, not values: the decoder turns
// the tokens it needs into Go values and skips the rest, so that each
// byte of a document is looked at once.
//
// A syntax error, or nesting deeper than MaxDepth, stops the scan with a
// panic of errSyntax, which the reader recovers; it then makes the checks
// of syntax.go to say what is wrong and where, so that the messages are
// those of the checks alone.
type scanner struct {
	data  []byte
	pos   int
	depth int
}

// syntaxStop is the panic value that stops a scan at invalid input.
type syntaxStop struct{}

var errSyntax = syntaxStop{}

// catchSyntax recovers a scan stopped by errSyntax and sets *ok to
// false; any other panic goes on.
func catchSyntax(ok *bool) {
	if r := recover(); r != nil {
		if _, stop := r.(syntaxStop); !stop {
			panic(r)
		}
		*ok = false
	}
}

func (s *scanner) fail() { panic(errSyntax) }

// next skips white space and returns the byte that starts the next token,
// or 0 at the end of data.
func (s *scanner) next() byte {
	if s.pos < len(s.data) && s.data[s.pos] > ' ' {
		return s.data[s.pos] // most often: no space to skip
	}
	return s.space()
}

// space is next where there is white space to skip.
func (s *scanner) space() byte {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c
		}
	}
	return 0
}

// expect consumes c, the next token, or stops the scan.
func (s *scanner) expect(c byte) {
	if s.next() != c {
		s.fail()
	}
	s.pos++
}

// enter and leave count the nesting of arrays and objects.
func (s *scanner) enter() {
	s.depth++
	if s.depth > MaxDepth {
		s.fail()
	}
}

func (s *scanner) leave() { s.depth-- }

// more is called after each member of an object or element of an array
// (or, with first set, after its opening bracket): it reports whether
// another follows, consuming the comma, or consumes the closing bracket.
func (s *scanner) more(end byte, first bool) bool {
	c := s.next()
	switch {
	case c == end:
		s.pos++
		return false
	case first:
		return true
	case c == ',':
		s.pos++
		if first = s.next() == end; first {
			s.fail() // a trailing comma
		}
		return true
	}
	s.fail()
	return false
}

// key reads an object's member name and the colon after it. It returns
// the name's bytes without the quotes, where it starts (at its opening
// quote) and whether it holds escapes.
func (s *scanner) key() (name []byte, at int, esc bool) {
	if s.next() != '"' {
		s.fail()
	}
	at = s.pos
	start, end, esc := s.str()
	s.expect(':')
	return s.data[start+1 : end-1], at, esc
}

// str reads a string at s.pos, its opening quote, and returns where it
// starts and ends (quotes included) and whether it holds escapes.
func (s *scanner) str() (start, end int, esc bool) {
	data := s.data
	start = s.pos
	i := start + 1
	for ; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return start, i + 1, esc
		case c == '\\':
			esc = true
			i++
			if i == len(data) {
				s.fail()
			}
			switch data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(data) || !isHex(data[i+1]) || !isHex(data[i+2]) || !isHex(data[i+3]) || !isHex(data[i+4]) {
					s.fail()
				}
				i += 4
			default:
				s.fail()
			}
		case c < ' ':
			s.fail()
		}
	}
	s.fail()
	return
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// number reads a number at s.pos and returns its bytes.
func (s *scanner) number() []byte {
	raw, _, _ := s.numberValue()
	return raw
}

// numberValue reads a number at s.pos and returns its bytes and, where it
// is simple, its value: at most 15 digits and no exponent, so that the
// digits form an integer a float64 holds exactly and one division by an
// exact power of ten rounds correctly (Clinger's fast path, which
// strconv.ParseFloat takes for them too). Numbers like 12.345 or -3, most
// of those files hold, are read and converted in one pass over them.
func (s *scanner) numberValue() (raw []byte, f float64, simple bool) {
	data := s.data
	start := s.pos
	i := start
	neg := i < len(data) && data[i] == '-'
	if neg {
		i++
	}
	var m uint64 // the digits, which overflow only when not simple
	n := 1       // digits before the point
	if i < len(data) && data[i] == '0' {
		i++
	} else {
		j := i
		for i < len(data) && isDigit(data[i]) {
			m = m*10 + uint64(data[i]-'0')
			i++
		}
		if n = i - j; n == 0 {
			s.fail()
		}
	}
	frac := 0
	if i < len(data) && data[i] == '.' {
		i++
		j := i
		for i < len(data) && isDigit(data[i]) {
			m = m*10 + uint64(data[i]-'0')
			i++
		}
		if frac = i - j; frac == 0 {
			s.fail()
		}
	}
	exp := i < len(data) && (data[i] == 'e' || data[i] == 'E')
	if exp {
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		j := i
		for i < len(data) && isDigit(data[i]) {
			i++
		}
		if i == j {
			s.fail()
		}
	}
	s.pos = i
	raw = data[start:i]
	if exp || n+frac > 15 {
		return raw, 0, false
	}
	f = float64(m)
	if frac > 0 {
		f /= exactPow10[frac]
	}
	if neg {
		f = -f
	}
	return raw, f, true
}

// exactPow10 are the powers of ten a float64 holds exactly.
var exactPow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
	1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// literal reads true, false or null, whichever word is at s.pos.
func (s *scanner) literal(word string) {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		s.fail()
	}
	s.pos += len(word)
}

// skip reads any value and returns where it starts.
func (s *scanner) skip() int {
	c := s.next()
	start := s.pos
	switch {
	case c == '{':
		s.pos++
		s.enter()
		for first := true; s.more('}', first); first = false {
			s.key()
			s.skip()
		}
		s.leave()
	case c == '[':
		s.pos++
		s.enter()
		for first := true; s.more(']', first); first = false {
			s.skip()
		}
		s.leave()
	case c == '"':
		s.str()
	case c == '-' || c >= '0' && c <= '9':
		s.number()
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	default:
		s.fail()
	}
	return start
}

// result is the value at data[start:s.pos] as gjson parses it, with its
// Index, for the messages about a member of the wrong type and for the
// canonical form of unknown members.
func (s *scanner) result(start int) gjson.Result {
	r := gjson.Parse(string(s.data[start:s.pos]))
	r.Index = start
	return r
}

// valid reports whether data is one JSON value, surrounded by nothing but
// white space, and nested no deeper than MaxDepth.
func valid(data []byte) (ok bool) {
	defer catchSyntax(&ok)
	s := scanner{data: data}
	s.skip()
	return s.next() == 0 && s.pos == len(data)
}

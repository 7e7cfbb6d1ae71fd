package pretty

// Wardwise's change to pretty v1.2.0 (used by gjson's @pretty modifier):
// parsestr unescapes a key with unquote below rather than json.Unmarshal,
// so that a program that links gjson does not link encoding/json's decoder
// (about 76 KiB of brotli in Wardwise's browser viewer). unquote follows
// encoding/json's rules: s must be one JSON string, with nothing but
// white space after it; invalid UTF-8 and unpaired surrogates become
// U+FFFD; anything else gives "", false, as json.Unmarshal left str.

import (
	"unicode/utf16"
	"unicode/utf8"
)

func unquote(s []byte) (string, bool) {
	if len(s) < 2 || s[0] != '"' {
		return "", false
	}
	out := make([]byte, 0, len(s))
	i := 1
	for {
		if i >= len(s) {
			return "", false
		}
		c := s[i]
		switch {
		case c == '"':
			for _, c := range s[i+1:] {
				if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
					return "", false
				}
			}
			return string(out), true
		case c < ' ':
			return "", false
		case c == '\\':
			if i+1 >= len(s) {
				return "", false
			}
			i++
			switch s[i] {
			case '"', '\\', '/':
				out = append(out, s[i])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r := hex4(s[i+1:])
				if r < 0 {
					return "", false
				}
				i += 4
				if utf16.IsSurrogate(r) {
					r2 := rune(-1)
					if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
						r2 = hex4(s[i+3:])
					}
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				}
				out = utf8.AppendRune(out, r)
			default:
				return "", false
			}
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(s[i:])
			out = utf8.AppendRune(out, r)
			i += n
		}
	}
}

// hex4 reads four hex digits, or gives -1.
func hex4(s []byte) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

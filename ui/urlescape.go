//go:build js && wasm

package ui

import "strings"

// The address's escaping, as net/url does it, byte for byte (urlescape_test
// checks it against net/url): the viewer's files do not import net/url,
// whose init (through net/netip and unique) the viewer would carry for
// three small functions.

// unreserved reports whether c is one of RFC 3986's unreserved characters,
// which are never escaped.
func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// inPathSegment reports whether c stands as it is in a path segment:
// unreserved, or reserved but not / ; , ? (url.PathEscape's rule).
func inPathSegment(c byte) bool {
	switch c {
	case '$', '&', '+', ':', '=', '@':
		return true
	}
	return unreserved(c)
}

// escapeBytes is s with every byte for which keep is false written as %XX
// (upper-case hex).
func escapeBytes(s string, keep func(byte) bool) string {
	const hex = "0123456789ABCDEF"
	i := 0
	for i < len(s) && keep(s[i]) {
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if keep(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// pathEscape is url.PathEscape: s escaped to stand as one segment of a path.
func pathEscape(s string) string { return escapeBytes(s, inPathSegment) }

// queryEscape is url.QueryEscape with a space as %20 rather than +, as a
// mailto: address's query wants.
func queryEscape(s string) string { return escapeBytes(s, unreserved) }

// pathUnescape is url.PathUnescape: each %XX as its byte (a + stays a +);
// false when a % is not followed by two hexadecimal digits.
func pathUnescape(s string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
			return "", false
		}
		b.WriteByte(byte(unhex(s[i+1])<<4 | unhex(s[i+2])))
		i += 2
	}
	return b.String(), true
}

// unhex is the value of the hexadecimal digit c, or -1.
func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

package importer

import (
	"unicode/utf8"
)

// windows1252ToUTF8 decodes Windows-1252 (Latin-1 with printable characters
// in 0x80-0x9F), the encoding Excel uses for CSV on British Windows.
func windows1252ToUTF8(b []byte) []byte {
	high := [32]rune{
		'€', '\ufffd', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\ufffd', 'Ž', '\ufffd',
		'\ufffd', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\ufffd', 'ž', 'Ÿ',
	}
	out := make([]byte, 0, len(b)+len(b)/8)
	for _, c := range b {
		switch {
		case c < 0x80:
			out = append(out, c)
		case c < 0xa0:
			out = utf8.AppendRune(out, high[c-0x80])
		default:
			out = utf8.AppendRune(out, rune(c))
		}
	}
	return out
}

package jsna

import "strings"

// The forms of codes and ids are matched by hand rather than with regular
// expressions, so that a program that only decodes and shows documents
// (the browser's viewer, tag wardwise_viewer) does without package regexp
// (some 70 KB of its module, brotli). codes_test.go checks each against the
// regular expression it replaces.

// IsWardCode reports whether s is an electoral ward code: E05 (England),
// W05 (Wales) or S13 (Scotland) and six digits (^(E05|W05|S13)[0-9]{6}$).
func IsWardCode(s string) bool {
	return len(s) == 9 && (s[:3] == "E05" || s[:3] == "W05" || s[:3] == "S13") && allDigits(s[3:])
}

// IsGSSCode reports whether s is a GSS area code: a country letter and
// eight digits, like E09000033 or E92000001 (^[EWSNK][0-9]{8}$).
func IsGSSCode(s string) bool {
	return len(s) == 9 && strings.IndexByte("EWSNK", s[0]) >= 0 && allDigits(s[1:])
}

// allDigits reports whether s is all ASCII digits (true for "").
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// allLowerHex reports whether s is all lower-case hexadecimal digits
// ([0-9a-f]*).
func allLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && (s[i] < 'a' || s[i] > 'f') {
			return false
		}
	}
	return true
}

// isSaveID reports whether s is a save id: save: and 64 lower-case hex
// digits (^save:[0-9a-f]{64}$).
func isSaveID(s string) bool {
	return len(s) == 69 && strings.HasPrefix(s, "save:") && allLowerHex(s[5:])
}

// isConfirmation reports whether s has the form of a translation's
// confirmation, Confirmation's "en:" and 12 hex digits, " cy:" and 12
// (^en:[0-9a-f]{12} cy:[0-9a-f]{12}$).
func isConfirmation(s string) bool {
	return len(s) == 31 && s[:3] == "en:" && allLowerHex(s[3:15]) && s[15:19] == " cy:" && allLowerHex(s[19:])
}

// periodParts splits a period of the Fingertips forms — runs of digits
// separated by "/" or "-" with optional ASCII white space (\s) around each
// separator — into its digit runs and separators. ok is false for
// anything else (letters, empty runs, white space inside a run).
func periodParts(s string) (runs []string, seps []byte, ok bool) {
	i := 0
	for {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i {
			return nil, nil, false
		}
		runs = append(runs, s[i:j])
		if j == len(s) {
			return runs, seps, true
		}
		j = skipSpace(s, j)
		if j == len(s) || s[j] != '/' && s[j] != '-' {
			return nil, nil, false
		}
		seps = append(seps, s[j])
		i = skipSpace(s, j+1)
	}
}

// skipSpace is the index of the first byte at or after i that is not
// white space as regexp's \s means it ([\t\n\f\r ]).
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}

// periodShape reports whether digit runs and separators from periodParts
// have the form of pattern: "4" a run of 4 digits, "y" of 2 or 4, and "/" or
// "-" a separator.
func periodShape(runs []string, seps []byte, pattern string) bool {
	var want []byte
	k := 0
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '/', '-':
			want = append(want, c)
		default:
			if k >= len(runs) || c == '4' && len(runs[k]) != 4 || c == 'y' && len(runs[k]) != 2 && len(runs[k]) != 4 {
				return false
			}
			k++
		}
	}
	return k == len(runs) && string(want) == string(seps)
}

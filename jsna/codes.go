package jsna

import "regexp"

// Ward codes are GSS codes: E05 (England), W05 (Wales) or S13 (Scotland)
// followed by six digits. Other GSS codes are a letter and eight digits.
var (
	wardCodeRE = regexp.MustCompile(`^(E05|W05|S13)[0-9]{6}$`)
	gssCodeRE  = regexp.MustCompile(`^[EWSNK][0-9]{8}$`)
)

// IsWardCode reports whether s is an electoral ward code: E05 (England),
// W05 (Wales) or S13 (Scotland) and six digits.
func IsWardCode(s string) bool { return wardCodeRE.MatchString(s) }

// IsGSSCode reports whether s is a GSS area code: a country letter and
// eight digits, like E09000033 or E92000001.
func IsGSSCode(s string) bool { return gssCodeRE.MatchString(s) }

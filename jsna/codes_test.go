package jsna

import (
	"regexp"
	"strings"
	"testing"
)

// The hand-written matchers of codes.go against the regular expressions
// they replace (the ones jsna used before): every input of a list of
// near misses, and their variants with a byte changed, must get the same
// answer from both.
func TestCodesMatchTheirRegexps(t *testing.T) {
	hex64 := strings.Repeat("0123456789abcdef", 4)
	seeds := []string{"", "E05000001", "W05000123", "S13002999", "E0500000", "E050000011", "E06000001", "e05000001",
		"E09000033", "E92000001", "N99999999", "K02000001", "X09000033", "E0900003a",
		"A81001", "W12345", "Y02625", "a81001", "A8100", "A810011", "A8100!",
		"save:" + hex64, "save:" + strings.ToUpper(hex64), "save:" + hex64[:63], "save:" + hex64 + "0", "Save:" + hex64,
		"en:0123456789ab cy:0123456789ab", "en:0123456789ab  cy:0123456789ab", "en:0123456789AB cy:0123456789ab", "cy:0123456789ab en:0123456789ab",
		"2019", "201", "20190", "2019/20", "2019 / 2020", "2019\t/\r20", "2019-20", "2017 - 21", "2017 -21", "2020/21 - 22/23",
		"2020/21-2022/2023", "2020/21 - 22", "2019/2", "2019/", "/2019", "2019//20", "2019 20", "20 19", "2019/20 ", "Q1 2019", "2019\v/20", "٢٠١٩"}
	cases := []struct {
		name string
		re   *regexp.Regexp
		f    func(string) bool
	}{
		{"IsWardCode", regexp.MustCompile(`^(E05|W05|S13)[0-9]{6}$`), IsWardCode},
		{"IsGSSCode", regexp.MustCompile(`^[EWSNK][0-9]{8}$`), IsGSSCode},
		{"IsPracticeCode", regexp.MustCompile(`^[A-Z][0-9A-Z]{5}$`), IsPracticeCode},
		{"isSaveID", regexp.MustCompile(`^save:[0-9a-f]{64}$`), isSaveID},
		{"isConfirmation", regexp.MustCompile(`^en:[0-9a-f]{12} cy:[0-9a-f]{12}$`), isConfirmation},
		{"calendar", regexp.MustCompile(`^(\d{4})$`), func(s string) bool { r, sp, ok := periodParts(s); return ok && periodShape(r, sp, "4") }},
		{"financial", regexp.MustCompile(`^(\d{4})\s*/\s*(\d{2}|\d{4})$`), func(s string) bool { r, sp, ok := periodParts(s); return ok && periodShape(r, sp, "4/y") }},
		{"pooled", regexp.MustCompile(`^(\d{4})\s*-\s*(\d{2}|\d{4})$`), func(s string) bool { r, sp, ok := periodParts(s); return ok && periodShape(r, sp, "4-y") }},
		{"pooled financial", regexp.MustCompile(`^(\d{4})\s*/\s*(\d{2}|\d{4})\s*-\s*(\d{2}|\d{4})\s*/\s*(\d{2}|\d{4})$`), func(s string) bool {
			r, sp, ok := periodParts(s)
			return ok && periodShape(r, sp, "4/y-y/y")
		}},
	}
	var inputs []string
	for _, s := range seeds {
		inputs = append(inputs, s)
		for i := range len(s) {
			for _, c := range []byte{'0', '9', 'a', 'f', 'g', 'A', 'Z', ' ', '/', '-', ':'} {
				inputs = append(inputs, s[:i]+string(c)+s[i+1:])
			}
			inputs = append(inputs, s[:i]+s[i+1:])
		}
	}
	for _, c := range cases {
		for _, s := range inputs {
			if got, want := c.f(s), c.re.MatchString(s); got != want {
				t.Errorf("%s(%q) = %v, the regular expression %s says %v", c.name, s, got, c.re, want)
			}
		}
	}
}

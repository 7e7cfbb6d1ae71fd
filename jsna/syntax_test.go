package jsna

import (
	"regexp"
	"testing"
)

// TestLiteralContextIsItsRegexp checks literalContext against the regular
// expression it stands for, ^in literal (true|false|null) \(expecting
// ('.')\)$, on the contexts encoding/json writes and near misses.
func TestLiteralContextIsItsRegexp(t *testing.T) {
	re := regexp.MustCompile(`^in literal (true|false|null) \(expecting ('.')\)$`)
	for _, c := range []string{
		"in literal true (expecting 'r')", "in literal false (expecting 'a')", "in literal null (expecting 'u')",
		"in literal nil (expecting 'u')", "in literal true (expecting 'rr')", "in literal true (expecting '')",
		"in literal true (expecting 'é')", "in literal true (expecting '\n')", "in literal true (expecting 'r'",
		"in literal true expecting 'r')", "in literal  true (expecting 'r')", "in literal true (expecting 'r') ",
		"in numeric literal", "", "in literal true (expecting ''')",
	} {
		m := re.FindStringSubmatch(c)
		lit, exp, ok := literalContext(c)
		if ok != (m != nil) || (ok && (lit != m[1] || exp != m[2])) {
			t.Errorf("literalContext(%q) = %q, %q, %v; the regexp gives %q", c, lit, exp, ok, m)
		}
	}
}

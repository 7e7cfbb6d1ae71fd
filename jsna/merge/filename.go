package merge

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/wardwise/wardwise/jsna"
)

// FileName is a name that says what d is, for saving it on day at:
// the area (or the document's id), "master" or "draft" and the author's
// name, the date, and for a master with open conflicts how many, e.g.
// "example-borough-master-2026-12-01-with-3-open-conflicts.json" or
// "example-borough-draft-dr-a-2026-12-01.json". Every part is lower case,
// with a hyphen for each run of characters that are not letters or digits.
func FileName(d *jsna.Document, at time.Time) string {
	parts := []string{fileSlug(d.Area.Name)}
	if parts[0] == "" {
		parts[0] = fileSlug(d.ID)
	}
	if parts[0] == "" {
		parts[0] = "jsna"
	}
	if d.Draft != nil {
		parts = append(parts, "draft")
		if a := fileSlug(d.Draft.Author); a != "" {
			parts = append(parts, a)
		}
	} else {
		parts = append(parts, "master")
	}
	parts = append(parts, at.UTC().Format("2006-01-02"))
	if n := len(d.Conflicts); d.Draft == nil && n > 0 {
		word := "conflicts"
		if n == 1 {
			word = "conflict"
		}
		parts = append(parts, "with", strconv.Itoa(n), "open", word)
	}
	return strings.Join(parts, "-") + ".json"
}

// fileSlug is s in lower case, each run of other characters than letters
// and digits one hyphen, none at either end, at most 60 characters.
func fileSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	out := b.String()
	for len(out) > 60 {
		_, size := utf8.DecodeLastRuneInString(out)
		out = out[:len(out)-size]
	}
	return strings.TrimRight(out, "-")
}

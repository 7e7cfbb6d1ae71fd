package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ParseMoney reads an amount of pounds as people type one: digits with an
// optional £, commas between thousands, a decimal point, and k or m for
// thousands or millions (£1.2m is 1,200,000). It refuses negative amounts
// and anything else.
func ParseMoney(s string) (float64, error) {
	t := strings.TrimPrefix(strings.TrimSpace(s), "£")
	t = strings.ReplaceAll(strings.TrimSpace(t), ",", "")
	mult := 1.0
	switch {
	case strings.HasSuffix(strings.ToLower(t), "m"):
		mult, t = 1e6, t[:len(t)-1]
	case strings.HasSuffix(strings.ToLower(t), "k"):
		mult, t = 1e3, t[:len(t)-1]
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || t == "" || strings.ContainsAny(t, "eE+-_xXpP") || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, fmt.Errorf("%q is not an amount of pounds (like 1200000, 1,200,000 or £1.2m)", s)
	}
	return x * mult, nil
}

// Pounds writes x for people: £, commas between thousands, and pence only
// when there are any: £20,000, £1,234.50, -£300.
func Pounds(x float64) string {
	s := Money(x)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	b.WriteString("£")
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "00" {
		b.WriteString("." + frac)
	}
	return b.String()
}

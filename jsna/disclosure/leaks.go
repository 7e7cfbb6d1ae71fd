package disclosure

import (
	"fmt"
	"math"
	"slices"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// Counts a published value gives away without being given.

// impliedCount is the count a value's interval implies when the file
// gives neither the count nor a denominator, and whether it found one
// below the threshold. An exact Poisson or Byar interval of a ratio, a
// crude rate or a count depends only on the observed count once scaled by
// the value (the interval of O events is value × [lower(O), upper(O)] / O),
// and a Wilson interval of a proportion only on the numerator once the
// denominator is x/p; so each small count 1 … threshold−1 is tried, at
// 95% and at 99.8% where those limits are given, and taken when both
// limits agree within 2% (the published figures are rounded). A value of 0
// with an interval above it is a count of 0.
func impliedCount(v *jsna.Value, ind *jsna.Indicator, threshold int) (float64, bool) {
	if ind == nil || v.Value == nil || v.Count != nil || v.Denominator != nil {
		return 0, false
	}
	levels := []struct {
		lower, upper *float64
		conf         float64
	}{{v.Lower, v.Upper, stats.Level95}, {v.Lower998, v.Upper998, stats.Level998}}
	for _, l := range levels {
		if l.lower == nil || l.upper == nil {
			continue
		}
		if *v.Value == 0 && *l.upper > 0 {
			return 0, true
		}
		for o := 1; o < threshold; o++ {
			lo, hi, ok := smallInterval(ind, *v.Value, float64(o), l.conf)
			if ok && near(lo, *l.lower) && near(hi, *l.upper) {
				return float64(o), true
			}
		}
	}
	return 0, false
}

// smallInterval is the interval value would have by ind's method if its
// count were o.
func smallInterval(ind *jsna.Indicator, value, o, conf float64) (lo, hi float64, ok bool) {
	switch ind.Method {
	case jsna.MethodISR, jsna.MethodRate, jsna.MethodCount:
		l, h, err := stats.CountCI(o, conf)
		if err != nil {
			return 0, 0, false
		}
		return value * l / o, value * h / o, true
	case jsna.MethodProportion:
		p := value / ind.EffectiveMultiplier()
		if p <= 0 || p > 1 {
			return 0, 0, false
		}
		iv, err := stats.ProportionCI(o, o/p, conf, ind.EffectiveMultiplier())
		return iv.Lower, iv.Upper, err == nil
	}
	return 0, 0, false
}

// near reports whether a published limit matches a computed one, allowing
// for rounding.
func near(computed, published float64) bool {
	if computed == 0 || published == 0 {
		return math.Abs(computed-published) < 1e-9
	}
	return math.Abs(computed-published) <= 0.02*math.Abs(computed)
}

// pair is a nested pair of indicators: part's count is part of whole's.
type pair struct{ part, whole string }

// nestedPairs lists the nested pairs of d's indicators: those the
// document declares (Indicator.PartOf) and the built-in ones
// (jsna.KnownParts) where both indicators are in d.
func nestedPairs(d *jsna.Document) []pair {
	in := map[string]bool{}
	for _, ind := range d.Indicators {
		in[ind.ID] = true
	}
	seen := map[pair]bool{}
	var pairs []pair
	for _, ind := range d.Indicators {
		for _, whole := range append(append([]string(nil), ind.PartOf...), jsna.KnownParts(ind.ID)...) {
			p := pair{ind.ID, whole}
			if in[whole] && whole != ind.ID && !seen[p] {
				seen[p] = true
				pairs = append(pairs, p)
			}
		}
	}
	return pairs
}

// nestedSuppression suppresses, ward by ward, the part of every nested
// pair whose two counts are published (known and not suppressed) and
// differ by a small count, and reports whether it suppressed any.
func nestedSuppression(d *jsna.Document, cells []cell, pairs []pair, r rule) bool {
	type place struct {
		ward        int
		ind, period string // the value's period, its own or its indicator's
	}
	at := map[place]int{}                     // → cell
	periods := make([][]string, len(d.Wards)) // each ward's periods, in order of first appearance
	for k, c := range cells {
		v := &d.Wards[c.ward].Values[c.val]
		period := valuePeriod(d, v)
		at[place{c.ward, v.Indicator, period}] = k
		if !slices.Contains(periods[c.ward], period) {
			periods[c.ward] = append(periods[c.ward], period)
		}
	}
	changed := false
	for wi := range d.Wards {
		for _, period := range periods[wi] {
			for _, p := range pairs {
				kp, okp := at[place{wi, p.part, period}]
				kw, okw := at[place{wi, p.whole, period}]
				if !okp || !okw {
					continue
				}
				changed = suppressNested(&cells[kp], &cells[kw], p, r) || changed
			}
		}
	}
	return changed
}

// suppressNested suppresses part, a cell of p.part, when it and whole, the
// cell of p.whole of the same ward and period, are published and differ
// by a small count, and reports whether it did.
func suppressNested(part, whole *cell, p pair, r rule) bool {
	if !part.known || !whole.known || part.reason != "" || whole.reason != "" {
		return false
	}
	diff := whole.count - part.count
	if diff > 0 && diff < float64(r.threshold) || diff == 0 && !r.showZero {
		part.reason = SuppressedSecondary
		part.why = fmt.Sprintf("suppressed: with %s it would reveal a count below %d by difference", p.whole, r.threshold)
		return true
	}
	return false
}

// roundCounts rounds every count left in d to the nearest multiple of
// round (0 stays 0), and recomputes proportions and crude rates, with
// their intervals, from the rounded count and, for a proportion, the
// rounded denominator. Standardised rates and ratios keep their values
// and intervals, which the rule leaves alone.
func roundCounts(d *jsna.Document, cells []cell, inds map[string]*jsna.Indicator, round int) {
	m := float64(round)
	roundTo := func(x float64) float64 { return math.Round(x/m) * m }
	for _, c := range cells {
		if c.reason != "" {
			continue
		}
		v := &d.Wards[c.ward].Values[c.val]
		if v.Count == nil {
			continue
		}
		count := roundTo(*v.Count)
		v.Count = &count
		ind := inds[v.Indicator]
		if ind == nil || v.Denominator == nil || (ind.Method != jsna.MethodProportion && ind.Method != jsna.MethodRate) {
			continue
		}
		if ind.Method == jsna.MethodProportion {
			den := roundTo(*v.Denominator)
			v.Denominator = &den
		}
		v.Value, v.Lower, v.Upper, v.Lower998, v.Upper998 = nil, nil, nil, nil, nil
		if iv, err := ind.CI(count, *v.Denominator, stats.Level95); err == nil {
			val, lo, hi := iv.Value, iv.Lower, iv.Upper
			v.Value, v.Lower, v.Upper = &val, &lo, &hi
		}
		if iv, err := ind.CI(count, *v.Denominator, stats.Level998); err == nil && v.Value != nil {
			lo, hi := iv.Lower, iv.Upper
			v.Lower998, v.Upper998 = &lo, &hi
		}
	}
}

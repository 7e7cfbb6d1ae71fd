//go:build !wardwise_viewer

// The comparators' validation, left out of the viewer build (validate.go).

package jsna

// validateComparators checks that each indicator's comparators are in
// order: min ≤ q25 ≤ median ≤ q75 ≤ max, and the quintile cuts rising
// within [min, max].
func (d *Document) validateComparators(ps *Problems) {
	for i := range d.Indicators {
		c := d.Indicators[i].Comparators
		if c == nil {
			continue
		}
		p := member(index("indicators", i), "comparators")
		order := []struct {
			name string
			x    float64
		}{{"min", c.Min}, {"q25", c.Q25}, {"median", c.Median}, {"q75", c.Q75}, {"max", c.Max}}
		for k := 1; k < len(order); k++ {
			if order[k].x < order[k-1].x {
				ps.Add(member(p, order[k].name), "%s %v is below %s %v", order[k].name, order[k].x, order[k-1].name, order[k-1].x)
			}
		}
		for k, q := range c.Quintiles {
			switch {
			case q < c.Min || q > c.Max:
				ps.Add(index(member(p, "quintiles"), k), "quintile cut %v is outside min %v to max %v", q, c.Min, c.Max)
			case k > 0 && q < c.Quintiles[k-1]:
				ps.Add(index(member(p, "quintiles"), k), "quintile cut %v is below the one before, %v", q, c.Quintiles[k-1])
			}
		}
	}
}

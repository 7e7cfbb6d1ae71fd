package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
)

// FunnelTableOptions are the settings of a funnel table.
type FunnelTableOptions struct {
	FunnelOptions
	// Axis, when not empty, are the points to draw the limits at instead
	// of the 100 calculate_funnel_limits builds from the data (a Wardwise
	// addition).
	Axis []float64
	// Significance writes each input row with its
	// assign_funnel_significance label instead of the limits.
	Significance bool
}

// FunnelColumns returns the output columns of the limits table for a
// statistic, named as calculate_funnel_limits names them.
func FunnelColumns(statistic string) []string {
	switch statistic {
	case FunnelRatio:
		return []string{"Observed_events", "lower_2s_exp_events", "lower_2s_limit", "upper_2s_exp_events", "upper_2s_limit",
			"lower_3s_exp_events", "lower_3s_limit", "upper_3s_exp_events", "upper_3s_limit", "baseline", "statistic", "method"}
	case FunnelRate:
		return []string{"Events", "lower_2s_population_1_year", "lower_2s_limit", "upper_2s_population_1_year", "upper_2s_limit",
			"lower_3s_population_1_year", "lower_3s_limit", "upper_3s_population_1_year", "upper_3s_limit", "baseline", "statistic", "method"}
	}
	return []string{"Population", "lower_2s_limit", "upper_2s_limit", "lower_3s_limit", "upper_3s_limit", "baseline", "statistic", "method"}
}

// funnelData is a funnel table's rows: numerators and (derived)
// denominators, NaN where the reference derives none.
type funnelData struct {
	num, den, derived []float64
	av                float64
	min, max          float64
}

// readFunnel reads and checks the numerator, denominator (expected, for
// ratios) and, for rates, the optional rate column, and derives each
// rate's denominator as calculate_funnel_limits does: multiplier ×
// numerator / rate, except for 0 events (a DSR then has none; a crude
// rate uses its denominator). Without a rate column a rate's
// denominator is its population.
func readFunnel(t *table, o FunnelOptions) (*funnelData, error) {
	d := &funnelData{}
	_, hasRate := t.col["rate"]
	if o.Statistic == FunnelRate && o.RateType == RateDSR && !hasRate {
		return nil, &CSVError{Line: 1, Err: fmt.Errorf("missing column rate (dsr funnels derive their denominators from the rate)")}
	}
	var sumNum, sumDen, sumDerived float64
	first := true
	for k := range t.rows {
		var x [3]float64
		for i, col := range []string{"numerator", "denominator", "rate"} {
			v, ok, err := t.bandNumber(k, col)
			if err != nil {
				return nil, err
			}
			// A rate may be missing for 0 events, whose denominator the
			// reference does not derive from it.
			if !ok && (i < 2 || o.Statistic == FunnelRate && hasRate && x[0] != 0) {
				return nil, t.errorf(k, col, fmt.Errorf("%s is missing", col))
			}
			x[i] = v
		}
		if x[1] == 0 {
			return nil, t.errorf(k, "denominator", fmt.Errorf("denominators must be greater than zero"))
		}
		if o.Statistic == FunnelProportion && x[0] > x[1] {
			return nil, t.errorf(k, "numerator", fmt.Errorf("numerators must be less than or equal to denominator for a proportion statistic"))
		}
		derived := x[1]
		if o.Statistic == FunnelRate && hasRate {
			switch {
			case x[0] == 0 && o.RateType == RateDSR:
				derived = math.NaN()
			case x[0] == 0:
			case x[2] == 0:
				return nil, t.errorf(k, "rate", fmt.Errorf("a rate of 0 with %v events", x[0]))
			default:
				derived = o.Multiplier * x[0] / x[2]
			}
		}
		d.num, d.den, d.derived = append(d.num, x[0]), append(d.den, x[1]), append(d.derived, derived)
		sumNum += x[0]
		sumDen += x[1]
		if !math.IsNaN(derived) {
			sumDerived += derived
			if first || derived < d.min {
				d.min = derived
			}
			if first || derived > d.max {
				d.max = derived
			}
			first = false
		}
	}
	if len(t.rows) == 0 {
		return nil, fmt.Errorf("jsna: funnel: no rows")
	}
	d.av = sumNum / sumDerived
	if o.Statistic == FunnelProportion {
		d.av = sumNum / sumDen
	}
	return d, nil
}

// WriteFunnelTable reads a CSV table with columns numerator and
// denominator (for ratios the observed and expected counts; for rates
// optionally rate) and writes the funnel plot's control limits to w, as
// `jsna ci funnel` does: calculate_funnel_limits' columns (FunnelColumns)
// at the 100 axis points it builds from the data (FunnelAxis), or at
// opts.Axis. With opts.Significance it writes instead the input's
// columns and significance, assign_funnel_significance's label for each
// row. The average is Σ numerator / Σ denominator (rates: over the
// derived denominators). A missing or negative cell, a zero denominator,
// or a proportion's numerator above its denominator is an error naming
// the line and column, as the reference refuses them, and nothing is
// written.
func WriteFunnelTable(w io.Writer, r io.Reader, opts FunnelTableOptions) error {
	o := opts.FunnelOptions
	if err := o.Check(); err != nil {
		return err
	}
	reserved := []string{"significance"}
	if !opts.Significance {
		reserved = nil
	}
	t, err := readTable(r, []string{"numerator", "denominator"}, reserved)
	if err != nil {
		return err
	}
	d, err := readFunnel(t, o)
	if err != nil {
		return err
	}
	if opts.Significance {
		return writeBuffered(w, func(cw *csv.Writer) error {
			WriteSpreadsheetRow(cw, append(append([]string(nil), t.header...), "significance"))
			for k, row := range t.rows {
				n := d.den[k]
				if o.Statistic == FunnelRate {
					n = d.derived[k]
				}
				WriteSpreadsheetRow(cw, append(append([]string(nil), row...), FunnelSignificance(d.num[k], n, d.av, o)))
			}
			return nil
		})
	}
	axis := opts.Axis
	if len(axis) == 0 {
		axis = FunnelAxis(d.min, d.max, d.av, o)
	}
	statistic, method := o.Statistic, "Poisson"
	switch o.Statistic {
	case FunnelProportion:
		method = "Wilson"
	case FunnelRatio:
		statistic = "ratio (" + o.RatioType + ")"
	case FunnelRate:
		statistic = "rate (" + o.RateType + " per " + groupThousands(o.Multiplier) + ")"
	}
	return writeBuffered(w, func(cw *csv.Writer) error {
		WriteSpreadsheetRow(cw, FunnelColumns(o.Statistic))
		for _, x := range axis {
			l := FunnelLimitsAt(x, d.av, o)
			cells := []string{formatNumber(l.Axis)}
			if o.Statistic == FunnelProportion {
				cells = append(cells, formatNumber(l.Lower2s), formatNumber(l.Upper2s), formatNumber(l.Lower3s), formatNumber(l.Upper3s))
			} else {
				cells = append(cells, formatNumber(l.LowerExp2s), formatNumber(l.Lower2s), formatNumber(l.UpperExp2s), formatNumber(l.Upper2s),
					formatNumber(l.LowerExp3s), formatNumber(l.Lower3s), formatNumber(l.UpperExp3s), formatNumber(l.Upper3s))
			}
			WriteSpreadsheetRow(cw, append(cells, formatNumber(l.Baseline), statistic, method))
		}
		return nil
	})
}

// groupThousands writes a whole multiplier as R's format(big.mark = ",")
// does: 100000 as 100,000.
func groupThousands(x float64) string {
	s := formatNumber(x)
	if x != float64(int64(x)) || x < 1000 {
		return s
	}
	s = fmt.Sprintf("%d", int64(x))
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

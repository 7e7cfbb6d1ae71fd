package stats

import (
	"encoding/csv"
	"errors"
	"fmt"
	"strings"
)

// This file holds the standardised methods' tables (dsr, isr), whose
// missing cells follow PHEindicatormethods method by method rather than
// one rule for all: calculate_dsr counts a missing count as 0 and refuses
// a missing denominator; calculate_ISRatio sums the observed counts it
// has, counts a missing population or reference count as 0, and gives no
// ratio where a reference population is missing. Each group's note says
// which rule was applied.

// bandCounter counts the age bands in which a column was missing, for a
// group's note.
type bandCounter struct {
	names []string
	n     map[string]int
}

func (c *bandCounter) add(col string) {
	if c.n == nil {
		c.n = map[string]int{}
	}
	if c.n[col] == 0 {
		c.names = append(c.names, col)
	}
	c.n[col]++
}

// describe says, for each column counted, in how many bands it was
// missing and what was done: "count missing in 2 age bands, counted as 0".
func (c *bandCounter) describe(what func(col string) string) []string {
	var out []string
	for _, col := range c.names {
		bands := "age bands"
		if c.n[col] == 1 {
			bands = "age band"
		}
		out = append(out, fmt.Sprintf("%s missing in %d %s, %s", col, c.n[col], bands, what(col)))
	}
	return out
}

// bandNumber reads a non-negative number cell of row k.
func (t *table) bandNumber(k int, col string) (float64, bool, error) {
	x, ok, err := t.number(k, col)
	if err != nil || !ok {
		return 0, ok, err
	}
	if err := checkNumber(col, x); err != nil {
		return 0, false, t.errorf(k, col, err)
	}
	return x, true, nil
}

func writeDSR(cw *csv.Writer, t *table, conf, mult float64) error {
	WriteSpreadsheetRow(cw, []string{"group", "count", "denominator", "value", "lower", "upper", "note"})
	names, rows := t.groups()
	for _, g := range names {
		var bands []AgeBand
		var count, den float64
		var missing bandCounter
		for _, k := range rows[g] {
			x, err := t.dsrCells(k, []string{"count", "denominator", "standard"}, &missing)
			if err != nil {
				return err
			}
			count += x[0]
			den += x[1]
			bands = append(bands, AgeBand{x[0], x[1], x[2]})
		}
		notes := missing.describe(func(string) string { return "counted as 0 (as calculate_dsr)" })
		iv, err := DSRCI(bands, conf, mult)
		switch {
		case errors.Is(err, ErrTooFewEvents):
			notes = append(notes, "dsr not calculated for a total count below 10 (as calculate_dsr)")
			WriteSpreadsheetRow(cw, []string{g, formatNumber(count), formatNumber(den), "", "", "", strings.Join(notes, "; ")})
			continue
		case err != nil:
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		WriteSpreadsheetRow(cw, []string{g, formatNumber(count), formatNumber(den),
			formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper), strings.Join(notes, "; ")})

	}
	return nil
}

// isrBands reads one group's bands for calculate_ISRatio's rules: a
// missing count is left out of the observed total, a missing denominator
// or reference count is 0, and a missing reference denominator makes the
// expected count unknown (complete is false).
func (t *table) isrBands(rows []int) (bands []ISRBand, missing bandCounter, complete bool, err error) {
	cols := []string{"count", "denominator", "reference_count", "reference_denominator"}
	complete = true
	for _, k := range rows {
		var x [4]float64
		for i, col := range cols {
			v, ok, err := t.bandNumber(k, col)
			if err != nil {
				return nil, missing, false, err
			}
			if !ok {
				missing.add(col)
				complete = complete && col != "reference_denominator"
			}
			x[i] = v
		}
		if _, ok, _ := t.number(k, "reference_denominator"); ok && x[3] == 0 {
			return nil, missing, false, t.errorf(k, "reference_denominator", fmt.Errorf("%w (reference count %v)", ErrZeroDenominator, x[2]))
		}
		bands = append(bands, ISRBand{x[0], x[1], x[2], x[3]})
	}
	return bands, missing, complete, nil
}

func isrNote(col string) string {
	switch col {
	case "count":
		return "left out of the observed count (as calculate_ISRatio)"
	case "reference_denominator":
		return "so no expected count (as calculate_ISRatio)"
	}
	return "counted as 0 (as calculate_ISRatio)"
}

// observed is the observed count of an ISR table's group: its bands'
// counts, the missing ones left out.
func observed(bands []ISRBand) float64 {
	var o float64
	for _, b := range bands {
		o += b.Count
	}
	return o
}

func writeISR(cw *csv.Writer, t *table, conf, mult float64) error {
	WriteSpreadsheetRow(cw, []string{"group", "observed", "expected", "value", "lower", "upper", "note"})
	names, rows := t.groups()
	for _, g := range names {
		bands, missing, complete, err := t.isrBands(rows[g])
		if err != nil {
			return err
		}
		note := strings.Join(missing.describe(isrNote), "; ")
		if !complete {
			WriteSpreadsheetRow(cw, []string{g, formatNumber(observed(bands)), "", "", "", "", note})
			continue
		}
		r, err := ISRCI(bands, conf, mult)
		if err != nil {
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		WriteSpreadsheetRow(cw, []string{g, formatNumber(r.Observed), formatNumber(r.Expected),
			formatNumber(r.Value), formatNumber(r.Lower), formatNumber(r.Upper), note})

	}
	return nil
}

func writeISRate(cw *csv.Writer, t *table, conf, mult float64) error {
	WriteSpreadsheetRow(cw, []string{"group", "observed", "expected", "ref_rate", "value", "lowercl", "uppercl", "note"})
	names, rows := t.groups()
	for _, g := range names {
		bands, missing, complete, err := t.isrBands(rows[g])
		if err != nil {
			return err
		}
		note := strings.Join(missing.describe(isrNote), "; ")
		if !complete {
			WriteSpreadsheetRow(cw, []string{g, formatNumber(observed(bands)), "", "", "", "", "", note})
			continue
		}
		r, err := ISRateCI(bands, conf, mult)
		if err != nil {
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		WriteSpreadsheetRow(cw, []string{g, formatNumber(r.Observed), formatNumber(r.Expected), formatNumber(r.RefRate),
			formatNumber(r.Value), formatNumber(r.Lower), formatNumber(r.Upper), note})

	}
	return nil
}

// writeDSRFrequencies is the dsr table of non-independent events: rows
// of group, ageband, eventfreq, count (individuals), denominator and
// standard; missing cells as calculate_dsr takes them (a missing count is
// 0; a missing denominator, standard, age band or event frequency is an
// error).
func writeDSRFrequencies(cw *csv.Writer, t *table, conf, mult float64) error {
	if _, ok := t.col["ageband"]; !ok {
		return &CSVError{Line: 1, Err: fmt.Errorf("missing column ageband (a dsr of non-independent events needs group, ageband, eventfreq, count, denominator, standard)")}
	}
	WriteSpreadsheetRow(cw, []string{"group", "count", "denominator", "value", "lower", "upper", "note"})
	names, rows := t.groups()
	for _, g := range names {
		var bands []FrequencyBand
		var missing bandCounter
		for _, k := range rows[g] {
			age, _ := t.cell(k, "ageband")
			if age == "" {
				return t.errorf(k, "ageband", fmt.Errorf("ageband is missing (calculate_dsr takes no missing age bands)"))
			}
			x, err := t.dsrCells(k, []string{"eventfreq", "count", "denominator", "standard"}, &missing)
			if err != nil {
				return err
			}
			bands = append(bands, FrequencyBand{AgeBand: age, Frequency: x[0], Individuals: x[1], Denominator: x[2], Standard: x[3]})
		}
		notes := missing.describe(func(string) string { return "counted as 0 (as calculate_dsr)" })
		iv, events, pop, err := DSRFrequencyCI(bands, conf, mult)
		switch {
		case errors.Is(err, ErrTooFewEvents):
			notes = append(notes, "dsr not calculated for a total count below 10 (as calculate_dsr)")
			WriteSpreadsheetRow(cw, []string{g, formatNumber(events), formatNumber(pop), "", "", "", strings.Join(notes, "; ")})
			continue
		case err != nil:
			return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
		}
		notes = append(notes, "confidence adjusted for non-independent events")
		WriteSpreadsheetRow(cw, []string{g, formatNumber(events), formatNumber(pop),
			formatNumber(iv.Value), formatNumber(iv.Lower), formatNumber(iv.Upper), strings.Join(notes, "; ")})

	}
	return nil
}

// dsrCells reads the cells cols of row k of a DSR table, as calculate_dsr
// takes them: a missing count is 0, and noted in missing; any other
// missing cell is an error, and so is a denominator of 0.
func (t *table) dsrCells(k int, cols []string, missing *bandCounter) ([]float64, error) {
	x := make([]float64, len(cols))
	for i, col := range cols {
		v, ok, err := t.bandNumber(k, col)
		if err != nil {
			return nil, err
		}
		if !ok && col != "count" {
			return nil, t.errorf(k, col, fmt.Errorf("%s is missing (calculate_dsr takes no missing %ss)", col, col))
		}
		if !ok {
			missing.add(col)
		}
		x[i] = v
	}
	for i, col := range cols {
		if col == "denominator" && x[i] == 0 {
			count := 0.0
			for j, c := range cols {
				if c == "count" {
					count = x[j]
				}
			}
			return nil, t.errorf(k, "denominator", fmt.Errorf("%w (count %v)", ErrZeroDenominator, count))
		}
	}
	return x, nil
}

package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// writeBuffered writes the table that fill makes to w only when fill
// succeeds, so that a bad row never leaves half a table behind.
func writeBuffered(w io.Writer, fill func(cw *csv.Writer) error) error {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := fill(cw); err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// boolCell parses a logical cell as R writes one (TRUE, FALSE, T, F) or
// as true/false, 1/0, in any case.
func (t *table) boolCell(k int, col string) (v, ok bool, err error) {
	s, present := t.cell(k, col)
	if !present || s == "" {
		return false, false, nil
	}
	switch strings.ToLower(s) {
	case "true", "t", "1", "yes":
		return true, true, nil
	case "false", "f", "0", "no":
		return false, true, nil
	}
	return false, false, t.errorf(k, col, fmt.Errorf("%q is not TRUE or FALSE", s))
}

// QuantileOptions are the settings of a quantile table.
type QuantileOptions struct {
	Quantiles int  // the number of quantiles; 0 means 10
	Invert    bool // the default where a row has no invert cell: quantile 1 holds the highest values
}

// WriteQuantileTable reads a CSV table with a value column, and optionally
// group and invert columns, and writes it to w with the columns quantile
// and note added, as `jsna ci quantile` does: phe_quantile's quantiles
// (Quantiles) of the values within each group (the whole table where there
// is no group column). invert is TRUE or FALSE and must be the same on
// every row of a group (phe_quantile's rule); an empty invert cell takes
// opts.Invert. An empty value gets no quantile; in a group with fewer
// values than quantiles no value gets one, and the note says so.
func WriteQuantileTable(w io.Writer, r io.Reader, opts QuantileOptions) error {
	nq := opts.Quantiles
	if nq == 0 {
		nq = 10
	}
	if nq < 1 {
		return fmt.Errorf("jsna: quantile: the number of quantiles must be at least 1, not %d", nq)
	}
	t, err := readTable(r, []string{"value"}, []string{"quantile", "note"})
	if err != nil {
		return err
	}
	q := make([]string, len(t.rows))
	notes := make([]string, len(t.rows))
	names, rows := t.groups()
	for _, g := range names {
		values := make([]float64, len(rows[g]))
		var inv *bool
		for i, k := range rows[g] {
			v, ok, err := t.number(k, "value")
			if err != nil {
				return err
			}
			if !ok {
				v = math.NaN()
			}
			values[i] = v
			b, okB, err := t.boolCell(k, "invert")
			if err != nil {
				return err
			}
			if !okB {
				b = opts.Invert
			}
			if inv != nil && *inv != b {
				return t.errorf(k, "invert", fmt.Errorf("group %q: invert must take the same value on every row of a group", g))
			}
			inv = &b
		}
		qs, err := Quantiles(values, nq, *inv)
		if err != nil {
			return err
		}
		n := 0
		for _, v := range values {
			if !math.IsNaN(v) {
				n++
			}
		}
		for i, k := range rows[g] {
			switch {
			case qs[i] > 0:
				q[k] = strconv.Itoa(qs[i])
			case math.IsNaN(values[i]):
				notes[k] = "no value"
			default:
				notes[k] = fmt.Sprintf("group has %d values, fewer than %d quantiles", n, nq)
			}
		}
	}
	return writeBuffered(w, func(cw *csv.Writer) error {
		WriteSpreadsheetRow(cw, append(append([]string(nil), t.header...), "quantile", "note"))
		for k, row := range t.rows {
			WriteSpreadsheetRow(cw, append(append([]string(nil), row...), q[k], notes[k]))
		}
		return nil
	})
}

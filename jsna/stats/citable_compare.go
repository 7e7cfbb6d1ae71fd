package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"
)

// CompareOptions are the settings of a comparison table.
type CompareOptions struct {
	// Method is the comparison method where a row has no method cell: one
	// of CompareMethods, or "" for Compare's rule (two levels where the
	// 99.8% interval is given, else one).
	Method string
}

func checkCompareMethod(m string) error {
	if m == "" {
		return nil
	}
	for _, x := range CompareMethods {
		if m == x {
			return nil
		}
	}
	return fmt.Errorf("%q is not a comparison method (%s)", m, strings.Join(CompareMethods, ", "))
}

// WriteComparisonTable reads a CSV table with columns value, lower, upper,
// benchmark and polarity (and optionally lower998, upper998, method and
// group) from r and writes it to w with a comparison column added, as
// `jsna compare` does. Each row is compared by its method cell, or
// opts.Method where that is empty (CompareBy): "not compared" where the
// value, an interval end the method needs, the benchmark or the polarity
// is empty; with two-level, where the 99.8% interval is missing. Rows
// compared by quintiles are placed among the other quintile rows of their
// group (the whole table without a group column) by their values: the
// comparison is "quintile 1" (lowest values) to "quintile 5", or "not
// compared" with no value or fewer than five values. A polarity must be
// one of lower-is-better, higher-is-better, no-judgement and
// not-applicable. On a bad cell (a cell of only spaces in a number column
// is one) nothing is written and the error names its line and column.
// Text cells are written safe for spreadsheets, as by WriteCITable.
func WriteComparisonTable(w io.Writer, r io.Reader, opts CompareOptions) error {
	if err := checkCompareMethod(opts.Method); err != nil {
		return fmt.Errorf("jsna: compare: %s", err)
	}
	t, err := readTable(r, []string{"value", "lower", "upper", "benchmark", "polarity"}, []string{"comparison"})
	if err != nil {
		return err
	}
	out := make([]string, len(t.rows))
	quint := map[string][]int{} // group → rows compared by quintiles
	var quintGroups []string
	for k := range t.rows {
		method, _ := t.cell(k, "method")
		if method == "" {
			method = opts.Method
		} else if err := checkCompareMethod(method); err != nil {
			return t.errorf(k, "method", err)
		}
		c, err := t.compareRow(k, method)
		if err != nil {
			return err
		}
		if method == CompareQuintiles {
			g, _ := t.cell(k, "group")
			if _, ok := quint[g]; !ok {
				quintGroups = append(quintGroups, g)
			}
			quint[g] = append(quint[g], k)
		}
		out[k] = string(c)
	}
	for _, g := range quintGroups {
		if err := t.quintiles(quint[g], out); err != nil {
			return err
		}
	}
	return writeBuffered(w, func(cw *csv.Writer) error {
		WriteSpreadsheetRow(cw, append(append([]string(nil), t.header...), "comparison"))
		for k, row := range t.rows {
			WriteSpreadsheetRow(cw, append(append([]string(nil), row...), out[k]))
		}
		return nil
	})
}

// compareRow checks row k and compares it by the method.
func (t *table) compareRow(k int, method string) (Comparison, error) {
	var ptrs [6]*float64
	for i, col := range []string{"value", "lower", "upper", "benchmark", "lower998", "upper998"} {
		x, ok, err := t.number(k, col)
		if err != nil {
			return "", err
		}
		if ok {
			ptrs[i] = &x
		}
	}
	pol, _ := t.cell(k, "polarity")
	switch pol {
	case LowerIsBetter, HigherIsBetter, NoJudgement, NotApplicable, "":
	default:
		return "", t.errorf(k, "polarity", fmt.Errorf("%q is not a polarity (lower-is-better, higher-is-better, no-judgement, not-applicable)", pol))
	}
	if l, u := ptrs[1], ptrs[2]; l != nil && u != nil && *l > *u {
		return "", t.errorf(k, "lower", fmt.Errorf("lower %v is above upper %v", *l, *u))
	}
	if l, u := ptrs[4], ptrs[5]; l != nil && u != nil && *l > *u {
		return "", t.errorf(k, "lower998", fmt.Errorf("lower998 %v is above upper998 %v", *l, *u))
	}
	if ptrs[0] == nil || method == CompareQuintiles {
		return NotCompared, nil
	}
	return CompareBy(method, ptrs[1], ptrs[2], ptrs[4], ptrs[5], ptrs[3], pol), nil
}

// quintiles sets out[k] for the rows compared by quintiles together.
func (t *table) quintiles(rows []int, out []string) error {
	values := make([]float64, len(rows))
	for i, k := range rows {
		v, ok, err := t.number(k, "value")
		if err != nil {
			return err
		}
		if !ok {
			v = math.NaN()
		}
		values[i] = v
	}
	q, err := Quantiles(values, 5, false)
	if err != nil {
		return err
	}
	for i, k := range rows {
		if q[i] > 0 {
			out[k] = fmt.Sprintf("quintile %d", q[i])
		}
	}
	return nil
}

package stats

import (
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
)

// SIITableOptions are the settings of an SII table; ValueType is the
// default for rows without a value_type cell.
type SIITableOptions struct {
	SIIOptions
}

// levelName is the reference's name for a confidence level in column
// names: 95_0 for 95%, 99_8 for 99.8%.
func levelName(c float64) string {
	return strings.ReplaceAll(strconv.FormatFloat(c*100, 'f', 1, 64), ".", "_")
}

// SIIColumns returns the output columns of an SII table, named as phe_sii
// names them.
func SIIColumns(confidence float64, rii bool) []string {
	l := levelName(confidence)
	cols := []string{"group", "sii", "sii_lower" + l + "cl", "sii_upper" + l + "cl"}
	if rii {
		cols = append(cols, "rii", "rii_lower"+l+"cl", "rii_upper"+l+"cl")
	}
	return append(cols, "note")
}

// groupSeed is the seed of one group's simulation: the options' seed
// mixed with the group's name, so that a group's limits do not depend on
// the other groups in the table.
func groupSeed(seed int64, group string) int64 {
	h := fnv.New64a()
	h.Write([]byte(group))
	return seed ^ int64(h.Sum64())
}

// WriteSIITable reads a CSV table with columns quantile, population and
// value, either se or lower_cl and upper_cl (95% limits), and optionally
// group and value_type (0 normal, 1 rate, 2 proportion), and writes each
// group's slope index of inequality (CalculateSII) to w, as `jsna ci sii`
// does, with the columns SIIColumns names. The quantiles are those found
// in the table, ordered as numbers where they all are; there must be 5 to
// 100 (phe_sii's error otherwise). A group without a row for every
// quantile, or with a missing value or standard error, gets no SII and a
// note, as phe_sii leaves such groups out. Each group's simulation is
// seeded from opts.Seed and the group's name.
func WriteSIITable(w io.Writer, r io.Reader, opts SIITableOptions) error {
	o := opts.SIIOptions
	if o.Confidence == 0 {
		o.Confidence = Level95
	}
	c, err := normConfidence(o.Confidence)
	if err != nil {
		return err
	}
	t, err := readTable(r, []string{"quantile", "population", "value"}, nil)
	if err != nil {
		return err
	}
	_, hasSE := t.col["se"]
	_, hasL := t.col["lower_cl"]
	_, hasU := t.col["upper_cl"]
	if !hasSE && !(hasL && hasU) {
		return &CSVError{Line: 1, Err: fmt.Errorf("phe_sii requires either lower_cl and upper_cl columns, or se")}
	}
	quantiles := t.quantileLabels()
	if n := len(quantiles); n < 5 || n > 100 {
		return fmt.Errorf("jsna: sii: number of quantiles must be between 5 and 100, not %d", n)
	}
	names, rows := t.groups()
	var out [][]string
	for _, g := range names {
		qs, vt, note, err := t.siiGroup(rows[g], quantiles, o.ValueType, hasSE)
		if err != nil {
			return err
		}
		cells := make([]string, len(SIIColumns(c, o.RII)))
		cells[0] = g
		if note == "" {
			gopts := o
			gopts.ValueType = vt
			gopts.Seed = groupSeed(o.Seed, g)
			res, err := CalculateSII(qs, gopts)
			if err != nil {
				return t.errorf(rows[g][0], "", fmt.Errorf("group %q: %w", g, unprefixed{err}))
			}
			cells[1], cells[2], cells[3] = formatNumber(res.SII), formatNumber(res.SIILower), formatNumber(res.SIIUpper)
			if o.RII {
				cells[4], cells[5], cells[6] = formatNumber(res.RII), formatNumber(res.RIILower), formatNumber(res.RIIUpper)
			}
		}
		cells[len(cells)-1] = note
		out = append(out, cells)
	}
	return writeBuffered(w, func(cw *csv.Writer) error {
		WriteSpreadsheetRow(cw, SIIColumns(c, o.RII))
		for _, cells := range out {
			WriteSpreadsheetRow(cw, cells)
		}
		return nil
	})
}

// quantileLabels lists the distinct quantile cells, in numeric order
// where every one is a number, else in text order.
func (t *table) quantileLabels() []string {
	seen := map[string]bool{}
	var labels []string
	numeric := true
	for k := range t.rows {
		q, _ := t.cell(k, "quantile")
		if !seen[q] {
			seen[q] = true
			labels = append(labels, q)
			if _, err := strconv.ParseFloat(q, 64); err != nil {
				numeric = false
			}
		}
	}
	sort.Slice(labels, func(i, j int) bool {
		if numeric {
			a, _ := strconv.ParseFloat(labels[i], 64)
			b, _ := strconv.ParseFloat(labels[j], 64)
			return a < b
		}
		return labels[i] < labels[j]
	})
	return labels
}

// siiGroup reads one group's quantiles in order. note is why the group
// has no SII.
func (t *table) siiGroup(rows []int, quantiles []string, defType int, hasSE bool) (qs []SIIQuantile, vt int, note string, err error) {
	byQ := map[string]int{}
	vt = defType
	for i, k := range rows {
		q, _ := t.cell(k, "quantile")
		if _, dup := byQ[q]; dup {
			return nil, 0, "", t.errorf(k, "quantile", fmt.Errorf("quantile %q given twice in a group", q))
		}
		byQ[q] = k
		x, ok, err := t.number(k, "value_type")
		if err != nil {
			return nil, 0, "", err
		}
		if ok {
			if x != 0 && x != 1 && x != 2 {
				return nil, 0, "", t.errorf(k, "value_type", fmt.Errorf("value_type should be 0, 1 or 2"))
			}
			if i > 0 && int(x) != vt {
				return nil, 0, "", t.errorf(k, "value_type", fmt.Errorf("value_type must be the same on every row of a group"))
			}
			vt = int(x)
		}
	}
	for _, q := range quantiles {
		k, ok := byQ[q]
		if !ok {
			return nil, vt, fmt.Sprintf("no row for quantile %s", q), nil
		}
		var x [5]float64
		var have [5]bool
		for i, col := range []string{"population", "value", "se", "lower_cl", "upper_cl"} {
			x[i], have[i], err = t.number(k, col)
			if err != nil {
				return nil, 0, "", err
			}
		}
		switch {
		case !have[0] || x[0] <= 0:
			return nil, 0, "", t.errorf(k, "population", fmt.Errorf("some groups have a zero, negative or missing population"))
		case !have[1]:
			return nil, vt, fmt.Sprintf("no value for quantile %s", q), nil
		}
		se := x[2]
		if !hasSE {
			if !have[3] || !have[4] {
				return nil, vt, fmt.Sprintf("missing confidence limits for quantile %s", q), nil
			}
			se = SIIStandardError(x[3], x[4], vt)
		} else if !have[2] {
			return nil, vt, fmt.Sprintf("no standard error for quantile %s", q), nil
		}
		if math.IsNaN(se) || se < 0 {
			return nil, 0, "", t.errorf(k, "se", fmt.Errorf("negative or missing standard errors"))
		}
		qs = append(qs, SIIQuantile{Population: x[0], Value: x[1], SE: se})
	}
	return qs, vt, "", nil
}

package stats

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"sort"
)

// WriteTrendTable reads a CSV table of time series, with columns period
// and either count and denominator (proportions) or value, lower and upper
// (95% limits; other value types), and optionally group, value_type
// (proportion or other; else valueType) and polarity, and writes it to w
// with the columns trend, reason and slope added, as `jsna ci trend` does:
// each row, from the fifth period of its group on, gets the recent trend
// over its group's five periods ending there (RecentTrend); a group of
// fewer than five gets "Cannot be calculated" on its last row, as
// assign_trend_markers does. Rows are written in period order within
// each group. The five periods must be annual and consecutive, as
// Fingertips requires: pooled periods (2017 - 19) or a break in the
// series give "Cannot be calculated" with the reason. With a polarity the
// trend says whether it is getting better or worse (TrendDirection).
func WriteTrendTable(w io.Writer, r io.Reader, valueType string) error {
	t, err := readTable(r, []string{"period"}, []string{"trend", "reason", "slope"})
	if err != nil {
		return err
	}
	names, rows := t.groups()
	var order []int
	results := map[int]Trend{}
	for _, g := range names {
		pts, vt, err := t.trendGroup(rows[g], valueType)
		if err != nil {
			return err
		}
		sorted := append([]int(nil), rows[g]...)
		sort.SliceStable(sorted, func(i, j int) bool { return pts[sorted[i]].Year < pts[sorted[j]].Year })
		order = append(order, sorted...)
		series := make([]TrendPoint, len(sorted))
		for i, k := range sorted {
			series[i] = pts[k].TrendPoint
		}
		if len(sorted) < 5 {
			results[sorted[len(sorted)-1]] = RecentTrend(series, vt)
			continue
		}
		for i := 4; i < len(sorted); i++ {
			res := RecentTrend(series[:i+1], vt)
			for j := i - 4; j <= i; j++ {
				if p := pts[sorted[j]]; p.years != 1 {
					res = Trend{TrendCannot, fmt.Sprintf("period %s is pooled over %v years: trends need annual, non-overlapping periods", p.label, p.years), math.NaN(), math.NaN()}
					break
				}
				if j > i-4 && series[j].Year != series[j-1].Year+1 {
					res = Trend{TrendCannot, fmt.Sprintf("break in the series between %s and %s", pts[sorted[j-1]].label, pts[sorted[j]].label), math.NaN(), math.NaN()}
					break
				}
			}
			results[sorted[i]] = res
		}
	}
	return writeBuffered(w, func(cw *csv.Writer) error {
		WriteSpreadsheetRow(cw, append(append([]string(nil), t.header...), "trend", "reason", "slope"))
		for _, k := range order {
			cells := append([]string(nil), t.rows[k]...)
			res, ok := results[k]
			if !ok {
				WriteSpreadsheetRow(cw, append(cells, "", "", ""))
				continue
			}
			pol, _ := t.cell(k, "polarity")
			slope := ""
			if !math.IsNaN(res.Slope) {
				slope = formatNumber(res.Slope)
			}
			WriteSpreadsheetRow(cw, append(cells, TrendDirection(res.Trend, pol), res.Reason, slope))
		}
		return nil
	})
}

type trendRow struct {
	TrendPoint
	label string
	years float64
}

// trendGroup reads one group's periods and numbers; empty number cells
// are NaN.
func (t *table) trendGroup(rows []int, defType string) (map[int]trendRow, string, error) {
	out := map[int]trendRow{}
	vt := ""
	seen := map[float64]bool{}
	for _, k := range rows {
		typ, _ := t.cell(k, "value_type")
		if typ == "" {
			typ = defType
		}
		if typ != TrendProportion && typ != TrendOther {
			return nil, "", t.errorf(k, "value_type", fmt.Errorf("%q is not a trend value type (proportion, other)", typ))
		}
		if vt != "" && typ != vt {
			return nil, "", t.errorf(k, "value_type", fmt.Errorf("value_type must be the same on every row of a group"))
		}
		vt = typ
		label, _ := t.cell(k, "period")
		year, years, err := ParsePeriod(label)
		if err != nil {
			return nil, "", t.errorf(k, "period", unprefixed{err})
		}
		if seen[year] {
			return nil, "", t.errorf(k, "period", fmt.Errorf("period %s given twice in a group", label))
		}
		seen[year] = true
		p := trendRow{TrendPoint: TrendPoint{Year: year}, label: label, years: years}
		cols := []string{"value", "lower", "upper"}
		dst := []*float64{&p.Value, &p.Lower, &p.Upper}
		if vt == TrendProportion {
			cols, dst = []string{"count", "denominator"}, []*float64{&p.Count, &p.Denominator}
		}
		for i, col := range cols {
			if _, ok := t.col[col]; !ok {
				return nil, "", &CSVError{Line: 1, Err: fmt.Errorf("missing column %s (a %s trend needs %v)", col, vt, cols)}
			}
			x, ok, err := t.bandNumber(k, col)
			if err != nil {
				return nil, "", err
			}
			*dst[i] = x
			if !ok {
				*dst[i] = math.NaN()
			}
		}
		if vt == TrendProportion && p.Count > p.Denominator {
			return nil, "", t.errorf(k, "count", fmt.Errorf("count %v is above the denominator %v", p.Count, p.Denominator))
		}
		out[k] = p
	}
	return out, vt, nil
}

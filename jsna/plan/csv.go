package plan

import (
	"encoding/csv"
	"io"
	"math"

	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna/stats"
)

// Columns are the columns of WriteCSV's table; with multi-year totals,
// YearsColumns follow them.
var (
	Columns      = []string{"rank", "ward_code", "need_id", "recommendation", "one_off", "per_year", "cumulative", "funded", "partner_shares"}
	YearsColumns = []string{"years_total", "years_discounted"}
)

// PartnerColumns are the columns of WritePartnersCSV's table.
var PartnerColumns = []string{"kind", "id", "name", "amount", "via_pools", "total", "contributed", "remaining"}

// WriteCSV writes p's items as a table, one row an item in priority order
// and then the needs not yet assessed (with no rank):
//
//   - rank: the priority rank (shared by tied needs);
//   - ward_code, need_id: the needs the recommendation serves, paired in
//     order and separated by semicolons (one of each for a need's own);
//   - recommendation: the need's recommendation, or the area-wide
//     recommendation's title;
//   - one_off, per_year: the one-off cost and the recurring cost in the
//     plan's year, in pounds with two decimals; empty when not costed;
//   - cumulative: what the budget has funded up to and including the row;
//   - funded: true or false (empty when not costed or not ranked);
//   - partner_shares: each funder as id=percentage, separated by
//     semicolons;
//   - with multiYear, years_total and years_discounted: the cost over the
//     plan's years, undiscounted and discounted (YearsCost).
//
// Text cells that a spreadsheet would take for a formula (starting with =,
// +, -, @, a tab or a carriage return) get a single quote before them, as
// jsna/stats does for its tables (OWASP's rule against CSV injection).
func WriteCSV(w io.Writer, p *Plan, multiYear bool) error {
	cw := csv.NewWriter(w)
	head := append([]string(nil), Columns...)
	if multiYear {
		head = append(head, YearsColumns...)
	}
	stats.WriteSpreadsheetRow(cw, head)
	for _, list := range [][]Item{p.Items, p.Unassessed} {
		for _, it := range list {
			stats.WriteSpreadsheetRow(cw, itemRow(it, multiYear))
		}
	}
	cw.Flush()
	return cw.Error()
}

func itemRow(it Item, multiYear bool) []string {
	var wards, needs []string
	for _, ref := range it.Needs {
		wards, needs = append(wards, ref.Ward), append(needs, ref.Need)
	}
	rec := it.Recommendation
	if it.Area != "" {
		rec = it.Title
	}
	row := []string{"", strings.Join(wards, ";"), strings.Join(needs, ";"), rec, "", "", "", "", ""}
	if it.Rank > 0 {
		row[0] = strconv.Itoa(it.Rank)
	}
	if it.Costed() {
		row[4], row[5] = Money(it.OneOff), Money(it.Recurring)
		if it.Rank > 0 {
			row[6], row[7] = Money(it.Cumulative), strconv.FormatBool(it.Funded)
		}
		var shares []string
		for _, s := range it.Shares {
			shares = append(shares, s.ID+"="+strconv.FormatFloat(s.Share, 'f', -1, 64))
		}
		row[8] = strings.Join(shares, ";")
	}
	if multiYear {
		y := []string{"", ""}
		if it.Costed() {
			y = []string{Money(it.Total), Money(it.Discounted)}
		}
		row = append(row, y...)
	}
	return row
}

// WritePartnersCSV writes who pays for the funded items in the plan's
// year: a row for each funder that is not a pooled budget (kind, id,
// name; amount, what it pays directly; via_pools, its part of what the
// items draw from the pools it is in; total, the two together), then a
// row for each pooled budget (kind pooled; amount, what the items draw
// from it; contributed, what its partners put in that year; remaining,
// the difference, negative when overcommitted), then, if any funded item
// names no funder, a row of kind none with what is unassigned.
func WritePartnersCSV(w io.Writer, p *Plan) error {
	cw := csv.NewWriter(w)
	stats.WriteSpreadsheetRow(cw, append([]string(nil), PartnerColumns...))
	for _, pt := range p.Partners {
		if pt.Kind == "pooled" {
			continue
		}
		stats.WriteSpreadsheetRow(cw, []string{pt.Kind, pt.ID, pt.Name, Money(pt.Amount), Money(pt.ViaPools), Money(pt.Amount + pt.ViaPools), "", ""})
	}
	for _, pool := range p.Pools {
		stats.WriteSpreadsheetRow(cw, []string{"pooled", pool.ID, pool.Name, Money(pool.Drawn), "", "", Money(pool.Contributed), Money(pool.Remaining)})
	}
	if p.Unassigned > 0 {
		stats.WriteSpreadsheetRow(cw, []string{"none", "", "", Money(p.Unassigned), "", "", "", ""})
	}
	cw.Flush()
	return cw.Error()
}

// Money writes pounds with two decimals and no thousands separator, as a
// spreadsheet reads a number: 1234.5 is "1234.50".
func Money(x float64) string {
	s := strconv.FormatFloat(math.Round(x*100)/100, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

package importer

import (
	"fmt"
	"io"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// Reference files: comparators from all wards
//
// A reference file is a Fingertips ward-level export for all wards in
// England (or in Wales), read once: for each indicator it is summarised
// (jsna.Comparators: how many wards, the least, 25th, 50th and 75th
// percentiles, the greatest and the quintile cuts) so that a document's
// spine range and quintiles can be those of all wards instead of its own.
// Rows are chosen as a ward import chooses them (Persons, All ages, no
// category; the latest period of each indicator, or Options.Period); only
// ward rows with a value count.

// ReferenceReport says what reading a reference file found.
type ReferenceReport struct {
	*Report
	// Wards counts the wards with a value of each indicator, by ID.
	WardsByIndicator map[string]int `json:"wards_by_indicator"`
}

// Comparators reads a Fingertips ward-level CSV of a reference set of
// wards from r and summarises each indicator's ward values of its chosen
// period, by indicator ID (a split indicator's, "93283-male", by its
// document ID). The area is England where every ward is English (E05),
// Wales where every one is Welsh (W05), otherwise "England and Wales". An
// indicator with no ward value is left out, with a note. name is used in
// messages and, without its folders, as the summary's File.
func Comparators(name string, r io.Reader, opts Options) (map[string]*jsna.Comparators, *ReferenceReport, error) {
	im := newImporter(name, "fingertips-csv", opts)
	rep := &ReferenceReport{Report: im.report, WardsByIndicator: map[string]int{}}
	if err := im.readCSV(r); err != nil {
		return nil, rep, err
	}
	if rep.Rows == 0 {
		return nil, rep, im.fail(rowLoc{}, "no data rows after the header")
	}
	g := im.groupRows()
	chosen := im.chooseVariants(g)
	out := map[string]*jsna.Comparators{}
	english, welsh := false, false
	for _, v := range chosen {
		var values []float64
		for _, r := range v.rows {
			x := r.get(colValue)
			if !strings.EqualFold(r.period, v.period) || x == nil {
				continue
			}
			values = append(values, *x)
			english = english || strings.HasPrefix(r.code, "E05")
			welsh = welsh || strings.HasPrefix(r.code, "W05")
		}
		rep.Imported += len(values)
		if len(values) == 0 {
			im.note("indicator %s: no ward has a value for %s", v.docID, orUnknown(v.period))
			continue
		}
		rg := stats.RangeOf(values)
		cuts, err := stats.QuantileCuts(values, 5)
		if err != nil {
			return nil, rep, fmt.Errorf("jsna: %s: indicator %s: %w", name, v.docID, err)
		}
		out[v.docID] = &jsna.Comparators{Source: "Fingertips", File: clip(baseName(name), 500), Period: clip(v.period, 100),
			N: rg.N, Min: rg.Min, Q25: rg.Q25, Median: rg.Median, Q75: rg.Q75, Max: rg.Max, Quintiles: cuts}
		rep.WardsByIndicator[v.docID] = rg.N
	}
	if len(out) == 0 {
		return nil, rep, im.fail(rowLoc{}, "no ward values to summarise (ward codes start E05, W05 or S13)")
	}
	area, code := "England and Wales", ""
	switch {
	case english && !welsh:
		area, code = "England", England
	case welsh && !english:
		area, code = "Wales", "W92000004"
	}
	for _, c := range out {
		c.Area, c.AreaCode = area, code
	}
	rep.Indicators = len(out)
	return out, rep, nil
}

// baseName is the file name of path, without its folders (a path of
// either system's separators).
func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// ComparatorChange is what ApplyComparators did for one indicator of a
// document: Set where it took the reference's summary, otherwise Why not.
type ComparatorChange struct {
	Indicator string
	Set       bool
	N         int       // wards in the reference
	Why       jsna.Text // why not: no such indicator in the file, another period
}

// ApplyComparators gives each indicator of d the reference's summary of
// the same ID and period (an indicator without a period of its own takes
// any): its spine range and quintiles are then all wards'. An indicator
// the reference lacks, or has for another period, keeps what it had, with
// the reason in the change list (in indicator order).
func ApplyComparators(d *jsna.Document, ref map[string]*jsna.Comparators) []ComparatorChange {
	var changes []ComparatorChange
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		c, ok := ref[ind.ID]
		switch {
		case !ok:
			changes = append(changes, ComparatorChange{Indicator: ind.ID, Why: jsna.Textf("not in the reference file")})
		case ind.Period != "" && !strings.EqualFold(ind.Period, c.Period):
			changes = append(changes, ComparatorChange{Indicator: ind.ID, Why: jsna.Textf("the reference file has %s, not %s", c.Period, ind.Period)})
		default:
			cc := *c
			cc.Quintiles = append([]float64(nil), c.Quintiles...)
			ind.Comparators = &cc
			changes = append(changes, ComparatorChange{Indicator: ind.ID, Set: true, N: c.N})
		}
	}
	d.Edited()
	return changes
}

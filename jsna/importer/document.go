package importer

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/wardwise/wardwise/jsna"
)

// finish chooses, among the rows kept, one per indicator and ward, and
// builds and validates the document: the indicators in order of first
// appearance, each with its England benchmark and its ward values, the wards
// in code order, then the area. Every kept row not used is skipped with its
// reason, and the skipped rows are put in file order.
func (im *importer) finish() (*jsna.Document, *Report, error) {
	rep := im.report
	if rep.Rows == 0 {
		return nil, rep, im.fail(rowLoc{}, "no data rows after the header")
	}
	g := im.groupRows()
	chosen := im.chooseVariants(g)
	doc := &jsna.Document{
		Format:    jsna.Format,
		Benchmark: jsna.Benchmark{Code: England, Name: "England"},
	}
	primary, parent := g.england, im.parentBenchmark(g)
	if len(g.england) == 0 && parent != nil {
		// No England rows: the parent is the benchmark.
		doc.Benchmark, primary, parent = *parent, g.areas, nil
	} else if len(g.england) > 0 {
		doc.Benchmark.Kind = jsna.KindEngland
	}
	wards := map[string]*wardAcc{}
	for _, v := range chosen {
		ind := im.indicator(v)
		var other []*row
		if parent != nil {
			other = g.areas[v.id]
		}
		im.setBenchmarks(&doc.Benchmark, ind, v, primary[v.id], parent, other)
		if ind.Polarity == "" {
			ind.Polarity = im.inferPolarity(v, ind.BenchmarkValue)
		}
		im.addValues(wards, ind, v)
		doc.Indicators = append(doc.Indicators, *ind)
	}
	if parent != nil && len(parent.Values) > 0 {
		doc.OtherBenchmarks = []jsna.Benchmark{*parent}
	}
	im.skipUnusedEngland(g)
	parentCode := doc.Benchmark.Code
	if parent != nil {
		parentCode = parent.Code
	}
	im.skipUnusedAreas(g, parentCode)
	sortSkipped(rep.SkippedRows)
	im.finishGroups()
	locs := addWards(doc, wards)
	rep.Wards, rep.Indicators = len(doc.Wards), len(doc.Indicators)
	if len(doc.Wards) == 0 {
		return nil, rep, im.fail(rowLoc{}, "no ward rows to import (ward codes start E05, W05 or S13); %d rows skipped: see the report", rep.Rows-rep.Benchmarks)
	}
	im.setArea(doc)
	if err := doc.Validate(); err != nil {
		im.locateProblems(err, locs)
		return nil, rep, err
	}
	return doc, rep, nil
}

// wardAcc is a ward being built, with the row each of its values came from.
type wardAcc struct {
	w    *jsna.Ward
	locs []rowLoc
}

// setBenchmark decides ind's benchmark value: the England row of v's sex,
// age and period. A second such row is skipped as a duplicate; with none,
// the benchmark value is left out, with a note. The row used is marked as
// accounted for (its id cleared).
func (im *importer) setBenchmark(ind *jsna.Indicator, v *variant, england []*row) {
	var bench *row
	for _, r := range england {
		if !strings.EqualFold(r.sex, v.sex) || !strings.EqualFold(r.age, v.age) {
			continue
		}
		if !strings.EqualFold(r.period, v.period) {
			continue
		}
		if bench != nil {
			im.skip(r.loc, because(ReasonDuplicate, r, ""), "another England row for indicator %s, %s, at %s", v.docID, v.period, bench.loc)
			r.id = "" // accounted for
			continue
		}
		bench = r
	}
	if bench == nil {
		im.note("indicator %s: no England row for %s; benchmark_value left out", v.docID, describeVariant(v))
		return
	}
	im.report.Benchmarks++
	ind.BenchmarkValue = bench.get(colValue)
	if ind.BenchmarkValue == nil {
		im.note("indicator %s: the England row (%s) has no value", v.docID, bench.loc)
	}
	bench.id = "" // used
}

// addValues decides which of v's ward rows become ward values of ind:
// every period's (a time series), the first for each ward and period,
// whose numbers agree with each other (inconsistency). A value of v's
// period, the latest, has no period of its own (it is the indicator's);
// an earlier one has its period. The others are skipped: a duplicate, or
// inconsistent numbers. The report counts the periods of each indicator.
func (im *importer) addValues(wards map[string]*wardAcc, ind *jsna.Indicator, v *variant) {
	seen := map[string]rowLoc{}
	var periods []string
	for _, r := range v.rows {
		period := clip(r.period, 100)
		if strings.EqualFold(r.period, v.period) {
			period = ""
		}
		at := r.code + "\x00" + strings.ToLower(period)
		if first, dup := seen[at]; dup {
			im.skip(r.loc, because(ReasonDuplicate, r, ""), "another row for ward %s, indicator %s, %s at %s", r.code, v.docID, orUnknown(r.period), first)
			continue
		}
		val := jsna.Value{
			Period:      period,
			Indicator:   ind.ID,
			Value:       r.get(colValue),
			Lower:       r.get(colLower95),
			Upper:       r.get(colUpper95),
			Lower998:    r.get(colLower998),
			Upper998:    r.get(colUpper998),
			Count:       r.get(colCount),
			Denominator: r.get(colDenominator),
			Note:        clip(r.note, 500),
		}
		if r.trend != "" {
			val.SetPublishedTrend(clip(r.trend, jsna.MaxPublishedTrend))
		}
		if msg := inconsistency(&val, ind.Method); msg.Format != "" {
			im.skip(r.loc, because(ReasonInconsistent, r, ""), msg.Format, msg.Args...)
			continue
		}
		seen[at] = r.loc
		if !slices.Contains(periods, strings.ToLower(period)) {
			periods = append(periods, strings.ToLower(period))
		}
		acc := wards[r.code]
		if acc == nil {
			acc = &wardAcc{w: &jsna.Ward{Code: r.code, Name: clip(orDefault(r.areaName, r.code), 200)}}
			wards[r.code] = acc
		}
		acc.w.Values = append(acc.w.Values, val)
		acc.locs = append(acc.locs, r.loc)
		im.report.Imported++
	}
	if im.report.Periods == nil {
		im.report.Periods = map[string]int{}
	}
	im.report.Periods[ind.ID] = len(periods)
}

// skipUnusedEngland skips the England rows no indicator used as its
// benchmark, saying why: another sex, age or period than the wards'.
func (im *importer) skipUnusedEngland(g *indicatorRows) {
	for _, id := range g.order {
		for _, r := range g.england[id] {
			if r.id == "" {
				continue
			}
			why, says := im.englandSkip(r, g.byID[id])
			if im.into == nil {
				why, says = im.areaSkip(r, g.byID[id]) // a ward import keeps every period the wards have
			}
			im.skip(r.loc, why, "England row for %s", says)
		}
	}
}

// addWards puts the wards into doc in code order, and returns the rows
// their values came from, ward by ward and value by value.
func addWards(doc *jsna.Document, wards map[string]*wardAcc) [][]rowLoc {
	codes := make([]string, 0, len(wards))
	for c := range wards {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	locs := make([][]rowLoc, 0, len(codes))
	for _, c := range codes {
		doc.Wards = append(doc.Wards, *wards[c].w)
		locs = append(locs, wards[c].locs)
	}
	return locs
}

// locateProblems names the file in a validation error, and adds to each
// problem with a ward value the row the value came from.
func (im *importer) locateProblems(err error, locs [][]rowLoc) {
	var e *jsna.Error
	if !errors.As(err, &e) {
		return
	}
	e.File = im.name
	for i := range e.Problems {
		if l, ok := valueLoc(e.Problems[i].Path, locs); ok {
			e.Problems[i].Message += " (from " + l.String() + ")"
		}
	}
}

// indicator makes the Indicator for v from the built-in table, or as an
// unknown one.
func (im *importer) indicator(v *variant) *jsna.Indicator {
	var ind jsna.Indicator
	name := v.rows[0].name
	if k, ok := jsna.KnownIndicator(v.id); ok {
		ind = k
	} else {
		ind = jsna.Indicator{Method: jsna.MethodOther}
		im.report.Unknown = append(im.report.Unknown, v.docID)
		im.note("indicator %s (%s) is not in the built-in table of Local Health indicators: method %q; check its method and polarity", v.id, orUnknown(name), jsna.MethodOther)
	}
	if name != "" {
		ind.Name = name
	}
	if ind.Name == "" {
		ind.Name = "Indicator " + v.id
	}
	if v.label != "" {
		ind.Name += " (" + v.label + ")"
	}
	ind.ID = v.docID
	ind.Name = clip(ind.Name, 500)
	ind.Period = clip(v.period, 100)
	return &ind
}

// inferPolarity reads an unknown indicator's polarity from the file's
// "Compared to England" column: a row called Better or Worse says which way
// is good, given its value and England's; Higher and Lower only say there is
// no judgement.
func (im *importer) inferPolarity(v *variant, bench *float64) string {
	lower, higher, neutral := 0, 0, 0
	for _, r := range v.rows {
		val := r.get(colValue)
		c := strings.ToLower(r.compared)
		switch {
		case c == "higher" || c == "lower":
			neutral++
		case (c == "better" || c == "worse") && val != nil && bench != nil && *val != *bench:
			if (c == "better") == (*val < *bench) {
				lower++
			} else {
				higher++
			}
		}
	}
	switch {
	case lower > 0 && higher == 0:
		im.note("indicator %s: polarity %s read from the file's %q column", v.docID, jsna.LowerIsBetter, columnNames[colCompared])
		return jsna.LowerIsBetter
	case higher > 0 && lower == 0:
		im.note("indicator %s: polarity %s read from the file's %q column", v.docID, jsna.HigherIsBetter, columnNames[colCompared])
		return jsna.HigherIsBetter
	case neutral > 0 && lower == 0 && higher == 0:
		im.note("indicator %s: polarity %s read from the file's %q column", v.docID, jsna.NoJudgement, columnNames[colCompared])
		return jsna.NoJudgement
	}
	return jsna.NotApplicable
}

// The names of a value's figures in the importer's sentences.
var (
	lower95   = jsna.Textf("lower 95%% limit")
	upper95   = jsna.Textf("upper 95%% limit")
	lower998  = jsna.Textf("lower 99.8%% limit")
	upper998  = jsna.Textf("upper 99.8%% limit")
	valueName = jsna.Textf("value")
)

// inconsistency returns why v breaks a rule of Validate, or the zero Text.
func inconsistency(v *jsna.Value, method string) jsna.Text {
	num := func(p *float64) float64 { return *p }
	switch {
	case v.Count != nil && *v.Count < 0:
		return jsna.Textf("count %v is negative", num(v.Count))
	case v.Denominator != nil && *v.Denominator < 0:
		return jsna.Textf("denominator %v is negative", num(v.Denominator))
	case method == jsna.MethodProportion && v.Count != nil && v.Denominator != nil && *v.Count > *v.Denominator:
		return jsna.Textf("count %v is more than the denominator %v, which a proportion cannot be", num(v.Count), num(v.Denominator))
	case v.Count != nil && v.Denominator != nil && *v.Denominator == 0 && *v.Count > 0:
		return jsna.Textf("denominator is 0 but count is %v", num(v.Count))
	}
	order := []struct {
		lo, hi         *float64
		loName, hiName jsna.Text
	}{
		{v.Lower, v.Upper, lower95, upper95},
		{v.Lower, v.Value, lower95, valueName},
		{v.Value, v.Upper, valueName, upper95},
		{v.Lower998, v.Upper998, lower998, upper998},
		{v.Lower998, v.Lower, lower998, lower95},
		{v.Upper, v.Upper998, upper95, upper998},
	}
	for _, o := range order {
		if o.lo != nil && o.hi != nil && *o.lo > *o.hi {
			return jsna.Textf("%s %v is above the %s %v", o.loName, *o.lo, o.hiName, *o.hi)
		}
	}
	return jsna.Text{}
}

// setArea fills the document's area, id and title.
func (im *importer) setArea(d *jsna.Document) {
	parents := map[string]string{}
	var codes []string
	for _, r := range im.rows {
		if r.code == England || r.area || r.parentCode == "" {
			continue
		}
		if _, ok := parents[r.parentCode]; !ok {
			parents[r.parentCode] = r.parentName
			codes = append(codes, r.parentCode)
		}
	}
	switch {
	case im.opts.AreaCode != "":
		d.Area = jsna.Area{Code: strings.ToUpper(im.opts.AreaCode), Name: orDefault(im.opts.AreaName, parents[strings.ToUpper(im.opts.AreaCode)])}
		if d.Area.Name == "" {
			d.Area.Name = d.Area.Code
		}
		d.Area.Type = im.types[d.Area.Code]
	case len(codes) == 1 && jsna.IsGSSCode(codes[0]):
		d.Area = jsna.Area{Code: codes[0], Name: orDefault(parents[codes[0]], codes[0]), Type: orDefault(im.types[codes[0]], "local authority")}
	default:
		d.Area = jsna.Area{Code: England, Name: "England", Type: "country"}
		if len(codes) > 1 {
			im.note("the wards are in %d parent areas (%s); the area is set to England: choose one with the area options", len(codes), strings.Join(codes, ", "))
		} else {
			im.note("the wards have no parent area code; the area is set to England: choose one with the area options")
		}
	}
	if im.opts.AreaName != "" {
		d.Area.Name = im.opts.AreaName
	}
	d.Area.Name = clip(d.Area.Name, 200)
	d.Area.Type = clip(d.Area.Type, 100)
	source := "Fingertips"
	if im.report.Source == "ods" {
		source = "OHID Local Health"
	}
	d.ID = orDefault(im.opts.ID, clip(slug(d.Area.Name+" wards "+source), 200))
	d.Title = orDefault(im.opts.Title, clip(d.Area.Name+" ward indicators from "+source, 500))
}

// valueLoc finds the row a problem at wards[i].values[j]... came from.
func valueLoc(path string, locs [][]rowLoc) (rowLoc, bool) {
	var i, j int
	if n, err := fmt.Sscanf(path, "wards[%d].values[%d]", &i, &j); err != nil || n != 2 {
		return rowLoc{}, false
	}
	if i < 0 || i >= len(locs) || j < 0 || j >= len(locs[i]) {
		return rowLoc{}, false
	}
	return locs[i][j], true
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// clip shortens s to at most n characters.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// slug makes an identifier of s: lower-case letters and digits, runs of
// anything else turned into one hyphen.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

package importer

import (
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Benchmarks from a Fingertips export
//
// A ward export holds, beside the wards' rows, England's (E92000001) and
// often the parent area's (the wards' Parent Code: a local authority, or a
// health board in Wales) for each indicator and period. England is the
// document's benchmark, the parent a further benchmark beside it
// (Document.OtherBenchmarks), as Fingertips shows both; a file without
// England rows has the parent as its benchmark. Each is kept for every
// period its wards have: the latest as England's benchmark_value (or a
// benchmark value without a period), the earlier ones in the benchmark's
// values with their period.

// areaKind is the kind of benchmark (jsna.BenchmarkKinds) of an area of
// Fingertips' Area Type.
func areaKind(code, areaType string) string {
	t := strings.ToLower(areaType)
	switch {
	case code == England:
		return jsna.KindEngland
	case strings.HasPrefix(code, "W92") || strings.HasPrefix(code, "E92") || t == "country":
		return jsna.KindCountry
	case strings.Contains(t, "region"):
		return jsna.KindRegion
	case strings.Contains(t, "health board") || strings.HasPrefix(code, "W11"):
		return jsna.KindHealthBoard
	case strings.Contains(t, "ua") || strings.Contains(t, "count") || strings.Contains(t, "district") || strings.Contains(t, "authorit") ||
		strings.HasPrefix(code, "E06") || strings.HasPrefix(code, "E07") || strings.HasPrefix(code, "E08") || strings.HasPrefix(code, "E09") || strings.HasPrefix(code, "E10") || strings.HasPrefix(code, "W06"):
		return jsna.KindLocalAuthority
	}
	return jsna.KindOther
}

// parentBenchmark is the parent area of every ward row kept, with the
// rows of it the file has, when all the wards have the one parent (a GSS
// code) and the file has rows for it; nil otherwise.
func (im *importer) parentBenchmark(g *indicatorRows) *jsna.Benchmark {
	code, name := "", ""
	for _, vs := range g.byID {
		for _, v := range vs {
			for _, r := range v.rows {
				switch {
				case r.parentCode == "":
					return nil
				case code == "":
					code, name = r.parentCode, r.parentName
				case r.parentCode != code:
					return nil
				}
			}
		}
	}
	if code == "" || !jsna.IsGSSCode(code) || code == England {
		return nil
	}
	for _, rows := range g.areas {
		for _, r := range rows {
			if r.code == code {
				name = orDefault(r.areaName, name) // the area's own row names it
				return &jsna.Benchmark{Code: code, Name: clip(orDefault(name, code), 200), Kind: areaKind(code, im.types[code])}
			}
		}
	}
	return nil
}

// benchmarkRows chooses, among rows of an area for v's indicator, one row
// per period of v's sex and age, for v's own period (cur) and for each
// earlier period v's ward rows have (earlier, in file order); a second
// row of a period is skipped as a duplicate. The rows chosen are marked as
// accounted for (their id cleared); the others are left for
// skipUnusedAreas.
func (im *importer) benchmarkRows(v *variant, rows []*row, code string) (cur *row, earlier []*row) {
	periods := map[string]bool{}
	for _, r := range v.rows {
		periods[strings.ToLower(r.period)] = true
	}
	chosen := map[string]*row{}
	for _, r := range rows {
		if r.code != code || r.id == "" || !strings.EqualFold(r.sex, v.sex) || !strings.EqualFold(r.age, v.age) || !periods[strings.ToLower(r.period)] {
			continue
		}
		p := strings.ToLower(r.period)
		if first := chosen[p]; first != nil {
			im.skip(r.loc, because(ReasonDuplicate, r, ""), "another row of %s for indicator %s, %s, at %s", orUnknown(r.areaName), v.docID, orUnknown(r.period), first.loc)
			r.id = ""
			continue
		}
		chosen[p] = r
		r.id = ""
		im.report.Benchmarks++
		if strings.EqualFold(r.period, v.period) {
			cur = r
		} else {
			earlier = append(earlier, r)
		}
	}
	return cur, earlier
}

// benchmarkValue is the benchmark value of row r for indicator id: its
// figures, and its period where it is not the indicator's own.
func benchmarkValue(r *row, id, period string) jsna.Value {
	return jsna.Value{
		Indicator: id, Period: clip(period, 100),
		Value: r.get(colValue), Lower: r.get(colLower95), Upper: r.get(colUpper95),
		Lower998: r.get(colLower998), Upper998: r.get(colUpper998),
		Count: r.get(colCount), Denominator: r.get(colDenominator), Note: clip(r.note, 500),
	}
}

// setBenchmarks gives ind the values of the primary benchmark b (England,
// or the parent where the file has no England rows; its rows primary)
// and of the further benchmark other (the parent beside England; nil
// for none): for v's own period ind's benchmark_value for the primary and
// a value without a period for other, and a value with its period for
// each earlier period. Rows whose numbers contradict each other are
// skipped, as a ward's are.
func (im *importer) setBenchmarks(b *jsna.Benchmark, ind *jsna.Indicator, v *variant, primary []*row, other *jsna.Benchmark, otherRows []*row) {
	cur, earlier := im.benchmarkRows(v, primary, b.Code)
	if cur == nil {
		im.note("indicator %s: no row of %s for %s; benchmark_value left out", v.docID, b.Name, describeVariant(v))
	} else if ind.BenchmarkValue = cur.get(colValue); ind.BenchmarkValue == nil {
		im.note("indicator %s: the row of %s (%s) has no value", v.docID, b.Name, cur.loc)
	}
	im.addBenchmarkValues(b, ind, earlier)
	if other == nil {
		return
	}
	cur, earlier = im.benchmarkRows(v, otherRows, other.Code)
	if cur != nil {
		earlier = append([]*row{cur}, earlier...)
	}
	im.addBenchmarkValues(other, ind, earlier)
}

// addBenchmarkValues adds the values of rows to b, skipping a row whose
// numbers contradict each other (which then is no benchmark value).
func (im *importer) addBenchmarkValues(b *jsna.Benchmark, ind *jsna.Indicator, rows []*row) {
	for _, r := range rows {
		period := r.period
		if strings.EqualFold(period, ind.Period) {
			period = ""
		}
		val := benchmarkValue(r, ind.ID, period)
		if msg := inconsistency(&val, ind.Method); msg.Format != "" {
			im.report.Benchmarks--
			im.skip(r.loc, because(ReasonInconsistent, r, ""), msg.Format, msg.Args...)
			continue
		}
		b.Values = append(b.Values, val)
	}
}

// skipUnusedAreas skips the rows of areas that are neither wards nor
// England and did not become benchmark values: another area than the
// wards' parent, or a period, sex or age no ward row has.
func (im *importer) skipUnusedAreas(g *indicatorRows, parent string) {
	for _, id := range g.order {
		for _, r := range g.areas[id] {
			switch {
			case r.id == "":
			case r.code != parent:
				im.skip(r.loc, im.otherArea(r), "%s (%s, area type %s) is not a ward, England or the wards' parent area", orUnknown(r.areaName), r.code, orUnknown(r.areaType))
			default:
				why, says := im.areaSkip(r, g.byID[id])
				im.skip(r.loc, why, "row of %s for %s", orUnknown(r.areaName), says)
			}
		}
	}
}

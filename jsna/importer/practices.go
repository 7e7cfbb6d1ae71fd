package importer

import (
	"io"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Practice-level Fingertips data
//
// Fingertips publishes practice-level data (the National General Practice
// Profiles, QOF prevalence) in the same CSV layout as ward data, with Area
// Type "GPs" and the practice's ODS code as Area Code (Parent Code is the
// PCN or sub-ICB location). FingertipsPractices reads those rows into the
// practices a document already has (from a registrations import).

// SkipPractice is the kind of a skipped row of a practice that is not in
// the document.
const SkipPractice = "practice"

// FingertipsPractices reads a Fingertips data CSV from r and returns a
// copy of into with practice values: for every indicator (Persons, All
// ages and the latest period by default, as Fingertips does for wards;
// see Options), the row of each of into's practices becomes that
// practice's value, with the period; rows of other practices are skipped
// (SkipPractice), as are rows of other area types. An indicator into
// already has keeps its definition; a new one is added, with its England
// benchmark. into must have practices. The report and errors are those of
// Fingertips.
func FingertipsPractices(name string, r io.Reader, into *jsna.Document, opts Options) (*jsna.Document, *Report, error) {
	im := newImporter(name, "fingertips-csv", opts)
	if len(into.Practices) == 0 {
		return nil, im.report, im.fail(rowLoc{}, "the document has no practices: import the GP registrations first (jsna import registrations), then the practice data")
	}
	im.into = into
	if err := im.readCSV(r); err != nil {
		return nil, im.report, err
	}
	return im.finishPractices()
}

// keepPractice keeps a row of one of the document's practices.
func (im *importer) keepPractice(r *row) bool {
	if im.into.PracticeByID(r.code) != nil {
		return true
	}
	if strings.EqualFold(r.areaType, "GPs") || jsna.IsPracticeCode(r.code) {
		im.skip(r.loc, because(ReasonOtherPractice, r, ""), "practice %s %s is not among the document's practices", r.code, orUnknown(r.areaName))
		return false
	}
	im.skip(r.loc, because(ReasonNotPractice, r, r.areaType), "%s (%s, area type %s) is not a GP practice or England", orUnknown(r.areaName), r.code, orUnknown(r.areaType))
	return false
}

// finishPractices chooses, among the rows kept, one per indicator and
// practice, and builds and validates the document.
func (im *importer) finishPractices() (*jsna.Document, *Report, error) {
	rep := im.report
	if rep.Rows == 0 {
		return nil, rep, im.fail(rowLoc{}, "no data rows after the header")
	}
	g := im.groupRows()
	chosen := im.chooseVariants(g)
	out := im.into.Clone()
	given := map[string]bool{}
	for _, v := range chosen {
		ind := im.indicator(v)
		im.setBenchmark(ind, v, g.england[v.id])
		if ind.Polarity == "" {
			ind.Polarity = im.inferPolarity(v, ind.BenchmarkValue)
		}
		if have := indicatorByID(out, ind.ID); have != nil {
			ind = have
		} else {
			out.Indicators = append(out.Indicators, *ind)
		}
		im.addPracticeValues(out, ind, v, given)
		rep.Indicators++
	}
	im.skipUnusedEngland(g)
	sortSkipped(rep.SkippedRows)
	im.finishGroups()
	rep.Practices = len(given)
	if rep.Imported == 0 {
		return nil, rep, im.fail(rowLoc{}, "no rows of the document's practices (Area Type GPs, Area Code the practice's ODS code); %d rows skipped: see the report", rep.Rows-rep.Benchmarks)
	}
	if err := out.Validate(); err != nil {
		im.locateProblems(err, nil)
		return nil, rep, err
	}
	return out, rep, nil
}

// addPracticeValues sets the practice values of ind from v's rows of its
// period, the first for each practice, whose numbers agree.
func (im *importer) addPracticeValues(out *jsna.Document, ind *jsna.Indicator, v *variant, given map[string]bool) {
	seen := map[string]rowLoc{}
	for _, r := range v.rows {
		if !strings.EqualFold(r.period, v.period) {
			im.skip(r.loc, because(ReasonOldPeriod, r, ""), "time period %s, older than %s", orUnknown(r.period), orUnknown(v.period))
			continue
		}
		if first, dup := seen[r.code]; dup {
			im.skip(r.loc, because(ReasonDuplicate, r, ""), "another row for practice %s, indicator %s, %s at %s", r.code, v.docID, orUnknown(v.period), first)
			continue
		}
		val := jsna.Value{Indicator: ind.ID, Value: r.get(colValue), Lower: r.get(colLower95), Upper: r.get(colUpper95),
			Count: r.get(colCount), Denominator: r.get(colDenominator)}
		if msg := inconsistency(&val, ind.Method); msg.Format != "" {
			im.skip(r.loc, because(ReasonInconsistent, r, ""), msg.Format, msg.Args...)
			continue
		}
		seen[r.code] = r.loc
		p := out.PracticeByID(r.code)
		pv := jsna.PracticeValue{Indicator: ind.ID, Period: clip(v.period, 100), Count: val.Count, Denominator: val.Denominator,
			Value: val.Value, Lower: val.Lower, Upper: val.Upper, Note: clip(r.note, 500)}
		setPracticeValue(p, pv)
		given[p.ID] = true
		im.report.Imported++
	}
}

// setPracticeValue puts v among p's values, replacing one of the same
// indicator.
func setPracticeValue(p *jsna.Practice, v jsna.PracticeValue) {
	for i := range p.Values {
		if p.Values[i].Indicator == v.Indicator {
			v.Extra = p.Values[i].Extra
			p.Values[i] = v
			return
		}
	}
	p.Values = append(p.Values, v)
}

// indicatorByID returns d's indicator with the id, or nil.
func indicatorByID(d *jsna.Document, id string) *jsna.Indicator {
	for i := range d.Indicators {
		if d.Indicators[i].ID == id {
			return &d.Indicators[i]
		}
	}
	return nil
}

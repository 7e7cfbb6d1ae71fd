// Package practice joins GP practices and wards: the share of a
// practice's list living in each ward (its catchment), the share of a
// ward's registered patients at each practice, the ward estimates of
// practice-level indicators and a practice's list-weighted view of the
// wards' indicators. The counts are the document's practices (jsna.Practice),
// from NHS England's registrations by LSOA and a best-fit LSOA-to-ward
// lookup.
//
// # Apportioning a practice-level rate to wards
//
// A ward has no figure of its own for an indicator published only by
// practice (QOF disease prevalence, the National General Practice
// Profiles). Its estimate is the mean of the practices' rates weighted by
// the number of each practice's patients living in the ward:
//
//	E_w = Σ_p n_pw r_p / Σ_p n_pw
//
// over the practices p with a value r_p, n_pw being p's patients living
// in ward w. The House of Commons Library estimates constituency and MSOA
// disease prevalence from QOF this way (its "Health conditions
// prevalence" dashboard and Constituency data: health conditions), as do
// many JSNAs for wards; the reverse direction, a practice's
// list-weighted mean of its patients' areas' values, is how the National
// General Practice Profiles build a practice's deprivation (IMD) score
// from the LSOAs its patients live in. ListWeighted computes it for the
// wards' indicators.
//
// Interval ("weighted mean of practice rates, normal approximation"):
// the practices' rates are taken as independent estimates, each with the
// standard error its 95% interval implies, SE_p = (upper_p − lower_p) /
// (2 × 1.959964), or, where a proportion gives only its count and
// denominator, its Wilson interval's; the estimate's standard error is
// √Σ w_p² SE_p² with w_p = n_pw / Σ n_pw, and its 95% interval E ± 1.959964
// SE. Where a practice with a value has no interval, the estimate has
// none. The interval covers the practices' sampling error only.
//
// Caveats, which every output names:
//   - registered is not resident: lists include patients who have moved
//     away or abroad (list inflation) and miss residents who are not
//     registered, so the weights are not the ward's population;
//   - the method assumes a practice's rate holds for its patients in
//     every ward, which is what the estimate cannot know: a practice
//     spanning an affluent and a deprived ward gives both its average;
//   - the LSOA-to-ward lookup is best fit: an LSOA straddling a boundary
//     counts wholly in one ward;
//   - attribution uncertainty (from the two points above) is not in the
//     interval, which is therefore too narrow;
//   - practices with no value for the indicator are left out, and
//     Coverage says what share of the ward's registered patients the
//     estimate rests on;
//   - the estimate, with the practices' published rates and the other
//     cells of the ward, could in principle be solved for a cell the
//     disclosure rules suppress (jsna/disclosure): the estimates are
//     weighted by the published, unsuppressed counts, and this is not
//     guarded against.
package practice

import (
	"math"
	"sort"

	"github.com/wardwise/wardwise/jsna"
)

// Method names the apportioning method, as the estimates' CSV says it.
const Method = "list-weighted mean of practice rates; 95% interval: normal approximation from the practices' intervals, practices independent, attribution uncertainty not included"

// z95 is the two-sided 95% standard normal quantile.
const z95 = 1.959963984540054

// WardTotals returns the number of registered patients living in each of
// d's wards, over all of d's practices.
func WardTotals(d *jsna.Document) map[string]int {
	t := make(map[string]int, len(d.Wards))
	for i := range d.Practices {
		for _, w := range d.Practices[i].Wards {
			t[w.Code] += w.Patients
		}
	}
	return t
}

// Estimate is a ward's estimate of a practice-level indicator (or, from
// ListWeighted, a practice's of a ward-level one). Lower and Upper are
// nil where no interval can be given. Coverage is the share of the
// weights (patients) behind the estimate, 0–1; Practices (or Wards) the
// number of areas weighted.
type Estimate struct {
	Area      string // the ward code (WardEstimate) or practice code (ListWeighted)
	Indicator string
	Value     *float64
	Lower     *float64
	Upper     *float64
	Coverage  float64
	Parts     int
	Method    string
}

// part is one weighted rate: its weight, value and standard error (NaN
// when unknown).
type part struct{ w, v, se float64 }

// combine is the weighted mean of the parts and its 95% interval, with
// the weights' share of total as coverage.
func combine(area, indicator string, parts []part, total float64, method string) Estimate {
	e := Estimate{Area: area, Indicator: indicator, Method: method, Parts: len(parts)}
	var sw, swv float64
	for _, p := range parts {
		sw += p.w
		swv += p.w * p.v
	}
	if sw <= 0 {
		return e
	}
	if total > 0 {
		e.Coverage = sw / total
	}
	v := swv / sw
	e.Value = &v
	var variance float64
	for _, p := range parts {
		if math.IsNaN(p.se) {
			return e
		}
		w := p.w / sw
		variance += w * w * p.se * p.se
	}
	lo, hi := v-z95*math.Sqrt(variance), v+z95*math.Sqrt(variance)
	e.Lower, e.Upper = &lo, &hi
	return e
}

// standardError is the standard error a value's 95% interval implies, or
// that of the Wilson interval of a proportion's count and denominator;
// NaN when neither is known.
func standardError(ind *jsna.Indicator, value, lower, upper, count, denom *float64) float64 {
	if lower != nil && upper != nil {
		return (*upper - *lower) / (2 * z95)
	}
	if ind != nil && count != nil && denom != nil && *denom > 0 && ind.Method == jsna.MethodProportion {
		if iv, err := ind.CI(*count, *denom, 0.95); err == nil {
			return (iv.Upper - iv.Lower) / (2 * z95)
		}
	}
	return math.NaN()
}

func indicators(d *jsna.Document) map[string]*jsna.Indicator {
	m := make(map[string]*jsna.Indicator, len(d.Indicators))
	for i := range d.Indicators {
		m[d.Indicators[i].ID] = &d.Indicators[i]
	}
	return m
}

// WardEstimate is ward's estimate of the practice-level indicator: the
// mean of its practices' values weighted by their patients in the ward
// (see the package comment for the interval and caveats). Value is nil
// when no practice serving the ward has a value.
func WardEstimate(d *jsna.Document, ward, indicator string) Estimate {
	var parts []part
	total := 0.0
	ind := indicators(d)[indicator]
	for i := range d.Practices {
		p := &d.Practices[i]
		pw, ok := p.Ward(ward)
		if !ok || pw.Patients == 0 {
			continue
		}
		total += float64(pw.Patients)
		for _, v := range p.Values {
			if v.Indicator == indicator && v.Value != nil {
				parts = append(parts, part{float64(pw.Patients), *v.Value, standardError(ind, v.Value, v.Lower, v.Upper, v.Count, v.Denominator)})
			}
		}
	}
	return combine(ward, indicator, parts, total, Method)
}

// PracticeIndicators returns the ids of the indicators any of d's
// practices has a value for, in the order of d's indicators.
func PracticeIndicators(d *jsna.Document) []string {
	has := map[string]bool{}
	for i := range d.Practices {
		for _, v := range d.Practices[i].Values {
			has[v.Indicator] = true
		}
	}
	var ids []string
	for _, ind := range d.Indicators {
		if has[ind.ID] {
			ids = append(ids, ind.ID)
		}
	}
	return ids
}

// WardEstimates returns the estimate of every practice-level indicator for
// every ward of d that has registered patients, ward by ward in d's order.
func WardEstimates(d *jsna.Document) []Estimate {
	ids := PracticeIndicators(d)
	totals := WardTotals(d)
	var out []Estimate
	for _, w := range d.Wards {
		if totals[w.Code] == 0 {
			continue
		}
		for _, id := range ids {
			out = append(out, WardEstimate(d, w.Code, id))
		}
	}
	return out
}

// ListWeightedMethod names ListWeighted's method.
const ListWeightedMethod = "mean of the wards' values weighted by the practice's patients living in each (as practice deprivation scores are built from LSOAs); 95% interval: normal approximation from the wards' intervals, wards independent"

// ListWeighted is practice p's view of a ward-level indicator: the wards'
// values weighted by p's patients living in each, over the document's
// wards with a value. Coverage is the share of p's list behind it: p's
// patients living outside the document's wards, or in wards with no
// value, are not in it.
func ListWeighted(d *jsna.Document, p *jsna.Practice, indicator string) Estimate {
	ind := indicators(d)[indicator]
	byCode := make(map[string]*jsna.Ward, len(d.Wards))
	for i := range d.Wards {
		byCode[d.Wards[i].Code] = &d.Wards[i]
	}
	var parts []part
	for _, pw := range p.Wards {
		w := byCode[pw.Code]
		if w == nil || pw.Patients == 0 {
			continue
		}
		for _, v := range w.Values {
			if v.Indicator == indicator && v.Value != nil {
				parts = append(parts, part{float64(pw.Patients), *v.Value, standardError(ind, v.Value, v.Lower, v.Upper, v.Count, v.Denominator)})
			}
		}
	}
	return combine(p.ID, indicator, parts, float64(p.ListSize), ListWeightedMethod)
}

// WardShare is the share of a practice's list living in one ward.
type WardShare struct {
	Ward     string
	Patients int
	Share    float64 // of the practice's list, 0–1
}

// Catchment is practice p's catchment profile: the share of its list in
// each of the document's wards, largest first (ties in ward code order).
// The shares add up to less than 1 by the patients living elsewhere and
// of unknown LSOA (Practice.Elsewhere, Practice.Unknown).
func Catchment(p *jsna.Practice) []WardShare {
	out := make([]WardShare, 0, len(p.Wards))
	for _, w := range p.Wards {
		s := WardShare{Ward: w.Code, Patients: w.Patients}
		if p.ListSize > 0 {
			s.Share = float64(w.Patients) / float64(p.ListSize)
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Patients != out[j].Patients {
			return out[i].Patients > out[j].Patients
		}
		return out[i].Ward < out[j].Ward
	})
	return out
}

// AroundMethod names AroundPractice's method.
const AroundMethod = "the wards' estimates (all their practices) weighted by the practice's patients living in each; no interval (the wards' estimates share practices)"

// AroundPractice is, for practice p and a practice-level indicator, the
// estimates of the wards p's patients live in (WardEstimate, from every
// practice serving each) weighted by p's patients in each: what the
// practices around p record for people living where p's patients live,
// to set beside p's own value. It has no interval: the wards' estimates
// share practices, p among them, so they are not independent. Coverage is
// the share of p's list behind it.
func AroundPractice(d *jsna.Document, p *jsna.Practice, indicator string) Estimate {
	var parts []part
	for _, pw := range p.Wards {
		if pw.Patients == 0 {
			continue
		}
		if e := WardEstimate(d, pw.Code, indicator); e.Value != nil {
			parts = append(parts, part{float64(pw.Patients), *e.Value, math.NaN()})
		}
	}
	return combine(p.ID, indicator, parts, float64(p.ListSize), AroundMethod)
}

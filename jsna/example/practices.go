package example

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// The practice-level indicators of the example: prevalence as a QOF
// register would record it, drawn synthetically. The England values are
// the example's own, close to the published QOF figures of recent years,
// and are marked synthetic like the rest.
var practiceIndicators = []struct {
	id, name   string
	england    float64 // per cent
	adultShare float64 // the denominator as a share of the list
	spread     float64 // practice-to-practice variation, log-odds
}{
	{"qof-dm-synthetic", "Diabetes: recorded prevalence, patients aged 17+ (QOF-style, synthetic)", 7.5, 0.8, 0.25},
	{"qof-hyp-synthetic", "Hypertension: recorded prevalence, all ages (QOF-style, synthetic)", 14.5, 1, 0.2},
}

var practiceNamePatterns = []string{"%s Medical Centre", "The %s Surgery", "%s Health Centre", "%s Family Practice", "%s Group Practice"}

// addPractices gives d a few synthetic GP practices serving its wards:
// about one for every two and a half wards, each with a list of 4,000 to
// 15,000 patients, most living in its home ward and the wards either side,
// some elsewhere or of unknown LSOA, and a few in a ward further off (the
// small cells disclosure control suppresses), with values of the
// practice-level indicators. It draws from its own generator, so the
// wards are the same with or without it.
func addPractices(d *jsna.Document, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 0x4750524143544943)) // "GPRACTIC"
	for _, t := range practiceIndicators {
		bench := t.england
		d.Indicators = append(d.Indicators, jsna.Indicator{
			ID: t.id, Name: t.name, Domain: "GP practices (practice-level)", Method: jsna.MethodProportion,
			Polarity: jsna.NoJudgement, Unit: "%", Multiplier: 100, Period: "2024/25",
			Source: "synthetic, in the style of the Quality and Outcomes Framework (QOF) registers", BenchmarkValue: &bench})
	}
	n := max(2, len(d.Wards)*2/5)
	for i := range n {
		home := (i*len(d.Wards) + len(d.Wards)/(2*n)) / n
		d.Practices = append(d.Practices, examplePractice(rng, d, i, home))
	}
}

// examplePractice draws practice i, whose home is ward home.
func examplePractice(rng *rand.Rand, d *jsna.Document, i, home int) jsna.Practice {
	list := 4000 + rng.IntN(11001)
	p := jsna.Practice{
		// Z99 codes are not given to real practices' ODS codes here.
		ID: fmt.Sprintf("Z99%03d", i+1), Name: fmt.Sprintf(practiceNamePatterns[i%len(practiceNamePatterns)], d.Wards[home].Name),
		ListSize: list, Publication: "GP_PRAC_PAT_LIST", ExtractDate: "2026-10-01",
		Lookup: "synthetic (best fit)", Synthetic: true,
	}
	p.Unknown = int(math.Round(float64(list) * (0.002 + 0.003*rng.Float64())))
	elsewhere := int(math.Round(float64(list) * (0.03 + 0.05*rng.Float64())))
	left := list - p.Unknown - elsewhere
	// Shares of the rest: home 45–65%, the neighbours the remainder.
	weights := map[int]float64{home: 0.45 + 0.2*rng.Float64()}
	for _, off := range []int{-3, -2, -1, 1, 2, 3} {
		if w := home + off; w >= 0 && w < len(d.Wards) {
			weights[w] = (1 - weights[home]) * (0.5 + rng.Float64()) / 6
		}
	}
	var sum float64
	for _, w := range weights {
		sum += w
	}
	counts := make([]int, len(d.Wards))
	given := 0
	for w := range d.Wards {
		if wt, ok := weights[w]; ok {
			counts[w] = int(math.Floor(float64(left) * wt / sum))
			given += counts[w]
		}
	}
	counts[home] += left - given
	// A few patients in a ward further off: a small cell.
	if far := (home + len(d.Wards)/2) % len(d.Wards); len(d.Wards) > 5 && counts[far] == 0 {
		small := 1 + rng.IntN(4)
		counts[far], counts[home] = small, counts[home]-small
	}
	for w, c := range counts {
		if c > 0 {
			p.Wards = append(p.Wards, jsna.PracticeWard{Code: d.Wards[w].Code, Patients: c})
		}
	}
	for _, t := range practiceIndicators {
		p.Values = append(p.Values, practiceValue(rng, t.id, float64(list)*t.adultShare, t.england, t.spread))
	}
	return p
}

// practiceValue draws a practice's prevalence of indicator id, with its
// Wilson interval.
func practiceValue(rng *rand.Rand, id string, den, england, spread float64) jsna.PracticeValue {
	den = math.Round(den)
	p0 := england / 100
	p := 1 / (1 + math.Exp(-(math.Log(p0/(1-p0)) + spread*rng.NormFloat64())))
	count := math.Round(den * p)
	v := jsna.PracticeValue{Indicator: id, Period: "2024/25", Count: &count, Denominator: &den}
	if iv, err := stats.ProportionCI(count, den, stats.Level95, 100); err == nil {
		v.Value, v.Lower, v.Upper = f(iv.Value), f(iv.Lower), f(iv.Upper)
	}
	return v
}

package stats

import (
	"fmt"
	"math"
)

// LifeExpectancyAges are the start ages of the abridged life table's
// bands that LifeExpectancy takes: 0, 1–4, 5–9, …, 85–89 and 90+, as
// ONS and PHEindicatormethods' phe_life_expectancy use them.
var LifeExpectancyAges = []float64{0, 1, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90}

// LifeBand is one age band of a life table: its start age, deaths and
// population (person-years).
type LifeBand struct{ StartAge, Deaths, Population float64 }

// LifeExpectancyAt is the life expectancy at one start age.
type LifeExpectancyAt struct {
	StartAge float64
	Interval         // value and limits in years
	SE       float64 // standard error
	// Note says why there is no value: "" when there is one.
	Note string
}

// LifeExpectancy returns the life expectancy at each band's start age by
// Chiang's method II for an abridged life table (Chiang CL, The Life
// Table and its Construction, 1968; ONS; PHE Life Expectancy Calculator;
// PHEindicatormethods' phe_life_expectancy), with Silcocks et al.'s
// variance for the last, open band (J Epidemiol Community Health 2001):
// with Mᵢ = deaths/population, nᵢ the band's width, aᵢ = 0.1 for age 0
// and 0.5 otherwise,
//
//	qᵢ = Mᵢnᵢ / (1 + Mᵢnᵢ(1 − aᵢ))   (1 where deathsᵢ > populationᵢ/nᵢ/aᵢ, and for 90+)
//	lᵢ₊₁ = lᵢ(1 − qᵢ), l₀ = 100,000;  Lᵢ = nᵢ(lᵢ₊₁ + aᵢ(lᵢ − lᵢ₊₁)), L₉₀ = l₉₀/M₉₀
//	eᵢ = Σⱼ≥ᵢ Lⱼ / lᵢ
//	var(eᵢ) = Σⱼ≥ᵢ lⱼ²((1 − aⱼ)nⱼ + eⱼ₊₁)²·qⱼ²(1 − qⱼ)/deathsⱼ / lᵢ²,
//	          the 90+ term (l₉₀/2)²·4/(deaths₉₀·M₉₀²)
//
// and the interval e ± z·SE. The bands must be LifeExpectancyAges in that
// order. As the reference does, nothing is calculated (every result has
// a note) for negative deaths, a population of 0 or less, deaths above
// the population in a band, or a total population of 5,000 or less; a
// value that is infinite (no deaths at 90+) is left out; and a value whose
// 95% interval is wider than 20 years is suppressed (the reference keeps
// its limits; here they are left out too).
func LifeExpectancy(bands []LifeBand, confidence float64) ([]LifeExpectancyAt, error) {
	c, err := normConfidence(confidence)
	if err != nil {
		return nil, err
	}
	if len(bands) != len(LifeExpectancyAges) {
		return nil, fmt.Errorf("jsna: life expectancy needs the %d age bands 0, 1, 5, …, 90, not %d", len(LifeExpectancyAges), len(bands))
	}
	out := make([]LifeExpectancyAt, len(bands))
	var total float64
	note := ""
	for i, b := range bands {
		if b.StartAge != LifeExpectancyAges[i] {
			return nil, fmt.Errorf("jsna: life expectancy: band %d starts at %v, want %v", i+1, b.StartAge, LifeExpectancyAges[i])
		}
		out[i].StartAge = b.StartAge
		total += b.Population
		switch {
		case note != "":
		case b.Deaths < 0:
			note = "some age bands have negative deaths"
		case b.Population <= 0:
			note = "some age bands have a zero or less population"
		case b.Deaths > b.Population:
			note = "some age bands have more deaths than population"
		}
	}
	if note == "" && total <= 5000 {
		note = "total population of 5,000 or less"
	}
	if note != "" {
		for i := range out {
			out[i].Interval = Interval{math.NaN(), math.NaN(), math.NaN()}
			out[i].SE = math.NaN()
			out[i].Note = note
		}
		return out, nil
	}
	chiang(bands, out)
	z, z95 := zFor(c), zFor(Level95)
	for i := range out {
		e, se := out[i].Value, out[i].SE
		out[i].Lower, out[i].Upper = e-z*se, e+z*se
		switch {
		case math.IsInf(e, 0) || math.IsNaN(e) || math.IsNaN(se):
			out[i].Interval = Interval{math.NaN(), math.NaN(), math.NaN()}
			out[i].Note = "cannot be calculated (no deaths in the last age band)"
		case z95*se > 10:
			out[i].Interval = Interval{math.NaN(), math.NaN(), math.NaN()}
			out[i].Note = "suppressed: 95% confidence interval wider than 20 years"
		}
	}
	return out, nil
}

// chiang fills in the life table's expectancies and standard errors.
func chiang(bands []LifeBand, out []LifeExpectancyAt) {
	k := len(bands)
	n, a, m, q := make([]float64, k), make([]float64, k), make([]float64, k), make([]float64, k)
	l := make([]float64, k+1)
	l[0] = 1e5
	for i, b := range bands {
		m[i] = b.Deaths / b.Population
		a[i] = 0.5
		if b.StartAge == 0 {
			a[i] = 0.1
		}
		if i+1 < k {
			n[i] = bands[i+1].StartAge - b.StartAge
		} else {
			n[i] = 2 / m[i]
		}
		q[i] = 1
		if i+1 < k && b.Deaths <= b.Population/n[i]/a[i] {
			q[i] = m[i] * n[i] / (1 + m[i]*n[i]*(1-a[i]))
		}
		l[i+1] = l[i] * (1 - q[i])
	}
	l[k] = 0
	var T, ST float64
	e := make([]float64, k+1)
	for i := k - 1; i >= 0; i-- {
		d := l[i] - l[i+1]
		var L, spi, w float64
		if i == k-1 {
			L = l[i] / m[i]
			spi = 4 / (bands[i].Deaths * m[i] * m[i])
			w = math.Pow(l[i]/2, 2) * spi
		} else {
			L = n[i] * (l[i+1] + a[i]*d)
			if d != 0 {
				spi = q[i] * q[i] * (1 - q[i]) / bands[i].Deaths
			}
		}
		T += L
		if l[i] != 0 {
			e[i] = T / l[i]
		}
		if i < k-1 {
			w = spi * l[i] * l[i] * math.Pow((1-a[i])*n[i]+e[i+1], 2)
		}
		ST += w
		out[i].Value = e[i]
		out[i].SE = math.Sqrt(ST / (l[i] * l[i]))
	}
}

package jsna

import "github.com/wardwise/wardwise/jsna/stats"

// Comparators summarise, for one indicator, the values of a reference set
// of wards wider than the document's (all wards in England, or in Wales),
// read once from a reference file (importer.Comparators, `jsna
// comparators`). Where an indicator has them, its spine range (worst,
// 25th and 75th percentiles, best) and every ward value's quintile come
// from them instead of from the document's own wards. A summary, not the
// thousands of values: small, and it merges field by field.
type Comparators struct {
	// Source names where the values come from ("Fingertips") and File the
	// file read; Area is the set of wards ("England", "Wales"), AreaCode
	// its GSS code; Period the time period summarised.
	Source   string `json:"source" validate:"required,max=200"`
	File     string `json:"file,omitempty" validate:"max=500"`
	Area     string `json:"area" validate:"required,max=200"`
	AreaCode string `json:"area_code,omitempty" validate:"max=20"`
	Period   string `json:"period,omitempty" validate:"max=100"`
	// N is the number of wards with a value; Min … Max their least, 25th,
	// 50th and 75th percentiles (type 7, stats.RangeOf) and greatest.
	N      int     `json:"n" validate:"gte=1"`
	Min    float64 `json:"min"`
	Q25    float64 `json:"q25"`
	Median float64 `json:"median"`
	Q75    float64 `json:"q75"`
	Max    float64 `json:"max"`
	// Quintiles are the four cut points of the wards' quintiles
	// (stats.QuantileCuts): a value above the k-th and not above the
	// next is in quintile k+1. Empty with fewer than five wards.
	Quintiles []float64 `json:"quintiles,omitempty" validate:"omitempty,len=4"`
	Extra     Extra     `json:"-"`
}

// Range is c's summary for stats.NewSpineFromRange.
func (c *Comparators) Range() stats.Range {
	return stats.Range{N: c.N, Min: c.Min, Q25: c.Q25, Median: c.Median, Q75: c.Q75, Max: c.Max}
}

//go:build js && wasm

package ui

// Names from data that the catalogue knows in every language: the
// benchmarks a JSNA is compared with, by GSS code, with the English name
// ONS gives them. A document whose benchmark has another name (one the
// author typed) shows that name as it is.
var placeNames = map[string]struct{ english, key string }{
	"E92000001": {"England", "place.england"},
	"W92000004": {"Wales", "place.wales"},
	"K04000001": {"England and Wales", "place.englandwales"},
}

// placeName is the place with GSS code code and name name (from the
// file) in the app's language, where the catalogue knows it.
func (a *App) placeName(code, name string) string {
	if p, ok := placeNames[code]; ok && p.english == name {
		return a.t(p.key)
	}
	return name
}

// units are the units jsna's table of known indicators and its importers
// write, by their catalogue keys.
var units = map[string]string{
	"ratio":       "unit.ratio",
	"per 1,000":   "unit.per1000",
	"per 100,000": "unit.per100000",
	"per 100":     "unit.per100",
	"%":           "unit.percent",
	"score":       "unit.score",
	"years":       "unit.years",
}

// unitText is an indicator's unit in the app's language where the
// catalogue knows it, or as the file has it.
func (a *App) unitText(u string) string {
	if key, ok := units[u]; ok {
		return a.t(key)
	}
	return u
}

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
// file) in the app's language: the catalogue's name where it knows the
// place, else the Welsh name the working document gives the area or
// benchmark of that code and name (name_cy) in the Welsh interface, else
// name, marked as English where the interface is not (langparts.go).
func (a *App) placeName(code, name string) string {
	if p, ok := placeNames[code]; ok && p.english == name {
		return a.t(p.key)
	}
	cy := ""
	if d := a.doc; d != nil {
		switch {
		case d.Area.Code == code && d.Area.Name == name:
			cy = d.Area.NameCy
		case d.Benchmark.Code == code && d.Benchmark.Name == name:
			cy = d.Benchmark.NameCy
		}
	}
	return a.nameIn(name, cy)
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

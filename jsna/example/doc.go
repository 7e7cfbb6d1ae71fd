// Package example makes the synthetic example assessment Wardwise opens
// for people to try it, and its tests use: New draws a fictional borough of
// Options.Wards wards and Options.Indicators indicators from the Local
// Health definitions of jsna.KnownIndicator, with plausible values,
// intervals computed by jsna/stats, narrative, assets, voice notes and
// needs, from Options.Seed, so the same options always give the same
// document. Every document it makes is marked Synthetic and carries Notice.
//
// See ExampleNew:
//
//	d := example.New(example.Options{Seed: 1}) // 20 wards, 30 indicators
package example

// Package importer makes jsna documents from the indicator data analysts
// download: Fingertips reads a Fingertips (or OHID Local Health) data CSV,
// ODS an OpenDocument spreadsheet (.ods) with the same columns on one of
// its sheets. Options choose the rows: by default, for every indicator,
// Persons, All ages, no category breakdown and the latest time period, for
// every ward in the file, with the England row (England, E92000001) as
// each indicator's benchmark. Indicators in jsna.KnownIndicator's table
// get their method, polarity, unit and multiplier from it.
//
// Every import returns a Report that accounts for every row of the file:
// imported as a ward value, used as a benchmark, or skipped with a kind
// (SkipMissing, SkipArea, SkipPeriod, ...) and a reason naming the line or
// cell. Report.Groups counts the skipped rows by indicator and reason
// (skipgroups.go), each reason with what it means and what to do, and
// Report.Summary says it all for people.
//
// The files follow the import's steps: fingertips.go the entry point and
// the report; columns.go the header and cells; rows.go reading a row and
// the filters that need no other rows; variants.go grouping the rows by
// indicator, sex and age and choosing the variants and periods;
// document.go building and validating the document; encoding.go
// Windows-1252, as Excel saves CSV; ods.go reading a spreadsheet.
//
// See ExampleFingertips and ExampleODS:
//
//	d, rep, err := importer.Fingertips("data.csv", f, importer.Options{})
//	fmt.Print(rep.Summary(10))
package importer

// Package jsna is the joint strategic needs assessment document, jsna/1:
// its types, how it is read, checked and written, and its revisions. It
// imports the standard library, gjson, validator and jsna/stats, and
// nothing that touches the platform, so its tests run on the host and,
// unchanged, under GOOS=js.
//
// A Document (document.go) is an assessment of an Area's Wards against a
// Benchmark: the Indicators and each ward's Values for them, and the
// ward's narrative Sections, Assets, Voice notes and Needs (scored by the
// Hanlon method: Need.BPR, Need.PearlFailures). A Document with a Draft
// block is a draft of a master, written by one author; the master keeps the
// merge's bookkeeping (History, Conflicts; bookkeeping.go). Every record
// keeps the members this version does not know in its Extra, so a file
// written by a newer Wardwise loses nothing passing through this one.
//
// The codec: Decode (decode.go) reads JSON into the types by their json
// tags in one pass of its own scanner (scan.go), which checks the syntax
// and depth as it goes, the wards' values by hand (values.go) and the
// other records by reflection; gjson unescapes strings and parses what is
// kept raw. Validate (validate.go) checks the field rules in the struct
// tags with validator/v10, asked only about the records that break one
// (validate_plain.go), and the rules that span fields; Canonical,
// Marshal and Encode (encode.go) write a document back deterministically,
// and Revision names its content by hash (SaveID and StampSave, save.go,
// name one save of a draft). Parse and Read decode and validate at once,
// and report every problem in an *Error of Problems (errors.go), each with
// its JSON path and, where known, its line and column.
//
// KnownIndicator (known.go) is the built-in table of OHID Local Health
// indicators. Fields, DecodeValue, AppendCanonical and DeepCopy (model.go)
// let other packages walk a document generically, as jsna/merge does.
//
// The packages below it each do one job: jsna/stats the statistical
// methods, jsna/importer the Fingertips and .ods importers, jsna/score the
// scores and rankings, jsna/disclosure the small-number suppression,
// jsna/merge the merging of drafts, and jsna/example the synthetic example.
//
// See ExampleParse, ExampleEncode and ExampleRevision for use:
//
//	d, err := jsna.Parse("area.jsna.json", data)
//	if err != nil {
//		return err // an *Error listing every problem
//	}
//	err = jsna.Encode(w, d)
package jsna

package jsna

// The jsna/1 codec: Decode (decode.go) reads JSON with gjson into the model
// types of document.go, by their json tags, keeping unknown members in
// Extra; Validate (validate.go) checks the result with validator/v10 and the
// cross-field rules; Canonical, Marshal, Encode and Revision (encode.go)
// write it back deterministically. Parse and Read combine decoding and
// validation and report every problem in an *Error (errors.go).

// Limits the readers enforce. A file past them is refused with a message
// that says which limit it broke, before any of it is decoded.
const (
	// MaxDocumentBytes is the largest document Read and Decode accept. An
	// England-scale master (about 7,000 wards by 60 indicators with
	// narrative) is well under it.
	MaxDocumentBytes = 128 << 20
	// MaxDepth is the deepest nesting of arrays and objects accepted. The
	// format itself needs 5 levels; the rest is room for unknown members.
	MaxDepth = 64
)

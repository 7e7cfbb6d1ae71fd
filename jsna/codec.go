package jsna

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

//go:build wardwise_viewer

package jsna

// syntaxError in the viewer build locates nothing: the viewer reads only
// documents validated when they were stored and hands one it cannot read
// to the full app, which says where and what the error is
// (syntax_json.go, with encoding/json's scanner, left out of the viewer).
func syntaxError(data []byte) (line, col int, msg Text) {
	return 1, 1, Textf("syntax error: %s", "the document is not valid JSON")
}

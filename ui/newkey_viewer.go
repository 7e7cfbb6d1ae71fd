//go:build js && wasm && wardwise_viewer

package ui

import (
	"encoding/hex"
	"syscall/js"
)

// newKey makes a record key as the full app's does (newkey_full.go):
// prefix and 8 random hex digits, here from the browser's
// crypto.getRandomValues, so that the viewer links no crypto/rand (and
// with it Go's FIPS 140 module). The viewer writes nothing, so it makes no
// keys; this keeps the shared code that would compiling.
func newKey(prefix string) string {
	buf := js.Global().Get("Uint8Array").New(4)
	js.Global().Get("crypto").Call("getRandomValues", buf)
	var b [4]byte
	js.CopyBytesToGo(b[:], buf)
	return prefix + "-" + hex.EncodeToString(b[:])
}

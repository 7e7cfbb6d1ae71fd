//go:build js && wasm && !wardwise_viewer

package ui

import (
	"crypto/rand"
	"encoding/hex"
)

// newKey makes a record key that does not clash with keys other drafts
// create independently: prefix and 8 random hex digits.
func newKey(prefix string) string {
	var b [4]byte
	rand.Read(b[:])
	return prefix + "-" + hex.EncodeToString(b[:])
}

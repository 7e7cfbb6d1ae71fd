//go:build js && wasm && wardwise_viewer

// Command viewer is the first WebAssembly module of the browser app
// (static/viewer.wasm, built with the tag wardwise_viewer): it draws the
// first ward view of a stored document while the full app (../, app.wasm)
// downloads, then exits when static/app.js hands over to the full app.
package main

import "github.com/wardwise/wardwise/ui"

func main() {
	<-ui.MountViewer()
}

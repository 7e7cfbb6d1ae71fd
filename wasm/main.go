//go:build js && wasm

// Command wasm is the WebAssembly entry point of the Wardwise browser app:
// it mounts the user interface in the page and keeps the program alive for
// its event callbacks.
package main

import "github.com/wardwise/wardwise/ui"

func main() {
	ui.Mount()
	select {}
}

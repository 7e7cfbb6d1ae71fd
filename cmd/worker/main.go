//go:build !(js && wasm)

// Command worker is the Wardwise hub: a Cloudflare Worker that serves the
// browser app, receives drafts from the field and merges them into each
// assessment's master with the jsna package, keeping masters and drafts in
// R2 and their history in D1. The handlers (Hub) are plain net/http and
// run anywhere; only main_js.go, built with GOOS=js GOARCH=wasm, binds
// them to the Workers runtime. `make hub` builds it and runs it locally
// under wrangler dev; README.md says how to deploy it.
//
// Built for the host it only says so.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "worker: build with GOOS=js GOARCH=wasm (make hub runs it under wrangler dev)")
	os.Exit(2)
}

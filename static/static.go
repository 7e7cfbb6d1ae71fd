// Package static holds the browser app's files (the page, stylesheets,
// scripts, service worker, manifest, icons, the WebAssembly build and the
// example data) embedded into the binary, and the http.Handler that serves
// them with the headers the app needs.
//
// The WebAssembly build and its compressed copies, wasm_exec.js, the
// GOV.UK Frontend stylesheet and version.js are written by `make wasm`;
// a binary built without them still serves the page, which then says the
// app has not been built.
package static

import "embed"

// Files is the app. Patterns name committed files so that a fresh clone
// builds; the generated files match the same patterns once make has written
// them (app.* takes app.wasm and the viewer app.viewer.wasm, each with its
// .gz and .br; *.js takes
// wasm_exec.js and version.js; *.css the GOV.UK stylesheet; *.txt
// version.txt); examples/*.json is the example the start page opens. Each
// pattern but icons ends in * to take the brotli copy (name.br) make wasm
// writes of each text file; the committed file still matches it.
//
//go:embed index.html* *.css* *.js* *.webmanifest* *.txt app.* icons examples/*.json*
var Files embed.FS

//go:build js && wasm

package ui

import (
	"errors"
	"fmt"
	"strings"
	"syscall/js"
)

// download offers data as a file download named name. It works in every
// browser and needs no permission; the bytes never leave the device.
func download(name, mime string, data []byte) error {
	blob, err := construct(js.Global().Get("Blob"), []any{uint8Array(data)}, map[string]any{"type": mime})
	if err != nil {
		return err
	}
	u, err := call(js.Global().Get("URL"), "createObjectURL", blob)
	if err != nil {
		return err
	}
	link := el("a", attr("href", u.String()), attr("download", name), cls("govuk-visually-hidden"))
	body := doc.Underlying().Get("body")
	body.Call("appendChild", link.Underlying())
	_, err = call(link.Underlying(), "click")
	body.Call("removeChild", link.Underlying())
	// The download has started from the blob; it can be freed once the
	// browser has taken it, which a moment's grace covers.
	js.Global().Call("setTimeout", js.FuncOf(func(this js.Value, args []js.Value) any {
		js.Global().Get("URL").Call("revokeObjectURL", u)
		return nil
	}), 60000)
	return err
}

// fetchBegin starts fetching a path of the app's own origin and returns
// at once; the function it returns waits for the body (it blocks).
func fetchBegin(path string) func() ([]byte, error) {
	if strings.Contains(path, "://") || strings.HasPrefix(path, "//") {
		return func() ([]byte, error) { return nil, errors.New("ui: only the app's own files can be fetched") }
	}
	// static/app.js asks for the file the first view needs (the example)
	// while the module downloads and compiles (window.wardwisePrefetch,
	// path to the promise of its fetch); its response is taken once, by
	// the first program that wants it.
	if pre := js.Global().Get("wardwisePrefetch"); pre.Truthy() {
		if p := pre.Get(path); p.Truthy() {
			pre.Delete(path)
			return func() ([]byte, error) { return fetchBody(path, p) }
		}
	}
	p, err := call(js.Global(), "fetch", path, map[string]any{"credentials": "same-origin"})
	return func() ([]byte, error) {
		if err != nil {
			return nil, err
		}
		return fetchBody(path, p)
	}
}

// fetchBody waits for the response to a fetch of path, promise p, and its
// body. It blocks.
func fetchBody(path string, p js.Value) ([]byte, error) {
	resp, err := await(p)
	if err != nil {
		return nil, err
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("%s: %d %s", path, resp.Get("status").Int(), resp.Get("statusText").String())
	}
	p, err = call(resp, "arrayBuffer")
	if err != nil {
		return nil, err
	}
	buf, err := await(p)
	if err != nil {
		return nil, err
	}
	return bytesOf(buf), nil
}

// exampleFile is the example shipped with the app.
const exampleFile = "examples/example-borough.json"

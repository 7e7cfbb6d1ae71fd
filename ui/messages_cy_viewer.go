//go:build js && wasm && wardwise_viewer

package ui

import (
	"errors"

	"github.com/tidwall/gjson"
)

// The viewer leaves the Welsh catalogue (messages_cy.go) out of its module
// (27 KiB of brotli) and fetches it, as JSON, when the interface is Welsh:
// static/app.cy.json, which make wasm writes from messages_cy.go
// (TestWriteWelshCatalogue) and the service worker caches. It is fetched
// while the document is, so a Welsh first view costs no extra wait on a
// warm cache.

// messagesCY is empty until loadWelsh fills it.
var messagesCY = map[string]string{}

// welshFile is the Welsh catalogue as make wasm writes it.
const welshFile = "app.cy.json"

// welshBegin starts fetching the Welsh catalogue; the function it returns
// waits for it (it blocks) and fills messagesCY.
func welshBegin() func() error {
	body := fetchBegin(welshFile)
	return func() error {
		if len(messagesCY) > 0 {
			return nil
		}
		b, err := body()
		if err != nil {
			return err
		}
		r := gjson.ParseBytes(b)
		if !r.IsObject() {
			return errors.New(welshFile + ": not a JSON object")
		}
		m := map[string]string{}
		ok := true
		r.ForEach(func(k, v gjson.Result) bool {
			ok = v.Type == gjson.String
			m[k.Str] = v.Str
			return ok
		})
		if !ok || len(m) == 0 {
			return errors.New(welshFile + ": not a catalogue")
		}
		for k, v := range m {
			messagesCY[k] = v
		}
		return nil
	}
}

// withLang calls f once the catalogue of l is loaded: at once for English
// or a loaded Welsh; after fetching the Welsh catalogue otherwise, or, when
// it cannot be fetched, it hands over to the full app, which has it.
func (a *App) withLang(l Lang, f func()) {
	if l != Welsh || len(messagesCY) > 0 {
		f()
		return
	}
	a.spawn(func() {
		if welshBegin()() != nil {
			a.needApp()
			return
		}
		f()
	})
}

//go:build js && wasm

package ui

import (
	"fmt"
	"strings"
	"syscall/js"
)

// storageState is what the start page says about the browser's storage.
type storageState struct {
	persist string  // "granted", "denied", "unsupported", "" not known yet
	usage   float64 // bytes used by the origin, -1 unknown
	quota   float64
	wiped   bool // the library was there last time and is gone now
	cleared bool // the page was reloaded by "Clear this browser"
}

// markerCookie is a first-party cookie set once the library holds a
// document. Cookies are not in the quota-managed storage a browser wipes
// when the disk is full, so finding the cookie without a library on the
// next start means the browser deleted it.
const markerCookie = "wardwise_library"

// hasMarker reports whether the marker cookie is set.
func hasMarker() bool {
	c := js.Global().Get("document").Get("cookie")
	if c.Type() != js.TypeString {
		return false
	}
	for _, p := range strings.Split(c.String(), ";") {
		if strings.TrimSpace(p) == markerCookie+"=1" {
			return true
		}
	}
	return false
}

// setMarker sets the marker cookie (for 400 days, the most browsers keep
// one), or deletes it.
func setMarker(on bool) {
	v := markerCookie + "=1; path=/; SameSite=Strict; max-age=34560000"
	if !on {
		v = markerCookie + "=; path=/; SameSite=Strict; max-age=0"
	}
	defer func() { recover() }()
	js.Global().Get("document").Set("cookie", v)
}

// askPersist asks the browser to keep the app's storage until the user
// removes it (navigator.storage.persist), and finds out how much is used.
// It blocks; the start page shows the answers when they come.
func (a *App) askPersist() {
	a.storage.usage = -1
	st := js.Global().Get("navigator").Get("storage")
	if !st.Truthy() || st.Get("persist").Type() != js.TypeFunction {
		a.storage.persist = "unsupported"
		a.showStorage()
		return
	}
	granted := false
	if p, err := call(st, "persisted"); err == nil {
		if v, err := await(p); err == nil {
			granted = v.Truthy()
		}
	}
	if !granted {
		if p, err := call(st, "persist"); err == nil {
			if v, err := await(p); err == nil {
				granted = v.Truthy()
			}
		}
	}
	a.storage.persist = "denied"
	if granted {
		a.storage.persist = "granted"
	}
	a.estimate()
}

// estimate reads how much storage the app uses and may use. It blocks.
func (a *App) estimate() {
	st := js.Global().Get("navigator").Get("storage")
	if st.Truthy() && st.Get("estimate").Type() == js.TypeFunction {
		if p, err := call(st, "estimate"); err == nil {
			if v, err := await(p); err == nil {
				a.storage.usage = v.Get("usage").Float()
				a.storage.quota = v.Get("quota").Float()
			}
		}
	}
	a.showStorage()
}

// showStorage updates the start page's storage paragraph, if shown.
func (a *App) showStorage() {
	if e := byID("storage-state"); e != nil {
		e.SetTextContent(a.storageText())
	}
}

// storageText says whether the browser keeps the library and how much it
// holds.
func (a *App) storageText() string {
	var s string
	switch a.storage.persist {
	case "granted":
		s = a.t("lib.storage.persist.granted")
	case "denied":
		s = a.t("lib.storage.persist.denied")
	case "unsupported":
		s = a.t("lib.storage.persist.unsupported")
	default:
		return a.t("lib.storage.checking")
	}
	if a.storage.usage >= 0 && a.storage.quota > 0 {
		s += " " + a.t("lib.storage.usage", megabytes(a.storage.usage), megabytes(a.storage.quota))
	}
	return s
}

// megabytes writes n bytes as megabytes, or gigabytes when large.
func megabytes(n float64) string {
	if n >= 1e9 {
		return fmt.Sprintf("%.1f GB", n/1e9)
	}
	return fmt.Sprintf("%.1f MB", n/1e6)
}

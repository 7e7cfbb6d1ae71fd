//go:build js && wasm

package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// The browser store keeps the working document so that nothing typed is
// lost when the tab is closed or the browser dies. It uses IndexedDB, or
// localStorage where IndexedDB cannot be opened (some private modes).
//
// Two slots: "current" is the document being worked on; "previous" is
// whatever was being worked on, with unsaved changes, when another
// document was opened over it. The start page offers both back.
const (
	slotCurrent  = "current"
	slotPrevious = "previous"

	dbName    = "wardwise"
	dbVersion = 1
	dbStore   = "work"

	localPrefix = "wardwise.work."
)

// saved is one slot of the store.
type saved struct {
	Slot     string    `json:"slot"`
	Title    string    `json:"title"`
	FileName string    `json:"file_name"`
	Route    string    `json:"route"`
	Dirty    bool      `json:"dirty"`          // changed since last opened or saved to a file
	Base     string    `json:"base,omitempty"` // App.baseRev
	SavedAt  time.Time `json:"saved_at"`
	Data     string    `json:"data"` // the document's canonical JSON
}

// store is the browser store. Its methods block: call them from goroutines.
type store struct {
	db  js.Value // IDBDatabase, or undefined when falling back to localStorage
	err error    // why neither works, if so
}

// openStore opens the IndexedDB database, creating it on first use.
func openStore() *store {
	s := &store{db: js.Undefined()}
	idb := js.Global().Get("indexedDB")
	if !idb.Truthy() {
		if !localAvailable() {
			s.err = errors.New("IndexedDB and localStorage are both unavailable")
		}
		return s
	}
	req, err := call(idb, "open", dbName, dbVersion)
	if err != nil {
		if !localAvailable() {
			s.err = err
		}
		return s
	}
	upgrade := js.FuncOf(func(this js.Value, args []js.Value) any {
		db := req.Get("result")
		if !db.Get("objectStoreNames").Call("contains", dbStore).Bool() {
			db.Call("createObjectStore", dbStore)
		}
		return nil
	})
	defer upgrade.Release()
	req.Set("onupgradeneeded", upgrade)
	db, err := waitRequest(req)
	if err != nil {
		if !localAvailable() {
			s.err = err
		}
		return s
	}
	s.db = db
	return s
}

// waitRequest waits for an IDBRequest to succeed or fail.
func waitRequest(req js.Value) (js.Value, error) {
	ch := make(chan error, 1)
	ok := js.FuncOf(func(this js.Value, args []js.Value) any { ch <- nil; return nil })
	fail := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- domError(req.Get("error"))
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	req.Set("onsuccess", ok)
	req.Set("onerror", fail)
	req.Set("onblocked", fail)
	if err := <-ch; err != nil {
		return js.Undefined(), err
	}
	return req.Get("result"), nil
}

// waitTransaction waits for an IDBTransaction to commit.
func waitTransaction(tx js.Value) error {
	ch := make(chan error, 1)
	ok := js.FuncOf(func(this js.Value, args []js.Value) any { ch <- nil; return nil })
	fail := js.FuncOf(func(this js.Value, args []js.Value) any {
		ch <- domError(tx.Get("error"))
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	tx.Set("oncomplete", ok)
	tx.Set("onerror", fail)
	tx.Set("onabort", fail)
	return <-ch
}

// quotaError is a write refused because the browser's storage is full.
type quotaError struct{ err error }

func (e *quotaError) Error() string { return e.err.Error() }

// domError turns a DOMException into an error, marking quota errors.
func domError(v js.Value) error {
	if !v.Truthy() {
		return errors.New("unknown storage error")
	}
	err := fmt.Errorf("%s: %s", v.Get("name").String(), v.Get("message").String())
	if v.Get("name").String() == "QuotaExceededError" {
		return &quotaError{err}
	}
	return err
}

// put writes rec to its slot and waits until it is committed to disk.
func (s *store) put(rec *saved) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	if !s.db.Truthy() {
		return localPut(localPrefix+rec.Slot, string(b))
	}
	tx, err := call(s.db, "transaction", dbStore, "readwrite", map[string]any{"durability": "strict"})
	if err != nil {
		return err
	}
	if _, err := call(tx.Call("objectStore", dbStore), "put", string(b), rec.Slot); err != nil {
		if e, ok := err.(*quotaError); ok {
			return e
		}
		return err
	}
	return waitTransaction(tx)
}

// get reads a slot; nil when it is empty or unreadable.
func (s *store) get(slot string) *saved {
	var raw string
	if !s.db.Truthy() {
		raw = localGet(localPrefix + slot)
	} else {
		tx, err := call(s.db, "transaction", dbStore, "readonly")
		if err != nil {
			return nil
		}
		req, err := call(tx.Call("objectStore", dbStore), "get", slot)
		if err != nil {
			return nil
		}
		v, err := waitRequest(req)
		if err != nil || v.Type() != js.TypeString {
			return nil
		}
		raw = v.String()
	}
	if raw == "" {
		return nil
	}
	var rec saved
	if json.Unmarshal([]byte(raw), &rec) != nil || rec.Data == "" {
		return nil
	}
	rec.Slot = slot
	return &rec
}

// remove empties a slot.
func (s *store) remove(slot string) error {
	if !s.db.Truthy() {
		localRemove(localPrefix + slot)
		return nil
	}
	tx, err := call(s.db, "transaction", dbStore, "readwrite")
	if err != nil {
		return err
	}
	if _, err := call(tx.Call("objectStore", dbStore), "delete", slot); err != nil {
		return err
	}
	return waitTransaction(tx)
}

// loadAll returns the slots that hold work, current first.
func (s *store) loadAll() []*saved {
	var out []*saved
	for _, slot := range []string{slotCurrent, slotPrevious} {
		if r := s.get(slot); r != nil {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Slot == slotCurrent && out[j].Slot != slotCurrent })
	return out
}

// keepAsPrevious copies the current slot to the previous one, so that
// opening another document never loses unsaved work.
func (s *store) keepAsPrevious() {
	if r := s.get(slotCurrent); r != nil && r.Dirty {
		r.Slot = slotPrevious
		s.put(r)
	}
}

// saver writes the working document to the store within a second of any
// change: edits wake it, it waits a moment for more keystrokes, then
// writes the state as it is at that time. Writes are serialised, so the
// last one always holds the latest state.
type saver struct {
	a    *App
	wake chan struct{}
	mu   sync.Mutex
	// delay is how long the saver gathers edits before writing; with the
	// write itself it stays well under a second.
	delay time.Duration
}

func newSaver(a *App) *saver {
	s := &saver{a: a, wake: make(chan struct{}, 1), delay: 300 * time.Millisecond}
	go func() {
		for range s.wake {
			time.Sleep(s.delay)
			s.flush()
		}
	}()
	// When the page is hidden (tab switched or closed, laptop lid shut),
	// write at once rather than after the delay.
	a.global.on(js.Global().Get("document"), "visibilitychange", func(js.Value) {
		if js.Global().Get("document").Get("visibilityState").String() == "hidden" {
			a.spawn(s.flush)
		}
	})
	return s
}

// changed schedules a write. It never blocks.
func (s *saver) changed() {
	if s == nil {
		return
	}
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// saveNow writes in the background at once.
func (s *saver) saveNow() {
	if s == nil {
		return
	}
	s.a.spawn(s.flush)
}

// flush writes the working document now and waits for the write. Call it
// from a goroutine.
func (s *saver) flush() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.a
	if a.doc == nil || a.store == nil {
		return
	}
	rec := &saved{
		Slot:     slotCurrent,
		Title:    a.doc.Title,
		FileName: a.docName,
		Route:    a.route.String(),
		Dirty:    a.dirty,
		Base:     a.baseRev,
		SavedAt:  time.Now(),
		Data:     string(jsna.Canonical(a.doc)),
	}
	err := a.store.put(rec)
	if err != nil {
		var q *quotaError
		if errors.As(err, &q) {
			a.showError(a.t("error.storage.quota"))
		} else {
			a.showError(a.t("error.storage.write", err.Error()))
		}
		a.setSavedNote(a.t("saved.failed"))
		return
	}
	a.lastSaved = rec.SavedAt
	a.setSavedNote(a.t("saved.browser", a.formatClock(rec.SavedAt)))
}

// localAvailable reports whether localStorage can be used.
func localAvailable() bool {
	defer func() { recover() }()
	ls := js.Global().Get("localStorage")
	return ls.Truthy()
}

// localGet reads a localStorage key, "" when absent or unavailable.
func localGet(key string) string {
	defer func() { recover() }()
	v := js.Global().Get("localStorage").Call("getItem", key)
	if v.Type() != js.TypeString {
		return ""
	}
	return v.String()
}

// localSet writes a localStorage key, ignoring failure (preferences only).
func localSet(key, value string) {
	localPut(key, value)
}

// localPut writes a localStorage key, reporting a full store as a
// quotaError.
func localPut(key, value string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = jsError(r)
			if je, ok := r.(js.Error); ok && je.Value.Get("name").String() == "QuotaExceededError" {
				err = &quotaError{err}
			}
		}
	}()
	js.Global().Get("localStorage").Call("setItem", key, value)
	return nil
}

func localRemove(key string) {
	defer func() { recover() }()
	js.Global().Get("localStorage").Call("removeItem", key)
}

// user is the person drafting, remembered in this browser so drafts are
// signed without asking each time.
type user struct {
	Name string `json:"name"`
	Role string `json:"role"`
}

const userKey = "wardwise.user"

func loadUser() user {
	var u user
	json.Unmarshal([]byte(localGet(userKey)), &u)
	return u
}

func saveUser(u user) {
	b, _ := json.Marshal(u)
	localSet(userKey, string(b))
}

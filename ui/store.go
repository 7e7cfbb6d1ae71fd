//go:build js && wasm

package ui

import (
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"
	"time"
)

// The browser store keeps the local library (library.go: every document
// opened or edited, its pieces and its versions) and the slots of the merge
// view and the hub's outbox, so that nothing typed is lost when the tab is
// closed or the browser dies. It uses IndexedDB, or localStorage where
// IndexedDB cannot be opened (some private modes).
//
// Version 1 had two slots in "work", "current" and "previous", for the
// working document; the library takes them in on first start (migrate).
const (
	slotCurrent  = "current"
	slotPrevious = "previous"

	dbName    = "wardwise"
	dbVersion = 2
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

	onVersionChange js.Func
}

// requestStore asks the browser to open the IndexedDB database, creating
// it on first use, and returns at once; the function it returns waits for
// the database (it blocks). The app asks first thing, so that the
// browser opens the database while the app draws its shell.
func requestStore() func() *store {
	s := &store{db: js.Undefined()}
	done := func() *store { return s }
	idb := js.Global().Get("indexedDB")
	if !idb.Truthy() {
		if !localAvailable() {
			s.err = errors.New("IndexedDB and localStorage are both unavailable")
		}
		return done
	}
	req, err := call(idb, "open", dbName, dbVersion)
	if err != nil {
		if !localAvailable() {
			s.err = err
		}
		return done
	}
	upgrade := js.FuncOf(func(this js.Value, args []js.Value) any {
		db := req.Get("result")
		for _, name := range []string{dbStore, storeEntries, storeDocs, storeVersions} {
			if !db.Get("objectStoreNames").Call("contains", name).Bool() {
				db.Call("createObjectStore", name)
			}
		}
		return nil
	})
	req.Set("onupgradeneeded", upgrade)
	ch := make(chan error, 1)
	send := func(err error) {
		select {
		case ch <- err:
		default: // the first outcome counts
		}
	}
	ok := js.FuncOf(func(this js.Value, args []js.Value) any { send(nil); return nil })
	fail := js.FuncOf(func(this js.Value, args []js.Value) any { send(domError(req.Get("error"))); return nil })
	req.Set("onsuccess", ok)
	req.Set("onerror", fail)
	req.Set("onblocked", fail)
	return func() *store {
		err := <-ch
		for _, k := range []string{"onupgradeneeded", "onsuccess", "onerror", "onblocked"} {
			req.Set(k, js.Null())
		}
		upgrade.Release()
		ok.Release()
		fail.Release()
		if err != nil {
			if !localAvailable() {
				s.err = err
			}
			return s
		}
		db := req.Get("result")
		s.db = db
		// Another tab opening a newer version of the app asks this one to
		// let go of the database; the page is reloaded by then or soon
		// will be.
		s.onVersionChange = js.FuncOf(func(this js.Value, args []js.Value) any {
			db.Call("close")
			return nil
		})
		db.Set("onversionchange", s.onVersionChange)
		return s
	}
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
	return s.write(dbStore, []kv{{rec.Slot, string(b)}}, nil)
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

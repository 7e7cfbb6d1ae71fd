//go:build js && wasm

package ui

import (
	"errors"
	"strings"
	"syscall/js"
)

// Object stores of the browser database besides dbStore.
const (
	storeEntries  = "entries"  // entry id → entry (JSON)
	storeDocs     = "docs"     // entry id + piece key → canonical JSON of one piece
	storeVersions = "versions" // entry id + "|" + time → version (JSON)
)

// kv is one key and its string value.
type kv struct {
	key, value string
}

// callStore is call for IndexedDB methods: a DOMException thrown at once
// (QuotaExceededError from put, InvalidStateError from a closed database)
// becomes the same error its request would have failed with.
func callStore(v js.Value, method string, args ...any) (res js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = domError(je.Value)
				return
			}
			err = jsError(r)
		}
	}()
	return v.Call(method, args...), nil
}

// localKey is the localStorage key of key in the object store name, used
// where IndexedDB cannot be opened. The work store keeps its old prefix.
func localKey(name, key string) string { return "wardwise." + name + "." + key }

// write puts puts and deletes dels in the object store name, in one
// transaction, and waits until it is committed: all of it is stored, or
// none. A full disk is a *quotaError.
func (s *store) write(name string, puts []kv, dels []string) error {
	if s.err != nil {
		return s.err
	}
	if !s.db.Truthy() {
		for _, k := range dels {
			localRemove(localKey(name, k))
		}
		for _, p := range puts {
			if err := localPut(localKey(name, p.key), p.value); err != nil {
				return err
			}
		}
		return nil
	}
	tx, err := callStore(s.db, "transaction", name, "readwrite", map[string]any{"durability": "strict"})
	if err != nil {
		return err
	}
	os := tx.Call("objectStore", name)
	for _, k := range dels {
		if _, err := callStore(os, "delete", k); err != nil {
			callStore(tx, "abort")
			return err
		}
	}
	for _, p := range puts {
		if _, err := callStore(os, "put", p.value, p.key); err != nil {
			callStore(tx, "abort")
			return err
		}
	}
	return waitTransaction(tx)
}

// readPrefix returns every key of the object store name that starts with
// prefix ("" for all), with its value, in key order.
func (s *store) readPrefix(name, prefix string) ([]kv, error) {
	if s.err != nil {
		return nil, s.err
	}
	if !s.db.Truthy() {
		return localPrefixed(localKey(name, prefix), len(localKey(name, ""))), nil
	}
	tx, err := callStore(s.db, "transaction", name, "readonly")
	if err != nil {
		return nil, err
	}
	os := tx.Call("objectStore", name)
	var rng any = js.Undefined()
	if prefix != "" {
		r, err := callStore(js.Global().Get("IDBKeyRange"), "bound", prefix, prefix+"\uffff")
		if err != nil {
			return nil, err
		}
		rng = r
	}
	kreq, err := callStore(os, "getAllKeys", rng)
	if err != nil {
		return nil, err
	}
	vreq, err := callStore(os, "getAll", rng)
	if err != nil {
		return nil, err
	}
	keys, err := waitRequest(kreq)
	if err != nil {
		return nil, err
	}
	vals, err := waitRequest(vreq)
	if err != nil {
		return nil, err
	}
	if keys.Length() != vals.Length() {
		return nil, errors.New("storage: keys and values differ in number")
	}
	out := make([]kv, 0, keys.Length())
	for i := 0; i < keys.Length(); i++ {
		v := vals.Index(i)
		if v.Type() != js.TypeString {
			continue
		}
		out = append(out, kv{keys.Index(i).String(), v.String()})
	}
	return out, nil
}

// keysPrefix returns the keys of the object store name starting with
// prefix.
func (s *store) keysPrefix(name, prefix string) []string {
	kvs, _ := s.readPrefix(name, prefix)
	out := make([]string, len(kvs))
	for i, p := range kvs {
		out[i] = p.key
	}
	return out
}

// clear empties every object store, for "Clear this browser".
func (s *store) clear() error {
	names := []string{dbStore, storeEntries, storeDocs, storeVersions}
	if !s.db.Truthy() {
		for _, n := range names {
			for _, p := range localPrefixed(localKey(n, ""), 0) {
				localRemove(p.key)
			}
		}
		return nil
	}
	tx, err := callStore(s.db, "transaction", js2(names...), "readwrite")
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := callStore(tx.Call("objectStore", n), "clear"); err != nil {
			callStore(tx, "abort")
			return err
		}
	}
	return waitTransaction(tx)
}

func toAny(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// localPrefixed lists the localStorage keys starting with prefix, with
// their values; trim is how much of each key to drop.
func localPrefixed(prefix string, trim int) (out []kv) {
	defer func() { recover() }()
	ls := js.Global().Get("localStorage")
	n := ls.Get("length").Int()
	for i := 0; i < n; i++ {
		k := ls.Call("key", i)
		if k.Type() != js.TypeString || !strings.HasPrefix(k.String(), prefix) {
			continue
		}
		out = append(out, kv{k.String()[trim:], localGet(k.String())})
	}
	return out
}

// js2 is a JavaScript array of store names, for a transaction over several.
func js2(names ...string) js.Value { return js.ValueOf(toAny(names)) }

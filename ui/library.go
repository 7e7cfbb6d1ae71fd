//go:build js && wasm

package ui

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

// The local library: every document opened or edited in this browser is
// an entry of its own, so that opening another document never overwrites
// one. An entry's document is stored in pieces (its head, and each ward on
// its own), so that an edit of one ward writes that ward and the head, not
// the whole document: autosave stays quick for an England-sized master.
// Removed entries stay in a bin for binDays, then are purged.

// binDays is how long a removed entry can be restored.
const binDays = 30

// maxVersions is how many versions an entry keeps; the oldest go first.
const maxVersions = 30

// versionEvery is how often a version is kept while editing.
const versionEvery = 3 * time.Minute

// entry is one document of the library, as its list shows it.
type entry struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Author    string   `json:"author,omitempty"` // a draft's author; "" for a master
	Role      string   `json:"role,omitempty"`
	DraftID   string   `json:"draft_id,omitempty"`
	DocID     string   `json:"doc_id,omitempty"`
	Wards     []string `json:"wards,omitempty"` // names of the wards a draft covers; all when empty
	WardCount int      `json:"ward_count"`
	FileName  string   `json:"file_name,omitempty"`
	Route     string   `json:"route,omitempty"` // where it was left
	Base      string   `json:"base,omitempty"`  // App.baseRev
	Rev       string   `json:"rev,omitempty"`   // jsna.Revision as opened, to know the same file again
	Save      string   `json:"save,omitempty"`  // the draft's save id as opened
	Codes     []string `json:"codes"`           // ward codes of the stored pieces, in order

	Opened    time.Time `json:"opened"`
	Changed   time.Time `json:"changed,omitzero"`    // last edit; zero when not edited here
	Dirty     bool      `json:"dirty"`               // changed since opened or last saved to a file
	FileSaved time.Time `json:"file_saved,omitzero"` // last saved to a file
	Stored    time.Time `json:"stored"`              // last written to this browser
	Removed   time.Time `json:"removed,omitzero"`    // moved to the bin
	Version   time.Time `json:"version,omitzero"`    // last version kept
}

// decodeEntry reads an entry as putEntry stored it (json.Marshal), with
// gjson rather than json.Unmarshal: the viewer reads the library, and this
// keeps encoding/json's decoder out of it. ok is false when s is not a JSON
// object with an id, or a time in it is not RFC 3339.
func decodeEntry(s string) (*entry, bool) {
	r := gjson.Parse(s)
	if !r.IsObject() {
		return nil, false
	}
	strs := func(key string) []string {
		v := r.Get(key)
		if !v.IsArray() {
			return nil
		}
		out := []string{}
		for _, v := range v.Array() {
			out = append(out, v.String())
		}
		return out
	}
	ok := true
	at := func(key string) time.Time {
		v := r.Get(key)
		if !v.Exists() {
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339, v.String())
		if err != nil {
			ok = false
		}
		return t
	}
	e := &entry{
		ID: r.Get("id").String(), Title: r.Get("title").String(), Author: r.Get("author").String(),
		Role: r.Get("role").String(), DraftID: r.Get("draft_id").String(), DocID: r.Get("doc_id").String(),
		Wards: strs("wards"), WardCount: int(r.Get("ward_count").Int()), FileName: r.Get("file_name").String(),
		Route: r.Get("route").String(), Base: r.Get("base").String(), Rev: r.Get("rev").String(),
		Save: r.Get("save").String(), Codes: strs("codes"),
		Opened: at("opened"), Changed: at("changed"), Dirty: r.Get("dirty").Bool(), FileSaved: at("file_saved"),
		Stored: at("stored"), Removed: at("removed"), Version: at("version"),
	}
	return e, ok && e.ID != ""
}

// version is an earlier state of an entry's document.
type version struct {
	Entry  string    `json:"entry"`
	At     time.Time `json:"at"`
	Reason string    `json:"reason"` // "edit", "open", "restore", "draft"
	Data   string    `json:"data"`   // canonical JSON of the whole document
}

// versionKey is the key of a version: entry id, then the time in a form
// that sorts.
func versionKey(id string, at time.Time) string {
	return id + "|" + at.UTC().Format("20060102T150405.000000000")
}

const (
	pieceHead = "|h"  // the document without its wards
	pieceWard = "|w|" // + ward code
)

// newEntry describes d, opened from a file named name, as a new entry.
func newEntry(d *jsna.Document, name string) *entry {
	e := &entry{ID: newKey("lib"), FileName: name, Opened: time.Now(), Rev: jsna.Revision(d)}
	if d.Draft != nil {
		e.Save = d.Draft.Save
	}
	e.describe(d)
	return e
}

// describe copies what the list shows from d.
func (e *entry) describe(d *jsna.Document) {
	e.Title, e.DocID, e.WardCount = d.Title, d.ID, len(d.Wards)
	e.Author, e.Role, e.DraftID, e.Wards = "", "", "", nil
	if d.Draft != nil {
		e.Author, e.Role, e.DraftID = d.Draft.Author, d.Draft.Role, d.Draft.ID
		names := map[string]string{}
		for _, w := range d.Wards {
			names[w.Code] = w.Name
		}
		for _, c := range d.Draft.Wards {
			if n := names[c]; n != "" {
				e.Wards = append(e.Wards, n)
			} else {
				e.Wards = append(e.Wards, c)
			}
		}
	}
}

// title is what the list calls the entry.
func (e *entry) title() string {
	if e.Title != "" {
		return e.Title
	}
	return e.FileName
}

// last is when the entry was last changed, or opened.
func (e *entry) last() time.Time {
	if e.Changed.After(e.Opened) {
		return e.Changed
	}
	return e.Opened
}

// headOf is the canonical JSON of d without its wards.
func headOf(d *jsna.Document) string {
	c := *d
	c.Wards = nil
	return string(jsna.Canonical(&c))
}

// wardOf is the canonical JSON of one ward, as a document holding only it.
func wardOf(w jsna.Ward) string {
	return string(jsna.Canonical(&jsna.Document{Wards: []jsna.Ward{w}}))
}

// pieces are the writes that store d for e: the head always, and the wards
// named in wards (every ward when all).
func pieces(e *entry, d *jsna.Document, all bool, wards map[string]bool) []kv {
	out := []kv{{e.ID + pieceHead, headOf(d)}}
	for _, w := range d.Wards {
		if all || wards[w.Code] {
			out = append(out, kv{e.ID + pieceWard + w.Code, wardOf(w)})
		}
	}
	return out
}

// codesOf lists the ward codes of d.
func codesOf(d *jsna.Document) []string {
	out := make([]string, len(d.Wards))
	for i, w := range d.Wards {
		out[i] = w.Code
	}
	return out
}

// entries reads the library, the most recently used first.
func (s *store) entries() []*entry {
	kvs, _ := s.readPrefix(storeEntries, "")
	var out []*entry
	for _, p := range kvs {
		if e, ok := decodeEntry(p.value); ok {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].last().After(out[j].last()) })
	return out
}

// putEntry stores e and the pieces of its document in one transaction...
// IndexedDB transactions span stores, so meta and pieces commit together.
func (s *store) putEntry(e *entry, ps []kv, dels []string) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if !s.db.Truthy() {
		if err := s.write(storeDocs, ps, dels); err != nil {
			return err
		}
		return s.write(storeEntries, []kv{{e.ID, string(b)}}, nil)
	}
	tx, err := callStore(s.db, "transaction", js2(storeEntries, storeDocs), "readwrite", map[string]any{"durability": "strict"})
	if err != nil {
		return err
	}
	docs := tx.Call("objectStore", storeDocs)
	for _, k := range dels {
		if _, err := callStore(docs, "delete", k); err != nil {
			callStore(tx, "abort")
			return err
		}
	}
	for _, p := range ps {
		if _, err := callStore(docs, "put", p.value, p.key); err != nil {
			callStore(tx, "abort")
			return err
		}
	}
	if _, err := callStore(tx.Call("objectStore", storeEntries), "put", string(b), e.ID); err != nil {
		callStore(tx, "abort")
		return err
	}
	return waitTransaction(tx)
}

// putMeta stores e alone (its state changed, not its document).
func (s *store) putMeta(e *entry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	return s.write(storeEntries, []kv{{e.ID, string(b)}}, nil)
}

// loadDoc puts e's document together from its pieces.
func (s *store) loadDoc(e *entry) (*jsna.Document, error) {
	kvs, err := s.readPrefix(storeDocs, e.ID+"|")
	if err != nil {
		return nil, err
	}
	var head string
	wards := map[string]string{}
	for _, p := range kvs {
		switch {
		case p.key == e.ID+pieceHead:
			head = p.value
		case strings.HasPrefix(p.key, e.ID+pieceWard):
			wards[strings.TrimPrefix(p.key, e.ID+pieceWard)] = p.value
		}
	}
	if head == "" {
		return nil, errors.New("storage: the document is missing from this browser")
	}
	d, err := jsna.Decode([]byte(head))
	if err != nil {
		return nil, err
	}
	d.Wards = make([]jsna.Ward, 0, len(e.Codes))
	for _, c := range e.Codes {
		raw, ok := wards[c]
		if !ok {
			return nil, errors.New("storage: ward " + c + " is missing from this browser")
		}
		wd, err := jsna.Decode([]byte(raw))
		if err != nil || len(wd.Wards) != 1 {
			return nil, errors.New("storage: ward " + c + " is damaged in this browser")
		}
		d.Wards = append(d.Wards, wd.Wards[0])
	}
	return d, nil
}

// forget deletes e, its pieces and its versions from the browser.
func (s *store) forget(id string) error {
	if err := s.write(storeDocs, nil, s.keysPrefix(storeDocs, id+"|")); err != nil {
		return err
	}
	if err := s.write(storeVersions, nil, s.keysPrefix(storeVersions, id+"|")); err != nil {
		return err
	}
	return s.write(storeEntries, nil, []string{id})
}

// versions lists e's versions, newest first, without their documents'
// text decoded.
func (s *store) versions(id string) []*version {
	kvs, _ := s.readPrefix(storeVersions, id+"|")
	var out []*version
	for _, p := range kvs {
		var v version
		if json.Unmarshal([]byte(p.value), &v) == nil && v.Data != "" {
			out = append(out, &v)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	return out
}

// keepVersion stores data as a version of e and drops the oldest beyond
// maxVersions.
func (s *store) keepVersion(e *entry, reason, data string, at time.Time) error {
	b, err := json.Marshal(version{Entry: e.ID, At: at, Reason: reason, Data: data})
	if err != nil {
		return err
	}
	keys := s.keysPrefix(storeVersions, e.ID+"|")
	var dels []string
	if n := len(keys) + 1 - maxVersions; n > 0 {
		dels = keys[:n]
	}
	return s.write(storeVersions, []kv{{versionKey(e.ID, at), string(b)}}, dels)
}

// migrate takes the slots of version 1 of the store ("current",
// "previous") into the library, once.
func (s *store) migrate() {
	for _, slot := range []string{slotPrevious, slotCurrent} {
		rec := s.get(slot)
		if rec == nil {
			continue
		}
		d, err := jsna.Decode([]byte(rec.Data))
		if err != nil {
			continue
		}
		e := newEntry(d, rec.FileName)
		e.Route, e.Base, e.Dirty, e.Opened, e.Stored = rec.Route, rec.Base, rec.Dirty, rec.SavedAt, rec.SavedAt
		if rec.Dirty {
			e.Changed = rec.SavedAt
		}
		e.Codes = codesOf(d)
		if s.putEntry(e, pieces(e, d, true, nil), nil) == nil {
			s.remove(slot)
		}
	}
}

// purgeBin deletes the entries removed more than binDays ago.
func (s *store) purgeBin(list []*entry, now time.Time) []*entry {
	var out []*entry
	for _, e := range list {
		if !e.Removed.IsZero() && now.Sub(e.Removed) > binDays*24*time.Hour {
			s.forget(e.ID)
			continue
		}
		out = append(out, e)
	}
	return out
}

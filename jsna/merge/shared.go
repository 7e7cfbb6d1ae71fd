package merge

import (
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

// Records the drafts did not change are shared with the master: neither
// encoded nor flattened. A merge into an England-scale master reads
// thousands of wards, but each draft changes a few records in them (a
// need, a section) and has the others (the 60 values of a ward) as the
// master has them. A ward in scope, or a record of one of its arrays of
// records, that every save covering the ward has exactly as the master
// has it, each save being compared with the master's current content,
// can take no change and open no conflict. The master's flat form (cur)
// leaves it out and lists it in shared; the drafts' flat forms leave it
// out as equal to the master's (flattenAgainst); the new master keeps
// the master's record itself; and where a ward holding shared records is
// rebuilt whole from the flat form, they are encoded and flattened then
// (expandShared). Records are compared as the model's values, field by
// field (sameValue), in memory: nothing is read from a file, and two
// records compare equal only where their canonical encodings are the
// same.

// shares are the records shared with the master, by ward code: the whole
// ward, or records of its arrays by array name and key.
type shares struct {
	byWard map[string]wardShare
}

type wardShare struct {
	whole   bool
	records map[string]map[string]bool
	// allValues is the master's ward's values where every one of them
	// is shared (records["values"] holds all their keys), nil otherwise:
	// pruneWard then drops a ward's values that are these, at their
	// positions, without looking their keys up.
	allValues []jsna.Value
	// valuesInPlace, in a save's sameness with the master's ward
	// (shareOf) where allValues is set: the save's values have the
	// master's keys at their positions (sameKeys), so that every one of
	// them is shared.
	valuesInPlace bool
}

// has reports whether the record of ward w's array name keyed key is
// shared.
func (s shares) has(w, name, key string) bool {
	ws, ok := s.byWard[w]
	return ok && (ws.whole || ws.records[name][key])
}

// record reports whether flat path rp is a shared record.
func (s shares) record(rp string) bool {
	whole, ok, tail := s.find(rp)
	return ok && (tail == "" || whole)
}

// under reports whether flat path p is a shared record or in one.
func (s shares) under(p string) bool {
	_, ok, tail := s.find(p)
	return ok && (tail == "" || tail[0] == '.' || tail[0] == '[')
}

// find looks for the shared record that flat path p starts with: ok when
// there is one, whole when it is a whole ward, and the rest of p after
// it.
func (s shares) find(p string) (whole, ok bool, tail string) {
	if len(s.byWard) == 0 || !strings.HasPrefix(p, "wards[") {
		return false, false, ""
	}
	code, rest, err := cutKey(p[len("wards["):])
	ws, in := s.byWard[code]
	switch {
	case err != nil || !in:
		return false, false, ""
	case ws.whole:
		if rest == "" {
			return true, true, ""
		}
		return true, true, rest
	case !strings.HasPrefix(rest, "."):
		return false, false, ""
	}
	name, after, err := cutName(rest[1:])
	if err != nil || !strings.HasPrefix(after, "[") {
		return false, false, ""
	}
	key, tail, err := cutKey(after[1:])
	if err != nil || !ws.records[name][key] {
		return false, false, ""
	}
	return false, true, tail
}

// sharedRecords finds the wards and the records of wards' arrays shared
// with the master in a merge in a scope: none where there is no scope.
func (m *merger) sharedRecords() shares {
	set := shares{byWard: map[string]wardShare{}}
	if m.scope == nil {
		return set
	}
	inHistory := make(map[string]bool, len(m.master.History))
	for _, h := range m.master.History {
		inHistory[h.Revision] = true
	}
	covering := map[string][]*wardShare{} // ward code → each covering save's sameness with the master's ward (draftSave.same), nil where it is not compared with the master's or lacks it
	for i := range m.saves {
		x := &m.saves[i]
		var same map[string]*wardShare
		if base := x.d.Draft.Base; x.prev == nil && (base == m.masterRev || !inHistory[base]) {
			same = x.same
		}
		for _, c := range x.d.Draft.Wards {
			covering[c] = append(covering[c], same[c])
		}
	}
	for i := range m.master.Wards {
		w := &m.master.Wards[i]
		if ws, ok := covering[w.Code]; ok && m.scope[w.Code] {
			if all, ok := commonShare(ws); ok {
				set.byWard[w.Code] = all
			}
		}
	}
	return set
}

// commonShare is what a master's ward shares with every save covering it,
// given each save's sameness with it (shareOf): the whole ward where
// every save has it as it is, or else each record of its arrays of
// records that every save has as it is. It reports false where a save is
// not compared with the master's ward (nil).
func commonShare(covering []*wardShare) (wardShare, bool) {
	whole := true
	for _, ws := range covering {
		if ws == nil {
			return wardShare{}, false
		}
		whole = whole && ws.whole
	}
	if whole {
		return wardShare{whole: true}, true
	}
	var all wardShare
	allValues := true
	for _, ws := range covering {
		if !ws.whole {
			allValues = allValues && ws.allValues != nil
		}
	}
	// The maps of all.records are the saves' (shared among them: see
	// masterValues) and only read, until copied to be changed.
	var owned map[string]bool // the names whose keys all.records has copied
	for _, ws := range covering {
		switch {
		case ws.whole:
			continue // it has every record as it is
		case all.records == nil:
			all.records = ws.records
			if allValues {
				all.allValues = ws.allValues // the master's ward's, as in every other
			}
			continue
		case owned == nil:
			owned = map[string]bool{}
			all.records = maps.Clone(all.records)
		}
		for name, keys := range all.records {
			if name == "values" && ws.allValues != nil {
				continue // it has every value of the master's ward
			}
			theirs := ws.records[name]
			for k := range keys {
				if theirs[k] {
					continue
				}
				if !owned[name] {
					owned[name] = true
					keys = maps.Clone(keys)
					all.records[name] = keys
				}
				delete(keys, k)
			}
			if len(keys) == 0 {
				delete(all.records, name)
			}
		}
	}
	return all, true
}

// shareOf is what master's ward mw shares with w, a save's ward of the
// same code: the whole ward where w is mw as it is, or else each record
// of its arrays of records that w has as it is. An array is compared
// record by record only where it is an array of records (distinct,
// non-empty keys) in each, and is left out of the encoding when empty (as
// the records shared are left out of it). Each record is compared once:
// a ward is mw as it is where its other fields are, and each of its
// arrays has mw's records, at their positions. mk is what is known of
// mw's values (masterValues); seen is scratch space.
func shareOf(mw, w *jsna.Ward, mk *masterValues, seen map[string]bool) *wardShare {
	mv, wv := reflect.ValueOf(mw).Elem(), reflect.ValueOf(w).Elem()
	whole := true
	for _, i := range exportedFields(mv.Type()) {
		if _, isArray := wardArrayAt[i]; !isArray {
			whole = whole && sameValue(mv.Field(i), wv.Field(i))
		}
	}
	ws := &wardShare{records: map[string]map[string]bool{}}
	// Values with mw's keys at mw's positions are keyed as mw's are.
	keysInPlace := sameKeys(w.Values, mw.Values)
	keyed := wardArrayOmitted["values"] && mk.keyed && (keysInPlace || keyedValues(w.Values, seen))
	same, all, inPlace := shareValues(mw.Values, w.Values, keyed, mk.keys)
	if same != nil {
		ws.records["values"] = same
		if all { // keyed: their keys are distinct
			ws.allValues = mw.Values
			ws.valuesInPlace = keysInPlace
		}
	}
	whole = whole && inPlace
	for name, fi := range wardArrays {
		if name == "values" {
			continue // compared above
		}
		arr, theirs := mv.Field(fi), wv.Field(fi)
		key := recordKeyField(arr.Type(), name)
		keyed := wardArrayOmitted[name] && keyedRecords(arr, key) && keyedRecords(theirs, key)
		inPlace := arr.IsNil() == theirs.IsNil() && arr.Len() == theirs.Len()
		if !keyed && !(whole && inPlace) {
			whole = false
			continue
		}
		for e := range arr.Len() {
			rec := arr.Index(e)
			if !keyed {
				if inPlace = sameValue(rec, theirs.Index(e)); !inPlace {
					break
				}
				continue
			}
			id := recordKeyOf(rec, key)
			at := e
			if e >= theirs.Len() || recordKeyOf(theirs.Index(e), key) != id {
				inPlace, at = false, indexOfKey(theirs, key, id)
			}
			if at < 0 || !sameValue(rec, theirs.Index(at)) {
				inPlace = false
				continue
			}
			if ws.records[name] == nil {
				ws.records[name] = map[string]bool{}
			}
			ws.records[name][id] = true
		}
		whole = whole && inPlace
	}
	if whole {
		return &wardShare{whole: true}
	}
	return ws
}

// indexOfKey is the position of the record keyed id in arr (key its key
// field), or -1.
func indexOfKey(arr reflect.Value, key jsna.Field, id string) int {
	for i := range arr.Len() {
		if recordKeyOf(arr.Index(i), key) == id {
			return i
		}
	}
	return -1
}

// wardArrayAt names the wardArrays by their Ward field's index.
var wardArrayAt = func() map[int]string {
	m := map[int]string{}
	for name, i := range wardArrays {
		m[i] = name
	}
	return m
}()

// wardArrayOmitted says, for each of wardArrays, whether it is left out
// of the encoding when empty.
var wardArrayOmitted = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range jsna.Fields(reflect.TypeOf(jsna.Ward{})) {
		if _, ok := wardArrays[f.Name]; ok {
			m[f.Name] = f.OmitEmpty
		}
	}
	return m
}()

// recordKeyField is the key field of the records of an
// array of type t named name (recordKeyOf reads a record's key by it).
func recordKeyField(t reflect.Type, name string) jsna.Field {
	kf, _ := jsna.FieldByName(t.Elem(), recordKey(name))
	return kf
}

// keyedRecords reports whether arr is an array of records in the flat
// form: not empty, and each element's key (field key) set and distinct.
func keyedRecords(arr reflect.Value, key jsna.Field) bool {
	if arr.Len() == 0 {
		return false
	}
	if arr.Len() <= 8 {
		// A ward's few sections, needs or assets: compared with one
		// another rather than put in a map, made for every ward of
		// every save.
		var keys [8]string
		for i := range arr.Len() {
			k := recordKeyOf(arr.Index(i), key)
			if k == "" || slices.Contains(keys[:i], k) {
				return false
			}
			keys[i] = k
		}
		return true
	}
	seen := make(map[string]bool, arr.Len())
	for i := range arr.Len() {
		k := recordKeyOf(arr.Index(i), key)
		if k == "" || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// sameValue reports whether a and b, values of one model type, are the
// same: every exported field and the unknown members (Extra) alike,
// numbers bit for bit, nil and empty told apart. Where it reports true
// their canonical encodings are the same; it may report false for two
// values that encode the same (an empty slice and a nil one), which only
// costs comparing them path by path.
func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		if a.Kind() == reflect.Interface && a.Elem().Type() != b.Elem().Type() {
			return false
		}
		return sameValue(a.Elem(), b.Elem())
	case reflect.Struct:
		for _, i := range exportedFields(a.Type()) {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		if a.Type().Elem().Kind() == reflect.Uint8 {
			return string(a.Bytes()) == string(b.Bytes())
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return false
		}
		it := a.MapRange()
		for it.Next() {
			o := b.MapIndex(it.Key())
			if !o.IsValid() || !sameValue(it.Value(), o) {
				return false
			}
		}
		return true
	case reflect.Float32, reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.String:
		return a.String() == b.String()
	case reflect.Bool:
		return a.Bool() == b.Bool()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return a.Int() == b.Int()
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return a.Uint() == b.Uint()
	}
	return false // a kind the model does not use: compared path by path
}

// exportedFields lists the indices of t's exported fields.
func exportedFields(t reflect.Type) []int {
	if f, ok := exported.Load(t); ok {
		return f.([]int)
	}
	var f []int
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			f = append(f, i)
		}
	}
	exported.Store(t, f)
	return f
}

var exported sync.Map // reflect.Type → []int

// prunedContent is scopedContent(d, s) with the shared wards and records
// left out: what the merge encodes and flattens of the master, and of a
// draft compared with it.
func prunedContent(d *jsna.Document, s wardScope, shared shares) *jsna.Document {
	c := scopedContent(d, s)
	if len(shared.byWard) == 0 {
		return c
	}
	kept := make([]jsna.Ward, 0, len(c.Wards))
	for i := range c.Wards {
		w := c.Wards[i] // its arrays are d's: replaced, never changed
		ws, ok := shared.byWard[w.Code]
		switch {
		case ws.whole:
			continue
		case ok:
			pruneWard(&w, ws)
		}
		kept = append(kept, w)
	}
	c.Wards = kept
	return c
}

// prunedFlat is the flat form (made by flatten) of prunedContent(d, s,
// shared). Where no ward is left, the empty array is not a change to the
// wards: it is left out.
func prunedFlat(d *jsna.Document, s wardScope, shared shares, flatten func([]byte) flat) flat {
	c := prunedContent(d, s, shared)
	f := flattenContent(c, flatten)
	if len(c.Wards) == 0 && len(d.Wards) > 0 {
		delete(f.values, "wards")
	}
	return f
}

// pruneWard replaces the arrays of w that hold records of ws with copies
// without them.
func pruneWard(w *jsna.Ward, ws wardShare) {
	wv := reflect.ValueOf(w).Elem()
	for name, keys := range ws.records {
		if name == "values" && sameKeys(w.Values, ws.allValues) {
			// Every value is one of the master's, all shared: none is
			// kept, as keepRecords would find.
			w.Values = make([]jsna.Value, 0)
			continue
		}
		keepRecords(w, wv.Field(wardArrays[name]), name, func(key string) bool { return !keys[key] })
	}
}

// keepRecords replaces arr, ward w's array of records name, with a copy
// holding only the records whose key keep accepts, in their order. The
// values, most of a ward, are filtered without reflection.
func keepRecords(w *jsna.Ward, arr reflect.Value, name string, keep func(key string) bool) {
	if name == "values" {
		kept := make([]bool, len(w.Values))
		n := 0
		for i := range w.Values {
			if kept[i] = keep(valueKey(&w.Values[i])); kept[i] {
				n++
			}
		}
		out := make([]jsna.Value, 0, n)
		for i := range w.Values {
			if kept[i] {
				out = append(out, w.Values[i])
			}
		}
		w.Values = out
		return
	}
	key := recordKeyField(arr.Type(), name)
	kept := make([]bool, arr.Len())
	n := 0
	for e := range arr.Len() {
		if kept[e] = keep(recordKeyOf(arr.Index(e), key)); kept[e] {
			n++
		}
	}
	// Made at its size: appended one by one, it grew a copy at every step.
	out := reflect.MakeSlice(arr.Type(), n, n)
	n = 0
	for e := range arr.Len() {
		if kept[e] {
			out.Index(n).Set(arr.Index(e))
			n++
		}
	}
	arr.Set(out)
}

// expandShared adds to sub, the flat form relative to the ward of
// master's ward w being rebuilt whole, the records of w's arrays shared with the
// master, encoded and flattened as flatten would have, and gives every
// record of those arrays its position in w (the flat form of a pruned
// ward has them at their positions among the records kept).
func expandShared(sub flat, w *jsna.Ward, shared shares) {
	wv := reflect.ValueOf(w).Elem()
	var buf []byte
	for name, fi := range wardArrays {
		arr := wv.Field(fi)
		key := recordKeyField(arr.Type(), name)
		for e := range arr.Len() {
			rel := name + "[" + quoteKey(recordKeyOf(arr.Index(e), key)) + "]"
			if !shared.has(w.Code, name, recordKeyOf(arr.Index(e), key)) {
				if _, ok := sub.values[rel]; ok {
					sub.order[rel] = e
				}
				continue
			}
			buf = jsna.AppendCanonical(buf[:0], arr.Index(e))
			sub.values[rel] = recordMark
			sub.order[rel] = e
			flat{values: sub.values, order: sub.order}.walk(rel, gjson.Parse(string(buf)), false)
		}
	}
}

// sameKeys reports whether vs holds values of the indicators and periods
// of all, at the same positions; false where all is nil.
func sameKeys(vs, all []jsna.Value) bool {
	if all == nil || len(vs) != len(all) {
		return false
	}
	if len(vs) > 0 && &vs[0] == &all[0] {
		return true // the same values: a master's ward pruned of its own
	}
	for i := range vs {
		if vs[i].Indicator != all[i].Indicator || vs[i].Period != all[i].Period {
			return false
		}
	}
	return true
}

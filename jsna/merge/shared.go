package merge

import (
	"math"
	"reflect"

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

// sharedRecords lists, by flat path, the wards and the records of wards'
// arrays shared with the master in a merge in a scope: empty where there
// is no scope.
func (m *merger) sharedRecords() map[string]bool {
	set := map[string]bool{}
	if m.scope == nil {
		return set
	}
	inHistory := make(map[string]bool, len(m.master.History))
	for _, h := range m.master.History {
		inHistory[h.Revision] = true
	}
	covering := map[string][]*jsna.Ward{} // ward code → each covering save's ward, nil where it is not compared with the master's or lacks it
	for i := range m.saves {
		x := &m.saves[i]
		var wards map[string]*jsna.Ward
		if base := x.d.Draft.Base; x.prev == nil && (base == m.masterRev || !inHistory[base]) {
			wards = make(map[string]*jsna.Ward, len(x.d.Wards))
			for j := range x.d.Wards {
				wards[x.d.Wards[j].Code] = &x.d.Wards[j]
			}
		}
		for _, c := range x.d.Draft.Wards {
			covering[c] = append(covering[c], wards[c])
		}
	}
	for i := range m.master.Wards {
		w := &m.master.Wards[i]
		if ws, ok := covering[w.Code]; ok && m.scope[w.Code] {
			shareWard(set, w, ws)
		}
	}
	return set
}

// shareWard adds to set master's ward mw where every covering ward has it
// as it is, or else each record of its arrays of records they all have as
// it is. An array is compared record by record only where it is an array
// of records (distinct, non-empty keys) in each, and is left out of the
// encoding when empty (as the records shared are left out of it).
func shareWard(set map[string]bool, mw *jsna.Ward, covering []*jsna.Ward) {
	mv := reflect.ValueOf(mw).Elem()
	same := true
	for _, w := range covering {
		if w == nil {
			return
		}
		same = same && sameValue(mv, reflect.ValueOf(w).Elem())
	}
	k := "wards[" + quoteKey(mw.Code) + "]"
	if same {
		set[k] = true
		return
	}
	for name, fi := range wardArrays {
		arr := mv.Field(fi)
		key := recordKeyIndex(arr.Type(), name)
		if !wardArrayOmitted[name] || !keyedRecords(arr, key) {
			continue
		}
		theirs := make([]map[string]reflect.Value, len(covering))
		for j, w := range covering {
			a := reflect.ValueOf(w).Elem().Field(fi)
			if !keyedRecords(a, key) {
				theirs = nil
				break
			}
			theirs[j] = make(map[string]reflect.Value, a.Len())
			for e := range a.Len() {
				theirs[j][a.Index(e).Field(key).String()] = a.Index(e)
			}
		}
		for e := range arr.Len() {
			if rec, id := arr.Index(e), arr.Index(e).Field(key).String(); theirs != nil && allHave(theirs, id, rec) {
				set[joinPath(k, name)+"["+quoteKey(id)+"]"] = true
			}
		}
	}
}

func allHave(theirs []map[string]reflect.Value, id string, rec reflect.Value) bool {
	for _, t := range theirs {
		if o, ok := t[id]; !ok || !sameValue(rec, o) {
			return false
		}
	}
	return true
}

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

// recordKeyIndex is the index of the key field of the records of an
// array of type t named name.
func recordKeyIndex(t reflect.Type, name string) int {
	kf, _ := jsna.FieldByName(t.Elem(), recordKey(name))
	return kf.Index
}

// keyedRecords reports whether arr is an array of records in the flat
// form: not empty, and each element's key (field key) set and distinct.
func keyedRecords(arr reflect.Value, key int) bool {
	if arr.Len() == 0 {
		return false
	}
	seen := make(map[string]bool, arr.Len())
	for i := range arr.Len() {
		k := arr.Index(i).Field(key).String()
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
		t := a.Type()
		for i := range a.NumField() {
			if t.Field(i).IsExported() && !sameValue(a.Field(i), b.Field(i)) {
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

// prunedContent is scopedContent(d, s) with the shared wards and records
// left out: what the merge encodes and flattens of the master.
func prunedContent(d *jsna.Document, s wardScope, shared map[string]bool) *jsna.Document {
	c := scopedContent(d, s)
	if len(shared) == 0 {
		return c
	}
	kept := make([]jsna.Ward, 0, len(c.Wards))
	for i := range c.Wards {
		w := c.Wards[i] // its arrays are the master's: replaced, never changed
		k := "wards[" + quoteKey(w.Code) + "]"
		if shared[k] {
			continue
		}
		wv := reflect.ValueOf(&w).Elem()
		for name, fi := range wardArrays {
			arr := wv.Field(fi)
			key := recordKeyIndex(arr.Type(), name)
			out := reflect.MakeSlice(arr.Type(), 0, arr.Len())
			for e := range arr.Len() {
				if !shared[joinPath(k, name)+"["+quoteKey(arr.Index(e).Field(key).String())+"]"] {
					out = reflect.Append(out, arr.Index(e))
				}
			}
			if out.Len() < arr.Len() {
				arr.Set(out)
			}
		}
		kept = append(kept, w)
	}
	c.Wards = kept
	return c
}

// expandShared adds to sub, the flat form relative to ward k of master's
// ward w being rebuilt whole, the records of w's arrays shared with the
// master, encoded and flattened as flatten would have, and gives every
// record of those arrays its position in w (the flat form of a pruned
// ward has them at their positions among the records kept).
func expandShared(sub flat, k string, w *jsna.Ward, shared map[string]bool) {
	wv := reflect.ValueOf(w).Elem()
	var buf []byte
	for name, fi := range wardArrays {
		arr := wv.Field(fi)
		key := recordKeyIndex(arr.Type(), name)
		for e := range arr.Len() {
			rel := name + "[" + quoteKey(arr.Index(e).Field(key).String()) + "]"
			if !shared[joinPath(k, name)+rel[len(name):]] {
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

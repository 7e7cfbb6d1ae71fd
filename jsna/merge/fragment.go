package merge

import (
	"reflect"
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Rebuilding the records a merge changed from the flat form, and no more:
// everything outside the changed records is the master's, shared with it
// (copy on write: an array of records is copied before a record of it is
// replaced, so the master is never changed).

// scopedFragment is fragment(next) for a merge in scope s, where next is
// cur (master's flat form in s) changed at the paths dirty. In a scope,
// what did not change is copied from master instead of being rebuilt from
// the flat form: every ward without a dirty path, the document-wide
// members when none of theirs is dirty, and, in a ward whose dirty paths
// all lie inside records of its arrays (a value, a section, a need, ...),
// every other part of the ward. An England-scale merge changes a few
// records in each of thousands of wards. With no scope (s nil) it is
// fragment(next) itself, which TestScopedMatchesWhole holds it to.
func scopedFragment(master *jsna.Document, cur, next flat, dirty []string, s wardScope) (*jsna.Document, error) {
	if s == nil {
		return fragment(next)
	}
	idx := cur.wardIndex()
	byWard := map[string][]string{} // ward record path → its dirty paths
	var docDirty []string
	for _, p := range dirty {
		if k := wardOf(p); k != "" {
			byWard[k] = append(byWard[k], p)
		} else {
			docDirty = append(docDirty, p)
		}
	}
	var frag *jsna.Document
	if len(docDirty) > 0 {
		var err error
		if frag, err = fragment(subFlat(next, "", pathsOf(idx[""], docDirty))); err != nil {
			return nil, err
		}
	} else {
		frag = scopedContent(master, wardScope{})
	}
	frag.Wards = make([]jsna.Ward, 0, len(s))
	for i := range master.Wards {
		w := &master.Wards[i]
		if !s[w.Code] {
			continue
		}
		k := "wards[" + quoteKey(w.Code) + "]"
		ds, changed := byWard[k]
		delete(byWard, k)
		switch {
		case !changed:
			frag.Wards = append(frag.Wards, *w)
		case next.values[k] == recordMark:
			c, err := patchWard(w, k, ds, idx[k], cur, next)
			if err != nil {
				return nil, err
			}
			frag.Wards = append(frag.Wards, c)
		}
	}
	// Wards new in next follow, by code, as unflatten orders new records.
	type added struct {
		code string
		ward jsna.Ward
	}
	var news []added
	for k, ds := range byWard {
		if next.values[k] != recordMark {
			continue
		}
		w, err := decodeWard(subFlat(next, k, ds))
		if err != nil {
			return nil, err
		}
		code, _, _ := cutKey(k[len("wards["):])
		news = append(news, added{code, w})
	}
	sort.Slice(news, func(i, j int) bool { return news[i].code < news[j].code })
	for _, n := range news {
		frag.Wards = append(frag.Wards, n.ward)
	}
	return frag, nil
}

// wardOf is the path of the ward record path p is in ("wards[CODE]"), or
// "" for a path outside the wards.
func wardOf(p string) string {
	if !strings.HasPrefix(p, "wards[") {
		return ""
	}
	_, rest, err := cutKey(p[len("wards["):])
	if err != nil {
		return ""
	}
	return p[:len(p)-len(rest)]
}

// subFlat is the flat form, relative to the record (or member) at path rp
// ("" for the whole document), of next's values at paths, which are rp's
// paths in the flat form it changed and its changed paths. Paths outside rp
// and absent from next are left out.
func subFlat(next flat, rp string, paths []string) flat {
	f := flat{values: make(map[string]string, len(paths)), order: map[string]int{}}
	for _, p := range paths {
		rel := p
		if rp != "" {
			if len(p) <= len(rp) || p[len(rp)] != '.' || p[:len(rp)] != rp {
				continue // the record's own mark, or outside it
			}
			rel = p[len(rp)+1:]
		}
		v, ok := next.values[p]
		if !ok {
			continue
		}
		f.values[rel] = v
		if pos, ok := next.order[p]; ok {
			f.order[rel] = pos
		}
	}
	return f
}

// decodeWard rebuilds a ward from its flat form relative to the ward.
func decodeWard(f flat) (jsna.Ward, error) {
	var w jsna.Ward
	err := decodeFlat(f, reflect.ValueOf(&w).Elem())
	return w, err
}

// decodeFlat decodes the object whose flat form is f into v.
func decodeFlat(f flat, v reflect.Value) error {
	body, err := unflatten(f)
	if err != nil {
		return err
	}
	return jsna.DecodeValue(body, v)
}

// wardArrays are the members of a ward that are arrays of records: for
// each, the index of its Ward field.
var wardArrays = func() map[string]int {
	m := map[string]int{}
	for _, f := range jsna.Fields(reflect.TypeOf(jsna.Ward{})) {
		t := reflect.TypeOf(jsna.Ward{}).Field(f.Index).Type
		if t.Kind() != reflect.Slice || t.Elem().Kind() != reflect.Struct {
			continue
		}
		if kf, ok := jsna.FieldByName(t.Elem(), recordKey(f.Name)); ok && t.Elem().Field(kf.Index).Type.Kind() == reflect.String {
			m[f.Name] = f.Index
		}
	}
	return m
}()

// patchWard is master's ward w (flat path k, whose paths in cur are
// curPaths) changed as next says at the paths dirty. Where every dirty
// path is inside a record of one of the ward's arrays of records, those
// records are decoded from next and the rest of the ward is the master's;
// otherwise the ward is rebuilt whole, with its records shared with the
// master (shared.go).
func patchWard(w *jsna.Ward, k string, dirty []string, curPaths []jsna.PathValue, cur, next flat) (jsna.Ward, error) {
	byArray, ok := changedRecords(k, dirty, cur, next)
	if !ok {
		sub := subFlat(next, k, pathsOf(curPaths, dirty))
		expandShared(sub, w, cur.shares)
		return decodeWard(sub)
	}
	c := *w // shares w's members; patchRecords copies the arrays it changes
	cv := reflect.ValueOf(&c).Elem()
	for name, chs := range byArray {
		if err := patchRecords(cv.Field(wardArrays[name]), name, chs, dirty, curPaths, cur.raw, next); err != nil {
			return jsna.Ward{}, err
		}
	}
	return c, nil
}

// recordChange is a record of a ward's array that a merge changed: its
// path and key.
type recordChange struct {
	rp  string
	key string
}

// changedRecords groups the dirty paths of ward k by the array of records
// they are in, or reports false where a path is not inside a record of one
// of the ward's arrays of records (the ward must then be rebuilt whole).
func changedRecords(k string, dirty []string, cur, next flat) (map[string][]recordChange, bool) {
	type unit struct{ name, key string }
	units := map[string]unit{} // record path → its array and key
	for _, p := range dirty {
		if len(p) <= len(k) || p[len(k)] != '.' {
			return nil, false
		}
		name, after, err := cutName(p[len(k)+1:])
		if _, ok := wardArrays[name]; err != nil || !ok || !strings.HasPrefix(after, "[") {
			return nil, false
		}
		if _, leaf := cur.values[joinPath(k, name)]; leaf {
			return nil, false // an array kept whole in the master, not records
		}
		if _, leaf := next.values[joinPath(k, name)]; leaf {
			return nil, false
		}
		key, tail, err := cutKey(after[1:])
		if err != nil {
			return nil, false
		}
		units[p[:len(p)-len(tail)]] = unit{name, key}
	}
	byArray := map[string][]recordChange{}
	for rp, u := range units {
		byArray[u.name] = append(byArray[u.name], recordChange{rp, u.key})
	}
	return byArray, true
}

// patchRecords rebuilds the changed records chs of the ward's array arr
// (member name) from next: a changed record replaces its old version, a
// deleted one goes, and new records follow the others, by key. A record
// whose canonical JSON in the master's flat form is in raw, changed in
// its own members only, is decoded from it with those members changed
// (patchedRecord); the others are decoded from the flat form.
func patchRecords(arr reflect.Value, name string, chs []recordChange, dirty []string, curPaths []jsna.PathValue, raw map[string]string, next flat) error {
	if arr.Len() > 0 {
		arr.Set(reflect.AppendSlice(reflect.MakeSlice(arr.Type(), 0, arr.Len()), arr)) // the master's array is shared
	}
	et := arr.Type().Elem()
	kf, _ := jsna.FieldByName(et, recordKey(name))
	at := make(map[string]int, arr.Len())
	for i := range arr.Len() {
		at[recordKeyOf(arr.Index(i), kf)] = i
	}
	gone := map[int]bool{}
	var added []reflect.Value
	sort.Slice(chs, func(i, j int) bool { return chs[i].key < chs[j].key })
	for _, ch := range chs {
		i, had := at[ch.key]
		if next.values[ch.rp] != recordMark {
			if had {
				gone[i] = true
			}
			continue
		}
		if r, ok := raw[ch.rp]; ok && had {
			if rec, ok := patchedRecord(et, r, ch.rp, dirty, next); ok {
				arr.Index(i).Set(rec)
				continue
			}
		}
		var paths []string
		for _, pv := range curPaths {
			if strings.HasPrefix(pv.Path, ch.rp) {
				paths = append(paths, pv.Path)
			}
		}
		for _, p := range dirty {
			if strings.HasPrefix(p, ch.rp) {
				paths = append(paths, p)
			}
		}
		rec := reflect.New(et).Elem()
		if err := decodeFlat(subFlat(next, ch.rp, paths), rec); err != nil {
			return err
		}
		if had {
			arr.Index(i).Set(rec)
		} else {
			added = append(added, rec)
		}
	}
	if len(gone) == 0 && len(added) == 0 {
		return nil
	}
	out := reflect.MakeSlice(arr.Type(), 0, arr.Len()-len(gone)+len(added))
	for i := range arr.Len() {
		if !gone[i] {
			out = reflect.Append(out, arr.Index(i))
		}
	}
	out = reflect.Append(out, added...)
	arr.Set(out)
	return nil
}

// patchedRecord is the record of type et at flat path rp in next, where
// raw is its canonical JSON in the flat form next changed at the paths
// dirty: raw decoded, with each member next changed decoded from next
// (or left out, where next has none). Decoding an object decodes each
// member into its field on its own, so that this is the record decoded
// from its flat form in next, without building the flat form of the
// record and its JSON again. It reports false, for the record to be
// decoded from its flat form, where a change is inside a member (in an
// object or a record of it) or to a member its type does not know, or
// where anything fails to decode (so that the error is the flat form's).
func patchedRecord(et reflect.Type, raw, rp string, dirty []string, next flat) (reflect.Value, bool) {
	type change struct {
		f     jsna.Field
		value string
		set   bool
	}
	var chs []change
	for _, p := range dirty {
		if len(p) <= len(rp)+1 || p[len(rp)] != '.' || p[:len(rp)] != rp {
			continue // the record's own mark, or outside it
		}
		name := p[len(rp)+1:]
		if strings.ContainsAny(name, ".[\"") {
			return reflect.Value{}, false // inside a member, or a quoted name
		}
		f, ok := jsna.FieldByName(et, name)
		if !ok {
			return reflect.Value{}, false
		}
		v, set := next.values[p]
		chs = append(chs, change{f, v, set})
	}
	rec := reflect.New(et).Elem()
	if jsna.DecodeValue([]byte(raw), rec) != nil {
		return reflect.Value{}, false
	}
	for _, c := range chs {
		fv := rec.Field(c.f.Index)
		fv.SetZero()
		if c.set && jsna.DecodeValue([]byte(c.value), fv) != nil {
			return reflect.Value{}, false
		}
	}
	return rec, true
}

// recordKeyOf is the key of rec, a record whose key member is kf: a
// value's is its indicator and period (jsna.ValueKey), as recordKeys
// keys them in the flat form.
func recordKeyOf(rec reflect.Value, kf jsna.Field) string {
	if v, ok := rec.Addr().Interface().(*jsna.Value); ok {
		return valueKey(v)
	}
	return rec.Field(kf.Index).String()
}

package merge

import (
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

// Merge, Resolve and Diff work on the flat form of a document (tree.go),
// one entry per field. An England-scale master has millions of fields, but
// a draft cut for a few wards can change only those wards and the
// document-wide members (area, indicators, ...). A wardScope limits the
// flat form to such wards; the wards outside it are carried over from the
// master as they are, and inside it only the records that changed are
// rebuilt from the flat form (scopedFragment). The result is the same as
// with the whole document: TestScopedMatchesWhole checks it over
// thousands of random merges.

// wardScope is the set of ward codes a merge reads and rewrites. The nil
// scope is every ward.
type wardScope map[string]bool

// scopedFlat switches scoping off when false, so that tests can compare a
// scoped merge with a whole-document one.
var scopedFlat = true

// covers reports whether path p is inside s: every path outside the wards
// array is, and a ward's paths are when its code is in s.
func (s wardScope) covers(p string) bool {
	if s == nil || !strings.HasPrefix(p, "wards[") {
		return true
	}
	key, _, err := cutKey(p[len("wards["):])
	return err == nil && s[key]
}

// keyedWards reports whether d's wards all have a code and no code is
// used twice: the condition for the flat form to key wards by code.
func keyedWards(d *jsna.Document) bool {
	if len(d.Wards) == 0 {
		return false
	}
	seen := make(map[string]bool, len(d.Wards))
	for i := range d.Wards {
		c := d.Wards[i].Code
		if c == "" || seen[c] {
			return false
		}
		seen[c] = true
	}
	return true
}

// mergeScope is the scope of merging drafts into master: the wards the
// drafts were cut for, when every draft was cut for some wards, and nil
// (every ward) otherwise.
func mergeScope(master *jsna.Document, drafts []*jsna.Document) wardScope {
	if !scopedFlat || !keyedWards(master) {
		return nil
	}
	s := wardScope{}
	for _, d := range drafts {
		if d.Draft == nil || len(d.Draft.Wards) == 0 || !keyedWards(d) {
			return nil
		}
		for _, c := range d.Draft.Wards {
			s[c] = true
		}
	}
	return s
}

// pathScope is the scope of changing path p of d: p's ward, or no ward for
// a document-wide path.
func pathScope(d *jsna.Document, p string) wardScope {
	if !scopedFlat || !keyedWards(d) {
		return nil
	}
	s := wardScope{}
	if strings.HasPrefix(p, "wards[") {
		key, _, err := cutKey(p[len("wards["):])
		if err != nil {
			return nil
		}
		s[key] = true
	}
	return s
}

// diffScope is the scope in which a and b differ: the wards whose
// canonical encodings differ, or are in one document only.
func diffScope(a, b *jsna.Document) wardScope {
	if !scopedFlat || !keyedWards(a) || !keyedWards(b) {
		return nil
	}
	s := wardScope{}
	inB := make(map[string]*jsna.Ward, len(b.Wards))
	for i := range b.Wards {
		inB[b.Wards[i].Code] = &b.Wards[i]
	}
	var ea, eb []byte
	for i := range a.Wards {
		wa := &a.Wards[i]
		wb, ok := inB[wa.Code]
		delete(inB, wa.Code)
		if !ok {
			s[wa.Code] = true
			continue
		}
		ea = jsna.AppendCanonical(ea[:0], reflect.ValueOf(wa).Elem())
		eb = jsna.AppendCanonical(eb[:0], reflect.ValueOf(wb).Elem())
		if string(ea) != string(eb) {
			s[wa.Code] = true
		}
	}
	for c := range inB {
		s[c] = true
	}
	return s
}

// scopedContent is a shallow copy of d's content (no draft block or merge
// bookkeeping) with only the wards in s.
func scopedContent(d *jsna.Document, s wardScope) *jsna.Document {
	c := *d
	c.Draft, c.History, c.Conflicts, c.Provenance, c.Tombstones, c.Merged, c.Resolutions = nil, nil, nil, nil, nil, nil, nil
	if s != nil {
		c.Wards = make([]jsna.Ward, 0, len(s))
		for i := range d.Wards {
			if s[d.Wards[i].Code] {
				c.Wards = append(c.Wards, d.Wards[i])
			}
		}
	}
	return &c
}

// flattenScoped is flatten limited to the wards in s.
func flattenScoped(d *jsna.Document, s wardScope) flat {
	if s == nil {
		return flatten(d)
	}
	c := scopedContent(d, s)
	f := flatten(c)
	if len(c.Wards) == 0 && len(d.Wards) > 0 {
		// No ward in scope: the empty array is not a change to the wards.
		delete(f.values, "wards")
	}
	return f
}

// rebuild makes the document whose content is f, a flat form in scope s of
// a change to master: see fragment and assemble.
func rebuild(master *jsna.Document, f flat, s wardScope) (*jsna.Document, error) {
	frag, err := fragment(f)
	if err != nil {
		return nil, err
	}
	return assemble(master, frag, s), nil
}

// fragment decodes the document a flat form describes.
func fragment(f flat) (*jsna.Document, error) {
	body, err := unflatten(f)
	if err != nil {
		return nil, err
	}
	return jsna.Decode(body)
}

// assemble completes frag, the document-wide members and the wards in
// scope s of a change to master, with copies of master's other wards.
// Wards keep master's order; new ones follow, by code, as unflatten orders
// new records.
func assemble(master, frag *jsna.Document, s wardScope) *jsna.Document {
	if s == nil {
		return frag
	}
	scoped := make(map[string]int, len(frag.Wards))
	for i := range frag.Wards {
		scoped[frag.Wards[i].Code] = i
	}
	wards := make([]jsna.Ward, 0, len(master.Wards)+len(frag.Wards))
	inMaster := make(map[string]bool, len(master.Wards))
	for i := range master.Wards {
		w := &master.Wards[i]
		inMaster[w.Code] = true
		if !s[w.Code] {
			var c jsna.Ward
			jsna.DeepCopy(&c, w)
			wards = append(wards, c)
			continue
		}
		if j, ok := scoped[w.Code]; ok {
			wards = append(wards, frag.Wards[j])
		}
	}
	for i := range frag.Wards {
		if !inMaster[frag.Wards[i].Code] {
			wards = append(wards, frag.Wards[i])
		}
	}
	frag.Wards = wards
	return frag
}

// within returns the entries of sorted that are rp or paths under it: the
// record rp and its fields.
func within(sorted []string, rp string) []string {
	i := sort.SearchStrings(sorted, rp)
	j := i
	for j < len(sorted) && strings.HasPrefix(sorted[j], rp) {
		j++
	}
	out := sorted[i:j:j]
	for _, p := range out {
		if rest := p[len(rp):]; rest != "" && rest[0] != '.' && rest[0] != '[' {
			// Not a field of rp (a longer key): filter the slow way.
			var f []string
			for _, q := range out {
				if r := q[len(rp):]; r == "" || r[0] == '.' || r[0] == '[' {
					f = append(f, q)
				}
			}
			return f
		}
	}
	return out
}

// recordOf turns the path of a validation problem in d (wards[3].values[2].lower)
// into the flat path of the record it is in (wards[E05000001].values[93085]),
// the records being those of f, d's flat form; a problem outside any record
// gives the path of its member (title, area.code).
func recordOf(d *jsna.Document, f flat, problem string) string {
	v := reflect.ValueOf(d).Elem()
	path, record := "", ""
	rest := problem
	for rest != "" {
		if rest[0] == '[' {
			end := strings.IndexByte(rest, ']')
			if end < 0 || v.Kind() != reflect.Slice {
				break
			}
			i, err := strconv.Atoi(rest[1:end])
			if err != nil || i < 0 || i >= v.Len() {
				break
			}
			e := v.Index(i)
			if e.Kind() != reflect.Struct {
				break
			}
			kf, ok := jsna.FieldByName(e.Type(), recordKey(lastName(path)))
			if !ok || e.Field(kf.Index).Kind() != reflect.String {
				break
			}
			key := e.Field(kf.Index).String()
			rp := path + "[" + quoteKey(key) + "]"
			if key == "" && record == "" {
				return "" // a record without its key: not one of f's
			}
			if f.values[rp] != recordMark {
				break // an array kept whole, not records
			}
			path, record, v = rp, rp, e
			rest = rest[end+1:]
			continue
		}
		rest = strings.TrimPrefix(rest, ".")
		i := strings.IndexAny(rest, ".[")
		name := rest
		if i >= 0 {
			name, rest = rest[:i], rest[i:]
		} else {
			rest = ""
		}
		if v.Kind() == reflect.Pointer {
			if v.IsNil() {
				break
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			break
		}
		fld, ok := jsna.FieldByName(v.Type(), name)
		if !ok {
			break
		}
		path, v = joinPath(path, name), v.Field(fld.Index)
	}
	if record != "" {
		return record
	}
	return path
}

// lastName is the member name a path ends with (wards for
// wards[E05000001].wards would not occur; values for ...].values).
func lastName(path string) string {
	if i := strings.LastIndexAny(path, ".]"); i >= 0 {
		return path[i+1:]
	}
	return path
}

// recordVersion is the canonical JSON of what d holds at flat path p (a
// record, or a member), or "" where d has nothing there.
func recordVersion(d *jsna.Document, p string) string {
	if d == nil || p == "" {
		return ""
	}
	segs, err := parsePath(p)
	if err != nil || len(segs) == 0 {
		return ""
	}
	// Encode only the top-level member (one ward, not all of them), then
	// walk the rest of the path in its JSON.
	first := segs[0]
	var buf []byte
	dv := reflect.ValueOf(d).Elem()
	if fld, ok := jsna.FieldByName(dv.Type(), first.name); ok && !bookkeeping[first.name] {
		fv := dv.Field(fld.Index)
		if first.record && fv.Kind() == reflect.Slice {
			found := false
			for i := range fv.Len() {
				el := fv.Index(i)
				kf, ok := jsna.FieldByName(el.Type(), recordKey(first.name))
				if ok && el.Field(kf.Index).String() == first.key {
					buf = jsna.AppendCanonical(buf, el)
					found = true
					break
				}
			}
			if !found {
				return ""
			}
			first.record = false // consumed
		} else {
			if fld.OmitEmpty && jsna.IsEmpty(fv) {
				return ""
			}
			buf = jsna.AppendCanonical(buf, fv)
		}
	} else if raw, ok := d.Extra[first.name]; ok {
		buf = jsna.AppendCanonicalJSON(buf, raw)
	} else {
		return ""
	}
	r := gjson.ParseBytes(buf)
	if first.record {
		if r = recordIn(r, first.name, first.key); !r.Exists() {
			return ""
		}
	}
	for _, sg := range segs[1:] {
		r = memberOf(r, sg.name)
		if sg.record {
			r = recordIn(r, sg.name, sg.key)
		}
		if !r.Exists() {
			return ""
		}
	}
	return r.Raw
}

func memberOf(obj gjson.Result, name string) gjson.Result {
	var out gjson.Result
	if obj.IsObject() {
		obj.ForEach(func(k, v gjson.Result) bool {
			if k.Str == name {
				out = v
			}
			return true
		})
	}
	return out
}

func recordIn(arr gjson.Result, name, key string) gjson.Result {
	var out gjson.Result
	if arr.IsArray() {
		arr.ForEach(func(_, v gjson.Result) bool {
			if k := memberOf(v, recordKey(name)); k.Type == gjson.String && k.Str == key {
				out = v
				return false
			}
			return true
		})
	}
	return out
}

func appendSource(list []jsna.Source, s jsna.Source) []jsna.Source {
	for _, x := range list {
		if x.Draft == s.Draft && x.SavedAt == s.SavedAt {
			return list
		}
	}
	return append(list, s)
}

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
		if frag, err = fragment(subFlat(next, "", append(append([]string(nil), idx[""]...), docDirty...))); err != nil {
			return nil, err
		}
	} else {
		frag = new(jsna.Document)
		jsna.DeepCopy(frag, scopedContent(master, wardScope{}))
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
			var c jsna.Ward
			jsna.DeepCopy(&c, w)
			frag.Wards = append(frag.Wards, c)
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
// records are decoded from next and the rest of the ward is copied;
// otherwise the ward is rebuilt whole.
func patchWard(w *jsna.Ward, k string, dirty, curPaths []string, cur, next flat) (jsna.Ward, error) {
	whole := func() (jsna.Ward, error) {
		return decodeWard(subFlat(next, k, append(append([]string(nil), curPaths...), dirty...)))
	}
	type unit struct{ name, key string }
	units := map[string]unit{} // record path → its array and key
	for _, p := range dirty {
		if len(p) <= len(k) || p[len(k)] != '.' {
			return whole()
		}
		name, after, err := cutName(p[len(k)+1:])
		if _, ok := wardArrays[name]; err != nil || !ok || !strings.HasPrefix(after, "[") {
			return whole()
		}
		if _, leaf := cur.values[joinPath(k, name)]; leaf {
			return whole() // an array kept whole in the master, not records
		}
		if _, leaf := next.values[joinPath(k, name)]; leaf {
			return whole()
		}
		key, tail, err := cutKey(after[1:])
		if err != nil {
			return whole()
		}
		units[p[:len(p)-len(tail)]] = unit{name, key}
	}
	var c jsna.Ward
	jsna.DeepCopy(&c, w)
	cv := reflect.ValueOf(&c).Elem()
	type change struct {
		rp  string
		key string
	}
	byArray := map[string][]change{}
	for rp, u := range units {
		byArray[u.name] = append(byArray[u.name], change{rp, u.key})
	}
	for name, chs := range byArray {
		arr := cv.Field(wardArrays[name])
		et := arr.Type().Elem()
		kf, _ := jsna.FieldByName(et, recordKey(name))
		at := make(map[string]int, arr.Len())
		for i := range arr.Len() {
			at[arr.Index(i).Field(kf.Index).String()] = i
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
			var paths []string
			for _, p := range curPaths {
				if strings.HasPrefix(p, ch.rp) {
					paths = append(paths, p)
				}
			}
			for _, p := range dirty {
				if strings.HasPrefix(p, ch.rp) {
					paths = append(paths, p)
				}
			}
			rec := reflect.New(et).Elem()
			if err := decodeFlat(subFlat(next, ch.rp, paths), rec); err != nil {
				return jsna.Ward{}, err
			}
			if had {
				arr.Index(i).Set(rec)
			} else {
				added = append(added, rec) // new records follow, by key
			}
		}
		if len(gone) == 0 && len(added) == 0 {
			continue
		}
		out := reflect.MakeSlice(arr.Type(), 0, arr.Len()-len(gone)+len(added))
		for i := range arr.Len() {
			if !gone[i] {
				out = reflect.Append(out, arr.Index(i))
			}
		}
		out = reflect.Append(out, added...)
		arr.Set(out)
	}
	return c, nil
}

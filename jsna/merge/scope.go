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

// scopeSaves is step 2: the wards the saves touch (mergeScope), the
// master's content there as paths, and a lookup of each save's base
// revision rebuilt from the master's history.
func (m *merger) scopeSaves() {
	kept := make([]*jsna.Document, 0, len(m.saves))
	for _, x := range m.saves {
		kept = append(kept, x.d)
	}
	m.scope = mergeScope(m.master, kept)
	shared := m.sharedRecords()
	if m.scope == nil {
		m.cur = flattenContent(m.master, flattenRecorded)
	} else {
		m.cur = prunedFlat(m.master, m.scope, shared, flattenRecorded)
	}
	m.cur.shares = shared
	m.bases = baseLookup(m.master, m.masterRev, m.cur, m.scope)
}

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
	return flattenScopedWith(d, s, flattenCanonical)
}

func flattenScopedWith(d *jsna.Document, s wardScope, flatten func([]byte) flat) flat {
	if s == nil {
		return flattenContent(d, flatten)
	}
	c := scopedContent(d, s)
	f := flattenContent(c, flatten)
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
// scope s of a change to master, with master's other wards, shared with
// master (see Merge on what the result shares). Wards keep master's order;
// new ones follow, by code, as unflatten orders new records.
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
			wards = append(wards, *w)
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
			if f.values[rp] != recordMark && !f.shares.record(rp) {
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

package merge

import (
	"bytes"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

// A flat is a document's content as a map from path to canonical JSON, the
// form merge and diff work on. Paths name records by key, never by
// position: wards[E05000001].needs[n1].size. A record itself has an entry
// at its own path whose value is recordMark, so that adding and deleting
// records are changes like any other. Arrays of records are the arrays of
// objects that all carry their key member (recordKey); other arrays, and
// scalars, are leaves compared whole.
type flat struct {
	values map[string]string
	order  map[string]int // record path → position in its array, for rebuilding
	index  *map[string][]jsna.PathValue
	since  []string // for an earlier revision: the paths the master has changed since, sorted

	// raw holds, when not nil, each record's canonical JSON by its path,
	// so that a draft's records can be compared with these whole (see
	// flattenAgainst). Only the master's current content has it.
	raw map[string]string
	// against and same, for a draft flattened by flattenAgainst: the
	// base's records (its raw), and the paths of the draft's records
	// equal to them, which are left out.
	against map[string]string
	same    map[string]bool
	// shares, for the master's content in a merge: the records shared
	// with the master, left out of values and raw (see shared.go). A
	// draft flattened against it leaves them out too (as same).
	shares shares
}

// wardIndex groups the paths of f by ward record ("wards[CODE]"), with the
// paths outside any ward under "", each with its value, so that a draft's
// paths are found among their ward's few (valueIn). It is built once per
// flat form.
func (f flat) wardIndex() map[string][]jsna.PathValue {
	if f.index != nil && *f.index != nil {
		return *f.index
	}
	// The groups are cut from one array, each at its size: appended to
	// one by one, the groups of an England-scale merge's 3,500 wards grew
	// through 17 k arrays.
	spans := map[string][2]int{} // a group's end in all as it is filled, its size
	for p := range f.values {
		k := wardOf(p)
		sp := spans[k]
		sp[1]++
		spans[k] = sp
	}
	n := 0
	for k, sp := range spans {
		sp[0] = n
		n += sp[1]
		spans[k] = sp
	}
	all := make([]jsna.PathValue, n)
	for p, v := range f.values {
		k := wardOf(p)
		sp := spans[k]
		all[sp[0]] = jsna.PathValue{Path: p, Value: v}
		sp[0]++
		spans[k] = sp
	}
	idx := make(map[string][]jsna.PathValue, len(spans))
	for k, sp := range spans {
		idx[k] = all[sp[0]-sp[1] : sp[0] : sp[0]]
	}
	if f.index != nil {
		*f.index = idx
	}
	return idx
}

// pathsOf is the paths of pvs followed by more, in one new slice.
func pathsOf(pvs []jsna.PathValue, more []string) []string {
	out := make([]string, 0, len(pvs)+len(more))
	for i := range pvs {
		out = append(out, pvs[i].Path)
	}
	return append(out, more...)
}

// maxWardScan is the most paths valueIn compares one by one.
const maxWardScan = 32

// valueIn is f's value at p ("" for none), where pvs is p's ward's group
// of f.values (wardIndex). A few paths, as a ward of a master in a
// merge of drafts cut for some wards has in scope (about 16 in England),
// are compared in place, contiguous: 73 k lookups of such a merge's paths
// into the master's 55 k-path map cost it a cache miss each. More are
// looked up in the map.
func (f flat) valueIn(pvs []jsna.PathValue, p string) string {
	if len(pvs) > maxWardScan {
		return f.values[p]
	}
	for i := range pvs {
		if pvs[i].Path == p {
			return pvs[i].Value
		}
	}
	return ""
}

const recordMark = "\x00record"

// recordKey is the member that keys the records of an array named name.
func recordKey(name string) string {
	switch name {
	case "wards", "other_benchmarks":
		return "code"
	case "values":
		return "indicator"
	}
	return "id"
}

// bookkeeping members of a master that are not content: merge and diff
// leave them out of the flat form.
var bookkeeping = map[string]bool{"draft": true, "history": true, "conflicts": true, "provenance": true, "tombstones": true, "merged": true, "resolutions": true}

// content returns d's canonical JSON without the draft block and merge
// bookkeeping.
func content(d *jsna.Document) []byte {
	c := *d
	c.Draft, c.History, c.Conflicts, c.Provenance, c.Tombstones, c.Merged, c.Resolutions = nil, nil, nil, nil, nil, nil, nil
	return jsna.Canonical(&c)
}

// flattenContent is flatten(content(d)), encoding into a buffer kept for
// the next call: the flatten functions parse the encoding with
// gjson.ParseBytes, which copies it, so that nothing they return holds on
// to the buffer. A merge flattens the master and every draft; growing a
// new buffer for each was a fifth of what it allocated.
func flattenContent(d *jsna.Document, flatten func([]byte) flat) flat {
	c := *d
	c.Draft, c.History, c.Conflicts, c.Provenance, c.Tombstones, c.Merged, c.Resolutions = nil, nil, nil, nil, nil, nil, nil
	bp, _ := contentBufs.Get().(*[]byte)
	if bp == nil {
		bp = new([]byte)
	}
	*bp = jsna.AppendCanonical((*bp)[:0], reflect.ValueOf(&c).Elem())
	f := flatten(*bp)
	if cap(*bp) <= maxContentBuf {
		contentBufs.Put(bp)
	}
	return f
}

// maxContentBuf is the largest buffer flattenContent keeps: an
// England-scale master's whole encoding (a merge without a scope) is not
// kept alive for the next merge.
const maxContentBuf = 8 << 20

var contentBufs sync.Pool // *[]byte

// flatten makes the flat form of d's content. It walks the canonical
// encoding, whose leaves are already canonical JSON.
func flatten(d *jsna.Document) flat {
	return flattenContent(d, flattenCanonical)
}

// flattenCanonical makes the flat form of the content of the document
// whose canonical encoding is b; its draft block and merge bookkeeping, if
// any, are left out.
func flattenCanonical(b []byte) flat {
	// The map is left to grow: made at its full size at once, under
	// WebAssembly it outran the collector's pacing and the England-scale
	// merge ran out of its 4 GB.
	f := flat{values: map[string]string{}, order: map[string]int{}, index: new(map[string][]jsna.PathValue)}
	f.walk("", gjson.ParseBytes(b), true)
	return f
}

// flattenRecorded is flattenCanonical keeping each record's canonical JSON
// in raw.
func flattenRecorded(b []byte) flat {
	f := flat{values: map[string]string{}, order: map[string]int{}, index: new(map[string][]jsna.PathValue), raw: map[string]string{}}
	f.walk("", gjson.ParseBytes(b), true)
	return f
}

// flattenAgainst is flattenCanonical for a draft compared with base, a
// flat with raw: a record whose canonical JSON is the same as base's at
// its path (identity and content) is not flattened but listed in same, so
// that only the records that differ are compared path by path. Its paths
// would all have equal values in both: leaving them out on both sides
// (underSame) changes nothing.
func flattenAgainst(b []byte, base flat) flat {
	f := flat{values: map[string]string{}, order: map[string]int{}, index: new(map[string][]jsna.PathValue), against: base.raw, same: map[string]bool{}, shares: base.shares}
	f.walk("", gjson.ParseBytes(b), true)
	return f
}

// underSame reports whether path p is in or under a record of same.
func underSame(p string, same map[string]bool) bool {
	for i := 0; i < len(p); i++ {
		if p[i] == ']' && same[p[:i+1]] {
			return true
		}
	}
	return false
}

func (f flat) walk(path string, obj gjson.Result, root bool) {
	obj.ForEach(func(k, v gjson.Result) bool {
		if root && bookkeeping[k.Str] {
			return true
		}
		p := joinPath(path, k.Str)
		switch {
		case v.IsObject():
			if v.Raw == "{}" {
				f.values[p] = "{}"
				return true
			}
			f.walk(p, v, false)
		case v.IsArray():
			elems := v.Array()
			keys, ok := recordKeys(elems, k.Str)
			if !ok {
				f.values[p] = v.Raw
				return true
			}
			for i, e := range elems {
				rp := p + "[" + quoteKey(keys[i]) + "]"
				if f.against != nil {
					if r, ok := f.against[rp]; (ok && r == e.Raw) || f.shares.record(rp) {
						f.same[rp] = true
						continue
					}
				}
				f.values[rp] = recordMark
				f.order[rp] = i
				if f.raw != nil {
					f.raw[rp] = e.Raw
				}
				f.walk(rp, e, false)
			}
		default:
			f.values[p] = v.Raw
		}
		return true
	})
}

// recordKeys returns the keys of an array of records named name: objects
// that all have a distinct, non-empty string key member (recordKey). A
// ward's values are keyed by indicator and period (jsna.ValueKey), so the
// periods of one indicator are records of their own.
func recordKeys(arr []gjson.Result, name string) ([]string, bool) {
	if len(arr) == 0 {
		return nil, false
	}
	key := recordKey(name)
	keys := make([]string, len(arr))
	var seen map[string]bool // a few records' keys are compared with one another
	if len(arr) > 8 {
		seen = make(map[string]bool, len(arr))
	}
	for i, e := range arr {
		if !e.IsObject() {
			return nil, false
		}
		var k, period gjson.Result
		e.ForEach(func(m, v gjson.Result) bool {
			switch {
			case m.Str == key:
				k = v // the last, as encoding/json would take it
			case name == "values" && m.Str == "period":
				period = v
			}
			return true
		})
		if k.Type != gjson.String || k.Str == "" || period.Exists() && period.Type != gjson.String {
			return nil, false
		}
		ks := jsna.ValueKey(k.Str, period.Str)
		if name != "values" {
			ks = k.Str
		}
		if seen != nil && seen[ks] || seen == nil && slices.Contains(keys[:i], ks) {
			return nil, false
		}
		if seen != nil {
			seen[ks] = true
		}
		keys[i] = ks
	}
	return keys, true
}

func joinPath(path, member string) string {
	m := member
	if strings.ContainsAny(m, ".[]\"\\ ") || m == "" {
		m = strconv.Quote(m)
	}
	if path == "" {
		return m
	}
	return path + "." + m
}

func quoteKey(k string) string {
	if strings.ContainsAny(k, ".[]\"\\ ") || k == "" {
		return strconv.Quote(k)
	}
	return k
}

// segment is one step of a path: a member, or a record of an array.
type segment struct {
	name   string
	record bool
	key    string
}

// parsePath splits a path made by flatten back into segments.
func parsePath(p string) ([]segment, error) {
	var segs []segment
	for len(p) > 0 {
		name, rest, err := cutName(p)
		if err != nil {
			return nil, err
		}
		s := segment{name: name}
		if strings.HasPrefix(rest, "[") {
			key, after, err := cutKey(rest[1:])
			if err != nil {
				return nil, err
			}
			s.record, s.key, rest = true, key, after
		}
		segs = append(segs, s)
		if rest != "" && !strings.HasPrefix(rest, ".") {
			return nil, fmt.Errorf("jsna: bad path %q", p)
		}
		p = strings.TrimPrefix(rest, ".")
	}
	return segs, nil
}

func cutName(p string) (string, string, error) {
	if strings.HasPrefix(p, `"`) {
		s, err := strconv.QuotedPrefix(p)
		if err != nil {
			return "", "", fmt.Errorf("jsna: bad path %q", p)
		}
		u, _ := strconv.Unquote(s)
		return u, p[len(s):], nil
	}
	i := strings.IndexAny(p, ".[")
	if i < 0 {
		return p, "", nil
	}
	return p[:i], p[i:], nil
}

func cutKey(p string) (string, string, error) {
	if strings.HasPrefix(p, `"`) {
		s, err := strconv.QuotedPrefix(p)
		if err != nil || !strings.HasPrefix(p[len(s):], "]") {
			return "", "", fmt.Errorf("jsna: bad path key %q", p)
		}
		u, _ := strconv.Unquote(s)
		return u, p[len(s)+1:], nil
	}
	i := strings.IndexByte(p, ']')
	if i < 0 {
		return "", "", fmt.Errorf("jsna: bad path key %q", p)
	}
	return p[:i], p[i+1:], nil
}

// node is the tree rebuilt from a flat form. Its maps are made on first
// use: most nodes are leaves.
type node struct {
	leaf     *string
	members  map[string]*node
	records  map[string]map[string]*node // array name → key → record
	recPos   map[string][]recPos         // array name → its records' positions
	recOrder map[string][]string
}

// recPos is a record's position in its array, and its key.
type recPos struct {
	pos int
	key string
}

func (n *node) member(name string) *node {
	if n.members == nil {
		n.members = map[string]*node{}
	}
	c := n.members[name]
	if c == nil {
		c = &node{}
		n.members[name] = c
	}
	return c
}

// record returns the record key of array name, made at position pos if new.
func (n *node) record(name, key string, pos func() int) *node {
	if n.records == nil {
		n.records = map[string]map[string]*node{}
		n.recPos = map[string][]recPos{}
	}
	recs := n.records[name]
	if recs == nil {
		recs = map[string]*node{}
		n.records[name] = recs
	}
	r := recs[key]
	if r == nil {
		r = &node{}
		recs[key] = r
		n.recPos[name] = append(n.recPos[name], recPos{pos(), key})
	}
	return r
}

// unflatten rebuilds canonical JSON of a document's content from a flat
// form. Records keep the order of order; records without one come after,
// sorted by key, so the result does not depend on how f was made.
func unflatten(f flat) ([]byte, error) {
	root := &node{}
	for p, v := range f.values {
		n := root
		rest := p
		for {
			name, after, err := cutName(rest)
			if err != nil {
				return nil, err
			}
			if strings.HasPrefix(after, "[") {
				key, tail, err := cutKey(after[1:])
				if err != nil {
					return nil, err
				}
				// The record's own path is the prefix of p up to its "]".
				rp := p[:len(p)-len(tail)]
				n = n.record(name, key, func() int {
					if pos, ok := f.order[rp]; ok {
						return pos
					}
					return 1 << 30
				})
				after = tail
				if after == "" {
					break // the record's mark
				}
			} else if after == "" {
				leaf := v
				n.member(name).leaf = &leaf
				break
			} else {
				n = n.member(name)
			}
			if !strings.HasPrefix(after, ".") {
				return nil, fmt.Errorf("jsna: bad path %q", p)
			}
			rest = after[1:]
		}
	}
	var sortRecords func(n *node)
	sortRecords = func(n *node) {
		for name, ps := range n.recPos {
			sort.Slice(ps, func(i, j int) bool {
				if ps[i].pos != ps[j].pos {
					return ps[i].pos < ps[j].pos
				}
				return ps[i].key < ps[j].key
			})
			if n.recOrder == nil {
				n.recOrder = map[string][]string{}
			}
			for _, rp := range ps {
				n.recOrder[name] = append(n.recOrder[name], rp.key)
			}
		}
		for _, c := range n.members {
			sortRecords(c)
		}
		for _, recs := range n.records {
			for _, r := range recs {
				sortRecords(r)
			}
		}
	}
	sortRecords(root)
	var b bytes.Buffer
	writeNode(&b, root)
	return b.Bytes(), nil
}

func writeNode(b *bytes.Buffer, n *node) {
	if n.leaf != nil && *n.leaf != recordMark {
		b.WriteString(*n.leaf)
		return
	}
	names := make([]string, 0, len(n.members)+len(n.records))
	for k := range n.members {
		names = append(names, k)
	}
	for k := range n.records {
		if _, dup := n.members[k]; !dup {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	b.WriteByte('{')
	for i, k := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsna.AppendString(nil, k))
		b.WriteByte(':')
		if recs, ok := n.records[k]; ok {
			b.WriteByte('[')
			for j, key := range n.recOrder[k] {
				if j > 0 {
					b.WriteByte(',')
				}
				writeNode(b, recs[key])
			}
			b.WriteByte(']')
			continue
		}
		writeNode(b, n.members[k])
	}
	b.WriteByte('}')
}

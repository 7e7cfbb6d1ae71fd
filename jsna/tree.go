package jsna

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/tidwall/gjson"
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
	index  *map[string][]string
}

// wardIndex groups the paths of f by ward record ("wards[CODE]"), with the
// paths outside any ward under "". It is built once per flat form.
func (f flat) wardIndex() map[string][]string {
	if f.index != nil && *f.index != nil {
		return *f.index
	}
	idx := map[string][]string{}
	for p := range f.values {
		k := ""
		if strings.HasPrefix(p, "wards[") {
			if end := strings.Index(p, "]"); end > 0 {
				k = p[:end+1]
			}
		}
		idx[k] = append(idx[k], p)
	}
	if f.index != nil {
		*f.index = idx
	}
	return idx
}

const recordMark = "\x00record"

// recordKey is the member that keys the records of an array named name.
func recordKey(name string) string {
	switch name {
	case "wards":
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
func content(d *Document) []byte {
	c := *d
	c.Draft, c.History, c.Conflicts, c.Provenance, c.Tombstones, c.Merged, c.Resolutions = nil, nil, nil, nil, nil, nil, nil
	return Canonical(&c)
}

// flatten makes the flat form of d's content.
func flatten(d *Document) flat {
	var v any
	dec := json.NewDecoder(bytes.NewReader(content(d)))
	dec.UseNumber()
	dec.Decode(&v)
	f := flat{values: map[string]string{}, order: map[string]int{}, index: new(map[string][]string)}
	f.walk("", v.(map[string]any))
	return f
}

func (f flat) walk(path string, obj map[string]any) {
	for k, v := range obj {
		if path == "" && bookkeeping[k] {
			continue
		}
		p := joinPath(path, k)
		switch x := v.(type) {
		case map[string]any:
			if len(x) == 0 {
				f.values[p] = "{}"
				continue
			}
			f.walk(p, x)
		case []any:
			key := recordKey(k)
			if !allKeyed(x, key) {
				f.values[p] = canonicalJSON(x)
				continue
			}
			for i, e := range x {
				rec := e.(map[string]any)
				rp := p + "[" + quoteKey(fmt.Sprint(rec[key])) + "]"
				f.values[rp] = recordMark
				f.order[rp] = i
				f.walk(rp, rec)
			}
		default:
			f.values[p] = canonicalJSON(x)
		}
	}
}

func allKeyed(arr []any, key string) bool {
	if len(arr) == 0 {
		return false
	}
	seen := map[string]bool{}
	for _, e := range arr {
		m, ok := e.(map[string]any)
		if !ok {
			return false
		}
		k, ok := m[key].(string)
		if !ok || k == "" || seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
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

func canonicalJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(appendCanonical(nil, gjson.ParseBytes(b)))
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

// node is the tree rebuilt from a flat form.
type node struct {
	leaf     *string
	members  map[string]*node
	records  map[string]map[string]*node // array name → key → record
	recOrder map[string][]string
}

func newNode() *node {
	return &node{members: map[string]*node{}, records: map[string]map[string]*node{}, recOrder: map[string][]string{}}
}

// unflatten rebuilds canonical JSON of a document's content from a flat
// form. Records keep the order of order; records without one come after,
// sorted by key, so the result does not depend on how f was made.
func unflatten(f flat) ([]byte, error) {
	root := newNode()
	paths := make([]string, 0, len(f.values))
	for p := range f.values {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	type recPos struct {
		pos int
		key string
	}
	positions := map[*node]map[string][]recPos{}
	for _, p := range paths {
		segs, err := parsePath(p)
		if err != nil {
			return nil, err
		}
		n := root
		for i, s := range segs {
			last := i == len(segs)-1
			if s.record {
				recs := n.records[s.name]
				if recs == nil {
					recs = map[string]*node{}
					n.records[s.name] = recs
				}
				r := recs[s.key]
				if r == nil {
					r = newNode()
					recs[s.key] = r
					prefix := p
					if !last {
						prefix = recordPrefix(p, segs[:i+1])
					}
					pos, ok := f.order[prefix]
					if !ok {
						pos = 1 << 30
					}
					if positions[n] == nil {
						positions[n] = map[string][]recPos{}
					}
					positions[n][s.name] = append(positions[n][s.name], recPos{pos, s.key})
				}
				n = r
				if last {
					continue
				}
				continue
			}
			if last {
				v := f.values[p]
				child := n.members[s.name]
				if child == nil {
					child = newNode()
					n.members[s.name] = child
				}
				child.leaf = &v
				continue
			}
			child := n.members[s.name]
			if child == nil {
				child = newNode()
				n.members[s.name] = child
			}
			n = child
		}
	}
	for n, byName := range positions {
		for name, ps := range byName {
			sort.Slice(ps, func(i, j int) bool {
				if ps[i].pos != ps[j].pos {
					return ps[i].pos < ps[j].pos
				}
				return ps[i].key < ps[j].key
			})
			for _, rp := range ps {
				n.recOrder[name] = append(n.recOrder[name], rp.key)
			}
		}
	}
	var b bytes.Buffer
	writeNode(&b, root)
	return b.Bytes(), nil
}

// recordPrefix rebuilds the path of the record segs ends with.
func recordPrefix(_ string, segs []segment) string {
	p := ""
	for _, s := range segs {
		p = joinPath(p, s.name)
		if s.record {
			p += "[" + quoteKey(s.key) + "]"
		}
	}
	return p
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
		b.Write(appendString(nil, k))
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

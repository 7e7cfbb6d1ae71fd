package merge

import (
	"github.com/tidwall/gjson"
)

// Records the drafts did not change are shared with the master, not
// flattened. A merge into an England-scale master reads thousands of
// wards, but each draft changes a few records in them (a need, a
// section) and has the other records (the 60 values of a ward) as the
// master has them. A record of the master in scope whose canonical JSON
// is the same in every save that covers it, each compared with the
// master's current content, can take no change and open no conflict:
// the master's flat form (cur) leaves its fields out and lists it in
// shared, the drafts' flat forms leave it out as equal to the master's
// (flattenAgainst), and the new master keeps the master's record as it
// is. Where a changed record that holds a shared one, or a whole ward or
// the document-wide members, is rebuilt from the flat form, the shared
// records are flattened then (expandShared). The comparison is of the
// merge's own canonical encodings, byte for byte: nothing is read from a
// file, and no two different records can compare equal.

// agreement returns, for a merge in a scope, whether every save that
// covers record rp has it with raw as its canonical JSON and is compared
// with the master's current content (its base is the current revision
// or unknown, and it continues no save merged before). A ward's records
// are covered by the saves cut for the ward, the document-wide ones by
// every save.
func (m *merger) agreement() func(rp, raw string) bool {
	inHistory := make(map[string]bool, len(m.master.History))
	for _, h := range m.master.History {
		inHistory[h.Revision] = true
	}
	var all []map[string]string // per save, its records' canonical JSON by path; nil for a save not compared with the master
	byWard := map[string][]map[string]string{}
	for i := range m.saves {
		x := &m.saves[i]
		var recs map[string]string
		if base := x.d.Draft.Base; x.prev == nil && (base == m.masterRev || !inHistory[base]) {
			recs = map[string]string{}
			collectRecords("", gjson.ParseBytes(x.canon), true, recs)
		}
		all = append(all, recs)
		for _, c := range x.d.Draft.Wards {
			k := "wards[" + quoteKey(c) + "]"
			byWard[k] = append(byWard[k], recs)
		}
	}
	return func(rp, raw string) bool {
		covering := all
		if k := wardOf(rp); k != "" {
			covering = byWard[k]
		}
		for _, recs := range covering {
			if recs == nil || recs[rp] != raw {
				return false
			}
		}
		return len(covering) > 0
	}
}

// collectRecords adds to out the canonical JSON of every record in obj,
// at any depth, by the path flatten gives it.
func collectRecords(path string, obj gjson.Result, root bool, out map[string]string) {
	obj.ForEach(func(k, v gjson.Result) bool {
		if root && bookkeeping[k.Str] {
			return true
		}
		switch {
		case v.IsObject():
			collectRecords(joinPath(path, k.Str), v, false, out)
		case v.IsArray():
			elems := v.Array()
			keys, ok := recordKeys(elems, recordKey(k.Str))
			if !ok {
				return true
			}
			p := joinPath(path, k.Str)
			for i, e := range elems {
				rp := p + "[" + quoteKey(keys[i]) + "]"
				out[rp] = e.Raw
				collectRecords(rp, e, false, out)
			}
		}
		return true
	})
}

// sharedByWard groups f's shared records by the ward they are in ("" for
// the document-wide ones).
func sharedByWard(f flat) map[string][]string {
	g := map[string][]string{}
	for rp := range f.shared {
		k := wardOf(rp)
		g[k] = append(g[k], rp)
	}
	return g
}

// expandShared adds to sub, the flat form relative to rp ("" for the
// document) of a record being rebuilt, the fields of the shared records
// of cur (among shared) inside rp, flattened from their canonical JSON as
// flatten would have.
func expandShared(sub flat, rp string, cur flat, shared []string) {
	for _, s := range shared {
		rel := s
		if rp != "" {
			if len(s) <= len(rp) || s[len(rp)] != '.' || s[:len(rp)] != rp {
				continue
			}
			rel = s[len(rp)+1:]
		}
		sub.values[rel] = recordMark
		if pos, ok := cur.order[s]; ok {
			sub.order[rel] = pos
		}
		flat{values: sub.values, order: sub.order}.walk(rel, gjson.Parse(cur.raw[s]), false)
	}
}

package merge

import (
	"reflect"

	"github.com/wardwise/wardwise/jsna"
)

// Validating only what differs from the master. A draft cut for 70 wards
// of an England-scale master has thousands of records, and a merge of 50
// of them rebuilds thousands of wards; but each draft changes a few
// records (a need, a section) and has the others as the master has them.
// A record that is the master's own, next to the master's document-wide
// members, keeps every rule the master keeps: no rule of a record looks
// at another record of its ward, but for keys (distinct in an array of
// records) and for the period of a ward's values (see withoutRecords),
// and no rule of a ward looks at another ward but for its code. So where
// the master is known valid (jsna.Valid), a draft is validated without
// its records that are the master's own; and the merge's result is
// validated without the records it did not change. Where that finds any
// problem, the whole is validated as before, so that the problems
// reported, and the records they are in, are exactly those of the whole.

// sameAsMaster is how save d's wards compare with the master's current
// content (shareOf), by ward code, for the wards the master has: what
// sharedRecords and validDraft start from. It is nil where the wards of d
// or of the master are not keyed by code.
func (m *merger) sameAsMaster(d *jsna.Document) map[string]*wardShare {
	if m.masterWards == nil {
		if !keyedWards(m.master) {
			return nil
		}
		m.masterWards = make(map[string]*jsna.Ward, len(m.master.Wards))
		for i := range m.master.Wards {
			m.masterWards[m.master.Wards[i].Code] = &m.master.Wards[i]
		}
	}
	if !keyedWards(d) {
		return nil
	}
	same := make(map[string]*wardShare, len(d.Wards))
	seen := map[string]bool{}
	if m.masterValues == nil {
		m.masterValues = map[*jsna.Ward]*masterValues{}
	}
	for i := range d.Wards {
		w := &d.Wards[i]
		if mw, ok := m.masterWards[w.Code]; ok {
			mk := m.masterValues[mw]
			switch {
			case mk != nil:
			case sameKeys(mw.Values, m.lastValues.vs):
				// The keys of the last ward's values, at the same
				// positions: England's wards have the same indicators.
				mk = m.lastValues.mk
				m.masterValues[mw] = mk
			default:
				mk = newMasterValues(mw.Values)
				m.masterValues[mw] = mk
				m.lastValues.vs, m.lastValues.mk = mw.Values, mk
			}
			same[w.Code] = shareOf(mw, w, mk, seen)
		}
	}
	return same
}

// validDraft validates save d, whose wards compare with the master's as
// same says (sameAsMaster): where the master is known valid and d has
// its document-wide members, without d's records that are the master's
// own. Where that finds a problem, or cannot be trusted, it validates d
// whole and returns what Validate does.
func (m *merger) validDraft(d *jsna.Document, same map[string]*wardShare) error {
	return m.validDraftWide(d, same, same != nil && sameDocumentWide(d, m.master))
}

// validDraftWide is validDraft given whether d has the master's
// document-wide members (sameDocumentWide), which admit asks once.
func (m *merger) validDraftWide(d *jsna.Document, same map[string]*wardShare, docWide bool) error {
	if same != nil && jsna.Valid(m.master) && docWide {
		drop := func(w *jsna.Ward) recordsOut {
			ws := same[w.Code]
			switch {
			case ws == nil:
				return recordsOut{}
			case ws.whole:
				return recordsOut{all: func(string) bool { return true }, one: func(string, string) bool { return true }}
			}
			return recordsOut{
				// Values with the master's keys in place, all of them the
				// master's own, go without their keys looked up.
				all: func(name string) bool { return name == "values" && ws.allValues != nil && ws.valuesInPlace },
				one: func(name, key string) bool { return ws.records[name][key] },
			}
		}
		if withoutRecords(d, drop).Validate() == nil {
			return nil
		}
	}
	return d.Validate()
}

// validChanged validates checked, the part of the merge's rebuilt content
// whose rules its changes may break (changedContent): without the records
// of its wards that the merge did not change, where the document-wide
// members did not change (checked is not all of the rebuilt content);
// where that finds a problem, whole, returning what Validate does. The
// records left out are the master's own, next to its own document-wide
// members: whether or not the master keeps every rule, the merge goes on
// the same way (see apply).
func (m *merger) validChanged(checked *jsna.Document) error {
	if m.scope != nil && checked != m.frag {
		byWard := map[string][]string{} // ward record path → its dirty paths
		for _, p := range m.dirty() {
			byWard[wardOf(p)] = append(byWard[wardOf(p)], p)
		}
		drop := func(w *jsna.Ward) recordsOut {
			k := "wards[" + quoteKey(w.Code) + "]"
			changed, ok := changedRecords(k, byWard[k], m.cur, m.next)
			if !ok {
				return recordsOut{} // not a ward of the master changed record by record
			}
			return recordsOut{
				all: func(name string) bool { return len(changed[name]) == 0 },
				one: func(name, key string) bool {
					for _, ch := range changed[name] {
						if ch.key == key {
							return false
						}
					}
					return true
				},
			}
		}
		if withoutRecords(checked, drop).Validate() == nil {
			return nil
		}
	}
	return checked.Validate()
}

// recordsOut says which records of a ward's arrays of records
// withoutRecords leaves out: those one reports, none where one is nil;
// and every record of an array all reports (nil: none), without their
// keys read, as though one reported each of them.
type recordsOut struct {
	all func(name string) bool
	one func(name, key string) bool
}

// withoutRecords is a shallow copy of d whose wards leave out the records
// of their arrays of records that drop(w) reports; d is not changed.
// Every ward stays, with its own fields, so that the rules over the wards
// (their codes, the draft's wards) see them all. A ward's values
// are left out only where none has a period of its own, or all are: a
// value without a period and one with its indicator's period break a rule
// together that neither breaks alone.
func withoutRecords(d *jsna.Document, drop func(w *jsna.Ward) recordsOut) *jsna.Document {
	c := *d
	c.Wards = make([]jsna.Ward, len(d.Wards))
	for i := range d.Wards {
		w := d.Wards[i] // its arrays are d's: replaced, never changed
		if out := drop(&w); out.one != nil {
			wv := reflect.ValueOf(&w).Elem()
			all := w.Values
			for name, fi := range wardArrays {
				if out.all != nil && out.all(name) {
					// Empty, not nil, as keepRecords leaves an array it
					// keeps nothing of.
					wv.Field(fi).Set(reflect.MakeSlice(wv.Field(fi).Type(), 0, 0))
					continue
				}
				keepRecords(&w, wv.Field(fi), name, func(key string) bool { return !out.one(name, key) })
			}
			if n := len(w.Values); n > 0 && n < len(all) && hasPeriods(all) {
				w.Values = all
			}
		}
		c.Wards[i] = w
	}
	return &c
}

// hasPeriods reports whether a value of vs has a period of its own.
func hasPeriods(vs []jsna.Value) bool {
	for i := range vs {
		if vs[i].Period != "" {
			return true
		}
	}
	return false
}

// sameDocumentWide reports whether a and b have the same document-wide
// members: every member but the wards, the draft block and the merge
// bookkeeping (sameValue).
func sameDocumentWide(a, b *jsna.Document) bool {
	av, bv := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for _, i := range exportedFields(av.Type()) {
		if !notDocumentWide[av.Type().Field(i).Name] && !sameValue(av.Field(i), bv.Field(i)) {
			return false
		}
	}
	return true
}

// notDocumentWide are the fields of a Document sameDocumentWide leaves
// out.
var notDocumentWide = map[string]bool{"Wards": true, "Draft": true, "History": true, "Conflicts": true, "Provenance": true, "Tombstones": true, "Merged": true, "Resolutions": true}

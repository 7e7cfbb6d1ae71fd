package merge

import (
	"errors"
	"fmt"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Step 5 of Merge: apply the changes and check that they fit together.

// apply is step 5. It rebuilds the records in scope from the new content,
// then checks that the changes taken field by field fit together (an
// interval from one draft around a value kept from the master, a record
// new in two drafts whose required text conflicts): where the result
// breaks a rule the master kept, the record's changes are undone and it
// becomes one conflict between the drafts' versions of the whole record.
// Whether the master kept the rules is asked only when the result breaks
// one. A few rounds settle it, since undoing one record's changes may
// leave another's broken.
func (m *merger) apply() error {
	var err error
	if m.frag, err = scopedFragment(m.master, m.cur, m.next, m.dirty(), m.scope); err != nil {
		return fmt.Errorf("jsna: merge produced an unreadable document: %w", err)
	}
	for round := 0; round < 8; round++ {
		records, verr := m.brokenRecords()
		if len(records) == 0 && verr == nil {
			break
		}
		if round == 0 && scopedContent(m.master, m.scope).Validate() != nil {
			break // a rule the master broke already is not the drafts' to keep
		}
		if len(records) == 0 {
			return fmt.Errorf("jsna: merge produced an invalid master: %w", verr)
		}
		for _, r := range sortedKeys(records) {
			if !m.underConflict(r) {
				m.revertRecord(r)
			}
		}
		if m.frag, err = scopedFragment(m.master, m.cur, m.next, m.dirty(), m.scope); err != nil {
			return fmt.Errorf("jsna: merge produced an unreadable document: %w", err)
		}
	}
	m.rep.Taken, m.rep.Merged = len(m.taken), len(m.textMerged)
	return nil
}

// brokenRecords lists the records whose changes do not fit together: a
// record deleted with some of its fields left, a record a field was taken
// into that is not there, and the records of every rule the rebuilt
// content breaks. It returns the validation error too.
func (m *merger) brokenRecords() (map[string]bool, error) {
	records := map[string]bool{}
	for p := range m.changed {
		if m.next.values[p] == "" {
			if m.cur.values[p] == recordMark {
				for _, q := range m.pathsUnder(p) {
					if _, left := m.next.values[q]; left && q != p {
						records[p] = true
						break
					}
				}
			}
			continue
		}
		for _, rp := range recordsAbove(p) {
			if m.next.values[rp] != recordMark {
				records[rp] = true
				break
			}
		}
	}
	checked := m.changedContent()
	verr := m.validChanged(checked)
	var ve *jsna.Error
	if errors.As(verr, &ve) {
		for _, pb := range ve.Problems {
			if r := recordOf(checked, m.next, pb.Path); r != "" {
				records[r] = true
			}
		}
	}
	return records, verr
}

// changedContent is the part of the rebuilt content whose rules the
// merge's changes may break: where no document-wide member changed, the
// document-wide members and the wards with a changed path only, since
// the other wards are the master's as they were, against the same
// document-wide members (no rule of a ward looks at another ward, but
// for its code, which is its key and so cannot change); otherwise all of
// it.
func (m *merger) changedContent() *jsna.Document {
	if m.scope == nil {
		return m.frag
	}
	wards := map[string]bool{}
	for _, p := range m.dirty() {
		k := wardOf(p)
		if k == "" {
			return m.frag
		}
		wards[k] = true
	}
	if len(wards) == 0 {
		return m.frag // nothing changed: a document without wards may break a rule of its own
	}
	c := *m.frag
	c.Wards = nil
	for i := range m.frag.Wards {
		if wards["wards["+quoteKey(m.frag.Wards[i].Code)+"]"] {
			c.Wards = append(c.Wards, m.frag.Wards[i])
		}
	}
	return &c
}

// revertRecord undoes every change the merge made inside record r and
// replaces the conflicts inside it with one conflict on the record: its
// versions (a record no draft had before is "added differently").
func (m *merger) revertRecord(r string) {
	var touched []string
	for _, q := range m.pathsUnder(r) {
		if m.next.values[q] != m.cur.values[q] {
			touched = append(touched, q)
		}
	}
	if len(touched) == 0 {
		return
	}
	for _, q := range touched {
		if v, ok := m.cur.values[q]; ok {
			m.next.values[q] = v
		} else {
			delete(m.next.values, q)
		}
		delete(m.changed, q)
		delete(m.taken, q)
		delete(m.textMerged, q)
	}
	kept := m.conflicts[:0]
	for _, c := range m.conflicts {
		if c.Path != r && !strings.HasPrefix(c.Path, r+".") && !strings.HasPrefix(c.Path, r+"[") {
			kept = append(kept, c)
		}
	}
	kind := jsna.ConflictRecordVersions
	if m.cur.values[r] == "" && strings.HasSuffix(r, "]") {
		kind = jsna.ConflictAddedDifferently
	}
	m.conflicts = append(kept, m.recordConflict(r, kind))
}

// pathsUnder lists the paths of cur and next that are record rp or under
// it, unsorted and perhaps twice: next differs from cur only at paths in
// changed.
func (m *merger) pathsUnder(rp string) []string {
	var out []string
	for _, pv := range m.cur.wardIndex()[wardOf(rp)] {
		if isUnder(pv.Path, rp) {
			out = append(out, pv.Path)
		}
	}
	for q := range m.changed {
		if isUnder(q, rp) {
			out = append(out, q)
		}
	}
	return out
}

// dirty lists the paths where next differs from cur, all of them set
// from drafts.
func (m *merger) dirty() []string {
	var ps []string
	for p := range m.changed {
		if m.next.values[p] != m.cur.values[p] {
			ps = append(ps, p)
		}
	}
	return ps
}

package jsna

import (
	"time"
)

// SaveID identifies one save of a draft: "save:" and the hex SHA-256 of
// its canonical encoding with the draft block included but its Save member
// left out, and its Sender too, which a hub sets on receiving the save and
// which is not the author's. Unlike Revision, which leaves the draft block out so that two
// saves with the same content share it, SaveID differs between two saves
// of the same content (their SavedAt or Parent differ). SaveID of a
// document with no draft block is "".
func SaveID(d *Document) string {
	if d.Draft == nil {
		return ""
	}
	dr := *d.Draft
	dr.Save, dr.Sender = "", ""
	return blockHashed(d, &dr, hashSaveID, "save:")
}

// SaveRevision is the revision of one save of a draft as a merge records
// it (MergedDraft.Revision): "sha256:" and the hex SHA-256 of d's whole
// canonical encoding, draft block included. A sealed document (Seal)
// hashes its content once for each draft block it is asked with, as
// Revision does, so that a draft decoded once and merged, or sent and
// merged, is encoded for it once; SaveID likewise.
func SaveRevision(d *Document) string {
	return blockHashed(d, d.Draft, hashSaveRevision, "sha256:")
}

// MaxAncestors is how many saves before its parent a save names.
const MaxAncestors = 100

// StampSave marks d, a draft, as saved at the given time: the save it
// continues (its current Save, if any) becomes its Parent, the old parent
// joins the front of Ancestors (at most MaxAncestors are kept), SavedAt is
// set to at in RFC 3339 with milliseconds, in UTC, and Save to the new
// SaveID. It does nothing to a document with no draft block.
func StampSave(d *Document, at time.Time) {
	if d.Draft == nil {
		return
	}
	if d.Draft.Save != "" {
		if d.Draft.Parent != "" {
			anc := append([]string{d.Draft.Parent}, d.Draft.Ancestors...)
			d.Draft.Ancestors = anc[:min(len(anc), MaxAncestors)]
		}
		d.Draft.Parent = d.Draft.Save
	}
	d.Draft.SavedAt = at.UTC().Format("2006-01-02T15:04:05.000Z07:00")
	d.Draft.Save = ""
	d.Draft.Save = SaveID(d)
}

// validateChain checks that the save ids of a draft's chain are save ids.
func (dr *Draft) validateChain(ps *Problems) {
	for _, f := range []struct{ path, id string }{{"draft.save", dr.Save}, {"draft.parent", dr.Parent}} {
		if f.id != "" && !isSaveID(f.id) {
			ps.Add(f.path, "%q is not a save id (save: and 64 hex digits)", f.id)
		}
	}
	for i, id := range dr.Ancestors {
		if !isSaveID(id) {
			ps.Add(index("draft.ancestors", i), "%q is not a save id (save: and 64 hex digits)", id)
		}
	}
}

package jsna

// Merge bookkeeping kept in a master. None of it is content: flatten and
// Diff leave it out.

// HistoryEntry is one earlier revision of a master: Undo holds, for every
// path the next merge changed, the value it had before ("" where the path
// was absent), so that any earlier revision's content can be rebuilt from
// the current one. Drafts name their base by revision; this is how a merge
// finds it.
type HistoryEntry struct {
	Revision string      `json:"revision"`
	SavedAt  string      `json:"saved_at,omitempty"`
	Undo     []PathValue `json:"undo,omitempty"`
	// By, Drafts, Opened and Resolved say what made the next revision from
	// this one: who merged or resolved (where the merge was told), the
	// drafts merged (their ids), how many conflicts the merge opened, or
	// the conflict resolved. Entries written before they existed have none.
	By       string   `json:"by,omitempty"`
	Drafts   []string `json:"drafts,omitempty"`
	Opened   int      `json:"opened,omitempty"`
	Resolved string   `json:"resolved,omitempty"`
	Extra    Extra    `json:"-"`
}

// PathValue is a path and a canonical JSON value; an empty Value means the
// path is absent.
type PathValue struct {
	Path  string `json:"path"`
	Value string `json:"value,omitempty"`
	Extra Extra  `json:"-"`
}

// Source is who wrote a value: a draft, its author and role, and when.
type Source struct {
	Draft   string `json:"draft"`
	Author  string `json:"author"`
	Role    string `json:"role"`
	SavedAt string `json:"saved_at,omitempty"`
	// Save is the id of the save (Draft.Save), where it has one: which of
	// two saves of a draft is the later is decided by their chain.
	Save string `json:"save,omitempty"`
	// Sender is the hub's name for who sent the draft (Draft.Sender), kept
	// beside the author name she typed so that a difference shows.
	Sender string `json:"sender,omitempty"`
	Extra  Extra  `json:"-"`
}

// Candidate is one value proposed for a conflicted path, and by whom. An
// empty Value proposes deleting the path (or the record).
type Candidate struct {
	Value string   `json:"value,omitempty"`
	By    []Source `json:"by"`
	Extra Extra    `json:"-"`
}

// Conflict is a path on which drafts disagree. The master keeps Current
// until a coordinator resolves it with Resolve. Kind is one of the
// Conflict... constants, a stable code for programs and translations;
// Reason is the same in English. Conflicts recorded before kinds existed
// have an empty Kind and only the Reason.
type Conflict struct {
	ID         string      `json:"id"`
	Path       string      `json:"path"`
	Current    string      `json:"current,omitempty"`
	Candidates []Candidate `json:"candidates"`
	Kind       string      `json:"kind,omitempty"`
	Reason     string      `json:"reason,omitempty"`
	Extra      Extra       `json:"-"`
}

// Conflict kinds say why a merge could not take a change. Each is the Kind
// of a Conflict; ConflictReason gives its English reason.
const (
	// ConflictChangedDifferently is a field set to different values by
	// several drafts.
	ConflictChangedDifferently = "changed-differently"
	// ConflictTextOverlap is a narrative text edited on the same lines in
	// several drafts, or in a draft and in the master since its base, so
	// that the line-by-line merge (diff3) cannot combine the edits.
	ConflictTextOverlap = "text-overlap"
	// ConflictChangedSinceBase is a field a draft changed that the master
	// changed since the draft's base (for a later save of a draft: since
	// her previous save, or the master did not take her earlier value).
	ConflictChangedSinceBase = "changed-since-base"
	// ConflictBaseUnknown is a difference from the master in a draft whose
	// base is not in the master's history: none of them is applied.
	ConflictBaseUnknown = "base-unknown"
	// ConflictDeletedAndEdited is a record deleted in one draft and edited
	// in another.
	ConflictDeletedAndEdited = "deleted-and-edited"
	// ConflictDeletedInMaster is a record the master deleted since the
	// draft's base and the draft edited.
	ConflictDeletedInMaster = "deleted-in-master"
	// ConflictStaleDelete is a record deleted by a draft that did not see
	// the master's later changes to it.
	ConflictStaleDelete = "stale-delete"
	// ConflictRecordVersions is a record whose changes, taken field by
	// field, would break a rule (an interval from one draft around a value
	// from another): the coordinator chooses one version of it.
	ConflictRecordVersions = "record-versions"
	// ConflictAddedDifferently is the same new record (the same key) added
	// with different content.
	ConflictAddedDifferently = "added-differently"
)

// conflictKinds lists every kind with its English reason, in the order
// of the constants.
var conflictKinds = []struct{ kind, reason string }{
	{ConflictChangedDifferently, "changed differently in several drafts"},
	{ConflictTextOverlap, "narrative text edited on the same lines in several places: the edits cannot be merged line by line"},
	{ConflictChangedSinceBase, "changed since the draft's base, in the master and in the draft"},
	{ConflictBaseUnknown, "the draft's base is not in the master's history: its differences from the master are not applied"},
	{ConflictDeletedAndEdited, "deleted in one draft and edited in another"},
	{ConflictDeletedInMaster, "deleted in the master since the draft's base, and edited in the draft"},
	{ConflictStaleDelete, "deleted in a draft that did not see the master's changes to it (its base is older or unknown)"},
	{ConflictRecordVersions, "changed in ways that do not fit together: choose one version"},
	{ConflictAddedDifferently, "added with different content: choose one version"},
}

// ConflictKinds returns every conflict kind a merge gives, in a fixed order.
func ConflictKinds() []string {
	out := make([]string, len(conflictKinds))
	for i, k := range conflictKinds {
		out[i] = k.kind
	}
	return out
}

// ConflictReason returns the English reason of a conflict kind, or "" for
// a kind this version does not know.
func ConflictReason(kind string) string {
	for _, k := range conflictKinds {
		if k.kind == kind {
			return k.reason
		}
	}
	return ""
}

// Provenance records which drafts set the value a path has now.
type Provenance struct {
	Path  string   `json:"path"`
	By    []Source `json:"by"`
	Extra Extra    `json:"-"`
}

// Tombstone keeps a deleted record, so that it can be restored.
type Tombstone struct {
	Path   string      `json:"path"`
	Fields []PathValue `json:"fields"`
	By     []Source    `json:"by"`
	Extra  Extra       `json:"-"`
}

// MergedDraft marks a save of a draft as merged: merging it again changes
// nothing. SavedAt orders the saves of one draft (see Merge). Changes is
// kept on the latest merged save of each draft id only: every path that
// save changed from its base revision, with the save's value ("" where it
// deleted the path). With the base revision it rebuilds what the author
// had when she sent that save, the base a later save of the same draft is
// merged against, so a merge needs nothing but the master and the new
// file (in the browser, in the CLI and on the hub alike).
type MergedDraft struct {
	Draft    string      `json:"draft"`
	Revision string      `json:"revision"` // hash of the draft's whole canonical encoding
	SavedAt  string      `json:"saved_at,omitempty"`
	Save     string      `json:"save,omitempty"`   // the save's id (Draft.Save), where it has one
	Parent   string      `json:"parent,omitempty"` // the save it continues (Draft.Parent)
	Changes  []PathValue `json:"changes,omitempty"`
	Extra    Extra       `json:"-"`
}

// ResolutionRecord is a resolved conflict: who chose what over what.
type ResolutionRecord struct {
	Conflict string      `json:"conflict"`
	Path     string      `json:"path"`
	Chosen   string      `json:"chosen,omitempty"`
	Kept     []string    `json:"kept,omitempty"` // for every version kept (Resolution.KeepAll), the ids they were kept under
	Over     []Candidate `json:"over"`
	By       string      `json:"by"`
	At       string      `json:"at"`
	Extra    Extra       `json:"-"`
}

// InHistory reports whether rev is one of the earlier revisions d's history
// records (not d's own revision, which Revision computes).
func (d *Document) InHistory(rev string) bool {
	for _, h := range d.History {
		if h.Revision == rev {
			return true
		}
	}
	return false
}

// OpenConflicts returns the conflicts still waiting for a coordinator.
func (d *Document) OpenConflicts() []Conflict { return d.Conflicts }

package merge

import (
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// Options say who merges and when.
type Options struct {
	Now time.Time
	// By names who merges (a coordinator, the hub), for the history.
	By string
}

// Report says what a merge did.
type Report struct {
	Drafts     []DraftReport    `json:"drafts"`
	Taken      int              `json:"taken"`                // paths set from a single proposal
	Merged     int              `json:"merged"`               // narrative texts merged line by line
	Conflicts  []jsna.Conflict  `json:"conflicts"`            // opened by this merge
	Skipped    []string         `json:"skipped,omitempty"`    // ids of drafts merged before, with the same content
	Superseded []SupersededSave `json:"superseded,omitempty"` // earlier saves a later save of the same draft stands for
	Chain      []ChainNote      `json:"chain,omitempty"`      // links between saves that were not followed
}

// DraftReport is one draft's part in a merge. Previous is the revision of
// the same draft's earlier save, merged before, that this save was merged
// against (what the author had when she last sent it); "" where this is
// the draft's first save to be merged.
type DraftReport struct {
	Draft     string `json:"draft"`
	Author    string `json:"author"`
	Changes   int    `json:"changes"`
	Conflicts int    `json:"conflicts"`
	BaseKnown bool   `json:"base_known"`
	Previous  string `json:"previous,omitempty"`
}

// SupersededSave is a save of a draft that a later save of the same draft
// (By, a revision) stands for: it is recorded as merged, and what it wrote
// is in the later save unless the author changed it since.
type SupersededSave struct {
	Draft    string `json:"draft"`
	SavedAt  string `json:"saved_at,omitempty"`
	Revision string `json:"revision"`
	Save     string `json:"save,omitempty"` // its save id, where it has one
	By       string `json:"by"`
}

// ChainNote is a save whose chain Merge did not follow, Kind saying why:
// ChainOtherDraft, it names as continued (Other) a save of another draft;
// ChainCycle, it names a save that continues it. The link is left out and
// the save merged as concurrent with the saves it would have continued:
// against their common ancestor, with conflicts where they differ.
type ChainNote struct {
	Draft string `json:"draft"`
	Save  string `json:"save"`
	Kind  string `json:"kind"`
	Other string `json:"other"`
}

// Kinds of ChainNote.
const (
	ChainOtherDraft = "other-draft"
	ChainCycle      = "cycle"
)

// Merge merges drafts into master, three-way and path by path, each draft
// against the master revision it names as its base (found in master's
// history). A path one draft changed is taken; the same new value from
// several is taken once; different values become a Conflict holding every
// candidate, and the master keeps its value until Resolve. Narrative texts
// changed in several drafts, or in a draft and in the master since its
// base, are merged line by line (diff3) where the edits do not overlap.
// A plain delete leaves a Tombstone.
//
// Where changes cannot be taken field by field, the record (a ward, a
// value, a need, ...) becomes one conflict whose candidates are whole
// versions of it, as canonical JSON objects, "" for deleted, or the
// master's own record: a record deleted in one draft and edited in
// another; deleted by a draft that did not see the master's later edits to
// it; edited by a draft after the master deleted it; added or deleted by a
// draft on an unknown base; or changed in ways that together break a rule
// the master kept (an interval from one draft around a value from another,
// a record new in two drafts whose required text conflicts). So the merged
// master of a valid master is valid, and every value a draft wrote is in
// it, in a conflict or in a tombstone.
//
// Saves of one draft (the same Draft.ID) are one author continuing her
// work, ordered by Draft.SavedAt as an instant. A later save is merged
// against her previous merged save, rebuilt from the master
// (MergedDraft.Changes over its base revision): only what she changed
// since she last sent counts as her change, so a field she changed again
// is not a conflict with herself, and a field she changed back is a
// change. Where an open conflict lists her earlier value, her new value
// replaces it among the candidates. Several saves of one draft in one
// batch are merged as successive saves: the latest stands for them all,
// and the earlier ones are recorded as merged and reported as Superseded,
// as is a save older than one merged before. Saves of the same instant
// cannot be ordered, so none is taken for a later save of another: each
// is merged against the view they share (or its own base, when it has the
// instant of the save merged before), and where they differ the
// coordinator sees a conflict; nothing is dropped. Drafts with no id are
// never taken for saves of one another.
//
// A draft whose base is not in the history is compared with the current
// master and every difference becomes a conflict; but a draft of another
// document (another id) whose base is unknown is refused. Drafts already
// merged (same id and content) are skipped, and the result does not depend
// on the order of drafts. The new master records its previous revision in
// its history, and is sealed (jsna.Seal): its revision is hashed once,
// when first asked for. Drafts cut for some wards (Draft.Wards) are merged in time
// and memory proportional to those wards, not to the master.
//
// The new master shares with master what the merge did not change (the
// wards outside the drafts', and in theirs every record no draft changed)
// instead of copying it, and master itself is never changed. So neither
// may be edited in place afterwards while the other is in use: code that
// edits the new master (the app's editor) edits a jsna.DeepCopy of it.
// Resolve's result shares with its input in the same way.
//
// The merge is a pipeline of steps, each in its own file:
//
//  1. order the saves (saves.go): check each draft, skip what was merged
//     before, put the saves in a fixed order and let the latest save of a
//     draft stand for its earlier ones;
//  2. scope (scope.go): the wards the drafts touch, flattened into paths,
//     and a lookup of each draft's base revision;
//  3. find each draft's changes (changes.go): the paths where a draft
//     differs from what it started from, as proposals;
//  4. decide (decide.go): for each changed path, take the change, merge
//     the text line by line, or open a conflict, on a field or on a whole
//     record;
//  5. apply (apply.go): rebuild the changed records and check that what
//     was taken field by field fits together, turning records that break
//     a rule into conflicts between their versions;
//  6. record (record.go): provenance, history, tombstones, the merged
//     saves and the report.
func Merge(master *jsna.Document, drafts []*jsna.Document, opts Options) (*jsna.Document, *Report, error) {
	m := &merger{master: master, opts: opts, rep: &Report{}, masterRev: jsna.Revision(master)}
	all, err := m.admit(drafts)
	if err != nil {
		return nil, nil, err
	}
	m.orderSaves(all)
	m.scopeSaves()
	m.findChanges()
	m.decide()
	if err := m.apply(); err != nil {
		return nil, nil, err
	}
	out := m.record()
	jsna.Seal(out)
	return out, m.rep, nil
}

// merger is one merge in progress: what each step hands to the next.
type merger struct {
	master    *jsna.Document
	opts      Options
	rep       *Report
	masterRev string

	masterWards  map[string]*jsna.Ward        // the master's wards by code (sameAsMaster)
	masterValues map[*jsna.Ward]*masterValues // what is known of their values, for the wards asked
	lastValues   struct {                     // the values of the last ward masterValues was made for
		vs []jsna.Value
		mk *masterValues
	}

	// Step 1: the saves to merge, oldest first within a draft, and the
	// earlier saves they stand for.
	saves, superseded []draftSave
	chains            *chains // the saves with save ids, and what each continues

	// Step 2: the wards in scope, the master's content there as paths,
	// and each base revision's.
	scope wardScope
	cur   flat
	bases func(rev string) (flat, bool)

	// Step 3: the drafts' changes.
	props   map[string][]proposal       // path → every draft's change to it
	deleted map[string][]jsna.Source    // record path → who deleted it
	stale   map[string]bool             // records deleted by a draft that did not see their content
	revived map[string][]jsna.Source    // records the master deleted since a draft's base, which the draft edits
	changes map[string][]jsna.PathValue // save revision → its changes from its base revision
	paths   []string                    // the keys of props, sorted
	draftOf map[string]*jsna.Document   // save revision → the save

	// Steps 4 and 5: the new content and how each path got there.
	next                       flat
	prov                       map[string][]jsna.Source // path → who set its value
	openAt                     map[string]int           // path → its open conflict in master
	conflicts                  []jsna.Conflict          // opened by this merge
	conflictAt                 map[string]bool          // paths of conflicts opened by this merge
	changed, taken, textMerged map[string]bool          // paths set from drafts; taken as one draft wrote them; merged line by line
	frag                       *jsna.Document           // the rebuilt records in scope
}

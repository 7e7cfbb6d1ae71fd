package merge

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// DraftOptions describe a new draft.
type DraftOptions struct {
	ID     string    // draft id; required
	Author string    // required
	Role   string    // gp, councillor, coordinator or analyst
	Wards  []string  // ward codes to keep; empty keeps them all
	Now    time.Time // saved_at
}

// NewDraft cuts a draft from master: a copy of its content (without merge
// bookkeeping), possibly for a subset of wards, with a draft block naming
// master's revision as its base. A sealed master (jsna.Seal: one decoded
// or merged) is hashed once however many drafts are cut from it.
func NewDraft(master *jsna.Document, opts DraftOptions) (*jsna.Document, error) {
	if opts.ID == "" || opts.Author == "" {
		return nil, errors.New("jsna: a draft needs an id and an author")
	}
	// Copy through the codec, so that the draft shares nothing with the
	// master; with a ward subset, only those wards are copied.
	src := *master
	if len(opts.Wards) > 0 {
		keep := map[string]bool{}
		for _, c := range opts.Wards {
			keep[c] = true
		}
		var wards []jsna.Ward
		for _, w := range master.Wards {
			if keep[w.Code] {
				wards = append(wards, w)
				delete(keep, w.Code)
			}
		}
		if len(keep) > 0 {
			var missing []string
			for c := range keep {
				missing = append(missing, c)
			}
			sort.Strings(missing)
			return nil, fmt.Errorf("jsna: wards %s are not in the master", strings.Join(missing, ", "))
		}
		src.Wards = wards
	}
	d, err := jsna.Decode(content(&src))
	if err != nil {
		return nil, err
	}
	// A draft is made to be edited in place: leave it unsealed, so that
	// its revision is never one it had before an edit.
	d.Edited()
	d.Draft = &jsna.Draft{ID: opts.ID, Author: opts.Author, Role: opts.Role, Base: jsna.Revision(master),
		SavedAt: opts.Now.UTC().Format(time.RFC3339), Wards: append([]string(nil), opts.Wards...)}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

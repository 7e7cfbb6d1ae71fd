package merge

import (
	"fmt"

	"github.com/wardwise/wardwise/jsna"
)

// AtRevision is master's content as it was at revision rev, one of its
// history's revisions or its own, rebuilt by undoing the later changes:
// read-only, for a coordinator to look at or compare (Diff) with another.
// It has no bookkeeping. It is an error when rev is neither.
func AtRevision(master *jsna.Document, rev string) (*jsna.Document, error) {
	cur := flattenScoped(master, nil)
	f, ok := baseLookup(master, jsna.Revision(master), cur, nil)(rev)
	if !ok {
		return nil, fmt.Errorf("jsna: revision %q is not in the master's history", rev)
	}
	d, err := fragment(f)
	if err != nil {
		return nil, fmt.Errorf("jsna: revision %s: %w", rev, err)
	}
	return d, nil
}

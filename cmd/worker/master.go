package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna/merge"

	"github.com/wardwise/wardwise/jsna"
)

// master returns the current master as stored (jsna canonical layout),
// with its revision as ETag and its number in Wardwise-Master-Seq. A
// request whose If-None-Match names the current revision gets 304.
func (h *Hub) master(w http.ResponseWriter, r *http.Request, id string) *apiError {
	if _, e := h.authorize(r, id, contributors|coordinators, "read the master"); e != nil {
		return e
	}
	rev, e := h.head(r.Context(), id)
	if e != nil {
		return e
	}
	etag := `"` + rev.Revision + `"`
	w.Header().Set("ETag", etag)
	w.Header().Set("Wardwise-Master-Seq", strconv.Itoa(rev.Seq))
	for _, t := range strings.Split(r.Header.Get("If-None-Match"), ",") {
		if t = strings.TrimSpace(t); t == etag || t == "W/"+etag || t == "*" {
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
	}
	data, err := h.Blobs.Get(r.Context(), rev.Blob)
	if err != nil {
		return internal("read master "+rev.Blob, err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
	return nil
}

// revisionJSON is a master revision with what it did.
type revisionJSON struct {
	MasterRevision
	Detail json.RawMessage `json:"detail"`
}

// history lists every revision of the master, oldest first.
func (h *Hub) history(w http.ResponseWriter, r *http.Request, id string) *apiError {
	if _, e := h.authorize(r, id, contributors|coordinators, "read the history"); e != nil {
		return e
	}
	revs, err := h.Meta.Revisions(r.Context(), id)
	if err != nil {
		return internal("read revisions", err)
	}
	if len(revs) == 0 {
		return errorf(http.StatusNotFound, "not_found", "hub: no assessment %q", id)
	}
	out := make([]revisionJSON, len(revs))
	for i, rv := range revs {
		out[i] = revisionJSON{rv, json.RawMessage(rv.Detail)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"assessment": id, "revisions": out})
	return nil
}

// conflicts lists the open conflicts of the current master.
func (h *Hub) conflicts(w http.ResponseWriter, r *http.Request, id string) *apiError {
	if _, e := h.authorize(r, id, contributors|coordinators, "read the conflicts"); e != nil {
		return e
	}
	rev, master, _, e := h.loadMaster(r.Context(), id)
	if e != nil {
		return e
	}
	cs := master.OpenConflicts()
	if cs == nil {
		cs = []jsna.Conflict{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"assessment": id, "master": rev, "conflicts": cs})
	return nil
}

// mergedDraft names a draft version in a merge's detail and response.
// Round numbers the versions of one draft in this merge in the order they
// were received (1 for the first or only one); all go into one merge.Merge,
// which takes them as the author's successive saves. Superseded marks a
// version that a later save of the same draft stands for: recorded as
// merged, what it wrote is in that later save unless she changed it.
type mergedDraft struct {
	Draft      string `json:"draft"`
	Version    int    `json:"version"`
	Revision   string `json:"revision"`
	Author     string `json:"author"`  // the author name in the file
	SentBy     string `json:"sent_by"` // the label of the token that sent it
	Round      int    `json:"round"`
	Superseded bool   `json:"superseded,omitempty"`
}

// MaxMergeMasterBytes is the largest master (its canonical file) the hub
// merges: a Worker has 128 MB, and decoding a master of 7.7 MB (600 wards
// by 60 indicators), merging 5 drafts into it and encoding the result
// took 94 MB of WebAssembly memory under Node, 1,000 wards 181 MB (Sys,
// jsna/merge BenchmarkHubMerge; API.md has the measurements). Larger
// masters are merged in the app or the CLI.
const MaxMergeMasterBytes = 8 << 20

// loadMergeMaster is loadMaster for a merge: a master over
// MaxMergeMasterBytes is refused before it is decoded, since decoding it
// takes most of the memory a merge needs.
func (h *Hub) loadMergeMaster(ctx context.Context, id string) (MasterRevision, *jsna.Document, *apiError) {
	head, e := h.head(ctx, id)
	if e != nil {
		return head, nil, e
	}
	data, err := h.Blobs.Get(ctx, head.Blob)
	if err != nil {
		return head, nil, internal(fmt.Sprintf("read master %s", head.Blob), err)
	}
	if len(data) > MaxMergeMasterBytes {
		return head, nil, errorf(http.StatusRequestEntityTooLarge, "master_too_large",
			"hub: the master is %.1f MB, more than the %d MB the hub can merge within a Worker's 128 MB: merge the drafts in the Wardwise app or with the CLI (jsna merge) instead",
			float64(len(data))/(1<<20), MaxMergeMasterBytes>>20)
	}
	master, err := jsna.Decode(data)
	if err != nil {
		return head, nil, internal(fmt.Sprintf("decode master %s", head.Blob), err)
	}
	return head, master, nil
}

// merge merges every pending draft into the master (coordinators only).
//
// D1 has no transactions, so the merge is optimistic: it reads revision n
// and the pending drafts, merges with merge.Merge, stores the result as a
// new blob and then inserts revision n+1 only if no one else has. If
// another merge or a resolution got there first, it starts again from the
// new master; drafts that master already holds (jsna records every merged
// draft's id and revision) are not merged twice. Drafts are marked merged
// only after the revision is in; a merge that dies before marking them
// leaves them pending, and the next one finds them in the master and
// marks them. So two merges at once lose no draft and no resolution.
func (h *Hub) merge(w http.ResponseWriter, r *http.Request, id string) *apiError {
	c, e := h.authorize(r, id, coordinators, "merge")
	if e != nil {
		return e
	}
	if e := h.limitWrite(r, c); e != nil {
		return e
	}
	body, e := h.readBody(w, r, h.limits().Request, "merge request")
	if e != nil {
		return e
	}
	if e := decodeJSON(body, &struct{}{}, "merge request"); e != nil {
		return e
	}
	ctx := r.Context()
	// Blobs left by merges that lost a race, or by Workers that died, go
	// first: whatever this merge does, the hub stays tidy.
	h.sweep(ctx, id)
	for attempt := 1; attempt <= h.maxAttempts(); attempt++ {
		head, master, e := h.loadMergeMaster(ctx, id)
		if e != nil {
			return e
		}
		batch, e := h.pendingBatch(ctx, id, master)
		if e != nil {
			return e
		}
		docs, fresh, freshRevs, already, rounds := batch.docs, batch.fresh, batch.freshRevs, batch.already, batch.rounds
		if len(docs) == 0 {
			// Nothing new: only drafts a merge that died put in already.
			if err := h.Meta.MarkMerged(ctx, id, already, head.Seq); err != nil {
				return internal("mark drafts merged", err)
			}
			writeJSON(w, http.StatusOK, map[string]any{"master": head, "changed": false, "merged": []mergedDraft{}, "attempts": attempt})
			return nil
		}
		out, rep, err := merge.Merge(master, docs, merge.Options{Now: h.now()})
		if err != nil {
			return &apiError{Status: http.StatusUnprocessableEntity, Code: "merge_failed", Message: "hub: merge failed: " + err.Error()}
		}
		if rep.Drafts == nil {
			rep.Drafts = []merge.DraftReport{}
		}
		if rep.Conflicts == nil {
			rep.Conflicts = []jsna.Conflict{}
		}
		superseded := map[string]bool{}
		for _, s := range rep.Superseded {
			superseded[s.Revision] = true
		}
		for i := range fresh {
			fresh[i].Superseded = superseded[fresh[i].Revision]
		}
		detail := map[string]any{"drafts": fresh, "rounds": rounds, "taken": rep.Taken, "merged_text": rep.Merged, "new_conflicts": len(rep.Conflicts)}
		rev, stale, e := h.storeMaster(ctx, out, head.Seq+1, "merge", c.label(), h.now(), detail)
		if e != nil {
			return e
		}
		if stale {
			continue
		}
		if err := h.Meta.MarkMerged(ctx, id, freshRevs, rev.Seq); err != nil {
			// The master holds them: the next merge marks them.
			h.logf("hub: %s: merged revision %d but could not mark its drafts: %v", id, rev.Seq, err)
		}
		if err := h.Meta.MarkMerged(ctx, id, already, head.Seq); err != nil {
			h.logf("hub: %s: could not mark drafts merged in revision %d: %v", id, head.Seq, err)
		}
		h.audit(ctx, id, c, auditMerge, strconv.Itoa(rev.Seq), map[string]any{"revision": rev.Revision, "drafts": fresh, "new_conflicts": len(rep.Conflicts), "attempts": attempt})
		writeJSON(w, http.StatusOK, map[string]any{"master": rev, "changed": true, "merged": fresh, "rounds": rounds, "report": rep, "attempts": attempt})
		return nil
	}
	w.Header().Set("Retry-After", "1")
	return errorf(http.StatusServiceUnavailable, "busy", "hub: the master changed %d times while merging; try again", h.maxAttempts())
}

// mergeBatch is what one merge attempt takes: the pending draft versions
// the master does not hold yet (docs, described by fresh, with their
// revisions), and those it holds already, which a merge that died before
// marking them left pending.
type mergeBatch struct {
	docs      []*jsna.Document
	fresh     []mergedDraft
	freshRevs []string
	already   []string
	rounds    int // the most versions of one draft in docs
}

// pendingBatch reads assessment id's pending draft versions against
// master.
func (h *Hub) pendingBatch(ctx context.Context, id string, master *jsna.Document) (mergeBatch, *apiError) {
	var b mergeBatch
	pending, err := h.Meta.Drafts(ctx, id, DraftFilter{PendingOnly: true})
	if err != nil {
		return b, internal("list pending drafts", err)
	}
	in := map[string]bool{}
	for _, m := range master.Merged {
		in[m.Draft+"\x00"+m.Revision] = true
	}
	// Every pending version goes into one merge.Merge: the versions of
	// one draft are the author's successive saves, and jsna merges the
	// latest against her previous merged save, so a later version's
	// edits to what an earlier one wrote are hers to make, not a
	// conflict with herself.
	round := map[string]int{} // draft id → versions of it so far
	for _, d := range pending {
		if in[d.DraftID+"\x00"+d.Revision] {
			b.already = append(b.already, d.Revision)
			continue
		}
		data, err := h.Blobs.Get(ctx, d.Blob)
		if err != nil {
			return b, internal(fmt.Sprintf("read draft %q version %d", d.DraftID, d.Version), err)
		}
		doc, err := jsna.Decode(data)
		if err != nil {
			return b, internal(fmt.Sprintf("decode draft %q version %d", d.DraftID, d.Version), err)
		}
		round[d.DraftID]++
		b.rounds = max(b.rounds, round[d.DraftID])
		b.docs = append(b.docs, doc)
		b.fresh = append(b.fresh, mergedDraft{Draft: d.DraftID, Version: d.Version, Revision: d.Revision, Author: d.Author, SentBy: d.SentBy, Round: round[d.DraftID]})
		b.freshRevs = append(b.freshRevs, d.Revision)
	}
	return b, nil
}

// resolutionRequest is the body of POST .../resolutions: the conflict and
// exactly one of take (a candidate, from 1, in the order GET .../conflicts
// lists them), value (any JSON value) or delete.
type resolutionRequest struct {
	Conflict string          `json:"conflict"`
	Take     int             `json:"take"`
	Value    json.RawMessage `json:"value"`
	Delete   bool            `json:"delete"`
}

// resolve settles one conflict with merge.Resolve (coordinators only),
// optimistic as merge is: a resolution that loses a race is made again on
// the new master. If the conflict is no longer open there (resolved by
// someone else, or given more candidates by a merge, which changes its
// id), the answer is 409 and nothing changes.
func (h *Hub) resolve(w http.ResponseWriter, r *http.Request, id string) *apiError {
	c, e := h.authorize(r, id, coordinators, "resolve conflicts")
	if e != nil {
		return e
	}
	if e := h.limitWrite(r, c); e != nil {
		return e
	}
	body, e := h.readBody(w, r, h.limits().Request, "resolution")
	if e != nil {
		return e
	}
	var req resolutionRequest
	if e := decodeJSON(body, &req, "resolution"); e != nil {
		return e
	}
	n := 0
	if req.Take != 0 {
		n++
	}
	if req.Value != nil {
		n++
	}
	if req.Delete {
		n++
	}
	if req.Conflict == "" || n != 1 || req.Take < 0 {
		return errorf(http.StatusBadRequest, "bad_request", `hub: resolution: give "conflict" and exactly one of "take" (a candidate number from 1), "value" (a JSON value) or "delete": true`)
	}
	ctx := r.Context()
	for attempt := 1; attempt <= h.maxAttempts(); attempt++ {
		head, master, _, e := h.loadMaster(ctx, id)
		if e != nil {
			return e
		}
		var conflict *jsna.Conflict
		for i := range master.Conflicts {
			if master.Conflicts[i].ID == req.Conflict {
				conflict = &master.Conflicts[i]
			}
		}
		if conflict == nil {
			return errorf(http.StatusConflict, "conflict_not_open",
				"hub: conflict %q is not open in master revision %d: it was resolved, or a merge gave it more candidates and a new id; list the conflicts again", req.Conflict, head.Seq)
		}
		if req.Take > len(conflict.Candidates) {
			return errorf(http.StatusUnprocessableEntity, "invalid_resolution", "hub: conflict %s has %d candidates, not %d", req.Conflict, len(conflict.Candidates), req.Take)
		}
		now := h.now()
		out, err := merge.Resolve(master, req.Conflict, merge.Resolution{Take: req.Take, Value: string(req.Value), Delete: req.Delete, By: c.label(), At: now})
		if err != nil {
			return &apiError{Status: http.StatusUnprocessableEntity, Code: "invalid_resolution", Message: "hub: " + strings.TrimPrefix(err.Error(), "jsna: ")}
		}
		record := out.Resolutions[len(out.Resolutions)-1]
		rev, stale, e := h.storeMaster(ctx, out, head.Seq+1, "resolve", c.label(), now, record)
		if e != nil {
			return e
		}
		if stale {
			continue
		}
		h.audit(ctx, id, c, auditResolve, req.Conflict, map[string]any{"seq": rev.Seq, "path": conflict.Path, "take": req.Take, "delete": req.Delete, "value_given": req.Value != nil})
		writeJSON(w, http.StatusOK, map[string]any{"master": rev, "resolution": record, "attempts": attempt})
		return nil
	}
	w.Header().Set("Retry-After", "1")
	return errorf(http.StatusServiceUnavailable, "busy", "hub: the master changed %d times while resolving; try again", h.maxAttempts())
}

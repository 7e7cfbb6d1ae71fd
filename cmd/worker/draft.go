package main

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// draftJSON is a draft version as the API shows it.
type draftJSON struct {
	Draft      string `json:"draft"`
	Version    int    `json:"version"`
	Revision   string `json:"revision"`
	Author     string `json:"author"`
	Role       string `json:"role"`
	Base       string `json:"base,omitempty"`
	SavedAt    string `json:"saved_at,omitempty"`
	ReceivedAt string `json:"received_at"`
	SentBy     string `json:"sent_by"`
	// SenderDiffers: the author name in the file is not the sender's label.
	SenderDiffers bool   `json:"sender_differs,omitempty"`
	Bytes         int    `json:"bytes"`
	State         string `json:"state"`               // pending or merged
	MergedIn      int    `json:"merged_in,omitempty"` // the master revision (seq) it went into
}

func newDraftJSON(d DraftVersion) draftJSON {
	state := "pending"
	if d.MergedSeq > 0 {
		state = "merged"
	}
	return draftJSON{Draft: d.DraftID, Version: d.Version, Revision: d.Revision, Author: d.Author, Role: d.Role, Base: d.Base,
		SavedAt: d.SavedAt, ReceivedAt: d.ReceivedAt, SentBy: d.SentBy, SenderDiffers: d.Author != d.SentBy, Bytes: d.Bytes, State: state, MergedIn: d.MergedSeq}
}

// submitDraft receives a draft (contributors and coordinators). The body
// is the draft document itself, as the app saves it. It is decoded and
// validated with jsna; it must have a draft block with an id and be a
// draft of this assessment. Sending is idempotent: the same draft (same
// id, same canonical content) again is 200 with the stored version and
// "duplicate": true; the same id with other content is stored as the
// next version, 201. Nothing is ever overwritten.
func (h *Hub) submitDraft(w http.ResponseWriter, r *http.Request, id string) *apiError {
	c, e := h.authorize(r, id, contributors|coordinators, "send drafts")
	if e != nil {
		return e
	}
	if e := h.limitWrite(r, c); e != nil {
		return e
	}
	body, e := h.readBody(w, r, h.limits().Draft, "draft")
	if e != nil {
		return e
	}
	doc, err := jsna.Decode(body)
	if err != nil {
		return documentError(http.StatusBadRequest, "invalid_json", "hub: the draft is not a jsna/1 document", err)
	}
	if err := doc.Validate(); err != nil {
		return documentError(http.StatusUnprocessableEntity, "invalid_document", "hub: the draft is not valid", err)
	}
	var probs []jsna.Problem
	switch {
	case doc.Draft == nil:
		probs = append(probs, jsna.Problem{Path: "draft", Message: "a draft has a draft block naming its author, role and base; this document has none"})
	case doc.Draft.ID == "":
		probs = append(probs, jsna.Problem{Path: "draft.id", Message: "a draft sent to the hub needs an id: sending it again must be recognisable"})
	}
	if doc.ID != id {
		probs = append(probs, jsna.Problem{Path: "id", Message: "this is a draft of " + strconv.Quote(doc.ID) + ", not of " + strconv.Quote(id)})
	}
	if len(probs) > 0 {
		return &apiError{Status: http.StatusUnprocessableEntity, Code: "invalid_document", Message: "hub: the draft cannot be sent to this assessment", Problems: probs}
	}
	ctx := r.Context()
	if _, e := h.head(ctx, id); e != nil {
		return e
	}
	if e := h.claim(ctx, id, c, doc.Draft.ID); e != nil {
		return e
	}
	// The hub's name for the sender, beside the author name she typed:
	// merge.Merge records both in the master's provenance.
	doc.Draft.Sender = c.label()
	data, err := jsna.Marshal(doc)
	if err != nil {
		return internal("encode draft", err)
	}
	key := blobKey("drafts", data)
	if err := h.putBlob(ctx, id, key, data); err != nil {
		return internal("store draft", err)
	}
	dv, created, err := h.Meta.AddDraft(ctx, DraftVersion{
		Assessment: id, DraftID: doc.Draft.ID, Revision: jsna.SaveRevision(doc), Blob: key,
		Author: doc.Draft.Author, Role: doc.Draft.Role, Base: doc.Draft.Base, SavedAt: doc.Draft.SavedAt,
		ReceivedAt: h.now().Format(time.RFC3339), TokenHash: c.token.Hash, SenderID: c.token.Identity, SentBy: c.token.Label, Bytes: len(data),
	})
	if err != nil {
		return internal("store draft", err)
	}
	h.settle(ctx, key)
	if created {
		h.audit(ctx, id, c, auditDraftSend, doc.Draft.ID, map[string]any{"version": dv.Version, "revision": dv.Revision, "author": dv.Author, "bytes": dv.Bytes})
	}
	known, e := h.baseKnown(r, id, doc.Draft.Base)
	if e != nil {
		return e
	}
	resp := map[string]any{"draft": newDraftJSON(dv), "duplicate": !created, "base_known": known}
	if !known {
		resp["warning"] = "hub: the draft's base is not a revision of this assessment's master: when merged, every difference from the master will be a conflict"
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	writeJSON(w, status, resp)
	return nil
}

// baseKnown reports whether a merge will find rev, a draft's base: one of
// the hub's master revisions, or one in the current master's history
// (revisions from before the assessment came to the hub).
func (h *Hub) baseKnown(r *http.Request, id, rev string) (bool, *apiError) {
	if rev == "" {
		return false, nil
	}
	ok, err := h.Meta.HasRevision(r.Context(), id, rev)
	if err != nil {
		return false, internal("read revisions", err)
	}
	if ok {
		return true, nil
	}
	_, master, _, e := h.loadMaster(r.Context(), id)
	if e != nil {
		return false, e
	}
	for _, he := range master.History {
		if he.Revision == rev {
			return true, nil
		}
	}
	return false, nil
}

// claim checks the ownership rule: a draft id belongs to the identity
// that first sent it, whatever token she uses now, and no one else may
// send a draft with that id (403 draft_not_yours, recorded in the audit
// log). The first send of an id claims it.
func (h *Hub) claim(ctx context.Context, id string, c caller, draftID string) *apiError {
	owner, err := h.Meta.ClaimDraft(ctx, id, draftID, c.token.Identity, h.now().Format(time.RFC3339))
	if err != nil {
		return internal("claim draft", err)
	}
	if owner == c.token.Identity {
		return nil
	}
	h.audit(ctx, id, c, auditDraftRefused, draftID, map[string]string{"rule": "a draft id belongs to the contributor who first sent it", "owner": owner})
	return &apiError{Status: http.StatusForbidden, Code: "draft_not_yours",
		Message:  "hub: draft " + strconv.Quote(draftID) + " belongs to the contributor who first sent it: a draft id is its first sender's, and only she may send it again; to send this work as yours, start a draft of your own, copy the work into it and send that",
		Problems: []jsna.Problem{{Path: "draft.id", Message: "this draft id was first sent by someone else"}}}
}

// visibleDrafts lists the drafts c may see: a coordinator every draft,
// a contributor those sent with their own token.
func (h *Hub) visibleDrafts(r *http.Request, c caller, id string, f DraftFilter) ([]DraftVersion, *apiError) {
	if c.token.Role != RoleCoordinator {
		f.SenderID = c.token.Identity
	}
	ds, err := h.Meta.Drafts(r.Context(), id, f)
	if err != nil {
		return nil, internal("list drafts", err)
	}
	return ds, nil
}

// listDrafts lists draft versions and their state; ?state=pending or
// ?state=merged filters.
func (h *Hub) listDrafts(w http.ResponseWriter, r *http.Request, id string) *apiError {
	c, e := h.authorize(r, id, contributors|coordinators, "list drafts")
	if e != nil {
		return e
	}
	state := r.URL.Query().Get("state")
	if state != "" && state != "pending" && state != "merged" {
		return errorf(http.StatusBadRequest, "bad_request", `hub: state must be "pending" or "merged", not %q`, state)
	}
	rev, e := h.head(r.Context(), id)
	if e != nil {
		return e
	}
	ds, e := h.visibleDrafts(r, c, id, DraftFilter{PendingOnly: state == "pending"})
	if e != nil {
		return e
	}
	out := []draftJSON{}
	for _, d := range ds {
		if j := newDraftJSON(d); state == "" || j.State == state {
			out = append(out, j)
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"assessment": id, "master": rev, "drafts": out})
	return nil
}

// draftVersions lists the versions of one draft.
func (h *Hub) draftVersions(w http.ResponseWriter, r *http.Request, id, draftID string) *apiError {
	c, e := h.authorize(r, id, contributors|coordinators, "read drafts")
	if e != nil {
		return e
	}
	ds, e := h.visibleDrafts(r, c, id, DraftFilter{DraftID: draftID})
	if e != nil {
		return e
	}
	if len(ds) == 0 {
		return errorf(http.StatusNotFound, "not_found", "hub: no draft %q that this token may see", draftID)
	}
	out := []draftJSON{}
	for _, d := range ds {
		out = append(out, newDraftJSON(d))
	}
	writeJSON(w, http.StatusOK, map[string]any{"assessment": id, "draft": draftID, "versions": out})
	return nil
}

// draftDocument returns one version of a draft as it was stored.
func (h *Hub) draftDocument(w http.ResponseWriter, r *http.Request, id, draftID string, version int) *apiError {
	c, e := h.authorize(r, id, contributors|coordinators, "read drafts")
	if e != nil {
		return e
	}
	ds, e := h.visibleDrafts(r, c, id, DraftFilter{DraftID: draftID})
	if e != nil {
		return e
	}
	for _, d := range ds {
		if d.Version != version {
			continue
		}
		data, err := h.Blobs.Get(r.Context(), d.Blob)
		if err != nil {
			return internal("read draft "+d.Blob, err)
		}
		w.Header().Set("ETag", `"`+d.Revision+`"`)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Write(data)
		return nil
	}
	return errorf(http.StatusNotFound, "not_found", "hub: no version %d of draft %q that this token may see", version, draftID)
}

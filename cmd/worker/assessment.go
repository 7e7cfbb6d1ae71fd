package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// MaxTokensPerRequest bounds the tokens one request may make.
const MaxTokensPerRequest = 500

// createRequest is the body of POST /api/v1/assessments.
type createRequest struct {
	Master       json.RawMessage `json:"master"`
	Coordinators []string        `json:"coordinators"`
	Contributors []string        `json:"contributors"`
}

// issuedToken is a token as shown once, when made.
type issuedToken struct {
	Assessment string `json:"assessment"`
	Role       string `json:"role"`
	Label      string `json:"label"`
	Token      string `json:"token"`
	ID         string `json:"id"`       // its public id, TokenID
	Identity   string `json:"identity"` // the person it belongs to
}

// blobKey names data in Blobs by its SHA-256: "masters/HEX.json".
func blobKey(kind string, data []byte) string {
	sum := sha256.Sum256(data)
	return kind + "/" + hex.EncodeToString(sum[:]) + ".json"
}

// createAssessment seeds an assessment with its master and tokens (admin
// only). The master becomes revision 1; the insert of revision 1 is the
// commit point, so of two creations of one id only one succeeds, and the
// tokens are stored only after it. Should the tokens fail to be stored,
// the admin makes them again with POST .../tokens.
func (h *Hub) createAssessment(w http.ResponseWriter, r *http.Request) *apiError {
	c, e := h.authorize(r, "", admin, "create assessments")
	if e != nil {
		return e
	}
	if e := h.limitWrite(r, c); e != nil {
		return e
	}
	body, e := h.readBody(w, r, h.limits().Master, "new assessment")
	if e != nil {
		return e
	}
	var req createRequest
	if e := decodeJSON(body, &req, "new assessment"); e != nil {
		return e
	}
	if len(req.Master) == 0 {
		return errorf(http.StatusBadRequest, "bad_request", `hub: new assessment: no "master" document`)
	}
	if len(req.Coordinators) == 0 {
		return errorf(http.StatusBadRequest, "bad_request", `hub: new assessment: "coordinators" must name at least one coordinator`)
	}
	if n := len(req.Coordinators) + len(req.Contributors); n > MaxTokensPerRequest {
		return errorf(http.StatusBadRequest, "bad_request", "hub: new assessment: %d tokens asked for, at most %d at once", n, MaxTokensPerRequest)
	}
	for _, l := range append(append([]string(nil), req.Coordinators...), req.Contributors...) {
		if !validLabel(l) {
			return errorf(http.StatusBadRequest, "bad_request", "hub: new assessment: token label %q must be 1 to 200 characters without control characters", l)
		}
	}
	master, err := jsna.Decode(req.Master)
	if err != nil {
		return documentError(http.StatusBadRequest, "invalid_json", "hub: the master is not a jsna/1 document (lines and columns count from the start of the master member)", err)
	}
	if err := master.Validate(); err != nil {
		return documentError(http.StatusUnprocessableEntity, "invalid_document", "hub: the master is not valid", err)
	}
	if master.Draft != nil {
		return &apiError{Status: http.StatusUnprocessableEntity, Code: "invalid_document", Message: "hub: the master is a draft (it has a draft block): send the master",
			Problems: []jsna.Problem{{Path: "draft", Message: "a master has no draft block"}}}
	}
	if !idPattern.MatchString(master.ID) {
		return &apiError{Status: http.StatusUnprocessableEntity, Code: "invalid_document", Message: "hub: the master's id cannot name an assessment on the hub",
			Problems: []jsna.Problem{{Path: "id", Message: "on the hub an id is 1 to 200 letters, digits, '.', '_' or '-', starting with a letter or digit"}}}
	}
	ctx := r.Context()
	now := h.now()
	rev, stale, e := h.storeMaster(ctx, master, 1, "create", c.label(), now, map[string]any{"created": true})
	if e != nil {
		return e
	}
	if stale {
		return errorf(http.StatusConflict, "exists", "hub: assessment %q exists", master.ID)
	}
	h.audit(ctx, master.ID, c, auditCreate, rev.Revision, map[string]any{"seq": 1, "title": master.Title})
	var issued []issuedToken
	for i, l := range append(append([]string(nil), req.Coordinators...), req.Contributors...) {
		role := RoleContributor
		if i < len(req.Coordinators) {
			role = RoleCoordinator
		}
		it, t, e := h.issueToken(ctx, master.ID, role, l, now)
		if e != nil {
			return e
		}
		issued = append(issued, it)
		h.audit(ctx, master.ID, c, auditTokenCreate, t.ID, map[string]string{"role": t.Role, "label": t.Label, "identity": t.Identity})
	}
	w.Header().Set("Location", APIPrefix+"/assessments/"+url.PathEscape(master.ID))
	writeJSON(w, http.StatusCreated, map[string]any{"assessment": master.ID, "master": rev, "tokens": issued})
	return nil
}

// storeMaster writes master as revision seq: the blob first (harmless if
// the revision then loses), then the conditional insert. It returns
// stale when seq was taken.
func (h *Hub) storeMaster(ctx context.Context, master *jsna.Document, seq int, kind, by string, at time.Time, detail any) (rev MasterRevision, stale bool, e *apiError) {
	data, err := jsna.Marshal(master)
	if err != nil {
		return rev, false, internal("encode master", err)
	}
	key := blobKey("masters", data)
	if err := h.putBlob(ctx, master.ID, key, data); err != nil {
		return rev, false, internal("store master", err)
	}
	det, err := json.Marshal(detail)
	if err != nil {
		return rev, false, internal("encode revision detail", err)
	}
	rev = MasterRevision{Assessment: master.ID, Seq: seq, Revision: jsna.Revision(master), Blob: key, Title: master.Title,
		Kind: kind, By: by, At: at.Format(time.RFC3339), OpenConflicts: len(master.Conflicts), Detail: string(det)}
	if err := h.Meta.AppendRevision(ctx, rev); err != nil {
		if errors.Is(err, ErrStale) {
			// The blob stays pending: unless the winner wrote the same
			// bytes, the next sweep deletes it.
			return MasterRevision{}, true, nil
		}
		return rev, false, internal("store master revision", err)
	}
	h.settle(ctx, key)
	return rev, false, nil
}

// head returns the current revision of id's master.
func (h *Hub) head(ctx context.Context, id string) (MasterRevision, *apiError) {
	rev, err := h.Meta.Head(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return rev, errorf(http.StatusNotFound, "not_found", "hub: no assessment %q", id)
	}
	if err != nil {
		return rev, internal("read master revision", err)
	}
	return rev, nil
}

// loadMaster returns the current revision of id's master and the master.
func (h *Hub) loadMaster(ctx context.Context, id string) (MasterRevision, *jsna.Document, []byte, *apiError) {
	rev, e := h.head(ctx, id)
	if e != nil {
		return rev, nil, nil, e
	}
	data, err := h.Blobs.Get(ctx, rev.Blob)
	if err != nil {
		return rev, nil, nil, internal(fmt.Sprintf("read master %s", rev.Blob), err)
	}
	doc, err := jsna.Decode(data)
	if err != nil {
		return rev, nil, nil, internal(fmt.Sprintf("decode master %s", rev.Blob), err)
	}
	return rev, doc, data, nil
}

// summary says what the caller's token may do and where the master
// stands: the app calls it to check a hub address and token.
func (h *Hub) summary(w http.ResponseWriter, r *http.Request, id string) *apiError {
	c, e := h.authorize(r, id, contributors|coordinators|admin, "read the assessment")
	if e != nil {
		return e
	}
	rev, e := h.head(r.Context(), id)
	if e != nil {
		return e
	}
	f := DraftFilter{}
	if !c.admin && c.token.Role != RoleCoordinator {
		f.SenderID = c.token.Identity
	}
	drafts, err := h.Meta.Drafts(r.Context(), id, f)
	if err != nil {
		return internal("list drafts", err)
	}
	pending := 0
	for _, d := range drafts {
		if d.MergedSeq == 0 {
			pending++
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"assessment": id,
		"title":      rev.Title,
		"role":       c.role(),
		"label":      c.label(),
		"master":     rev,
		"drafts":     map[string]int{"total": len(drafts), "pending": pending},
	})
	return nil
}

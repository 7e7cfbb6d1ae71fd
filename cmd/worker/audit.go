package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// AuditRetention is how long the audit log keeps an entry. Entries name
// people (the labels of their tokens) and what they did, which is
// personal data: the hub deletes each entry this long after it was made,
// in its daily scheduled run (Scheduled) and before every read of the log.
const AuditRetention = 365 * 24 * time.Hour

// Audit actions.
const (
	auditCreate       = "assessment.create"
	auditTokenCreate  = "token.create"
	auditTokenRevoke  = "token.revoke"
	auditTokenRotate  = "token.rotate"
	auditDraftSend    = "draft.send"
	auditDraftRefused = "draft.refused"
	auditMerge        = "merge"
	auditResolve      = "resolve"
	auditBlobRemoved  = "blob.removed"
)

// audit appends an entry to assessment's audit log. The hub has no
// transactions, so the entry is written after what it records; should it
// fail, the request still succeeds and the failure is logged.
func (h *Hub) audit(ctx context.Context, assessment string, c caller, action, target string, detail any) {
	det := []byte("{}")
	if detail != nil {
		if b, err := json.Marshal(detail); err == nil {
			det = b
		}
	}
	e := AuditEntry{Assessment: assessment, At: h.now().Format(time.RFC3339), Actor: c.label(), Role: c.role(),
		Action: action, Target: target, Detail: string(det)}
	if !c.admin {
		e.ActorID = c.token.Identity
	}
	if err := h.Meta.AddAudit(ctx, e); err != nil {
		h.logf("hub: %s: audit %s %s: %v", assessment, action, target, err)
	}
}

// hubCaller is the hub itself, as the actor of what it does unasked
// (sweeping orphan blobs).
var hubCaller = caller{token: Token{Label: "hub", Role: "hub"}}

// auditJSON is an audit entry as the API shows it.
type auditJSON struct {
	AuditEntry
	Detail json.RawMessage `json:"detail"`
}

// MaxAuditEntries is the most entries one read of the audit log returns.
const MaxAuditEntries = 1000

// auditLog lists the newest entries of the audit log (coordinators and
// the admin), at most ?limit= of them (default and most MaxAuditEntries).
func (h *Hub) auditLog(w http.ResponseWriter, r *http.Request, id string) *apiError {
	if _, e := h.authorize(r, id, coordinators|admin, "read the audit log"); e != nil {
		return e
	}
	limit := MaxAuditEntries
	if q := r.URL.Query().Get("limit"); q != "" {
		n, err := strconv.Atoi(q)
		if err != nil || n < 1 || n > MaxAuditEntries {
			return errorf(http.StatusBadRequest, "bad_request", "hub: limit must be a number from 1 to %d, not %q", MaxAuditEntries, q)
		}
		limit = n
	}
	ctx := r.Context()
	if _, e := h.head(ctx, id); e != nil {
		return e
	}
	h.pruneAudit(ctx)
	entries, err := h.Meta.Audit(ctx, id, limit)
	if err != nil {
		return internal("read audit log", err)
	}
	out := make([]auditJSON, len(entries))
	for i, e := range entries {
		out[i] = auditJSON{e, json.RawMessage(e.Detail)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"assessment": id, "retention_days": int(AuditRetention / (24 * time.Hour)), "entries": out})
	return nil
}

// pruneAudit deletes the entries older than AuditRetention and returns
// how many went; a failure is logged.
func (h *Hub) pruneAudit(ctx context.Context) int {
	n, err := h.Meta.PruneAudit(ctx, h.now().Add(-AuditRetention).Format(time.RFC3339))
	if err != nil {
		h.logf("hub: prune audit log: %v", err)
	}
	return n
}

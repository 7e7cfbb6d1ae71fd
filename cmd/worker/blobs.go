package main

import (
	"context"
	"time"
)

// DefaultBlobGrace is how long a blob may be written but unreferenced
// before a sweep deletes it: far longer than a merge takes (a Worker
// request is stopped after minutes at most), so that a blob another
// writer has just put, and is about to reference, is never taken.
const DefaultBlobGrace = 15 * time.Minute

// maxSweep bounds the blobs one sweep looks at, so that a merge stays
// quick whatever piled up.
const maxSweep = 25

func (h *Hub) blobGrace() time.Duration {
	switch {
	case h.BlobGrace < 0:
		return 0
	case h.BlobGrace == 0:
		return DefaultBlobGrace
	}
	return h.BlobGrace
}

// putBlob writes a blob of assessment, first recording it as pending:
// until settle, nothing references it, and if nothing ever does (the
// merge lost its race, the Worker died) a later sweep deletes it.
func (h *Hub) putBlob(ctx context.Context, assessment, key string, data []byte) error {
	if err := h.Meta.AddPendingBlob(ctx, PendingBlob{Key: key, Assessment: assessment, At: h.now().Format(time.RFC3339)}); err != nil {
		return err
	}
	return h.Blobs.Put(ctx, key, data)
}

// settle forgets a pending blob once a row references it. A failure only
// leaves the record for the sweep, which then finds the blob referenced.
func (h *Hub) settle(ctx context.Context, key string) {
	if err := h.Meta.SettleBlob(ctx, key); err != nil {
		h.logf("hub: settle blob %s: %v", key, err)
	}
}

// sweep deletes the blobs of assessment ("" for all) recorded as pending
// for longer than the grace period that no revision or draft references,
// and forgets those that one does. Each deletion is in the assessment's
// audit log. It returns the keys deleted; failures are logged and left
// for the next sweep.
func (h *Hub) sweep(ctx context.Context, assessment string) []string {
	before := h.now().Add(-h.blobGrace())
	if h.blobGrace() == 0 {
		before = h.now().Add(time.Second)
	}
	pending, err := h.Meta.PendingBlobs(ctx, assessment, before.Format(time.RFC3339), maxSweep)
	if err != nil {
		h.logf("hub: sweep blobs: %v", err)
		return nil
	}
	var removed []string
	for _, b := range pending {
		used, err := h.Meta.BlobReferenced(ctx, b.Key)
		if err != nil {
			h.logf("hub: sweep blob %s: %v", b.Key, err)
			continue
		}
		if used {
			h.settle(ctx, b.Key)
			continue
		}
		// Take the record first: if a writer recorded the key again since
		// it was listed, it is writing the same bytes, and the blob stays.
		taken, err := h.Meta.TakePendingBlob(ctx, b)
		if err != nil || !taken {
			if err != nil {
				h.logf("hub: sweep blob %s: %v", b.Key, err)
			}
			continue
		}
		if err := h.Blobs.Delete(ctx, b.Key); err != nil {
			// Record it again, as it was, for the next sweep.
			h.logf("hub: sweep blob %s: %v", b.Key, err)
			if err := h.Meta.AddPendingBlob(ctx, b); err != nil {
				h.logf("hub: sweep blob %s: record again: %v", b.Key, err)
			}
			continue
		}
		removed = append(removed, b.Key)
		h.audit(ctx, b.Assessment, hubCaller, auditBlobRemoved, b.Key, map[string]string{"reason": "no revision or draft references it", "written_at": b.At})
	}
	return removed
}

// Scheduled is the hub's daily run (wrangler.toml, [triggers]): it
// deletes the audit entries past AuditRetention and sweeps every
// assessment's orphan blobs.
func (h *Hub) Scheduled(ctx context.Context) error {
	n := h.pruneAudit(ctx)
	removed := h.sweep(ctx, "")
	h.logf("hub: scheduled: %d audit entries past retention deleted, %d orphan blobs deleted", n, len(removed))
	return nil
}

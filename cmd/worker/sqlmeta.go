package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// SQLMeta is Meta over a database/sql database with the schema of
// migrations/0001_init.sql: Cloudflare D1 through
// github.com/syumai/workers/cloudflare/d1 in the Worker. It uses no
// transactions (D1 has none): every method is one statement, except
// AddDraft and MarkMerged, whose extra reads and chunks are safe to repeat.
type SQLMeta struct {
	DB *sql.DB
}

const revisionColumns = "assessment, seq, revision, blob, title, kind, by_label, created_at, open_conflicts, detail"

func scanRevision(s interface{ Scan(...any) error }) (MasterRevision, error) {
	var r MasterRevision
	err := s.Scan(&r.Assessment, &r.Seq, &r.Revision, &r.Blob, &r.Title, &r.Kind, &r.By, &r.At, &r.OpenConflicts, &r.Detail)
	return r, err
}

// Head returns the highest revision of assessment.
func (m *SQLMeta) Head(ctx context.Context, assessment string) (MasterRevision, error) {
	row := m.DB.QueryRowContext(ctx, "SELECT "+revisionColumns+" FROM revisions WHERE assessment = ? ORDER BY seq DESC LIMIT 1", assessment)
	r, err := scanRevision(row)
	if errors.Is(err, sql.ErrNoRows) {
		return MasterRevision{}, ErrNotFound
	}
	if err != nil {
		return MasterRevision{}, fmt.Errorf("hub: read master revision: %w", err)
	}
	return r, nil
}

// Revisions returns assessment's revisions, oldest first.
func (m *SQLMeta) Revisions(ctx context.Context, assessment string) ([]MasterRevision, error) {
	rows, err := m.DB.QueryContext(ctx, "SELECT "+revisionColumns+" FROM revisions WHERE assessment = ? ORDER BY seq", assessment)
	if err != nil {
		return nil, fmt.Errorf("hub: read revisions: %w", err)
	}
	defer rows.Close()
	var out []MasterRevision
	for rows.Next() {
		r, err := scanRevision(rows)
		if err != nil {
			return nil, fmt.Errorf("hub: read revisions: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// HasRevision reports whether rev is one of assessment's revisions.
func (m *SQLMeta) HasRevision(ctx context.Context, assessment, rev string) (bool, error) {
	var n int
	err := m.DB.QueryRowContext(ctx, "SELECT COUNT(*) FROM revisions WHERE assessment = ? AND revision = ?", assessment, rev).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("hub: read revisions: %w", err)
	}
	return n > 0, nil
}

// AppendRevision inserts r unless its seq is taken. The primary key
// (assessment, seq) makes the insert the compare-and-swap D1 offers
// without transactions: of two writers of the same seq, one inserts a row
// and the other changes nothing and gets ErrStale.
func (m *SQLMeta) AppendRevision(ctx context.Context, r MasterRevision) error {
	res, err := m.DB.ExecContext(ctx, "INSERT OR IGNORE INTO revisions ("+revisionColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		r.Assessment, r.Seq, r.Revision, r.Blob, r.Title, r.Kind, r.By, r.At, r.OpenConflicts, r.Detail)
	if err != nil {
		return fmt.Errorf("hub: write master revision: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("hub: write master revision: %w", err)
	}
	if n == 0 {
		return ErrStale
	}
	return nil
}

const tokenColumns = "hash, COALESCE(id, ''), COALESCE(identity, ''), assessment, role, label, created_at, COALESCE(revoked_at, '')"

func scanToken(s interface{ Scan(...any) error }) (Token, error) {
	var t Token
	err := s.Scan(&t.Hash, &t.ID, &t.Identity, &t.Assessment, &t.Role, &t.Label, &t.CreatedAt, &t.RevokedAt)
	return t, err
}

// AddIdentity stores id.
func (m *SQLMeta) AddIdentity(ctx context.Context, id Identity) error {
	_, err := m.DB.ExecContext(ctx, "INSERT INTO identities (id, assessment, role, label, created_at) VALUES (?, ?, ?, ?, ?)",
		id.ID, id.Assessment, id.Role, id.Label, id.CreatedAt)
	if err != nil {
		return fmt.Errorf("hub: write identity: %w", err)
	}
	return nil
}

// Token returns the token with this hash.
func (m *SQLMeta) Token(ctx context.Context, hash string) (Token, error) {
	t, err := scanToken(m.DB.QueryRowContext(ctx, "SELECT "+tokenColumns+" FROM tokens WHERE hash = ?", hash))
	if errors.Is(err, sql.ErrNoRows) {
		return Token{}, ErrNotFound
	}
	if err != nil {
		return Token{}, fmt.Errorf("hub: read token: %w", err)
	}
	return t, nil
}

// TokenByID returns assessment's token with this public id.
func (m *SQLMeta) TokenByID(ctx context.Context, assessment, id string) (Token, error) {
	t, err := scanToken(m.DB.QueryRowContext(ctx, "SELECT "+tokenColumns+" FROM tokens WHERE assessment = ? AND id = ?", assessment, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Token{}, ErrNotFound
	}
	if err != nil {
		return Token{}, fmt.Errorf("hub: read token: %w", err)
	}
	return t, nil
}

// Tokens lists assessment's tokens, oldest first.
func (m *SQLMeta) Tokens(ctx context.Context, assessment string) ([]Token, error) {
	rows, err := m.DB.QueryContext(ctx, "SELECT "+tokenColumns+" FROM tokens WHERE assessment = ? ORDER BY rowid", assessment)
	if err != nil {
		return nil, fmt.Errorf("hub: read tokens: %w", err)
	}
	defer rows.Close()
	var out []Token
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, fmt.Errorf("hub: read tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// AddToken stores t.
func (m *SQLMeta) AddToken(ctx context.Context, t Token) error {
	_, err := m.DB.ExecContext(ctx, "INSERT INTO tokens (hash, id, identity, assessment, role, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		t.Hash, t.ID, t.Identity, t.Assessment, t.Role, t.Label, t.CreatedAt)
	if err != nil {
		return fmt.Errorf("hub: write token: %w", err)
	}
	return nil
}

// RevokeToken sets revoked_at on a token that has none.
func (m *SQLMeta) RevokeToken(ctx context.Context, assessment, id, at string) (bool, error) {
	res, err := m.DB.ExecContext(ctx, "UPDATE tokens SET revoked_at = ? WHERE assessment = ? AND id = ? AND revoked_at IS NULL", at, assessment, id)
	if err != nil {
		return false, fmt.Errorf("hub: revoke token: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("hub: revoke token: %w", err)
	}
	return n > 0, nil
}

// ClaimDraft inserts the owner row unless there is one, then reads it:
// the primary key (assessment, draft_id) lets only the first claim in.
func (m *SQLMeta) ClaimDraft(ctx context.Context, assessment, draftID, identity, at string) (string, error) {
	if _, err := m.DB.ExecContext(ctx, "INSERT OR IGNORE INTO draft_owners (assessment, draft_id, identity, claimed_at) VALUES (?, ?, ?, ?)",
		assessment, draftID, identity, at); err != nil {
		return "", fmt.Errorf("hub: claim draft: %w", err)
	}
	var owner string
	if err := m.DB.QueryRowContext(ctx, "SELECT identity FROM draft_owners WHERE assessment = ? AND draft_id = ?", assessment, draftID).Scan(&owner); err != nil {
		return "", fmt.Errorf("hub: read draft owner: %w", err)
	}
	return owner, nil
}

const draftColumns = "assessment, draft_id, version, revision, blob, author, role, base, saved_at, received_at, token_hash, sender_id, sent_by, bytes, merged_seq"

func scanDraft(s interface{ Scan(...any) error }) (DraftVersion, error) {
	var d DraftVersion
	var merged sql.NullInt64
	err := s.Scan(&d.Assessment, &d.DraftID, &d.Version, &d.Revision, &d.Blob, &d.Author, &d.Role, &d.Base, &d.SavedAt, &d.ReceivedAt, &d.TokenHash, &d.SenderID, &d.SentBy, &d.Bytes, &merged)
	d.MergedSeq = int(merged.Int64)
	return d, err
}

// AddDraft inserts d as the next version of its draft id, numbering it in
// the same statement so that two drafts arriving at once get different
// numbers; the UNIQUE (assessment, draft_id, revision) constraint turns a
// resubmission of the same content into no change, and the row stored the
// first time is returned.
func (m *SQLMeta) AddDraft(ctx context.Context, d DraftVersion) (DraftVersion, bool, error) {
	res, err := m.DB.ExecContext(ctx, "INSERT OR IGNORE INTO drafts ("+draftColumns+") "+
		"SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL FROM drafts WHERE assessment = ? AND draft_id = ?",
		d.Assessment, d.DraftID, d.Revision, d.Blob, d.Author, d.Role, d.Base, d.SavedAt, d.ReceivedAt, d.TokenHash, d.SenderID, d.SentBy, d.Bytes,
		d.Assessment, d.DraftID)
	if err != nil {
		return DraftVersion{}, false, fmt.Errorf("hub: write draft: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return DraftVersion{}, false, fmt.Errorf("hub: write draft: %w", err)
	}
	stored, err := scanDraft(m.DB.QueryRowContext(ctx, "SELECT "+draftColumns+" FROM drafts WHERE assessment = ? AND draft_id = ? AND revision = ?",
		d.Assessment, d.DraftID, d.Revision))
	if err != nil {
		return DraftVersion{}, false, fmt.Errorf("hub: read draft back: %w", err)
	}
	return stored, n > 0, nil
}

// Drafts lists the draft versions matching f, by draft id and version.
func (m *SQLMeta) Drafts(ctx context.Context, assessment string, f DraftFilter) ([]DraftVersion, error) {
	q := "SELECT " + draftColumns + " FROM drafts WHERE assessment = ?"
	args := []any{assessment}
	if f.SenderID != "" {
		q += " AND sender_id = ?"
		args = append(args, f.SenderID)
	}
	if f.DraftID != "" {
		q += " AND draft_id = ?"
		args = append(args, f.DraftID)
	}
	if f.PendingOnly {
		q += " AND merged_seq IS NULL"
	}
	rows, err := m.DB.QueryContext(ctx, q+" ORDER BY draft_id, version", args...)
	if err != nil {
		return nil, fmt.Errorf("hub: read drafts: %w", err)
	}
	defer rows.Close()
	var out []DraftVersion
	for rows.Next() {
		d, err := scanDraft(rows)
		if err != nil {
			return nil, fmt.Errorf("hub: read drafts: %w", err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// maxBound is the most parameters one D1 statement may bind (D1 allows
// 100).
const maxBound = 90

// MarkMerged sets merged_seq on the pending drafts with these revisions,
// in chunks of D1's parameter limit. A chunk that fails leaves its drafts
// pending; the next merge finds them already in the master and marks them.
func (m *SQLMeta) MarkMerged(ctx context.Context, assessment string, revisions []string, seq int) error {
	for len(revisions) > 0 {
		n := min(len(revisions), maxBound-2)
		chunk := revisions[:n]
		revisions = revisions[n:]
		args := []any{seq, assessment}
		for _, r := range chunk {
			args = append(args, r)
		}
		q := "UPDATE drafts SET merged_seq = ? WHERE assessment = ? AND merged_seq IS NULL AND revision IN (?" + strings.Repeat(", ?", len(chunk)-1) + ")"
		if _, err := m.DB.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("hub: mark drafts merged: %w", err)
		}
	}
	return nil
}

const auditColumns = "seq, assessment, at, actor, actor_id, role, action, target, detail"

// AddAudit appends e; SQLite numbers it.
func (m *SQLMeta) AddAudit(ctx context.Context, e AuditEntry) error {
	_, err := m.DB.ExecContext(ctx, "INSERT INTO audit (assessment, at, actor, actor_id, role, action, target, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		e.Assessment, e.At, e.Actor, e.ActorID, e.Role, e.Action, e.Target, e.Detail)
	if err != nil {
		return fmt.Errorf("hub: write audit entry: %w", err)
	}
	return nil
}

// Audit returns assessment's newest entries first.
func (m *SQLMeta) Audit(ctx context.Context, assessment string, limit int) ([]AuditEntry, error) {
	rows, err := m.DB.QueryContext(ctx, "SELECT "+auditColumns+" FROM audit WHERE assessment = ? ORDER BY seq DESC LIMIT ?", assessment, limit)
	if err != nil {
		return nil, fmt.Errorf("hub: read audit log: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		if err := rows.Scan(&e.Seq, &e.Assessment, &e.At, &e.Actor, &e.ActorID, &e.Role, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, fmt.Errorf("hub: read audit log: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// PruneAudit deletes entries made before the time given.
func (m *SQLMeta) PruneAudit(ctx context.Context, before string) (int, error) {
	res, err := m.DB.ExecContext(ctx, "DELETE FROM audit WHERE at < ?", before)
	if err != nil {
		return 0, fmt.Errorf("hub: prune audit log: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("hub: prune audit log: %w", err)
	}
	return int(n), nil
}

// AddPendingBlob records b, or moves a recorded key's time to b.At.
func (m *SQLMeta) AddPendingBlob(ctx context.Context, b PendingBlob) error {
	_, err := m.DB.ExecContext(ctx, "INSERT INTO pending_blobs (blob, assessment, at) VALUES (?, ?, ?) ON CONFLICT (blob) DO UPDATE SET at = excluded.at",
		b.Key, b.Assessment, b.At)
	if err != nil {
		return fmt.Errorf("hub: record pending blob: %w", err)
	}
	return nil
}

// SettleBlob forgets a pending blob.
func (m *SQLMeta) SettleBlob(ctx context.Context, key string) error {
	if _, err := m.DB.ExecContext(ctx, "DELETE FROM pending_blobs WHERE blob = ?", key); err != nil {
		return fmt.Errorf("hub: settle pending blob: %w", err)
	}
	return nil
}

// TakePendingBlob deletes b's record if its time is still b.At.
func (m *SQLMeta) TakePendingBlob(ctx context.Context, b PendingBlob) (bool, error) {
	res, err := m.DB.ExecContext(ctx, "DELETE FROM pending_blobs WHERE blob = ? AND at = ?", b.Key, b.At)
	if err != nil {
		return false, fmt.Errorf("hub: take pending blob: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("hub: take pending blob: %w", err)
	}
	return n > 0, nil
}

// PendingBlobs lists pending blobs recorded before the time given.
func (m *SQLMeta) PendingBlobs(ctx context.Context, assessment, before string, limit int) ([]PendingBlob, error) {
	q := "SELECT blob, assessment, at FROM pending_blobs WHERE at < ?"
	args := []any{before}
	if assessment != "" {
		q += " AND assessment = ?"
		args = append(args, assessment)
	}
	rows, err := m.DB.QueryContext(ctx, q+" ORDER BY at LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("hub: read pending blobs: %w", err)
	}
	defer rows.Close()
	var out []PendingBlob
	for rows.Next() {
		var b PendingBlob
		if err := rows.Scan(&b.Key, &b.Assessment, &b.At); err != nil {
			return nil, fmt.Errorf("hub: read pending blobs: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// BlobReferenced reports whether a revision or a draft names key.
func (m *SQLMeta) BlobReferenced(ctx context.Context, key string) (bool, error) {
	var n int
	err := m.DB.QueryRowContext(ctx, "SELECT (SELECT COUNT(*) FROM revisions WHERE blob = ?) + (SELECT COUNT(*) FROM drafts WHERE blob = ?)", key, key).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("hub: read blob references: %w", err)
	}
	return n > 0, nil
}

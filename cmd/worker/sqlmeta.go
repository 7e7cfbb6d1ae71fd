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

// Token returns the token with this hash.
func (m *SQLMeta) Token(ctx context.Context, hash string) (Token, error) {
	t := Token{Hash: hash}
	err := m.DB.QueryRowContext(ctx, "SELECT assessment, role, label, created_at FROM tokens WHERE hash = ?", hash).
		Scan(&t.Assessment, &t.Role, &t.Label, &t.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Token{}, ErrNotFound
	}
	if err != nil {
		return Token{}, fmt.Errorf("hub: read token: %w", err)
	}
	return t, nil
}

// AddToken stores t.
func (m *SQLMeta) AddToken(ctx context.Context, t Token) error {
	_, err := m.DB.ExecContext(ctx, "INSERT INTO tokens (hash, assessment, role, label, created_at) VALUES (?, ?, ?, ?, ?)",
		t.Hash, t.Assessment, t.Role, t.Label, t.CreatedAt)
	if err != nil {
		return fmt.Errorf("hub: write token: %w", err)
	}
	return nil
}

const draftColumns = "assessment, draft_id, version, revision, blob, author, role, base, saved_at, received_at, token_hash, sent_by, bytes, merged_seq"

func scanDraft(s interface{ Scan(...any) error }) (DraftVersion, error) {
	var d DraftVersion
	var merged sql.NullInt64
	err := s.Scan(&d.Assessment, &d.DraftID, &d.Version, &d.Revision, &d.Blob, &d.Author, &d.Role, &d.Base, &d.SavedAt, &d.ReceivedAt, &d.TokenHash, &d.SentBy, &d.Bytes, &merged)
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
		"SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL FROM drafts WHERE assessment = ? AND draft_id = ?",
		d.Assessment, d.DraftID, d.Revision, d.Blob, d.Author, d.Role, d.Base, d.SavedAt, d.ReceivedAt, d.TokenHash, d.SentBy, d.Bytes,
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
	if f.TokenHash != "" {
		q += " AND token_hash = ?"
		args = append(args, f.TokenHash)
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

package main

import (
	"context"
	"sort"
	"sync"
)

// MemBlobs is Blobs in memory, for tests. It is safe for concurrent use.
type MemBlobs struct {
	mu sync.Mutex
	m  map[string][]byte
}

// Put stores a copy of data under key.
func (b *MemBlobs) Put(ctx context.Context, key string, data []byte) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.m == nil {
		b.m = map[string][]byte{}
	}
	b.m[key] = append([]byte(nil), data...)
	return nil
}

// Get returns a copy of the bytes under key, or ErrNotFound.
func (b *MemBlobs) Get(ctx context.Context, key string) ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	data, ok := b.m[key]
	if !ok {
		return nil, ErrNotFound
	}
	return append([]byte(nil), data...), nil
}

// Delete removes key.
func (b *MemBlobs) Delete(ctx context.Context, key string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.m, key)
	return nil
}

// Has reports whether key is stored.
func (b *MemBlobs) Has(key string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.m[key]
	return ok
}

// Len returns the number of blobs stored.
func (b *MemBlobs) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}

// MemMeta is Meta in memory, for tests, with the semantics of the SQL
// store: each method is atomic, and AppendRevision is a conditional write.
// It is safe for concurrent use.
type MemMeta struct {
	mu     sync.Mutex
	revs   map[string][]MasterRevision // by assessment, by seq - 1
	tokens map[string]Token
	order  []string // token hashes in the order added
	idents map[string]Identity
	drafts map[string][]DraftVersion // by assessment, in insertion order
	owners map[string]string         // identity by assessment and draft id
	audit  []AuditEntry
	seq    int64
	blobs  map[string]PendingBlob
}

func (m *MemMeta) init() {
	if m.revs == nil {
		m.revs = map[string][]MasterRevision{}
		m.tokens = map[string]Token{}
		m.idents = map[string]Identity{}
		m.drafts = map[string][]DraftVersion{}
		m.owners = map[string]string{}
		m.blobs = map[string]PendingBlob{}
	}
}

// Head returns the highest revision of assessment.
func (m *MemMeta) Head(ctx context.Context, assessment string) (MasterRevision, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	rs := m.revs[assessment]
	if len(rs) == 0 {
		return MasterRevision{}, ErrNotFound
	}
	return rs[len(rs)-1], nil
}

// Revisions returns assessment's revisions, oldest first.
func (m *MemMeta) Revisions(ctx context.Context, assessment string) ([]MasterRevision, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	return append([]MasterRevision(nil), m.revs[assessment]...), nil
}

// HasRevision reports whether rev is one of assessment's revisions.
func (m *MemMeta) HasRevision(ctx context.Context, assessment, rev string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for _, r := range m.revs[assessment] {
		if r.Revision == rev {
			return true, nil
		}
	}
	return false, nil
}

// AppendRevision adds r if r.Seq is the next number, else returns
// ErrStale.
func (m *MemMeta) AppendRevision(ctx context.Context, r MasterRevision) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	rs := m.revs[r.Assessment]
	if r.Seq != len(rs)+1 {
		return ErrStale
	}
	m.revs[r.Assessment] = append(rs, r)
	return nil
}

// Token returns the token with this hash.
func (m *MemMeta) Token(ctx context.Context, hash string) (Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	t, ok := m.tokens[hash]
	if !ok {
		return Token{}, ErrNotFound
	}
	return t, nil
}

// AddToken stores t.
func (m *MemMeta) AddToken(ctx context.Context, t Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if _, ok := m.tokens[t.Hash]; !ok {
		m.order = append(m.order, t.Hash)
	}
	m.tokens[t.Hash] = t
	return nil
}

// AddIdentity stores id.
func (m *MemMeta) AddIdentity(ctx context.Context, id Identity) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	m.idents[id.ID] = id
	return nil
}

// TokenByID returns assessment's token with this public id.
func (m *MemMeta) TokenByID(ctx context.Context, assessment, id string) (Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for _, t := range m.tokens {
		if t.Assessment == assessment && t.ID == id {
			return t, nil
		}
	}
	return Token{}, ErrNotFound
}

// Tokens lists assessment's tokens, oldest first.
func (m *MemMeta) Tokens(ctx context.Context, assessment string) ([]Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	var out []Token
	for _, h := range m.order {
		if t := m.tokens[h]; t.Assessment == assessment {
			out = append(out, t)
		}
	}
	return out, nil
}

// RevokeToken marks a token revoked unless it was.
func (m *MemMeta) RevokeToken(ctx context.Context, assessment, id, at string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for h, t := range m.tokens {
		if t.Assessment == assessment && t.ID == id && t.RevokedAt == "" {
			t.RevokedAt = at
			m.tokens[h] = t
			return true, nil
		}
	}
	return false, nil
}

// ClaimDraft makes identity the owner of a draft id that has none.
func (m *MemMeta) ClaimDraft(ctx context.Context, assessment, draftID, identity, at string) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	k := assessment + "\x00" + draftID
	if o, ok := m.owners[k]; ok {
		return o, nil
	}
	m.owners[k] = identity
	return identity, nil
}

// AddAudit appends e, numbering it.
func (m *MemMeta) AddAudit(ctx context.Context, e AuditEntry) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	m.seq++
	e.Seq = m.seq
	m.audit = append(m.audit, e)
	return nil
}

// Audit returns assessment's newest entries first.
func (m *MemMeta) Audit(ctx context.Context, assessment string, limit int) ([]AuditEntry, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	var out []AuditEntry
	for i := len(m.audit) - 1; i >= 0 && len(out) < limit; i-- {
		if m.audit[i].Assessment == assessment {
			out = append(out, m.audit[i])
		}
	}
	return out, nil
}

// PruneAudit deletes entries made before the time given.
func (m *MemMeta) PruneAudit(ctx context.Context, before string) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	kept := m.audit[:0]
	for _, e := range m.audit {
		if e.At >= before {
			kept = append(kept, e)
		}
	}
	n := len(m.audit) - len(kept)
	m.audit = kept
	return n, nil
}

// AddPendingBlob records b, or moves a recorded key's time to b.At.
func (m *MemMeta) AddPendingBlob(ctx context.Context, b PendingBlob) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	m.blobs[b.Key] = b
	return nil
}

// TakePendingBlob forgets b if its time is still b.At.
func (m *MemMeta) TakePendingBlob(ctx context.Context, b PendingBlob) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	if cur, ok := m.blobs[b.Key]; !ok || cur.At != b.At {
		return false, nil
	}
	delete(m.blobs, b.Key)
	return true, nil
}

// SettleBlob forgets a pending blob.
func (m *MemMeta) SettleBlob(ctx context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	delete(m.blobs, key)
	return nil
}

// PendingBlobs lists pending blobs recorded before the time given.
func (m *MemMeta) PendingBlobs(ctx context.Context, assessment, before string, limit int) ([]PendingBlob, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	var out []PendingBlob
	for _, b := range m.blobs {
		if b.At < before && (assessment == "" || b.Assessment == assessment) {
			out = append(out, b)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].At != out[j].At {
			return out[i].At < out[j].At
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// BlobReferenced reports whether a revision or a draft names key.
func (m *MemMeta) BlobReferenced(ctx context.Context, key string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	for _, rs := range m.revs {
		for _, r := range rs {
			if r.Blob == key {
				return true, nil
			}
		}
	}
	for _, ds := range m.drafts {
		for _, d := range ds {
			if d.Blob == key {
				return true, nil
			}
		}
	}
	return false, nil
}

// AddDraft stores d as the next version of its draft id unless the same
// revision is stored already.
func (m *MemMeta) AddDraft(ctx context.Context, d DraftVersion) (DraftVersion, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	last := 0
	for _, x := range m.drafts[d.Assessment] {
		if x.DraftID != d.DraftID {
			continue
		}
		if x.Revision == d.Revision {
			return x, false, nil
		}
		last = max(last, x.Version)
	}
	d.Version = last + 1
	d.MergedSeq = 0
	m.drafts[d.Assessment] = append(m.drafts[d.Assessment], d)
	return d, true, nil
}

// Drafts lists the draft versions matching f, by draft id and version.
func (m *MemMeta) Drafts(ctx context.Context, assessment string, f DraftFilter) ([]DraftVersion, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	var out []DraftVersion
	for _, d := range m.drafts[assessment] {
		if (f.SenderID != "" && d.SenderID != f.SenderID) || (f.DraftID != "" && d.DraftID != f.DraftID) || (f.PendingOnly && d.MergedSeq != 0) {
			continue
		}
		out = append(out, d)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].DraftID != out[j].DraftID {
			return out[i].DraftID < out[j].DraftID
		}
		return out[i].Version < out[j].Version
	})
	return out, nil
}

// MarkMerged sets the merge revision of the pending drafts with these
// revisions.
func (m *MemMeta) MarkMerged(ctx context.Context, assessment string, revisions []string, seq int) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.init()
	set := map[string]bool{}
	for _, r := range revisions {
		set[r] = true
	}
	ds := m.drafts[assessment]
	for i := range ds {
		if set[ds[i].Revision] && ds[i].MergedSeq == 0 {
			ds[i].MergedSeq = seq
		}
	}
	return nil
}

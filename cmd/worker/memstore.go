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
	drafts map[string][]DraftVersion // by assessment, in insertion order
}

func (m *MemMeta) init() {
	if m.revs == nil {
		m.revs = map[string][]MasterRevision{}
		m.tokens = map[string]Token{}
		m.drafts = map[string][]DraftVersion{}
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
	m.tokens[t.Hash] = t
	return nil
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
		if (f.TokenHash != "" && d.TokenHash != f.TokenHash) || (f.DraftID != "" && d.DraftID != f.DraftID) || (f.PendingOnly && d.MergedSeq != 0) {
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

package main

import (
	"context"
	"errors"
)

// The hub keeps two kinds of data, behind two interfaces so that the
// handlers run the same over memory (tests) and over Cloudflare (D1 for
// Meta, R2 for Blobs):
//
//   - Blobs holds documents, masters and drafts, content-addressed: a key
//     is derived from the bytes it names, so a blob is written once and
//     never changed, and two writers of the same key write the same bytes.
//   - Meta holds everything else: the master's revision history (which
//     revision is current and which blob holds it), the drafts received and
//     their versions, and the access tokens' hashes.
//
// D1 has no transactions, so the one write that must be atomic, moving
// the master forward, is a single conditional insert: AppendRevision adds
// revision n+1 only if no one else has; the loser reloads and tries again.
// Every other write is either idempotent or repaired by the next merge.

// Errors the stores return. ErrStale is not a failure: the caller reloads
// the master and retries.
var (
	ErrNotFound = errors.New("hub: not found")
	ErrStale    = errors.New("hub: master revision taken by another writer")
)

// Blobs stores documents by key.
type Blobs interface {
	// Put stores data under key. Keys are content-addressed, so a second
	// Put of a key stores the same bytes again.
	Put(ctx context.Context, key string, data []byte) error
	// Get returns the bytes stored under key, or ErrNotFound.
	Get(ctx context.Context, key string) ([]byte, error)
	// Delete removes key; deleting a key that is not there is no error.
	Delete(ctx context.Context, key string) error
}

// Meta stores the hub's metadata. Its methods are each one atomic write
// or read, as one D1 statement is.
type Meta interface {
	// Head returns the current (highest) revision of assessment's master,
	// or ErrNotFound when there is no such assessment.
	Head(ctx context.Context, assessment string) (MasterRevision, error)
	// Revisions returns every revision of assessment's master, oldest
	// first.
	Revisions(ctx context.Context, assessment string) ([]MasterRevision, error)
	// HasRevision reports whether rev (a jsna revision, "sha256:...") is
	// one of assessment's master revisions.
	HasRevision(ctx context.Context, assessment, rev string) (bool, error)
	// AppendRevision records r as revision r.Seq of r.Assessment if that
	// number is free, and returns ErrStale if another revision took it
	// first. Seq 1 creates the assessment.
	AppendRevision(ctx context.Context, r MasterRevision) error

	// AddIdentity stores a person's identity in an assessment: what her
	// tokens point at, and what owns her drafts.
	AddIdentity(ctx context.Context, id Identity) error
	// Token returns the token whose SHA-256 hash (hex) is hash, revoked
	// or not, or ErrNotFound.
	Token(ctx context.Context, hash string) (Token, error)
	// TokenByID returns assessment's token with this public id (TokenID),
	// or ErrNotFound.
	TokenByID(ctx context.Context, assessment, id string) (Token, error)
	// Tokens lists assessment's tokens, revoked ones included, oldest
	// first.
	Tokens(ctx context.Context, assessment string) ([]Token, error)
	// AddToken stores a token's hash, identity, role and label.
	AddToken(ctx context.Context, t Token) error
	// RevokeToken marks assessment's token id revoked at the time given,
	// unless it was revoked before, and reports whether it changed it.
	RevokeToken(ctx context.Context, assessment, id, at string) (bool, error)

	// ClaimDraft makes identity the owner of assessment's draft id unless
	// the id has an owner already, and returns the owner: identity when
	// the claim took, the first sender's identity when it did not. One
	// statement decides, so of two first sends at once one owns the id.
	ClaimDraft(ctx context.Context, assessment, draftID, identity, at string) (string, error)

	// AddDraft stores a received draft version. A version with the same
	// assessment, draft id and revision as a stored one is not stored
	// again: AddDraft returns the stored one and false. Otherwise the
	// draft gets the next version number of its id and AddDraft returns
	// it and true.
	AddDraft(ctx context.Context, d DraftVersion) (DraftVersion, bool, error)
	// Drafts lists assessment's draft versions that match f, by draft id
	// and version.
	Drafts(ctx context.Context, assessment string, f DraftFilter) ([]DraftVersion, error)
	// MarkMerged records that the draft versions with these revisions are
	// in master revision seq, unless they were marked before.
	MarkMerged(ctx context.Context, assessment string, revisions []string, seq int) error

	// AddAudit appends an entry to assessment's audit log; the store
	// numbers it.
	AddAudit(ctx context.Context, e AuditEntry) error
	// Audit returns assessment's audit entries, newest first, at most
	// limit of them.
	Audit(ctx context.Context, assessment string, limit int) ([]AuditEntry, error)
	// PruneAudit deletes every audit entry (of every assessment) made
	// before the time given (RFC 3339, UTC) and returns how many went.
	PruneAudit(ctx context.Context, before string) (int, error)

	// AddPendingBlob records that a blob is about to be written and is
	// not yet referenced: a merge that then loses its race, or a Worker
	// that dies, leaves it behind, and a later sweep deletes it.
	// Recording a key again moves its time to b.At, so that a blob being
	// written again is not swept from under its new writer.
	AddPendingBlob(ctx context.Context, b PendingBlob) error
	// SettleBlob forgets a pending blob: a revision or draft row now
	// references it.
	SettleBlob(ctx context.Context, key string) error
	// TakePendingBlob forgets a pending blob for the sweep that is about
	// to delete it, only if its time is still b.At, and reports whether
	// it did: false means someone recorded it again meanwhile.
	TakePendingBlob(ctx context.Context, b PendingBlob) (bool, error)
	// PendingBlobs lists at most limit of assessment's pending blobs
	// recorded before the time given, oldest first; assessment "" lists
	// every assessment's.
	PendingBlobs(ctx context.Context, assessment, before string, limit int) ([]PendingBlob, error)
	// BlobReferenced reports whether a master revision or a draft version
	// names key.
	BlobReferenced(ctx context.Context, key string) (bool, error)
}

// MasterRevision is one revision of an assessment's master.
type MasterRevision struct {
	Assessment    string `json:"-"`
	Seq           int    `json:"seq"`      // 1, 2, 3, ... in the order they were made
	Revision      string `json:"revision"` // jsna.Revision of the master
	Blob          string `json:"-"`        // Blobs key of the master's bytes
	Title         string `json:"title"`
	Kind          string `json:"kind"` // create, merge or resolve
	By            string `json:"by"`   // the label of the token that made it
	At            string `json:"at"`   // RFC 3339, UTC
	OpenConflicts int    `json:"open_conflicts"`
	// Detail says what the revision did, as JSON: the drafts merged, or
	// the resolution.
	Detail string `json:"-"`
}

// Roles a token may have.
const (
	RoleCoordinator = "coordinator"
	RoleContributor = "contributor"
)

// Identity is a person in an assessment: a contributor or coordinator,
// with her own id, which her tokens point at. Rotating a token keeps the
// identity, so the drafts she owns stay hers.
type Identity struct {
	ID         string // "idn_" and 16 base64url characters
	Assessment string
	Role       string // RoleCoordinator or RoleContributor
	Label      string // her name, as the coordinator gave it
	CreatedAt  string
}

// Token is an access token as stored: its hash, never the token itself.
type Token struct {
	Hash       string // hex SHA-256 of the token
	ID         string // public id, TokenID(Hash): names it in the token routes
	Identity   string // the Identity it belongs to
	Assessment string
	Role       string // RoleCoordinator or RoleContributor
	Label      string // who holds it, for provenance and audit
	CreatedAt  string
	RevokedAt  string // "" while the token works
}

// TokenID is a token's public id: "tok_" and the first 16 hex digits of
// its hash. It names a token in lists and routes without revealing it.
func TokenID(hash string) string {
	if len(hash) > 16 {
		hash = hash[:16]
	}
	return "tok_" + hash
}

// AuditEntry is one line of an assessment's audit log: who (the token's
// label and identity) did what to what, and when. Detail is a small JSON
// object. The log holds no client addresses.
type AuditEntry struct {
	Seq        int64  `json:"seq"`
	Assessment string `json:"-"`
	At         string `json:"at"`
	Actor      string `json:"actor"`              // label of the caller, "admin" or "hub"
	ActorID    string `json:"actor_id,omitempty"` // the caller's identity
	Role       string `json:"role"`
	Action     string `json:"action"`
	Target     string `json:"target,omitempty"`
	Detail     string `json:"-"`
}

// PendingBlob is a blob written but not yet referenced by any row.
type PendingBlob struct {
	Key        string
	Assessment string
	At         string // when it was recorded, RFC 3339 UTC
}

// DraftVersion is one version of a draft as received.
type DraftVersion struct {
	Assessment string
	DraftID    string
	Version    int    // 1, 2, ... per draft id, in the order received
	Revision   string // "sha256:" of the draft's whole canonical encoding, as merge.Merge records it
	Blob       string
	Author     string
	Role       string
	Base       string
	SavedAt    string
	ReceivedAt string
	TokenHash  string // the token that sent it
	SenderID   string // that token's identity, the draft id's owner
	SentBy     string // that token's label
	Bytes      int
	MergedSeq  int // master revision it was merged into; 0 while pending
}

// DraftFilter selects draft versions. Zero fields select everything.
type DraftFilter struct {
	SenderID    string // only those sent by this identity
	DraftID     string // only versions of this draft
	PendingOnly bool   // only those not merged yet
}

-- Wardwise hub: identities that own drafts, token revocation, the audit
-- log, and blobs written but not yet referenced (issue 19).

-- A person in an assessment. Her tokens point at her identity, so that
-- rotating a token (a new one, the old revoked) keeps what is hers.
CREATE TABLE identities (
  id         TEXT PRIMARY KEY, -- "idn_..."
  assessment TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('coordinator', 'contributor')),
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX identities_by_assessment ON identities (assessment);

ALTER TABLE tokens ADD COLUMN id TEXT;         -- public id, "tok_" || first 16 hex of hash
ALTER TABLE tokens ADD COLUMN identity TEXT;   -- identities.id
ALTER TABLE tokens ADD COLUMN revoked_at TEXT; -- NULL while the token works
-- Tokens made before identities existed: each becomes its own identity.
UPDATE tokens SET id = 'tok_' || substr(hash, 1, 16), identity = 'idn_' || substr(hash, 1, 16);
INSERT INTO identities (id, assessment, role, label, created_at)
  SELECT identity, assessment, role, label, created_at FROM tokens;
CREATE UNIQUE INDEX tokens_by_id ON tokens (assessment, id);

-- Who sent each draft version, as an identity.
ALTER TABLE drafts ADD COLUMN sender_id TEXT NOT NULL DEFAULT '';
UPDATE drafts SET sender_id = COALESCE((SELECT identity FROM tokens WHERE tokens.hash = drafts.token_hash), '');
CREATE INDEX drafts_by_sender ON drafts (assessment, sender_id);
CREATE INDEX drafts_by_blob ON drafts (blob);
CREATE INDEX revisions_by_blob ON revisions (blob);

-- A draft id belongs to the identity that first sent it; the primary key
-- makes the first claim the only one (INSERT OR IGNORE).
CREATE TABLE draft_owners (
  assessment TEXT NOT NULL,
  draft_id   TEXT NOT NULL,
  identity   TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (assessment, draft_id)
);
INSERT OR IGNORE INTO draft_owners (assessment, draft_id, identity, claimed_at)
  SELECT assessment, draft_id, sender_id, received_at FROM drafts ORDER BY version;

-- Who sent, merged, resolved, revoked what. Personal data: entries are
-- deleted 365 days after they were made (the daily scheduled run).
CREATE TABLE audit (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  assessment TEXT NOT NULL,
  at         TEXT NOT NULL, -- RFC 3339, UTC
  actor      TEXT NOT NULL, -- the caller's label, "admin" or "hub"
  actor_id   TEXT NOT NULL, -- the caller's identity, "" for admin and hub
  role       TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT NOT NULL,
  detail     TEXT NOT NULL  -- JSON object
);
CREATE INDEX audit_by_assessment ON audit (assessment, seq);
CREATE INDEX audit_by_time ON audit (at);

-- Blobs written to R2 before the row that references them: a merge that
-- loses its race leaves its master here, and a sweep deletes it.
CREATE TABLE pending_blobs (
  blob       TEXT PRIMARY KEY,
  assessment TEXT NOT NULL,
  at         TEXT NOT NULL
);
CREATE INDEX pending_blobs_by_time ON pending_blobs (assessment, at);

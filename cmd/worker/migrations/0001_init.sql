-- Wardwise hub: the D1 schema. Documents themselves are in R2 (binding DOCS),
-- content-addressed; these tables say which blob is which.

-- Every revision of every assessment's master, numbered 1, 2, 3, ...
-- The current master is the highest seq. Moving the master forward is one
-- conditional write, INSERT OR IGNORE of seq n+1: D1 has no transactions,
-- and the primary key makes sure two merges cannot both make revision n+1.
-- Seq 1 creates the assessment.
CREATE TABLE revisions (
  assessment     TEXT    NOT NULL,
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  revision       TEXT    NOT NULL, -- jsna revision of the master, "sha256:..."
  blob           TEXT    NOT NULL, -- R2 key of the master's bytes
  title          TEXT    NOT NULL,
  kind           TEXT    NOT NULL CHECK (kind IN ('create', 'merge', 'resolve')),
  by_label       TEXT    NOT NULL,
  created_at     TEXT    NOT NULL, -- RFC 3339, UTC
  open_conflicts INTEGER NOT NULL,
  detail         TEXT    NOT NULL, -- JSON: drafts merged, or the resolution
  PRIMARY KEY (assessment, seq)
);
CREATE INDEX revisions_by_revision ON revisions (assessment, revision);

-- Access tokens, by the hex SHA-256 of the token; the tokens themselves are
-- shown once, when made, and never stored.
CREATE TABLE tokens (
  hash       TEXT PRIMARY KEY,
  assessment TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('coordinator', 'contributor')),
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Every draft version received. A version is never overwritten: the same
-- draft id with other content is a new version; the same content again is
-- the same row (UNIQUE below).
CREATE TABLE drafts (
  assessment  TEXT    NOT NULL,
  draft_id    TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  revision    TEXT    NOT NULL, -- "sha256:" of the whole canonical draft
  blob        TEXT    NOT NULL, -- R2 key
  author      TEXT    NOT NULL,
  role        TEXT    NOT NULL,
  base        TEXT    NOT NULL,
  saved_at    TEXT    NOT NULL,
  received_at TEXT    NOT NULL,
  token_hash  TEXT    NOT NULL,
  sent_by     TEXT    NOT NULL,
  bytes       INTEGER NOT NULL,
  merged_seq  INTEGER,          -- NULL while pending
  PRIMARY KEY (assessment, draft_id, version),
  UNIQUE (assessment, draft_id, revision)
);
CREATE INDEX drafts_pending ON drafts (assessment, merged_seq);
CREATE INDEX drafts_by_token ON drafts (assessment, token_hash);

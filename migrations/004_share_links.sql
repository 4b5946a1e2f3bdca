-- Read-only links for a board: a round's report (or, later, an organisation's trends).
-- Only a hash of the token is stored; the link is shown once, when it is made.
CREATE TABLE share_links (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  round_id INTEGER REFERENCES rounds (id) ON DELETE CASCADE,
  scope TEXT NOT NULL CHECK (scope IN ('round', 'trends')),
  label TEXT NOT NULL DEFAULT '' CHECK (length(label) <= 200),
  show_comments INTEGER NOT NULL DEFAULT 0 CHECK (show_comments IN (0, 1)),
  created_at INTEGER NOT NULL,
  revoked_at INTEGER,
  CHECK ((scope = 'round') = (round_id IS NOT NULL))
) STRICT;
CREATE INDEX share_links_round ON share_links (round_id);

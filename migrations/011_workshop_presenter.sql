-- Workshop mode: what the room sees on the presenter screen, kept in the database so that a
-- reloaded page, a second screen or a restarted server shows the same thing.
-- revealed: 0 while results are hidden (the room sees the join code and counts only).
-- theme_index: -1 for the overview (the radar), else the index of the theme in the round's form.
CREATE TABLE presenter_states (
  round_id INTEGER PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
  revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
  theme_index INTEGER NOT NULL DEFAULT -1 CHECK (theme_index >= -1),
  updated_at INTEGER NOT NULL
) STRICT;

-- Read-only presenter links for a co-facilitator's screen. Only a hash of the token is kept; the
-- link is shown once, when it is made, and can be revoked.
CREATE TABLE observer_links (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX observer_links_round ON observer_links (round_id);

-- Admin accounts, their organisations, and one-time links to set a password.
-- The one-time set-up code is deliberately not here: it lives only in the memory of the running
-- server (a new one is printed at each start while no owner exists), so a copy of the database
-- never carries a way to claim the server.

CREATE TABLE admins (
  id INTEGER PRIMARY KEY,
  -- Stored lower-cased; NOCASE as well so that no two accounts differ only in case.
  email TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
  -- argon2id PHC string; NULL until the person sets a password through their one-time link.
  password_hash TEXT,
  role TEXT NOT NULL CHECK (role IN ('owner', 'member')),
  created_at INTEGER NOT NULL,
  -- Sessions that signed in before this moment are ended (password changed or reset elsewhere).
  password_changed_at INTEGER
) STRICT;

CREATE TABLE memberships (
  admin_id INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  PRIMARY KEY (admin_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX memberships_organisation ON memberships (organisation_id);

-- Only a SHA-256 of each token is kept: a copy of the database cannot be used to set a password.
CREATE TABLE password_tokens (
  token_hash TEXT PRIMARY KEY,
  admin_id INTEGER NOT NULL REFERENCES admins (id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX password_tokens_admin ON password_tokens (admin_id);

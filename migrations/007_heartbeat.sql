-- The health check's proof that the database can still save (issue 17): row 1 is rewritten
-- and committed on every check; row 2 is only ever written inside a savepoint that is rolled
-- back, to prove the file can still grow by a few pages. No personal data, ever.
CREATE TABLE heartbeat (
  id INTEGER PRIMARY KEY CHECK (id IN (1, 2)),
  beat_at INTEGER NOT NULL,
  pad BLOB
) STRICT;
INSERT INTO heartbeat (id, beat_at) VALUES (1, 0);

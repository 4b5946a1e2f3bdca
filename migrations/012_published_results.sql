-- "You said, we did": a closed round's results page for the people who answered, at /r/<token>/results.
-- A row means published; unpublishing deletes it. Deleting the round deletes it too.
CREATE TABLE published_results (
  round_id INTEGER PRIMARY KEY REFERENCES rounds (id) ON DELETE CASCADE,
  published_at INTEGER NOT NULL
) STRICT;

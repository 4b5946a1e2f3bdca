-- Results of an open round must not change with each answer: comparing the report before and after
-- one person answered would give that person's answers. A sent response now waits here, whole,
-- until it is released into the results (responses, answers, theme scores, comments) together
-- with others, in a shuffled order. The id is random, so neither row order nor ids say when
-- anyone answered.
CREATE TABLE pending_responses (
  id TEXT PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  body TEXT NOT NULL CHECK (json_valid(body))
) STRICT, WITHOUT ROWID;
CREATE INDEX pending_responses_round ON pending_responses (round_id);

-- after-close: results appear only once the round closes (the safe default);
-- batches: an open round's results change only in batches that add at least k people to each group they touch.
ALTER TABLE rounds ADD COLUMN results_release TEXT NOT NULL DEFAULT 'after-close'
  CHECK (results_release IN ('after-close', 'batches'));
-- How many times answers were released into the results: after the first, a release must be a safe batch.
ALTER TABLE rounds ADD COLUMN releases INTEGER NOT NULL DEFAULT 0 CHECK (releases >= 0);
-- Rounds answered before this migration have published their results already.
UPDATE rounds SET releases = 1 WHERE EXISTS (SELECT 1 FROM responses WHERE responses.round_id = rounds.id);

-- Comments get opaque random ids (they are shown on pages and in links); integer ids followed
-- submission order and grouped one person's comments together.
CREATE TABLE comments_new (
  id TEXT PRIMARY KEY CHECK (length(id) = 24),
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
) STRICT, WITHOUT ROWID;
INSERT INTO comments_new (id, round_id, theme_id, item_id, body, hidden)
  SELECT lower(hex(randomblob(12))), round_id, theme_id, item_id, body, hidden FROM comments ORDER BY random();
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
CREATE INDEX comments_round ON comments (round_id, theme_id);

-- Running totals of each round's released results, so that a report reads a few hundred rows
-- instead of scanning every answer (issue 12). They are kept in the same transaction that moves
-- responses into the results (src/db/responses.ts), and go with the round when it is deleted.
-- The per-response tables stay: they are the reference these totals are tested against, and
-- the source for the answers export and for trends over an item subset.
-- Counts by role here are exactly what the responses table already says by role: no new detail.

CREATE TABLE round_role_totals (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  respondents INTEGER NOT NULL CHECK (respondents >= 0),
  PRIMARY KEY (round_id, role)
) STRICT, WITHOUT ROWID;

-- Respondents' theme scores: how many, their sum and the sum of their squares (mean and spread).
CREATE TABLE round_theme_totals (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 0),
  sum REAL NOT NULL,
  sum_sq REAL NOT NULL,
  PRIMARY KEY (round_id, theme_id, role)
) STRICT, WITHOUT ROWID;

-- How many chose each option of each scored item; option -1 is "Don't know".
CREATE TABLE round_item_totals (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  item_id TEXT NOT NULL,
  option INTEGER NOT NULL CHECK (option BETWEEN -1 AND 100),
  n INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (round_id, item_id, role, option)
) STRICT, WITHOUT ROWID;

-- Results released before this migration.
INSERT INTO round_role_totals (round_id, role, respondents)
  SELECT round_id, role, COUNT(*) FROM responses GROUP BY round_id, role;
INSERT INTO round_theme_totals (round_id, role, theme_id, n, sum, sum_sq)
  SELECT round_id, role, theme_id, COUNT(*), SUM(score), SUM(score * score) FROM response_theme_scores GROUP BY round_id, theme_id, role;
INSERT INTO round_item_totals (round_id, role, item_id, option, n)
  SELECT round_id, role, item_id, COALESCE(value, -1), COUNT(*) FROM answers GROUP BY round_id, item_id, role, COALESCE(value, -1);

-- A report shows the first comments of each theme in the order of their text (they say nothing
-- about who wrote them, or when): in index order, instead of sorting every comment of the round.
CREATE INDEX comments_round_theme_text ON comments (round_id, theme_id, body, id, hidden);
-- Counting a theme's shown comments reads this small index alone (it replaces the one on
-- round_id, theme_id, of which it is an extension).
CREATE INDEX comments_round_theme_hidden ON comments (round_id, theme_id, hidden);
DROP INDEX comments_round;

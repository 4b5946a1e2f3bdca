-- Action plans: what an organisation agrees to do after a round, per theme, and how it went.
-- The next round's report and the trends page show them beside the change in their theme.
CREATE TABLE actions (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL CHECK (length(theme_id) BETWEEN 1 AND 100),
  what TEXT NOT NULL CHECK (length(what) BETWEEN 1 AND 1000),
  lead TEXT NOT NULL CHECK (length(lead) BETWEEN 1 AND 200),
  -- YYYY-MM-DD, a real calendar date
  due_on TEXT NOT NULL CHECK (length(due_on) = 10 AND date(due_on) IS due_on),
  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
  note TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX actions_round ON actions (round_id);

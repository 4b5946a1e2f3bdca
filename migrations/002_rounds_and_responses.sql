-- Organisations, rounds, drafts and anonymous responses.
-- Nothing here can hold a respondent's name, email, IP address or user agent.

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  created_at INTEGER NOT NULL
) STRICT;

-- Imported questionnaire definitions; the built-in ones live in code.
CREATE TABLE questionnaires (
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version >= 1),
  title TEXT NOT NULL,
  definition TEXT NOT NULL CHECK (json_valid(definition)),
  imported_at INTEGER NOT NULL,
  PRIMARY KEY (id, version)
) STRICT;

CREATE TABLE rounds (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  questionnaire_id TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  form TEXT NOT NULL CHECK (form IN ('full', 'short')),
  mode TEXT NOT NULL CHECK (mode IN ('survey', 'workshop')),
  roles TEXT NOT NULL CHECK (json_valid(roles) AND json_array_length(roles) >= 1),
  min_group_size INTEGER NOT NULL DEFAULT 5 CHECK (min_group_size >= 3),
  opens_at INTEGER,
  closes_at INTEGER,
  intro TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'open', 'closed')),
  link_token TEXT NOT NULL UNIQUE,
  join_code TEXT NOT NULL CHECK (length(join_code) = 6),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at)
) STRICT;
CREATE INDEX rounds_organisation ON rounds (organisation_id);
-- A join code is unique among rounds that are not closed.
CREATE UNIQUE INDEX rounds_join_code_live ON rounds (join_code) WHERE status <> 'closed';

-- Answers in progress, under a random id kept in a cookie and a short resume code.
CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  resume_code TEXT NOT NULL UNIQUE,
  role TEXT,
  answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),
  -- Set once the draft became a response; its answers and role are wiped then, and it is
  -- deliberately not linked to the response it became.
  submitted_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;
CREATE INDEX drafts_expires_at ON drafts (expires_at);

CREATE TABLE responses (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  -- The day only: a time of day could tie a response to a person.
  submitted_on TEXT NOT NULL CHECK (submitted_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;
CREATE INDEX responses_round_role ON responses (round_id, role);

-- One row per scored answer. round_id, role and theme_id are copied from the response and
-- the questionnaire so that results aggregate from one table through one index.
CREATE TABLE answers (
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  value INTEGER CHECK (value BETWEEN 0 AND 100),
  dont_know INTEGER NOT NULL DEFAULT 0 CHECK (dont_know IN (0, 1)),
  CHECK ((value IS NULL) = (dont_know = 1)),
  PRIMARY KEY (response_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX answers_round_item ON answers (round_id, item_id, role, value);

-- Each respondent's theme score, computed by the rubric at submission (mean of their scored
-- items in the theme). Group results are means of these, so they aggregate in SQL.
CREATE TABLE response_theme_scores (
  response_id INTEGER NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  theme_id TEXT NOT NULL,
  score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
  PRIMARY KEY (response_id, theme_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX response_theme_scores_round ON response_theme_scores (round_id, theme_id, role, score);

-- Free-text comments are kept apart from responses and roles on purpose: they are shown
-- only for the whole round, never by role.
CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  theme_id TEXT NOT NULL,
  item_id TEXT NOT NULL,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1))
) STRICT;
CREATE INDEX comments_round ON comments (round_id, theme_id);

-- Where a respondent stopped: the theme id of the page to come back to, or 'check'.
-- Coming back lands there, not on the first empty theme (which may be one they chose to skip).
ALTER TABLE drafts ADD COLUMN resume_at TEXT;

-- A round closed with a grace period: people who had already started may still send their
-- answers until this time (nobody new can start). NULL: no grace.
ALTER TABLE rounds ADD COLUMN grace_until INTEGER;

-- Where a respondent stopped: the theme id of the page to come back to, or 'check'.
-- Coming back lands there, not on the first empty theme (which may be one they chose to skip).
ALTER TABLE drafts ADD COLUMN resume_at TEXT;

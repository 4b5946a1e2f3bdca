-- Which wording a respondent read (issue 15): a language code and whether in Easy Read. Neither
-- identifies anyone; the report counts them for the whole round only, never by role, and the raw
-- answers export leaves them out. A draft keeps the choice so that stopping and coming back (on
-- any device, by resume code) keeps it. Sent responses waiting in pending_responses carry it in
-- their JSON body. Responses sent before this migration were read in English, standard wording.
ALTER TABLE drafts ADD COLUMN language TEXT CHECK (language IS NULL OR length(language) BETWEEN 2 AND 10);
ALTER TABLE drafts ADD COLUMN easy_read INTEGER NOT NULL DEFAULT 0 CHECK (easy_read IN (0, 1));
ALTER TABLE responses ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (length(language) BETWEEN 2 AND 10);
ALTER TABLE responses ADD COLUMN easy_read INTEGER NOT NULL DEFAULT 0 CHECK (easy_read IN (0, 1));
-- The language people start in (null: each person's browser decides); the round's own texts
-- (name, introduction) are taken to be written in it.
ALTER TABLE rounds ADD COLUMN default_language TEXT CHECK (default_language IS NULL OR length(default_language) BETWEEN 2 AND 10);

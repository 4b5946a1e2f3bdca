-- A version number per round, raised by the database itself on every change to the row, so that
-- a round read once can be kept in memory and used again while its version is the same (issue 12:
-- every respondent page looks its round up by link token, and reading the whole row each time
-- was a tenth of a welcome page's time). A trigger rather than the code that writes: no UPDATE of
-- a round, now or later, can forget it.

ALTER TABLE rounds ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER rounds_version_after_update AFTER UPDATE ON rounds
FOR EACH ROW WHEN NEW.version = OLD.version
BEGIN
  UPDATE rounds SET version = OLD.version + 1 WHERE id = OLD.id;
END;

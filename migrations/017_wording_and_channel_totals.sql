-- Running totals of how released responses reached us (channel) and which wording they were read
-- in (language, Easy Read), so that a report stops counting them through every response of the
-- round (issue 12: at 100,000 responses the two counts cost more than the rest of the report).
-- Kept in the same transaction as the other totals (migration 013) and deleted with the round.
-- No new detail: both are counted for the whole round only, never by role, as before.

CREATE TABLE round_channel_totals (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  channel TEXT NOT NULL,
  n INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (round_id, channel)
) STRICT, WITHOUT ROWID;

CREATE TABLE round_wording_totals (
  round_id INTEGER NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
  language TEXT NOT NULL,
  easy_read INTEGER NOT NULL CHECK (easy_read IN (0, 1)),
  n INTEGER NOT NULL CHECK (n >= 0),
  PRIMARY KEY (round_id, language, easy_read)
) STRICT, WITHOUT ROWID;

-- Results released before this migration.
INSERT INTO round_channel_totals (round_id, channel, n)
  SELECT round_id, channel, COUNT(*) FROM responses GROUP BY round_id, channel;
INSERT INTO round_wording_totals (round_id, language, easy_read, n)
  SELECT round_id, language, easy_read, COUNT(*) FROM responses GROUP BY round_id, language, easy_read;

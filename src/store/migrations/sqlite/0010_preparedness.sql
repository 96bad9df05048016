-- The preparedness calendar: each time a recurring obligation was done (a backup test, an
-- exercise, a plan review), by whom, when, and the evidence (a note or the name of a file kept
-- elsewhere). Rows are never changed: a correction is a new row.
CREATE TABLE preparedness_completion (
  id INTEGER PRIMARY KEY,
  rule_id TEXT NOT NULL,
  practice_agb TEXT NOT NULL DEFAULT '',  -- '' for a regional obligation
  done_on TEXT NOT NULL,                  -- YYYY-MM-DD, the real date it was done
  done_by TEXT NOT NULL,                  -- who did it, in words
  evidence TEXT NOT NULL DEFAULT '',
  recorded_by TEXT NOT NULL,              -- the account that entered it
  recorded_at TEXT NOT NULL
);
CREATE INDEX preparedness_completion_item ON preparedness_completion (rule_id, practice_agb, done_on);

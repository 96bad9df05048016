-- Monthly snapshots of the continuity monitor, so the region sees whether it gets better or
-- worse: per month the count of practices per signal, plus region totals ("_practices",
-- "_with_signals", "_headroom", "_patients"). The first computation in a month is kept.
CREATE TABLE monitor_history (
  month TEXT NOT NULL,     -- YYYY-MM
  measure TEXT NOT NULL,   -- a signal id, or a total starting with "_"
  value INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (month, measure)
);

-- PostgreSQL dialect of ../sqlite/0007_monitor_history.sql; keep the two in step (ids are identity columns,
-- INTEGER is BIGINT, REAL is DOUBLE PRECISION, triggers are PL/pgSQL functions).
-- Monthly snapshots of the continuity monitor, so the region sees whether it gets better or
-- worse: per month the count of practices per signal, plus region totals ("_practices",
-- "_with_signals", "_headroom", "_patients"). The first computation in a month is kept.
CREATE TABLE monitor_history (
  month TEXT NOT NULL,     -- YYYY-MM
  measure TEXT NOT NULL,   -- a signal id, or a total starting with "_"
  value BIGINT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (month, measure)
);

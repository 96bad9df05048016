-- PostgreSQL dialect of ../sqlite/0012_entered_afterwards.sql; keep the two in step (ids are identity columns,
-- INTEGER is BIGINT, REAL is DOUBLE PRECISION, triggers are PL/pgSQL functions).
-- What was done on paper while the system was down is entered afterwards with its real time
-- (seed 000 §6 Scenarios 6 and 7). entered_at says when it was typed in; NULL = recorded live.
ALTER TABLE incident_log ADD COLUMN entered_at TEXT;
ALTER TABLE incident_task ADD COLUMN entered_at TEXT;

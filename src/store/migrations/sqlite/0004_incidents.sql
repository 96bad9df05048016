-- Incidents: a playbook started for one or more practices at an activation time, with the tasks
-- it created (deadlines absolute, UTC) and an append-only logbook.
CREATE TABLE incident (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  number TEXT NOT NULL UNIQUE,         -- e.g. 2026-007, shown to people
  playbook_id TEXT NOT NULL,
  playbook_version INTEGER NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,                -- active, scaled_down, closed
  stage INTEGER NOT NULL,              -- 1-4 (seed 002 §4)
  exercise INTEGER NOT NULL DEFAULT 0, -- an OTO exercise, not a real incident
  activated_at TEXT NOT NULL,          -- UTC ISO 8601
  closed_at TEXT,
  created_by TEXT NOT NULL
);

CREATE TABLE incident_practice (
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  practice_agb TEXT NOT NULL REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  PRIMARY KEY (incident_id, practice_agb)
);

CREATE TABLE incident_task (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,               -- the playbook step; empty for a task added by hand
  phase_title TEXT NOT NULL,
  text TEXT NOT NULL,
  owner_role TEXT NOT NULL,            -- the playbook role's label
  owner_person_code TEXT REFERENCES person(code) ON UPDATE CASCADE ON DELETE SET NULL,
  deadline_at TEXT NOT NULL,           -- UTC ISO 8601
  legal INTEGER NOT NULL DEFAULT 0,
  source TEXT NOT NULL,
  status TEXT NOT NULL,                -- open, done, not_applicable
  closed_at TEXT,
  closed_by TEXT,
  note TEXT                            -- what was done, or why it does not apply
);
CREATE INDEX incident_task_incident ON incident_task(incident_id, deadline_at);

-- The logbook never changes: a correction is a new entry pointing at the one it corrects.
CREATE TABLE incident_log (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  at TEXT NOT NULL,                    -- UTC ISO 8601
  author TEXT NOT NULL,
  kind TEXT NOT NULL,                  -- observation, picture, judgement, decision, message,
                                       -- stage, task, status
  text TEXT NOT NULL,
  decided_by TEXT,                     -- for decisions (BOB)
  acted_by TEXT,                       -- who carries a decision out
  corrects_id INTEGER REFERENCES incident_log(id)
);
CREATE INDEX incident_log_incident ON incident_log(incident_id, id);
-- begin sqlite only (PostgreSQL: ../postgres/0004_incidents.sql)
CREATE TRIGGER incident_log_no_update BEFORE UPDATE ON incident_log
BEGIN SELECT RAISE(ABORT, 'incident_log is append-only'); END;
CREATE TRIGGER incident_log_no_delete BEFORE DELETE ON incident_log
WHEN (SELECT COUNT(*) FROM incident WHERE id = OLD.incident_id) > 0
BEGIN SELECT RAISE(ABORT, 'incident_log is append-only'); END;
-- end sqlite only

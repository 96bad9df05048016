-- Append-only audit trail (NEN 7513 style): who did what to which record, whose data, when, why
-- and with what outcome. Each row carries a BLAKE2b hash over its content and the previous row's
-- hash, so a changed or removed row breaks the chain (`vangnet audit verify`).
CREATE TABLE audit_event (
  id INTEGER PRIMARY KEY,
  occurred_at TEXT NOT NULL,   -- UTC, ISO 8601 with 'Z'
  actor_user TEXT NOT NULL,
  actor_role TEXT NOT NULL,
  source TEXT NOT NULL,        -- cli, http, ...
  action TEXT NOT NULL,        -- create, update, delete, import, export, read
  object_type TEXT NOT NULL,   -- table name of the record
  object_key TEXT NOT NULL,    -- its natural key
  subject_key TEXT,            -- whose personal data, when it is about a person
  purpose TEXT NOT NULL,       -- why (the user's reason)
  outcome TEXT NOT NULL,       -- success, refused
  details TEXT,                -- JSON: changed field names, counts; never values of personal data
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- begin sqlite only (PostgreSQL: ../postgres/0002_audit.sql)
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
-- end sqlite only

-- Alarming (seed 002 §3): who was alarmed for an incident, at which level of the chain
-- (primary, substitute, RHO duty officer, or a hand-over), and whether they acknowledged.
-- Person availability decides whether the primary or the substitute is alarmed first.
ALTER TABLE person ADD COLUMN unavailable_until TEXT;  -- ISO date, inclusive; empty: available

CREATE TABLE incident_alarm (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  role_code TEXT NOT NULL,             -- crisis_role.code (not a reference: roles may be renamed)
  role_label TEXT NOT NULL,
  person_code TEXT REFERENCES person(code) ON UPDATE CASCADE ON DELETE SET NULL,
  level TEXT NOT NULL,                 -- primary, substitute, duty_officer, handover
  status TEXT NOT NULL,                -- alarmed, acknowledged, passed_on, handed_over
  alarmed_at TEXT NOT NULL,            -- UTC ISO 8601
  acknowledged_at TEXT,
  acknowledged_by TEXT,
  passed_at TEXT,                      -- when passed on for want of an acknowledgement
  ack_token_hash TEXT UNIQUE           -- BLAKE2b of the one-time link in the message
);
CREATE INDEX incident_alarm_open ON incident_alarm(status, alarmed_at);

-- Messages to send (e-mail, SMS webhook). Written in the same transaction as the change that
-- causes them, sent afterwards with retries: a crash never loses or doubles an alarm.
-- dedup_key makes reminders idempotent ("overdue:task:17" is queued once).
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  dedup_key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  channel TEXT NOT NULL,               -- email, sms
  recipient TEXT NOT NULL,             -- address or phone number
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  incident_id INTEGER REFERENCES incident(id) ON DELETE SET NULL,
  status TEXT NOT NULL,                -- pending, sent, failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error TEXT,
  sent_at TEXT
);
CREATE INDEX outbox_pending ON outbox(status, next_attempt_at);

-- The evaluation of an incident against its playbook's evaluation points (seed 002 §4.8).
-- The after-phase themes (seed 002 §4.5) are tasks, with owners like every other task.
CREATE TABLE incident_evaluation (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  point TEXT NOT NULL,
  source TEXT NOT NULL,
  finding TEXT,                        -- what went well or not
  action TEXT,                         -- what to change, e.g. in the playbook
  UNIQUE (incident_id, point)
);

-- A long-running case (the RHO's temporary takeover) ends by this time at the latest.
ALTER TABLE incident ADD COLUMN ends_at TEXT;

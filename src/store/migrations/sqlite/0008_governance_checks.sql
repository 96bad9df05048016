-- Governance checks for practices whose owner is not a GP (seed 004): one row per requirement.
CREATE TABLE governance_check (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  practice_agb TEXT NOT NULL REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  item TEXT NOT NULL,
  status TEXT NOT NULL,
  checked_on TEXT,
  note TEXT,
  UNIQUE (practice_agb, item)
);

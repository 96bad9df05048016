-- Patient redistribution (opvang) per incident. Patient rows hold the minimal fields of the HIS
-- export and are deleted when the incident closes; offers and sites are the capacity in play.
CREATE TABLE redistribution_patient (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  practice_agb TEXT NOT NULL,
  his_number TEXT NOT NULL,
  household_key TEXT NOT NULL,
  postcode TEXT NOT NULL,
  house_number TEXT NOT NULL DEFAULT '',
  birth_year INTEGER NOT NULL,
  vulnerability TEXT NOT NULL DEFAULT 'none',
  receiver_id TEXT NOT NULL DEFAULT '',
  stage TEXT NOT NULL DEFAULT 'unplaced',
  consent TEXT NOT NULL DEFAULT 'pending',
  declined_by TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (incident_id, practice_agb, his_number)
);
CREATE INDEX redistribution_patient_receiver ON redistribution_patient (incident_id, receiver_id);

-- What a practice offers to take in this incident (places), instead of its computed headroom.
CREATE TABLE redistribution_offer (
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  practice_agb TEXT NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  PRIMARY KEY (incident_id, practice_agb)
);

-- Temporary capacity (seed 001 §3.3): a practice from zero, the out-of-hours post by day, a
-- locum's extra hours; `practice_agb` names the practice where the locum works, if any.
CREATE TABLE redistribution_site (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  practice_agb TEXT NOT NULL DEFAULT ''
);

-- The parameters and outcome of the latest plan, without patient data.
CREATE TABLE redistribution_plan (
  incident_id INTEGER PRIMARY KEY REFERENCES incident(id) ON DELETE CASCADE,
  parameters TEXT NOT NULL,
  summary TEXT NOT NULL,
  planned_at TEXT NOT NULL,
  planned_by TEXT NOT NULL
);

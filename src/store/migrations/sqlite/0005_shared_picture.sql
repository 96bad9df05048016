-- The shared (medical) picture of an incident (seed 002 §6.1): every save is a new version, so
-- the picture's history stays with the incident.
CREATE TABLE incident_picture (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  situation TEXT NOT NULL,
  casualties TEXT NOT NULL,
  hazardous_substances TEXT NOT NULL,
  communication TEXT NOT NULL,
  weather TEXT NOT NULL,
  confirmed_at TEXT NOT NULL,  -- UTC ISO 8601: when someone last confirmed it holds
  confirmed_by TEXT NOT NULL,
  UNIQUE (incident_id, version)
);

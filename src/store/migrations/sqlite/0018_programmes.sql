-- The region's long programmes (issue 22; seeds 000 §2 and 003): a succession trajectory per
-- practice, what each practice has arranged with others on the way from solo to working
-- together, and the status of the regional programme's activities. Registry records: column
-- names are the field names of src/core/programme.cpp.
CREATE TABLE succession_trajectory (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  practice_agb TEXT NOT NULL UNIQUE REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  stage TEXT NOT NULL,
  owner TEXT NOT NULL,
  conversation_on TEXT,
  conversation_outcome TEXT,
  search_route TEXT,
  successor_name TEXT,
  successor_signed INTEGER NOT NULL DEFAULT 0,
  mentor_name TEXT,
  mentoring_started_on TEXT,
  mentoring_meetings INTEGER NOT NULL DEFAULT 0,
  transfer_on TEXT,
  next_step TEXT,
  next_due TEXT,
  note TEXT
);

CREATE TABLE practice_collaboration (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  practice_agb TEXT NOT NULL UNIQUE REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  mutual_backup INTEGER NOT NULL DEFAULT 0,
  backup_partner_agb TEXT REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  his_access_shared INTEGER NOT NULL DEFAULT 0,
  daytime_out_of_hours INTEGER NOT NULL DEFAULT 0,
  neighbourhood_team INTEGER NOT NULL DEFAULT 0,
  intention TEXT,
  discussed_on TEXT,
  note TEXT
);

CREATE TABLE programme_activity (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  activity TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL,
  owner TEXT,
  due_on TEXT,
  done_on TEXT,
  note TEXT
);

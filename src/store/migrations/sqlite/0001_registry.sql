-- The regional registry. Records refer to each other by natural key (AGB, code) with foreign
-- keys on those unique columns, so imports and exports need no id translation; ON UPDATE CASCADE
-- follows a corrected AGB or code. Deleting something still referred to is refused (RESTRICT).
-- Column names are the field names of src/core (EntityTraits<T>::Fields()).

CREATE TABLE gp_group (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE district (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE organisation (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  phone TEXT,
  email TEXT,
  address TEXT,
  notes TEXT
);

CREATE TABLE person (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  birth_year INTEGER,
  phone TEXT,
  email TEXT
);

CREATE TABLE practice (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  agb TEXT NOT NULL UNIQUE,
  kvk TEXT,
  name TEXT NOT NULL,
  form TEXT NOT NULL,
  street_address TEXT,
  postcode TEXT NOT NULL,
  place TEXT,
  latitude REAL,
  longitude REAL,
  registered_patients INTEGER NOT NULL,
  patient_stop INTEGER NOT NULL,
  status TEXT NOT NULL,
  gp_group_code TEXT REFERENCES gp_group(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  district_code TEXT REFERENCES district(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  out_of_hours_post_code TEXT REFERENCES organisation(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  owner_kind TEXT NOT NULL,
  owner_name TEXT,
  medically_responsible_person_code TEXT
    REFERENCES person(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  in_out_of_hours_rota INTEGER NOT NULL
);
CREATE INDEX practice_gp_group ON practice(gp_group_code);
CREATE INDEX practice_district ON practice(district_code);

CREATE TABLE affiliation (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  person_code TEXT NOT NULL REFERENCES person(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  practice_agb TEXT NOT NULL REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  role TEXT NOT NULL,
  fte REAL,
  days_present_per_week INTEGER,
  expected_stop_year INTEGER,
  successor TEXT NOT NULL,
  successor_name TEXT,
  UNIQUE (person_code, practice_agb, role)
);
CREATE INDEX affiliation_practice ON affiliation(practice_agb);

CREATE TABLE continuity_contract (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  practice_a_agb TEXT NOT NULL REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  practice_b_agb TEXT NOT NULL REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  since TEXT,
  last_reviewed TEXT,
  cover_days INTEGER NOT NULL,
  patients_covered TEXT,
  triage_and_phone TEXT,
  responsibility_shift TEXT,
  UNIQUE (practice_a_agb, practice_b_agb),
  CHECK (practice_a_agb < practice_b_agb)
);
CREATE INDEX continuity_contract_b ON continuity_contract(practice_b_agb);

CREATE TABLE contact (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  function TEXT,
  organisation_code TEXT REFERENCES organisation(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  practice_agb TEXT REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  phone TEXT,
  phone_alternative TEXT,
  email TEXT,
  notes TEXT
);

CREATE TABLE crisis_role (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  code TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  gp_group_code TEXT REFERENCES gp_group(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  primary_person_code TEXT REFERENCES person(code) ON UPDATE CASCADE ON DELETE RESTRICT,
  substitute_person_code TEXT REFERENCES person(code) ON UPDATE CASCADE ON DELETE RESTRICT
);

CREATE TABLE calamity_card (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  practice_agb TEXT NOT NULL UNIQUE
    REFERENCES practice(agb) ON UPDATE CASCADE ON DELETE RESTRICT,
  authorised_persons TEXT,
  contact_persons TEXT,
  salary_payment_authority TEXT,
  bank_access TEXT,
  billing_continuity TEXT,
  suppliers TEXT,
  insurances TEXT,
  ict_phone_contacts TEXT,
  his_access_route TEXT,
  password_location TEXT,
  second_agb_linked_vektis INTEGER NOT NULL,
  practice_will_present INTEGER NOT NULL,
  emergency_response_plan INTEGER NOT NULL,
  last_updated TEXT
);

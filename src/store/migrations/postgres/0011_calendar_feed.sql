-- PostgreSQL dialect of ../sqlite/0011_calendar_feed.sql; keep the two in step (ids are identity columns,
-- INTEGER is BIGINT, REAL is DOUBLE PRECISION, triggers are PL/pgSQL functions).
-- A secret address per user for subscribing to the preparedness calendar in an agenda app (which
-- cannot log in). Only the BLAKE2b hash of the token is kept; a new address replaces the old one,
-- and a new password or a disabled account ends it.
CREATE TABLE calendar_feed (
  user_id BIGINT PRIMARY KEY REFERENCES user_account(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL
);

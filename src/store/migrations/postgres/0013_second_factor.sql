-- PostgreSQL dialect of ../sqlite/0013_second_factor.sql; keep the two in step (ids are identity columns,
-- INTEGER is BIGINT, REAL is DOUBLE PRECISION, triggers are PL/pgSQL functions).
-- The second factor of each account (issue 17): a TOTP secret (RFC 6238), encrypted with a key
-- from the key file outside the database (libsodium secretbox: nonce and ciphertext, base64).
-- `enabled` turns 1 when the user confirmed enrolment with a code; `last_counter` is the time
-- step of the last code accepted, so a code is never accepted twice.
CREATE TABLE second_factor (
  user_id BIGINT PRIMARY KEY REFERENCES user_account(id) ON DELETE CASCADE,
  secret_sealed TEXT NOT NULL,
  enabled BIGINT NOT NULL DEFAULT 0,
  last_counter BIGINT NOT NULL DEFAULT -1,
  created_at TEXT NOT NULL
);

-- Ten one-time recovery codes per account, only their BLAKE2b hashes.
CREATE TABLE recovery_code (
  user_id BIGINT NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at TEXT,
  PRIMARY KEY (user_id, code_hash)
);

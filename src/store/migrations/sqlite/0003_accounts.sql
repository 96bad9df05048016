-- User accounts and login sessions. Passwords are stored only as libsodium argon2id strings;
-- session tokens only as their BLAKE2b hash, so a copy of the database opens no session.
CREATE TABLE user_account (
  id INTEGER PRIMARY KEY,
  version INTEGER NOT NULL DEFAULT 1,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  practice_agbs TEXT NOT NULL DEFAULT '',  -- comma-separated, for practice users
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

CREATE TABLE user_session (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES user_account(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL  -- absolute end; idle end is last_seen_at plus the idle limit
);
CREATE INDEX user_session_user ON user_session(user_id);

-- Failed sign-in attempts per account name, kept in the database so that every server of a
-- region counts the same guesses, a restart forgets none, and parallel guesses are counted one
-- by one (each attempt is claimed in one statement before its password is checked). The name
-- is stored hashed: what someone typed as a username may be a password typed in the wrong field.
CREATE TABLE login_attempt (
  name_hash TEXT PRIMARY KEY,
  window_start TEXT NOT NULL,
  attempts INTEGER NOT NULL
);

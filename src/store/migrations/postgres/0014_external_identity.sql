-- PostgreSQL dialect of ../sqlite/0014_external_identity.sql; keep the two in step (ids are identity columns,
-- INTEGER is BIGINT, REAL is DOUBLE PRECISION, triggers are PL/pgSQL functions).
-- Single sign-on (issue 17): the account an identity at the organisation's provider logs in as.
-- The pair (issuer, subject) is the provider's stable name for a person (OpenID Connect Core
-- §2: `sub` is unique per issuer); usernames and e-mail addresses can change or be reused, so an
-- account is never found by those.
CREATE TABLE external_identity (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id BIGINT NOT NULL UNIQUE REFERENCES user_account(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (issuer, subject)
);

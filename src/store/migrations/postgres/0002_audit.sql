-- PostgreSQL only, run after the dialect-translated ../sqlite/0002_audit.sql (whose
-- SQLite triggers it replaces): the append-only guard as a PL/pgSQL function.
CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();

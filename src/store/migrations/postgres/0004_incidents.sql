-- PostgreSQL only, run after the dialect-translated ../sqlite/0004_incidents.sql (whose
-- SQLite triggers it replaces): the append-only guard as a PL/pgSQL function.
-- Deleting the incident itself takes its log along (ON DELETE CASCADE); nothing else may.
CREATE FUNCTION incident_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' OR EXISTS (SELECT 1 FROM incident WHERE id = OLD.incident_id) THEN
    RAISE EXCEPTION 'incident_log is append-only';
  END IF;
  RETURN OLD;
END $$;
CREATE TRIGGER incident_log_append_only BEFORE UPDATE OR DELETE ON incident_log
  FOR EACH ROW EXECUTE FUNCTION incident_log_guard();

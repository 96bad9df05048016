-- The registry's writes, found without reading past every read and login (the FHIR directory's
-- last-updated times and _history, store/audit_log.hpp LastWrites).
CREATE INDEX audit_event_writes ON audit_event (object_type, id)
  WHERE action IN ('create', 'update', 'delete');

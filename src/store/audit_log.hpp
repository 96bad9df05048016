// The audit trail interface: append within the caller's transaction, list, and verify the chain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit_event.hpp"
#include "core/error.hpp"
#include "store/audit_anchors.hpp"

namespace vangnet {

struct AuditFilter {
  std::string object_type;  // empty = any
  // Empty = any. Otherwise events about this record: its key, its subject (whose data), or a
  // list read that returned it ("who saw person X").
  std::string object_key;
  std::string actor_user;  // empty = any
  std::int64_t after_id = 0;
  int limit = 100;
  bool newest_first = false;  // the admin page wants the latest events, not the first
};

// The last write to one record, read back from the audit trail (every write is audited there):
// what the FHIR directory reports as a resource's last update and its change history.
struct RecordChange {
  std::int64_t event_id = 0;
  std::string object_type;     // table
  std::string object_key;      // natural key
  std::string action;          // create, update, delete
  std::string occurred_at;     // ISO 8601 UTC
  std::int64_t record_id = 0;  // the record's id, as its delete event carries it; 0 otherwise
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  // Appends one event, chained to the previous one; part of the current transaction.
  virtual Status Append(AuditEvent event) = 0;
  // Events matching the filter, oldest first (or newest first when asked).
  virtual std::vector<AuditEvent> List(const AuditFilter& filter) = 0;
  // The chain's head: how many events, the newest id and its hash.
  virtual AuditHead Head() = 0;
  // The id of the newest event that changed data: it moves with every change to the registry,
  // incidents and plans (every write is audited), from this process or any other; not when
  // someone only looks, logs in or exports, nor with changes to accounts and second factors,
  // which no view of the region is built from.
  virtual std::int64_t LastChangeId() = 0;
  // The newest write of every record of `tables`, oldest first.
  virtual std::vector<RecordChange> LastWrites(const std::vector<std::string>& tables) = 0;
  // Recomputes the keyed hash chain and checks it against every checkpoint in the anchor file:
  // the first broken event's id (for a cut tail or a rewritten chain: the id of the checkpoint
  // that is no longer there), or nullopt when intact.
  virtual std::optional<std::int64_t> FirstBrokenLink() = 0;
  // Appends the current head to the anchor file (see audit_anchors.hpp) and counts it in the
  // database (needs a write transaction); the checkpoint line.
  virtual Result<std::string> WriteCheckpoint() = 0;
  // Compares the anchor file with the database's count of the checkpoints written to it: a
  // missing, emptied, shortened or rolled-back file is described; nullopt when they agree.
  virtual std::optional<std::string> CheckpointFileProblem() = 0;
};

}  // namespace vangnet

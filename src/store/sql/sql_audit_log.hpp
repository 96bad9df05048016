// The audit trail in SQLite, hash-chained with libsodium's BLAKE2b.
#pragma once

#include <memory>
#include <string>

#include "core/time.hpp"
#include "store/audit_log.hpp"
#include "store/secret_keys.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

class SqlAuditLog final : public AuditLog {
 public:
  SqlAuditLog(Connection& db, const Clock& clock, const SecretKey& key, const AuditAnchors& anchors)
      : db_(db), clock_(clock), key_(key), anchors_(anchors) {}
  Status Append(AuditEvent event) override;
  std::vector<AuditEvent> List(const AuditFilter& filter) override;
  AuditHead Head() override;
  std::int64_t LastChangeId() override;
  std::vector<RecordChange> LastWrites(const std::vector<std::string>& tables) override;
  std::optional<std::int64_t> FirstBrokenLink() override;
  Result<std::string> WriteCheckpoint() override;
  std::optional<std::string> CheckpointFileProblem() override;

 private:
  Connection& db_;
  const Clock& clock_;  // stamps events that come without a time
  const SecretKey& key_;
  const AuditAnchors& anchors_;
  std::string last_hash_;  // chain head within this transaction; read once, then kept
  std::unique_ptr<Statement> insert_;
};

// The hash of an event over its content and prev_hash. With a key: "k1:" and the keyed BLAKE2b
// (a MAC), which nobody without the key file can recompute; without: the plain BLAKE2b hex that
// events written before the key existed carry.
std::string AuditEventHash(const AuditEvent& event, const SecretKey* key = nullptr);

}  // namespace vangnet::sql

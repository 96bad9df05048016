// The audit trail in SQLite, hash-chained with libsodium's BLAKE2b.
#pragma once

#include <memory>
#include <string>

#include "core/time.hpp"
#include "store/audit_log.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace vangnet::sqlite {

class SqliteAuditLog final : public AuditLog {
 public:
  SqliteAuditLog(sqlite3* db, const Clock& clock) : db_(db), clock_(clock) {}
  Status Append(AuditEvent event) override;
  std::vector<AuditEvent> List(const AuditFilter& filter) override;
  std::optional<std::int64_t> FirstBrokenLink() override;

 private:
  sqlite3* db_;
  const Clock& clock_;     // stamps events that come without a time
  std::string last_hash_;  // chain head within this transaction; read once, then kept
  std::unique_ptr<Statement> insert_;
};

// The hash of an event over its content and prev_hash; hex text.
std::string AuditEventHash(const AuditEvent& event);

}  // namespace vangnet::sqlite

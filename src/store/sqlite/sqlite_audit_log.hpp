// The audit trail in SQLite, hash-chained with libsodium's BLAKE2b.
#pragma once

#include <memory>
#include <string>

#include "store/audit_log.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace vangnet::sqlite {

class SqliteAuditLog final : public AuditLog {
 public:
  explicit SqliteAuditLog(sqlite3* db) : db_(db) {}
  Status Append(AuditEvent event) override;
  std::vector<AuditEvent> List(const AuditFilter& filter) override;
  std::optional<std::int64_t> FirstBrokenLink() override;

 private:
  sqlite3* db_;
  std::string last_hash_;  // chain head within this transaction; read once, then kept
  std::unique_ptr<Statement> insert_;
};

// The hash of an event over its content and prev_hash; hex text.
std::string AuditEventHash(const AuditEvent& event);

}  // namespace vangnet::sqlite

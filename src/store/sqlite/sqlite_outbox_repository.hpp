// The outbox in SQLite.
#pragma once

#include "store/outbox_repository.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace vangnet::sqlite {

class SqliteOutboxRepository final : public OutboxRepository {
 public:
  explicit SqliteOutboxRepository(sqlite3* db) : db_(db) {}
  Result<bool> Enqueue(const OutboxMessage& message) override;
  std::vector<OutboxMessage> Due(TimePoint now, int limit) override;
  Status Record(const OutboxMessage& message) override;
  std::vector<OutboxMessage> ForIncident(std::int64_t incident_id) override;

 private:
  sqlite3* db_;
};

}  // namespace vangnet::sqlite

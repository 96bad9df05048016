// The outbox in SQLite.
#pragma once

#include "store/outbox_repository.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

class SqlOutboxRepository final : public OutboxRepository {
 public:
  explicit SqlOutboxRepository(Connection& db) : db_(db) {}
  Result<bool> Enqueue(const OutboxMessage& message) override;
  std::vector<OutboxMessage> Due(TimePoint now, int limit) override;
  Status Record(const OutboxMessage& message) override;
  std::vector<OutboxMessage> ForIncident(std::int64_t incident_id) override;

 private:
  Connection& db_;
};

}  // namespace vangnet::sql

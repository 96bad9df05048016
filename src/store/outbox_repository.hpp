// The outbox in the store: e-mail and SMS messages waiting to be sent, and their outcome.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/outbox_message.hpp"
#include "core/time.hpp"

namespace vangnet {

// Messages waiting to be sent; see core/outbox_message.hpp.
class OutboxRepository {
 public:
  virtual ~OutboxRepository() = default;
  // Queues a message; false when one with the same dedup key was queued before.
  virtual Result<bool> Enqueue(const OutboxMessage& message) = 0;
  // Pending messages whose next attempt is due, oldest first.
  virtual std::vector<OutboxMessage> Due(TimePoint now, int limit) = 0;
  // Stores the outcome of an attempt (status, attempts, next attempt, error, sent_at).
  virtual Status Record(const OutboxMessage& message) = 0;
  // The messages of an incident, newest first (the board shows what went out).
  virtual std::vector<OutboxMessage> ForIncident(std::int64_t incident_id) = 0;
};

}  // namespace vangnet

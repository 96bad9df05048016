// Reading the audit trail: the list for admins (the page and `vangnet audit list`) and the
// chain check. Reading the log is itself audited, in the same transaction.
#pragma once

#include <optional>
#include <vector>

#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

class AuditService {
 public:
  explicit AuditService(Store& store) : store_(store) {}

  // The events matching `filter`; admins and the command line only. The read is recorded.
  Result<std::vector<AuditEvent>> List(const Caller& caller, const AuditFilter& filter);
  // Recomputes the hash chain and compares it with the checkpoints: the first broken event's
  // id, or nullopt when intact.
  Result<std::optional<std::int64_t>> FirstBrokenLink(const Caller& caller);
  // Writes the chain's head to the anchor file (the scheduler, every tick and at stop; the
  // command line after a successful check). Nothing is written when the head did not move.
  Status Checkpoint();

 private:
  Store& store_;
};

}  // namespace vangnet

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
  // Recomputes the hash chain: the first broken event's id, or nullopt when intact.
  Result<std::optional<std::int64_t>> FirstBrokenLink(const Caller& caller);

 private:
  Store& store_;
};

}  // namespace vangnet

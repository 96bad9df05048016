// The preparedness calendar in the store: when each obligation was done. Callers audit.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

struct PreparednessCompletion {
  std::int64_t id = 0;
  std::string rule_id;
  std::string practice_agb;  // empty: regional
  std::string done_on;       // YYYY-MM-DD
  std::string done_by;
  std::string evidence;
  std::string recorded_by;
  std::string recorded_at;
};

class PreparednessRepository {
 public:
  virtual ~PreparednessRepository() = default;
  virtual Result<PreparednessCompletion> Add(const PreparednessCompletion& completion) = 0;
  // All completions, oldest first.
  virtual std::vector<PreparednessCompletion> All() = 0;
};

}  // namespace vangnet

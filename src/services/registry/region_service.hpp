// The region as a whole: its key figures and the postcode areas around its practices (the map's
// offline background). Aggregates only: every role may read them, the insurer included.
#pragma once

#include <vector>

#include "io/postcode_table.hpp"
#include "services/registry/access_policy.hpp"
#include "services/registry/region_summary.hpp"
#include "store/store.hpp"

namespace vangnet {

class RegionService {
 public:
  explicit RegionService(Store& store) : store_(store) {}

  // The region summary as of the store clock's today.
  Result<RegionSummary> Summary(const Caller& caller);
  // The address postcode areas within about 5 km of the outermost practices.
  Result<std::vector<PostcodeArea>> PostcodeAreas(const Caller& caller);

 private:
  Store& store_;
};

}  // namespace vangnet

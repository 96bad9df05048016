// The region as JSON: its key figures and the postcode areas of the map's background.
#pragma once

#include <nlohmann/json.hpp>

#include "io/postcode_table.hpp"
#include "services/registry/region_summary.hpp"

namespace vangnet {

nlohmann::json RegionSummaryJson(const RegionSummary& summary);
nlohmann::json PostcodeAreaJson(const PostcodeArea& area);

}  // namespace vangnet

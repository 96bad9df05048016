// The demo region's long programmes (issue 22): succession trajectories for part of the holders
// of 60+, what practices have arranged with each other, and where the regional programme from
// solo to working together stands. Drawn from their own random stream, after the rest of the
// region, so the registry's other records stay exactly as they were.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/registry.hpp"

namespace vangnet {

void AddDemoProgrammes(RegistryRecords& records, std::uint64_t seed,
                       std::chrono::year_month_day today);

}  // namespace vangnet

// The stress test report as JSON, for the API and `vangnet stress --format json`.
#pragma once

#include <nlohmann/json.hpp>

#include "services/stress/stress_service.hpp"

namespace vangnet {

// The report; with `areas`, also the shipped and the region's own areas ("zones") to choose.
nlohmann::json StressReportJson(const StressReport& report, const StressAreas* areas = nullptr);

}  // namespace vangnet

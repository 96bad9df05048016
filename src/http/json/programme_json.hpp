// The long programmes' overviews as JSON: succession trajectories with the holders the radar
// finds, and the programme from solo to working together.
#pragma once

#include <nlohmann/json.hpp>

#include "services/programme/programme_service.hpp"

namespace vangnet {

nlohmann::json SuccessionOverviewJson(const SuccessionOverview& overview);
nlohmann::json CollaborationOverviewJson(const CollaborationOverview& overview);

}  // namespace vangnet

// The preparedness calendar as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "services/preparedness/preparedness_service.hpp"

namespace vangnet {

nlohmann::json PreparednessItemJson(const PreparednessItem& item);
nlohmann::json PreparednessOverviewJson(const PreparednessOverview& overview);

}  // namespace vangnet

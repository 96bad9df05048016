// The preparedness calendar and the offline bundle's status as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "services/preparedness/offline_bundle.hpp"
#include "services/preparedness/preparedness_service.hpp"

namespace vangnet {

nlohmann::json PreparednessItemJson(const PreparednessItem& item);
nlohmann::json PreparednessOverviewJson(const PreparednessOverview& overview);
// Where and when the offline bundle is written, and the last outcome.
nlohmann::json BundleStatusJson(const BundleStatus& status);

}  // namespace vangnet

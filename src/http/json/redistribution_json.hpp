// The redistribution (opvang) as JSON: the overview of the opvang page and patient rows.
#pragma once

#include <nlohmann/json.hpp>

#include "core/redistribution.hpp"
#include "services/redistribute/redistribution_overview.hpp"
#include "services/redistribute/redistribution_service.hpp"

namespace vangnet {

nlohmann::json RedistributionOverviewJson(const RedistributionOverview& overview);
nlohmann::json PatientJson(const RedistributionPatient& patient);
nlohmann::json RegionalPlanJson(const RegionalPlan& plan);

}  // namespace vangnet

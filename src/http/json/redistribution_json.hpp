// The redistribution (opvang) as JSON: the overview of the opvang page and patient rows.
#pragma once

#include <nlohmann/json.hpp>

#include "core/redistribution.hpp"
#include "services/redistribute/redistribution_overview.hpp"

namespace vangnet {

nlohmann::json RedistributionOverviewJson(const RedistributionOverview& overview);
nlohmann::json PatientJson(const RedistributionPatient& patient);

}  // namespace vangnet

// The planner's standalone formats (README "Plan instance" and "Plan"): an instance file in, a
// plan file out, so a plan can be checked by anyone outside vangnet.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.hpp"
#include "solver/plan.hpp"
#include "solver/plan_input.hpp"

namespace vangnet {

// Reads an instance; errors name the file and the field path ("households[3].latitude").
Result<solver::PlanInput> ParsePlanInstance(const std::string& text, const std::string& file_name);
nlohmann::json PlanInstanceToJson(const solver::PlanInput& input);

// The parameters alone, as the instance file and the API hold them. Reading takes what is there
// and keeps the defaults for the rest; a null vulnerable bound means "the general bound". A
// field that is there but not a number (or not a sensible one) is an error naming it, never
// silently the default.
nlohmann::json PlanParametersToJson(const solver::PlanParameters& parameters);
Result<solver::PlanParameters> PlanParametersFromJson(const nlohmann::json& object);

// The plan with ids (not indexes), its bound, gap and explanation.
nlohmann::json PlanToJson(const solver::PlanInput& input, const solver::Plan& plan);

}  // namespace vangnet

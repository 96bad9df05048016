// Internal to the planner: scores an assignment (loads, distances, gap to the bound) and explains
// it in Dutch (why each household is unplaced, which capacity binds, where more would help).
#pragma once

#include <vector>

#include "solver/plan.hpp"
#include "solver/planning_context.hpp"

namespace vangnet::solver {

struct BoundDetail {
  PlanBound bound;        // kept households included, so it compares with the whole plan
  MaxFlowCut cut;         // over the relaxation's groups
  Relaxation relaxation;  // the min-cost flow where households may split
  long long relaxation_vulnerable_placed = 0;  // patients of vulnerable groups it placed
};

BoundDetail ComputeBound(const PlanningContext& context, Relaxation relaxation);

Plan Evaluate(const PlanningContext& context, const std::vector<int>& receiver_of,
              const BoundDetail& bound);

}  // namespace vangnet::solver

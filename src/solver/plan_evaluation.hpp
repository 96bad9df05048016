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

// What the exact step proved, for the plan's figures and explanation.
struct ExactInfo {
  bool placement_proven = false;
  bool cost_proven = false;
  double cost_slack_km = 0;  // when the cost is proven
  long long patients_upper = 0;
  long long households_upper = 0;  // at the plan's patient counts
  bool extra_proven = false;
  long long extra_total = 0;
  std::vector<std::pair<int, long long>> extra_where;
};

Plan Evaluate(const PlanningContext& context, const std::vector<int>& receiver_of,
              const BoundDetail& bound, const ExactInfo* exact = nullptr);

}  // namespace vangnet::solver

// The exact household-level MIP (GLPK), the yardstick for the planner in tests on small instances
// and in bench/planner_bench. Never used by the product: it can take minutes where the planner
// takes milliseconds.
#pragma once

#include <vector>

#include "solver/plan_input.hpp"

namespace vangnet::solver {

struct ExactResult {
  bool optimal = false;  // proven optimal; else the best found within the time limit (if any)
  bool found = false;    // a feasible assignment exists in `receiver_of`
  std::vector<int> receiver_of;  // receiver index per household, -1 = unplaced
  double objective = 0;          // of the lexicographic objective below, in its own units
  double lp_bound = 0;           // the LP relaxation of the same model: a proven lower bound
};

// Minimises, in the planner's order: patients of vulnerable households unplaced, patients
// unplaced, households unplaced, then cost (patient-metres minus contract bonus), each weighted so
// the earlier one always dominates. Households stay whole; kept (accepted) households stay where
// they are.
ExactResult SolveExactMip(const PlanInput& input, double time_limit_seconds);

}  // namespace vangnet::solver

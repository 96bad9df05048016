// The redistribution planner: every household of the closed practice(s) a receiving practice
// nearby, households kept whole, capacities respected, vulnerable patients first, contract
// partners preferred, then the least travel. Input structs in, a Plan out; no database.
//
// Method. Households in the same postcode are indistinguishable to the distance rules, so the
// problem is solved on groups (postcode x vulnerable or not) as a min-cost flow with LEMON's
// NetworkSimplex: exact for the relaxation in which a household may split, and that relaxation is
// the reported lower bound. Its flow is then packed into whole households (best fit, largest
// household first); what does not fit goes round again on the remaining capacity, and the last
// few by the greedy rule. Household sizes (1-6) are tiny against receiver capacities (hundreds),
// so packing loses little, and the plan reports exactly how much against the bound. An exact
// household-level MIP would be exact but minutes at S2 size (bench/planner_bench measures it);
// the coordinator needs the plan in seconds and the gap stated, not a proof.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "solver/plan.hpp"
#include "solver/plan_input.hpp"
#include "solver/transport_flow.hpp"

namespace vangnet::solver {

struct PlannerOptions {
  FlowEngine engine = FlowEngine::kNetworkSimplex;
  // Also run the greedy rule and return it when it places more (vulnerable, then households);
  // it almost never does, but it makes "never fewer than a spreadsheet" a guarantee.
  bool greedy_safeguard = true;
  // Time for the exact step on tight plans (households that did not pack while the bounds say
  // more may fit): CBC on the aggregated whole-household problem. 0 switches it off; unset, the
  // input's `parameters.exact_seconds` (the coordinator's choice) holds.
  std::optional<double> exact_budget_ms;
  // Run the exact step even when the plan is not tight (benchmarks: the proven optimum).
  bool force_exact = false;
};

// Checks ids, coordinates, capacities and accepted receivers; names the household or receiver.
Status ValidatePlanInput(const PlanInput& input);

// Plans `input`, which must pass ValidatePlanInput.
Plan PlanRedistribution(const PlanInput& input, const PlannerOptions& options = {});

// The spreadsheet baseline: vulnerable households first, then larger before smaller, each to the
// nearest receiver with room within its distance bound. Receiver index per household, -1 unplaced.
std::vector<int> GreedyAssignment(const PlanInput& input);

// Scores any assignment (receiver index per household, -1 = unplaced) the way plans are scored:
// loads, distances, unplaced reasons, explanation. Used for baselines and checks.
Plan EvaluateAssignment(const PlanInput& input, const std::vector<int>& receiver_of);

}  // namespace vangnet::solver

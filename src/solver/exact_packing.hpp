// Internal to the planner: the exact step for tight instances. The flow is exact when households
// may split; packing its flow into whole households is a heuristic and can leave patients or
// households unplaced that a whole-household plan places. This step solves the whole-household
// problem exactly on its aggregated form - households of the same size, class and reach are
// interchangeable, so one integer variable counts how many of them go to a receiver - with COIN-OR
// CBC, within a budget of work (branch-and-bound nodes, see WorkBudget), starting from the
// heuristic's plan (so it never returns worse).
//
// The order is lexicographic, one CBC solve per level, each level's optimum fixed as a constraint
// for the next: patients of vulnerable households placed, then patients placed, then households
// placed, then least cost (patient-metres, contract partners counted nearer).
#pragma once

#include <chrono>
#include <optional>
#include <vector>

#include "solver/planning_context.hpp"

namespace vangnet::solver {

// The four levels of the planner's order, for any assignment.
struct PlanScore {
  long long vulnerable_household_patients = 0;
  long long patients = 0;
  long long households = 0;
  double cost_metres = 0;  // exact: distance x patients, minus the contract bonus
};
PlanScore ScoreAssignment(const PlanningContext& context, const std::vector<int>& receiver_of);
// a before b in the planner's order.
bool BetterScore(const PlanScore& a, const PlanScore& b);

// The exact step's budget over all its CBC solves for one plan, in work units - branch-and-bound
// nodes - so one instance gives one plan however busy the machine is (a wall-clock budget gave
// other plans under load). Wall time is only a safety net against a solve that runs away; when
// it stops a solve, the plan says so (Plan::safety_net_hit) and may then depend on the machine.
struct WorkBudget {
  // A coordinator sets the budget in seconds ("rekentijd"): that many seconds at a nominal
  // kNodesPerSecond (measured on the planner bench's tight families, 2 cores), and a safety net
  // of kSafetyFactor times the seconds, at least kSafetyMinimumSeconds.
  static constexpr double kNodesPerSecond = 1000;
  static constexpr double kSafetyFactor = 10;
  static constexpr double kSafetyMinimumSeconds = 2;
  static WorkBudget ForSeconds(double seconds);

  long long nodes = 0;  // left
  double safety_seconds = 0;
  std::chrono::steady_clock::time_point began = std::chrono::steady_clock::now();
  bool safety_net_hit = false;
  double SafetySecondsLeft() const;
};

// Upper bounds known before the exact step (from the flow where households may split).
struct KnownBounds {
  long long vulnerable_household_patients = 0;
  long long patients = 0;
  // Households at those patient counts (household_flow.hpp), or every household in reach.
  long long households = 0;
};

struct ExactPacking {
  std::vector<int> receiver_of;  // the best assignment found (kept households included)
  bool improved = false;         // better than the start in the planner's order
  // Every level proven optimal within the budget. When not, the limits below say how far the
  // plan may be from the best possible (a level's bound from the solver, or the known bound).
  bool proven = false;
  bool placement_proven = false;   // the first three levels (who is placed) proven
  long long patients_upper = 0;    // no whole-household plan places more patients
  long long households_upper = 0;  // nor more households at the plan's number of patients
  // When the cost is proven: how far the plan's cost may be above the least possible at its
  // placement, from the solver's bound (below half a patient-metre).
  std::optional<double> cost_slack_metres;
  double seconds = 0;
};


// The fewest extra places, each at a receiver in reach, with which every household that has a
// receiver in reach is placed whole - exact, since households do not split - and where they go.
struct ExtraPlaces {
  long long total = 0;
  bool proven = false;                           // else `total` is an upper bound
  std::vector<std::pair<int, long long>> where;  // receiver index, extra places there
};
ExtraPlaces MinimumExtraPlaces(const PlanningContext& context, WorkBudget& budget);

// Improves `start` (receiver index per household, kept ones included) within `budget` (whose
// nodes it uses up).
ExactPacking SolveExactPacking(const PlanningContext& context, const std::vector<int>& start,
                               const KnownBounds& known, WorkBudget& budget);

}  // namespace vangnet::solver

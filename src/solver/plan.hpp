// What the redistribution planner returns: the assignment, its bounds and its explanation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace vangnet::solver {

// Like LEMON's ProblemType: an incomplete plan is an outcome, not an error.
enum class PlanOutcome {
  kAllPlaced,     // every household has a receiver within the distance bound
  kPartlyPlaced,  // some households could not be placed; `unplaced` says why for each
  kNothingToPlan  // no households to place (all were already accepted, or none were given)
};

enum class UnplacedReason {
  kNoReceiverInReach,        // no receiver at all within the distance bound for this household
  kCapacityInReachExhausted  // receivers are in reach, but their places are used up
};

struct Assignment {
  int household = 0;       // index into PlanInput::households
  int receiver = -1;       // index into PlanInput::receivers; -1 = unplaced
  double distance_km = 0;  // estimated road distance (detour factor applied)
  bool kept = false;       // accepted earlier and kept by the re-plan
};

struct Unplaced {
  int household = 0;
  UnplacedReason reason = UnplacedReason::kNoReceiverInReach;
  std::vector<int> receivers_in_reach;  // all full; empty for kNoReceiverInReach
  std::string explanation;              // Dutch, for the coordinator
};

struct ReceiverLoad {
  int receiver = 0;
  long long capacity = 0;
  long long placed_patients = 0;  // kept ones included
  int placed_households = 0;
  long long vulnerable_patients = 0;
  double mean_km = 0;  // per placed patient
  double max_km = 0;
  bool saturated = false;  // fewer places left than the smallest unplaced household in reach
  bool binding = false;    // on the minimum cut: more places here would place more patients
};

// Bounds from relaxations where households may split; a bound no whole-household plan can beat.
struct PlanBound {
  long long patients_placeable = 0;  // max flow, all patients
  // Max flow of the vulnerable households alone: when it equals their patients, every vulnerable
  // household can be placed, and the plan must then place them all.
  long long vulnerable_household_patients_placeable = 0;
  // Min-cost flow, patient-km minus contract bonus; when the exact step proved the plan's cost,
  // its bound at the plan's placement instead (then the gap is the solver's slack, about 0).
  double cost_km = 0;
};

// A site where extra capacity would help, ranked by how many unplaced households it could reach.
struct Candidate {
  std::string id;
  std::string name;
  double latitude = 0;
  double longitude = 0;
  int unplaced_households_in_reach = 0;
  long long unplaced_patients_in_reach = 0;
  // Of those, patients of vulnerable households within their shorter reach: what an extra place
  // here does for the planner's first level.
  long long unplaced_vulnerable_in_reach = 0;
  double mean_km = 0;  // from the unplaced patients in reach to here, on average
};

struct PlanTimings {  // milliseconds, for the benchmarks
  double build = 0, solve = 0, keep_households_whole = 0, exact = 0, explain = 0;
  double safeguard = 0;   // the greedy spreadsheet rule, run to compare
  double households = 0;  // the households level's flow and its plan, on tight instances
};

struct Plan {
  PlanOutcome outcome = PlanOutcome::kNothingToPlan;
  std::vector<Assignment> assignments;  // one per placed household, in household order
  std::vector<Unplaced> unplaced;       // one per unplaced household, in household order
  std::vector<ReceiverLoad> receivers;  // one per receiver, in receiver order
  PlanBound bound;
  long long patients_total = 0, patients_placed = 0;
  long long vulnerable_total = 0, vulnerable_placed = 0;  // patients with a vulnerability class
  int vulnerable_households_total = 0, vulnerable_households_placed = 0;
  long long vulnerable_household_patients = 0;  // all patients of vulnerable households
  int households_total = 0, households_placed = 0;
  double patient_km = 0;  // sum over placed patients of their distance
  double cost_km = 0;     // patient_km minus the contract bonus of patients placed with partners
  // cost_km against bound.cost_km, relative; set only when the plan places as many patients as
  // the bound (otherwise the two are not comparable and `placement_gap_patients` says why).
  std::optional<double> gap;
  long long placement_gap_patients = 0;  // bound.patients_placeable - patients_placed
  // This many more places, each added at a receiver in reach of an unplaced household, place
  // everyone who has a receiver in reach (the binding receivers are where they help); no plan
  // can do with fewer than `bound.patients_placeable` shows. Households out of reach need a site.
  long long extra_places_needed = 0;
  // The exact step for tight plans (exact_packing.hpp): whether it ran; whether who is placed -
  // vulnerable households' patients, patients, households, in that order - is proven the most a
  // whole-household plan can place, and the cost the least at that placement; else how many
  // patients may still fit, and how many households at the plan's number of patients.
  // `extra_places_needed` is then the proven minimum (with where).
  bool exact_ran = false;
  bool placement_proven = false;
  bool cost_proven = false;
  long long patients_upper = 0;
  long long households_upper = 0;
  bool extra_places_proven = false;
  std::vector<std::pair<int, long long>> extra_places_where;  // receiver index, places
  std::vector<std::string> explanation;  // Dutch sentences, most important first
  std::vector<Candidate> candidates;     // filled when someone is unplaced
  bool greedy_fallback = false;          // the greedy plan placed more and was returned instead
  // The exact step's wall-time safety net stopped a solve (exact_packing.hpp WorkBudget): only
  // then can the plan depend on how busy the machine was.
  bool safety_net_hit = false;
  PlanTimings timings;
};

const char* PlanOutcomeName(PlanOutcome outcome);
const char* UnplacedReasonName(UnplacedReason reason);

}  // namespace vangnet::solver

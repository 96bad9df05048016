// Internal to the planner: the third level of the planner's order (households placed) as a flow.
//
// Counted in patients per class of identical households (HouseholdClass), the aggregated
// whole-household model without integrality is a transport problem: a class's patients may go to
// any receiver in reach, and every patient placed counts 1/size household. With rewards in that
// proportion, one min-cost flow finds the most patients of vulnerable households, then the most
// patients, then the most (fractional) households, then the least cost. That gives
//  - an upper bound on the households any whole-household plan places at those patient counts,
//    so a plan that reaches it needs no exact step to prove who is placed, and
//  - a start for a plan with that many households: each class's flow rounded down to whole
//    households (the planner places the rest).
#pragma once

#include <vector>

#include "solver/planning_context.hpp"

namespace vangnet::solver {

struct HouseholdFlow {
  // False when the weights that make the order strict would not fit 64-bit costs (very large
  // regions); then there is no bound and no start, and the exact step decides alone.
  bool solved = false;
  long long vulnerable_household_patients = 0;  // placed by the flow, kept households included
  long long patients = 0;                       // the same
  // No whole-household plan that places `patients` (with `vulnerable_household_patients` of
  // vulnerable households) places more households than this; kept households included.
  long long households_upper = 0;
  std::vector<int> receiver_of;  // the flow rounded down to whole households; kept included
  long long model_arcs = 0;      // size of the aggregated model (one column per class and arc)
};

HouseholdFlow SolveHouseholdFlow(const PlanningContext& context);

// The cheapest plan with the same places: each receiver keeps as many households of each size as
// it holds in `receiver_of`, and which households fill them is a transport problem per size (a
// min-cost flow in whole households, so exact). Any household of that size in reach may fill a
// place, placed or waiting; households with vulnerable patients come first, so that level can
// only rise, and patients and households placed stay the same. Kept households and those with
// declined receivers stay where they are. Returns that plan; the caller keeps it when it is better
// in the planner's order (the flow counts whole millimetres, so in exact metres it can be a hair
// worse).
std::vector<int> CheapestForSamePlaces(const PlanningContext& context,
                                       const std::vector<int>& receiver_of);

}  // namespace vangnet::solver

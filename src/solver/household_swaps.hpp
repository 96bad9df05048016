// Internal to the planner: more households at the same number of patients.
//
// When places run short, packing the flow fills receivers with whatever fits, often large
// households, while smaller ones in reach wait. Exchanging one placed household for two waiting
// ones that together are as large (and fit the receiver's room) places one household more and no
// patient fewer. This local search makes such exchanges until none is left; it never lowers the
// patients of vulnerable households placed (a household with vulnerable patients only makes way
// for others with them) nor the patients placed.
#pragma once

#include <vector>

#include "solver/planning_context.hpp"

namespace vangnet::solver {

// Improves `receiver_of` in place; returns the number of exchanges made.
int ExchangeForMoreHouseholds(const PlanningContext& context, std::vector<int>& receiver_of);

// The last level, cost, at the same placement: each placed household moves to the cheapest
// receiver in its reach that has room for it, when that is cheaper. Who is placed stays the same;
// which households fill the places is CheapestForSamePlaces' work (household_flow.hpp). Returns
// the number of moves.
int MoveForLessCost(const PlanningContext& context, std::vector<int>& receiver_of);

}  // namespace vangnet::solver

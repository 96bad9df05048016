#include "solver/household_flow.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "solver/transport_flow.hpp"

namespace vangnet::solver {

HouseholdFlow SolveHouseholdFlow(const PlanningContext& context) {
  HouseholdFlow out;
  const HouseholdClasses model = BuildHouseholdClasses(context);
  out.model_arcs = model.arcs;
  long long kept_vulnerable = 0, kept_patients = 0, kept_households = 0;
  for (std::size_t h = 0; h < context.size.size(); ++h) {
    if (context.kept_receiver[h] < 0) continue;
    kept_patients += context.size[h];
    ++kept_households;
    if (context.vulnerable[h]) kept_vulnerable += context.size[h];
  }

  // Costs in whole metres (rounding only steers the start; the bound is on households).
  long long lcm = 1, min_cost = 0, max_cost = 1, supply = 0;
  for (const auto& c : model.classes) {
    lcm = std::lcm(lcm, c.size);
    if (lcm > 1'000'000) return out;  // implausible household sizes: leave it to the exact step
    supply += c.size * static_cast<long long>(c.members.size());
    for (const auto& arc : *c.reach) {
      const auto metres = static_cast<long long>(std::floor(context.ExactCostMetres(arc)));
      min_cost = std::min(min_cost, metres), max_cost = std::max(max_cost, metres);
    }
  }
  // A re-routing cycle passes each receiver at most once. A reward of `per_household` per
  // household outweighs any detour on such a cycle; a penalty per unplaced patient above the
  // cycle's whole range of arc costs outweighs any number of households; twice that puts
  // vulnerable households first (the argument of BuildGroupedProblem, one level deeper). Per
  // patient the reward is per_household x lcm / size, an integer.
  const long double receivers = static_cast<long double>(model.left.size()) + 2;
  const long double spread = static_cast<long double>(max_cost - min_cost + 1);
  const long double per_household = receivers * spread + 1;
  const long double arc_range = spread + per_household * static_cast<long double>(lcm);
  const long double penalty = receivers * arc_range + 1;
  const long double nodes = static_cast<long double>(model.classes.size()) + receivers + 1;
  constexpr long double kSafe = 1e18L;  // LEMON's potentials and the objective stay in 64 bits
  if ((2 * penalty + 1) * std::max<long double>(nodes, static_cast<long double>(supply)) > kSafe) {
    return out;
  }

  TransportProblem problem;
  problem.receiver_capacity = model.left;
  const auto reward = static_cast<long long>(per_household);
  const auto unplaced = static_cast<long long>(penalty);
  for (std::size_t g = 0; g < model.classes.size(); ++g) {
    const auto& c = model.classes[g];
    problem.group_supply.push_back(c.size * static_cast<long long>(c.members.size()));
    problem.group_penalty.push_back(c.vulnerable ? 2 * unplaced + 1 : unplaced);
    for (const auto& arc : *c.reach) {
      const auto metres = static_cast<long long>(std::floor(context.ExactCostMetres(arc)));
      problem.arcs.push_back({static_cast<int>(g), arc.receiver, metres - reward * (lcm / c.size)});
    }
  }
  const TransportFlow flow = SolveMinCostTransport(problem, FlowEngine::kNetworkSimplex);

  out.solved = true;
  out.receiver_of = context.kept_receiver;
  long long household_units = 0;  // households x lcm, exact
  for (std::size_t g = 0; g < model.classes.size(); ++g) {
    const auto& c = model.classes[g];
    std::size_t next = 0;
    for (std::size_t j = 0; j < c.reach->size(); ++j) {
      const long long patients = flow.arc_flow[c.first_column + j];
      out.patients += patients;
      if (c.vulnerable) out.vulnerable_household_patients += patients;
      household_units += patients * (lcm / c.size);
      for (long long n = patients / c.size; n > 0 && next < c.members.size(); --n) {
        out.receiver_of[c.members[next++]] = (*c.reach)[j].receiver;
      }
    }
  }
  out.patients += kept_patients;
  out.vulnerable_household_patients += kept_vulnerable;
  out.households_upper = household_units / lcm + kept_households;
  return out;
}

}  // namespace vangnet::solver

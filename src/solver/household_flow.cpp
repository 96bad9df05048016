#include "solver/household_flow.hpp"

#include <algorithm>
#include <cmath>
#include <map>
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

std::vector<int> CheapestForSamePlaces(const PlanningContext& context,
                                       const std::vector<int>& receiver_of) {
  const std::size_t receivers = context.input.receivers.size();
  auto movable = [&](int h) {
    return context.kept_receiver[h] < 0 && context.own_reach[h] < 0 && !context.ReachOf(h).empty();
  };
  // Per size: the places per receiver, and the classes (postcode, vulnerable) of that size, in
  // postcode order (the same plan every run).
  struct Class {
    bool vulnerable;
    std::vector<int> members;
  };
  std::map<long long, std::vector<long long>> places;
  std::map<long long, std::vector<Class>> classes;
  for (std::size_t l = 0; l < context.locations.size(); ++l) {
    std::map<std::pair<long long, bool>, std::vector<int>> here;
    for (int i = context.location_start[l]; i < context.location_start[l + 1]; ++i) {
      const int h = context.households_by_location[i];
      if (!movable(h)) continue;
      here[{context.size[h], static_cast<bool>(context.vulnerable[h])}].push_back(h);
      auto& per_receiver = places[context.size[h]];
      if (per_receiver.empty()) per_receiver.assign(receivers, 0);
      if (receiver_of[h] >= 0) ++per_receiver[receiver_of[h]];
    }
    for (auto& [key, list] : here) classes[key.first].push_back({key.second, std::move(list)});
  }
  std::vector<int> result = receiver_of;
  for (auto& [size, by_class] : classes) {
    TransportProblem problem;
    problem.receiver_capacity = places[size];
    std::vector<const std::vector<int>*> members;
    long long max_cost = 1;
    for (const auto& c : by_class) {
      const int g = static_cast<int>(members.size());
      members.push_back(&c.members);
      problem.group_supply.push_back(static_cast<long long>(c.members.size()));
      for (const auto& arc : context.ReachOf(c.members.front())) {
        const long long cost = size * context.CostMillimetres(arc);
        problem.arcs.push_back({g, arc.receiver, cost});
        max_cost = std::max(max_cost, std::abs(cost));
      }
    }
    // Every place is filled (any household outweighs any detour), vulnerable ones first.
    const long long penalty = (2 * max_cost + 1) * (static_cast<long long>(receivers) + 2);
    for (const auto& c : by_class) {
      problem.group_penalty.push_back(c.vulnerable ? 2 * penalty + 1 : penalty);
    }
    const TransportFlow flow = SolveMinCostTransport(problem, FlowEngine::kNetworkSimplex);
    // Members keep their receiver where the flow agrees, so that few households move.
    std::vector<std::map<int, long long>> to(members.size());
    for (std::size_t i = 0; i < problem.arcs.size(); ++i) {
      if (flow.arc_flow[i] > 0)
        to[problem.arcs[i].group][problem.arcs[i].receiver] += flow.arc_flow[i];
    }
    for (std::size_t g = 0; g < members.size(); ++g) {
      std::vector<int> free;
      for (int h : *members[g]) {
        auto it = receiver_of[h] >= 0 ? to[g].find(receiver_of[h]) : to[g].end();
        if (it != to[g].end() && it->second > 0) {
          --it->second;
          result[h] = receiver_of[h];
        } else {
          free.push_back(h);
        }
      }
      std::size_t next = 0;
      for (auto& [r, n] : to[g]) {
        for (; n > 0; --n) result[free[next++]] = r;
      }
      for (; next < free.size(); ++next) result[free[next]] = -1;
    }
  }
  return result;
}

}  // namespace vangnet::solver

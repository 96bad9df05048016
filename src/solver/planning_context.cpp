#include "solver/planning_context.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>

#include "core/geo.hpp"

namespace vangnet::solver {

bool Household::IsVulnerable() const {
  return std::any_of(patients.begin(), patients.end(),
                     [](const PatientNeed& p) { return p.vulnerability != Vulnerability::kNone; });
}

PlanningContext::PlanningContext(const PlanInput& input_) : input(input_) {
  const auto& households = input.households;
  std::map<std::tuple<std::string, double, double>, int> location_index;
  location_of.resize(households.size());
  size.resize(households.size());
  vulnerable.resize(households.size());
  vulnerable_patients.resize(households.size());
  kept_receiver.assign(households.size(), -1);
  std::unordered_map<std::string, int> receiver_index;
  for (int r = 0; r < static_cast<int>(input.receivers.size()); ++r) {
    receiver_index.emplace(input.receivers[r].id, r);
  }
  for (std::size_t h = 0; h < households.size(); ++h) {
    const auto& household = households[h];
    auto key = std::make_tuple(household.postcode, household.latitude, household.longitude);
    auto [it, added] = location_index.emplace(key, static_cast<int>(locations.size()));
    if (added) locations.push_back({household.latitude, household.longitude});
    location_of[h] = it->second;
    size[h] = static_cast<long long>(household.patients.size());
    vulnerable_patients[h] =
        std::count_if(household.patients.begin(), household.patients.end(),
                      [](const PatientNeed& p) { return p.vulnerability != Vulnerability::kNone; });
    vulnerable[h] = vulnerable_patients[h] > 0;
    if (!household.accepted_receiver.empty()) {
      auto found = receiver_index.find(household.accepted_receiver);
      if (found != receiver_index.end()) kept_receiver[h] = found->second;
    }
  }
  std::vector<GeoPoint> receiver_points;
  for (const auto& r : input.receivers) receiver_points.push_back({r.latitude, r.longitude});
  const auto& p = input.parameters;
  reach = ReceiversInReach(locations, receiver_points, p.detour_factor, p.max_distance_km);
  reach_vulnerable = reach;
  double tighter = VulnerableBoundKm();
  for (auto& arcs : reach_vulnerable) {
    std::erase_if(arcs, [&](const ReachArc& a) { return a.distance_km > tighter; });
  }
  bonus_m = std::llround(p.contract_bonus_km * 1000);
  // Households grouped by location (counting sort), for per-location passes.
  location_start.assign(locations.size() + 1, 0);
  for (std::size_t h = 0; h < households.size(); ++h) ++location_start[location_of[h] + 1];
  for (std::size_t l = 0; l < locations.size(); ++l) location_start[l + 1] += location_start[l];
  households_by_location.resize(households.size());
  std::vector<int> next(location_start.begin(), location_start.end() - 1);
  for (std::size_t h = 0; h < households.size(); ++h) {
    households_by_location[next[location_of[h]]++] = static_cast<int>(h);
  }
  own_reach.assign(households.size(), -1);
  for (std::size_t h = 0; h < households.size(); ++h) {
    const auto& declined = households[h].declined_receivers;
    if (declined.empty()) continue;
    auto arcs = vulnerable[h] ? reach_vulnerable[location_of[h]] : reach[location_of[h]];
    std::erase_if(arcs, [&](const ReachArc& a) {
      return std::find(declined.begin(), declined.end(), input.receivers[a.receiver].id) !=
             declined.end();
    });
    own_reach[h] = static_cast<int>(declined_reach.size());
    declined_reach.push_back(std::move(arcs));
  }
}

double PlanningContext::VulnerableBoundKm() const {
  const auto& p = input.parameters;
  return std::min(p.max_distance_km, p.max_distance_vulnerable_km.value_or(p.max_distance_km));
}

double PlanningContext::DistanceKmTo(int household, int receiver) const {
  // Placed households almost always go to a receiver in reach, whose distance the reach list
  // already holds (the same formula): a short scan instead of a great-circle computation, which
  // made scoring and explaining a plan several times slower than solving it.
  for (const auto& arc : reach[location_of[household]]) {
    if (arc.receiver == receiver) return arc.distance_km;
  }
  const auto& point = locations[location_of[household]];
  const auto& r = input.receivers[receiver];
  return input.parameters.detour_factor *
         DistanceKm(point.latitude, point.longitude, r.latitude, r.longitude);
}

std::vector<double> PlanningContext::DistancesKm(const std::vector<int>& receiver_of) const {
  std::vector<double> km(receiver_of.size(), 0.0);
  // Per location a receiver -> distance table in a scratch array, cleared again after it.
  const auto& start = location_start;
  const auto& by_location = households_by_location;
  std::vector<double> scratch(input.receivers.size(), -1.0);
  for (std::size_t l = 0; l < locations.size(); ++l) {
    for (const auto& arc : reach[l]) scratch[arc.receiver] = arc.distance_km;
    for (int i = start[l]; i < start[l + 1]; ++i) {
      const int h = by_location[i], r = receiver_of[h];
      if (r < 0) continue;
      km[h] = scratch[r] >= 0 ? scratch[r] : DistanceKmTo(h, r);  // beyond reach: kept ones
    }
    for (const auto& arc : reach[l]) scratch[arc.receiver] = -1.0;
  }
  return km;
}

long long PlanningContext::CostMillimetres(const ReachArc& arc) const {
  const long long mm = static_cast<long long>(std::floor(arc.distance_km * kCostUnitsPerKm));
  return input.receivers[arc.receiver].contract_partner ? mm - bonus_m * 1000 : mm;
}

double PlanningContext::ExactCostMetres(const ReachArc& arc) const {
  const double metres = arc.distance_km * 1000.0;
  return input.receivers[arc.receiver].contract_partner ? metres - static_cast<double>(bonus_m)
                                                        : metres;
}

HouseholdClasses BuildHouseholdClasses(const PlanningContext& context) {
  HouseholdClasses out;
  for (const auto& r : context.input.receivers) out.left.push_back(r.capacity);
  // Location by location, keyed by own reach list, class and size - not by address: the same
  // order, and so the same plan, in every run.
  std::map<std::tuple<int, bool, long long>, int> index;  // within one location
  for (std::size_t l = 0; l < context.locations.size(); ++l) {
    index.clear();
    for (int i = context.location_start[l]; i < context.location_start[l + 1]; ++i) {
      const int h = context.households_by_location[i];
      if (context.kept_receiver[h] >= 0) {
        out.left[context.kept_receiver[h]] -= context.size[h];
        continue;
      }
      const auto& reach = context.ReachOf(h);
      if (reach.empty()) continue;  // out of reach: no plan can place it
      auto key = std::make_tuple(context.own_reach[h], static_cast<bool>(context.vulnerable[h]),
                                 context.size[h]);
      auto [it, added] = index.emplace(key, static_cast<int>(out.classes.size()));
      if (added) {
        out.classes.push_back({&reach, context.vulnerable[h], context.size[h], {}, out.arcs});
        out.arcs += static_cast<int>(reach.size());
      }
      out.classes[it->second].members.push_back(h);
    }
  }
  for (auto& l : out.left) l = std::max(l, 0LL);
  return out;
}

GroupedProblem BuildGroupedProblem(const PlanningContext& context,
                                   const std::vector<int>& households,
                                   const std::vector<long long>& capacity) {
  GroupedProblem grouped;
  auto& problem = grouped.problem;
  problem.receiver_capacity = capacity;
  // Key: location, class, and the household's own reach list when it declined receivers.
  std::map<std::tuple<int, bool, int>, int> group_of;  // ordered: identical plans across runs
  for (int h : households) {
    auto key = std::make_tuple(context.location_of[h], static_cast<bool>(context.vulnerable[h]),
                               context.own_reach[h]);
    auto [it, added] = group_of.emplace(key, static_cast<int>(grouped.members.size()));
    if (added) {
      grouped.members.emplace_back();
      grouped.group_vulnerable.push_back(std::get<1>(key));
      problem.group_supply.push_back(0);
    }
    grouped.members[it->second].push_back(h);
    problem.group_supply[it->second] += context.size[h];
  }
  long long min_cost = 0, max_cost = 1;
  for (const auto& [key, g] : group_of) {
    for (const auto& arc : context.ReachOf(grouped.members[g].front())) {
      long long cost = context.CostMillimetres(arc);
      min_cost = std::min(min_cost, cost);
      max_cost = std::max(max_cost, cost);
      problem.arcs.push_back({g, arc.receiver, cost});
    }
  }
  // Any re-routing of one patient crosses at most every receiver once, so a penalty above
  // (receivers + 2) x the cost spread outweighs every detour; doubling it puts vulnerable first.
  long long spread = max_cost - min_cost + 1;
  long long penalty = spread * (static_cast<long long>(capacity.size()) + 2);
  for (bool v : grouped.group_vulnerable)
    problem.group_penalty.push_back(v ? 2 * penalty + 1 : penalty);
  return grouped;
}

}  // namespace vangnet::solver

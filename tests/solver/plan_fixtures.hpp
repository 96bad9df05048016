// Shared by the planner's tests: hand-made points and households, the certificates every plan
// must carry, the planner's order, and random regions (loose and tight).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <string>
#include <tuple>

#include "core/geo.hpp"
#include "solver/planner.hpp"
#include "solver/reach.hpp"

namespace vangnet::solver::fixtures {

// A point `km_east` km east of a reference in Maastricht (straight line; detour factor 1 below).
inline GeoPoint East(double km_east, double km_north = 0) {
  return {50.85 + km_north / 111.2, 5.69 + km_east / (111.32 * std::cos(50.85 * 3.14159265 / 180))};
}

inline Household MakeHousehold(std::string id, GeoPoint at, int patients, int vulnerable = 0,
                               std::string postcode = "6211") {
  Household h{std::move(id), std::move(postcode), at.latitude, at.longitude, {}, {}, {}};
  for (int i = 0; i < patients; ++i) {
    h.patients.push_back(
        {"", i < vulnerable ? Vulnerability::kFrailElderly : Vulnerability::kNone, 1950});
  }
  return h;
}

inline Receiver MakeReceiver(std::string id, GeoPoint at, long long capacity,
                             bool partner = false) {
  return {id,      "Praktijk " + id,       at.latitude, at.longitude, capacity,
          partner, ReceiverKind::kPractice};
}

inline PlanInput Straight(double max_km, std::optional<double> vulnerable_km = std::nullopt) {
  PlanInput input;
  input.parameters.detour_factor = 1.0;
  input.parameters.max_distance_km = max_km;
  input.parameters.max_distance_vulnerable_km = vulnerable_km;
  input.parameters.contract_bonus_km = 0;
  return input;
}

inline int ReceiverOf(const Plan& plan, int household) {
  for (const auto& a : plan.assignments) {
    if (a.household == household) return a.receiver;
  }
  return -1;
}

// The certificates every plan must carry.
inline void ExpectValid(const PlanInput& input, const Plan& plan) {
  std::vector<long long> load(input.receivers.size(), 0);
  std::vector<int> seen(input.households.size(), 0);
  for (const auto& a : plan.assignments) {
    ++seen[a.household];
    load[a.receiver] += static_cast<long long>(input.households[a.household].patients.size());
    if (!a.kept) {
      double bound = input.households[a.household].IsVulnerable() &&
                             input.parameters.max_distance_vulnerable_km
                         ? std::min(input.parameters.max_distance_km,
                                    *input.parameters.max_distance_vulnerable_km)
                         : input.parameters.max_distance_km;
      EXPECT_LE(a.distance_km, bound + 1e-9) << "household " << a.household << " beyond the bound";
    }
  }
  for (const auto& u : plan.unplaced) ++seen[u.household];
  for (std::size_t h = 0; h < seen.size(); ++h) {
    EXPECT_EQ(seen[h], 1) << "household " << h << " must be placed once or listed unplaced once";
  }
  for (std::size_t r = 0; r < load.size(); ++r) {
    bool kept_only_overload = false;
    for (const auto& a : plan.assignments)
      kept_only_overload |= (a.receiver == static_cast<int>(r) && a.kept);
    if (!kept_only_overload) {
      EXPECT_LE(load[r], input.receivers[r].capacity) << "receiver " << r;
    }
  }
  EXPECT_LE(plan.patients_placed, plan.bound.patients_placeable);
}

// The planner's order (README): patients of vulnerable households placed, patients placed,
// households placed; cost comes after.
inline std::tuple<long long, long long, long long> Order(const PlanInput& input, const Plan& plan) {
  long long vulnerable = 0;
  for (const auto& a : plan.assignments) {
    if (input.households[a.household].IsVulnerable())
      vulnerable += static_cast<long long>(input.households[a.household].patients.size());
  }
  return {vulnerable, plan.patients_placed, plan.households_placed};
}

// Random small regions: 3-7 postcodes, 4-6 receivers, 8-30 households of 1-6 patients.
inline PlanInput RandomInstance(std::mt19937& rng) {
  std::uniform_real_distribution<double> spot(-8, 8);
  std::uniform_int_distribution<int> postcodes(3, 7), receivers(4, 6), households(8, 30);
  std::discrete_distribution<int> size{0, 35, 30, 12, 13, 7, 3};  // 1-6, mean about 2.2
  PlanInput input = Straight(7, 4);
  input.parameters.contract_bonus_km = 1;
  std::vector<GeoPoint> areas;
  for (int i = postcodes(rng); i > 0; --i) areas.push_back(East(spot(rng), spot(rng)));
  int hh = households(rng);
  long long patients = 0;
  for (int i = 0; i < hh; ++i) {
    int area = std::uniform_int_distribution<int>(0, static_cast<int>(areas.size()) - 1)(rng);
    int n = size(rng);
    int vulnerable = std::bernoulli_distribution(0.15)(rng) ? 1 : 0;
    input.households.push_back(MakeHousehold("H" + std::to_string(i), areas[area], n, vulnerable,
                                             std::to_string(6200 + area)));
    patients += n;
  }
  int rc = receivers(rng);
  for (int r = 0; r < rc; ++r) {
    long long cap = std::uniform_int_distribution<long long>(0, patients * 2 / rc + 3)(rng);
    input.receivers.push_back(MakeReceiver("R" + std::to_string(r), East(spot(rng), spot(rng)), cap,
                                           std::bernoulli_distribution(0.3)(rng)));
  }
  return input;
}

// Tight regions, where whole households decide what fits: capacity 0.75-1.05 x demand, 8-40
// households.
inline PlanInput TightInstance(std::mt19937& rng) {
  PlanInput input = RandomInstance(rng);
  std::uniform_int_distribution<int> extra(0, 10);
  for (int i = extra(rng); i > 0; --i) {
    const auto& copy = input.households[static_cast<std::size_t>(i) % input.households.size()];
    Household h = copy;
    h.id = "X" + std::to_string(i);
    input.households.push_back(h);
  }
  long long demand = 0;
  for (const auto& h : input.households) demand += static_cast<long long>(h.patients.size());
  const double factor = std::uniform_real_distribution<double>(0.75, 1.05)(rng);
  long long total = 0;
  for (const auto& r : input.receivers) total += r.capacity;
  for (auto& r : input.receivers) {
    r.capacity = total > 0 ? static_cast<long long>(std::llround(static_cast<double>(r.capacity) *
                                                                 factor * demand / total))
                           : 0;
  }
  return input;
}

// The plan's explanation as one text, a sentence per line.
inline std::string ExplanationText(const Plan& plan) {
  std::string all;
  for (const auto& line : plan.explanation) all += line + "\n";
  return all;
}

}  // namespace vangnet::solver::fixtures

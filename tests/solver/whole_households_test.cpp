// The planner where whole households decide (tight regions): who is placed equals the exact
// MIP's optimum in the planner's order; the explanation's extra places are the true minimum; the
// bound on households is a bound; more households at equal patients; the cheapest households for
// the same places; and on loose regions the bound is the optimum with a gap of 0.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "plan_fixtures.hpp"
#include "solver/exact_mip.hpp"
#include "solver/household_flow.hpp"
#include "solver/planner.hpp"
#include "solver/planning_context.hpp"

namespace vangnet::solver {
namespace {

using namespace fixtures;

// Tight regions: the planner's exact step must reach the exact MIP's optimum in the planner's
// order, say it proved it, and cost no more than 0.1 % above the optimum at that placement.
TEST(PlannerPropertyTest, TightRegionsPlaceWhatTheExactMipPlaces) {
  std::mt19937 rng(20261202);
  int tight = 0, improved_on_packing = 0;
  for (int round = 0; round < 40; ++round) {
    PlanInput input = TightInstance(rng);
    SCOPED_TRACE("instance " + std::to_string(round));
    PlannerOptions options;
    options.exact_budget_ms = 5000;  // small instances: proven well within this
    Plan plan = PlanRedistribution(input, options);
    ExpectValid(input, plan);
    ExactResult exact = SolveExactMip(input, 30);
    ASSERT_TRUE(exact.optimal);
    Plan best = EvaluateAssignment(input, exact.receiver_of);
    EXPECT_EQ(Order(input, plan), Order(input, best));
    if (!plan.exact_ran) continue;
    ++tight;
    EXPECT_TRUE(plan.placement_proven);
    EXPECT_LE(plan.patients_placed, plan.bound.patients_placeable);
    PlannerOptions heuristic_only;
    heuristic_only.exact_budget_ms = 0;
    improved_on_packing +=
        Order(input, PlanRedistribution(input, heuristic_only)) < Order(input, plan);
    if (Order(input, plan) == Order(input, best)) {
      EXPECT_LE(plan.cost_km, best.cost_km + std::abs(best.cost_km) * 0.001 + 1e-6);
    }
    // Never a false sentence: "proven" only when it is, and no claim of missing places when
    // the split bound says there are enough.
    for (const auto& line : plan.explanation) {
      if (line.find("Bepalend is de capaciteit") != std::string::npos) {
        EXPECT_LT(
            plan.bound.patients_placeable,
            plan.patients_placed +
                [&] {
                  long long n = 0;
                  for (const auto& u : plan.unplaced)
                    if (u.reason == UnplacedReason::kCapacityInReachExhausted)
                      n += static_cast<long long>(input.households[u.household].patients.size());
                  return n;
                }())
            << line;
      }
    }
  }
  EXPECT_GT(tight, 10);
  EXPECT_GT(improved_on_packing, 0) << "the family should include cases packing alone misses";
}

// The fewest extra places that place every household in reach, by brute force over every
// whole-household assignment of small regions: the load above capacity, summed over receivers.
TEST(PlannerPropertyTest, ExtraPlacesNeededIsTheTrueMinimumForWholeHouseholds) {
  std::mt19937 rng(5);
  int checked = 0;
  for (int round = 0; round < 80 && checked < 20; ++round) {
    PlanInput input = Straight(6);
    std::uniform_int_distribution<int> count(3, 7), size(1, 4), receivers(2, 3);
    std::uniform_real_distribution<double> spot(-4, 4);
    for (int i = count(rng); i > 0; --i) {
      input.households.push_back(MakeHousehold("H" + std::to_string(i), East(spot(rng)), size(rng),
                                               0, std::to_string(6200 + i)));
    }
    for (int r = receivers(rng); r > 0; --r) {
      input.receivers.push_back(MakeReceiver("R" + std::to_string(r), East(spot(rng)),
                                             std::uniform_int_distribution<long long>(0, 6)(rng)));
    }
    Plan plan = PlanRedistribution(input);
    if (plan.extra_places_needed == 0) continue;
    SCOPED_TRACE("instance " + std::to_string(round));
    // Households with a receiver in reach, and their reach.
    std::vector<int> who;
    std::vector<std::vector<int>> reach;
    for (std::size_t h = 0; h < input.households.size(); ++h) {
      std::vector<int> in;
      for (std::size_t r = 0; r < input.receivers.size(); ++r) {
        const auto& a = input.households[h];
        const auto& b = input.receivers[r];
        if (DistanceKm(a.latitude, a.longitude, b.latitude, b.longitude) <= 6) {
          in.push_back(static_cast<int>(r));
        }
      }
      if (!in.empty()) who.push_back(static_cast<int>(h)), reach.push_back(in);
    }
    long long best = -1;
    std::vector<std::size_t> pick(who.size(), 0);
    while (true) {
      std::vector<long long> load(input.receivers.size(), 0);
      for (std::size_t i = 0; i < who.size(); ++i) {
        load[reach[i][pick[i]]] += static_cast<long long>(input.households[who[i]].patients.size());
      }
      long long extra = 0;
      for (std::size_t r = 0; r < load.size(); ++r)
        extra += std::max(0LL, load[r] - input.receivers[r].capacity);
      if (best < 0 || extra < best) best = extra;
      std::size_t i = 0;
      while (i < pick.size() && ++pick[i] == reach[i].size()) pick[i++] = 0;
      if (i == pick.size()) break;
    }
    EXPECT_TRUE(plan.extra_places_proven);
    EXPECT_EQ(plan.extra_places_needed, best);
    ++checked;
  }
  EXPECT_GE(checked, 10);
}

// Two households of two and two practices with one place left each: split, everyone fits; whole,
// one household cannot. The plan says it is the households' size, proves it, and needs one place.
TEST(PlannerTest, WhenOnlyTheHouseholdSizeDoesNotFitThePlanSaysSo) {
  auto input = Straight(10);
  input.households = {MakeHousehold("A", East(0), 2, 0, "6211"),
                      MakeHousehold("B", East(0.5), 2, 0, "6212")};
  input.receivers = {MakeReceiver("P", East(1), 3), MakeReceiver("Q", East(2), 1)};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(plan.bound.patients_placeable, 4);
  EXPECT_EQ(plan.patients_placed, 2);
  EXPECT_TRUE(plan.exact_ran);
  EXPECT_TRUE(plan.placement_proven);
  EXPECT_EQ(plan.extra_places_needed, 1);
  EXPECT_TRUE(plan.extra_places_proven);
  const std::string all = ExplanationText(plan);
  EXPECT_NE(all.find("het is de grootte van de huishoudens die niet past"), std::string::npos)
      << all;
  EXPECT_EQ(all.find("Bepalend is de capaciteit"), std::string::npos) << all;
  EXPECT_NE(all.find("Met 1 extra plaats"), std::string::npos) << all;
  EXPECT_NE(all.find("met minder lukt het niet"), std::string::npos) << all;
  EXPECT_NE(all.find("Nagerekend"), std::string::npos) << all;
}

// Where every receiver has room for everyone, the split bound is the whole-household optimum:
// the plan meets it and reports a gap of exactly 0 (a true bound, and a tight one).
TEST(PlannerPropertyTest, OnLooseRegionsTheBoundEqualsTheOptimumAndTheGapIsZero) {
  std::mt19937 rng(20261204);
  int compared = 0;
  for (int round = 0; round < 30; ++round) {
    PlanInput input = RandomInstance(rng);
    long long patients = 0;
    for (const auto& h : input.households) patients += static_cast<long long>(h.patients.size());
    for (auto& r : input.receivers) r.capacity = patients;
    SCOPED_TRACE("instance " + std::to_string(round));
    Plan plan = PlanRedistribution(input);
    ExpectValid(input, plan);
    ExactResult exact = SolveExactMip(input, 20);
    ASSERT_TRUE(exact.optimal);
    Plan best = EvaluateAssignment(input, exact.receiver_of);
    EXPECT_EQ(plan.patients_placed, best.patients_placed);
    ASSERT_TRUE(plan.gap.has_value());
    EXPECT_EQ(*plan.gap, 0.0);
    EXPECT_NEAR(plan.bound.cost_km, best.cost_km, 1e-6 * static_cast<double>(patients) + 1e-9);
    EXPECT_LE(plan.bound.cost_km, best.cost_km + 1e-9);
    ++compared;
  }
  EXPECT_EQ(compared, 30);
}

// One practice with four places; a household of four lives next door, two of two a little
// further. The flow packs the four (largest first); the same four places take two households.
TEST(PlannerTest, AtEqualPatientsMoreHouseholdsGetAPlace) {
  auto input = Straight(10);
  input.households = {MakeHousehold("Groot", East(0.9), 4, 0, "6211"),
                      MakeHousehold("Klein1", East(0), 2, 0, "6212"),
                      MakeHousehold("Klein2", East(0), 2, 0, "6212")};
  input.receivers = {MakeReceiver("P", East(1), 4)};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(plan.patients_placed, 4);
  EXPECT_EQ(plan.households_placed, 2);
  EXPECT_EQ(ReceiverOf(plan, 0), -1);
  EXPECT_TRUE(plan.exact_ran);
  EXPECT_TRUE(plan.placement_proven);
  EXPECT_EQ(plan.households_upper, 2);
  EXPECT_EQ(plan.extra_places_needed, 4) << "the household of four needs four more places";
  EXPECT_TRUE(plan.extra_places_proven);
}

// Where the exact step is not given the time (a large tight region), the plan still states how
// many households more the flow's bound allows - a true bound, checked against the MIP.
TEST(PlannerPropertyTest, TheHouseholdsBoundIsNeverBelowTheOptimum) {
  std::mt19937 rng(20261203);
  int checked = 0;
  for (int round = 0; round < 40; ++round) {
    PlanInput input = TightInstance(rng);
    SCOPED_TRACE("instance " + std::to_string(round));
    PlannerOptions options;
    options.exact_budget_ms = 0.001;  // the households step runs, CBC has no time
    Plan plan = PlanRedistribution(input, options);
    ExpectValid(input, plan);
    if (!plan.exact_ran) continue;
    ExactResult exact = SolveExactMip(input, 30);
    ASSERT_TRUE(exact.optimal);
    Plan best = EvaluateAssignment(input, exact.receiver_of);
    EXPECT_LE(best.patients_placed, plan.patients_upper);
    if (best.patients_placed == plan.patients_placed) {
      EXPECT_GE(plan.households_upper, best.households_placed);
      ++checked;
    }
    // The plan says how many households more may fit exactly when it is not proven.
    const std::string all = ExplanationText(plan);
    const bool says_more = all.find("bij evenveel patiënten") != std::string::npos;
    EXPECT_EQ(says_more, !plan.placement_proven && plan.patients_upper == plan.patients_placed &&
                             plan.households_upper > plan.households_placed)
        << all;
  }
  EXPECT_GT(checked, 5);
}

// Two practices, each holding a household of two that lives next to the other practice: the
// same places filled the other way round are cheaper.
TEST(CheapestForSamePlacesTest, HouseholdsOfOneSizeSwapWhenThatIsShorter) {
  auto input = Straight(20);
  input.households = {MakeHousehold("West", East(0), 2, 0, "6211"),
                      MakeHousehold("Oost", East(10), 2, 0, "6212")};
  input.receivers = {MakeReceiver("A", East(0.5), 2), MakeReceiver("B", East(9.5), 2)};
  PlanningContext context(input);
  const std::vector<int> receiver_of{1, 0};
  EXPECT_EQ(CheapestForSamePlaces(context, receiver_of), (std::vector<int>{0, 1}));
}

// A waiting household with a vulnerable patient takes the place of one without, of the same size:
// the first level of the order rises, patients and households stay the same.
TEST(CheapestForSamePlacesTest, AWaitingVulnerableHouseholdComesFirst) {
  auto input = Straight(10);
  input.households = {MakeHousehold("Dichtbij", East(0.5), 2, 0, "6211"),
                      MakeHousehold("Kwetsbaar", East(3), 2, 1, "6212")};
  input.receivers = {MakeReceiver("A", East(0), 2)};
  PlanningContext context(input);
  const std::vector<int> receiver_of{0, -1};
  EXPECT_EQ(CheapestForSamePlaces(context, receiver_of), (std::vector<int>{-1, 0}));
}

}  // namespace
}  // namespace vangnet::solver

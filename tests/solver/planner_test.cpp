// The redistribution planner on hand-made regions where the answer is known, and on random
// instances checked against certificates: capacity, whole households, distance bound, the bound
// really being a bound (exact MIP), vulnerable first, never worse than the greedy spreadsheet.
#include "solver/planner.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <tuple>

#include "core/geo.hpp"
#include "plan_fixtures.hpp"
#include "solver/exact_mip.hpp"
#include "solver/reach.hpp"

namespace vangnet::solver {
namespace {

using namespace fixtures;

TEST(PlannerTest, WhenTheNearestPracticeHasRoomEveryoneGoesThere) {
  auto input = Straight(10);
  input.households = {MakeHousehold("H1", East(0), 2), MakeHousehold("H2", East(0), 1)};
  input.receivers = {MakeReceiver("NEAR", East(2), 10), MakeReceiver("FAR", East(6), 10)};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(plan.outcome, PlanOutcome::kAllPlaced);
  EXPECT_EQ(ReceiverOf(plan, 0), 0);
  EXPECT_EQ(ReceiverOf(plan, 1), 0);
  EXPECT_NEAR(plan.patient_km, 3 * 2.0, 0.01);
  ASSERT_TRUE(plan.gap.has_value());
  EXPECT_LT(*plan.gap, 1e-3);  // only the bound's rounding down to whole metres
  EXPECT_NE(plan.explanation.front().find("Alle 2 huishoudens (3 patiënten) hebben een plek"),
            std::string::npos)
      << plan.explanation.front();
}

// "Helpt het meest": each practice gets its own effect. With the same unplaced households in
// reach of two full practices, the nearer ranks first; a practice that alone reaches an unplaced
// vulnerable household (their reach is shorter) ranks before both.
TEST(PlannerTest, ExtraCapacityIsRankedByWhoItReachesVulnerableFirstThenDistance) {
  auto input = Straight(15, 10);
  input.households = {MakeHousehold("H1", East(0), 2), MakeHousehold("H2", East(0), 3)};
  input.receivers = {MakeReceiver("FAR", East(5), 0), MakeReceiver("NEAR", East(1), 0)};
  Plan plan = PlanRedistribution(input);
  ASSERT_EQ(plan.candidates.size(), 2u);
  EXPECT_EQ(plan.candidates[0].id, "NEAR");
  EXPECT_EQ(plan.candidates[0].unplaced_households_in_reach,
            plan.candidates[1].unplaced_households_in_reach);
  EXPECT_LT(plan.candidates[0].mean_km, plan.candidates[1].mean_km);

  // A vulnerable household 13 km west of NEAR: 9 km from a practice 4 km west, beyond NEAR's and
  // FAR's 10 km for vulnerable patients.
  input.households.push_back(MakeHousehold("H3", East(-13), 1, 1));
  input.receivers.push_back(MakeReceiver("WEST", East(-4), 0));
  plan = PlanRedistribution(input);
  ASSERT_FALSE(plan.candidates.empty());
  EXPECT_EQ(plan.candidates[0].id, "WEST");
  EXPECT_EQ(plan.candidates[0].unplaced_vulnerable_in_reach, 1);
  EXPECT_NE(ExplanationText(plan).find("helpt het meest bij Praktijk WEST"), std::string::npos)
      << ExplanationText(plan);
}

TEST(PlannerTest, AHouseholdIsNeverSplitEvenWhenSplittingWouldPlaceMorePatients) {
  auto input = Straight(10);
  input.households = {MakeHousehold("FAMILY", East(0), 4)};
  input.receivers = {MakeReceiver("A", East(1), 2), MakeReceiver("B", East(2), 2)};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(plan.outcome, PlanOutcome::kPartlyPlaced);
  EXPECT_EQ(plan.patients_placed, 0);
  EXPECT_EQ(plan.bound.patients_placeable, 4);  // the split relaxation could, so it is the bound
  EXPECT_EQ(plan.placement_gap_patients, 4);
  ASSERT_EQ(plan.unplaced.size(), 1u);
  EXPECT_EQ(plan.unplaced[0].reason, UnplacedReason::kCapacityInReachExhausted);
  EXPECT_NE(
      plan.unplaced[0].explanation.find("4 losse plaatsen, te weinig voor dit huishouden van 4"),
      std::string::npos)
      << plan.unplaced[0].explanation;
}

TEST(PlannerTest, AHouseholdWithNoPracticeInReachIsToldSoAndACandidateSiteIsRanked) {
  auto input = Straight(5);
  input.households = {MakeHousehold("H1", East(0), 1),
                      MakeHousehold("FARM", East(20), 2, 0, "6290")};
  input.receivers = {MakeReceiver("A", East(1), 10)};
  input.candidate_sites = {Receiver{"HAP", "Huisartsenpost", East(19).latitude, East(19).longitude,
                                    0, false, ReceiverKind::kOutOfHoursPost}};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  ASSERT_EQ(plan.unplaced.size(), 1u);
  EXPECT_EQ(plan.unplaced[0].household, 1);
  EXPECT_EQ(plan.unplaced[0].reason, UnplacedReason::kNoReceiverInReach);
  EXPECT_EQ(plan.extra_places_needed, 0);  // more places at A would not help: A is out of reach
  ASSERT_EQ(plan.candidates.size(), 1u);
  EXPECT_EQ(plan.candidates[0].id, "HAP");
  bool told = false;
  for (const auto& line : plan.explanation) {
    told |= line.find("postcode 6290 heeft geen praktijk binnen bereik") != std::string::npos;
  }
  EXPECT_TRUE(told);
}

TEST(PlannerTest, TheBindingPracticeIsNamedWithThePlacesThatWouldPlaceEveryone) {
  // Two postcodes; only A reaches the west one, A and B the east one. A is full, B is not.
  auto input = Straight(5);
  for (int i = 0; i < 6; ++i)
    input.households.push_back(MakeHousehold("W" + std::to_string(i), East(-3), 1, 0, "6211"));
  for (int i = 0; i < 2; ++i)
    input.households.push_back(MakeHousehold("E" + std::to_string(i), East(1), 1, 0, "6212"));
  input.receivers = {MakeReceiver("A", East(0), 4), MakeReceiver("B", East(4), 10)};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(plan.patients_placed, 6);  // 4 west at A, 2 east at B
  EXPECT_EQ(plan.bound.patients_placeable, 6);
  EXPECT_TRUE(plan.receivers[0].binding);
  EXPECT_TRUE(plan.receivers[0].saturated);
  EXPECT_FALSE(plan.receivers[1].binding);
  EXPECT_EQ(plan.extra_places_needed, 2);
  bool named = false;
  for (const auto& line : plan.explanation) {
    named |= line.find("Bepalend is de capaciteit van Praktijk A.") != std::string::npos &&
             line.find("Met 2 extra plaatsen") != std::string::npos;
  }
  EXPECT_TRUE(named) << plan.explanation[2];
}

TEST(PlannerTest, VulnerablePatientsArePlacedFirstAndWithinTheirTighterBound) {
  auto input = Straight(10, 3);
  input.households = {MakeHousehold("BIG", East(0), 5), MakeHousehold("FRAIL", East(0), 1, 1)};
  input.receivers = {MakeReceiver("NEAR", East(2), 5), MakeReceiver("MID", East(5), 4)};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(ReceiverOf(plan, 1), 0) << "only NEAR is within 3 km for the frail patient";
  EXPECT_EQ(ReceiverOf(plan, 0), -1) << "the family of five no longer fits anywhere";
  EXPECT_EQ(plan.vulnerable_placed, 1);
}

TEST(PlannerTest, AContractPartnerIsPreferredWithinItsBonus) {
  auto input = Straight(10);
  input.parameters.contract_bonus_km = 2;
  input.households = {MakeHousehold("H1", East(0), 1)};
  input.receivers = {MakeReceiver("NEAR", East(1), 5), MakeReceiver("PARTNER", East(2.5), 5, true)};
  EXPECT_EQ(ReceiverOf(PlanRedistribution(input), 0), 1);
  input.receivers[1] = MakeReceiver("PARTNER", East(3.5), 5, true);  // 2.5 km further: too far
  EXPECT_EQ(ReceiverOf(PlanRedistribution(input), 0), 0);
}

TEST(PlannerTest, ReplanningKeepsWhatWasAcceptedAndPlacesTheRest) {
  auto input = Straight(10);
  input.households = {MakeHousehold("H1", East(0), 2), MakeHousehold("H2", East(0), 2)};
  input.receivers = {MakeReceiver("NEAR", East(1), 2), MakeReceiver("FAR", East(5), 2)};
  input.households[0].accepted_receiver = "FAR";  // accepted before NEAR offered places
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(ReceiverOf(plan, 0), 1);
  EXPECT_EQ(ReceiverOf(plan, 1), 0);
  EXPECT_TRUE(std::any_of(plan.assignments.begin(), plan.assignments.end(),
                          [](const Assignment& a) { return a.household == 0 && a.kept; }));
}

TEST(PlannerTest, AReceiverThatDeclinedAHouseholdIsNotProposedAgain) {
  auto input = Straight(10);
  input.households = {MakeHousehold("H1", East(0), 2), MakeHousehold("H2", East(0), 2)};
  input.receivers = {MakeReceiver("NEAR", East(1), 10), MakeReceiver("FAR", East(5), 10)};
  input.households[0].declined_receivers = {"NEAR"};
  Plan plan = PlanRedistribution(input);
  ExpectValid(input, plan);
  EXPECT_EQ(ReceiverOf(plan, 0), 1);
  EXPECT_EQ(ReceiverOf(plan, 1), 0);
}

TEST(PlannerTest, NothingToPlanIsAnOutcome) {
  auto input = Straight(10);
  input.receivers = {MakeReceiver("A", East(1), 2)};
  Plan plan = PlanRedistribution(input);
  EXPECT_EQ(plan.outcome, PlanOutcome::kNothingToPlan);
  EXPECT_EQ(plan.explanation.front(), "Er zijn geen huishoudens om te plaatsen.");
}

TEST(PlannerTest, BadInputIsRefusedWithTheFieldNamed) {
  auto input = Straight(10);
  input.households = {MakeHousehold("H1", East(0), 1), MakeHousehold("H1", East(0), 0)};
  input.households[1].accepted_receiver = "GHOST";
  input.receivers = {MakeReceiver("A", East(1), -1)};
  auto status = ValidatePlanInput(input);
  ASSERT_FALSE(status.ok());
  std::string all = status.error().ToString();
  for (const auto& more : status.error().more) all += "\n" + more.ToString();
  EXPECT_NE(all.find("households[1].id"), std::string::npos) << all;
  EXPECT_NE(all.find("households[1].patients"), std::string::npos) << all;
  EXPECT_NE(all.find("households[1].accepted_receiver"), std::string::npos) << all;
  EXPECT_NE(all.find("receivers[0].capacity"), std::string::npos) << all;
}

TEST(PlannerPropertyTest, RandomRegionsKeepEveryRuleAndTheBoundIsTrue) {
  std::mt19937 rng(20261123);
  int compared_costs = 0;
  for (int round = 0; round < 60; ++round) {
    PlanInput input = RandomInstance(rng);
    SCOPED_TRACE("instance " + std::to_string(round));
    Plan plan = PlanRedistribution(input);
    ExpectValid(input, plan);

    Plan greedy = EvaluateAssignment(input, GreedyAssignment(input));
    EXPECT_GE(Order(input, plan), Order(input, greedy)) << "never worse than greedy";

    ExactResult exact = SolveExactMip(input, 20);
    ASSERT_TRUE(exact.optimal);
    Plan best = EvaluateAssignment(input, exact.receiver_of);
    ExpectValid(input, best);
    // Vulnerable first: whenever any whole-household plan places every vulnerable household, ours
    // does.
    if (best.vulnerable_households_placed == best.vulnerable_households_total) {
      EXPECT_EQ(plan.vulnerable_households_placed, plan.vulnerable_households_total);
    }
    // The bound is a bound: no whole-household plan places more, or as many for less.
    EXPECT_LE(best.patients_placed, plan.bound.patients_placeable);
    if (best.patients_placed == plan.bound.patients_placeable &&
        best.vulnerable_households_placed == plan.vulnerable_households_total) {
      EXPECT_GE(best.cost_km, plan.bound.cost_km - 1e-6);
    }
    // The reported gap is the true one: same placement, cost against the bound.
    if (plan.gap) {
      // Up to the bound's resolution (a millimetre per patient), under which the gap is 0.
      EXPECT_NEAR(*plan.gap, (plan.cost_km - plan.bound.cost_km) / plan.bound.cost_km,
                  static_cast<double>(plan.patients_placed) * 1e-6 / plan.bound.cost_km + 1e-12);
      if (best.households_placed == plan.households_placed &&
          best.patients_placed == plan.patients_placed) {
        EXPECT_GE(plan.cost_km, best.cost_km - 1e-6) << "the MIP optimum is a floor for any plan";
        ++compared_costs;
      }
    }
  }
  EXPECT_GT(compared_costs, 10);
}

TEST(PlannerPropertyTest, IdenticalInputGivesAnIdenticalPlan) {
  std::mt19937 rng(7);
  PlanInput input = RandomInstance(rng);
  Plan a = PlanRedistribution(input), b = PlanRedistribution(input);
  ASSERT_EQ(a.assignments.size(), b.assignments.size());
  for (std::size_t i = 0; i < a.assignments.size(); ++i) {
    EXPECT_EQ(a.assignments[i].household, b.assignments[i].household);
    EXPECT_EQ(a.assignments[i].receiver, b.assignments[i].receiver);
  }
  EXPECT_EQ(a.explanation, b.explanation);
}

// S7 of BENCHMARKS.md in miniature: brute force over every set of postcodes finds the largest
// shortfall (demand of the set minus the capacity of every receiver it reaches, Hall/Gale); the
// planner's max-flow bound and binding receivers must say the same.
TEST(PlannerPropertyTest, ExplanationMatchesBruteForceOnSmallInfeasibleRegions) {
  std::mt19937 rng(12);
  int infeasible = 0;
  for (int round = 0; round < 40; ++round) {
    PlanInput input = RandomInstance(rng);
    input.parameters.max_distance_vulnerable_km.reset();
    for (auto& h : input.households) {
      for (auto& p : h.patients) p.vulnerability = Vulnerability::kNone;
    }
    for (auto& r : input.receivers) r.capacity /= 3;  // make most of them short
    Plan plan = PlanRedistribution(input);
    // Postcode demand and reach.
    std::map<std::string, long long> demand;
    std::map<std::string, std::vector<int>> reach;
    for (std::size_t h = 0; h < input.households.size(); ++h) {
      const auto& hh = input.households[h];
      demand[hh.postcode] += static_cast<long long>(hh.patients.size());
      if (reach.contains(hh.postcode)) continue;
      auto& in_reach = reach[hh.postcode];
      for (std::size_t r = 0; r < input.receivers.size(); ++r) {
        if (DistanceKm(hh.latitude, hh.longitude, input.receivers[r].latitude,
                       input.receivers[r].longitude) <= input.parameters.max_distance_km) {
          in_reach.push_back(static_cast<int>(r));
        }
      }
    }
    std::vector<std::string> codes;
    for (const auto& [code, d] : demand) codes.push_back(code);
    long long total = 0;
    for (const auto& [code, d] : demand) total += d;
    long long best_shortfall = 0;
    std::size_t best_size = 0;
    std::vector<bool> best_receivers(input.receivers.size(), false);
    for (unsigned mask = 0; mask < (1u << codes.size()); ++mask) {
      long long d = 0, cap = 0;
      std::vector<bool> reached(input.receivers.size(), false);
      std::size_t size = 0;
      for (std::size_t i = 0; i < codes.size(); ++i) {
        if (!(mask >> i & 1)) continue;
        ++size;
        d += demand[codes[i]];
        for (int r : reach[codes[i]]) reached[r] = true;
      }
      for (std::size_t r = 0; r < reached.size(); ++r)
        cap += reached[r] ? input.receivers[r].capacity : 0;
      long long shortfall = d - cap;
      // The smallest set with the largest shortfall: the bottleneck nearest the closed practice.
      if (shortfall > best_shortfall ||
          (shortfall == best_shortfall && shortfall > 0 && size < best_size)) {
        best_shortfall = shortfall, best_size = size, best_receivers = reached;
      }
    }
    SCOPED_TRACE("instance " + std::to_string(round));
    EXPECT_EQ(plan.bound.patients_placeable, total - best_shortfall);
    if (best_shortfall > 0) {
      ++infeasible;
      for (std::size_t r = 0; r < input.receivers.size(); ++r) {
        EXPECT_EQ(plan.receivers[r].binding, static_cast<bool>(best_receivers[r]))
            << "receiver " << r;
      }
    }
  }
  EXPECT_GT(infeasible, 20);
}

}  // namespace
}  // namespace vangnet::solver

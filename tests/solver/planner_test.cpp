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
#include "solver/exact_mip.hpp"
#include "solver/reach.hpp"

namespace vangnet::solver {
namespace {

// A point `km_east` km east of a reference in Maastricht (straight line; detour factor 1 below).
GeoPoint East(double km_east, double km_north = 0) {
  return {50.85 + km_north / 111.2, 5.69 + km_east / (111.32 * std::cos(50.85 * 3.14159265 / 180))};
}

Household MakeHousehold(std::string id, GeoPoint at, int patients, int vulnerable = 0,
                        std::string postcode = "6211") {
  Household h{std::move(id), std::move(postcode), at.latitude, at.longitude, {}, {}, {}};
  for (int i = 0; i < patients; ++i) {
    h.patients.push_back(
        {"", i < vulnerable ? Vulnerability::kFrailElderly : Vulnerability::kNone, 1950});
  }
  return h;
}

Receiver MakeReceiver(std::string id, GeoPoint at, long long capacity, bool partner = false) {
  return {id,      "Praktijk " + id,       at.latitude, at.longitude, capacity,
          partner, ReceiverKind::kPractice};
}

PlanInput Straight(double max_km, std::optional<double> vulnerable_km = std::nullopt) {
  PlanInput input;
  input.parameters.detour_factor = 1.0;
  input.parameters.max_distance_km = max_km;
  input.parameters.max_distance_vulnerable_km = vulnerable_km;
  input.parameters.contract_bonus_km = 0;
  return input;
}

int ReceiverOf(const Plan& plan, int household) {
  for (const auto& a : plan.assignments) {
    if (a.household == household) return a.receiver;
  }
  return -1;
}

// The certificates every plan must carry.
void ExpectValid(const PlanInput& input, const Plan& plan) {
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

// The planner's order (README): patients of vulnerable households placed, patients placed,
// households placed; cost comes after.
std::tuple<long long, long long, long long> Order(const PlanInput& input, const Plan& plan) {
  long long vulnerable = 0;
  for (const auto& a : plan.assignments) {
    if (input.households[a.household].IsVulnerable())
      vulnerable += static_cast<long long>(input.households[a.household].patients.size());
  }
  return {vulnerable, plan.patients_placed, plan.households_placed};
}

// Random small regions: 3-7 postcodes, 4-6 receivers, 8-30 households of 1-6 patients.
PlanInput RandomInstance(std::mt19937& rng) {
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

// Tight regions, where whole households decide what fits: capacity 0.75-1.05 x demand, 8-40
// households. The planner's exact step must reach the exact MIP's optimum in the planner's order,
// say it proved it, and cost no more than 0.1 % above the optimum at that placement.
PlanInput TightInstance(std::mt19937& rng) {
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
  std::string all;
  for (const auto& line : plan.explanation) all += line + "\n";
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
    std::string all;
    for (const auto& line : plan.explanation) all += line + "\n";
    const bool says_more = all.find("bij evenveel patiënten") != std::string::npos;
    EXPECT_EQ(says_more, !plan.placement_proven && plan.patients_upper == plan.patients_placed &&
                             plan.households_upper > plan.households_placed)
        << all;
  }
  EXPECT_GT(checked, 5);
}

}  // namespace
}  // namespace vangnet::solver

// The resilience stress test without a database: the redistribution planner run once per failure
// scenario (one practice, a municipality, a flood zone, a power cut area, any set of practices),
// with the other practices' headroom as capacity. In a future year, the practices that have lost
// every holder without a successor are closed first (the base state); their patients take up
// room at the neighbours before any scenario is tried. Scenarios are independent and run in
// parallel (BENCHMARKS.md: parallelise across scenarios, not inside one solve).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/postcode_table.hpp"
#include "solver/plan_input.hpp"

namespace vangnet {

struct StressPractice {
  std::string agb;
  std::string name;
  std::string place;
  std::string municipality;  // from the postcode table; empty when the postcode is unknown
  std::string postcode;      // PC4
  double latitude = 0;
  double longitude = 0;
  long long patients = 0;  // registered list size
  double gp_fte = 0;
  long long capacity = 0;       // places at the norm (headroom); 0 under a patient stop
  std::vector<int> partners;    // indices of its continuity-contract partners
  bool closed_in_base = false;  // closed before any scenario (no successor by the chosen year)
};

// One failure: these practices close together.
struct StressScenario {
  std::string id;           // "practice:AGB", "municipality:NAME", "zone:ID", "postcodes:...", ...
  std::string kind;         // practice, municipality, flood_zone, power_cut, postcodes, practices
  std::string name;         // Dutch, for the table
  std::vector<int> closed;  // practice indices
};

struct StressOptions {
  solver::PlanParameters parameters;
  double signal_patients_per_fte = 4000;    // seed 004 §4.2.1: continuity at risk above this
  double capacity_patients_per_fte = 2095;  // what practice capacity was computed up to
  int threads = 1;                          // 0 = one per core
  int current_year = 2026;                  // for the synthetic patients' birth years
  double household_radius_km = 6;  // synthetic households live within this of their practice
  // Receivers are the practices near the closed ones (found once for the whole run); false
  // offers every open practice, as running the planner from scratch would (the benchmark's
  // baseline).
  bool reuse_neighbourhoods = true;
};

// A practice that took patients, or would have: after the scenario's absorption.
struct ReceiverOutcome {
  int practice = 0;
  long long capacity = 0;  // places it had in this scenario (after the base state)
  long long absorbed = 0;
  bool binding = false;    // on the minimum cut: more places here would place more patients
  bool saturated = false;  // full for the unplaced households in reach
  std::optional<double> patients_per_fte_after;  // base and scenario patients included
};

struct ScenarioOutcome {
  long long patients = 0, placed = 0;
  long long placeable_bound = 0;  // max flow: even split households could not place more
  long long vulnerable_patients = 0, vulnerable_placed = 0;
  int households = 0, households_placed = 0;
  int households_out_of_reach = 0;  // no open practice within the distance bound at all
  long long patients_out_of_reach = 0;
  long long extra_places_needed = 0;  // at binding practices, to place all who have one in reach
  double mean_km = 0, max_km = 0;     // of the placed patients
  std::vector<ReceiverOutcome> receivers;  // absorbing, binding or saturated; most absorbed first
  int receivers_above_signal = 0;          // absorbing practices then above the 4,000 signal
  std::optional<double> max_patients_per_fte_after;
  std::vector<std::string> explanation;  // the planner's Dutch sentences

  long long unplaced() const { return patients - placed; }
  double share_placed() const {
    return patients > 0 ? static_cast<double>(placed) / static_cast<double>(patients) : 1.0;
  }
};

struct StressRun {
  std::optional<ScenarioOutcome> base;    // the base-state closures, when there are any
  std::vector<long long> base_absorbed;   // per practice: patients taken in the base state
  std::vector<ScenarioOutcome> outcomes;  // per scenario, in scenario order
  double seconds = 0;
  int threads_used = 1;
};

// Runs the base state (the practices marked closed_in_base, together) and then every scenario
// on what is left. Deterministic: the same input gives the same output on any thread count.
StressRun RunStress(const std::vector<StressPractice>& practices,
                    const std::vector<StressScenario>& scenarios, const StressOptions& options,
                    const PostcodeTable& postcodes);

// One scenario per practice that is open in the base state: the N-1 list.
std::vector<StressScenario> SinglePracticeScenarios(const std::vector<StressPractice>& practices);

// The region's weakest points in Dutch sentences, most important first. `scenarios` and
// `run.outcomes` correspond; N-1 scenarios have kind "practice".
std::vector<std::string> DescribeWeakPoints(const std::vector<StressPractice>& practices,
                                            const std::vector<StressScenario>& scenarios,
                                            const StressRun& run, const StressOptions& options,
                                            std::optional<int> future_year);

// Scenario indices in ranking order: least absorbable first (share placed, then unplaced
// patients, then the highest load after absorption).
std::vector<int> RankScenarios(const StressRun& run, const std::vector<int>& which);

}  // namespace vangnet

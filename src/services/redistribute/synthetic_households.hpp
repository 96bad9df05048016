// Synthetic households for a practice's list, where no patient list exists: the demo's patient
// lists, the benchmarks' instances, and the stress test's closed practices. Never real people.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/postcode_table.hpp"
#include "solver/plan_input.hpp"

namespace vangnet {

struct SyntheticListOptions {
  std::string practice_agb;  // patient numbers and household keys start with it
  double latitude = 0;       // the practice
  double longitude = 0;
  long long patients = 0;  // list size
  std::uint64_t seed = 1;
  int current_year = 2026;
  double radius_km = 6;  // households live in address postcodes within this straight distance
};

// Households of 1-6 patients (mean about 2.1, BENCHMARKS.md), in address postcodes near the
// practice (nearer ones more likely), with birth years of a Dutch age pyramid and vulnerability
// classes rising with age (seed 000 §6 Scenario 1 names the classes). Deterministic per seed.
std::vector<solver::Household> SynthesiseHouseholds(const SyntheticListOptions& options,
                                                    const PostcodeTable& postcodes);

}  // namespace vangnet

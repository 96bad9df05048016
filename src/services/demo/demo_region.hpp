// A synthetic but believable Maastricht-Heuvelland: the demo region and the test fixture.
//
// Calibrated on DOMAIN.md ("Numbers for calibration"): six municipalities and their population
// as registered patients, about 58 practices of which 25 solo, GP ages that make a succession
// problem, continuity contracts mostly within the wijk. Every name is obviously fictional.
// The same seed and day always give the same region.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/registry.hpp"

namespace vangnet {

struct DemoRegionOptions {
  std::uint64_t seed = 20251127;  // the regional plan's approval date (seed 000)
  // Ages and review dates are relative to this day, so the demo stays current.
  std::chrono::year_month_day today{std::chrono::year{2026}, std::chrono::November,
                                    std::chrono::day{23}};
  // The whole country instead of the demo region (demo_geography.hpp: NationalMunicipalities),
  // for sizing and benchmarks: same kinds of records and planted situations, 4,874 practices.
  bool national = false;
};

RegistryRecords BuildDemoRegion(const DemoRegionOptions& options);

}  // namespace vangnet

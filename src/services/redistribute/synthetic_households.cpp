#include "services/redistribute/synthetic_households.hpp"

#include <algorithm>
#include <cmath>

#include "services/demo/demo_random.hpp"

namespace vangnet {

namespace {

// Household sizes 1..6 with a mean of about 2.1 (CBS: many one- and two-person households).
constexpr double kSizeShare[] = {0.40, 0.33, 0.11, 0.10, 0.04, 0.02};

int DrawSize(DemoRandom& random) {
  double u = random.Unit();
  for (int i = 0; i < 6; ++i) {
    if ((u -= kSizeShare[i]) < 0) return i + 1;
  }
  return 1;
}

// Age of a household member: the first adult by the size of the household, children after.
int DrawAge(DemoRandom& random, int size, int member) {
  if (member >= 2 || (size >= 3 && member >= 1 && random.Chance(0.3))) return random.Between(0, 20);
  if (size == 1) return random.Chance(0.45) ? random.Between(65, 97) : random.Between(19, 64);
  if (size == 2) return random.Chance(0.40) ? random.Between(65, 92) : random.Between(22, 64);
  return random.Between(28, 55);
}

solver::Vulnerability DrawVulnerability(DemoRandom& random, int age) {
  if (age >= 75 && random.Chance(0.22)) return solver::Vulnerability::kFrailElderly;
  if (random.Chance(age >= 60 ? 0.012 : 0.002)) return solver::Vulnerability::kDeviceDependent;
  if (random.Chance(age >= 70 ? 0.008 : 0.0005)) return solver::Vulnerability::kPalliative;
  return solver::Vulnerability::kNone;
}

}  // namespace

std::vector<solver::Household> SynthesiseHouseholds(const SyntheticListOptions& options,
                                                    const PostcodeTable& postcodes) {
  DemoRandom random(options.seed);
  // Address postcodes nearby, weighted so that the practice's own neighbourhood dominates.
  std::vector<const PostcodeArea*> areas;
  std::vector<double> weights;
  for (std::size_t i = 0; i < postcodes.size(); ++i) {
    const auto& area = postcodes.At(i);
    if (!area.is_address_area) continue;
    double km = DistanceKm(options.latitude, options.longitude, area.latitude, area.longitude);
    if (km > options.radius_km) continue;
    areas.push_back(&area);
    weights.push_back(1.0 / ((0.7 + km) * (0.7 + km)));
  }
  double total_weight = 0;
  for (double w : weights) total_weight += w;

  std::vector<solver::Household> households;
  long long made = 0;
  int number = 0;
  while (made < options.patients) {
    solver::Household h;
    h.id = options.practice_agb + "-H" + std::to_string(++number);
    if (areas.empty()) {
      h.latitude = options.latitude;
      h.longitude = options.longitude;
    } else {
      double u = random.Unit() * total_weight;
      std::size_t pick = 0;
      while (pick + 1 < areas.size() && (u -= weights[pick]) >= 0) ++pick;
      h.postcode = areas[pick]->postcode;
      h.latitude = areas[pick]->latitude;
      h.longitude = areas[pick]->longitude;
    }
    int size = static_cast<int>(std::min<long long>(DrawSize(random), options.patients - made));
    for (int m = 0; m < size; ++m) {
      int age = DrawAge(random, size, m);
      h.patients.push_back({options.practice_agb + "-P" + std::to_string(made + m + 1),
                            DrawVulnerability(random, age), options.current_year - age});
    }
    made += size;
    households.push_back(std::move(h));
  }
  return households;
}

}  // namespace vangnet

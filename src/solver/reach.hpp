// Which receivers are within the distance bound of a point: a grid filter first, so that national
// instances (thousands of postcodes x thousands of practices) never compute every pair.
#pragma once

#include <vector>

#include "solver/plan_input.hpp"

namespace vangnet::solver {

struct GeoPoint {
  double latitude = 0;
  double longitude = 0;
};

struct ReachArc {
  int receiver = 0;
  double distance_km = 0;  // estimated road distance: great-circle x detour factor
};

// For each point, the receivers whose estimated road distance is at most `bound_km`, nearest
// first (ties by receiver index, so plans are identical across runs).
std::vector<std::vector<ReachArc>> ReceiversInReach(const std::vector<GeoPoint>& points,
                                                    const std::vector<GeoPoint>& receivers,
                                                    double detour_factor, double bound_km);

}  // namespace vangnet::solver

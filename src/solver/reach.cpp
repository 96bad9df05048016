#include "solver/reach.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/geo.hpp"

namespace vangnet::solver {

std::vector<std::vector<ReachArc>> ReceiversInReach(const std::vector<GeoPoint>& points,
                                                    const std::vector<GeoPoint>& receivers,
                                                    double detour_factor, double bound_km) {
  std::vector<std::vector<ReachArc>> reach(points.size());
  if (receivers.empty() || bound_km < 0) return reach;
  // Cells as large as the straight-line bound: every receiver in reach lies in the 3x3 cells
  // around the point. A degree of longitude is shortest at the highest latitude present, so the
  // cell width taken there is wide enough everywhere.
  double straight_km = bound_km / std::max(detour_factor, 1e-9);
  double max_abs_lat = 0;
  for (const auto& p : points) max_abs_lat = std::max(max_abs_lat, std::abs(p.latitude));
  for (const auto& r : receivers) max_abs_lat = std::max(max_abs_lat, std::abs(r.latitude));
  constexpr double kKmPerDegreeLat = 110.5;  // the shortest a degree of latitude gets
  double cell_lat = std::max(straight_km / kKmPerDegreeLat, 1e-6);
  double cos_lat =
      std::max(std::cos(std::min(max_abs_lat, 89.0) * 3.14159265358979323846 / 180), 1e-3);
  double cell_lon = std::max(straight_km / (111.32 * cos_lat), 1e-6);
  auto cell_of = [&](const GeoPoint& p) {
    return std::pair<long long, long long>{
        static_cast<long long>(std::floor(p.latitude / cell_lat)),
        static_cast<long long>(std::floor(p.longitude / cell_lon))};
  };
  auto key = [](long long a, long long b) { return (a << 32) ^ (b & 0xffffffffLL); };
  std::unordered_map<long long, std::vector<int>> grid;
  for (int r = 0; r < static_cast<int>(receivers.size()); ++r) {
    auto [a, b] = cell_of(receivers[r]);
    grid[key(a, b)].push_back(r);
  }
  for (std::size_t i = 0; i < points.size(); ++i) {
    auto [a, b] = cell_of(points[i]);
    auto& arcs = reach[i];
    for (long long da = -1; da <= 1; ++da) {
      for (long long db = -1; db <= 1; ++db) {
        auto cell = grid.find(key(a + da, b + db));
        if (cell == grid.end()) continue;
        for (int r : cell->second) {
          double km = detour_factor * DistanceKm(points[i].latitude, points[i].longitude,
                                                 receivers[r].latitude, receivers[r].longitude);
          if (km <= bound_km) arcs.push_back({r, km});
        }
      }
    }
    std::sort(arcs.begin(), arcs.end(), [](const ReachArc& x, const ReachArc& y) {
      return x.distance_km != y.distance_km ? x.distance_km < y.distance_km
                                            : x.receiver < y.receiver;
    });
  }
  return reach;
}

}  // namespace vangnet::solver

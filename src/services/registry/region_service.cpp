#include "services/registry/region_service.hpp"

#include <algorithm>

#include "core/registry.hpp"

namespace vangnet {

Result<RegionSummary> RegionService::Summary(const Caller& caller) {
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  return SummariseRegion(*uow.value(), store_.clock().Today());
}

Result<std::vector<PostcodeArea>> RegionService::PostcodeAreas(const Caller& caller) {
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  for (const auto& p : uow.value()->Table<Practice>().List()) {
    if (!p.latitude) continue;
    min_lat = std::min(min_lat, *p.latitude);
    max_lat = std::max(max_lat, *p.latitude);
    min_lon = std::min(min_lon, *p.longitude);
    max_lon = std::max(max_lon, *p.longitude);
  }
  constexpr double kMargin = 0.05;  // about 5 km around the outermost practices
  std::vector<PostcodeArea> areas;
  const auto& table = PostcodeTable::Embedded();
  for (std::size_t i = 0; i < table.size(); ++i) {
    const PostcodeArea& a = table.At(i);
    if (!a.is_address_area || a.latitude < min_lat - kMargin || a.latitude > max_lat + kMargin ||
        a.longitude < min_lon - kMargin || a.longitude > max_lon + kMargin) {
      continue;
    }
    areas.push_back(a);
  }
  return areas;
}

}  // namespace vangnet

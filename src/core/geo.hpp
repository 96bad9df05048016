// Distances on the map: great-circle between two points given in WGS84 degrees.
#pragma once

namespace vangnet {

// Great-circle distance in kilometres (haversine, mean Earth radius).
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

}  // namespace vangnet

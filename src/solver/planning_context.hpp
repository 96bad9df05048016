// Internal to the planner: the input indexed for planning (postcode locations, receivers in reach
// per class, household sizes) and the transport problem over any subset of households.
#pragma once

#include <vector>

#include "solver/plan_input.hpp"
#include "solver/reach.hpp"
#include "solver/transport_flow.hpp"

namespace vangnet::solver {

struct PlanningContext {
  explicit PlanningContext(const PlanInput& input);

  const PlanInput& input;
  std::vector<GeoPoint> locations;          // distinct household points (postcode centroids)
  std::vector<int> location_of;             // per household
  std::vector<int> households_by_location;  // household indices, grouped by location
  std::vector<int>
      location_start;            // per location: its first index in the above; one more at the end
  std::vector<long long> size;   // patients per household
  std::vector<bool> vulnerable;  // per household
  std::vector<long long> vulnerable_patients;  // per household: its vulnerable patients
  std::vector<int> kept_receiver;              // per household: accepted receiver index, or -1
  std::vector<std::vector<ReachArc>> reach;    // per location, general bound
  std::vector<std::vector<ReachArc>> reach_vulnerable;  // per location, the tighter bound
  long long bonus_m = 0;

  // Receivers in reach of a household under the bound of its class, nearest first.
  const std::vector<ReachArc>& ReachOf(int household) const {
    if (own_reach[household] >= 0) return declined_reach[own_reach[household]];
    return vulnerable[household] ? reach_vulnerable[location_of[household]]
                                 : reach[location_of[household]];
  }
  // Households that declined receivers get their own reach list without them.
  std::vector<int> own_reach;  // per household: index into declined_reach, or -1
  std::vector<std::vector<ReachArc>> declined_reach;
  // Estimated road distance from a household to a receiver (great-circle x detour factor).
  double DistanceKmTo(int household, int receiver) const;
  // The same for every placed household of an assignment at once (0 for unplaced ones): one
  // pass over each location's reach list instead of a search per household.
  std::vector<double> DistancesKm(const std::vector<int>& receiver_of) const;
  // Cost per patient: the distance, a contract partner counted nearer. The flow works in whole
  // millimetres, rounded down so that its optimum stays a true lower bound; rounding to metres
  // left even an optimal plan a visible gap of up to 0.08 %.
  long long CostMillimetres(const ReachArc& arc) const;
  double ExactCostMetres(const ReachArc& arc) const;
  static constexpr double kCostUnitsPerKm = 1e6;
  double VulnerableBoundKm() const;
};

// The transport problem over `households`, grouped by location and class.
struct GroupedProblem {
  TransportProblem problem;
  std::vector<std::vector<int>> members;  // per group: household indices
  std::vector<bool> group_vulnerable;
};

// `capacity` is the places left per receiver. Vulnerable patients cost far more to leave unplaced
// than others, and any patient far more than any detour, so the flow places vulnerable patients
// first, then as many as possible, then minimises distance.
GroupedProblem BuildGroupedProblem(const PlanningContext& context,
                                   const std::vector<int>& households,
                                   const std::vector<long long>& capacity);

// Households that are interchangeable for a whole-household plan: same reach list (location and
// class, or their own list after declines), same vulnerability, same size. Kept households and
// those with no receiver in reach are in no class.
struct HouseholdClass {
  const std::vector<ReachArc>* reach = nullptr;
  bool vulnerable = false;
  long long size = 0;
  std::vector<int> members;
  int first_column = 0;  // index of its first arc among all classes' arcs, in class order
};
struct HouseholdClasses {
  std::vector<HouseholdClass> classes;
  int arcs = 0;                 // total arcs over the classes
  std::vector<long long> left;  // capacity per receiver after the kept households, at least 0
};
HouseholdClasses BuildHouseholdClasses(const PlanningContext& context);

// The first round's flow: the relaxation where households may split.
struct Relaxation {
  TransportFlow flow;
  GroupedProblem grouped;
};

}  // namespace vangnet::solver

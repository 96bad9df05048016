// The thin adapter around LEMON: the planner's transport problem (demand groups -> receivers) as
// a min-cost flow and a max flow. LEMON's graph and map types stay inside transport_flow.cpp.
#pragma once

#include <vector>

namespace vangnet::solver {

struct TransportArc {
  int group = 0;
  int receiver = 0;
  long long cost = 0;  // per patient, in the caller's unit (the planner's: millimetres); may be < 0
};

// Patients of a demand group may go to any receiver an arc leads to, or stay unplaced at
// `group_penalty` per patient. All numbers are 64-bit: patient-metres overflow 32 bits nationally.
struct TransportProblem {
  std::vector<long long> group_supply;       // patients per group
  std::vector<long long> group_penalty;      // cost per unplaced patient of the group
  std::vector<long long> receiver_capacity;  // places per receiver
  std::vector<TransportArc> arcs;
};

// NetworkSimplex is LEMON's fastest engine on sparse transport problems of this size (its own
// benchmarks and ours, bench/planner_bench); CapacityScaling is kept to compare against.
// CostScaling is not offered: Debian's LEMON 1.3.1 does not compile it under C++20.
enum class FlowEngine { kNetworkSimplex, kCapacityScaling };

struct TransportFlow {
  std::vector<long long> arc_flow;  // per arc of the problem, in patients
  long long arc_cost = 0;           // sum of flow x cost over the arcs (penalties left out)
  long long placed = 0;             // patients sent to receivers
};

// Min-cost flow: minimises arc cost plus penalties. Always feasible (unplaced is allowed).
TransportFlow SolveMinCostTransport(const TransportProblem& problem, FlowEngine engine);

struct MaxFlowCut {
  long long flow = 0;  // patients placeable when households may split
  // The minimum cut closest to the source: a group on the source side cannot have all its
  // patients placed; a receiver on the source side is full and binding.
  std::vector<bool> group_on_source_side;
  std::vector<bool> receiver_on_source_side;
};

// Max flow with LEMON's Preflow; groups with `include[g] == false` are left out (empty = all).
MaxFlowCut SolveMaxFlow(const TransportProblem& problem, const std::vector<bool>& include = {});

// The same cut, read from a solved min-cost flow's residual network without solving again. The
// problem's penalties make its placed flow a maximum flow (BuildGroupedProblem), and every
// maximum flow leaves the same nodes reachable from the source, so this is SolveMaxFlow's cut.
MaxFlowCut CutOfSolvedFlow(const TransportProblem& problem, const TransportFlow& flow);

}  // namespace vangnet::solver

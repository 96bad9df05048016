#include "solver/transport_flow.hpp"

#include <lemon/capacity_scaling.h>
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>

#include <cassert>
#include <deque>
#include <numeric>

namespace vangnet::solver {

namespace {

using Graph = lemon::SmartDigraph;
using Number = long long;

// Nodes: one per group, one per receiver, and the sink. Arcs in the problem's order come first, so
// arc i of the problem is arc i of the graph; then receiver -> sink and group -> sink (unplaced).
struct FlowGraph {
  Graph graph;
  Graph::ArcMap<Number> upper{graph};
  Graph::ArcMap<Number> cost{graph};
  Graph::NodeMap<Number> supply{graph};
  std::vector<Graph::Arc> arcs;
  Graph::Node sink;
};

void Build(const TransportProblem& problem, FlowGraph& fg) {
  std::size_t groups = problem.group_supply.size(), receivers = problem.receiver_capacity.size();
  fg.graph.reserveNode(static_cast<int>(groups + receivers + 1));
  fg.graph.reserveArc(static_cast<int>(problem.arcs.size() + receivers + groups));
  std::vector<Graph::Node> group_node(groups), receiver_node(receivers);
  for (auto& n : group_node) n = fg.graph.addNode();
  for (auto& n : receiver_node) n = fg.graph.addNode();
  fg.sink = fg.graph.addNode();
  Number total = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    fg.supply[group_node[g]] = problem.group_supply[g];
    total += problem.group_supply[g];
  }
  for (std::size_t r = 0; r < receivers; ++r) fg.supply[receiver_node[r]] = 0;
  fg.supply[fg.sink] = -total;
  fg.arcs.reserve(problem.arcs.size());
  for (const auto& a : problem.arcs) {
    auto arc = fg.graph.addArc(group_node[a.group], receiver_node[a.receiver]);
    fg.upper[arc] = problem.group_supply[a.group];
    fg.cost[arc] = a.cost;
    fg.arcs.push_back(arc);
  }
  for (std::size_t r = 0; r < receivers; ++r) {
    auto arc = fg.graph.addArc(receiver_node[r], fg.sink);
    fg.upper[arc] = problem.receiver_capacity[r];
    fg.cost[arc] = 0;
  }
  for (std::size_t g = 0; g < groups; ++g) {
    auto arc = fg.graph.addArc(group_node[g], fg.sink);
    fg.upper[arc] = problem.group_supply[g];
    fg.cost[arc] = problem.group_penalty[g];
  }
}

template <class Engine>
TransportFlow Solve(const TransportProblem& problem, FlowGraph& fg) {
  Engine engine(fg.graph);
  engine.upperMap(fg.upper).costMap(fg.cost).supplyMap(fg.supply);
  [[maybe_unused]] auto type = engine.run();
  // The unplaced arcs make every instance feasible and all capacities are finite.
  assert(type == Engine::OPTIMAL);
  TransportFlow result;
  result.arc_flow.resize(problem.arcs.size());
  for (std::size_t i = 0; i < problem.arcs.size(); ++i) {
    Number f = engine.flow(fg.arcs[i]);
    result.arc_flow[i] = f;
    result.arc_cost += f * problem.arcs[i].cost;
    result.placed += f;
  }
  return result;
}

}  // namespace

TransportFlow SolveMinCostTransport(const TransportProblem& problem, FlowEngine engine) {
  FlowGraph fg;
  Build(problem, fg);
  if (engine == FlowEngine::kCapacityScaling) {
    return Solve<lemon::CapacityScaling<Graph, Number, Number>>(problem, fg);
  }
  return Solve<lemon::NetworkSimplex<Graph, Number, Number>>(problem, fg);
}

MaxFlowCut SolveMaxFlow(const TransportProblem& problem, const std::vector<bool>& include) {
  std::size_t groups = problem.group_supply.size(), receivers = problem.receiver_capacity.size();
  auto included = [&](std::size_t g) { return include.empty() || include[g]; };
  Graph graph;
  Graph::ArcMap<Number> capacity(graph);
  std::vector<Graph::Node> group_node(groups), receiver_node(receivers);
  Graph::Node source = graph.addNode(), sink = graph.addNode();
  for (auto& n : group_node) n = graph.addNode();
  for (auto& n : receiver_node) n = graph.addNode();
  Number infinite =
      std::accumulate(problem.group_supply.begin(), problem.group_supply.end(), Number{0}) + 1;
  for (std::size_t g = 0; g < groups; ++g) {
    if (included(g)) capacity[graph.addArc(source, group_node[g])] = problem.group_supply[g];
  }
  for (const auto& a : problem.arcs) {
    if (included(a.group)) {
      capacity[graph.addArc(group_node[a.group], receiver_node[a.receiver])] = infinite;
    }
  }
  for (std::size_t r = 0; r < receivers; ++r) {
    capacity[graph.addArc(receiver_node[r], sink)] = problem.receiver_capacity[r];
  }
  lemon::Preflow<Graph, Graph::ArcMap<Number>> preflow(graph, capacity, source, sink);
  preflow.run();

  // LEMON's minCut() gives the cut nearest the sink; the explanation wants the one nearest the
  // source (only the groups that really cannot be placed), so search the residual graph.
  Graph::NodeMap<bool> reached(graph, false);
  std::deque<Graph::Node> queue{source};
  reached[source] = true;
  while (!queue.empty()) {
    Graph::Node n = queue.front();
    queue.pop_front();
    for (Graph::OutArcIt a(graph, n); a != lemon::INVALID; ++a) {
      Graph::Node m = graph.target(a);
      if (!reached[m] && preflow.flow(a) < capacity[a]) reached[m] = true, queue.push_back(m);
    }
    for (Graph::InArcIt a(graph, n); a != lemon::INVALID; ++a) {
      Graph::Node m = graph.source(a);
      if (!reached[m] && preflow.flow(a) > 0) reached[m] = true, queue.push_back(m);
    }
  }
  MaxFlowCut cut;
  cut.flow = preflow.flowValue();
  cut.group_on_source_side.resize(groups);
  cut.receiver_on_source_side.resize(receivers);
  for (std::size_t g = 0; g < groups; ++g) cut.group_on_source_side[g] = reached[group_node[g]];
  for (std::size_t r = 0; r < receivers; ++r) {
    cut.receiver_on_source_side[r] = reached[receiver_node[r]];
  }
  return cut;
}

MaxFlowCut CutOfSolvedFlow(const TransportProblem& problem, const TransportFlow& flow) {
  const std::size_t groups = problem.group_supply.size();
  const std::size_t receivers = problem.receiver_capacity.size();
  std::vector<long long> unplaced = problem.group_supply;
  std::vector<std::vector<int>> arcs_of_group(groups), arcs_of_receiver(receivers);
  for (std::size_t i = 0; i < problem.arcs.size(); ++i) {
    const auto& a = problem.arcs[i];
    unplaced[a.group] -= flow.arc_flow[i];
    arcs_of_group[a.group].push_back(static_cast<int>(i));
    arcs_of_receiver[a.receiver].push_back(static_cast<int>(i));
  }
  MaxFlowCut cut;
  cut.flow = flow.placed;
  cut.group_on_source_side.assign(groups, false);
  cut.receiver_on_source_side.assign(receivers, false);
  // Residual arcs: source -> group with patients left over; group -> receiver always (its
  // capacity is unbounded in the max-flow network); receiver -> group where flow runs.
  std::vector<int> queue;  // groups reached, in order
  for (std::size_t g = 0; g < groups; ++g) {
    if (unplaced[g] > 0) cut.group_on_source_side[g] = true, queue.push_back(static_cast<int>(g));
  }
  for (std::size_t next = 0; next < queue.size(); ++next) {
    for (int i : arcs_of_group[queue[next]]) {
      const int r = problem.arcs[i].receiver;
      if (cut.receiver_on_source_side[r]) continue;
      cut.receiver_on_source_side[r] = true;
      for (int j : arcs_of_receiver[r]) {
        const int g = problem.arcs[j].group;
        if (flow.arc_flow[j] > 0 && !cut.group_on_source_side[g]) {
          cut.group_on_source_side[g] = true;
          queue.push_back(g);
        }
      }
    }
  }
  return cut;
}

}  // namespace vangnet::solver

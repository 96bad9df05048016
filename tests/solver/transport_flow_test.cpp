// The planner reads its bounds and its cut from the solved min-cost flow instead of solving max
// flows again. These tests hold that shortcut to LEMON's Preflow on random transport problems.
#include "solver/transport_flow.hpp"

#include <gtest/gtest.h>

#include <random>

namespace vangnet::solver {
namespace {

// Random groups and receivers with BuildGroupedProblem's penalties: any patient outweighs any
// detour, a patient of a vulnerable group outweighs any other patient.
TransportProblem RandomProblem(std::mt19937& rng, std::vector<bool>& vulnerable) {
  TransportProblem problem;
  const int groups = std::uniform_int_distribution<int>(1, 12)(rng);
  const int receivers = std::uniform_int_distribution<int>(1, 8)(rng);
  vulnerable.clear();
  long long supply = 0;
  for (int g = 0; g < groups; ++g) {
    problem.group_supply.push_back(std::uniform_int_distribution<long long>(1, 30)(rng));
    supply += problem.group_supply.back();
    vulnerable.push_back(std::bernoulli_distribution(0.3)(rng));
  }
  for (int r = 0; r < receivers; ++r) {
    problem.receiver_capacity.push_back(
        std::uniform_int_distribution<long long>(0, supply / receivers + 5)(rng));
  }
  const long long max_cost = 15000;
  for (int g = 0; g < groups; ++g) {
    for (int r = 0; r < receivers; ++r) {
      if (std::bernoulli_distribution(0.45)(rng)) {
        problem.arcs.push_back(
            {g, r, std::uniform_int_distribution<long long>(-2000, max_cost)(rng)});
      }
    }
  }
  const long long penalty = (max_cost + 2000 + 1) * (receivers + 2);
  for (bool v : vulnerable) problem.group_penalty.push_back(v ? 2 * penalty + 1 : penalty);
  return problem;
}

TEST(TransportFlowTest, TheCutOfTheSolvedFlowIsTheMaxFlowCut) {
  std::mt19937 rng(20261202);
  int with_shortfall = 0;
  for (int round = 0; round < 300; ++round) {
    SCOPED_TRACE("problem " + std::to_string(round));
    std::vector<bool> vulnerable;
    TransportProblem problem = RandomProblem(rng, vulnerable);
    for (FlowEngine engine : {FlowEngine::kNetworkSimplex, FlowEngine::kCapacityScaling}) {
      TransportFlow flow = SolveMinCostTransport(problem, engine);
      MaxFlowCut read = CutOfSolvedFlow(problem, flow);
      MaxFlowCut solved = SolveMaxFlow(problem);
      EXPECT_EQ(read.flow, solved.flow);
      EXPECT_EQ(read.group_on_source_side, solved.group_on_source_side);
      EXPECT_EQ(read.receiver_on_source_side, solved.receiver_on_source_side);
      // The vulnerable groups' share of the flow is the most they can get on their own.
      long long vulnerable_placed = 0;
      for (std::size_t i = 0; i < problem.arcs.size(); ++i) {
        if (vulnerable[problem.arcs[i].group]) vulnerable_placed += flow.arc_flow[i];
      }
      EXPECT_EQ(vulnerable_placed, SolveMaxFlow(problem, vulnerable).flow);
      long long supply = 0;
      for (long long s : problem.group_supply) supply += s;
      with_shortfall += read.flow < supply;
    }
  }
  EXPECT_GT(with_shortfall, 100) << "the test must see cuts that bind";
}

}  // namespace
}  // namespace vangnet::solver

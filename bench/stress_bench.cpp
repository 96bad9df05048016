// The resilience stress test on instances S3, S5 and S6 of ../shared/BENCHMARKS.md:
//   S3  region N-1: the demo region (58 practices, ~210,000 patients), capacity = headroom at the
//       norm, read from a SQLite store as `vangnet stress` does;
//   S5  national N-1: a synthetic Netherlands of 4,874 practices on the ~4,000 address postcodes
//       of the embedded table, 17.9 million patients, one scenario per practice;
//   S6  national, all at once: one transport problem, every address postcode's patients to its
//       25 nearest practices, solved by the same LEMON wrapper the planner uses.
// Baseline, in the same run: the planner from scratch for each failure, with every open practice
// offered as a receiver (no neighbourhood found once and reused). Prints ratios to it and to the
// targets. Peak memory is the process's, read after S3 (before the national instances) and at
// the end. Distances are between postcode centroids: distance inside a postcode is not seen.
// Usage: build/bench/stress_bench [threads=2] [s5_baseline_scenarios=200]
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <numeric>

#include "bench_support.hpp"
#include "core/geo.hpp"
#include "services/demo/demo_random.hpp"
#include "services/demo/demo_region.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/registry/record_rules.hpp"
#include "services/stress/stress_service.hpp"
#include "solver/reach.hpp"
#include "solver/transport_flow.hpp"
#include "store/store.hpp"

using namespace vangnet;

namespace {

double PeakMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

struct Summary {
  long long patients = 0, placed = 0;
  int not_full = 0;
  long long checksum = 0;  // placed patients and receivers, to compare two runs
};

Summary Summarise(const StressRun& run) {
  Summary s;
  for (const auto& o : run.outcomes) {
    s.patients += o.patients;
    s.placed += o.placed;
    s.not_full += o.unplaced() > 0;
    s.checksum = s.checksum * 31 + o.placed + static_cast<long long>(o.receivers.size());
  }
  return s;
}

void Report(const char* id, const std::vector<StressScenario>& scenarios, const StressRun& run,
            const StressRun* baseline, double target_s) {
  Summary s = Summarise(run);
  std::printf(
      "%s: %zu scenarios in %.3f s on %d threads (target %.0f s: ratio %.3f); %lld of %lld "
      "patients placeable (%.1f%%); %d scenarios not fully absorbable\n",
      id, scenarios.size(), run.seconds, run.threads_used, target_s, run.seconds / target_s,
      s.placed, s.patients, 100.0 * s.placed / std::max(1LL, s.patients), s.not_full);
  if (baseline) {
    Summary b = Summarise(*baseline);
    std::printf(
        "  from scratch (every open practice a receiver, same threads): %.3f s for %zu "
        "scenarios; reuse / scratch %.3f; same placements: %s\n",
        baseline->seconds, baseline->outcomes.size(),
        run.seconds * baseline->outcomes.size() / scenarios.size() / baseline->seconds,
        b.placed ==
                [&] {
                  long long placed = 0;
                  for (std::size_t i = 0; i < baseline->outcomes.size(); ++i)
                    placed += run.outcomes[i].placed;
                  return placed;
                }()
            ? "yes"
            : "NO");
  }
}

// S3: the demo region through the store, as `vangnet stress` reads it.
void RunS3(int threads) {
  auto dir = std::filesystem::temp_directory_path() / "vangnet-stress-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = OpenSqliteStore((dir / "bench.db").string());
  if (!store) {
    std::fprintf(stderr, "store: %s\n", store.error().ToString().c_str());
    std::exit(1);
  }
  if (auto s = SaveRegistryRecords(*store.value(), bench::kBench, BuildDemoRegion({})); !s) {
    std::fprintf(stderr, "demo: %s\n", s.error().ToString().c_str());
    std::exit(1);
  }
  auto start = std::chrono::steady_clock::now();
  auto uow = store.value()->BeginRead(bench::kBench);
  auto snapshots = ReadSnapshots(*uow.value());
  uow.value().reset();
  int left_out = 0;
  auto practices = BuildStressPractices(snapshots, MonitorSettings{}, std::nullopt, &left_out);
  double read_s = bench::Seconds(start);
  auto scenarios = SinglePracticeScenarios(practices);
  long long patients = 0;
  for (const auto& p : practices) patients += p.patients;
  std::printf("\nS3 region N-1: %zu practices, %lld patients (read from SQLite in %.3f s)\n",
              practices.size(), patients, read_s);
  StressOptions options;
  options.threads = threads;
  StressRun run;
  std::vector<double> times;
  for (int i = 0; i < 5; ++i) {
    run = RunStress(practices, scenarios, options, PostcodeTable::Embedded());
    times.push_back(run.seconds);
  }
  run.seconds = bench::Median(times);
  StressOptions scratch = options;
  scratch.reuse_neighbourhoods = false;
  StressRun baseline = RunStress(practices, scenarios, scratch, PostcodeTable::Embedded());
  Report("S3 (median of 5)", scenarios, run, &baseline, 1.0);
  StressOptions one = options;
  one.threads = 1;
  std::printf("  on one thread: %.3f s\n",
              RunStress(practices, scenarios, one, PostcodeTable::Embedded()).seconds);
  std::printf("  peak memory of the process after S3: %.1f MB (target 200 MB: ratio %.3f)\n",
              PeakMb(), PeakMb() / 200);
  std::filesystem::remove_all(dir);
}

// A synthetic Netherlands: a practice in every address postcode and the rest where practices
// are densest; list sizes 1,500-6,500 scaled to 17.9 million; GP FTE from 1,900-2,400 patients
// per FTE, so some practices have headroom at the norm and most have little.
std::vector<StressPractice> NationalRegion() {
  const auto& table = PostcodeTable::Embedded();
  std::vector<const PostcodeArea*> areas;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table.At(i).is_address_area) areas.push_back(&table.At(i));
  }
  DemoRandom random(4874);
  std::vector<StressPractice> practices;
  constexpr int kPractices = 4874;
  for (int i = 0; i < kPractices; ++i) {
    const PostcodeArea* at = i < static_cast<int>(areas.size()) ? areas[i] : random.Pick(areas);
    StressPractice p;
    p.agb = std::to_string(10000000 + i);
    p.name = "Praktijk " + p.agb;
    p.place = at->place;
    p.municipality = at->municipality;
    p.postcode = at->postcode;
    p.latitude = at->latitude + random.Between(-0.004, 0.004);
    p.longitude = at->longitude + random.Between(-0.006, 0.006);
    p.patients = random.Between(1500, 6500);
    practices.push_back(std::move(p));
  }
  long long total = 0;
  for (const auto& p : practices) total += p.patients;
  const double scale = 17.9e6 / static_cast<double>(total);
  for (auto& p : practices) {
    p.patients = std::llround(p.patients * scale);
    p.gp_fte = p.patients / random.Between(1900.0, 2400.0);
    p.capacity = std::max(0LL, static_cast<long long>(p.gp_fte * 2095) - p.patients);
  }
  // Continuity contracts: each practice with its nearest neighbour.
  std::vector<solver::GeoPoint> points;
  for (const auto& p : practices) points.push_back({p.latitude, p.longitude});
  auto near = solver::ReceiversInReach(points, points, 1.0, 10);
  for (std::size_t i = 0; i < practices.size(); ++i) {
    for (const auto& arc : near[i]) {
      if (arc.receiver == static_cast<int>(i)) continue;
      practices[i].partners.push_back(arc.receiver);
      break;
    }
  }
  return practices;
}

void RunS5(const std::vector<StressPractice>& practices, int threads, int baseline_scenarios) {
  long long patients = 0, capacity = 0;
  for (const auto& p : practices) patients += p.patients, capacity += p.capacity;
  std::printf(
      "\nS5 national N-1: %zu practices, %lld patients, %lld places of headroom at the norm\n",
      practices.size(), patients, capacity);
  auto scenarios = SinglePracticeScenarios(practices);
  StressOptions options;
  options.threads = threads;
  StressRun run = RunStress(practices, scenarios, options, PostcodeTable::Embedded());
  // From scratch on a spread sample of scenarios (all 4,874 would take many minutes).
  std::vector<StressScenario> sample;
  for (int i = 0; i < baseline_scenarios; ++i) {
    sample.push_back(scenarios[static_cast<std::size_t>(i) * scenarios.size() /
                               static_cast<std::size_t>(baseline_scenarios)]);
  }
  StressOptions scratch = options;
  scratch.reuse_neighbourhoods = false;
  StressRun baseline = RunStress(practices, sample, scratch, PostcodeTable::Embedded());
  StressRun reused = RunStress(practices, sample, options, PostcodeTable::Embedded());
  Report("S5", scenarios, run, nullptr, 60.0);
  // The max-flow bound is unique, so it must match exactly; the placement itself may differ by
  // a few patients where several plans cost the same and receivers are numbered differently.
  int bound_differs = 0, placed_differs = 0;
  long long placed_reuse = 0, placed_scratch = 0;
  for (std::size_t i = 0; i < sample.size(); ++i) {
    bound_differs += reused.outcomes[i].placeable_bound != baseline.outcomes[i].placeable_bound;
    placed_differs += reused.outcomes[i].placed != baseline.outcomes[i].placed;
    placed_reuse += reused.outcomes[i].placed;
    placed_scratch += baseline.outcomes[i].placed;
  }
  std::printf(
      "  sample of %d scenarios: reuse %.3f s, from scratch %.3f s: ratio %.3f; bound differs in "
      "%d, placement in %d (patients placed %lld vs %lld)\n",
      baseline_scenarios, reused.seconds, baseline.seconds, reused.seconds / baseline.seconds,
      bound_differs, placed_differs, placed_reuse, placed_scratch);
  double mean_receivers = 0;
  for (const auto& o : run.outcomes) mean_receivers += static_cast<double>(o.receivers.size());
  std::printf("  per scenario: %.2f ms on average; %.1f practices absorbing, full or binding\n",
              1000 * run.seconds * run.threads_used / scenarios.size(),
              mean_receivers / scenarios.size());
}

// S6: every address postcode's patients (the practices located there) to its 25 nearest
// practices; capacity = list size x 1.05. Time includes finding the arcs and building.
void RunS6(const std::vector<StressPractice>& practices) {
  auto start = std::chrono::steady_clock::now();
  std::map<std::string, int> postcode_index;
  std::vector<solver::GeoPoint> points;
  solver::TransportProblem problem;
  for (const auto& p : practices) {
    auto [it, added] = postcode_index.emplace(p.postcode, static_cast<int>(points.size()));
    if (added) {
      const auto* area = PostcodeTable::Embedded().Find(p.postcode);
      points.push_back({area->latitude, area->longitude});
      problem.group_supply.push_back(0);
    }
    problem.group_supply[it->second] += p.patients;
  }
  std::vector<solver::GeoPoint> receivers;
  for (const auto& p : practices) {
    receivers.push_back({p.latitude, p.longitude});
    problem.receiver_capacity.push_back(static_cast<long long>(p.patients * 1.05));
  }
  auto reach = solver::ReceiversInReach(points, receivers, 1.3, 40);
  long long max_cost = 1;
  for (std::size_t g = 0; g < reach.size(); ++g) {
    for (std::size_t k = 0; k < std::min<std::size_t>(25, reach[g].size()); ++k) {
      long long cost = static_cast<long long>(std::floor(reach[g][k].distance_km * 1000));
      max_cost = std::max(max_cost, cost);
      problem.arcs.push_back({static_cast<int>(g), reach[g][k].receiver, cost});
    }
  }
  const long long penalty = (max_cost + 1) * (static_cast<long long>(receivers.size()) + 2);
  problem.group_penalty.assign(points.size(), penalty);
  double build_s = bench::Seconds(start);
  auto solve_start = std::chrono::steady_clock::now();
  auto flow = solver::SolveMinCostTransport(problem, solver::FlowEngine::kNetworkSimplex);
  double solve_s = bench::Seconds(solve_start);
  auto cut_start = std::chrono::steady_clock::now();
  auto cut = solver::SolveMaxFlow(problem);
  double cut_s = bench::Seconds(cut_start);
  double total_s = bench::Seconds(start);
  long long demand = std::accumulate(problem.group_supply.begin(), problem.group_supply.end(), 0LL);
  std::printf(
      "\nS6 national transport problem: %zu postcodes x up to 25 arcs = %zu arcs, %zu receivers, "
      "%lld patients\n  build %.3f s, min-cost flow %.3f s, max flow %.3f s: total %.3f s "
      "(target 2 s: ratio %.3f); placed %lld (max flow %lld), mean %.2f km\n",
      points.size(), problem.arcs.size(), receivers.size(), demand, build_s, solve_s, cut_s,
      total_s, total_s / 2, flow.placed, cut.flow,
      flow.placed ? flow.arc_cost / 1000.0 / flow.placed : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
  const int baseline_scenarios = argc > 2 ? std::atoi(argv[2]) : 200;
  std::printf(
      "Stress-test benchmark; max 15 km (vulnerable 10 km), detour 1.3, synthetic households "
      "within 6 km of their practice.\nDistances are between postcode centroids: distance inside "
      "a postcode is not seen.\n");
  RunS3(threads);
  auto practices = NationalRegion();
  RunS5(practices, threads, baseline_scenarios);
  RunS6(practices);
  std::printf("\nPeak memory of the whole process: %.1f MB (S5 target 1 GB: ratio %.3f)\n",
              PeakMb(), PeakMb() / 1024);
  return 0;
}

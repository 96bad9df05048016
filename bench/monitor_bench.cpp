// Time to compute every continuity signal, the areas and the succession radar.
//
// 1. The demo region (58 practices) from its SQLite store, as the dashboard does it: read the
//    snapshots, then build the report. Baseline: the read alone, so the ratio says what the
//    rules add on top of getting the data.
// 2. A synthetic region of N practices (default 5,000: the demo's practices copied with new
//    AGBs, contracts pointing at copies in the same block), built in memory. Baseline: copying
//    the snapshots once, the least any pass over them costs.
// Medians of several runs. Not a test: nothing here asserts a time.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "core/date.hpp"
#include "io/norms_yaml.hpp"
#include "services/demo/demo_region.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/registry/record_rules.hpp"

namespace fs = std::filesystem;
using namespace vangnet;
using namespace vangnet::bench;

namespace {

std::string Agb(std::size_t block, const std::string& agb) {
  char text[16];
  std::snprintf(text, sizeof text, "%02zu%s", block % 100, agb.substr(2).c_str());
  return std::to_string(block / 100) + text;
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t target = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 5000;
  auto norms = LoadNorms();
  if (!norms) {
    std::fprintf(stderr, "%s\n", norms.error().ToString().c_str());
    return 1;
  }
  const auto today = WallClock().Today();

  const fs::path dir = fs::temp_directory_path() / "vangnet-monitor-bench";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto store = OpenSqliteStore((dir / "demo.db").string());
  if (!store || !SaveRegistryRecords(*store.value(), kBench, BuildDemoRegion({}))) {
    std::fprintf(stderr, "cannot build the demo store\n");
    return 1;
  }
  std::vector<PracticeSnapshot> demo;
  const double read = MedianSeconds(21, [&] {
    auto uow = store.value()->BeginRead(kBench).value();
    demo = ReadSnapshots(*uow);
  });
  std::size_t hits = 0;
  const double full = MedianSeconds(21, [&] {
    auto uow = store.value()->BeginRead(kBench).value();
    auto report = BuildMonitor(ReadSnapshots(*uow), norms.value(), today);
    hits = report.signal_counts.size();
  });
  std::printf("demo region: %zu practices, %zu signal kinds firing\n", demo.size(), hits);
  std::printf("  read snapshots (baseline)   %8.2f ms\n", read * 1e3);
  std::printf("  read + all signals + radar  %8.2f ms   ratio %.2f\n", full * 1e3, full / read);

  // The synthetic region: blocks of the demo's practices with distinct AGBs.
  std::vector<PracticeSnapshot> region;
  region.reserve(target);
  for (std::size_t block = 0; region.size() < target; ++block) {
    for (const auto& s : demo) {
      if (region.size() == target) break;
      PracticeSnapshot copy = s;
      copy.practice.agb = Agb(block, s.practice.agb);
      for (auto& c : copy.contracts) c.partner.agb = Agb(block, c.partner.agb);
      region.push_back(std::move(copy));
    }
  }
  std::vector<PracticeSnapshot> copied;
  const double copy = MedianSeconds(7, [&] { copied = region; });
  std::size_t ranked = 0;
  const double build = MedianSeconds(
      7, [&] { ranked = BuildMonitor(region, norms.value(), today).practices.size(); });
  std::printf("synthetic region: %zu practices\n", ranked);
  std::printf("  copy snapshots (baseline)   %8.2f ms\n", copy * 1e3);
  std::printf("  all signals + areas + radar %8.2f ms   ratio %.2f\n", build * 1e3, build / copy);
  fs::remove_all(dir);
  return 0;
}

// The resilience stress test over the registry: which failures the region can absorb, today or in
// a chosen year. Reads one consistent snapshot of the practices (list size, GP FTE, headroom at
// the norm, contract partners, holders' stop years), builds the scenarios from the request and
// runs the engine. The results hold no personal data: the insurer liaison may see them.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/monitor.hpp"
#include "io/stress_areas_yaml.hpp"
#include "io/table.hpp"
#include "services/registry/access_policy.hpp"
#include "services/stress/stress_engine.hpp"
#include "store/store.hpp"

namespace vangnet {

struct StressRequest {
  // A future year: practices whose holders have all stopped by then without a known successor
  // are closed first. Unset = the region as it is today.
  std::optional<int> year;
  // Area specs (see ParseAreaSpec). Empty = every practice on its own (N-1), every municipality
  // and every area of the areas file.
  std::vector<std::string> areas;
  solver::PlanParameters parameters;
  // Receivers take patients up to this many per FTE GP. Unset = the norm practice (2,095, seed
  // 004 §4.2.1); in a crisis practices stretch further, up to the 4,000 signal at most.
  std::optional<double> capacity_patients_per_fte;
  int threads = 0;  // 0 = one per core
};

struct StressReport {
  std::string date;  // the day it was computed for
  int this_year = 0;
  std::optional<int> year;
  StressOptions options;
  double norm_patients_per_fte = 2095;
  std::vector<StressPractice> practices;
  std::vector<StressScenario> scenarios;
  StressRun run;
  std::vector<int> single_ranked;  // N-1 scenarios, least absorbable first
  std::vector<int> areas_ranked;   // the other scenarios, least absorbable first
  std::vector<std::string> weak_points;
  int practices_left_out = 0;  // closed or without coordinates: not in the test
};

// The practices of the region as the stress test sees them, from one registry snapshot: open
// practices with coordinates, capacity = headroom up to `settings.norm_patients_per_fte` (0
// under a patient stop), contract partners, and closed_in_base when `year` is set and every
// holder has stopped by then without a known successor. `left_out` counts the others.
std::vector<StressPractice> BuildStressPractices(const std::vector<PracticeSnapshot>& snapshots,
                                                 const MonitorSettings& settings,
                                                 std::optional<int> year, int* left_out);

// One area spec, as typed on the command line or sent by the page:
//   municipality:NAME   every practice in that municipality (postcode table)
//   zone:ID             an area of the areas file (flood zone, power cut area)
//   postcodes:6301,6305 practices located in these PC4 postcodes
//   practices:AGB,AGB   exactly these practices
// A bad spec is an error naming the field "area" and what is wrong.
Result<StressScenario> ParseAreaSpec(const std::string& spec,
                                     const std::vector<StressPractice>& practices,
                                     const StressAreas& areas);

class StressService {
 public:
  StressService(Store& store, SignalNorms norms, StressAreas areas)
      : store_(store), norms_(std::move(norms)), areas_(std::move(areas)) {}

  // Admin, coordinator, crisis team, insurer liaison and read-only may run it; a practice user
  // may not (it compares every practice of the region). A future year reads holders' stop years
  // (derived from birth years), so that read is audited.
  Result<StressReport> Run(const Caller& caller, const StressRequest& request);

  const StressAreas& areas() const { return areas_; }

  // Computes today's usual question (every practice once, every area) so the page opens at
  // once; only for a region of up to kPrepareUpTo practices: a national registry takes minutes
  // of both cores, which a server must not spend unasked at start.
  static constexpr std::int64_t kPrepareUpTo = 300;
  Status PrepareUsual(const Caller& caller);

 private:
  // Results are kept per question (year, capacity, distance, areas) until the registry changes
  // (the audit log's last change id, which also sees other processes and servers) or the day
  // turns: the page opens at once the second time, and a server computes the usual question
  // once at start (Scheduler). A handful of questions at most; the oldest make way.
  static constexpr std::size_t kKeptResults = 16;
  std::mutex kept_mutex_;
  std::map<std::string, std::shared_ptr<const StressReport>> kept_;

  Store& store_;
  SignalNorms norms_;
  StressAreas areas_;
};

// One row per scenario, ranked: `--format csv` and the page's CSV and Excel downloads.
Table StressReportTable(const StressReport& report);
// Short Dutch verdict of one scenario: "Volledig op te vangen", "312 patiënten zonder plek; ...".
std::string StressVerdict(const StressReport& report, int scenario);

}  // namespace vangnet

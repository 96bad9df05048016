// The continuity monitor over the registry: every practice's signals with the numbers behind
// them, ranked; counts and headroom per wijk and hagro; the succession radar; monthly history.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/monitor.hpp"
#include "io/table.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

struct PracticeRisk {
  std::int64_t id = 0;
  std::string agb;
  std::string name;
  std::string place;
  std::string district_code;
  std::string gp_group_code;
  std::optional<double> latitude;
  std::optional<double> longitude;
  int patients = 0;
  double gp_fte = 0;
  std::optional<double> patients_per_fte;
  long long headroom = 0;
  bool solo = false;
  int holders_60_plus = 0;
  std::vector<SignalHit> hits;
  int score = 0;
};

struct AreaRisk {
  std::string kind;  // "district" (wijk) or "gp_group" (hagro)
  std::string code;
  std::string name;
  int practices = 0;
  int practices_with_signals = 0;
  int high_signals = 0;
  long long patients = 0;
  long long headroom = 0;  // places available at the norm
  int solo = 0;
  int holders_60_plus = 0;
};

struct MonitorReport {
  std::string date;                     // the day it was computed for
  std::vector<PracticeRisk> practices;  // highest risk first
  std::vector<AreaRisk> areas;
  std::map<std::string, int> signal_counts;  // practices per signal
  std::vector<SuccessionYear> succession;
  // Holders to talk with this year (seed 003). Empty for roles that may not see people.
  std::vector<ConversationCandidate> conversations;
  std::map<std::string, std::string> person_names;  // for the conversations
  std::vector<HistoryPoint> history;
  // What the report was built from (the database's last change and the day): two reports with
  // the same basis, seen by the same kind of role, are the same, so their JSON can be kept.
  std::string basis;
};

// The report's ranked practices and its wijk and hagro figures as two download tables.
std::vector<Table> MonitorTables(const MonitorReport& report);

// Everything the monitor needs from the registry, in one consistent read.
std::vector<PracticeSnapshot> ReadSnapshots(UnitOfWork& uow);

// The report from snapshots (pure): signals, ranking, areas, radar. `conversations` included.
MonitorReport BuildMonitor(const std::vector<PracticeSnapshot>& snapshots, const SignalNorms& norms,
                           std::chrono::year_month_day today);

// The month's measures for the history: practices per signal and region totals.
std::vector<HistoryPoint> MonthMeasures(const MonitorReport& report);

class MonitorService {
 public:
  MonitorService(Store& store, SignalNorms norms) : store_(store), norms_(std::move(norms)) {}

  // The report as this caller may see it: the insurer liaison gets no conversation list (names,
  // ages); a practice user only their own practices. Reading ages is audited.
  // With `only_agb`, just that practice and no conversation list (a practice's own page: no
  // ages read, nothing to audit).
  // The whole region's report is shared between requests on the same basis, never copied (a
  // national one is thousands of practices).
  Result<std::shared_ptr<const MonitorReport>> Report(const Caller& caller,
                                                      const std::string& only_agb = "");
  // Stores this month's snapshot unless one exists; true when stored.
  Result<bool> RecordMonth();

  const SignalNorms& norms() const { return norms_; }

 private:
  // The signals of every practice: built from the whole registry (about half a second for a
  // national one), so kept until the registry changes (the audit log's last change id, which
  // also sees imports by other processes and writes on other servers) or the day turns.
  // The monthly history is part of the basis too: recording a month is no registry change.
  struct Built {
    std::int64_t change_id = 0;
    std::chrono::year_month_day day;
    std::size_t history_months = 0;
    std::shared_ptr<const MonitorReport> with_people;     // with the conversation list
    std::shared_ptr<const MonitorReport> without_people;  // for roles that may not see people
  };
  std::shared_ptr<const Built> Signals(UnitOfWork& uow, std::chrono::year_month_day today);

  Store& store_;
  SignalNorms norms_;
  std::mutex built_mutex_;
  std::shared_ptr<const Built> built_;
};

}  // namespace vangnet

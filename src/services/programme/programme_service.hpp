// The region's long programmes over the registry (issue 22): the succession trajectories next to
// the holders the radar finds (seed 003), and the programme from solo practices to working
// together (seed 000 §2) with what each practice has arranged, the regional phases and the
// figures per year. The records themselves are registry records, kept through the registry's
// verbs (register form, import); this service reads them together for the overview pages, the
// downloads and the CLI.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/monitor.hpp"
#include "core/programme.hpp"
#include "io/table.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

// One practice on the succession list: one with a trajectory, or a holder of 60+ without one.
struct SuccessionRow {
  std::int64_t practice_id = 0;
  std::string practice_agb;
  std::string practice_name;
  std::string place;
  std::string district_code;
  int holders_60_plus = 0;
  std::optional<int> first_stop_year;  // the earliest expected stop year of a holder
  bool stop_year_assumed = false;      // from the default stop age
  std::optional<SuccessionTrajectory> trajectory;
  bool overdue = false;  // the next step's date has passed
  // Temporary takeovers (incidents) of this practice: what happens after the management period
  // is this trajectory.
  std::vector<std::pair<std::int64_t, std::string>> takeovers;  // id, number
};

struct SuccessionOverview {
  std::string date;
  std::vector<SuccessionRow> rows;  // overdue first, then by next date, then no trajectory
  int running = 0, overdue = 0, without_trajectory = 0, successor_signed = 0, done = 0;
};

struct CollaborationRow {
  std::int64_t practice_id = 0;
  std::string practice_agb;
  std::string practice_name;
  std::string district_code;
  PracticeForm form = PracticeForm::kSolo;
  // A solo practice is covered by an employed GP, a regular locum or a mutual backup.
  bool backup = false;
  std::string backup_by;  // in words: "HIDHA", "vaste waarnemer", "onderlinge waarneming"
  std::optional<PracticeCollaboration> collaboration;
};

struct ActivityRow {
  ActivityPlan plan;
  std::optional<ProgrammeActivity> record;  // nullopt: not started, planned as the seed says
  ActivityStatus status = ActivityStatus::kPlanned;
};

struct PhaseRow {
  int phase = 1;
  ActivityStatus status = ActivityStatus::kPlanned;  // done when all are done or dropped
  std::vector<std::string> owners;
};

// The regional figures at one moment: now, or the last month recorded in a year.
struct CollaborationFigures {
  std::string period;  // "2026" or, for the live figures, the date
  long long solo = 0;
  long long solo_with_backup = 0;
};

struct CollaborationOverview {
  std::string date;
  std::vector<CollaborationRow> rows;
  std::vector<ActivityRow> activities;
  std::vector<PhaseRow> phases;
  CollaborationFigures now;
  std::vector<CollaborationFigures> per_year;  // from the monitor's monthly history
  int mutual_backup = 0, his_access_shared = 0, daytime_out_of_hours = 0, neighbourhood_team = 0;
};

Table SuccessionTable(const SuccessionOverview& overview);
std::vector<Table> CollaborationTables(const CollaborationOverview& overview);

class ProgrammeService {
 public:
  ProgrammeService(Store& store, MonitorSettings settings) : store_(store), settings_(settings) {}

  // The RHO roles and the read-only role see every practice; a practice user their own; the
  // insurer liaison none (trajectories name successors and mentors). Reading is audited.
  Result<SuccessionOverview> Succession(const Caller& caller);
  // Every role that reads the registry; a practice user sees the regional programme and their
  // own practices' rows.
  Result<CollaborationOverview> Collaboration(const Caller& caller);

 private:
  Store& store_;
  MonitorSettings settings_;
};

}  // namespace vangnet

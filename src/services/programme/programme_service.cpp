#include "services/programme/programme_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/date.hpp"
#include "core/preparedness.hpp"
#include "core/registry.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/registry/registry_service.hpp"

namespace vangnet {

namespace {

constexpr std::string_view kTakeoverPlaybook = "temporary-takeover";

bool SeesRegion(const Caller& caller) {
  return caller.IsRho() || caller.role == UserRole::kReadOnly;
}

}  // namespace

Result<SuccessionOverview> ProgrammeService::Succession(const Caller& caller) {
  if (ReadAccess(caller.role, EntityTraits<SuccessionTrajectory>::kTable) == Access::kNone) {
    return Error(ErrorKind::kForbidden,
                 "uw rol mag opvolgingstrajecten niet inzien (ze noemen opvolgers en mentoren)");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  UnitOfWork& work = *uow.value();
  const auto today = work.clock().Today();
  const int year = static_cast<int>(today.year());
  const auto snapshots = ReadSnapshots(work);
  // The radar's conversations (holders of 60+), per practice: a signed successor counts as known.
  std::map<std::string, std::vector<ConversationCandidate>> conversations;
  for (auto& c : ConversationsThisYear(snapshots, settings_, year)) {
    conversations[c.practice_agb].push_back(std::move(c));
  }
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> takeovers;
  for (const auto& incident : work.Incidents().List()) {
    if (incident.playbook_id != kTakeoverPlaybook || incident.exercise) continue;
    for (const auto& agb : incident.practice_agbs) {
      takeovers[agb].emplace_back(incident.id, incident.number);
    }
  }

  SuccessionOverview out;
  out.date = FormatDate(today);
  std::vector<std::string> keys;
  for (const auto& s : snapshots) {
    const Practice& p = s.practice;
    if (!SeesRegion(caller) && !caller.HasPractice(p.agb)) continue;
    SuccessionRow row;
    row.practice_id = p.id;
    row.practice_agb = p.agb;
    row.practice_name = p.name;
    row.place = p.place;
    row.district_code = p.district_code;
    bool without_successor = false;
    for (const auto& c : conversations[p.agb]) {
      ++row.holders_60_plus;
      without_successor = without_successor || c.successor != SuccessorStatus::kKnown;
      if (!row.first_stop_year || c.expected_stop_year < *row.first_stop_year) {
        row.first_stop_year = c.expected_stop_year;
        row.stop_year_assumed = c.stop_year_assumed;
      }
    }
    row.trajectory = s.trajectory;
    // The list: every trajectory, and every practice whose holder the RHO should talk with
    // (60+) while no successor is known, so no such practice is missed.
    const bool candidate = without_successor && p.status != PracticeStatus::kClosed;
    if (!row.trajectory && !candidate) continue;
    if (auto t = takeovers.find(p.agb); t != takeovers.end()) row.takeovers = t->second;
    if (row.trajectory) {
      keys.push_back(p.agb);
      if (IsRunning(*row.trajectory)) {
        ++out.running;
        row.overdue = StatusOn(ParseDate(row.trajectory->next_due), today) == ItemStatus::kOverdue;
        out.overdue += row.overdue;
      }
      out.successor_signed += row.trajectory->successor_signed;
      out.done += row.trajectory->stage == TrajectoryStage::kDone;
    } else {
      ++out.without_trajectory;
    }
    out.rows.push_back(std::move(row));
  }
  // Overdue first, then running by their next date, then the practices without a trajectory
  // (nearest stop year first), then the finished ones.
  auto rank = [](const SuccessionRow& r) {
    if (!r.trajectory) return 2;
    if (!IsRunning(*r.trajectory)) return 3;
    return r.overdue ? 0 : 1;
  };
  std::stable_sort(out.rows.begin(), out.rows.end(), [&](const auto& a, const auto& b) {
    const std::string da = a.trajectory ? a.trajectory->next_due : "";
    const std::string db = b.trajectory ? b.trajectory->next_due : "";
    return std::make_tuple(rank(a), da, a.first_stop_year.value_or(9999)) <
           std::make_tuple(rank(b), db, b.first_stop_year.value_or(9999));
  });
  // Trajectories name successors and mentors: the read is recorded like any registry read.
  if (auto s = AuditRead(work, EntityTraits<SuccessionTrajectory>::kTable, "list", "", keys); !s) {
    return s.error();
  }
  if (auto s = work.Commit(); !s) return s.error();
  return out;
}

Result<CollaborationOverview> ProgrammeService::Collaboration(const Caller& caller) {
  if (ReadAccess(caller.role, EntityTraits<PracticeCollaboration>::kTable) == Access::kNone) {
    return Error(ErrorKind::kForbidden, "uw rol mag het samenwerkingsprogramma niet inzien");
  }
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  UnitOfWork& work = *uow.value();
  const auto today = work.clock().Today();
  const auto snapshots = ReadSnapshots(work);

  CollaborationOverview out;
  out.date = FormatDate(today);
  out.now.period = out.date;
  for (const auto& s : snapshots) {
    const Practice& p = s.practice;
    if (p.status == PracticeStatus::kClosed) continue;
    CollaborationRow row;
    row.practice_id = p.id;
    row.practice_agb = p.agb;
    row.practice_name = p.name;
    row.district_code = p.district_code;
    row.form = p.form;
    row.backup_by = CoverWhenAway(s);
    row.backup = !row.backup_by.empty();
    row.collaboration = s.collaboration;
    // The regional figures count every practice, whoever looks.
    if (p.form == PracticeForm::kSolo) {
      ++out.now.solo;
      out.now.solo_with_backup += row.backup;
    }
    if (s.collaboration) {
      out.mutual_backup += s.collaboration->mutual_backup;
      out.his_access_shared += s.collaboration->his_access_shared;
      out.daytime_out_of_hours += s.collaboration->daytime_out_of_hours;
      out.neighbourhood_team += s.collaboration->neighbourhood_team;
    }
    if (!SeesRegion(caller) && caller.role != UserRole::kInsurerLiaison &&
        !caller.HasPractice(p.agb)) {
      continue;
    }
    out.rows.push_back(std::move(row));
  }
  // Solo practices without backup first: they are what the programme is for.
  std::stable_sort(out.rows.begin(), out.rows.end(), [](const auto& a, const auto& b) {
    auto key = [](const CollaborationRow& r) {
      return r.form == PracticeForm::kSolo ? (r.backup ? 1 : 0) : 2;
    };
    return key(a) < key(b);
  });

  std::map<ProgrammeActivityId, ProgrammeActivity> records;
  for (auto& a : work.Table<ProgrammeActivity>().List()) records[a.activity] = std::move(a);
  for (const auto& plan : ActivityPlans()) {
    ActivityRow row;
    row.plan = plan;
    if (auto r = records.find(plan.id); r != records.end()) {
      row.record = r->second;
      row.status = r->second.status;
    }
    out.activities.push_back(std::move(row));
  }
  for (int phase = 1; phase <= static_cast<int>(PROGRAMME_PHASES.size()); ++phase) {
    PhaseRow row;
    row.phase = phase;
    int total = 0, finished = 0, started = 0;
    std::set<std::string> owners;
    for (const auto& a : out.activities) {
      if (a.plan.phase != phase) continue;
      ++total;
      finished += a.status == ActivityStatus::kDone || a.status == ActivityStatus::kDropped;
      started += a.status != ActivityStatus::kPlanned;
      if (a.record && !a.record->owner.empty()) owners.insert(a.record->owner);
    }
    row.status = finished == total ? ActivityStatus::kDone
                 : started > 0     ? ActivityStatus::kRunning
                                   : ActivityStatus::kPlanned;
    row.owners.assign(owners.begin(), owners.end());
    out.phases.push_back(std::move(row));
  }

  // Per year, the last month the monitor recorded in it (the monthly history).
  std::map<std::string, std::pair<std::string, CollaborationFigures>> years;
  for (const auto& point : work.MonitorHistory().All()) {
    if (point.measure != "_solo" && point.measure != "_solo_with_backup") continue;
    const std::string year = point.month.substr(0, 4);
    auto& [month, figures] = years[year];
    if (point.month > month) {
      month = point.month;
      figures = CollaborationFigures{year, 0, 0};
    }
    if (point.month != month) continue;
    (point.measure == "_solo" ? figures.solo : figures.solo_with_backup) = point.value;
  }
  for (auto& [year, entry] : years) out.per_year.push_back(entry.second);
  return out;
}

Table SuccessionTable(const SuccessionOverview& overview) {
  Table table;
  table.name = "opvolging";
  table.columns = {{"AGB praktijk"},
                   {"Praktijk"},
                   {"Plaats"},
                   {"Wijk"},
                   {"Houders 60+", CellType::kInteger},
                   {"Eerste stopjaar", CellType::kInteger},
                   {"Fase"},
                   {"Eigenaar RHO"},
                   {"Opvolger getekend"},
                   {"Volgende stap"},
                   {"Vóór", CellType::kDate},
                   {"Te laat"},
                   {"Tijdelijke overname"}};
  for (const auto& r : overview.rows) {
    std::string takeovers;
    for (const auto& [id, number] : r.takeovers)
      takeovers += (takeovers.empty() ? "" : ", ") + number;
    const auto* t = r.trajectory ? &*r.trajectory : nullptr;
    table.rows.push_back({r.practice_agb, r.practice_name, r.place, r.district_code,
                          std::to_string(r.holders_60_plus),
                          r.first_stop_year ? std::to_string(*r.first_stop_year) : "",
                          t ? std::string(EnumLabel(TRAJECTORY_STAGES, t->stage)) : "Geen traject",
                          t ? t->owner : "", t && t->successor_signed ? "ja" : "nee",
                          t ? t->next_step : "", t ? t->next_due : "", r.overdue ? "ja" : "nee",
                          takeovers});
  }
  return table;
}

std::vector<Table> CollaborationTables(const CollaborationOverview& overview) {
  Table practices;
  practices.name = "praktijken";
  practices.columns = {{"AGB praktijk"},
                       {"Praktijk"},
                       {"Wijk"},
                       {"Praktijkvorm"},
                       {"Waarneming bij uitval"},
                       {"Onderlinge waarneming"},
                       {"Waarneempartner"},
                       {"HIS-toegang gedeeld"},
                       {"Dagwaarneming geregeld"},
                       {"In wijkteam"},
                       {"Voornemen"},
                       {"Besproken op", CellType::kDate}};
  auto yes = [](bool b) { return std::string(b ? "ja" : "nee"); };
  for (const auto& r : overview.rows) {
    const auto* c = r.collaboration ? &*r.collaboration : nullptr;
    practices.rows.push_back(
        {r.practice_agb, r.practice_name, r.district_code,
         std::string(EnumLabel(PRACTICE_FORMS, r.form)), r.backup_by, yes(c && c->mutual_backup),
         c ? c->backup_partner_agb : "", yes(c && c->his_access_shared),
         yes(c && c->daytime_out_of_hours), yes(c && c->neighbourhood_team),
         c ? std::string(EnumLabel(COLLABORATION_INTENTIONS, c->intention)) : "",
         c ? c->discussed_on : ""});
  }
  Table activities;
  activities.name = "programma";
  activities.columns = {{"Fase"},
                        {"Activiteit"},
                        {"Gepland (plan)"},
                        {"Stand"},
                        {"Trekker"},
                        {"Vóór", CellType::kDate},
                        {"Klaar op", CellType::kDate}};
  for (const auto& a : overview.activities) {
    const auto* r = a.record ? &*a.record : nullptr;
    activities.rows.push_back({std::string(PROGRAMME_PHASES[a.plan.phase - 1]),
                               std::string(EnumLabel(PROGRAMME_ACTIVITIES, a.plan.id)),
                               std::string(a.plan.year),
                               std::string(EnumLabel(ACTIVITY_STATUSES, a.status)),
                               r ? r->owner : "", r ? r->due_on : "", r ? r->done_on : ""});
  }
  Table figures;
  figures.name = "cijfers";
  figures.columns = {{"Periode"},
                     {"Solopraktijken", CellType::kInteger},
                     {"Met waarneming bij uitval", CellType::kInteger}};
  for (const auto& f : overview.per_year) {
    figures.rows.push_back({f.period, std::to_string(f.solo), std::to_string(f.solo_with_backup)});
  }
  figures.rows.push_back({overview.now.period, std::to_string(overview.now.solo),
                          std::to_string(overview.now.solo_with_backup)});
  return {practices, activities, figures};
}

}  // namespace vangnet

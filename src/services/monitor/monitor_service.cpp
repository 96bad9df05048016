#include "services/monitor/monitor_service.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/date.hpp"
#include "core/registry.hpp"

namespace vangnet {

std::vector<PracticeSnapshot> ReadSnapshots(UnitOfWork& uow) {
  std::vector<PracticeSnapshot> snapshots;
  std::unordered_map<std::string, std::size_t> index;
  for (auto& practice : uow.Table<Practice>().List()) {
    index[practice.agb] = snapshots.size();
    PracticeSnapshot s;
    s.practice = std::move(practice);
    snapshots.push_back(std::move(s));
  }
  std::unordered_map<std::string, std::optional<int>> birth_years;
  for (const auto& person : uow.Table<Person>().List())
    birth_years[person.code] = person.birth_year;
  for (auto& a : uow.Table<Affiliation>().List()) {
    auto at = index.find(a.practice_agb);
    if (at == index.end()) continue;
    auto born = birth_years.find(a.person_code);
    snapshots[at->second].staff.push_back(
        {std::move(a), born == birth_years.end() ? std::nullopt : born->second});
  }
  for (auto& check : uow.Table<GovernanceCheck>().List()) {
    if (auto at = index.find(check.practice_agb); at != index.end()) {
      snapshots[at->second].governance.push_back(std::move(check));
    }
  }
  for (auto& t : uow.Table<SuccessionTrajectory>().List()) {
    if (auto at = index.find(t.practice_agb); at != index.end()) {
      snapshots[at->second].trajectory = std::move(t);
    }
  }
  for (auto& c : uow.Table<PracticeCollaboration>().List()) {
    if (auto at = index.find(c.practice_agb); at != index.end()) {
      snapshots[at->second].collaboration = std::move(c);
    }
  }
  for (auto& card : uow.Table<CalamityCard>().List()) {
    if (auto at = index.find(card.practice_agb); at != index.end()) {
      snapshots[at->second].card = std::move(card);
    }
  }
  // Partners are described by their own state, computed once per practice.
  auto partner_of = [&](const std::string& agb) {
    ContractPartner partner;
    partner.agb = agb;
    if (auto at = index.find(agb); at != index.end()) {
      const auto& s = snapshots[at->second];
      partner.district_code = s.practice.district_code;
      partner.patient_stop = s.practice.patient_stop;
      partner.active = s.practice.status == PracticeStatus::kActive;
      partner.patients_per_fte = PatientsPerFte(s.practice, GpFte(s));
    }
    return partner;
  };
  for (const auto& c : uow.Table<ContinuityContract>().List()) {
    for (const auto& [self, other] : {std::pair{c.practice_a_agb, c.practice_b_agb},
                                      std::pair{c.practice_b_agb, c.practice_a_agb}}) {
      if (auto at = index.find(self); at != index.end()) {
        snapshots[at->second].contracts.push_back({c, partner_of(other)});
      }
    }
  }
  return snapshots;
}

MonitorReport BuildMonitor(const std::vector<PracticeSnapshot>& snapshots, const SignalNorms& norms,
                           std::chrono::year_month_day today) {
  MonitorReport report;
  report.date = FormatDate(today);
  const int year = static_cast<int>(today.year());
  std::map<std::pair<std::string, std::string>, AreaRisk> areas;
  for (const auto& s : snapshots) {
    if (s.practice.status == PracticeStatus::kClosed) continue;
    PracticeRisk risk;
    risk.id = s.practice.id;
    risk.agb = s.practice.agb;
    risk.name = s.practice.name;
    risk.place = s.practice.place;
    risk.district_code = s.practice.district_code;
    risk.gp_group_code = s.practice.gp_group_code;
    risk.latitude = s.practice.latitude;
    risk.longitude = s.practice.longitude;
    risk.patients = s.practice.registered_patients;
    risk.gp_fte = GpFte(s);
    risk.patients_per_fte = PatientsPerFte(s.practice, risk.gp_fte);
    risk.headroom = Headroom(s, norms.settings);
    risk.solo = s.practice.form == PracticeForm::kSolo;
    for (const auto& m : s.staff) {
      risk.holders_60_plus += m.affiliation.role == AffiliationRole::kHolder && m.birth_year &&
                              year - *m.birth_year >= norms.settings.conversation_age;
    }
    risk.hits = EvaluateSignals(s, norms, today);
    risk.score = RiskScore(risk.hits);
    for (const auto& hit : risk.hits) ++report.signal_counts[hit.id];
    for (const auto& [kind, code] :
         {std::pair<std::string, std::string>{"district", risk.district_code},
          std::pair<std::string, std::string>{"gp_group", risk.gp_group_code}}) {
      if (code.empty()) continue;
      AreaRisk& area = areas[{kind, code}];
      area.kind = kind;
      area.code = code;
      ++area.practices;
      area.practices_with_signals += !risk.hits.empty();
      for (const auto& hit : risk.hits) area.high_signals += hit.severity == Severity::kHigh;
      area.patients += risk.patients;
      area.headroom += risk.headroom;
      area.solo += risk.solo;
      area.holders_60_plus += risk.holders_60_plus;
    }
    report.practices.push_back(std::move(risk));
  }
  // Highest risk first; among equals the practice with more patients (more people affected).
  std::stable_sort(report.practices.begin(), report.practices.end(),
                   [](const PracticeRisk& a, const PracticeRisk& b) {
                     return std::tie(b.score, b.patients) < std::tie(a.score, a.patients);
                   });
  for (auto& [key, area] : areas) report.areas.push_back(std::move(area));
  report.succession = SuccessionRadar(snapshots, norms.settings, year, 10);
  report.conversations = ConversationsThisYear(snapshots, norms.settings, year);
  return report;
}

std::vector<HistoryPoint> MonthMeasures(const MonitorReport& report) {
  std::vector<HistoryPoint> points;
  const std::string month = report.date.substr(0, 7);
  for (const auto& [id, count] : report.signal_counts) points.push_back({month, id, count});
  long long patients = 0, headroom = 0, with_signals = 0;
  for (const auto& p : report.practices) {
    patients += p.patients;
    headroom += p.headroom;
    with_signals += !p.hits.empty();
  }
  points.push_back({month, "_practices", static_cast<long long>(report.practices.size())});
  points.push_back({month, "_with_signals", with_signals});
  points.push_back({month, "_patients", patients});
  points.push_back({month, "_headroom", headroom});
  // The programme from solo to working together follows these per year (seed 000 §2).
  long long solo = 0;
  for (const auto& p : report.practices) solo += p.solo;
  const auto without = report.signal_counts.find("solo_without_backup");
  points.push_back({month, "_solo", solo});
  points.push_back({month, "_solo_with_backup",
                    solo - (without == report.signal_counts.end() ? 0 : without->second)});
  return points;
}

std::shared_ptr<const MonitorService::Built> MonitorService::Signals(
    UnitOfWork& uow, std::chrono::year_month_day today) {
  const std::int64_t change_id = uow.Audit().LastChangeId();
  std::vector<HistoryPoint> history = uow.MonitorHistory().All();
  std::set<std::string> months;
  for (const auto& point : history) months.insert(point.month);
  std::lock_guard lock(built_mutex_);  // one build at a time; the others wait for it
  if (built_ && built_->change_id == change_id && built_->day == today &&
      built_->history_months == months.size()) {
    return built_;
  }
  MonitorReport report = BuildMonitor(ReadSnapshots(uow), norms_, today);
  report.history = std::move(history);
  // Names of areas and of the holders in the conversation list: from the registry too, so
  // kept with the signals (looked up per request they cost more than the signals).
  std::map<std::pair<std::string, std::string>, std::string> area_names;
  for (const auto& g : uow.Table<GpGroup>().List()) area_names[{"gp_group", g.code}] = g.name;
  for (const auto& d : uow.Table<District>().List()) area_names[{"district", d.code}] = d.name;
  for (auto& a : report.areas) {
    if (auto it = area_names.find({a.kind, a.code}); it != area_names.end()) a.name = it->second;
  }
  std::set<std::string> holders;
  for (const auto& c : report.conversations) holders.insert(c.person_code);
  for (const auto& person : uow.Table<Person>().List()) {
    if (holders.count(person.code)) report.person_names[person.code] = person.name;
  }
  report.basis =
      std::to_string(change_id) + "/" + FormatDate(today) + "/" + std::to_string(months.size());
  auto built = std::make_shared<Built>();
  built->change_id = change_id;
  built->day = today;
  built->history_months = months.size();
  MonitorReport without_people = report;
  without_people.conversations.clear();
  without_people.person_names.clear();
  built->without_people = std::make_shared<const MonitorReport>(std::move(without_people));
  built->with_people = std::make_shared<const MonitorReport>(std::move(report));
  built_ = std::move(built);
  return built_;
}

Result<std::shared_ptr<const MonitorReport>> MonitorService::Report(const Caller& caller,
                                                                    const std::string& only_agb) {
  const auto today = store_.clock().Today();
  const bool sees_people = ReadAccess(caller.role, "person") == Access::kAll && only_agb.empty();
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  auto built = Signals(*uow.value(), today);
  uow.value().reset();
  const bool narrowed = !only_agb.empty() || caller.role == UserRole::kPracticeUser;
  if (narrowed) {
    // One practice, or a practice user's own: a small report of its own, no conversation list.
    const MonitorReport& region = *built->without_people;
    auto mine = std::make_shared<MonitorReport>();
    mine->date = region.date;
    mine->areas = region.areas;
    mine->signal_counts = region.signal_counts;
    mine->succession = region.succession;
    mine->history = region.history;
    mine->basis = region.basis;
    for (const auto& p : region.practices) {
      const bool wanted = only_agb.empty() ? caller.HasPractice(p.agb) : p.agb == only_agb;
      if (wanted && (caller.role != UserRole::kPracticeUser || caller.HasPractice(p.agb))) {
        mine->practices.push_back(p);
      }
    }
    return std::shared_ptr<const MonitorReport>(std::move(mine));
  }
  if (!sees_people) return built->without_people;
  // Ages are personal data: the read is audited before the report is answered. Its own short
  // write, so the build above never holds the single writer.
  auto audit = store_.Begin(caller.actor);
  if (!audit) return audit.error();
  if (auto s =
          RecordAudit(*audit.value(), "read", "monitor", "conversations", "",
                      nlohmann::json{{"holders", built->with_people->conversations.size()}}.dump());
      !s)
    return s.error();
  if (auto s = audit.value()->Commit(); !s) return s.error();
  return built->with_people;
}

Result<bool> MonitorService::RecordMonth() {
  const auto today = store_.clock().Today();
  const Actor actor{"vangnet", "system", "scheduler", "maandoverzicht monitor"};
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  const std::string month = FormatDate(today).substr(0, 7);
  if (uow.value()->MonitorHistory().HasMonth(month)) return false;
  MonitorReport report = BuildMonitor(ReadSnapshots(*uow.value()), norms_, today);
  auto stored =
      uow.value()->MonitorHistory().RecordMonth(month, MonthMeasures(report), FormatDate(today));
  if (!stored) return stored.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return stored;
}

std::vector<Table> MonitorTables(const MonitorReport& report) {
  constexpr CellType kInt = CellType::kInteger, kNum = CellType::kNumber;
  auto number = [](std::optional<double> v) { return v ? FormatDecimal(*v) : std::string(); };
  Table practices{"monitor " + report.date,
                  {{"rank", kInt},
                   {"agb"},
                   {"name"},
                   {"place"},
                   {"district_code"},
                   {"gp_group_code"},
                   {"patients", kInt},
                   {"gp_fte", kNum},
                   {"patients_per_fte", kNum},
                   {"headroom", kInt},
                   {"solo"},
                   {"holders_60_plus", kInt},
                   {"score", kInt},
                   {"signals"}},
                  {},
                  {}};
  int rank = 0;
  for (const auto& p : report.practices) {
    std::string signals;
    for (const auto& hit : p.hits) signals += (signals.empty() ? "" : "; ") + hit.label;
    practices.rows.push_back({std::to_string(++rank), p.agb, p.name, p.place, p.district_code,
                              p.gp_group_code, std::to_string(p.patients), FormatDecimal(p.gp_fte),
                              number(p.patients_per_fte), std::to_string(p.headroom),
                              p.solo ? "ja" : "nee", std::to_string(p.holders_60_plus),
                              std::to_string(p.score), signals});
  }
  Table areas{"gebieden " + report.date,
              {{"kind"},
               {"code"},
               {"name"},
               {"practices", kInt},
               {"practices_with_signals", kInt},
               {"high_signals", kInt},
               {"patients", kInt},
               {"headroom", kInt},
               {"solo", kInt},
               {"holders_60_plus", kInt}},
              {},
              {}};
  for (const auto& a : report.areas) {
    areas.rows.push_back({a.kind == "district" ? "wijk" : "hagro", a.code, a.name,
                          std::to_string(a.practices), std::to_string(a.practices_with_signals),
                          std::to_string(a.high_signals), std::to_string(a.patients),
                          std::to_string(a.headroom), std::to_string(a.solo),
                          std::to_string(a.holders_60_plus)});
  }
  return {std::move(practices), std::move(areas)};
}

}  // namespace vangnet

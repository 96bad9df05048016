#include "services/stress/stress_service.hpp"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_map>

#include "core/date.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/plan_json.hpp"
#include "io/postcode_table.hpp"
#include "services/monitor/monitor_service.hpp"
#include "solver/planner.hpp"

namespace vangnet {

namespace {

using nlohmann::json;

// How far ahead a year may be asked: the succession radar's horizon is ten years; beyond
// twenty the stop years say little.
constexpr int kMaxYearsAhead = 20;

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    auto item = Trim(text.substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

bool SameText(std::string_view a, std::string_view b) {
  return ToLowerAscii(a) == ToLowerAscii(b);
}

std::string AgbList(const StressReport& report, const std::vector<int>& indices) {
  std::string out;
  for (int i : indices) out += (out.empty() ? "" : ";") + report.practices[i].agb;
  return out;
}

}  // namespace

std::vector<StressPractice> BuildStressPractices(const std::vector<PracticeSnapshot>& snapshots,
                                                 const MonitorSettings& settings,
                                                 std::optional<int> year, int* left_out) {
  const auto& table = PostcodeTable::Embedded();
  std::vector<StressPractice> practices;
  std::unordered_map<std::string, int> index;
  for (const auto& s : snapshots) {
    const Practice& p = s.practice;
    if (p.status == PracticeStatus::kClosed || !p.latitude || !p.longitude) {
      ++*left_out;
      continue;
    }
    StressPractice sp;
    sp.agb = p.agb;
    sp.name = p.name;
    sp.place = p.place;
    sp.postcode = p.postcode;
    if (const auto* area = table.Find(p.postcode)) sp.municipality = area->municipality;
    sp.latitude = *p.latitude;
    sp.longitude = *p.longitude;
    sp.patients = p.registered_patients;
    sp.gp_fte = GpFte(s);
    // Room up to the chosen patients per FTE (the norm practice unless stretched); a patient
    // stop means no room.
    sp.capacity = p.patient_stop ? 0 : Headroom(s, settings);
    sp.closed_in_base = year && StopsWithoutSuccessorBy(s, settings, *year);
    index.emplace(p.agb, static_cast<int>(practices.size()));
    practices.push_back(std::move(sp));
  }
  for (const auto& s : snapshots) {
    auto self = index.find(s.practice.agb);
    if (self == index.end()) continue;
    for (const auto& c : s.contracts) {
      auto other = index.find(c.partner.agb);
      if (other == index.end()) continue;
      auto& partners = practices[self->second].partners;
      if (std::find(partners.begin(), partners.end(), other->second) == partners.end())
        partners.push_back(other->second);
    }
  }
  return practices;
}

Result<StressScenario> ParseAreaSpec(const std::string& spec,
                                     const std::vector<StressPractice>& practices,
                                     const StressAreas& areas) {
  auto colon = spec.find(':');
  const std::string kind =
      colon == std::string::npos ? "" : ToLowerAscii(Trim(spec.substr(0, colon)));
  const std::string value =
      colon == std::string::npos ? "" : std::string(Trim(std::string_view(spec).substr(colon + 1)));
  auto bad = [&](const std::string& message) {
    return Error::Validation("area", "Gebied '" + spec + "': " + message);
  };
  if (value.empty()) {
    return bad("schrijf municipality:NAAM, zone:ID, postcodes:6301,6305 of practices:AGB,AGB.");
  }
  StressScenario scenario;
  if (kind == "municipality" || kind == "gemeente") {
    for (int i = 0; i < static_cast<int>(practices.size()); ++i) {
      if (SameText(practices[i].municipality, value)) scenario.closed.push_back(i);
    }
    if (scenario.closed.empty()) return bad("geen praktijken in een gemeente met die naam.");
    scenario.id = "municipality:" + practices[scenario.closed.front()].municipality;
    scenario.kind = "municipality";
    scenario.name = "gemeente " + practices[scenario.closed.front()].municipality;
  } else if (kind == "zone" || kind == "gebied") {
    const StressArea* area = areas.Find(value);
    if (!area) {
      std::string known;
      for (const auto& a : areas.areas) known += (known.empty() ? "" : ", ") + a.id;
      return bad("onbekend gebied; bekend zijn: " + (known.empty() ? "geen" : known) + ".");
    }
    for (int i = 0; i < static_cast<int>(practices.size()); ++i) {
      if (std::find(area->postcodes.begin(), area->postcodes.end(), practices[i].postcode) !=
          area->postcodes.end()) {
        scenario.closed.push_back(i);
      }
    }
    if (scenario.closed.empty()) return bad("er liggen geen praktijken in dit gebied.");
    scenario.id = "zone:" + area->id;
    scenario.kind = area->kind;
    scenario.name = area->name;
  } else if (kind == "postcodes") {
    auto codes = SplitList(value);
    for (const auto& code : codes) {
      if (code.size() != 4 || !IsAllDigits(code))
        return bad("'" + code + "' is geen postcode van vier cijfers.");
    }
    for (int i = 0; i < static_cast<int>(practices.size()); ++i) {
      if (std::find(codes.begin(), codes.end(), practices[i].postcode) != codes.end())
        scenario.closed.push_back(i);
    }
    if (scenario.closed.empty()) return bad("er liggen geen praktijken in deze postcodes.");
    std::string joined;
    for (const auto& c : codes) joined += (joined.empty() ? "" : ",") + c;
    scenario.id = "postcodes:" + joined;
    scenario.kind = "postcodes";
    scenario.name = "postcodes " + joined;
  } else if (kind == "practices" || kind == "praktijken") {
    std::set<int> chosen;
    for (const auto& agb : SplitList(value)) {
      auto it = std::find_if(practices.begin(), practices.end(),
                             [&](const StressPractice& p) { return p.agb == agb; });
      if (it == practices.end()) return bad("praktijk " + agb + " staat niet in het register.");
      chosen.insert(static_cast<int>(it - practices.begin()));
    }
    scenario.closed.assign(chosen.begin(), chosen.end());
    scenario.id = "practices:";
    for (int i : scenario.closed)
      scenario.id += (scenario.id.back() == ':' ? "" : ",") + practices[i].agb;
    scenario.kind = "practices";
    scenario.name = scenario.closed.size() == 1
                        ? practices[scenario.closed.front()].name
                        : std::to_string(scenario.closed.size()) + " gekozen praktijken";
  } else {
    return bad("onbekende soort '" + kind +
               "'; schrijf municipality:, zone:, postcodes: of practices:.");
  }
  return scenario;
}

Result<StressReport> StressService::Run(const Caller& caller, const StressRequest& request) {
  const auto today = store_.clock().Today();
  if (caller.role == UserRole::kPracticeUser) {
    return Error(ErrorKind::kForbidden,
                 "de stresstest vergelijkt alle praktijken van de regio; vraag de coördinator van "
                 "de RHO om de uitkomst");
  }
  StressReport report;
  report.date = FormatDate(today);
  report.this_year = static_cast<int>(today.year());
  if (request.year &&
      (*request.year < report.this_year || *request.year > report.this_year + kMaxYearsAhead)) {
    return Error::Validation("year", "Kies een jaar van " + std::to_string(report.this_year) +
                                         " tot en met " +
                                         std::to_string(report.this_year + kMaxYearsAhead) + ".");
  }
  if (auto valid = solver::ValidatePlanInput({{}, {}, request.parameters, {}}); !valid)
    return valid.error();
  report.year = request.year;
  report.norm_patients_per_fte = norms_.settings.norm_patients_per_fte;
  report.options.signal_patients_per_fte = 4000;
  if (const auto* rule = norms_.Find("patients_per_fte"); rule && rule->threshold)
    report.options.signal_patients_per_fte = *rule->threshold;
  report.options.capacity_patients_per_fte =
      request.capacity_patients_per_fte.value_or(report.norm_patients_per_fte);
  if (!(report.options.capacity_patients_per_fte >= 1000 &&
        report.options.capacity_patients_per_fte <= report.options.signal_patients_per_fte)) {
    return Error::Validation("capacity_patients_per_fte",
                             "Kies een opvangruimte tussen 1.000 en " +
                                 FormatDutchNumber(report.options.signal_patients_per_fte) +
                                 " patiënten per fte.");
  }
  MonitorSettings settings = norms_.settings;
  settings.norm_patients_per_fte = report.options.capacity_patients_per_fte;
  report.options.parameters = request.parameters;
  report.options.threads = request.threads;
  report.options.current_year = report.this_year;

  std::string key;
  {
    // A future year reads the holders' stop years, derived from birth years: audited, also when
    // the answer was kept from before.
    auto uow = request.year ? store_.Begin(caller.actor) : store_.BeginRead(caller.actor);
    if (!uow) return uow.error();
    key = std::to_string(uow.value()->Audit().LastChangeId()) + "|" + report.date + "|" +
          (request.year ? std::to_string(*request.year) : "") + "|" +
          FormatDecimal(report.options.capacity_patients_per_fte) + "|" +
          FormatDecimal(request.parameters.max_distance_km) + "|" +
          FormatDecimal(request.parameters.detour_factor) + "|" +
          FormatDecimal(request.parameters.max_distance_vulnerable_km.value_or(-1)) + "|" +
          FormatDecimal(request.parameters.contract_bonus_km);
    for (const auto& area : request.areas) key += "|" + area;
    std::shared_ptr<const StressReport> kept;
    {
      std::lock_guard lock(kept_mutex_);
      if (auto it = kept_.find(key); it != kept_.end()) kept = it->second;
    }
    if (!kept) {
      report.practices = BuildStressPractices(ReadSnapshots(*uow.value()), settings, request.year,
                                              &report.practices_left_out);
    }
    const auto& practices = kept ? kept->practices : report.practices;
    if (request.year) {
      int closed = 0;
      for (const auto& p : practices) closed += p.closed_in_base;
      if (auto s = RecordAudit(
              *uow.value(), "read", "stress", "succession", "",
              json{{"year", *request.year}, {"practices_without_successor", closed}}.dump());
          !s)
        return s.error();
      if (auto s = uow.value()->Commit(); !s) return s.error();
    }
    if (kept) return *kept;
  }
  if (request.areas.empty()) {
    report.scenarios = SinglePracticeScenarios(report.practices);
    std::set<std::string> municipalities;
    for (const auto& p : report.practices) {
      if (!p.municipality.empty()) municipalities.insert(p.municipality);
    }
    std::vector<std::string> specs;
    for (const auto& m : municipalities) specs.push_back("municipality:" + m);
    for (const auto& a : areas_.areas) specs.push_back("zone:" + a.id);
    for (const auto& spec : specs) {
      auto scenario = ParseAreaSpec(spec, report.practices, areas_);
      // An area of the file without practices in this region is simply not tried.
      if (scenario) report.scenarios.push_back(std::move(scenario).value());
    }
  } else {
    for (const auto& spec : request.areas) {
      auto scenario = ParseAreaSpec(spec, report.practices, areas_);
      if (!scenario) return scenario.error();
      report.scenarios.push_back(std::move(scenario).value());
    }
  }
  report.run =
      RunStress(report.practices, report.scenarios, report.options, PostcodeTable::Embedded());
  std::vector<int> single, areas;
  for (int s = 0; s < static_cast<int>(report.scenarios.size()); ++s) {
    (report.scenarios[s].kind == "practice" ? single : areas).push_back(s);
  }
  report.single_ranked = RankScenarios(report.run, single);
  report.areas_ranked = RankScenarios(report.run, areas);
  report.weak_points = DescribeWeakPoints(report.practices, report.scenarios, report.run,
                                          report.options, report.year);
  std::lock_guard lock(kept_mutex_);
  if (kept_.size() >= kKeptResults) kept_.clear();  // a new day or registry: start afresh
  kept_[key] = std::make_shared<const StressReport>(report);
  return report;
}

Status StressService::PrepareUsual(const Caller& caller) {
  {
    auto uow = store_.BeginRead(caller.actor);
    if (!uow) return uow.error();
    if (uow.value()->Table<Practice>().Count() > kPrepareUpTo) return Ok{};
  }
  auto report = Run(caller, StressRequest{});
  if (!report) return report.error();
  return Ok{};
}

std::string StressVerdict(const StressReport& report, int scenario) {
  const auto& o = report.run.outcomes[scenario];
  if (o.patients == 0) return "Geen patiënten te verdelen";
  if (o.unplaced() == 0) return "Volledig op te vangen";
  std::string text = FormatDutchNumber(o.unplaced()) + " patiënten zonder plek";
  if (o.patients_out_of_reach > 0) {
    text += "; " + FormatDutchNumber(o.patients_out_of_reach) + " zonder praktijk binnen " +
            FormatDutchNumber(report.options.parameters.max_distance_km) + " km";
  }
  std::vector<std::string> binding;
  for (const auto& r : o.receivers) {
    if (r.binding) binding.push_back(report.practices[r.practice].name);
  }
  // Where nearly every neighbour is full the minimum cut holds them all; a name then says little.
  if (binding.size() == 1) {
    text += "; bepalend: " + binding.front();
  } else if (binding.size() == 2) {
    text += "; bepalend: " + binding.front() + " en " + binding.back();
  } else if (binding.size() > 2) {
    text += "; " + std::to_string(binding.size()) + " praktijken in de buurt zitten vol";
  }
  return text;
}

Table StressReportTable(const StressReport& report) {
  std::vector<std::vector<std::string>> rows;
  auto add = [&](int rank, int s) {
    const auto& sc = report.scenarios[s];
    const auto& o = report.run.outcomes[s];
    std::vector<int> binding;
    for (const auto& r : o.receivers) {
      if (r.binding) binding.push_back(r.practice);
    }
    rows.push_back(
        {std::to_string(rank), sc.kind, sc.id, sc.name, AgbList(report, sc.closed),
         std::to_string(o.patients), std::to_string(o.placed), std::to_string(o.unplaced()),
         FormatDecimal(o.share_placed()), std::to_string(o.patients_out_of_reach),
         std::to_string(o.vulnerable_patients - o.vulnerable_placed),
         std::to_string(o.extra_places_needed),
         o.max_patients_per_fte_after ? FormatDecimal(std::round(*o.max_patients_per_fte_after))
                                      : "",
         std::to_string(o.receivers_above_signal), AgbList(report, binding),
         StressVerdict(report, s)});
  };
  int rank = 0;
  for (int s : report.single_ranked) add(++rank, s);
  rank = 0;
  for (int s : report.areas_ranked) add(++rank, s);
  constexpr CellType kInt = CellType::kInteger, kNum = CellType::kNumber;
  return Table{"stresstest " + report.date,
               {{"rank", kInt},
                {"kind"},
                {"id"},
                {"name"},
                {"closed_agbs"},
                {"patients", kInt},
                {"placed", kInt},
                {"unplaced", kInt},
                {"share_placed", kNum},
                {"patients_out_of_reach", kInt},
                {"vulnerable_unplaced", kInt},
                {"extra_places_needed", kInt},
                {"max_patients_per_fte_after", kNum},
                {"receivers_above_signal", kInt},
                {"binding_agbs"},
                {"verdict"}},
               {},
               std::move(rows)};
}

}  // namespace vangnet

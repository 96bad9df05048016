#include "services/redistribute/redistribution_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "core/incident.hpp"
#include "core/monitor.hpp"
#include "io/csv.hpp"
#include "io/patient_list_csv.hpp"
#include "io/plan_json.hpp"
#include "io/postcode_table.hpp"
#include "services/monitor/monitor_service.hpp"
#include "services/redistribute/synthetic_households.hpp"
#include "solver/planner.hpp"

namespace vangnet {

namespace {

using nlohmann::json;

std::string NowText() {
  return FormatUtc(
      std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now()));
}

Error Forbidden(const char* what) {
  return Error(ErrorKind::kForbidden, what);
}

Result<Incident> ActiveIncident(UnitOfWork& uow, std::int64_t incident_id, bool for_write) {
  auto incident = uow.Incidents().Find(incident_id);
  if (!incident) return Error::NotFound("incident", "Dit incident bestaat niet.");
  if (for_write && incident->status == IncidentStatus::kClosed) {
    return Error::Conflict("incident", "Het incident is gesloten; de opvang is afgerond.");
  }
  return *incident;
}

Status Audit(UnitOfWork& uow, const char* action, std::int64_t incident_id, std::string subject,
             json details) {
  return uow.Audit().Append(AuditEvent::Of(uow.actor(), action, "redistribution",
                                           std::to_string(incident_id), std::move(subject),
                                           details.dump()));
}

std::string HouseholdId(const RedistributionPatient& p) {
  return p.practice_agb + "/" + p.household_key;
}

// A receiving practice with what the overview shows about it.
struct ReceiverInfo {
  std::string agb;  // empty for a temporary site
  long long registered = 0;
  double gp_fte = 0;
};

struct PlanningData {
  solver::PlanInput input;
  std::vector<ReceiverInfo> info;         // per receiver
  std::vector<std::vector<int>> members;  // per household: patient indexes
};

std::optional<Practice> FindPractice(UnitOfWork& uow, const std::string& agb) {
  Practice probe;
  probe.agb = agb;
  return uow.Table<Practice>().Find(probe);
}

// The patient `id` of the incident, if the caller may update it: the RHO, or the receiving
// practice of that patient.
Result<RedistributionPatient*> FindPatientToUpdate(const Caller& caller,
                                                   std::vector<RedistributionPatient>& patients,
                                                   std::int64_t id) {
  auto it =
      std::find_if(patients.begin(), patients.end(), [&](const auto& p) { return p.id == id; });
  if (it == patients.end()) {
    return Error::NotFound("id",
                           "Patiënt " + std::to_string(id) + " bestaat niet in dit incident.");
  }
  bool own = caller.role == UserRole::kPracticeUser && caller.HasPractice(it->receiver_id);
  if (!caller.IsRho() && !own) {
    return Forbidden("alleen de ontvangende praktijk of de RHO werkt deze patiënt bij");
  }
  return &*it;
}

bool Closed(const Incident& incident, const std::string& agb) {
  return std::find(incident.practice_agbs.begin(), incident.practice_agbs.end(), agb) !=
         incident.practice_agbs.end();
}

// The planner's input from the registry, the offers, the sites and the patient list.
PlanningData BuildPlanning(UnitOfWork& uow, const Incident& incident,
                           const std::vector<RedistributionPatient>& patients,
                           const solver::PlanParameters& parameters,
                           const RedistributionSettings& settings) {
  PlanningData data;
  data.input.parameters = parameters;
  std::map<std::string, long long> offers;
  for (const auto& o : uow.Redistribution().Offers(incident.id))
    offers[o.practice_agb] = o.capacity;
  std::set<std::string> partners;
  for (const auto& c : uow.Table<ContinuityContract>().List()) {
    if (Closed(incident, c.practice_a_agb)) partners.insert(c.practice_b_agb);
    if (Closed(incident, c.practice_b_agb)) partners.insert(c.practice_a_agb);
  }
  MonitorSettings norm;
  norm.norm_patients_per_fte = settings.norm_patients_per_fte;
  for (const auto& snapshot : ReadSnapshots(uow)) {
    const Practice& p = snapshot.practice;
    if (Closed(incident, p.agb)) {
      if (p.latitude && p.longitude) {
        // Its own building is the first place to look for a practice started from zero.
        data.input.candidate_sites.push_back({p.agb, p.name + " (eigen pand)", *p.latitude,
                                              *p.longitude, 0, false,
                                              solver::ReceiverKind::kNewPractice});
      }
      continue;
    }
    if (p.status == PracticeStatus::kClosed || !p.latitude || !p.longitude) continue;
    auto offer = offers.find(p.agb);
    // seed 004 §4.2.1: room up to the norm practice per FTE; a patient stop means none unless
    // the practice offers places itself.
    long long capacity = offer != offers.end() ? offer->second
                         : p.patient_stop      ? 0
                                               : Headroom(snapshot, norm);
    data.input.receivers.push_back({p.agb, p.name, *p.latitude, *p.longitude, capacity,
                                    partners.contains(p.agb), solver::ReceiverKind::kPractice});
    data.info.push_back({p.agb, p.registered_patients, GpFte(snapshot)});
  }
  for (const auto& site : uow.Redistribution().Sites(incident.id)) {
    data.input.receivers.push_back(solver::Receiver{
        "site-" + std::to_string(site.id), site.name, site.latitude, site.longitude, site.capacity,
        false,
        ParseEnum(solver::RECEIVER_KINDS, site.kind).value_or(solver::ReceiverKind::kNewPractice)});
    data.info.push_back({site.practice_agb, 0, 0});
  }
  std::map<std::string, int> household_index;
  const auto& postcodes = PostcodeTable::Embedded();
  for (int i = 0; i < static_cast<int>(patients.size()); ++i) {
    const auto& p = patients[i];
    auto [it, added] =
        household_index.emplace(HouseholdId(p), static_cast<int>(data.members.size()));
    if (added) {
      solver::Household h;
      h.id = it->first;
      h.postcode = p.postcode;
      if (const auto* area = postcodes.Find(p.postcode)) {
        h.latitude = area->latitude;
        h.longitude = area->longitude;
      }
      data.input.households.push_back(std::move(h));
      data.members.emplace_back();
    }
    auto& h = data.input.households[it->second];
    h.patients.push_back(
        {p.his_number,
         ParseEnum(solver::VULNERABILITIES, p.vulnerability).value_or(solver::Vulnerability::kNone),
         p.birth_year});
    if (p.stage >= PatientStage::kAccepted && !p.receiver_id.empty())
      h.accepted_receiver = p.receiver_id;
    for (std::size_t start = 0; start < p.declined_by.size();) {
      auto end = p.declined_by.find(';', start);
      if (end == std::string::npos) end = p.declined_by.size();
      std::string id = p.declined_by.substr(start, end - start);
      if (!id.empty() && std::find(h.declined_receivers.begin(), h.declined_receivers.end(), id) ==
                             h.declined_receivers.end()) {
        h.declined_receivers.push_back(id);
      }
      start = end + 1;
    }
    data.members[it->second].push_back(i);
  }
  // A receiver that accepted earlier but is gone from the region keeps its households anyway.
  for (auto& h : data.input.households) {
    if (h.accepted_receiver.empty()) continue;
    bool known =
        std::any_of(data.input.receivers.begin(), data.input.receivers.end(),
                    [&](const solver::Receiver& r) { return r.id == h.accepted_receiver; });
    if (!known) h.accepted_receiver.clear();
  }
  return data;
}

}  // namespace

Result<long long> RedistributionService::ImportPatients(const Caller& caller,
                                                        std::int64_t incident_id,
                                                        const std::string& practice_agb,
                                                        const std::string& csv_text,
                                                        const std::string& file_name) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO laadt patiëntenlijsten");
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, true);
  if (!incident) return incident.error();
  if (!Closed(incident.value(), practice_agb)) {
    return Error::Validation("practice_agb",
                             "Praktijk " + practice_agb + " hoort niet bij dit incident.");
  }
  int year = static_cast<int>(TodayUtc().year());
  auto parsed = ParsePatientList(csv_text, file_name, year);
  if (!parsed) return parsed.error();
  Errors unknown;
  for (std::size_t i = 0; i < parsed.value().size(); ++i) {
    const auto& p = parsed.value()[i];
    if (!PostcodeTable::Embedded().Find(p.postcode)) {
      unknown.push_back(Error{ErrorKind::kValidation, "Postcode " + p.postcode + " is onbekend.",
                              file_name, i + 2, "postcode"});
    }
  }
  if (!unknown.empty()) return Error::Combined(std::move(unknown));
  for (const auto& p : uow.value()->Redistribution().Patients(incident_id)) {
    if (p.practice_agb == practice_agb && p.stage >= PatientStage::kAccepted) {
      return Error::Conflict("practice_agb",
                             "Een deel van deze patiënten is al geaccepteerd door een "
                             "ontvangende praktijk; de lijst kan niet meer worden vervangen.");
    }
  }
  if (auto s =
          uow.value()->Redistribution().ReplacePatients(incident_id, practice_agb, parsed.value());
      !s) {
    return s.error();
  }
  auto count = static_cast<long long>(parsed.value().size());
  if (auto s = Audit(*uow.value(), "import", incident_id, practice_agb,
                     {{"patients", count}, {"file", file_name}});
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return count;
}

Result<long long> RedistributionService::GenerateDemoPatients(const Caller& caller,
                                                              std::int64_t incident_id,
                                                              const std::string& practice_agb) {
  std::vector<RedistributionPatient> patients;
  {
    auto uow = store_.BeginRead(caller.actor);
    if (!uow) return uow.error();
    auto practice = FindPractice(*uow.value(), practice_agb);
    if (!practice || !practice->latitude || !practice->longitude) {
      return Error::NotFound("practice_agb",
                             "Praktijk " + practice_agb + " bestaat niet of heeft geen locatie.");
    }
    SyntheticListOptions options;
    options.practice_agb = practice_agb;
    options.latitude = *practice->latitude;
    options.longitude = *practice->longitude;
    options.patients = practice->registered_patients;
    options.seed = std::hash<std::string>{}(practice_agb);
    options.current_year = static_cast<int>(TodayUtc().year());
    for (const auto& h : SynthesiseHouseholds(options, PostcodeTable::Embedded())) {
      for (const auto& need : h.patients) {
        RedistributionPatient p;
        p.his_number = need.id;
        p.household_key = h.id.substr(h.id.rfind('-') + 1);
        p.postcode = h.postcode;
        p.birth_year = need.birth_year;
        p.vulnerability = std::string(EnumCode(solver::VULNERABILITIES, need.vulnerability));
        patients.push_back(std::move(p));
      }
    }
  }
  return ImportPatients(caller, incident_id, practice_agb, WritePatientList(patients),
                        "demo-patienten-" + practice_agb + ".csv");
}

Status RedistributionService::SetOffer(const Caller& caller, std::int64_t incident_id,
                                       const std::string& practice_agb,
                                       std::optional<long long> capacity) {
  bool own = caller.role == UserRole::kPracticeUser && caller.HasPractice(practice_agb);
  if (!caller.IsRho() && !own)
    return Forbidden("alleen de RHO of de praktijk zelf biedt plaatsen aan");
  if (capacity && (*capacity < 0 || *capacity > 20000)) {
    return Error::Validation("capacity", "Het aantal plaatsen moet tussen 0 en 20.000 liggen.");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, true);
  if (!incident) return incident.error();
  if (!FindPractice(*uow.value(), practice_agb)) {
    return Error::NotFound("practice_agb", "Praktijk " + practice_agb + " bestaat niet.");
  }
  auto& repo = uow.value()->Redistribution();
  if (auto s = capacity ? repo.SetOffer(incident_id, {practice_agb, *capacity})
                        : repo.RemoveOffer(incident_id, practice_agb);
      !s) {
    return s;
  }
  if (auto s = Audit(*uow.value(), "update", incident_id, "",
                     {{"offer", practice_agb}, {"capacity", capacity ? json(*capacity) : json()}});
      !s) {
    return s;
  }
  return uow.value()->Commit();
}

Result<TemporarySite> RedistributionService::AddSite(const Caller& caller, std::int64_t incident_id,
                                                     TemporarySite site) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO voegt tijdelijke capaciteit toe");
  Errors errors;
  if (!ParseEnum(solver::RECEIVER_KINDS, site.kind) || site.kind == "practice") {
    errors.push_back(
        Error::Validation("kind",
                          "Kies nulpraktijk (new_practice), huisartsenpost overdag "
                          "(out_of_hours_post) of extra uren waarnemer (locum_hours)."));
  }
  if (Trim(site.name).empty())
    errors.push_back(Error::Validation("name", "Geef de plek een naam."));
  if (site.capacity <= 0 || site.capacity > 20000) {
    errors.push_back(
        Error::Validation("capacity", "Het aantal plaatsen moet tussen 1 en 20.000 liggen."));
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, true);
  if (!incident) return incident.error();
  if (!site.practice_agb.empty()) {
    auto practice = FindPractice(*uow.value(), site.practice_agb);
    if (!practice || !practice->latitude) {
      errors.push_back(
          Error::Validation("practice_agb", "Praktijk " + site.practice_agb + " bestaat niet."));
    } else {
      site.latitude = *practice->latitude;
      site.longitude = *practice->longitude;
    }
  } else if (!(site.latitude >= 50.7 && site.latitude <= 53.6 && site.longitude >= 3.3 &&
               site.longitude <= 7.3)) {
    errors.push_back(Error::Validation("latitude", "Kies een praktijk of een plek in Nederland."));
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));
  auto stored = uow.value()->Redistribution().AddSite(incident_id, site);
  if (!stored) return stored.error();
  if (auto s = Audit(*uow.value(), "create", incident_id, "",
                     {{"site", site.name}, {"capacity", site.capacity}});
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return stored;
}

Status RedistributionService::RemoveSite(const Caller& caller, std::int64_t incident_id,
                                         std::int64_t site_id) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO verwijdert tijdelijke capaciteit");
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, true);
  if (!incident) return incident.error();
  if (auto s = uow.value()->Redistribution().RemoveSite(incident_id, site_id); !s) return s;
  if (auto s = Audit(*uow.value(), "delete", incident_id, "", {{"site", site_id}}); !s) return s;
  return uow.value()->Commit();
}

Result<json> RedistributionService::Plan(const Caller& caller, std::int64_t incident_id,
                                         const solver::PlanParameters& parameters) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO maakt een verdeling");
  {
    auto uow = store_.Begin(caller.actor);
    if (!uow) return uow.error();
    auto incident = ActiveIncident(*uow.value(), incident_id, true);
    if (!incident) return incident.error();
    auto& repo = uow.value()->Redistribution();
    auto patients = repo.Patients(incident_id);
    if (patients.empty()) {
      return Error::Validation("patients",
                               "Laad eerst de patiëntenlijst van de gesloten praktijk.");
    }
    PlanningData data =
        BuildPlanning(*uow.value(), incident.value(), patients, parameters, settings_);
    if (auto valid = solver::ValidatePlanInput(data.input); !valid) return valid.error();
    solver::Plan plan = solver::PlanRedistribution(data.input);
    std::vector<int> receiver_of(data.input.households.size(), -1);
    for (const auto& a : plan.assignments) receiver_of[a.household] = a.receiver;
    const std::string now = NowText();
    long long proposed = 0;
    for (std::size_t h = 0; h < data.members.size(); ++h) {
      for (int i : data.members[h]) {
        auto& p = patients[i];
        if (p.stage >= PatientStage::kAccepted &&
            !data.input.households[h].accepted_receiver.empty())
          continue;
        int r = receiver_of[h];
        p.receiver_id = r >= 0 ? data.input.receivers[r].id : "";
        p.stage = r >= 0 ? PatientStage::kProposed : PatientStage::kUnplaced;
        p.updated_at = now;
        proposed += r >= 0;
        if (auto s = repo.UpdatePatient(p); !s) return s.error();
      }
    }
    json summary = PlanToJson(data.input, plan);
    summary.erase("assignments");
    if (auto s = repo.SavePlan(incident_id, {PlanParametersToJson(parameters).dump(),
                                             summary.dump(), now, caller.actor.user});
        !s) {
      return s.error();
    }
    if (auto s = Audit(*uow.value(), "update", incident_id, "",
                       {{"plan", solver::PlanOutcomeName(plan.outcome)},
                        {"households", plan.households_total},
                        {"placed", plan.households_placed},
                        {"patients_proposed", proposed}});
        !s) {
      return s.error();
    }
    if (auto s = uow.value()->Commit(); !s) return s.error();
  }
  return Overview(caller, incident_id);
}

Result<json> RedistributionService::Overview(const Caller& caller, std::int64_t incident_id) {
  if (caller.role == UserRole::kReadOnly)
    return Forbidden("uw rol geeft geen toegang tot de opvang");
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, false);
  if (!incident) return incident.error();
  auto& repo = uow.value()->Redistribution();
  auto patients = repo.Patients(incident_id);
  auto stored = repo.FindPlan(incident_id);
  solver::PlanParameters parameters =
      stored ? PlanParametersFromJson(json::parse(stored->parameters, nullptr, false))
             : solver::PlanParameters{};
  PlanningData data =
      BuildPlanning(*uow.value(), incident.value(), patients, parameters, settings_);
  json out;
  const Incident& inc = incident.value();
  out["incident"] = {{"id", inc.id},
                     {"number", inc.number},
                     {"title", inc.title},
                     {"status", std::string(EnumCode(INCIDENT_STATUSES, inc.status))}};
  out["parameters"] = PlanParametersToJson(parameters);
  out["closed_practices"] = json::array();
  for (const auto& agb : inc.practice_agbs) {
    auto practice = FindPractice(*uow.value(), agb);
    long long listed =
        std::count_if(patients.begin(), patients.end(),
                      [&](const RedistributionPatient& p) { return p.practice_agb == agb; });
    json item{{"agb", agb}, {"patients_listed", listed}};
    if (practice) {
      item["name"] = practice->name;
      item["registered_patients"] = practice->registered_patients;
      if (practice->latitude) {
        item["latitude"] = *practice->latitude;
        item["longitude"] = *practice->longitude;
      }
    }
    out["closed_practices"].push_back(std::move(item));
  }
  // Loads as they are now (accepted and proposed), so the table is right between plans too.
  std::map<std::string, long long> placed, vulnerable;
  std::map<std::string, std::set<std::string>> households;
  std::map<std::string, long long> funnel, consent;  // every stage and answer, zero included
  for (const auto& s : PATIENT_STAGES) funnel[std::string(s.code)] = 0;
  for (const auto& c : DOSSIER_CONSENTS) consent[std::string(c.code)] = 0;
  std::map<std::pair<std::string, std::string>, std::pair<std::set<std::string>, long long>>
      by_postcode;
  for (const auto& p : patients) {
    ++funnel[std::string(EnumCode(PATIENT_STAGES, p.stage))];
    ++consent[std::string(EnumCode(DOSSIER_CONSENTS, p.consent))];
    auto& cell = by_postcode[{p.postcode, p.receiver_id}];
    cell.first.insert(HouseholdId(p));
    ++cell.second;
    if (p.receiver_id.empty()) continue;
    ++placed[p.receiver_id];
    if (p.vulnerability != "none") ++vulnerable[p.receiver_id];
    households[p.receiver_id].insert(HouseholdId(p));
  }
  out["funnel"] = funnel;
  out["consent"] = consent;
  out["patients_total"] = patients.size();
  json plan_receivers = json::object();
  if (stored) {
    json summary = json::parse(stored->summary, nullptr, false);
    if (summary.is_object()) {
      for (const auto& r : summary["receivers"]) plan_receivers[r["id"].get<std::string>()] = r;
      out["plan"] = {{"planned_at", stored->planned_at},      {"planned_by", stored->planned_by},
                     {"outcome", summary["outcome"]},         {"summary", summary["summary"]},
                     {"lower_bound", summary["lower_bound"]}, {"gap", summary["gap"]},
                     {"explanation", summary["explanation"]}, {"candidates", summary["candidates"]},
                     {"unplaced", summary["unplaced"]}};
    }
  }
  out["receivers"] = json::array();
  for (std::size_t r = 0; r < data.input.receivers.size(); ++r) {
    const auto& receiver = data.input.receivers[r];
    const auto& info = data.info[r];
    long long here = placed.count(receiver.id) ? placed[receiver.id] : 0;
    json item{{"id", receiver.id},
              {"name", receiver.name},
              {"kind", EnumCode(solver::RECEIVER_KINDS, receiver.kind)},
              {"latitude", receiver.latitude},
              {"longitude", receiver.longitude},
              {"capacity", receiver.capacity},
              {"contract_partner", receiver.contract_partner},
              {"placed_patients", here},
              {"placed_households", households[receiver.id].size()},
              {"vulnerable_patients", vulnerable[receiver.id]}};
    if (info.gp_fte > 0) {
      double after = static_cast<double>(info.registered + here) / info.gp_fte;
      item["patients_per_fte_after"] = after;
      item["above_signal"] = after > settings_.signal_patients_per_fte;
    }
    if (plan_receivers.contains(receiver.id)) {
      const auto& pr = plan_receivers[receiver.id];
      item["mean_km"] = pr["mean_km"], item["max_km"] = pr["max_km"];
      item["saturated"] = pr["saturated"], item["binding"] = pr["binding"];
    }
    out["receivers"].push_back(std::move(item));
  }
  out["postcodes"] = json::array();
  for (const auto& [key, cell] : by_postcode) {
    const auto* area = PostcodeTable::Embedded().Find(key.first);
    if (!area) continue;
    out["postcodes"].push_back({{"postcode", key.first},
                                {"receiver", key.second},
                                {"latitude", area->latitude},
                                {"longitude", area->longitude},
                                {"households", cell.first.size()},
                                {"patients", cell.second}});
  }
  json offers = json::array();
  for (const auto& o : repo.Offers(incident_id))
    offers.push_back({{"practice_agb", o.practice_agb}, {"capacity", o.capacity}});
  out["offers"] = offers;
  json sites = json::array();
  for (const auto& s : repo.Sites(incident_id)) {
    sites.push_back({{"id", s.id},
                     {"kind", s.kind},
                     {"name", s.name},
                     {"capacity", s.capacity},
                     {"latitude", s.latitude},
                     {"longitude", s.longitude},
                     {"practice_agb", s.practice_agb}});
  }
  out["sites"] = sites;
  // Unplaced households carry pseudonymous keys: only the RHO sees them.
  if (!caller.IsRho() && out.contains("plan")) out["plan"].erase("unplaced");
  return out;
}

Result<std::vector<RedistributionPatient>> RedistributionService::Patients(
    const Caller& caller, std::int64_t incident_id, const std::string& receiver_id) {
  bool own = caller.role == UserRole::kPracticeUser && !receiver_id.empty() &&
             caller.HasPractice(receiver_id);
  if (!caller.IsRho() && !own)
    return Forbidden("u ziet alleen de patiënten die uw praktijk opvangt");
  auto uow = store_.Begin(caller.actor);  // a write: the read is audited in the same transaction
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, false);
  if (!incident) return incident.error();
  auto patients = uow.value()->Redistribution().Patients(incident_id);
  if (!receiver_id.empty()) {
    std::erase_if(patients,
                  [&](const RedistributionPatient& p) { return p.receiver_id != receiver_id; });
  }
  if (auto s = Audit(*uow.value(), "read", incident_id, receiver_id.empty() ? "alle" : receiver_id,
                     {{"patients", patients.size()}});
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return patients;
}

Result<std::vector<RedistributionPatient>> RedistributionService::VulnerablePatients(
    const Caller& caller, std::int64_t incident_id, const std::string& practice_agb) {
  const bool own = caller.role == UserRole::kPracticeUser && caller.HasPractice(practice_agb);
  if (!caller.IsRho() && !own)
    return Forbidden("u ziet alleen de kwetsbare patiënten van uw eigen praktijk");
  auto uow = store_.Begin(caller.actor);  // a write: the read is audited in the same transaction
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, false);
  if (!incident) return incident.error();
  if (!Closed(incident.value(), practice_agb)) {
    return Error::NotFound("practice_agb", "Deze praktijk is niet getroffen door dit incident.");
  }
  auto patients = uow.value()->Redistribution().Patients(incident_id);
  std::erase_if(patients, [&](const RedistributionPatient& p) {
    return p.practice_agb != practice_agb || p.vulnerability == "none";
  });
  if (auto s = Audit(*uow.value(), "read", incident_id, practice_agb,
                     {{"patients", patients.size()}, {"list", "vulnerable"}});
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return patients;
}

Status RedistributionService::Decide(const Caller& caller, std::int64_t incident_id,
                                     const HouseholdDecision& decision) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, true);
  if (!incident) return incident.error();
  auto& repo = uow.value()->Redistribution();
  std::vector<RedistributionPatient> members;
  for (auto& p : repo.Patients(incident_id)) {
    if (p.practice_agb == decision.practice_agb && p.household_key == decision.household_key)
      members.push_back(p);
  }
  if (members.empty())
    return Error::NotFound("household_key", "Dit huishouden bestaat niet in dit incident.");
  const std::string receiver = members.front().receiver_id;
  bool own = caller.role == UserRole::kPracticeUser && caller.HasPractice(receiver);
  if (!caller.IsRho() && !own)
    return Forbidden("alleen de voorgestelde praktijk beslist over dit voorstel");
  const std::string now = NowText();
  for (auto& p : members) {
    if (p.stage != PatientStage::kProposed) {
      return Error::Conflict("stage", "Over dit voorstel is al beslist.");
    }
    p.stage = decision.accept ? PatientStage::kAccepted : PatientStage::kUnplaced;
    if (!decision.accept) {
      p.declined_by += (p.declined_by.empty() ? "" : ";") + receiver;
      p.receiver_id.clear();
    }
    p.updated_at = now;
    if (auto s = repo.UpdatePatient(p); !s) return s;
  }
  if (auto s = Audit(*uow.value(), decision.accept ? "accept" : "decline", incident_id,
                     decision.practice_agb + "/" + decision.household_key,
                     {{"receiver", receiver}, {"patients", members.size()}});
      !s) {
    return s;
  }
  return uow.value()->Commit();
}

Status RedistributionService::Advance(const Caller& caller, std::int64_t incident_id,
                                      const std::vector<std::int64_t>& ids, PatientStage to) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, true);
  if (!incident) return incident.error();
  auto& repo = uow.value()->Redistribution();
  auto patients = repo.Patients(incident_id);
  const std::string now = NowText();
  for (std::int64_t id : ids) {
    auto it = FindPatientToUpdate(caller, patients, id);
    if (!it) return it.error();
    RedistributionPatient& patient = *it.value();
    if (auto s = CheckStageChange(patient.stage, to, patient.consent); !s) {
      Error e = s.error();
      e.message = "Patiënt " + patient.his_number + ": " + e.message;
      return e;
    }
    patient.stage = to;
    patient.updated_at = now;
    if (auto s = repo.UpdatePatient(patient); !s) return s;
    if (auto s = Audit(*uow.value(), "update", incident_id,
                       patient.practice_agb + "/" + patient.his_number,
                       {{"stage", EnumCode(PATIENT_STAGES, to)}});
        !s) {
      return s;
    }
  }
  return uow.value()->Commit();
}

Status RedistributionService::RecordConsent(const Caller& caller, std::int64_t incident_id,
                                            std::int64_t patient_id, DossierConsent consent) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, true);
  if (!incident) return incident.error();
  auto& repo = uow.value()->Redistribution();
  auto patients = repo.Patients(incident_id);
  auto found = FindPatientToUpdate(caller, patients, patient_id);
  if (!found) return found.error();
  RedistributionPatient* it = found.value();
  if (auto s = CheckConsentChange(it->stage); !s) return s;
  it->consent = consent;
  it->updated_at = NowText();
  if (auto s = repo.UpdatePatient(*it); !s) return s;
  if (auto s = Audit(*uow.value(), "update", incident_id, it->practice_agb + "/" + it->his_number,
                     {{"consent", EnumCode(DOSSIER_CONSENTS, consent)}});
      !s) {
    return s;
  }
  return uow.value()->Commit();
}

Result<std::string> RedistributionService::LettersCsv(const Caller& caller,
                                                      std::int64_t incident_id,
                                                      const std::string& receiver_id) {
  auto patients = Patients(caller, incident_id, receiver_id);
  if (!patients) return patients.error();
  std::string receiver_name = receiver_id;
  {
    auto uow = store_.BeginRead(caller.actor);
    if (!uow) return uow.error();
    if (auto p = FindPractice(*uow.value(), receiver_id)) receiver_name = p->name;
  }
  std::map<std::string, std::vector<const RedistributionPatient*>> by_household;
  for (const auto& p : patients.value()) by_household[HouseholdId(p)].push_back(&p);
  std::vector<std::vector<std::string>> rows;
  for (const auto& [id, members] : by_household) {
    std::string numbers;
    for (const auto* p : members) numbers += (numbers.empty() ? "" : ";") + p->his_number;
    const auto* first = members.front();
    // The letter in our own words; «naam» and «adres» are filled in by the HIS mail merge, so
    // names and addresses never pass through vangnet.
    std::string letter =
        "Beste «naam»,\n\nUw huisartsenpraktijk kan u helaas niet langer zorg bieden. Om ervoor te "
        "zorgen dat u een huisarts houdt, stellen wij voor dat u " +
        std::string(members.size() == 1 ? "zich" : "zich met uw gezin") + " inschrijft bij " +
        receiver_name +
        ". U hoeft daarvoor alleen het inschrijfformulier in te vullen.\n\nUw medisch dossier "
        "gaat pas naar de nieuwe praktijk als u daarvoor toestemming geeft; u kunt ook bezwaar "
        "maken. U mag altijd zelf een andere huisarts kiezen.\n\nMet vriendelijke groet,\n"
        "De regionale huisartsenorganisatie";
    rows.push_back({receiver_id, receiver_name, first->practice_agb, first->household_key, numbers,
                    first->postcode, first->house_number, std::to_string(members.size()),
                    std::string(EnumLabel(PATIENT_STAGES, first->stage)), letter});
  }
  return WriteCsv(
      {"receiver_agb", "receiver_name", "closed_practice_agb", "household_key",
       "his_patient_numbers", "postcode", "house_number", "patients", "stage", "letter"},
      rows);
}

Result<std::string> RedistributionService::ExportCsv(const Caller& caller,
                                                     std::int64_t incident_id) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO exporteert de opvang");
  auto patients = Patients(caller, incident_id);
  if (!patients) return patients.error();
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : patients.value()) {
    rows.push_back({p.practice_agb, p.his_number, p.household_key, p.postcode, p.receiver_id,
                    std::string(EnumCode(PATIENT_STAGES, p.stage)),
                    std::string(EnumCode(DOSSIER_CONSENTS, p.consent)), p.updated_at});
  }
  return WriteCsv({"closed_practice_agb", "his_patient_number", "household_key", "postcode",
                   "receiver_id", "stage", "consent", "updated_at"},
                  rows);
}

Result<long long> RedistributionService::Purge(const Caller& caller, std::int64_t incident_id,
                                               bool export_confirmed) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO verwijdert patiëntgegevens");
  if (!export_confirmed) {
    return Error::Validation("export_confirmed", "Bevestig eerst dat de export is opgeslagen.");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = ActiveIncident(*uow.value(), incident_id, false);
  if (!incident) return incident.error();
  auto purged = uow.value()->Redistribution().PurgePatients(incident_id);
  if (!purged) return purged.error();
  if (auto s = uow.value()->Redistribution().SavePlan(incident_id,
                                                      {"{}", "{}", NowText(), caller.actor.user});
      !s) {
    return s.error();
  }
  if (auto s = Audit(*uow.value(), "delete", incident_id, "alle",
                     {{"patients_deleted", purged.value()}});
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return purged;
}

}  // namespace vangnet

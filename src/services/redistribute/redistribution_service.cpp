#include "services/redistribute/redistribution_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "io/csv.hpp"
#include "io/patient_list_csv.hpp"
#include "io/plan_json.hpp"
#include "services/redistribute/redistribution_planning.hpp"
#include "services/redistribute/synthetic_households.hpp"
#include "services/registry/import_slots.hpp"
#include "solver/planner.hpp"

namespace vangnet {

using nlohmann::json;
using namespace redistribution;

Result<long long> RedistributionService::ImportPatients(const Caller& caller,
                                                        std::int64_t incident_id,
                                                        const std::string& practice_agb,
                                                        const std::string& csv_text,
                                                        const std::string& file_name) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO laadt patiëntenlijsten");
  auto slot = ImportSlot::Take();
  if (!slot) return slot.error();
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  Incident& incident = work.value().incident;
  if (!Closed(incident, practice_agb)) {
    return Error::Validation("practice_agb",
                             "Praktijk " + practice_agb + " hoort niet bij dit incident.");
  }
  int year = static_cast<int>(store_.clock().Today().year());
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
  for (const auto& p : uow.Redistribution().Patients(incident_id)) {
    if (p.practice_agb == practice_agb && p.stage >= PatientStage::kAccepted) {
      return Error::Conflict("practice_agb",
                             "Een deel van deze patiënten is al geaccepteerd door een "
                             "ontvangende praktijk; de lijst kan niet meer worden vervangen.");
    }
  }
  if (auto s = uow.Redistribution().ReplacePatients(incident_id, practice_agb, parsed.value());
      !s) {
    return s.error();
  }
  auto count = static_cast<long long>(parsed.value().size());
  if (auto s = Audit(uow, "import", incident_id, practice_agb,
                     {{"patients", count}, {"file", file_name}});
      !s) {
    return s.error();
  }
  if (auto s = uow.Commit(); !s) return s.error();
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
    options.current_year = static_cast<int>(store_.clock().Today().year());
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
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  if (!FindPractice(uow, practice_agb)) {
    return Error::NotFound("practice_agb", "Praktijk " + practice_agb + " bestaat niet.");
  }
  auto& repo = uow.Redistribution();
  if (auto s = capacity ? repo.SetOffer(incident_id, {practice_agb, *capacity})
                        : repo.RemoveOffer(incident_id, practice_agb);
      !s) {
    return s;
  }
  if (auto s = Audit(uow, "update", incident_id, "",
                     {{"offer", practice_agb}, {"capacity", capacity ? json(*capacity) : json()}});
      !s) {
    return s;
  }
  return uow.Commit();
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
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  if (!site.practice_agb.empty()) {
    auto practice = FindPractice(uow, site.practice_agb);
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
  auto stored = uow.Redistribution().AddSite(incident_id, site);
  if (!stored) return stored.error();
  if (auto s =
          Audit(uow, "create", incident_id, "", {{"site", site.name}, {"capacity", site.capacity}});
      !s) {
    return s.error();
  }
  if (auto s = uow.Commit(); !s) return s.error();
  return stored;
}

Status RedistributionService::RemoveSite(const Caller& caller, std::int64_t incident_id,
                                         std::int64_t site_id) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO verwijdert tijdelijke capaciteit");
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  if (auto s = uow.Redistribution().RemoveSite(incident_id, site_id); !s) return s;
  if (auto s = Audit(uow, "delete", incident_id, "", {{"site", site_id}}); !s) return s;
  return uow.Commit();
}

Result<RegionalPlan> RedistributionService::PlanRegion(const Caller& caller,
                                                       const solver::PlanParameters& parameters) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO maakt een verdeling");
  // One write transaction: no other plan is made meanwhile (on PostgreSQL every write holds the
  // store's lock), so the region's places are decided once.
  auto begun = store_.Begin(caller.actor);
  if (!begun) return begun.error();
  UnitOfWork& uow = *begun.value();
  std::vector<Incident> incidents;
  std::vector<RedistributionPatient> patients;
  std::vector<std::size_t> incident_of;  // per patient
  for (auto& incident : uow.Incidents().List()) {
    if (incident.status == IncidentStatus::kClosed || incident.exercise) continue;
    auto own = uow.Redistribution().Patients(incident.id);
    if (own.empty()) continue;
    for (auto& p : own) {
      patients.push_back(std::move(p));
      incident_of.push_back(incidents.size());
    }
    incidents.push_back(std::move(incident));
  }
  if (incidents.empty()) {
    return Error::Validation("incidents",
                             "Geen open incident heeft een patiëntenlijst; laad die eerst per "
                             "incident op de opvangpagina.");
  }
  std::vector<const Incident*> in_solve;
  for (const auto& i : incidents) in_solve.push_back(&i);
  // Exercises stay outside the real region's plan, and take nothing from it.
  PlanningData data = BuildPlanning(uow, in_solve, patients, parameters, settings_, {});
  if (auto valid = solver::ValidatePlanInput(data.input); !valid) return valid.error();
  solver::Plan plan = solver::PlanRedistribution(data.input);
  const std::string now = FormatUtc(store_.clock().Now());
  auto applied = ApplyPlan(uow, patients, data, plan, now);
  if (!applied) return applied.error();

  json summary = PlanToJson(data.input, plan);
  summary.erase("assignments");
  RegionalPlan out;
  for (const auto& line : summary.value("explanation", json::array())) {
    if (line.is_string()) out.explanation.push_back(line.get<std::string>());
  }
  std::string numbers;
  for (const auto& i : incidents) numbers += (numbers.empty() ? "" : ", ") + i.number;
  summary["explanation"].insert(summary["explanation"].begin(),
                                "Regionaal plan, samen gemaakt voor de open incidenten " + numbers +
                                    ": de plaatsen in de regio zijn over hen samen verdeeld.");
  for (std::size_t k = 0; k < incidents.size(); ++k) {
    RegionalIncidentResult result{incidents[k].id, incidents[k].number, incidents[k].title};
    for (std::size_t i = 0; i < patients.size(); ++i) {
      if (incident_of[i] != k) continue;
      const bool vulnerable = patients[i].vulnerability != "none";
      const bool placed = !patients[i].receiver_id.empty();
      ++result.patients;
      result.placed += placed;
      result.vulnerable += vulnerable;
      result.vulnerable_placed += vulnerable && placed;
    }
    out.patients += result.patients;
    out.placed += result.placed;
    if (auto s = uow.Redistribution().SavePlan(
            incidents[k].id,
            {PlanParametersToJson(parameters).dump(), summary.dump(), now, caller.actor.user});
        !s) {
      return s.error();
    }
    if (auto s = Audit(uow, "update", incidents[k].id, "regionaal plan",
                       {{"plan", solver::PlanOutcomeName(plan.outcome)},
                        {"incidents", incidents.size()},
                        {"patients", result.patients},
                        {"placed", result.placed}});
        !s) {
      return s.error();
    }
    out.incidents.push_back(std::move(result));
  }
  if (auto s = uow.Commit(); !s) return s.error();
  return out;
}

Result<RedistributionOverview> RedistributionService::Plan(
    const Caller& caller, std::int64_t incident_id, const solver::PlanParameters& parameters) {
  if (!caller.IsRho()) return Forbidden("alleen de RHO maakt een verdeling");
  {
    auto work = OpenIncidentWork(store_, caller, incident_id, Work::kChange);
    if (!work) return work.error();
    UnitOfWork& uow = *work.value().uow;
    Incident& incident = work.value().incident;
    auto& repo = uow.Redistribution();
    auto patients = repo.Patients(incident_id);
    if (patients.empty()) {
      return Error::Validation("patients",
                               "Laad eerst de patiëntenlijst van de gesloten praktijk.");
    }
    PlanningData data = BuildPlanning(uow, incident, patients, parameters, settings_);
    if (auto valid = solver::ValidatePlanInput(data.input); !valid) return valid.error();
    solver::Plan plan = solver::PlanRedistribution(data.input);
    const std::string now = FormatUtc(store_.clock().Now());
    auto applied = ApplyPlan(uow, patients, data, plan, now);
    if (!applied) return applied.error();
    const long long proposed = applied.value();
    json summary = PlanToJson(data.input, plan);
    summary.erase("assignments");
    if (auto s = repo.SavePlan(incident_id, {PlanParametersToJson(parameters).dump(),
                                             summary.dump(), now, caller.actor.user});
        !s) {
      return s.error();
    }
    if (auto s = Audit(uow, "update", incident_id, "",
                       {{"plan", solver::PlanOutcomeName(plan.outcome)},
                        {"households", plan.households_total},
                        {"placed", plan.households_placed},
                        {"patients_proposed", proposed}});
        !s) {
      return s.error();
    }
    if (auto s = uow.Commit(); !s) return s.error();
  }
  return Overview(caller, incident_id);
}

}  // namespace vangnet

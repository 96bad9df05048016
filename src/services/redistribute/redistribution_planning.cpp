#include "services/redistribute/redistribution_planning.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/monitor.hpp"
#include "io/postcode_table.hpp"
#include "services/monitor/monitor_service.hpp"

namespace vangnet::redistribution {

using nlohmann::json;

Error Forbidden(const char* what) {
  return Error(ErrorKind::kForbidden, what);
}

Result<IncidentWork> OpenIncidentWork(Store& store, const Caller& caller, std::int64_t incident_id,
                                      Work work) {
  auto uow = work == Work::kRead ? store.BeginRead(caller.actor) : store.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = uow.value()->Incidents().Find(incident_id);
  if (!incident) return Error::NotFound("incident", "Dit incident bestaat niet.");
  if (work == Work::kChange && incident->status == IncidentStatus::kClosed) {
    return Error::Conflict("incident", "Het incident is gesloten; de opvang is afgerond.");
  }
  return IncidentWork{std::move(uow.value()), std::move(*incident)};
}

Status Audit(UnitOfWork& uow, const char* action, std::int64_t incident_id, std::string subject,
             const json& details) {
  return RecordAudit(uow, action, "redistribution", std::to_string(incident_id), std::move(subject),
                     details.dump());
}

std::string HouseholdId(const RedistributionPatient& p) {
  return p.practice_agb + "/" + p.household_key;
}

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

RegionalLedger ReadRegionalLedger(UnitOfWork& uow, const Incident& incident) {
  RegionalLedger ledger;
  for (const Incident& other : uow.Incidents().List()) {
    if (other.id == incident.id || other.status == IncidentStatus::kClosed) continue;
    if (other.exercise && !incident.exercise) continue;
    for (const auto& agb : other.practice_agbs) {
      ledger.closed.insert(agb);
      ledger.closed_by.emplace(agb, other.number);
    }
    for (const auto& p : uow.Redistribution().Patients(other.id)) {
      if (p.stage < PatientStage::kProposed || p.receiver_id.empty() ||
          p.receiver_id.starts_with("site-")) {
        continue;  // unplaced, or at a temporary site of that incident's own
      }
      ++ledger.promised[p.receiver_id];
      ledger.promised_by[p.receiver_id].insert(other.number);
    }
  }
  return ledger;
}

PlanningData BuildPlanning(UnitOfWork& uow, const Incident& incident,
                           const std::vector<RedistributionPatient>& patients,
                           const solver::PlanParameters& parameters,
                           const RedistributionSettings& settings) {
  return BuildPlanning(uow, std::vector<const Incident*>{&incident}, patients, parameters, settings,
                       ReadRegionalLedger(uow, incident));
}

PlanningData BuildPlanning(UnitOfWork& uow, const std::vector<const Incident*>& incidents,
                           const std::vector<RedistributionPatient>& patients,
                           const solver::PlanParameters& parameters,
                           const RedistributionSettings& settings, const RegionalLedger& ledger) {
  PlanningData data;
  data.input.parameters = parameters;
  const auto closed_here = [&](const std::string& agb) {
    return std::any_of(incidents.begin(), incidents.end(),
                       [&](const Incident* i) { return Closed(*i, agb); });
  };
  std::map<std::string, long long> offers;
  for (const Incident* incident : incidents) {
    for (const auto& o : uow.Redistribution().Offers(incident->id)) {
      offers[o.practice_agb] = std::max(offers[o.practice_agb], o.capacity);
    }
  }
  std::set<std::string> partners;
  for (const auto& c : uow.Table<ContinuityContract>().List()) {
    if (closed_here(c.practice_a_agb)) partners.insert(c.practice_b_agb);
    if (closed_here(c.practice_b_agb)) partners.insert(c.practice_a_agb);
  }
  MonitorSettings norm;
  norm.norm_patients_per_fte = settings.norm_patients_per_fte;
  std::map<std::string, std::string> place_of;  // receiver AGB -> place
  for (const auto& snapshot : ReadSnapshots(uow)) {
    const Practice& p = snapshot.practice;
    place_of[p.agb] = p.place;
    // A closed practice's own building is never advised as a site: it may be the building that
    // burned or flooded. Whoever knows it is usable adds it as a site on the opvang page. A
    // practice another open incident closes receives nobody either.
    if (closed_here(p.agb) || ledger.closed.contains(p.agb)) continue;
    if (p.status == PracticeStatus::kClosed || !p.latitude || !p.longitude) continue;
    auto offer = offers.find(p.agb);
    // seed 004 §4.2.1: room up to the norm practice per FTE; a patient stop means none unless
    // the practice offers places itself.
    long long capacity = offer != offers.end() ? offer->second
                         : p.patient_stop      ? 0
                                               : Headroom(snapshot, norm);
    // Places the other open incidents' plans promised here are taken (never below none).
    if (auto promised = ledger.promised.find(p.agb); promised != ledger.promised.end()) {
      capacity = std::max(0LL, capacity - promised->second);
    }
    data.input.receivers.push_back({p.agb, p.name, *p.latitude, *p.longitude, capacity,
                                    partners.contains(p.agb), solver::ReceiverKind::kPractice});
    data.info.push_back({p.agb, p.registered_patients, GpFte(snapshot)});
  }
  for (const Incident* incident : incidents) {
    for (const auto& site : uow.Redistribution().Sites(incident->id)) {
      data.input.receivers.push_back(solver::Receiver{
          "site-" + std::to_string(site.id), site.name, site.latitude, site.longitude,
          site.capacity, false,
          ParseEnum(solver::RECEIVER_KINDS, site.kind).value_or(solver::ReceiverKind::kNewPractice)});
      data.info.push_back({site.practice_agb, 0, 0});
    }
  }
  // Receivers that share a name are named with their AGB too (and their place when the name
  // does not say it): a plan and its letters must never leave a doubt which practice is meant.
  std::map<std::string, int> name_count;
  for (const auto& r : data.input.receivers) ++name_count[r.name];
  for (auto& r : data.input.receivers) {
    if (name_count[r.name] < 2 || r.kind != solver::ReceiverKind::kPractice) continue;
    const std::string& place = place_of[r.id];
    r.name += " (" + (place.empty() || r.name.find(place) != std::string::npos ? "" : place + ", ") +
              "AGB " + r.id + ")";
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

Result<long long> ApplyPlan(UnitOfWork& uow, std::vector<RedistributionPatient>& patients,
                            const PlanningData& data, const solver::Plan& plan,
                            const std::string& now) {
  std::vector<int> receiver_of(data.input.households.size(), -1);
  for (const auto& a : plan.assignments) receiver_of[a.household] = a.receiver;
  long long proposed = 0;
  for (std::size_t h = 0; h < data.members.size(); ++h) {
    for (int i : data.members[h]) {
      auto& p = patients[i];
      if (p.stage >= PatientStage::kAccepted && !data.input.households[h].accepted_receiver.empty())
        continue;
      const int r = receiver_of[h];
      p.receiver_id = r >= 0 ? data.input.receivers[r].id : "";
      p.stage = r >= 0 ? PatientStage::kProposed : PatientStage::kUnplaced;
      p.updated_at = now;
      proposed += r >= 0;
      if (auto s = uow.Redistribution().UpdatePatient(p); !s) return s.error();
    }
  }
  return proposed;
}

}  // namespace vangnet::redistribution

// RedistributionService::Overview: the opvang page's picture of an incident's redistribution.
#include <algorithm>
#include <map>
#include <set>

#include "io/plan_json.hpp"
#include "io/postcode_table.hpp"
#include "services/redistribute/redistribution_planning.hpp"
#include "services/redistribute/redistribution_service.hpp"

namespace vangnet {

using namespace redistribution;

Result<RedistributionOverview> RedistributionService::Overview(const Caller& caller,
                                                               std::int64_t incident_id) {
  if (caller.role == UserRole::kReadOnly)
    return Forbidden("uw rol geeft geen toegang tot de opvang");
  auto work = OpenIncidentWork(store_, caller, incident_id, Work::kAuditedRead);
  if (!work) return work.error();
  UnitOfWork& uow = *work.value().uow;
  Incident& incident = work.value().incident;
  auto& repo = uow.Redistribution();
  auto patients = repo.Patients(incident_id);
  RedistributionOverview out;
  out.plan = repo.FindPlan(incident_id);
  // Who made the plan is a person (with single sign-on the username is their name): only roles
  // that may read every person see it; the others read that the RHO made it.
  if (out.plan && ReadAccess(caller.role, "person") != Access::kAll) out.plan->planned_by = "RHO";
  out.parameters =
      out.plan ? PlanParametersFromJson(nlohmann::json::parse(out.plan->parameters, nullptr, false))
                     .value_or(solver::PlanParameters{})  // stored by Plan: checked then
               : solver::PlanParameters{};
  PlanningData data = BuildPlanning(uow, incident, patients, out.parameters, settings_);
  out.incident = incident;
  for (const auto& agb : out.incident.practice_agbs) {
    ClosedPracticeView item;
    item.agb = agb;
    item.patients_listed =
        std::count_if(patients.begin(), patients.end(),
                      [&](const RedistributionPatient& p) { return p.practice_agb == agb; });
    if (auto practice = FindPractice(uow, agb)) {
      item.name = practice->name;
      item.registered_patients = practice->registered_patients;
      item.latitude = practice->latitude;
      item.longitude = practice->longitude;
    }
    out.closed_practices.push_back(std::move(item));
  }
  // Loads as they are now (accepted and proposed), so the table is right between plans too.
  std::map<std::string, long long> placed, vulnerable;
  std::map<std::string, std::set<std::string>> households;
  for (const auto& s : PATIENT_STAGES) out.funnel[std::string(s.code)] = 0;
  for (const auto& c : DOSSIER_CONSENTS) out.consent[std::string(c.code)] = 0;
  std::map<std::pair<std::string, std::string>, std::pair<std::set<std::string>, long long>>
      by_postcode;
  for (const auto& p : patients) {
    ++out.funnel[std::string(EnumCode(PATIENT_STAGES, p.stage))];
    ++out.consent[std::string(EnumCode(DOSSIER_CONSENTS, p.consent))];
    auto& cell = by_postcode[{p.postcode, p.receiver_id}];
    cell.first.insert(HouseholdId(p));
    ++cell.second;
    if (p.receiver_id.empty()) continue;
    ++placed[p.receiver_id];
    if (p.vulnerability != "none") ++vulnerable[p.receiver_id];
    households[p.receiver_id].insert(HouseholdId(p));
  }
  out.patients_total = patients.size();
  for (std::size_t r = 0; r < data.input.receivers.size(); ++r) {
    ReceiverView view;
    view.receiver = data.input.receivers[r];
    const auto& info = data.info[r];
    const std::string& id = view.receiver.id;
    view.placed_patients = placed.count(id) ? placed[id] : 0;
    view.placed_households = households[id].size();
    view.vulnerable_patients = vulnerable[id];
    if (info.gp_fte > 0) {
      view.patients_per_fte_after =
          static_cast<double>(info.registered + view.placed_patients) / info.gp_fte;
      view.above_signal = *view.patients_per_fte_after > settings_.signal_patients_per_fte;
    }
    out.receivers.push_back(std::move(view));
  }
  for (const auto& [key, cell] : by_postcode) {
    const auto* area = PostcodeTable::Embedded().Find(key.first);
    if (!area) continue;
    out.postcodes.push_back(
        {key.first, key.second, area->latitude, area->longitude, cell.first.size(), cell.second});
  }
  // Does the plan still fit what the other open incidents hold? Only patients not yet
  // registered can still move; they are what a new plan would place elsewhere.
  const RegionalLedger ledger = ReadRegionalLedger(uow, incident);
  std::map<std::string, long long> movable;
  for (const auto& p : patients) {
    if (p.stage >= PatientStage::kProposed && p.stage < PatientStage::kRegistered &&
        !p.receiver_id.empty()) {
      ++movable[p.receiver_id];
    }
  }
  const auto join = [](const std::set<std::string>& numbers) {
    std::string text;
    for (const auto& n : numbers) text += (text.empty() ? "" : ", ") + n;
    return text;
  };
  for (const auto& [id, count] : movable) {
    if (auto closed = ledger.closed_by.find(id); closed != ledger.closed_by.end()) {
      const auto practice = FindPractice(uow, id);
      out.plan_out_of_date.push_back(
          std::to_string(count) + " patiënten staan bij " +
          (practice ? practice->name + ", AGB " + id : "AGB " + id) +
          ", die incident " + closed->second + " nu sluit");
    }
  }
  for (const auto& view : out.receivers) {
    const auto& r = view.receiver;
    auto mine = movable.find(r.id);
    auto others = ledger.promised_by.find(r.id);
    if (mine == movable.end() || others == ledger.promised_by.end()) continue;
    if (mine->second > r.capacity) {
      out.plan_out_of_date.push_back(
          r.name + ", AGB " + r.id + ": " + std::to_string(mine->second) +
          " patiënten voorgesteld, maar er zijn nog " + std::to_string(r.capacity) +
          " plaatsen vrij nu incident " + join(others->second) + " er ook patiënten heeft");
    }
  }
  out.offers = repo.Offers(incident_id);
  out.sites = repo.Sites(incident_id);
  out.show_unplaced = caller.IsRho();
  if (auto s = Audit(uow, "read", incident_id, "overzicht",
                     {{"patients", out.patients_total}, {"receivers", out.receivers.size()}});
      !s) {
    return s.error();
  }
  if (auto s = uow.Commit(); !s) return s.error();
  return out;
}

}  // namespace vangnet

#include "services/incident/incident_access.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace vangnet {

bool IncidentAccess::MayRead(const Caller& caller, const Incident& incident) {
  if (caller.role != UserRole::kPracticeUser) return true;  // incidents hold no patient data
  return std::any_of(incident.practice_agbs.begin(), incident.practice_agbs.end(),
                     [&](const std::string& agb) { return caller.HasPractice(agb); });
}

bool IncidentAccess::MayWrite(const Caller& caller, const Incident& incident) {
  switch (caller.role) {
    case UserRole::kAdmin:
    case UserRole::kCoordinator:
    case UserRole::kCrisisTeam:
      return true;
    case UserRole::kPracticeUser:
      return MayRead(caller, incident);
    case UserRole::kInsurerLiaison:
    case UserRole::kReadOnly:
      return false;
  }
  return false;
}

Result<Incident> IncidentAccess::Load(UnitOfWork& uow, const Caller& caller, std::int64_t id,
                                      bool write) {
  auto incident = uow.Incidents().Find(id);
  if (!incident) return Error(ErrorKind::kNotFound, "incident bestaat niet");
  if (!(write ? MayWrite(caller, *incident) : MayRead(caller, *incident))) {
    return Error(ErrorKind::kForbidden, "uw rol geeft geen toegang tot dit incident");
  }
  FillEvaluationForm(*incident);
  if (write && incident->status == IncidentStatus::kClosed) {
    return Error::Conflict("status", "het incident is afgesloten en verandert niet meer");
  }
  return *incident;
}

Result<Incident> IncidentAccess::LoadToRead(UnitOfWork& uow, const Caller& caller, std::int64_t id,
                                            std::string_view view) {
  auto incident = Load(uow, caller, id, false);
  if (!incident) return incident;
  Redact(caller, incident.value());
  if (auto s = RecordAudit(uow, "read", "incident", std::to_string(id), "",
                           nlohmann::json{{"view", view}}.dump());
      !s) {
    return s.error();
  }
  return incident;
}

void IncidentAccess::Redact(const Caller& caller, Incident& incident) {
  if (caller.role != UserRole::kInsurerLiaison) return;
  incident.created_by.clear();
  for (auto& t : incident.tasks) {
    t.owner_person_code.clear();
    t.closed_by.clear();
    t.note.clear();  // free text
  }
  // The logbook and the shared picture are free text, in which people are named (the alarm
  // lines name whom they reached): none of it for the insurer.
  incident.log.clear();
  incident.picture.reset();
  for (auto& a : incident.alarms) {
    a.person_code.clear();
    a.person_name.clear();
    a.acknowledged_by.clear();
  }
}

Result<Incident> IncidentAccess::LoadVersion(UnitOfWork& uow, const Caller& caller, std::int64_t id,
                                             std::int64_t expected_version) {
  auto incident = Load(uow, caller, id, true);
  if (incident && incident.value().version != expected_version) {
    return Error::Conflict(
        "version", "stadium of status van dit incident is intussen gewijzigd; laad opnieuw");
  }
  return incident;
}

Result<Incident> IncidentAccess::Finish(UnitOfWork& uow, std::int64_t id, const std::string& action,
                                        const std::string& details) {
  if (auto s = RecordAudit(uow, action, "incident", std::to_string(id), "", details); !s) {
    return s.error();
  }
  auto incident = uow.Incidents().Find(id);
  if (auto s = uow.Commit(); !s) return s.error();
  FillEvaluationForm(*incident);
  if (listener) listener(id);
  return *incident;
}

void IncidentAccess::FillEvaluationForm(Incident& incident) const {
  if (const Playbook* playbook = playbooks.Find(incident.playbook_id)) {
    std::vector<EvaluationPoint> form;
    for (const auto& point : playbook->evaluation) {
      auto recorded = std::find_if(incident.evaluation.begin(), incident.evaluation.end(),
                                   [&](const EvaluationPoint& e) { return e.point == point.text; });
      form.push_back(recorded != incident.evaluation.end()
                         ? *recorded
                         : EvaluationPoint{point.text, point.source, "", ""});
    }
    for (const auto& e : incident.evaluation) {  // points a later playbook version dropped
      if (std::none_of(form.begin(), form.end(),
                       [&](const EvaluationPoint& f) { return f.point == e.point; })) {
        form.push_back(e);
      }
    }
    incident.evaluation = std::move(form);
  }
}

}  // namespace vangnet

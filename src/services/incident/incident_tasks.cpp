#include "services/incident/incident_tasks.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/escalation.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"
#include "services/incident/alarming.hpp"

namespace vangnet {

namespace {

// The task as the user saw it: not found, or a conflict when someone changed it meanwhile.
Result<IncidentTask*> TaskAsSeen(Incident& incident, std::int64_t task_id,
                                 std::int64_t task_version) {
  auto task = std::find_if(incident.tasks.begin(), incident.tasks.end(),
                           [&](const IncidentTask& t) { return t.id == task_id; });
  if (task == incident.tasks.end()) return Error(ErrorKind::kNotFound, "taak bestaat niet");
  if (task->version != task_version) {
    return Error::Conflict("version", "deze taak is intussen door iemand anders bijgewerkt");
  }
  return &*task;
}

}  // namespace

Result<Incident> IncidentTasks::CloseTask(const Caller& caller, std::int64_t incident_id,
                                          std::int64_t task_id, std::int64_t task_version,
                                          TaskStatus status, const std::string& note) {
  if (status == TaskStatus::kNotApplicable && Trim(note).empty()) {
    return Error::Validation("note", "geef de reden waarom deze taak niet van toepassing is");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  auto found = TaskAsSeen(incident.value(), task_id, task_version);
  if (!found) return found.error();
  IncidentTask* task = found.value();
  task->status = status;
  task->note = note;
  task->closed_at = store_.clock().Now();
  task->closed_by = caller.actor.user;
  auto updated = uow.value()->Incidents().UpdateTask(incident_id, *task);
  if (!updated) return updated.error();
  std::string what =
      std::string(status == TaskStatus::kDone ? "Taak gedaan: " : "Taak niet van toepassing: ") +
      task->text + (note.empty() ? "" : " (" + note + ")");
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kTask, what, "", "",
                    std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return access_.Finish(
      *uow.value(), incident_id, "update",
      nlohmann::json{{"task", task_id}, {"status", EnumCode(TASK_STATUSES, status)}}.dump());
}

Result<Incident> IncidentTasks::ReopenTask(const Caller& caller, std::int64_t incident_id,
                                           std::int64_t task_id, std::int64_t task_version,
                                           const std::string& reason) {
  if (Trim(reason).empty()) {
    return Error::Validation("reason", "geef de reden waarom deze taak weer open moet");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  auto found = TaskAsSeen(incident.value(), task_id, task_version);
  if (!found) return found.error();
  IncidentTask* task = found.value();
  if (task->status == TaskStatus::kOpen) {
    return Error::Conflict("status", "deze taak staat al open");
  }
  const std::string was = task->status == TaskStatus::kDone ? "gedaan" : "niet van toepassing";
  task->status = TaskStatus::kOpen;
  task->note.clear();
  task->closed_at.reset();
  task->closed_by.clear();
  task->entered_at.reset();
  auto updated = uow.value()->Incidents().UpdateTask(incident_id, *task);
  if (!updated) return updated.error();
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kTask,
                    "Taak weer open (stond op " + was + "): " + task->text + " - reden: " + reason,
                    "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"task", task_id}, {"status", "open"}}.dump());
}

Result<Incident> IncidentTasks::AddTask(const Caller& caller, std::int64_t incident_id,
                                        const std::string& text, const std::string& owner_role,
                                        const std::string& owner_person_code, TimePoint deadline) {
  Errors errors;
  if (Trim(text).empty()) errors.push_back(Error::Validation("text", "wat moet er gebeuren?"));
  if (auto m = TooLong(text, kMaxLineCharacters)) errors.push_back(Error::Validation("text", *m));
  if (Trim(owner_role).empty() && Trim(owner_person_code).empty()) {
    errors.push_back(Error::Validation("owner_role", "wie doet het? noem een rol of een persoon"));
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  if (!owner_person_code.empty() &&
      !uow.value()->ReferenceExists("person.code", owner_person_code)) {
    return Error::NotFound("owner_person_code", "persoon " + owner_person_code + " bestaat niet");
  }
  IncidentTask task;
  task.phase_title = "Toegevoegd tijdens het incident";
  task.text = text;
  task.owner_role = owner_role.empty() ? "Persoon" : owner_role;
  task.owner_person_code = owner_person_code;
  task.deadline = deadline;
  task.source = "toegevoegd door " + caller.actor.user;
  auto added = uow.value()->Incidents().InsertTask(incident_id, task);
  if (!added) return added.error();
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kTask,
                    "Taak toegevoegd: " + text, "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"task_added", added.value().id}}.dump());
}

Result<Incident> IncidentTasks::AssignTask(const Caller& caller, std::int64_t incident_id,
                                           std::int64_t task_id, std::int64_t task_version,
                                           const std::string& person_code) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  if (!uow.value()->ReferenceExists("person.code", person_code)) {
    return Error::NotFound("person_code", "persoon " + person_code + " bestaat niet");
  }
  auto found = TaskAsSeen(incident.value(), task_id, task_version);
  if (!found) return found.error();
  IncidentTask* task = found.value();
  task->owner_person_code = person_code;
  auto updated = uow.value()->Incidents().UpdateTask(incident_id, *task);
  if (!updated) return updated.error();
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kTask,
                    "Taak toegewezen aan " + NameOf(*uow.value(), person_code) + " (" +
                        person_code + "): " + task->text,
                    "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"task", task_id}, {"assigned", person_code}}.dump());
}

}  // namespace vangnet

#include "services/incident/incident_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/registry.hpp"

namespace vangnet {

namespace {

TimePoint Now() {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

bool MayRead(const Caller& caller, const Incident& incident) {
  if (caller.role != UserRole::kPracticeUser) return true;  // incidents hold no patient data
  return std::any_of(incident.practice_agbs.begin(), incident.practice_agbs.end(),
                     [&](const std::string& agb) { return caller.HasPractice(agb); });
}

bool MayWrite(const Caller& caller, const Incident& incident) {
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

Error NoAccess() {
  return Error(ErrorKind::kForbidden, "uw rol geeft geen toegang tot dit incident");
}

// Playbook roles that are the RHO's own crisis roles (seed 002 §5.2), by kind.
std::optional<CrisisRoleKind> CrisisRoleFor(const std::string& role) {
  if (role == "continuity_team" || role == "takeover_coordinator" || role == "coordinator" ||
      role == "crisis_coordinator" || role == "rho") {
    return CrisisRoleKind::kCrisisCoordinator;
  }
  if (role == "chair") return CrisisRoleKind::kChair;
  if (role == "logger") return CrisisRoleKind::kLogger;
  if (role == "communication_adviser") return CrisisRoleKind::kCommunicationAdviser;
  return std::nullopt;
}

}  // namespace

std::string ResolveOwner(UnitOfWork& uow, const std::string& role,
                         const std::vector<std::string>& practice_agbs) {
  if (auto kind = CrisisRoleFor(role)) {
    for (const auto& r : uow.Table<CrisisRole>().List()) {
      if (r.kind == *kind && !r.primary_person_code.empty()) return r.primary_person_code;
    }
    return {};
  }
  if (role == "holder" || role == "practice") {
    // The affected practice's medically responsible GP, else its first holder.
    for (const auto& agb : practice_agbs) {
      Practice probe;
      probe.agb = agb;
      if (auto p = uow.Table<Practice>().Find(probe);
          p && !p->medically_responsible_person_code.empty()) {
        return p->medically_responsible_person_code;
      }
      for (const auto& a : uow.Table<Affiliation>().List()) {
        if (a.practice_agb == agb && a.role == AffiliationRole::kHolder) return a.person_code;
      }
    }
  }
  return {};
}

Result<Incident> IncidentService::Start(const Caller& caller, const StartIncident& request) {
  if (caller.role == UserRole::kInsurerLiaison || caller.role == UserRole::kReadOnly) {
    return Error(ErrorKind::kForbidden, "uw rol kan geen incident starten");
  }
  const Playbook* playbook = playbooks_.Find(request.playbook_id);
  if (!playbook) {
    return Error::Validation("playbook_id", "onbekend draaiboek '" + request.playbook_id + "'");
  }
  if (request.practice_agbs.empty()) {
    return Error::Validation("practice_agbs", "kies minstens één getroffen praktijk");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  Incident incident;
  for (const auto& agb : request.practice_agbs) {
    if (!uow.value()->ReferenceExists("practice.agb", agb)) {
      return Error::NotFound("practice_agbs", "praktijk " + agb + " bestaat niet");
    }
    if (caller.role == UserRole::kPracticeUser && !caller.HasPractice(agb)) return NoAccess();
  }
  incident.practice_agbs = request.practice_agbs;
  incident.playbook_id = playbook->id;
  incident.playbook_version = playbook->version;
  incident.exercise = request.exercise;
  incident.activated_at = request.activated_at.value_or(Now());
  incident.created_by = caller.actor.user;
  const int year = static_cast<int>(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(incident.activated_at)}
          .year());
  incident.number = uow.value()->Incidents().NextNumber(year);
  Practice probe;
  probe.agb = request.practice_agbs.front();
  auto first = uow.value()->Table<Practice>().Find(probe);
  incident.title = playbook->title + " - " + (first ? first->name : probe.agb) +
                   (request.practice_agbs.size() > 1
                        ? " en " + std::to_string(request.practice_agbs.size() - 1) + " andere"
                        : "");
  incident.tasks = TasksFromPlaybook(*playbook, incident.activated_at);
  // Owners: resolve each playbook role once.
  std::map<std::string, std::string> owner_of;
  for (const auto& phase : playbook->phases) {
    for (const auto& step : phase.steps) {
      if (!owner_of.count(step.owner)) {
        owner_of[step.owner] = ResolveOwner(*uow.value(), step.owner, incident.practice_agbs);
      }
    }
  }
  for (auto& task : incident.tasks) {
    const std::string step_id = task.step_id.substr(0, task.step_id.find('#'));  // occurrences
    for (const auto& phase : playbook->phases) {
      for (const auto& step : phase.steps) {
        if (step.id == step_id) task.owner_person_code = owner_of[step.owner];
      }
    }
  }
  incident.log.push_back(IncidentLogEntry{0, incident.activated_at, caller.actor.user,
                                          LogKind::kStatus,
                                          std::string(request.exercise ? "Oefening" : "Incident") +
                                              " gestart met draaiboek '" + playbook->title + "'",
                                          "", "", std::nullopt});
  auto stored = uow.value()->Incidents().Insert(incident);
  if (!stored) return stored.error();
  return Finish(
      *uow.value(), stored.value().id, "create",
      nlohmann::json{{"playbook", playbook->id}, {"tasks", incident.tasks.size()}}.dump());
}

Result<std::vector<Incident>> IncidentService::List(const Caller& caller) {
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  std::vector<Incident> visible;
  for (auto& incident : uow.value()->Incidents().List()) {
    if (MayRead(caller, incident)) visible.push_back(std::move(incident));
  }
  return visible;
}

Result<Incident> IncidentService::Load(UnitOfWork& uow, const Caller& caller, std::int64_t id,
                                       bool write) {
  auto incident = uow.Incidents().Find(id);
  if (!incident) return Error(ErrorKind::kNotFound, "incident bestaat niet");
  if (!(write ? MayWrite(caller, *incident) : MayRead(caller, *incident))) return NoAccess();
  if (write && incident->status == IncidentStatus::kClosed) {
    return Error::Conflict("status", "het incident is afgesloten en verandert niet meer");
  }
  return *incident;
}

Result<Incident> IncidentService::Get(const Caller& caller, std::int64_t id) {
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  return Load(*uow.value(), caller, id, false);
}

Result<Incident> IncidentService::Finish(UnitOfWork& uow, std::int64_t id,
                                         const std::string& action, const std::string& details) {
  auto event = AuditEvent::Of(uow.actor(), action, "incident", std::to_string(id), "", details);
  if (auto s = uow.Audit().Append(event); !s) return s.error();
  auto incident = uow.Incidents().Find(id);
  if (auto s = uow.Commit(); !s) return s.error();
  if (listener_) listener_(id);
  return *incident;
}

Result<Incident> IncidentService::CloseTask(const Caller& caller, std::int64_t incident_id,
                                            std::int64_t task_id, std::int64_t task_version,
                                            TaskStatus status, const std::string& note) {
  if (status == TaskStatus::kNotApplicable && Trim(note).empty()) {
    return Error::Validation("note", "geef de reden waarom deze taak niet van toepassing is");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  auto task = std::find_if(incident.value().tasks.begin(), incident.value().tasks.end(),
                           [&](const IncidentTask& t) { return t.id == task_id; });
  if (task == incident.value().tasks.end()) return Error(ErrorKind::kNotFound, "taak bestaat niet");
  if (task->version != task_version) {
    return Error::Conflict("version", "deze taak is intussen door iemand anders bijgewerkt");
  }
  task->status = status;
  task->note = note;
  task->closed_at = Now();
  task->closed_by = caller.actor.user;
  auto updated = uow.value()->Incidents().UpdateTask(incident_id, *task);
  if (!updated) return updated.error();
  std::string what =
      std::string(status == TaskStatus::kDone ? "Taak gedaan: " : "Taak niet van toepassing: ") +
      task->text + (note.empty() ? "" : " (" + note + ")");
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, Now(), caller.actor.user, LogKind::kTask, what, "", "", std::nullopt});
  if (!logged) return logged.error();
  return Finish(
      *uow.value(), incident_id, "update",
      nlohmann::json{{"task", task_id}, {"status", EnumCode(TASK_STATUSES, status)}}.dump());
}

Result<Incident> IncidentService::AddTask(const Caller& caller, std::int64_t incident_id,
                                          const std::string& text, const std::string& owner_role,
                                          const std::string& owner_person_code,
                                          TimePoint deadline) {
  Errors errors;
  if (Trim(text).empty()) errors.push_back(Error::Validation("text", "wat moet er gebeuren?"));
  if (Trim(owner_role).empty() && Trim(owner_person_code).empty()) {
    errors.push_back(Error::Validation("owner_role", "wie doet het? noem een rol of een persoon"));
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
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
      incident_id, {0, Now(), caller.actor.user, LogKind::kTask, "Taak toegevoegd: " + text, "", "",
                    std::nullopt});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"task_added", added.value().id}}.dump());
}

Result<Incident> IncidentService::AssignTask(const Caller& caller, std::int64_t incident_id,
                                             std::int64_t task_id, std::int64_t task_version,
                                             const std::string& person_code) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  if (!uow.value()->ReferenceExists("person.code", person_code)) {
    return Error::NotFound("person_code", "persoon " + person_code + " bestaat niet");
  }
  auto task = std::find_if(incident.value().tasks.begin(), incident.value().tasks.end(),
                           [&](const IncidentTask& t) { return t.id == task_id; });
  if (task == incident.value().tasks.end()) return Error(ErrorKind::kNotFound, "taak bestaat niet");
  if (task->version != task_version) {
    return Error::Conflict("version", "deze taak is intussen door iemand anders bijgewerkt");
  }
  task->owner_person_code = person_code;
  auto updated = uow.value()->Incidents().UpdateTask(incident_id, *task);
  if (!updated) return updated.error();
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id,
      {0, Now(), caller.actor.user, LogKind::kTask,
       "Taak toegewezen aan " + person_code + ": " + task->text, "", "", std::nullopt});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"task", task_id}, {"assigned", person_code}}.dump());
}

Result<Incident> IncidentService::AddLog(const Caller& caller, std::int64_t incident_id,
                                         const LogInput& input) {
  if (Trim(input.text).empty()) return Error::Validation("text", "de logregel is leeg");
  if (input.kind == LogKind::kDecision && Trim(input.decided_by).empty()) {
    return Error::Validation("decided_by", "noteer wie het besluit nam");
  }
  if (input.kind == LogKind::kStage || input.kind == LogKind::kTask ||
      input.kind == LogKind::kStatus) {
    return Error::Validation("kind", "deze soort logregel maakt vangnet zelf");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  if (input.corrects_id) {
    const auto& log = incident.value().log;
    bool known = std::any_of(log.begin(), log.end(),
                             [&](const IncidentLogEntry& e) { return e.id == *input.corrects_id; });
    if (!known) return Error::Validation("corrects_id", "de te corrigeren logregel bestaat niet");
  }
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, Now(), caller.actor.user, input.kind, input.text, input.decided_by,
                    input.acted_by, input.corrects_id});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"log", EnumCode(LOG_KINDS, input.kind)}}.dump());
}

Result<Incident> IncidentService::SavePicture(const Caller& caller, std::int64_t incident_id,
                                              int base_version, SharedPicture picture) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  picture.confirmed_at = Now();
  picture.confirmed_by = caller.actor.user;
  auto saved = uow.value()->Incidents().SavePicture(incident_id, base_version, picture);
  if (!saved) return saved.error();
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id,
      {0, Now(), caller.actor.user, LogKind::kPicture,
       "Gedeeld beeld versie " + std::to_string(saved.value().version) + " vastgesteld", "", "",
       std::nullopt});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"picture", saved.value().version}}.dump());
}

Result<Incident> IncidentService::ChangeStatus(const Caller& caller, std::int64_t incident_id,
                                               IncidentStatus status, const std::string& reason) {
  if (Trim(reason).empty()) return Error::Validation("reason", "geef de reden");
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  if (incident.value().status == status) {
    return Error::Validation("status", "het incident heeft die status al");
  }
  incident.value().status = status;
  if (status == IncidentStatus::kClosed) incident.value().closed_at = Now();
  auto updated = uow.value()->Incidents().Update(incident.value());
  if (!updated) return updated.error();
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id,
      {0, Now(), caller.actor.user, LogKind::kStatus,
       std::string(EnumLabel(INCIDENT_STATUSES, status)) + ": " + reason, "", "", std::nullopt});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"status", EnumCode(INCIDENT_STATUSES, status)}}.dump());
}

Result<Incident> IncidentService::ChangeStage(const Caller& caller, std::int64_t incident_id,
                                              int stage, const std::string& reason) {
  if (stage < 1 || stage > 4) return Error::Validation("stage", "het stadium is 1, 2, 3 of 4");
  if (Trim(reason).empty())
    return Error::Validation("reason", "geef de reden van op- of afschalen");
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  const int from = incident.value().stage;
  if (from == stage)
    return Error::Validation("stage", "het incident staat al in stadium " + std::to_string(stage));
  incident.value().stage = stage;
  auto updated = uow.value()->Incidents().Update(incident.value());
  if (!updated) return updated.error();
  std::string text = std::string(stage > from ? "Opgeschaald" : "Afgeschaald") + " van stadium " +
                     std::to_string(from) + " naar " + std::to_string(stage) + ": " + reason;
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, Now(), caller.actor.user, LogKind::kStage, text, "", "", std::nullopt});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"stage", stage}, {"from", from}}.dump());
}

std::string IncidentReportMarkdown(const Incident& i, TimePoint now) {
  auto local = [](TimePoint t) {
    auto l = t + AmsterdamOffset(t);
    std::string text = FormatUtc(std::chrono::time_point_cast<std::chrono::seconds>(l));
    return text.substr(8, 2) + "-" + text.substr(5, 2) + "-" + text.substr(0, 4) + " " +
           text.substr(11, 5);
  };
  std::ostringstream out;
  out << "# Incident " << i.number << (i.exercise ? " (oefening)" : "") << ": " << i.title
      << "\n\n";
  out << "- Draaiboek: " << i.playbook_id << " (versie " << i.playbook_version << ")\n";
  out << "- Status: " << EnumLabel(INCIDENT_STATUSES, i.status) << ", stadium " << i.stage << "\n";
  out << "- Geactiveerd: " << local(i.activated_at) << " (Europe/Amsterdam) door " << i.created_by
      << "\n";
  out << "- Praktijken: ";
  for (std::size_t k = 0; k < i.practice_agbs.size(); ++k)
    out << (k ? ", " : "") << i.practice_agbs[k];
  out << "\n\n## Taken\n\n| deadline | taak | eigenaar | status |\n|---|---|---|---|\n";
  for (const auto& t : i.tasks) {
    std::string status(EnumLabel(TASK_STATUSES, t.status));
    if (t.IsOverdue(now)) status = "**te laat**";
    out << "| " << local(t.deadline) << (t.legal ? " (wettelijk)" : "") << " | " << t.text << " | "
        << t.owner_role << (t.owner_person_code.empty() ? "" : " (" + t.owner_person_code + ")")
        << " | " << status << (t.note.empty() ? "" : ": " + t.note) << " |\n";
  }
  if (i.picture)
    out << "\n## Gedeeld beeld\n\n```\n" << SharedPictureText(i.number, *i.picture) << "```\n";
  out << "\n## Logboek\n\n";
  for (const auto& e : i.log) {
    out << "- " << local(e.at) << " " << EnumLabel(LOG_KINDS, e.kind) << " (" << e.author
        << "): " << e.text;
    if (!e.decided_by.empty()) out << " - besloten door " << e.decided_by;
    if (!e.acted_by.empty()) out << ", uitvoering " << e.acted_by;
    if (e.corrects_id) out << " [corrigeert regel " << *e.corrects_id << "]";
    out << "\n";
  }
  return out.str();
}

}  // namespace vangnet

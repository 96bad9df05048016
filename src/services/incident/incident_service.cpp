#include "services/incident/incident_service.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/escalation.hpp"
#include "core/registry.hpp"
#include "store/digest.hpp"

namespace vangnet {

namespace {

// The playbook whose after-phase themes every incident takes on when it scales down.
constexpr const char* kAfterPhasePlaybook = "regional-crisis";

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

}  // namespace

std::vector<std::string> PracticesInArea(UnitOfWork& uow, const std::string& area) {
  const std::string wanted = ToLowerAscii(Trim(area));
  std::vector<std::string> postcodes;
  for (std::size_t start = 0; start <= wanted.size();) {
    auto end = wanted.find(',', start);
    if (end == std::string::npos) end = wanted.size();
    if (auto pc = Trim(wanted.substr(start, end - start)); !pc.empty()) {
      postcodes.emplace_back(pc);
    }
    start = end + 1;
  }
  std::vector<std::string> agbs;
  for (const auto& p : uow.Table<Practice>().List()) {
    if (p.status != PracticeStatus::kActive) continue;
    const bool in = ToLowerAscii(p.district_code) == wanted ||
                    ToLowerAscii(p.gp_group_code) == wanted || ToLowerAscii(p.place) == wanted ||
                    std::find(postcodes.begin(), postcodes.end(), p.postcode) != postcodes.end();
    if (in) agbs.push_back(p.agb);
  }
  return agbs;
}

std::string ResolveOwner(UnitOfWork& uow, const std::string& role,
                         const std::vector<std::string>& practice_agbs, TimePoint now) {
  if (auto kind = CrisisRoleFor(role)) {
    for (const auto& r : uow.Table<CrisisRole>().List()) {
      if (r.kind != *kind) continue;
      if (auto holder = CurrentHolder(uow, r, now); !holder.empty()) return holder;
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
  if (request.practice_agbs.empty() && Trim(request.area).empty()) {
    return Error::Validation("practice_agbs", "kies minstens één getroffen praktijk of een gebied");
  }
  if (request.activated_at) {
    // A longer outage than a week is a different story; a few minutes of clock difference
    // between the user's device and the server are allowed.
    const TimePoint now = store_.clock().Now();
    if (*request.activated_at > now + std::chrono::minutes(5)) {
      return Error::Validation("activated_at", "de starttijd ligt in de toekomst");
    }
    if (*request.activated_at < now - std::chrono::days(7)) {
      return Error::Validation("activated_at", "de starttijd ligt meer dan een week terug");
    }
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  Incident incident;
  std::vector<std::string> agbs = request.practice_agbs;
  if (agbs.empty()) {
    agbs = PracticesInArea(*uow.value(), request.area);
    if (agbs.empty()) {
      return Error::Validation("area", "in gebied '" + request.area +
                                           "' ligt geen actieve praktijk (wijk- of hagrocode, "
                                           "plaatsnaam of postcodes als 6211,6212)");
    }
  }
  for (const auto& agb : agbs) {
    if (!uow.value()->ReferenceExists("practice.agb", agb)) {
      return Error::NotFound("practice_agbs", "praktijk " + agb + " bestaat niet");
    }
    if (caller.role == UserRole::kPracticeUser && !caller.HasPractice(agb)) return NoAccess();
  }
  incident.practice_agbs = agbs;
  incident.playbook_id = playbook->id;
  incident.playbook_version = playbook->version;
  incident.exercise = request.exercise;
  incident.activated_at = request.activated_at.value_or(store_.clock().Now());

  incident.created_by = caller.actor.user;
  const int year = static_cast<int>(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(incident.activated_at)}
          .year());
  incident.number = uow.value()->Incidents().NextNumber(year);
  Practice probe;
  probe.agb = agbs.front();
  auto first = uow.value()->Table<Practice>().Find(probe);
  incident.title = playbook->title + " - " + (first ? first->name : probe.agb) +
                   (agbs.size() > 1 ? " en " + std::to_string(agbs.size() - 1) + " andere" : "");
  if (request.practice_agbs.empty()) {
    incident.title = playbook->title + " - gebied " + std::string(Trim(request.area)) + " (" +
                     std::to_string(agbs.size()) + " praktijken)";
  }
  incident.tasks = TasksFromPlaybook(*playbook, incident.activated_at);
  // Owners: resolve each playbook role once.
  std::map<std::string, std::string> owner_of;
  for (const auto& phase : playbook->phases) {
    for (const auto& step : phase.steps) {
      if (!owner_of.count(step.owner)) {
        owner_of[step.owner] =
            ResolveOwner(*uow.value(), step.owner, incident.practice_agbs, incident.activated_at);
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
                                          "", "", std::nullopt, std::nullopt});
  if (playbook->max_duration) incident.ends_at = incident.activated_at + *playbook->max_duration;
  auto stored = uow.value()->Incidents().Insert(incident);
  if (!stored) return stored.error();
  // Alarming is part of starting: the alarms and their messages commit with the incident.
  if (auto s = AlarmRoles(*uow.value(), stored.value(),
                          RolesToAlarm(*uow.value(), *playbook, stored.value()), store_.clock().Now(), settings_,
                          caller.actor.user);
      !s) {
    return s.error();
  }
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
  FillEvaluationForm(*incident);
  if (write && incident->status == IncidentStatus::kClosed) {
    return Error::Conflict("status", "het incident is afgesloten en verandert niet meer");
  }
  return *incident;
}

// The evaluation form: every point of the playbook, with what was recorded for it.
void IncidentService::FillEvaluationForm(Incident& incident) const {
  if (const Playbook* playbook = playbooks_.Find(incident.playbook_id)) {
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

Result<std::vector<PlaybookLesson>> IncidentService::Lessons(const Caller& caller,
                                                             const std::string& playbook_id) {
  if (!playbooks_.Find(playbook_id)) {
    return Error::NotFound("", "Dit draaiboek bestaat niet.");
  }
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  std::vector<PlaybookLesson> lessons;
  for (const auto& listed : uow.value()->Incidents().List()) {  // newest first
    if (listed.playbook_id != playbook_id || !MayRead(caller, listed)) continue;
    auto incident = uow.value()->Incidents().Find(listed.id);
    if (!incident) continue;
    for (const auto& point : incident->evaluation) {
      if (Trim(point.action).empty()) continue;
      lessons.push_back({incident->id, incident->number, incident->exercise,
                         incident->playbook_version, incident->activated_at, point.point,
                         point.finding, point.action});
    }
  }
  return lessons;
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
  FillEvaluationForm(*incident);
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
  task->closed_at = store_.clock().Now();
  task->closed_by = caller.actor.user;
  auto updated = uow.value()->Incidents().UpdateTask(incident_id, *task);
  if (!updated) return updated.error();
  std::string what =
      std::string(status == TaskStatus::kDone ? "Taak gedaan: " : "Taak niet van toepassing: ") +
      task->text + (note.empty() ? "" : " (" + note + ")");
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id,
      {0, store_.clock().Now(), caller.actor.user, LogKind::kTask, what, "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return Finish(
      *uow.value(), incident_id, "update",
      nlohmann::json{{"task", task_id}, {"status", EnumCode(TASK_STATUSES, status)}}.dump());
}

Result<Incident> IncidentService::EnterAfterwards(const Caller& caller, std::int64_t incident_id,
                                                  const PaperRecord& record) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  const TimePoint now = store_.clock().Now();
  const TimePoint start = incident.value().activated_at;
  Errors errors;
  if (record.tasks.empty() && record.entries.empty()) {
    errors.push_back(Error::Validation("tasks", "vul minstens één taak of logregel in"));
  }
  auto check_time = [&](TimePoint at, const std::string& field) {
    if (at > now) {
      errors.push_back(Error::Validation(field, "dit tijdstip ligt in de toekomst"));
    } else if (at < start) {
      errors.push_back(Error::Validation(
          field, "dit tijdstip ligt vóór de start van het incident (" + LocalTimeText(start) +
                     "); start het incident zo nodig opnieuw met de echte starttijd"));
    }
  };
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < record.tasks.size(); ++i) {
    const PaperTask& paper = record.tasks[i];
    const std::string row = "tasks[" + std::to_string(i) + "].";
    auto& tasks = incident.value().tasks;
    auto task = std::find_if(tasks.begin(), tasks.end(),
                             [&](const IncidentTask& t) { return t.id == paper.task_id; });
    if (task == tasks.end()) {
      errors.push_back(Error::Validation(row + "id", "deze taak hoort niet bij dit incident"));
      continue;
    }
    if (!seen.insert(paper.task_id).second) {
      errors.push_back(
          Error::Validation(row + "id", "taak '" + task->text + "' staat er twee keer"));
    } else if (task->status != TaskStatus::kOpen || task->version != paper.version) {
      errors.push_back(Error::Conflict(
          row + "id", "taak '" + task->text + "' is intussen al bijgewerkt; laad opnieuw"));
    }
    check_time(paper.done_at, row + "done_at");
    if (Trim(paper.done_by).empty()) {
      errors.push_back(Error::Validation(row + "done_by", "wie deed '" + task->text + "'?"));
    }
  }
  for (std::size_t i = 0; i < record.entries.size(); ++i) {
    const PaperEntry& paper = record.entries[i];
    const std::string row = "entries[" + std::to_string(i) + "].";
    if (paper.kind == LogKind::kStage || paper.kind == LogKind::kTask ||
        paper.kind == LogKind::kStatus) {
      errors.push_back(Error::Validation(row + "kind", "deze soort logregel maakt vangnet zelf"));
    }
    check_time(paper.at, row + "at");
    if (Trim(paper.text).empty()) {
      errors.push_back(Error::Validation(row + "text", "wat gebeurde er of wat werd besloten?"));
    }
    if (paper.kind == LogKind::kDecision && Trim(paper.decided_by).empty()) {
      errors.push_back(Error::Validation(row + "decided_by", "noteer wie het besluit nam"));
    }
  }
  if (record.source.size() > 500) {
    errors.push_back(Error::Validation("source", "de bron is te lang (hoogstens 500 tekens)"));
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));

  auto& repo = uow.value()->Incidents();
  const std::string& user = caller.actor.user;
  for (const PaperTask& paper : record.tasks) {
    IncidentTask task = *std::find_if(incident.value().tasks.begin(), incident.value().tasks.end(),
                                      [&](const IncidentTask& t) { return t.id == paper.task_id; });
    task.status = TaskStatus::kDone;
    task.closed_at = paper.done_at;
    task.closed_by = std::string(Trim(paper.done_by));
    task.note = paper.note;
    task.entered_at = now;
    if (auto updated = repo.UpdateTask(incident_id, task); !updated) return updated.error();
    std::string what = "Taak gedaan (op papier, door " + task.closed_by + "): " + task.text +
                       (paper.note.empty() ? "" : " (" + paper.note + ")");
    auto logged = repo.AppendLog(
        incident_id, {0, paper.done_at, user, LogKind::kTask, what, "", "", std::nullopt, now});
    if (!logged) return logged.error();
  }
  for (const PaperEntry& paper : record.entries) {
    auto logged =
        repo.AppendLog(incident_id, {0, paper.at, user, paper.kind, paper.text, paper.decided_by,
                                     paper.acted_by, std::nullopt, now});
    if (!logged) return logged.error();
  }
  auto count = [](std::size_t n, const char* one, const char* more) {
    return std::to_string(n) + " " + (n == 1 ? one : more);
  };
  std::string summary =
      "Papieren registratie achteraf ingevoerd: " + count(record.tasks.size(), "taak", "taken") +
      ", " + count(record.entries.size(), "logregel", "logregels") +
      (Trim(record.source).empty() ? "" : " (bron: " + std::string(Trim(record.source)) + ")");
  auto logged = repo.AppendLog(
      incident_id, {0, now, user, LogKind::kStatus, summary, "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return Finish(
      *uow.value(), incident_id, "update",
      nlohmann::json{{"entered_afterwards",
                      {{"tasks", record.tasks.size()}, {"entries", record.entries.size()}}}}
          .dump());
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
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kTask, "Taak toegevoegd: " + text, "", "",
                    std::nullopt, std::nullopt});
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
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kTask,
                    "Taak toegewezen aan " + person_code + ": " + task->text, "", "", std::nullopt,
                    std::nullopt});
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
      incident_id, {0, store_.clock().Now(), caller.actor.user, input.kind, input.text, input.decided_by,
                    input.acted_by, input.corrects_id, std::nullopt});
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
  picture.confirmed_at = store_.clock().Now();
  picture.confirmed_by = caller.actor.user;
  auto saved = uow.value()->Incidents().SavePicture(incident_id, base_version, picture);
  if (!saved) return saved.error();
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id,
      {0, store_.clock().Now(), caller.actor.user, LogKind::kPicture,
       "Gedeeld beeld versie " + std::to_string(saved.value().version) + " vastgesteld", "", "",
       std::nullopt, std::nullopt});
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
  // Patient data lives only as long as its incident: export it and delete it first.
  if (status == IncidentStatus::kClosed &&
      !uow.value()->Redistribution().Patients(incident_id).empty()) {
    return Error::Conflict("status",
                           "er staan nog patiëntgegevens van de opvang in dit incident: exporteer "
                           "ze en verwijder ze eerst (Opvang, Exporteren en verwijderen)");
  }
  incident.value().status = status;
  if (status == IncidentStatus::kClosed) incident.value().closed_at = store_.clock().Now();
  auto updated = uow.value()->Incidents().Update(incident.value());
  if (!updated) return updated.error();
  if (status == IncidentStatus::kScaledDown) {
    if (auto s = AddAfterPhaseThemes(*uow.value(), incident.value(), store_.clock().Now()); !s) return s.error();
  }
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kStatus,
                    std::string(EnumLabel(INCIDENT_STATUSES, status)) + ": " + reason, "", "",
                    std::nullopt, std::nullopt});
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
      incident_id,
      {0, store_.clock().Now(), caller.actor.user, LogKind::kStage, text, "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  if (const Playbook* playbook = playbooks_.Find(incident.value().playbook_id)) {
    incident.value().stage = stage;
    auto roles = RolesToAlarm(*uow.value(), *playbook, incident.value());
    if (auto s =
            AlarmRoles(*uow.value(), incident.value(), roles, store_.clock().Now(), settings_, caller.actor.user);
        !s) {
      return s.error();
    }
  }
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"stage", stage}, {"from", from}}.dump());
}

Status IncidentService::AddAfterPhaseThemes(UnitOfWork& uow, const Incident& incident,
                                            TimePoint now) {
  // The themes are the regional crisis playbook's after-phase steps (seed 002 §4.5), so they
  // are written once; an incident of that playbook has them already.
  const Playbook* regional = playbooks_.Find(kAfterPhasePlaybook);
  if (!regional || incident.playbook_id == kAfterPhasePlaybook) return Ok{};
  for (const auto& phase : regional->phases) {
    for (const auto& step : phase.steps) {
      if (!step.id.starts_with("theme-")) continue;
      const bool present = std::any_of(incident.tasks.begin(), incident.tasks.end(),
                                       [&](const IncidentTask& t) { return t.step_id == step.id; });
      if (present) continue;
      IncidentTask task;
      task.step_id = step.id;
      task.phase_title = phase.title;
      task.text = step.text;
      auto role = std::find_if(regional->roles.begin(), regional->roles.end(),
                               [&](const PlaybookRole& r) { return r.id == step.owner; });
      task.owner_role = role == regional->roles.end() ? step.owner : role->label;
      task.owner_person_code = ResolveOwner(uow, step.owner, incident.practice_agbs, now);
      // The phase started at activation + phase.starts in the regional playbook; here it
      // starts now, at scaling down.
      task.deadline = now + (step.deadline - phase.starts);
      task.source = step.source;
      if (auto added = uow.Incidents().InsertTask(incident.id, task); !added) {
        return added.error();
      }
    }
  }
  auto logged = uow.Incidents().AppendLog(
      incident.id, {0, now, uow.actor().user, LogKind::kTask,
                    "Nafasethema's als taken toegevoegd, elk met een eigenaar", "", "",
                    std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return Ok{};
}

Result<Incident> IncidentService::Acknowledge(const Caller& caller, std::int64_t incident_id,
                                              std::int64_t alarm_id) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  auto& alarms = incident.value().alarms;
  auto alarm = std::find_if(alarms.begin(), alarms.end(),
                            [&](const IncidentAlarm& a) { return a.id == alarm_id; });
  if (alarm == alarms.end()) return Error(ErrorKind::kNotFound, "alarmering bestaat niet");
  if (alarm->status == AlarmStatus::kAcknowledged) {
    return Error::Conflict("status", "deze alarmering is al bevestigd");
  }
  // A passed-on alarm may still be acknowledged: the person picked up late, and both now know.
  alarm->status = AlarmStatus::kAcknowledged;
  alarm->acknowledged_at = store_.clock().Now();
  alarm->acknowledged_by = caller.actor.user;
  if (auto updated = uow.value()->Incidents().UpdateAlarm(incident_id, *alarm); !updated) {
    return updated.error();
  }
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kMessage,
                    "Alarmering bevestigd: " + alarm->person_name + " (" + alarm->role_label +
                        "), vastgelegd door " + caller.actor.user,
                    "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"alarm", alarm_id}, {"acknowledged", true}}.dump());
}

Result<IncidentService::Acknowledged> IncidentService::AcknowledgeByToken(
    const std::string& token) {
  const Error unknown(ErrorKind::kNotFound,
                      "deze bevestigingslink is onbekend; open vangnet en bevestig op het "
                      "incidentbord");
  if (token.size() != 48) return unknown;
  const std::string hash = Blake2bHex(token);
  Actor actor{"bevestigingslink", "link", "http", "alarm bevestigen"};
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  auto incident_id = uow.value()->Incidents().FindIncidentByAlarmToken(hash);
  if (!incident_id) return unknown;
  auto incident = uow.value()->Incidents().Find(*incident_id);
  auto alarm = std::find_if(incident->alarms.begin(), incident->alarms.end(),
                            [&](const IncidentAlarm& a) { return a.ack_token_hash == hash; });
  Acknowledged result{incident->number, alarm->role_label, alarm->person_name};
  if (alarm->status == AlarmStatus::kAcknowledged) return result;  // clicked twice: fine
  if (incident->status == IncidentStatus::kClosed) {
    return Error::Conflict("status", "het incident is al afgesloten");
  }
  alarm->status = AlarmStatus::kAcknowledged;
  alarm->acknowledged_at = store_.clock().Now();
  alarm->acknowledged_by = alarm->person_code;
  if (auto updated = uow.value()->Incidents().UpdateAlarm(*incident_id, *alarm); !updated) {
    return updated.error();
  }
  auto logged = uow.value()->Incidents().AppendLog(
      *incident_id,
      {0, store_.clock().Now(), alarm->person_name, LogKind::kMessage,
       "Alarmering bevestigd via de link: " + alarm->person_name + " (" + alarm->role_label + ")",
       "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  auto finished = Finish(*uow.value(), *incident_id, "update",
                         nlohmann::json{{"alarm", alarm->id}, {"acknowledged", "link"}}.dump());
  if (!finished) return finished.error();
  return result;
}

Result<Incident> IncidentService::HandOverRole(const Caller& caller, std::int64_t incident_id,
                                               const std::string& role_code,
                                               const std::string& person_code,
                                               const std::string& reason) {
  if (Trim(reason).empty()) return Error::Validation("reason", "geef de reden van de overdracht");
  if (caller.role == UserRole::kPracticeUser) {
    return Error(ErrorKind::kForbidden, "alleen de RHO draagt crisisrollen over");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  CrisisRole probe;
  probe.code = role_code;
  auto role = uow.value()->Table<CrisisRole>().Find(probe);
  if (!role) return Error::NotFound("role_code", "crisisrol " + role_code + " bestaat niet");
  Person person_probe;
  person_probe.code = person_code;
  auto person = uow.value()->Table<Person>().Find(person_probe);
  if (!person) return Error::NotFound("person_code", "persoon " + person_code + " bestaat niet");
  // The previous holder: whoever acknowledged the role, else the last one alarmed for it.
  std::string previous;
  for (auto& alarm : incident.value().alarms) {
    if (alarm.role_code != role_code) continue;
    if (alarm.status == AlarmStatus::kAcknowledged || alarm.status == AlarmStatus::kAlarmed) {
      if (previous.empty() || alarm.status == AlarmStatus::kAcknowledged) {
        previous = alarm.person_code;
      }
      alarm.status = AlarmStatus::kHandedOver;
      if (auto updated = uow.value()->Incidents().UpdateAlarm(incident_id, alarm); !updated) {
        return updated.error();
      }
    }
  }
  if (previous == person_code) {
    return Error::Validation("person_code", person->name + " heeft deze rol al");
  }
  const std::string label = CrisisRoleLabel(*role);
  auto alarmed = AlarmPerson(*uow.value(), incident.value(), role_code, label, person_code,
                             AlarmLevel::kHandover, store_.clock().Now(), settings_);
  if (!alarmed) return alarmed.error();
  int moved = 0;
  for (auto& task : incident.value().tasks) {
    if (previous.empty() || task.status != TaskStatus::kOpen ||
        task.owner_person_code != previous) {
      continue;
    }
    task.owner_person_code = person_code;
    if (auto updated = uow.value()->Incidents().UpdateTask(incident_id, task); !updated) {
      return updated.error();
    }
    ++moved;
  }
  std::string text = "Rol " + label + " overgedragen" +
                     (previous.empty() ? "" : " van " + NameOf(*uow.value(), previous)) + " aan " +
                     person->name + ": " + reason;
  if (moved) text += " (" + std::to_string(moved) + " open taken gaan mee)";
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kDecision, text, caller.actor.user,
                    person->name, std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"role", role_code}, {"handed_to", person_code}}.dump());
}

Result<Incident> IncidentService::SaveEvaluation(const Caller& caller, std::int64_t incident_id,
                                                 const EvaluationPoint& point) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  const Playbook* playbook = playbooks_.Find(incident.value().playbook_id);
  if (!playbook) return Error::Validation("point", "het draaiboek van dit incident is onbekend");
  auto known = std::find_if(playbook->evaluation.begin(), playbook->evaluation.end(),
                            [&](const PlaybookText& t) { return t.text == point.point; });
  if (known == playbook->evaluation.end()) {
    return Error::Validation("point", "dit is geen evaluatiepunt van het draaiboek");
  }
  if (Trim(point.finding).empty() && Trim(point.action).empty()) {
    return Error::Validation("finding", "schrijf op wat de evaluatie opleverde");
  }
  EvaluationPoint stored = point;
  stored.source = known->source;
  if (auto s = uow.value()->Incidents().SaveEvaluation(incident_id, stored); !s) {
    return s.error();
  }
  return Finish(*uow.value(), incident_id, "update",
                nlohmann::json{{"evaluation", point.point}}.dump());
}

Result<int> IncidentService::Tick() {
  const TimePoint now = store_.clock().Now();
  const Actor actor{"vangnet", "system", "scheduler", "alarmering en herinneringen"};
  std::vector<std::int64_t> ids;
  {
    auto uow = store_.BeginRead(actor);
    if (!uow) return uow.error();
    ids = uow.value()->Incidents().OpenIncidentIds();
  }
  int changed = 0;
  for (auto id : ids) {
    auto uow = store_.Begin(actor);
    if (!uow) return uow.error();
    auto ticked = TickIncident(*uow.value(), id, now, settings_);
    if (!ticked) return ticked.error();
    if (!ticked.value()) continue;  // nothing written; the unit of work rolls back
    auto finished = Finish(*uow.value(), id, "update", R"({"tick":true})");
    if (!finished) return finished.error();
    ++changed;
  }
  return changed;
}

Result<std::vector<OutboxMessage>> IncidentService::Messages(const Caller& caller,
                                                             std::int64_t incident_id) {
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, false);
  if (!incident) return incident.error();
  auto messages = uow.value()->Outbox().ForIncident(incident_id);
  for (auto& m : messages) {
    m.body.clear();  // links in bodies are one-time secrets
    if (!caller.IsRho()) m.recipient.clear();
  }
  return messages;
}

Result<std::vector<CommunicationDraft>> IncidentService::Drafts(const Caller& caller,
                                                                std::int64_t incident_id) {
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  auto incident = Load(*uow.value(), caller, incident_id, false);
  if (!incident) return incident.error();
  const Playbook* playbook = playbooks_.Find(incident.value().playbook_id);
  if (!playbook) return std::vector<CommunicationDraft>{};
  return DraftCommunication(*uow.value(), *playbook, incident.value());
}

Result<std::string> IncidentService::Report(const Caller& caller, std::int64_t incident_id) {
  auto incident = Get(caller, incident_id);
  if (!incident) return incident.error();
  return IncidentReportMarkdown(incident.value(), store_.clock().Now());
}

std::string IncidentReportMarkdown(const Incident& i, TimePoint now) {
  const auto& local = LocalTimeText;
  std::ostringstream out;
  out << "# Incident " << i.number << (i.exercise ? " (oefening)" : "") << ": " << i.title
      << "\n\n";
  out << "- Draaiboek: " << i.playbook_id << " (versie " << i.playbook_version << ")\n";
  out << "- Status: " << EnumLabel(INCIDENT_STATUSES, i.status) << ", stadium " << i.stage << "\n";
  const StageRule& office = StageRuleFor(i.stage, true);
  const StageRule& anw = StageRuleFor(i.stage, false);
  out << "- Besluit in dit stadium: overdag " << office.decides << "; ANW " << anw.decides << " ("
      << kStageSource << ")\n";
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

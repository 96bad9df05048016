#include "services/incident/incident_service.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/escalation.hpp"
#include "core/registry.hpp"

namespace vangnet {

namespace {

// The playbook whose after-phase themes every incident takes on when it scales down.
constexpr const char* kAfterPhasePlaybook = "regional-crisis";

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
  const Playbook* playbook = access_.playbooks.Find(request.playbook_id);
  if (!playbook) {
    return Error::Validation("playbook_id", "onbekend draaiboek '" + request.playbook_id + "'");
  }
  if (request.practice_agbs.empty() && Trim(request.area).empty()) {
    return Error::Validation("practice_agbs", "kies minstens één getroffen praktijk of een gebied");
  }
  if (request.activated_at) {
    // A longer outage than a week is a different story; a few minutes of clock difference
    // between the user's device and the server are allowed.
    const TimePoint now = access_.store.clock().Now();
    if (*request.activated_at > now + std::chrono::minutes(5)) {
      return Error::Validation("activated_at", "de starttijd ligt in de toekomst");
    }
    if (*request.activated_at < now - std::chrono::days(7)) {
      return Error::Validation("activated_at", "de starttijd ligt meer dan een week terug");
    }
  }
  auto uow = access_.store.Begin(caller.actor);
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
  incident.activated_at = request.activated_at.value_or(access_.store.clock().Now());

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
                          RolesToAlarm(*uow.value(), *playbook, stored.value()),
                          access_.store.clock().Now(), access_.settings, caller.actor.user);
      !s) {
    return s.error();
  }
  return access_.Finish(
      *uow.value(), stored.value().id, "create",
      nlohmann::json{{"playbook", playbook->id}, {"tasks", incident.tasks.size()}}.dump());
}

Result<std::vector<Incident>> IncidentService::List(const Caller& caller) {
  auto uow = access_.store.Begin(caller.actor);  // the read is audited in it
  if (!uow) return uow.error();
  std::vector<Incident> visible;
  nlohmann::json keys = nlohmann::json::array();
  for (auto& incident : uow.value()->Incidents().List()) {
    if (!IncidentAccess::MayRead(caller, incident)) continue;
    IncidentAccess::Redact(caller, incident);
    keys.push_back(incident.id);
    visible.push_back(std::move(incident));
  }
  if (auto s = RecordAudit(*uow.value(), "read", "incident", "list", "",
                           nlohmann::json{{"records", visible.size()}, {"keys", keys}}.dump());
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return visible;
}

Result<Incident> IncidentService::Get(const Caller& caller, std::int64_t id) {
  auto uow = access_.store.Begin(caller.actor);  // the read is audited in it
  if (!uow) return uow.error();
  auto incident = access_.LoadToRead(*uow.value(), caller, id, "detail");
  if (!incident) return incident;
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return incident;
}

Result<Incident> IncidentService::ChangeStatus(const Caller& caller, std::int64_t incident_id,
                                               std::int64_t expected_version, IncidentStatus status,
                                               const std::string& reason) {
  if (Trim(reason).empty()) return Error::Validation("reason", "geef de reden");
  auto uow = access_.store.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.LoadVersion(*uow.value(), caller, incident_id, expected_version);
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
  if (status == IncidentStatus::kClosed) incident.value().closed_at = access_.store.clock().Now();
  auto updated = uow.value()->Incidents().Update(incident.value());
  if (!updated) return updated.error();
  if (status == IncidentStatus::kScaledDown) {
    if (auto s = AddAfterPhaseThemes(*uow.value(), incident.value(), access_.store.clock().Now());
        !s)
      return s.error();
  }
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, access_.store.clock().Now(), caller.actor.user, LogKind::kStatus,
                    std::string(EnumLabel(INCIDENT_STATUSES, status)) + ": " + reason, "", "",
                    std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"status", EnumCode(INCIDENT_STATUSES, status)}}.dump());
}

Result<Incident> IncidentService::ChangeStage(const Caller& caller, std::int64_t incident_id,
                                              std::int64_t expected_version, int stage,
                                              const std::string& reason) {
  if (stage < 1 || stage > 4) return Error::Validation("stage", "het stadium is 1, 2, 3 of 4");
  if (Trim(reason).empty())
    return Error::Validation("reason", "geef de reden van op- of afschalen");
  auto uow = access_.store.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.LoadVersion(*uow.value(), caller, incident_id, expected_version);
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
      incident_id, {0, access_.store.clock().Now(), caller.actor.user, LogKind::kStage, text, "",
                    "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  if (const Playbook* playbook = access_.playbooks.Find(incident.value().playbook_id)) {
    incident.value().stage = stage;
    auto roles = RolesToAlarm(*uow.value(), *playbook, incident.value());
    if (auto s = AlarmRoles(*uow.value(), incident.value(), roles, access_.store.clock().Now(),
                            access_.settings, caller.actor.user);
        !s) {
      return s.error();
    }
  }
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"stage", stage}, {"from", from}}.dump());
}

Status IncidentService::AddAfterPhaseThemes(UnitOfWork& uow, const Incident& incident,
                                            TimePoint now) {
  // The themes are the regional crisis playbook's after-phase steps (seed 002 §4.5), so they
  // are written once; an incident of that playbook has them already.
  const Playbook* regional = access_.playbooks.Find(kAfterPhasePlaybook);
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
      task.source = step.SourceText();
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

Result<int> IncidentService::Tick() {
  const TimePoint now = access_.store.clock().Now();
  const Actor actor{"vangnet", "system", "scheduler", "alarmering en herinneringen"};
  std::vector<std::int64_t> ids;
  {
    auto uow = access_.store.BeginRead(actor);
    if (!uow) return uow.error();
    ids = uow.value()->Incidents().OpenIncidentIds();
  }
  int changed = 0;
  for (auto id : ids) {
    auto uow = access_.store.Begin(actor);
    if (!uow) return uow.error();
    auto ticked = TickIncident(*uow.value(), id, now, access_.settings);
    if (!ticked) return ticked.error();
    if (!ticked.value()) continue;  // nothing written; the unit of work rolls back
    auto finished = access_.Finish(*uow.value(), id, "update", R"({"tick":true})");
    if (!finished) return finished.error();
    ++changed;
  }
  return changed;
}

}  // namespace vangnet

#include "services/incident/incident_logbook.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/escalation.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"

namespace vangnet {

Result<Incident> IncidentLogbook::AddLog(const Caller& caller, std::int64_t incident_id,
                                         const LogInput& input) {
  if (Trim(input.text).empty()) return Error::Validation("text", "de logregel is leeg");
  // Bounded here too, not only at the API: the command line and paper entry come through here.
  if (auto m = TooLong(input.text, kMaxNoteCharacters)) return Error::Validation("text", *m);
  if (input.kind == LogKind::kDecision && Trim(input.decided_by).empty()) {
    return Error::Validation("decided_by", "noteer wie het besluit nam");
  }
  if (input.kind == LogKind::kStage || input.kind == LogKind::kTask ||
      input.kind == LogKind::kStatus) {
    return Error::Validation("kind", "deze soort logregel maakt vangnet zelf");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
  if (!incident) return incident.error();
  if (input.corrects_id) {
    const auto& log = incident.value().log;
    bool known = std::any_of(log.begin(), log.end(),
                             [&](const IncidentLogEntry& e) { return e.id == *input.corrects_id; });
    if (!known) return Error::Validation("corrects_id", "de te corrigeren logregel bestaat niet");
  }
  auto logged = uow.value()->Incidents().AppendLog(
      incident_id, {0, store_.clock().Now(), caller.actor.user, input.kind, input.text,
                    input.decided_by, input.acted_by, input.corrects_id, std::nullopt});
  if (!logged) return logged.error();
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"log", EnumCode(LOG_KINDS, input.kind)}}.dump());
}

Result<Incident> IncidentLogbook::SavePicture(const Caller& caller, std::int64_t incident_id,
                                              int base_version, SharedPicture picture) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
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
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"picture", saved.value().version}}.dump());
}

Result<Incident> IncidentLogbook::EnterAfterwards(const Caller& caller, std::int64_t incident_id,
                                                  const PaperRecord& record) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
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
    if (auto m = TooLong(paper.text, kMaxNoteCharacters)) {
      errors.push_back(Error::Validation(row + "text", *m));
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
  return access_.Finish(
      *uow.value(), incident_id, "update",
      nlohmann::json{{"entered_afterwards",
                      {{"tasks", record.tasks.size()}, {"entries", record.entries.size()}}}}
          .dump());
}

}  // namespace vangnet

#include "store/sql/sql_incident_repository.hpp"

#include <cstdio>

#include "store/sql/rows.hpp"

namespace vangnet::sql {

namespace {

constexpr const char* kIncidentColumns =
    "id, version, number, playbook_id, playbook_version, title, status, stage, exercise, "
    "activated_at, closed_at, created_by, ends_at";
constexpr const char* kTaskColumns =
    "id, version, step_id, phase_title, text, owner_role, owner_person_code, deadline_at, legal, "
    "source, status, closed_at, closed_by, note, entered_at";

Incident ReadIncident(const Statement& s) {
  Incident i;
  Row row(s);
  i.id = row.Int();
  i.version = row.Int();
  i.number = row.Text();
  i.playbook_id = row.Text();
  i.playbook_version = row.Int32();
  i.title = row.Text();
  i.status = ParseEnum(INCIDENT_STATUSES, row.Text()).value_or(IncidentStatus::kActive);
  i.stage = row.Int32();
  i.exercise = row.Bool();
  i.activated_at = row.RequiredTime();
  i.closed_at = row.Time();
  i.created_by = row.Text();
  i.ends_at = row.Time();
  return i;
}

IncidentTask ReadTask(const Statement& s) {
  IncidentTask t;
  Row row(s);
  t.id = row.Int();
  t.version = row.Int();
  t.step_id = row.Text();
  t.phase_title = row.Text();
  t.text = row.Text();
  t.owner_role = row.Text();
  t.owner_person_code = row.Text();
  t.deadline = row.RequiredTime();
  t.legal = row.Bool();
  t.source = row.Text();
  t.status = ParseEnum(TASK_STATUSES, row.Text()).value_or(TaskStatus::kOpen);
  t.closed_at = row.Time();
  t.closed_by = row.Text();
  t.note = row.Text();
  t.entered_at = row.Time();
  return t;
}

constexpr const char* kAlarmColumns =
    "id, version, role_code, role_label, person_code, level, status, alarmed_at, "
    "acknowledged_at, acknowledged_by, passed_at, ack_token_hash";

IncidentAlarm ReadAlarm(const Statement& s) {
  IncidentAlarm a;
  Row row(s);
  a.id = row.Int();
  a.version = row.Int();
  a.role_code = row.Text();
  a.role_label = row.Text();
  a.person_code = row.Text();
  a.level = ParseEnum(ALARM_LEVELS, row.Text()).value_or(AlarmLevel::kPrimary);
  a.status = ParseEnum(ALARM_STATUSES, row.Text()).value_or(AlarmStatus::kAlarmed);
  a.alarmed_at = row.RequiredTime();
  a.acknowledged_at = row.Time();
  a.acknowledged_by = row.Text();
  a.passed_at = row.Time();
  a.ack_token_hash = row.Text();
  return a;
}

}  // namespace

std::string SqlIncidentRepository::NextNumber(int year) {
  Statement stmt(db_, "SELECT COUNT(*) FROM incident WHERE number LIKE ?");
  Bind(stmt, std::to_string(year) + "-%");
  stmt.Step();
  char number[32];
  std::snprintf(number, sizeof number, "%d-%03lld", year, static_cast<long long>(stmt.Int(0) + 1));
  return number;
}

Result<Incident> SqlIncidentRepository::Insert(const Incident& incident) {
  Incident stored = incident;
  {
    Statement s(
        db_,
        "INSERT INTO incident (number, playbook_id, playbook_version, title, status, stage, "
        "exercise, activated_at, closed_at, created_by, ends_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
        "RETURNING id, version");
    Bind(s, incident.number, incident.playbook_id, incident.playbook_version, incident.title,
         EnumCode(INCIDENT_STATUSES, incident.status), incident.stage, incident.exercise ? 1 : 0,
         FormatUtc(incident.activated_at), incident.closed_at, incident.created_by,
         incident.ends_at);
    if (s.Step() != kRow) return StoreError(db_);
    stored.id = s.Int(0);
    stored.version = s.Int(1);
  }
  for (const auto& agb : incident.practice_agbs) {
    Statement s(db_, "INSERT INTO incident_practice (incident_id, practice_agb) VALUES (?, ?)");
    Bind(s, stored.id, agb);
    if (s.Step() != kDone) return StoreError(db_);
  }
  stored.tasks.clear();
  for (const auto& task : incident.tasks) {
    auto inserted = InsertTask(stored.id, task);
    if (!inserted) return inserted.error();
    stored.tasks.push_back(inserted.value());
  }
  stored.log.clear();
  for (const auto& entry : incident.log) {
    auto appended = AppendLog(stored.id, entry);
    if (!appended) return appended.error();
    stored.log.push_back(appended.value());
  }
  return stored;
}

Result<IncidentTask> SqlIncidentRepository::InsertTask(std::int64_t incident_id,
                                                       const IncidentTask& task) {
  Statement s(db_,
              "INSERT INTO incident_task (incident_id, step_id, phase_title, text, owner_role, "
              "owner_person_code, deadline_at, legal, source, status, closed_at, closed_by, note) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id, version");
  Bind(s, incident_id, task.step_id, task.phase_title, task.text, task.owner_role,
       OrNull(task.owner_person_code), FormatUtc(task.deadline), task.legal ? 1 : 0, task.source,
       EnumCode(TASK_STATUSES, task.status), task.closed_at, OrNull(task.closed_by),
       OrNull(task.note));
  if (s.Step() != kRow) return StoreError(db_);
  IncidentTask stored = task;
  stored.id = s.Int(0);
  stored.version = s.Int(1);
  return stored;
}

void SqlIncidentRepository::LoadDetails(Incident& incident, bool with_log) {
  {
    Statement s(db_, "SELECT practice_agb FROM incident_practice WHERE incident_id = ? ORDER BY 1");
    Bind(s, incident.id);
    while (s.Step() == kRow) incident.practice_agbs.push_back(s.Text(0));
  }
  {
    Statement s(db_, std::string("SELECT ") + kTaskColumns +
                         " FROM incident_task WHERE incident_id = ? ORDER BY deadline_at, id");
    Bind(s, incident.id);
    while (s.Step() == kRow) incident.tasks.push_back(ReadTask(s));
  }
  {
    Statement s(db_,
                "SELECT version, situation, casualties, hazardous_substances, communication, "
                "weather, confirmed_at, confirmed_by FROM incident_picture WHERE incident_id = ? "
                "ORDER BY version DESC LIMIT 1");
    Bind(s, incident.id);
    if (s.Step() == kRow) {
      Row row(s);
      incident.picture = SharedPicture{row.Int32(), row.Text(), row.Text(),         row.Text(),
                                       row.Text(),  row.Text(), row.RequiredTime(), row.Text()};
    }
  }
  {
    Statement s(db_, std::string("SELECT ") + kAlarmColumns +
                         ", (SELECT name FROM person WHERE code = person_code) FROM "
                         "incident_alarm WHERE incident_id = ? ORDER BY id");
    Bind(s, incident.id);
    while (s.Step() == kRow) {
      incident.alarms.push_back(ReadAlarm(s));
      incident.alarms.back().person_name = s.Text(12);
    }
  }
  {
    Statement s(db_,
                "SELECT point, source, finding, action FROM incident_evaluation WHERE "
                "incident_id = ? ORDER BY id");
    Bind(s, incident.id);
    while (s.Step() == kRow) {
      incident.evaluation.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3)});
    }
  }
  if (!with_log) return;
  Statement s(db_,
              "SELECT id, at, author, kind, text, decided_by, acted_by, corrects_id, entered_at "
              "FROM incident_log WHERE incident_id = ? ORDER BY at, id");
  Bind(s, incident.id);
  while (s.Step() == kRow) {
    IncidentLogEntry e;
    Row row(s);
    e.id = row.Int();
    e.at = row.RequiredTime();
    e.author = row.Text();
    e.kind = ParseEnum(LOG_KINDS, row.Text()).value_or(LogKind::kObservation);
    e.text = row.Text();
    e.decided_by = row.Text();
    e.acted_by = row.Text();
    e.corrects_id = row.OptionalInt();
    e.entered_at = row.Time();
    incident.log.push_back(std::move(e));
  }
}

std::optional<Incident> SqlIncidentRepository::Find(std::int64_t id) {
  Incident incident;
  {
    Statement s(db_, std::string("SELECT ") + kIncidentColumns + " FROM incident WHERE id = ?");
    Bind(s, id);
    if (s.Step() != kRow) return std::nullopt;
    incident = ReadIncident(s);
  }
  LoadDetails(incident, true);
  return incident;
}

std::vector<Incident> SqlIncidentRepository::List() {
  std::vector<Incident> incidents;
  {
    Statement s(db_, std::string("SELECT ") + kIncidentColumns +
                         " FROM incident ORDER BY activated_at DESC, id DESC");
    while (s.Step() == kRow) incidents.push_back(ReadIncident(s));
  }
  for (auto& incident : incidents) LoadDetails(incident, false);
  return incidents;
}

Result<Incident> SqlIncidentRepository::Update(const Incident& incident) {
  Statement s(db_,
              "UPDATE incident SET status = ?, stage = ?, closed_at = ?, ends_at = ?, "
              "version = version + 1 WHERE id = ? AND version = ? RETURNING version");
  Bind(s, EnumCode(INCIDENT_STATUSES, incident.status), incident.stage, incident.closed_at,
       incident.ends_at, incident.id, incident.version);
  auto version = StepVersioned(db_, s, "het incident is intussen gewijzigd; laad opnieuw");
  if (!version) return version.error();
  Incident stored = incident;
  stored.version = version.value();
  return stored;
}

Result<IncidentTask> SqlIncidentRepository::UpdateTask(std::int64_t incident_id,
                                                       const IncidentTask& task) {
  Statement s(db_,
              "UPDATE incident_task SET status = ?, owner_person_code = ?, closed_at = ?, "
              "closed_by = ?, note = ?, entered_at = ?, version = version + 1 WHERE id = ? AND "
              "incident_id = ? AND version = ? RETURNING version");
  Bind(s, EnumCode(TASK_STATUSES, task.status), OrNull(task.owner_person_code), task.closed_at,
       OrNull(task.closed_by), OrNull(task.note), task.entered_at, task.id, incident_id,
       task.version);
  auto version = StepVersioned(db_, s, "deze taak is intussen gewijzigd; laad opnieuw");
  if (!version) return version.error();
  IncidentTask stored = task;
  stored.version = version.value();
  return stored;
}

Result<SharedPicture> SqlIncidentRepository::SavePicture(std::int64_t incident_id, int base_version,
                                                         const SharedPicture& picture) {
  int latest = 0;
  {
    Statement s(db_,
                "SELECT COALESCE(MAX(version), 0) FROM incident_picture WHERE incident_id = ?");
    Bind(s, incident_id);
    s.Step();
    latest = static_cast<int>(s.Int(0));
  }
  if (latest != base_version) {
    return Error::Conflict("version", "het gedeelde beeld is intussen bijgewerkt (versie " +
                                          std::to_string(latest) + "); laad opnieuw");
  }
  SharedPicture stored = picture;
  stored.version = latest + 1;
  Statement s(db_,
              "INSERT INTO incident_picture (incident_id, version, situation, casualties, "
              "hazardous_substances, communication, weather, confirmed_at, confirmed_by) VALUES "
              "(?,?,?,?,?,?,?,?,?)");
  Bind(s, incident_id, stored.version, stored.situation, stored.casualties,
       stored.hazardous_substances, stored.communication, stored.weather,
       FormatUtc(stored.confirmed_at), stored.confirmed_by);
  if (s.Step() != kDone) return StoreError(db_);
  return stored;
}

Result<IncidentLogEntry> SqlIncidentRepository::AppendLog(std::int64_t incident_id,
                                                          const IncidentLogEntry& entry) {
  Statement s(db_,
              "INSERT INTO incident_log (incident_id, at, author, kind, text, decided_by, "
              "acted_by, corrects_id, entered_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id");
  Bind(s, incident_id, entry.at, entry.author, EnumCode(LOG_KINDS, entry.kind), entry.text,
       OrNull(entry.decided_by), OrNull(entry.acted_by), entry.corrects_id, entry.entered_at);
  if (s.Step() != kRow) return StoreError(db_);
  IncidentLogEntry stored = entry;
  stored.id = s.Int(0);
  return stored;
}

Result<IncidentAlarm> SqlIncidentRepository::InsertAlarm(std::int64_t incident_id,
                                                         const IncidentAlarm& alarm) {
  Statement s(db_,
              "INSERT INTO incident_alarm (incident_id, role_code, role_label, person_code, "
              "level, status, alarmed_at, acknowledged_at, acknowledged_by, passed_at, "
              "ack_token_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id, version");
  Bind(s, incident_id, alarm.role_code, alarm.role_label, OrNull(alarm.person_code),
       EnumCode(ALARM_LEVELS, alarm.level), EnumCode(ALARM_STATUSES, alarm.status),
       FormatUtc(alarm.alarmed_at), alarm.acknowledged_at, OrNull(alarm.acknowledged_by),
       alarm.passed_at, OrNull(alarm.ack_token_hash));
  if (s.Step() != kRow) return StoreError(db_);
  IncidentAlarm stored = alarm;
  stored.id = s.Int(0);
  stored.version = s.Int(1);
  return stored;
}

Result<IncidentAlarm> SqlIncidentRepository::UpdateAlarm(std::int64_t incident_id,
                                                         const IncidentAlarm& alarm) {
  Statement s(db_,
              "UPDATE incident_alarm SET status = ?, acknowledged_at = ?, acknowledged_by = ?, "
              "passed_at = ?, version = version + 1 WHERE id = ? AND incident_id = ? AND "
              "version = ? RETURNING version");
  Bind(s, EnumCode(ALARM_STATUSES, alarm.status), alarm.acknowledged_at,
       OrNull(alarm.acknowledged_by), alarm.passed_at, alarm.id, incident_id, alarm.version);
  auto version = StepVersioned(db_, s, "deze alarmering is intussen gewijzigd; laad opnieuw");
  if (!version) return version.error();
  IncidentAlarm stored = alarm;
  stored.version = version.value();
  return stored;
}

std::optional<std::int64_t> SqlIncidentRepository::FindIncidentByAlarmToken(
    const std::string& token_hash) {
  Statement s(db_, "SELECT incident_id FROM incident_alarm WHERE ack_token_hash = ?");
  Bind(s, token_hash);
  if (s.Step() != kRow) return std::nullopt;
  return s.Int(0);
}

std::vector<std::int64_t> SqlIncidentRepository::OpenIncidentIds() {
  std::vector<std::int64_t> ids;
  Statement s(db_, "SELECT id FROM incident WHERE status <> 'closed' ORDER BY id");
  while (s.Step() == kRow) ids.push_back(s.Int(0));
  return ids;
}

Status SqlIncidentRepository::SaveEvaluation(std::int64_t incident_id,
                                             const EvaluationPoint& point) {
  Statement s(db_,
              "INSERT INTO incident_evaluation (incident_id, point, source, finding, action) "
              "VALUES (?,?,?,?,?) ON CONFLICT (incident_id, point) DO UPDATE SET "
              "finding = excluded.finding, action = excluded.action, "
              "version = incident_evaluation.version + 1");
  Bind(s, incident_id, point.point, point.source, OrNull(point.finding), OrNull(point.action));
  if (s.Step() != kDone) return StoreError(db_);
  return Ok{};
}

}  // namespace vangnet::sql

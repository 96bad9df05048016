#include "store/sqlite/sqlite_incident_repository.hpp"

#include <cstdio>

namespace vangnet::sqlite {

namespace {

constexpr const char* kIncidentColumns =
    "id, version, number, playbook_id, playbook_version, title, status, stage, exercise, "
    "activated_at, closed_at, created_by, ends_at";
constexpr const char* kTaskColumns =
    "id, version, step_id, phase_title, text, owner_role, owner_person_code, deadline_at, legal, "
    "source, status, closed_at, closed_by, note, entered_at";

std::optional<TimePoint> OptionalTime(const Statement& stmt, int column) {
  if (stmt.IsNull(column)) return std::nullopt;
  return ParseUtc(stmt.Text(column));
}

Incident ReadIncident(const Statement& s) {
  Incident i;
  i.id = s.Int(0);
  i.version = s.Int(1);
  i.number = s.Text(2);
  i.playbook_id = s.Text(3);
  i.playbook_version = static_cast<int>(s.Int(4));
  i.title = s.Text(5);
  i.status = ParseEnum(INCIDENT_STATUSES, s.Text(6)).value_or(IncidentStatus::kActive);
  i.stage = static_cast<int>(s.Int(7));
  i.exercise = s.Int(8) != 0;
  i.activated_at = ParseUtc(s.Text(9)).value_or(TimePoint{});
  i.closed_at = OptionalTime(s, 10);
  i.created_by = s.Text(11);
  i.ends_at = OptionalTime(s, 12);
  return i;
}

IncidentTask ReadTask(const Statement& s) {
  IncidentTask t;
  t.id = s.Int(0);
  t.version = s.Int(1);
  t.step_id = s.Text(2);
  t.phase_title = s.Text(3);
  t.text = s.Text(4);
  t.owner_role = s.Text(5);
  t.owner_person_code = s.Text(6);
  t.deadline = ParseUtc(s.Text(7)).value_or(TimePoint{});
  t.legal = s.Int(8) != 0;
  t.source = s.Text(9);
  t.status = ParseEnum(TASK_STATUSES, s.Text(10)).value_or(TaskStatus::kOpen);
  t.closed_at = OptionalTime(s, 11);
  t.closed_by = s.Text(12);
  t.entered_at = OptionalTime(s, 14);
  t.note = s.Text(13);
  return t;
}

constexpr const char* kAlarmColumns =
    "id, version, role_code, role_label, person_code, level, status, alarmed_at, "
    "acknowledged_at, acknowledged_by, passed_at, ack_token_hash";

IncidentAlarm ReadAlarm(const Statement& s) {
  IncidentAlarm a;
  a.id = s.Int(0);
  a.version = s.Int(1);
  a.role_code = s.Text(2);
  a.role_label = s.Text(3);
  a.person_code = s.Text(4);
  a.level = ParseEnum(ALARM_LEVELS, s.Text(5)).value_or(AlarmLevel::kPrimary);
  a.status = ParseEnum(ALARM_STATUSES, s.Text(6)).value_or(AlarmStatus::kAlarmed);
  a.alarmed_at = ParseUtc(s.Text(7)).value_or(TimePoint{});
  a.acknowledged_at = OptionalTime(s, 8);
  a.acknowledged_by = s.Text(9);
  a.passed_at = OptionalTime(s, 10);
  a.ack_token_hash = s.Text(11);
  return a;
}

void BindOptionalText(Statement& s, int index, const std::string& text) {
  if (text.empty()) {
    s.BindNull(index);
  } else {
    s.BindText(index, text);
  }
}

void BindOptionalTime(Statement& s, int index, const std::optional<TimePoint>& t) {
  if (t) {
    s.BindText(index, FormatUtc(*t));
  } else {
    s.BindNull(index);
  }
}

}  // namespace

std::string SqliteIncidentRepository::NextNumber(int year) {
  Statement stmt(db_, "SELECT COUNT(*) FROM incident WHERE number LIKE ?");
  stmt.BindText(1, std::to_string(year) + "-%");
  stmt.Step();
  char number[32];
  std::snprintf(number, sizeof number, "%d-%03lld", year, static_cast<long long>(stmt.Int(0) + 1));
  return number;
}

Result<Incident> SqliteIncidentRepository::Insert(const Incident& incident) {
  Incident stored = incident;
  {
    Statement s(
        db_,
        "INSERT INTO incident (number, playbook_id, playbook_version, title, status, stage, "
        "exercise, activated_at, closed_at, created_by, ends_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) "
        "RETURNING id, version");
    s.BindText(1, incident.number);
    s.BindText(2, incident.playbook_id);
    s.BindInt(3, incident.playbook_version);
    s.BindText(4, incident.title);
    s.BindText(5, EnumCode(INCIDENT_STATUSES, incident.status));
    s.BindInt(6, incident.stage);
    s.BindInt(7, incident.exercise ? 1 : 0);
    s.BindText(8, FormatUtc(incident.activated_at));
    BindOptionalTime(s, 9, incident.closed_at);
    s.BindText(10, incident.created_by);
    BindOptionalTime(s, 11, incident.ends_at);
    if (s.Step() != SQLITE_ROW) return StoreError(db_);
    stored.id = s.Int(0);
    stored.version = s.Int(1);
  }
  for (const auto& agb : incident.practice_agbs) {
    Statement s(db_, "INSERT INTO incident_practice (incident_id, practice_agb) VALUES (?, ?)");
    s.BindInt(1, stored.id);
    s.BindText(2, agb);
    if (s.Step() != SQLITE_DONE) return StoreError(db_);
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

Result<IncidentTask> SqliteIncidentRepository::InsertTask(std::int64_t incident_id,
                                                          const IncidentTask& task) {
  Statement s(db_,
              "INSERT INTO incident_task (incident_id, step_id, phase_title, text, owner_role, "
              "owner_person_code, deadline_at, legal, source, status, closed_at, closed_by, note) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id, version");
  s.BindInt(1, incident_id);
  s.BindText(2, task.step_id);
  s.BindText(3, task.phase_title);
  s.BindText(4, task.text);
  s.BindText(5, task.owner_role);
  BindOptionalText(s, 6, task.owner_person_code);
  s.BindText(7, FormatUtc(task.deadline));
  s.BindInt(8, task.legal ? 1 : 0);
  s.BindText(9, task.source);
  s.BindText(10, EnumCode(TASK_STATUSES, task.status));
  BindOptionalTime(s, 11, task.closed_at);
  BindOptionalText(s, 12, task.closed_by);
  BindOptionalText(s, 13, task.note);
  if (s.Step() != SQLITE_ROW) return StoreError(db_);
  IncidentTask stored = task;
  stored.id = s.Int(0);
  stored.version = s.Int(1);
  return stored;
}

void SqliteIncidentRepository::LoadDetails(Incident& incident, bool with_log) {
  {
    Statement s(db_, "SELECT practice_agb FROM incident_practice WHERE incident_id = ? ORDER BY 1");
    s.BindInt(1, incident.id);
    while (s.Step() == SQLITE_ROW) incident.practice_agbs.push_back(s.Text(0));
  }
  {
    Statement s(db_, std::string("SELECT ") + kTaskColumns +
                         " FROM incident_task WHERE incident_id = ? ORDER BY deadline_at, id");
    s.BindInt(1, incident.id);
    while (s.Step() == SQLITE_ROW) incident.tasks.push_back(ReadTask(s));
  }
  {
    Statement s(db_,
                "SELECT version, situation, casualties, hazardous_substances, communication, "
                "weather, confirmed_at, confirmed_by FROM incident_picture WHERE incident_id = ? "
                "ORDER BY version DESC LIMIT 1");
    s.BindInt(1, incident.id);
    if (s.Step() == SQLITE_ROW) {
      incident.picture = SharedPicture{static_cast<int>(s.Int(0)),
                                       s.Text(1),
                                       s.Text(2),
                                       s.Text(3),
                                       s.Text(4),
                                       s.Text(5),
                                       ParseUtc(s.Text(6)).value_or(TimePoint{}),
                                       s.Text(7)};
    }
  }
  {
    Statement s(db_, std::string("SELECT ") + kAlarmColumns +
                         ", (SELECT name FROM person WHERE code = person_code) FROM "
                         "incident_alarm WHERE incident_id = ? ORDER BY id");
    s.BindInt(1, incident.id);
    while (s.Step() == SQLITE_ROW) {
      incident.alarms.push_back(ReadAlarm(s));
      incident.alarms.back().person_name = s.Text(12);
    }
  }
  {
    Statement s(db_,
                "SELECT point, source, finding, action FROM incident_evaluation WHERE "
                "incident_id = ? ORDER BY id");
    s.BindInt(1, incident.id);
    while (s.Step() == SQLITE_ROW) {
      incident.evaluation.push_back({s.Text(0), s.Text(1), s.Text(2), s.Text(3)});
    }
  }
  if (!with_log) return;
  Statement s(db_,
              "SELECT id, at, author, kind, text, decided_by, acted_by, corrects_id, entered_at "
              "FROM incident_log WHERE incident_id = ? ORDER BY at, id");
  s.BindInt(1, incident.id);
  while (s.Step() == SQLITE_ROW) {
    IncidentLogEntry e;
    e.id = s.Int(0);
    e.at = ParseUtc(s.Text(1)).value_or(TimePoint{});
    e.author = s.Text(2);
    e.kind = ParseEnum(LOG_KINDS, s.Text(3)).value_or(LogKind::kObservation);
    e.text = s.Text(4);
    e.decided_by = s.Text(5);
    e.acted_by = s.Text(6);
    if (!s.IsNull(7)) e.corrects_id = s.Int(7);
    e.entered_at = OptionalTime(s, 8);
    incident.log.push_back(std::move(e));
  }
}

std::optional<Incident> SqliteIncidentRepository::Find(std::int64_t id) {
  Incident incident;
  {
    Statement s(db_, std::string("SELECT ") + kIncidentColumns + " FROM incident WHERE id = ?");
    s.BindInt(1, id);
    if (s.Step() != SQLITE_ROW) return std::nullopt;
    incident = ReadIncident(s);
  }
  LoadDetails(incident, true);
  return incident;
}

std::vector<Incident> SqliteIncidentRepository::List() {
  std::vector<Incident> incidents;
  {
    Statement s(db_, std::string("SELECT ") + kIncidentColumns +
                         " FROM incident ORDER BY activated_at DESC, id DESC");
    while (s.Step() == SQLITE_ROW) incidents.push_back(ReadIncident(s));
  }
  for (auto& incident : incidents) LoadDetails(incident, false);
  return incidents;
}

Result<Incident> SqliteIncidentRepository::Update(const Incident& incident) {
  Statement s(db_,
              "UPDATE incident SET status = ?, stage = ?, closed_at = ?, ends_at = ?, "
              "version = version + 1 WHERE id = ? AND version = ? RETURNING version");
  s.BindText(1, EnumCode(INCIDENT_STATUSES, incident.status));
  s.BindInt(2, incident.stage);
  BindOptionalTime(s, 3, incident.closed_at);
  BindOptionalTime(s, 4, incident.ends_at);
  s.BindInt(5, incident.id);
  s.BindInt(6, incident.version);
  int rc = s.Step();
  if (rc == SQLITE_DONE) {
    return Error::Conflict("version", "het incident is intussen gewijzigd; laad opnieuw");
  }
  if (rc != SQLITE_ROW) return StoreError(db_);
  Incident stored = incident;
  stored.version = s.Int(0);
  return stored;
}

Result<IncidentTask> SqliteIncidentRepository::UpdateTask(std::int64_t incident_id,
                                                          const IncidentTask& task) {
  Statement s(db_,
              "UPDATE incident_task SET status = ?, owner_person_code = ?, closed_at = ?, "
              "closed_by = ?, note = ?, entered_at = ?, version = version + 1 WHERE id = ? AND "
              "incident_id = ? AND version = ? RETURNING version");
  s.BindText(1, EnumCode(TASK_STATUSES, task.status));
  BindOptionalText(s, 2, task.owner_person_code);
  BindOptionalTime(s, 3, task.closed_at);
  BindOptionalText(s, 4, task.closed_by);
  BindOptionalText(s, 5, task.note);
  BindOptionalTime(s, 6, task.entered_at);
  s.BindInt(7, task.id);
  s.BindInt(8, incident_id);
  s.BindInt(9, task.version);
  int rc = s.Step();
  if (rc == SQLITE_DONE) {
    return Error::Conflict("version", "deze taak is intussen gewijzigd; laad opnieuw");
  }
  if (rc != SQLITE_ROW) return StoreError(db_);
  IncidentTask stored = task;
  stored.version = s.Int(0);
  return stored;
}

Result<SharedPicture> SqliteIncidentRepository::SavePicture(std::int64_t incident_id,
                                                            int base_version,
                                                            const SharedPicture& picture) {
  int latest = 0;
  {
    Statement s(db_,
                "SELECT COALESCE(MAX(version), 0) FROM incident_picture WHERE incident_id = ?");
    s.BindInt(1, incident_id);
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
  s.BindInt(1, incident_id);
  s.BindInt(2, stored.version);
  s.BindText(3, stored.situation);
  s.BindText(4, stored.casualties);
  s.BindText(5, stored.hazardous_substances);
  s.BindText(6, stored.communication);
  s.BindText(7, stored.weather);
  s.BindText(8, FormatUtc(stored.confirmed_at));
  s.BindText(9, stored.confirmed_by);
  if (s.Step() != SQLITE_DONE) return StoreError(db_);
  return stored;
}

Result<IncidentLogEntry> SqliteIncidentRepository::AppendLog(std::int64_t incident_id,
                                                             const IncidentLogEntry& entry) {
  Statement s(db_,
              "INSERT INTO incident_log (incident_id, at, author, kind, text, decided_by, "
              "acted_by, corrects_id, entered_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id");
  s.BindInt(1, incident_id);
  s.BindText(2, FormatUtc(entry.at));
  s.BindText(3, entry.author);
  s.BindText(4, EnumCode(LOG_KINDS, entry.kind));
  s.BindText(5, entry.text);
  BindOptionalText(s, 6, entry.decided_by);
  BindOptionalText(s, 7, entry.acted_by);
  if (entry.corrects_id) {
    s.BindInt(8, *entry.corrects_id);
  } else {
    s.BindNull(8);
  }
  BindOptionalTime(s, 9, entry.entered_at);
  if (s.Step() != SQLITE_ROW) return StoreError(db_);
  IncidentLogEntry stored = entry;
  stored.id = s.Int(0);
  return stored;
}

Result<IncidentAlarm> SqliteIncidentRepository::InsertAlarm(std::int64_t incident_id,
                                                            const IncidentAlarm& alarm) {
  Statement s(db_,
              "INSERT INTO incident_alarm (incident_id, role_code, role_label, person_code, "
              "level, status, alarmed_at, acknowledged_at, acknowledged_by, passed_at, "
              "ack_token_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id, version");
  s.BindInt(1, incident_id);
  s.BindText(2, alarm.role_code);
  s.BindText(3, alarm.role_label);
  BindOptionalText(s, 4, alarm.person_code);
  s.BindText(5, EnumCode(ALARM_LEVELS, alarm.level));
  s.BindText(6, EnumCode(ALARM_STATUSES, alarm.status));
  s.BindText(7, FormatUtc(alarm.alarmed_at));
  BindOptionalTime(s, 8, alarm.acknowledged_at);
  BindOptionalText(s, 9, alarm.acknowledged_by);
  BindOptionalTime(s, 10, alarm.passed_at);
  BindOptionalText(s, 11, alarm.ack_token_hash);
  if (s.Step() != SQLITE_ROW) return StoreError(db_);
  IncidentAlarm stored = alarm;
  stored.id = s.Int(0);
  stored.version = s.Int(1);
  return stored;
}

Result<IncidentAlarm> SqliteIncidentRepository::UpdateAlarm(std::int64_t incident_id,
                                                            const IncidentAlarm& alarm) {
  Statement s(db_,
              "UPDATE incident_alarm SET status = ?, acknowledged_at = ?, acknowledged_by = ?, "
              "passed_at = ?, version = version + 1 WHERE id = ? AND incident_id = ? AND "
              "version = ? RETURNING version");
  s.BindText(1, EnumCode(ALARM_STATUSES, alarm.status));
  BindOptionalTime(s, 2, alarm.acknowledged_at);
  BindOptionalText(s, 3, alarm.acknowledged_by);
  BindOptionalTime(s, 4, alarm.passed_at);
  s.BindInt(5, alarm.id);
  s.BindInt(6, incident_id);
  s.BindInt(7, alarm.version);
  int rc = s.Step();
  if (rc == SQLITE_DONE) {
    return Error::Conflict("version", "deze alarmering is intussen gewijzigd; laad opnieuw");
  }
  if (rc != SQLITE_ROW) return StoreError(db_);
  IncidentAlarm stored = alarm;
  stored.version = s.Int(0);
  return stored;
}

std::optional<std::int64_t> SqliteIncidentRepository::FindIncidentByAlarmToken(
    const std::string& token_hash) {
  Statement s(db_, "SELECT incident_id FROM incident_alarm WHERE ack_token_hash = ?");
  s.BindText(1, token_hash);
  if (s.Step() != SQLITE_ROW) return std::nullopt;
  return s.Int(0);
}

std::vector<std::int64_t> SqliteIncidentRepository::OpenIncidentIds() {
  std::vector<std::int64_t> ids;
  Statement s(db_, "SELECT id FROM incident WHERE status <> 'closed' ORDER BY id");
  while (s.Step() == SQLITE_ROW) ids.push_back(s.Int(0));
  return ids;
}

Status SqliteIncidentRepository::SaveEvaluation(std::int64_t incident_id,
                                                const EvaluationPoint& point) {
  Statement s(db_,
              "INSERT INTO incident_evaluation (incident_id, point, source, finding, action) "
              "VALUES (?,?,?,?,?) ON CONFLICT (incident_id, point) DO UPDATE SET "
              "finding = excluded.finding, action = excluded.action, version = version + 1");
  s.BindInt(1, incident_id);
  s.BindText(2, point.point);
  s.BindText(3, point.source);
  BindOptionalText(s, 4, point.finding);
  BindOptionalText(s, 5, point.action);
  if (s.Step() != SQLITE_DONE) return StoreError(db_);
  return Ok{};
}

namespace {

constexpr const char* kOutboxColumns =
    "id, dedup_key, created_at, channel, recipient, subject, body, incident_id, status, "
    "attempts, next_attempt_at, last_error, sent_at";

OutboxMessage ReadMessage(const Statement& s) {
  OutboxMessage m;
  m.id = s.Int(0);
  m.dedup_key = s.Text(1);
  m.created_at = ParseUtc(s.Text(2)).value_or(TimePoint{});
  m.channel = ParseEnum(CHANNELS, s.Text(3)).value_or(Channel::kEmail);
  m.recipient = s.Text(4);
  m.subject = s.Text(5);
  m.body = s.Text(6);
  if (!s.IsNull(7)) m.incident_id = s.Int(7);
  m.status = ParseEnum(OUTBOX_STATUSES, s.Text(8)).value_or(OutboxStatus::kPending);
  m.attempts = static_cast<int>(s.Int(9));
  m.next_attempt_at = ParseUtc(s.Text(10)).value_or(TimePoint{});
  m.last_error = s.Text(11);
  m.sent_at = OptionalTime(s, 12);
  return m;
}

}  // namespace

Result<bool> SqliteOutboxRepository::Enqueue(const OutboxMessage& m) {
  Statement s(
      db_,
      "INSERT INTO outbox (dedup_key, created_at, channel, recipient, subject, body, "
      "incident_id, status, attempts, next_attempt_at, sent_at) VALUES (?,?,?,?,?,?,?,?,0,?,?) "
      "ON CONFLICT (dedup_key) DO NOTHING RETURNING id");
  s.BindText(1, m.dedup_key);
  s.BindText(2, FormatUtc(m.created_at));
  s.BindText(3, EnumCode(CHANNELS, m.channel));
  s.BindText(4, m.recipient);
  s.BindText(5, m.subject);
  s.BindText(6, m.body);
  if (m.incident_id) {
    s.BindInt(7, *m.incident_id);
  } else {
    s.BindNull(7);
  }
  s.BindText(8, EnumCode(OUTBOX_STATUSES, m.status));
  s.BindText(9, FormatUtc(m.next_attempt_at));
  BindOptionalTime(s, 10, m.sent_at);
  int rc = s.Step();
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return StoreError(db_);
}

// Messages of an incident go before routine ones (the monthly reminders): an alarm at 08:00
// on the 1st must not wait behind the region's reminder e-mails.
std::vector<OutboxMessage> SqliteOutboxRepository::Due(TimePoint now, int limit) {
  std::vector<OutboxMessage> due;
  Statement s(db_, std::string("SELECT ") + kOutboxColumns +
                       " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? "
                       "ORDER BY incident_id IS NULL, next_attempt_at, id LIMIT ?");
  s.BindText(1, FormatUtc(now));
  s.BindInt(2, limit);
  while (s.Step() == SQLITE_ROW) due.push_back(ReadMessage(s));
  return due;
}

Status SqliteOutboxRepository::Record(const OutboxMessage& m) {
  Statement s(db_,
              "UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, "
              "sent_at = ? WHERE id = ?");
  s.BindText(1, EnumCode(OUTBOX_STATUSES, m.status));
  s.BindInt(2, m.attempts);
  s.BindText(3, FormatUtc(m.next_attempt_at));
  BindOptionalText(s, 4, m.last_error);
  BindOptionalTime(s, 5, m.sent_at);
  s.BindInt(6, m.id);
  if (s.Step() != SQLITE_DONE) return StoreError(db_);
  return Ok{};
}

std::vector<OutboxMessage> SqliteOutboxRepository::ForIncident(std::int64_t incident_id) {
  std::vector<OutboxMessage> messages;
  Statement s(db_, std::string("SELECT ") + kOutboxColumns +
                       " FROM outbox WHERE incident_id = ? ORDER BY id DESC");
  s.BindInt(1, incident_id);
  while (s.Step() == SQLITE_ROW) messages.push_back(ReadMessage(s));
  return messages;
}

bool SqliteMonitorHistoryRepository::HasMonth(const std::string& month) {
  Statement s(db_, "SELECT 1 FROM monitor_history WHERE month = ? LIMIT 1");
  s.BindText(1, month);
  return s.Step() == SQLITE_ROW;
}

Result<bool> SqliteMonitorHistoryRepository::RecordMonth(const std::string& month,
                                                         const std::vector<HistoryPoint>& points,
                                                         const std::string& recorded_at) {
  if (HasMonth(month)) return false;
  for (const auto& p : points) {
    Statement s(db_,
                "INSERT INTO monitor_history (month, measure, value, recorded_at) VALUES "
                "(?,?,?,?)");
    s.BindText(1, month);
    s.BindText(2, p.measure);
    s.BindInt(3, p.value);
    s.BindText(4, recorded_at);
    if (s.Step() != SQLITE_DONE) return StoreError(db_);
  }
  return true;
}

std::vector<HistoryPoint> SqliteMonitorHistoryRepository::All() {
  std::vector<HistoryPoint> points;
  Statement s(db_, "SELECT month, measure, value FROM monitor_history ORDER BY month, measure");
  while (s.Step() == SQLITE_ROW) points.push_back({s.Text(0), s.Text(1), s.Int(2)});
  return points;
}

}  // namespace vangnet::sqlite

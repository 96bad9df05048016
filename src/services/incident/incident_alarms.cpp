#include "services/incident/incident_alarms.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/escalation.hpp"
#include "core/registry.hpp"
#include "core/text.hpp"
#include "store/digest.hpp"

namespace vangnet {

Result<Incident> IncidentAlarms::Acknowledge(const Caller& caller, std::int64_t incident_id,
                                             std::int64_t alarm_id) {
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
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
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"alarm", alarm_id}, {"acknowledged", true}}.dump());
}

Result<IncidentAlarms::Acknowledged> IncidentAlarms::AcknowledgeByToken(const std::string& token) {
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
  auto finished =
      access_.Finish(*uow.value(), *incident_id, "update",
                     nlohmann::json{{"alarm", alarm->id}, {"acknowledged", "link"}}.dump());
  if (!finished) return finished.error();
  return result;
}

Result<Incident> IncidentAlarms::HandOverRole(const Caller& caller, std::int64_t incident_id,
                                              const std::string& role_code,
                                              const std::string& person_code,
                                              const std::string& reason) {
  if (Trim(reason).empty()) return Error::Validation("reason", "geef de reden van de overdracht");
  if (caller.role == UserRole::kPracticeUser) {
    return Error(ErrorKind::kForbidden, "alleen de RHO draagt crisisrollen over");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto incident = access_.Load(*uow.value(), caller, incident_id, true);
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
      incident_id, {0, store_.clock().Now(), caller.actor.user, LogKind::kDecision, text,
                    caller.actor.user, person->name, std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return access_.Finish(*uow.value(), incident_id, "update",
                        nlohmann::json{{"role", role_code}, {"handed_to", person_code}}.dump());
}

Result<std::vector<OutboxMessage>> IncidentAlarms::Messages(const Caller& caller,
                                                            std::int64_t incident_id) {
  auto uow = store_.Begin(caller.actor);  // the read is audited in it
  if (!uow) return uow.error();
  auto incident = access_.LoadToRead(*uow.value(), caller, incident_id, "messages");
  if (!incident) return incident.error();
  auto messages = uow.value()->Outbox().ForIncident(incident_id);
  if (auto s = uow.value()->Commit(); !s) return s.error();
  for (auto& m : messages) {
    m.body.clear();  // links in bodies are one-time secrets
    if (!caller.IsRho()) m.recipient.clear();
  }
  return messages;
}

Result<IncidentAlarms::AlarmOverview> IncidentAlarms::Overview(const Caller& caller,
                                                               std::int64_t incident_id) {
  auto uow = store_.Begin(caller.actor);  // the read (phones too) is audited in it
  if (!uow) return uow.error();
  auto incident = access_.LoadToRead(*uow.value(), caller, incident_id, "alarms");
  if (!incident) return incident.error();
  AlarmOverview overview;
  overview.email = settings_.email;
  overview.sms = settings_.sms;
  // An alarm's messages carry its id in their key: "alarm:<id>:<channel>".
  std::map<std::int64_t, std::vector<OutboxMessage>> by_alarm;
  for (auto& m : uow.value()->Outbox().ForIncident(incident_id)) {
    if (!m.dedup_key.starts_with("alarm:")) continue;
    const auto id = ParseInteger(m.dedup_key.substr(6, m.dedup_key.find(':', 6) - 6));
    if (!id) continue;
    m.body.clear();  // links in bodies are one-time secrets
    m.recipient.clear();
    by_alarm[*id].push_back(std::move(m));
  }
  for (const auto& alarm : incident.value().alarms) {
    AlarmRow row{alarm, "", by_alarm[alarm.id]};
    std::sort(row.deliveries.begin(), row.deliveries.end(),
              [](const auto& a, const auto& b) { return a.channel < b.channel; });
    if (caller.IsRho() && !alarm.person_code.empty()) {
      Person probe;
      probe.code = alarm.person_code;
      if (auto person = uow.value()->Table<Person>().Find(probe)) row.phone = person->phone;
    }
    overview.rows.push_back(std::move(row));
  }
  std::stable_sort(overview.rows.begin(), overview.rows.end(), [](const auto& a, const auto& b) {
    return (a.alarm.status == AlarmStatus::kAlarmed) > (b.alarm.status == AlarmStatus::kAlarmed);
  });
  if (caller.IsRho()) {
    std::vector<std::string> people;
    for (const auto& row : overview.rows) people.push_back(row.alarm.person_code);
    if (auto s = RecordAudit(
            *uow.value(), "read", "person", "list", "",
            nlohmann::json{{"records", people.size()}, {"keys", people}, {"view", "alarmoverzicht"}}
                .dump());
        !s) {
      return s.error();
    }
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return overview;
}

}  // namespace vangnet

#include "services/incident/alarming.hpp"

#include <algorithm>
#include <array>

#include "core/registry.hpp"
#include "store/digest.hpp"

namespace vangnet {

namespace {

constexpr std::array<CrisisRoleKind, 7> kCrisisTeam{
    CrisisRoleKind::kChair,
    CrisisRoleKind::kMedicalAdviserOutOfHours,
    CrisisRoleKind::kMedicalAdviserOfficeHours,
    CrisisRoleKind::kOrganisationalAdviser,
    CrisisRoleKind::kLogger,
    CrisisRoleKind::kInformationCoordinator,
    CrisisRoleKind::kCommunicationAdviser,
};

std::string LocalDate(TimePoint now) {
  return FormatDate(AmsterdamDate(now));
}

std::optional<Person> FindPerson(UnitOfWork& uow, const std::string& code) {
  if (code.empty()) return std::nullopt;
  Person probe;
  probe.code = code;
  return uow.Table<Person>().Find(probe);
}

std::optional<CrisisRole> ReportingPoint(const std::vector<CrisisRole>& roles) {
  for (const auto& r : roles) {
    if (r.kind == CrisisRoleKind::kReportingPoint) return r;
  }
  return std::nullopt;
}

std::vector<AlarmLink> ChainFor(UnitOfWork& uow, const CrisisRole& role,
                                const std::vector<CrisisRole>& all, TimePoint now) {
  const std::string today = LocalDate(now);
  auto point = ReportingPoint(all);
  return AlarmChain(role, point ? &*point : nullptr, [&](const std::string& code) {
    auto person = FindPerson(uow, code);
    return person && person->AvailableOn(today);
  });
}

// Queues a notice for one person: in the app always, by e-mail (and for alarms by SMS) when
// the person has an address. Whether those can go out is for the process that delivers them
// to decide (services/notify/outbox_delivery.hpp), not for this one: an incident started on
// the command line is e-mailed by the server that runs with --smtp-url. The key makes it
// once-only; returns whether the notice is new.
Result<bool> Notify(UnitOfWork& uow, const Person& person, std::int64_t incident_id,
                    const std::string& key, const std::string& subject, const std::string& body,
                    bool urgent, TimePoint now) {
  OutboxMessage message;
  message.created_at = now;
  message.next_attempt_at = now;
  message.incident_id = incident_id;
  message.subject = subject;
  message.body = body;
  message.dedup_key = key + ":app";
  message.channel = Channel::kApp;
  message.recipient = person.code;
  message.status = OutboxStatus::kSent;
  message.sent_at = now;
  auto fresh = uow.Outbox().Enqueue(message);
  if (!fresh || !fresh.value()) return fresh;
  message.status = OutboxStatus::kPending;
  message.sent_at.reset();
  if (!person.email.empty()) {
    message.dedup_key = key + ":email";
    message.channel = Channel::kEmail;
    message.recipient = person.email;
    if (auto queued = uow.Outbox().Enqueue(message); !queued) return queued.error();
  }
  if (urgent && !person.phone.empty()) {
    message.dedup_key = key + ":sms";
    message.channel = Channel::kSms;
    message.recipient = person.phone;
    message.body = subject;  // an SMS carries the headline; the link follows below
    if (auto at = body.find("Bevestigen: "); at != std::string::npos) {
      message.body += "\n" + body.substr(at, body.find('\n', at) - at);
    }
    if (auto queued = uow.Outbox().Enqueue(message); !queued) return queued.error();
  }
  return true;
}

Status Log(UnitOfWork& uow, std::int64_t incident_id, TimePoint now, const std::string& author,
           LogKind kind, const std::string& text) {
  auto logged = uow.Incidents().AppendLog(
      incident_id, {0, now, author, kind, text, "", "", std::nullopt, std::nullopt});
  if (!logged) return logged.error();
  return Ok{};
}

// The person the RHO's crisis coordinator role points at now: receives digests and warnings.
std::optional<Person> Coordinator(UnitOfWork& uow, TimePoint now) {
  for (const auto& role : uow.Table<CrisisRole>().List()) {
    if (role.kind != CrisisRoleKind::kCrisisCoordinator) continue;
    if (auto person = FindPerson(uow, CurrentHolder(uow, role, now))) return person;
  }
  return std::nullopt;
}

std::string PracticeNames(UnitOfWork& uow, const Incident& incident) {
  std::string names;
  for (const auto& agb : incident.practice_agbs) {
    Practice probe;
    probe.agb = agb;
    auto practice = uow.Table<Practice>().Find(probe);
    names += (names.empty() ? "" : ", ") + (practice ? practice->name : agb);
  }
  return names;
}

}  // namespace

std::string CrisisRoleLabel(const CrisisRole& role) {
  std::string label(EnumLabel(CRISIS_ROLE_KINDS, role.kind));
  if (!role.gp_group_code.empty()) label += " " + role.gp_group_code;
  return label;
}

std::string NameOf(UnitOfWork& uow, const std::string& code) {
  auto person = FindPerson(uow, code);
  return person ? person->name : code;
}

std::optional<CrisisRoleKind> CrisisRoleFor(const std::string& role) {
  if (role == "continuity_team" || role == "takeover_coordinator" || role == "coordinator" ||
      role == "crisis_coordinator" || role == "rho") {
    return CrisisRoleKind::kCrisisCoordinator;
  }
  if (role == "chair") return CrisisRoleKind::kChair;
  if (role == "logger") return CrisisRoleKind::kLogger;
  if (role == "communication_adviser") return CrisisRoleKind::kCommunicationAdviser;
  if (role == "group_crisis_coordinators") return CrisisRoleKind::kGroupCrisisCoordinator;
  return std::nullopt;
}

std::string CurrentHolder(UnitOfWork& uow, const CrisisRole& role, TimePoint now) {
  const std::string today = LocalDate(now);
  for (const auto& code : {role.primary_person_code, role.substitute_person_code}) {
    auto person = FindPerson(uow, code);
    if (person && person->AvailableOn(today)) return code;
  }
  return {};
}

std::vector<CrisisRole> RolesToAlarm(UnitOfWork& uow, const Playbook& playbook,
                                     const Incident& incident) {
  std::vector<CrisisRoleKind> kinds{CrisisRoleKind::kCrisisCoordinator};
  for (const auto& phase : playbook.phases) {
    for (const auto& step : phase.steps) {
      if (auto kind = CrisisRoleFor(step.owner);
          kind && *kind != CrisisRoleKind::kGroupCrisisCoordinator) {
        kinds.push_back(*kind);
      }
    }
  }
  if (incident.stage >= 2) kinds.insert(kinds.end(), kCrisisTeam.begin(), kCrisisTeam.end());
  std::vector<std::string> groups;
  for (const auto& agb : incident.practice_agbs) {
    Practice probe;
    probe.agb = agb;
    if (auto p = uow.Table<Practice>().Find(probe); p && !p->gp_group_code.empty()) {
      groups.push_back(p->gp_group_code);
    }
  }
  std::vector<CrisisRole> roles;
  for (const auto& role : uow.Table<CrisisRole>().List()) {
    const bool wanted =
        role.kind == CrisisRoleKind::kGroupCrisisCoordinator
            ? std::find(groups.begin(), groups.end(), role.gp_group_code) != groups.end()
            : std::find(kinds.begin(), kinds.end(), role.kind) != kinds.end();
    const bool alarmed =
        std::any_of(incident.alarms.begin(), incident.alarms.end(),
                    [&](const IncidentAlarm& a) { return a.role_code == role.code; });
    if (wanted && !alarmed) roles.push_back(role);
  }
  return roles;
}

Result<IncidentAlarm> AlarmPerson(UnitOfWork& uow, const Incident& incident,
                                  const std::string& role_code, const std::string& role_label,
                                  const std::string& person_code, AlarmLevel level, TimePoint now,
                                  const AlarmSettings& settings) {
  const std::string token = RandomHex(24);
  IncidentAlarm alarm;
  alarm.role_code = role_code;
  alarm.role_label = role_label;
  alarm.person_code = person_code;
  alarm.level = level;
  alarm.alarmed_at = now;
  alarm.ack_token_hash = Blake2bHex(token);
  auto stored = uow.Incidents().InsertAlarm(incident.id, alarm);
  if (!stored) return stored.error();
  auto person = FindPerson(uow, person_code);
  if (!person) return stored;
  const std::string subject = std::string(incident.exercise ? "OEFENING " : "") + "ALARM " +
                              incident.number + ": " + incident.title;
  std::string body =
      "U bent gealarmeerd als " + role_label +
      (level == AlarmLevel::kPrimary ? ""
                                     : " (" + std::string(EnumLabel(ALARM_LEVELS, level)) + ")") +
      " voor incident " + incident.number + (incident.exercise ? " (oefening)" : "") + ".\n\n" +
      incident.title + "\nPraktijk(en): " + PracticeNames(uow, incident) +
      "\nGeactiveerd: " + LocalTimeText(incident.activated_at) +
      "\nStadium: " + std::to_string(incident.stage) + "\n\n";
  if (!settings.public_url.empty()) {
    body += "Bevestigen: " + settings.public_url + "/bevestig#" + token + "\n";
  }
  body +=
      "Bevestig dat u het oppakt, via de link of op het incidentbord in vangnet. Zonder "
      "bevestiging binnen " +
      std::to_string(std::chrono::ceil<std::chrono::minutes>(settings.ack_timeout).count()) +
      " minuten wordt de volgende in de keten gealarmeerd.\n";
  auto notified = Notify(uow, *person, incident.id, "alarm:" + std::to_string(stored.value().id),
                         subject, body, true, now);
  if (!notified) return notified.error();
  return stored;
}

Status AlarmRoles(UnitOfWork& uow, const Incident& incident, const std::vector<CrisisRole>& roles,
                  TimePoint now, const AlarmSettings& settings, const std::string& author) {
  const auto all = uow.Table<CrisisRole>().List();
  for (const auto& role : roles) {
    auto chain = ChainFor(uow, role, all, now);
    if (chain.empty()) {
      if (auto s = Log(uow, incident.id, now, author, LogKind::kMessage,
                       "Niet gealarmeerd: voor " + CrisisRoleLabel(role) + " (" + role.code +
                           ") is niemand beschikbaar in het register");
          !s) {
        return s;
      }
      continue;
    }
    const auto& first = chain.front();
    auto alarmed = AlarmPerson(uow, incident, role.code, CrisisRoleLabel(role), first.person_code,
                               first.level, now, settings);
    if (!alarmed) return alarmed.error();
    if (auto s =
            Log(uow, incident.id, now, author, LogKind::kMessage,
                "Gealarmeerd: " + NameOf(uow, first.person_code) + " als " + CrisisRoleLabel(role) +
                    (first.level == AlarmLevel::kPrimary
                         ? ""
                         : " (" + std::string(EnumLabel(ALARM_LEVELS, first.level)) +
                               "; eerste persoon niet beschikbaar)"));
        !s) {
      return s;
    }
  }
  return Ok{};
}

Result<bool> TickIncident(UnitOfWork& uow, std::int64_t incident_id, TimePoint now,
                          const AlarmSettings& settings) {
  auto incident = uow.Incidents().Find(incident_id);
  if (!incident || incident->status == IncidentStatus::kClosed) return false;
  bool changed = false;
  const std::string author = "vangnet";

  // 1. Alarms nobody acknowledged in time go to the next in the chain.
  const auto roles = uow.Table<CrisisRole>().List();
  const auto alarms = incident->alarms;  // a copy: the loop appends to incident->alarms
  for (auto alarm : alarms) {
    if (!DueForPassingOn(alarm, now, settings.ack_timeout)) continue;
    auto role = std::find_if(roles.begin(), roles.end(),
                             [&](const CrisisRole& r) { return r.code == alarm.role_code; });
    if (role == roles.end()) continue;
    auto chain = ChainFor(uow, *role, roles, now);
    // The next in the chain after this person who was not alarmed for this role yet. Someone
    // outside the chain (a hand-over, or a person since marked unavailable) passes to the
    // region's reporting point.
    const bool in_chain = std::any_of(chain.begin(), chain.end(), [&](const AlarmLink& l) {
      return l.person_code == alarm.person_code;
    });
    std::optional<AlarmLink> next;
    bool after = false;
    for (const auto& link : chain) {
      if (link.person_code == alarm.person_code) {
        after = true;
        continue;
      }
      const bool eligible = in_chain ? after : link.level == AlarmLevel::kReportingPoint;
      const bool tried = std::any_of(
          incident->alarms.begin(), incident->alarms.end(), [&](const IncidentAlarm& a) {
            return a.role_code == alarm.role_code && a.person_code == link.person_code;
          });
      if (eligible && !tried) {
        next = link;
        break;
      }
    }
    if (!next) continue;  // end of the chain: the alarm stays open and stands out on the board
    alarm.status = AlarmStatus::kPassedOn;
    alarm.passed_at = now;
    if (auto updated = uow.Incidents().UpdateAlarm(incident_id, alarm); !updated) {
      return updated.error();
    }
    auto alarmed = AlarmPerson(uow, *incident, alarm.role_code, alarm.role_label, next->person_code,
                               next->level, now, settings);
    if (!alarmed) return alarmed.error();
    incident->alarms.push_back(alarmed.value());
    const auto minutes = std::chrono::ceil<std::chrono::minutes>(settings.ack_timeout).count();
    if (auto s = Log(uow, incident_id, now, author, LogKind::kMessage,
                     "Geen bevestiging van " + NameOf(uow, alarm.person_code) + " (" +
                         alarm.role_label + ") binnen " + std::to_string(minutes) +
                         " minuten; doorgezet naar " + NameOf(uow, next->person_code) + " (" +
                         std::string(EnumLabel(ALARM_LEVELS, next->level)) + ")");
        !s) {
      return s.error();
    }
    changed = true;
  }

  // 2. The owner of an overdue task is reminded once.
  std::vector<const IncidentTask*> overdue;
  for (const auto& task : incident->tasks) {
    if (!task.IsOverdue(now)) continue;
    overdue.push_back(&task);
    auto owner = FindPerson(uow, task.owner_person_code);
    if (!owner) continue;
    auto fresh = Notify(uow, *owner, incident_id, "overdue:task:" + std::to_string(task.id),
                        "Herinnering " + incident->number + ": taak over tijd",
                        "Deze taak voor incident " + incident->number + " (" + incident->title +
                            ") stond voor " + LocalTimeText(task.deadline) +
                            " en is nog open:\n\n" + task.text +
                            "\n\nMeld in vangnet wanneer het gedaan is, of waarom het niet "
                            "van toepassing is.\n",
                        false, now);
    if (!fresh) return fresh.error();
    changed = changed || fresh.value();
  }

  // 3. The coordinator gets a digest of everything overdue, at most once per interval.
  auto coordinator = Coordinator(uow, now);
  if (!overdue.empty() && coordinator && settings.digest_interval.count() > 0) {
    const auto bucket = (now - incident->activated_at) / settings.digest_interval;
    std::string body = std::to_string(overdue.size()) + " taken van incident " + incident->number +
                       " (" + incident->title + ") zijn over tijd:\n\n";
    for (const auto* task : overdue) {
      body += "- " + LocalTimeText(task->deadline) + "  " + task->text + " (" + task->owner_role +
              (task->owner_person_code.empty() ? ", nog zonder persoon"
                                               : ", " + NameOf(uow, task->owner_person_code)) +
              ")\n";
    }
    auto fresh = Notify(uow, *coordinator, incident_id,
                        "digest:" + std::to_string(incident_id) + ":" + std::to_string(bucket),
                        "Overzicht " + incident->number + ": " + std::to_string(overdue.size()) +
                            " taken over tijd",
                        body, false, now);
    if (!fresh) return fresh.error();
    changed = changed || fresh.value();
  }

  // 4. A long-running case warns before its maximum duration runs out (seed 000 §5), once per
  // warning; only the nearest warning fires, so a late check does not send all at once.
  if (incident->ends_at && coordinator) {
    std::optional<std::chrono::days> window;
    for (auto w : settings.end_warnings) {
      if (now >= *incident->ends_at - w && (!window || w < *window)) window = w;
    }
    const bool over = now >= *incident->ends_at;
    if (window || over) {
      const auto days_left = std::chrono::ceil<std::chrono::days>(*incident->ends_at - now).count();
      const std::string text =
          over ? "De maximale duur van " + incident->number + " is verstreken op " +
                     LocalTimeText(*incident->ends_at) + "; beëindig of verantwoord de verlenging."
               : "Let op: " + incident->number + " bereikt op " +
                     LocalTimeText(*incident->ends_at) + " de maximale duur (nog " +
                     std::to_string(days_left) + " dagen); regel de overdracht op tijd.";
      auto fresh = Notify(uow, *coordinator, incident_id,
                          "ends:" + std::to_string(incident_id) + ":" +
                              (over ? std::string("over") : std::to_string(window->count())),
                          "Einddatum " + incident->number, text + "\n", false, now);
      if (!fresh) return fresh.error();
      if (fresh.value()) {
        if (auto s = Log(uow, incident_id, now, author, LogKind::kStatus, text); !s) {
          return s.error();
        }
        changed = true;
      }
    }
  }
  return changed;
}

}  // namespace vangnet

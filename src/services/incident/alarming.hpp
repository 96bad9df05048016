// Alarming and the incident clock (seed 002 §3): which crisis roles an incident alarms, the
// messages that go out (in the app always; by e-mail and SMS when configured), passing an
// unacknowledged alarm on along the chain, reminders for overdue tasks, the coordinator's
// digest and the warnings before a takeover reaches its maximum duration.
//
// Everything here works inside the caller's unit of work: the alarm, its messages and its
// logbook line are one transaction, so a crash never leaves an alarm without its message.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/incident.hpp"
#include "core/person.hpp"
#include "store/store.hpp"

namespace vangnet {

struct AlarmSettings {
  // How long an alarmed person has to acknowledge before the next in the chain is alarmed.
  std::chrono::seconds ack_timeout{std::chrono::minutes(10)};
  // Whether this process can send e-mail (an SMTP server) and SMS (a webhook). Messages are
  // queued by the person's contact data whatever these say; they only tell the board and
  // `serve` whether alarms can leave the app from here.
  bool email = false;
  bool sms = false;
  // The address people open vangnet at, for the one-click acknowledgement link in a message
  // (e.g. https://vangnet.rho-example.nl). Empty: the message tells them to open vangnet.
  std::string public_url;
  // How often the coordinator gets a digest while tasks are overdue.
  std::chrono::minutes digest_interval{60};
  // How long before a long-running case's end the coordinator is warned.
  std::vector<std::chrono::days> end_warnings{std::chrono::days(90), std::chrono::days(30),
                                              std::chrono::days(7)};
};

// The crisis role kind a playbook role stands for (seed 002 §5.2), if it is one of the RHO's.
std::optional<CrisisRoleKind> CrisisRoleFor(const std::string& playbook_role);

// The crisis roles this incident needs alarmed now: the crisis coordinators (first point of
// contact, seed 002 §3.1a), the roles that own steps of the playbook, the hagro crisis
// coordinators of the affected practices (§5.1), and from stage 2 the whole crisis team
// (§3.2). Roles already alarmed for the incident are left out.
std::vector<CrisisRole> RolesToAlarm(UnitOfWork& uow, const Playbook& playbook,
                                     const Incident& incident);

// Alarms each role: the first available person of its chain, with a one-time acknowledgement
// link, and a logbook line. `incident` must be stored (have an id).
Status AlarmRoles(UnitOfWork& uow, const Incident& incident, const std::vector<CrisisRole>& roles,
                  TimePoint now, const AlarmSettings& settings, const std::string& author);

// Alarms one person for a role at a level (also used for a hand-over).
Result<IncidentAlarm> AlarmPerson(UnitOfWork& uow, const Incident& incident,
                                  const std::string& role_code, const std::string& role_label,
                                  const std::string& person_code, AlarmLevel level, TimePoint now,
                                  const AlarmSettings& settings);

// The person who holds a crisis role right now (primary, else substitute when the primary is
// unavailable); empty when the registry names nobody available.
std::string CurrentHolder(UnitOfWork& uow, const CrisisRole& role, TimePoint now);

// One tick of the clock for one incident: passes on alarms not acknowledged in time, reminds
// owners of overdue tasks (once per task), sends the coordinator a digest of what is overdue
// (once per interval) and warns before the incident's end date. True when anything changed.
Result<bool> TickIncident(UnitOfWork& uow, std::int64_t incident_id, TimePoint now,
                          const AlarmSettings& settings);

// "Hagro-crisiscoördinator HAG-MEE": the role's kind, with its hagro where it has one.
std::string CrisisRoleLabel(const CrisisRole& role);

// A person's name from the registry, else the code itself (a deleted person, a typo).
std::string NameOf(UnitOfWork& uow, const std::string& person_code);

}  // namespace vangnet

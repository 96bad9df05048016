// The people alarmed for an incident: acknowledging (on the board or by the one-time link),
// handing a crisis role over, and the messages that went out.
#pragma once

#include <string>
#include <vector>

#include "services/incident/incident_access.hpp"

namespace vangnet {

class IncidentAlarms {
 public:
  explicit IncidentAlarms(IncidentAccess& access)
      : access_(access), store_(access.store), settings_(access.settings) {}

  // Records that an alarmed person picked up, on the board (often after a phone call: the
  // caller acknowledges on their behalf, and the log says so).
  Result<Incident> Acknowledge(const Caller& caller, std::int64_t incident_id,
                               std::int64_t alarm_id);
  // The one-time link from the alarm message: no login needed, the token is the proof.
  // Returns the incident number and the role acknowledged.
  struct Acknowledged {
    std::string incident_number;
    std::string role_label;
    std::string person_name;
  };
  Result<Acknowledged> AcknowledgeByToken(const std::string& token);
  // Hands a crisis role over to another person for the rest of the incident (a new chair, a
  // relief coordinator): the new person is alarmed, the open tasks of the previous holder move
  // to them, and the logbook records it. One action.
  Result<Incident> HandOverRole(const Caller& caller, std::int64_t incident_id,
                                const std::string& role_code, const std::string& person_code,
                                const std::string& reason);
  // The messages that went out for an incident, newest first. Addresses are staff contact
  // data: only the RHO's own roles see them, for others the recipient is blank.
  Result<std::vector<OutboxMessage>> Messages(const Caller& caller, std::int64_t incident_id);

  // Whether alarms reach people: per alarmed person their role, level, phone (to call now) and
  // each channel tried with its state; not yet acknowledged first. `email`/`sms`: whether
  // this server sends on those channels at all. Phones only for the RHO's own roles.
  struct AlarmRow {
    IncidentAlarm alarm;
    std::string phone;
    std::vector<OutboxMessage> deliveries;  // app, e-mail, sms; bodies and addresses blank
  };
  struct AlarmOverview {
    bool email = false;
    bool sms = false;
    std::vector<AlarmRow> rows;
  };
  Result<AlarmOverview> Overview(const Caller& caller, std::int64_t incident_id);

 private:
  IncidentAccess& access_;
  Store& store_;
  const AlarmSettings& settings_;
};

}  // namespace vangnet

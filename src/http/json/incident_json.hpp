// Incidents, their tasks, logbook, alarms and evaluation, the playbooks they run, lessons,
// communication drafts and sent messages as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include "services/incident/incident_service.hpp"

namespace vangnet {

// `now` decides "overdue" and who decides at this stage (office hours or ANW): on the server,
// never by a browser's clock. `full`: with tasks, log, alarms, evaluation and picture.
nlohmann::json TaskJson(const IncidentTask& task, TimePoint now);
nlohmann::json IncidentJson(const Incident& incident, bool full, TimePoint now);
nlohmann::json PlaybookSummaryJson(const Playbook& playbook);
nlohmann::json LessonJson(const PlaybookLesson& lesson);
nlohmann::json DraftJson(const CommunicationDraft& draft);
nlohmann::json MessageJson(const OutboxMessage& message);
nlohmann::json AlarmJson(const IncidentAlarm& alarm);
// GET /api/v1/incidents/{id}/alarms: who was alarmed, how, and whether it reached them.
nlohmann::json AlarmOverviewJson(const IncidentAlarms::AlarmOverview& overview);

}  // namespace vangnet

// Incidents in the store: the incident with its practices, tasks and logbook.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/incident.hpp"

namespace vangnet {

class IncidentRepository {
 public:
  virtual ~IncidentRepository() = default;
  // The next number for an incident activated in `year`: "2026-001", "2026-002", ...
  virtual std::string NextNumber(int year) = 0;
  // Stores a new incident with its practices and tasks; returns it with ids set.
  virtual Result<Incident> Insert(const Incident& incident) = 0;
  // The incident with practices, tasks (by deadline) and logbook (oldest first).
  virtual std::optional<Incident> Find(std::int64_t id) = 0;
  // All incidents, newest first, with practices and tasks but without their logbooks.
  virtual std::vector<Incident> List() = 0;
  // Replaces status, stage and closed_at, only if incident.version is still current.
  virtual Result<Incident> Update(const Incident& incident) = 0;
  // Replaces a task's status, owner and closing fields, only if task.version is current.
  virtual Result<IncidentTask> UpdateTask(std::int64_t incident_id, const IncidentTask& task) = 0;
  // Appends a task (added by hand during the incident).
  virtual Result<IncidentTask> InsertTask(std::int64_t incident_id, const IncidentTask& task) = 0;
  // Stores the next version of the shared picture; Conflict unless `base_version` is the latest.
  virtual Result<SharedPicture> SavePicture(std::int64_t incident_id, int base_version,
                                            const SharedPicture& picture) = 0;
  // Appends to the logbook; entries never change.
  virtual Result<IncidentLogEntry> AppendLog(std::int64_t incident_id,
                                             const IncidentLogEntry& entry) = 0;

  // Alarming: an alarm row per person alarmed (Find loads them into Incident::alarms).
  virtual Result<IncidentAlarm> InsertAlarm(std::int64_t incident_id,
                                            const IncidentAlarm& alarm) = 0;
  // Replaces status, acknowledgement and passed_at, only if alarm.version is current.
  virtual Result<IncidentAlarm> UpdateAlarm(std::int64_t incident_id,
                                            const IncidentAlarm& alarm) = 0;
  // The incident whose alarm carries this token hash (from the one-time link), if any.
  virtual std::optional<std::int64_t> FindIncidentByAlarmToken(const std::string& token_hash) = 0;
  // The ids of incidents that are not closed, oldest first (for the scheduler).
  virtual std::vector<std::int64_t> OpenIncidentIds() = 0;
  // Records the evaluation of one point (replacing what was recorded before).
  virtual Status SaveEvaluation(std::int64_t incident_id, const EvaluationPoint& point) = 0;
};

}  // namespace vangnet

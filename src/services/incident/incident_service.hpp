// The incident domain's front: the lifecycle verbs (start a playbook for practices, read,
// change the status or the stage, the clock's tick) and the parts that work an incident - its
// tasks, logbook, alarms, evaluation and reports. Each verb is one transaction with its audit
// event; listeners hear of committed changes (the live event stream).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/incident/incident_access.hpp"
#include "services/incident/incident_alarms.hpp"
#include "services/incident/incident_evaluation.hpp"
#include "services/incident/incident_logbook.hpp"
#include "services/incident/incident_reports.hpp"
#include "services/incident/incident_tasks.hpp"

namespace vangnet {

struct StartIncident {
  std::string playbook_id;
  std::vector<std::string> practice_agbs;  // at least one, unless an area is given
  bool exercise = false;
  // Default now. Started on paper while vangnet was unreachable: the real start time, so the
  // deadlines and the logbook are right; at most a week back, never ahead.
  std::optional<TimePoint> activated_at;
  // Or an area: a wijk or hagro code, a place name, or 4-digit postcodes separated by commas
  // (a power cut, a flood zone); every active practice in it is affected.
  std::string area;
};

class IncidentService {
  IncidentAccess access_;  // first: the parts below hold it

 public:
  using Listener = IncidentAccess::Listener;

  IncidentService(Store& store, const PlaybookCatalog& playbooks, Listener listener = {},
                  AlarmSettings settings = {})
      : access_(store, playbooks, std::move(listener), std::move(settings)),
        tasks(access_),
        logbook(access_),
        alarms(access_),
        evaluation(access_),
        reports(access_) {}

  // The service's clock: what "now" is when an incident is shown (overdue, office hours).
  TimePoint Now() const { return access_.store.clock().Now(); }
  // Whether this server sends alarms by e-mail and SMS (else they stay in the app).
  const AlarmSettings& alarm_settings() const { return access_.settings; }

  Result<Incident> Start(const Caller& caller, const StartIncident& request);
  Result<std::vector<Incident>> List(const Caller& caller);
  Result<Incident> Get(const Caller& caller, std::int64_t id);
  // Scale down or close (seed 002 §4.3-4.8); the reason goes into the logbook. A closed
  // incident no longer changes. Scaling down adds the after-phase themes as tasks.
  // `expected_version`: the incident's version the user saw (its stage and status); refused as
  // stale when someone changed either meanwhile.
  Result<Incident> ChangeStatus(const Caller& caller, std::int64_t incident_id,
                                std::int64_t expected_version, IncidentStatus status,
                                const std::string& reason);
  // Stage 1-4 (seed 002 §4); the reason goes into the logbook. From stage 2 the whole crisis
  // team is alarmed (seed 002 §3.2).
  Result<Incident> ChangeStage(const Caller& caller, std::int64_t incident_id,
                               std::int64_t expected_version, int stage, const std::string& reason);
  // One tick of the clock over all open incidents (see TickIncident) at the store clock's now;
  // returns how many incidents changed. Run by the scheduler every few seconds.
  Result<int> Tick();

  IncidentTasks tasks;
  IncidentLogbook logbook;
  IncidentAlarms alarms;
  IncidentEvaluation evaluation;
  IncidentReports reports;

 private:
  Status AddAfterPhaseThemes(UnitOfWork& uow, const Incident& incident, TimePoint now);
};

}  // namespace vangnet

// The incident verbs: start a playbook for practices, work its tasks, keep the logbook, change
// the stage. Each verb is one transaction with its audit event; listeners hear of committed
// changes (the live event stream).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/incident.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

struct StartIncident {
  std::string playbook_id;
  std::vector<std::string> practice_agbs;  // at least one
  bool exercise = false;
  std::optional<TimePoint> activated_at;  // default: now
};

struct LogInput {
  LogKind kind = LogKind::kObservation;
  std::string text;
  std::string decided_by;  // decisions: who decided
  std::string acted_by;    // decisions: who carries it out
  std::optional<std::int64_t> corrects_id;
};

class IncidentService {
 public:
  using Listener = std::function<void(std::int64_t incident_id)>;

  IncidentService(Store& store, const PlaybookCatalog& playbooks, Listener listener = {})
      : store_(store), playbooks_(playbooks), listener_(std::move(listener)) {}

  Result<Incident> Start(const Caller& caller, const StartIncident& request);
  Result<std::vector<Incident>> List(const Caller& caller);
  Result<Incident> Get(const Caller& caller, std::int64_t id);
  // Marks a task done (note optional) or not applicable (reason required).
  Result<Incident> CloseTask(const Caller& caller, std::int64_t incident_id, std::int64_t task_id,
                             std::int64_t task_version, TaskStatus status, const std::string& note);
  // A task the playbook did not foresee, with a fixed deadline (an absolute time).
  Result<Incident> AddTask(const Caller& caller, std::int64_t incident_id, const std::string& text,
                           const std::string& owner_role, const std::string& owner_person_code,
                           TimePoint deadline);
  // Gives an open task to another person (a new chair, a stand-in).
  Result<Incident> AssignTask(const Caller& caller, std::int64_t incident_id, std::int64_t task_id,
                              std::int64_t task_version, const std::string& person_code);
  Result<Incident> AddLog(const Caller& caller, std::int64_t incident_id, const LogInput& input);
  // Saves a new version of the shared picture (also to confirm it unchanged: the confirmation
  // time is what tells others it is current). `base_version` is the version the user saw.
  Result<Incident> SavePicture(const Caller& caller, std::int64_t incident_id, int base_version,
                               SharedPicture picture);
  // Scale down or close (seed 002 §4.3-4.8); the reason goes into the logbook. A closed
  // incident no longer changes.
  Result<Incident> ChangeStatus(const Caller& caller, std::int64_t incident_id,
                                IncidentStatus status, const std::string& reason);
  // Stage 1-4 (seed 002 §4); the reason goes into the logbook.
  Result<Incident> ChangeStage(const Caller& caller, std::int64_t incident_id, int stage,
                               const std::string& reason);

 private:
  Result<Incident> Load(UnitOfWork& uow, const Caller& caller, std::int64_t id, bool write);
  Result<Incident> Finish(UnitOfWork& uow, std::int64_t id, const std::string& action,
                          const std::string& details);

  Store& store_;
  const PlaybookCatalog& playbooks_;
  Listener listener_;
};

// Who owns a playbook role in this incident: the affected practice's holder for the practice's
// roles, the RHO's crisis roles for the RHO's. Empty when the registry does not say.
std::string ResolveOwner(UnitOfWork& uow, const std::string& playbook_role_id,
                         const std::vector<std::string>& practice_agbs);

// The incident as a Markdown report: status, practices, tasks with their state, the logbook.
std::string IncidentReportMarkdown(const Incident& incident, TimePoint now);

}  // namespace vangnet

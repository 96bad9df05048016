// An incident's tasks: closing them (done, or not applicable with a reason), adding one the
// playbook did not foresee, giving one to another person. Each verb logs what it did.
#pragma once

#include <string>
#include <vector>

#include "services/incident/incident_access.hpp"

namespace vangnet {

class IncidentTasks {
 public:
  explicit IncidentTasks(IncidentAccess& access) : access_(access), store_(access.store) {}

  // Marks a task done (note optional) or not applicable (reason required); `task_version` is
  // the version the user saw.
  Result<Incident> CloseTask(const Caller& caller, std::int64_t incident_id, std::int64_t task_id,
                             std::int64_t task_version, TaskStatus status, const std::string& note);
  // Opens a closed task again (marked done by mistake, or it turned out not finished): the
  // reason is required, and the logbook says who reopened it and why.
  Result<Incident> ReopenTask(const Caller& caller, std::int64_t incident_id, std::int64_t task_id,
                              std::int64_t task_version, const std::string& reason);
  // A task the playbook did not foresee, with a fixed deadline (an absolute time).
  Result<Incident> AddTask(const Caller& caller, std::int64_t incident_id, const std::string& text,
                           const std::string& owner_role, const std::string& owner_person_code,
                           TimePoint deadline);
  // Gives an open task to another person (a new chair, a stand-in).
  Result<Incident> AssignTask(const Caller& caller, std::int64_t incident_id, std::int64_t task_id,
                              std::int64_t task_version, const std::string& person_code);

 private:
  IncidentAccess& access_;
  Store& store_;
};

}  // namespace vangnet

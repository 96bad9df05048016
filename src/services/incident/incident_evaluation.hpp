// After an incident: its evaluation per point of the playbook (seed 002 §4.8), and the lessons
// for a playbook gathered from every incident and exercise that ran it.
#pragma once

#include <string>
#include <vector>

#include "services/incident/incident_access.hpp"

namespace vangnet {

// A lesson learned: an evaluation point of an incident or exercise with the action it asks for,
// to change the playbook it ran (seed 002 §4.8).
struct PlaybookLesson {
  std::int64_t incident_id = 0;
  std::string incident_number;
  bool exercise = false;
  int playbook_version = 0;  // the version that was run
  TimePoint activated_at{};
  std::string point;
  std::string finding;
  std::string action;
};

class IncidentEvaluation {
 public:
  explicit IncidentEvaluation(IncidentAccess& access)
      : access_(access), store_(access.store), playbooks_(access.playbooks) {}

  // Records the evaluation of one of the playbook's evaluation points (seed 002 §4.8).
  Result<Incident> SaveEvaluation(const Caller& caller, std::int64_t incident_id,
                                  const EvaluationPoint& point);
  // The lessons for a playbook: every evaluated point with an action, from the incidents and
  // exercises the caller may see, newest first.
  Result<std::vector<PlaybookLesson>> Lessons(const Caller& caller, const std::string& playbook_id);

 private:
  IncidentAccess& access_;
  Store& store_;
  const PlaybookCatalog& playbooks_;
};

}  // namespace vangnet

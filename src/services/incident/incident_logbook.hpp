// An incident's logbook (seed 002 §5.2: BOB - picture, judgement, decision), the shared
// picture, and what was done on paper typed in afterwards.
#pragma once

#include <string>
#include <vector>

#include "services/incident/incident_access.hpp"

namespace vangnet {

struct LogInput {
  LogKind kind = LogKind::kObservation;
  std::string text;
  std::string decided_by;  // decisions: who decided
  std::string acted_by;    // decisions: who carries it out
  std::optional<std::int64_t> corrects_id;
};

// What was done on paper while vangnet could not be reached (seed 000 §6 Scenarios 6 and 7),
// typed in afterwards: tasks done and log entries (decisions with who decided), each with the
// real time it happened. Stored with that time and marked as entered afterwards.
struct PaperTask {
  std::int64_t task_id = 0;
  std::int64_t version = 0;
  TimePoint done_at{};
  std::string done_by;  // as written on the checklist
  std::string note;
};
struct PaperEntry {
  LogKind kind = LogKind::kObservation;
  TimePoint at{};
  std::string text;
  std::string decided_by;
  std::string acted_by;
};
struct PaperRecord {
  std::vector<PaperTask> tasks;
  std::vector<PaperEntry> entries;
  std::string source;  // where the paper is kept ("logblad BOB, map crisisteam")
};

class IncidentLogbook {
 public:
  explicit IncidentLogbook(IncidentAccess& access) : access_(access), store_(access.store) {}

  Result<Incident> AddLog(const Caller& caller, std::int64_t incident_id, const LogInput& input);
  // Saves a new version of the shared picture (also to confirm it unchanged: the confirmation
  // time is what tells others it is current). `base_version` is the version the user saw.
  Result<Incident> SavePicture(const Caller& caller, std::int64_t incident_id, int base_version,
                               SharedPicture picture);
  // Enters a paper record in one transaction: every row is checked first (times between the
  // start of the incident and now, tasks still open and unchanged, decisions with who decided)
  // and the whole record is refused with the row and field of each problem.
  Result<Incident> EnterAfterwards(const Caller& caller, std::int64_t incident_id,
                                   const PaperRecord& record);

 private:
  IncidentAccess& access_;
  Store& store_;
};

}  // namespace vangnet

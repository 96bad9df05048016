// The incident verbs: start a playbook for practices, work its tasks, keep the logbook, change
// the stage. Each verb is one transaction with its audit event; listeners hear of committed
// changes (the live event stream).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/incident.hpp"
#include "services/incident/alarming.hpp"
#include "services/incident/communication_drafts.hpp"
#include "services/playbook/playbook_catalog.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

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

class IncidentService {
 public:
  using Listener = std::function<void(std::int64_t incident_id)>;

  IncidentService(Store& store, const PlaybookCatalog& playbooks, Listener listener = {},
                  AlarmSettings settings = {})
      : store_(store),
        playbooks_(playbooks),
        listener_(std::move(listener)),
        settings_(std::move(settings)) {}

  // The service's clock: what "now" is when an incident is shown (overdue, office hours).
  TimePoint Now() const { return store_.clock().Now(); }

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
  // Stage 1-4 (seed 002 §4); the reason goes into the logbook. From stage 2 the whole crisis
  // team is alarmed (seed 002 §3.2).
  Result<Incident> ChangeStage(const Caller& caller, std::int64_t incident_id, int stage,
                               const std::string& reason);

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
  // Enters a paper record in one transaction: every row is checked first (times between the
  // start of the incident and now, tasks still open and unchanged, decisions with who decided)
  // and the whole record is refused with the row and field of each problem.
  Result<Incident> EnterAfterwards(const Caller& caller, std::int64_t incident_id,
                                   const PaperRecord& record);
  // The lessons for a playbook: every evaluated point with an action, from the incidents and
  // exercises the caller may see, newest first.
  Result<std::vector<PlaybookLesson>> Lessons(const Caller& caller, const std::string& playbook_id);
  // Records the evaluation of one of the playbook's evaluation points (seed 002 §4.8).
  Result<Incident> SaveEvaluation(const Caller& caller, std::int64_t incident_id,
                                  const EvaluationPoint& point);
  // One tick of the clock over all open incidents (see TickIncident) at the store clock's now;
  // returns how many incidents changed. Run by the scheduler every few seconds.
  Result<int> Tick();
  // The messages that went out for an incident, newest first. Addresses are staff contact
  // data: only the RHO's own roles see them, for others the recipient is blank.
  Result<std::vector<OutboxMessage>> Messages(const Caller& caller, std::int64_t incident_id);
  // The playbook's communication table as drafts with the incident's details filled in.
  Result<std::vector<CommunicationDraft>> Drafts(const Caller& caller, std::int64_t incident_id);
  // The incident as a Markdown report (IncidentReportMarkdown) at the store clock's now.
  Result<std::string> Report(const Caller& caller, std::int64_t incident_id);

 private:
  Result<Incident> Load(UnitOfWork& uow, const Caller& caller, std::int64_t id, bool write);
  void FillEvaluationForm(Incident& incident) const;
  Status AddAfterPhaseThemes(UnitOfWork& uow, const Incident& incident, TimePoint now);
  Result<Incident> Finish(UnitOfWork& uow, std::int64_t id, const std::string& action,
                          const std::string& details);

  Store& store_;
  const PlaybookCatalog& playbooks_;
  Listener listener_;
  AlarmSettings settings_;
};

// Who owns a playbook role in this incident: the affected practice's holder for the practice's
// roles, the RHO's crisis roles for the RHO's. Empty when the registry does not say.
// The active practices in an area (see StartIncident::area).
std::vector<std::string> PracticesInArea(UnitOfWork& uow, const std::string& area);

// For a crisis role, whoever holds it at `now` (the substitute when the primary is unavailable).
std::string ResolveOwner(UnitOfWork& uow, const std::string& playbook_role_id,
                         const std::vector<std::string>& practice_agbs, TimePoint now);

// The incident as a Markdown report: status, practices, tasks with their state, the logbook.
std::string IncidentReportMarkdown(const Incident& incident, TimePoint now);

}  // namespace vangnet

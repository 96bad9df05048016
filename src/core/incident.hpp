// An incident: a playbook running for one or more practices, its tasks with absolute deadlines
// and its append-only logbook (seed 002 §5.2: BOB - picture, judgement, decision).
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/alarm.hpp"
#include "core/enum_names.hpp"
#include "core/playbook.hpp"

namespace vangnet {

enum class IncidentStatus { kActive, kScaledDown, kClosed };
enum class TaskStatus { kOpen, kDone, kNotApplicable };
enum class LogKind {
  kObservation,
  kPicture,
  kJudgement,
  kDecision,
  kMessage,
  kStage,
  kTask,
  kStatus
};

inline constexpr std::array<EnumName<IncidentStatus>, 3> INCIDENT_STATUSES{{
    {IncidentStatus::kActive, "active", "Actief"},
    {IncidentStatus::kScaledDown, "scaled_down", "Afgeschaald"},
    {IncidentStatus::kClosed, "closed", "Afgesloten"},
}};
inline constexpr std::array<EnumName<TaskStatus>, 3> TASK_STATUSES{{
    {TaskStatus::kOpen, "open", "Open"},
    {TaskStatus::kDone, "done", "Gedaan"},
    {TaskStatus::kNotApplicable, "not_applicable", "Niet van toepassing"},
}};
inline constexpr std::array<EnumName<LogKind>, 8> LOG_KINDS{{
    {LogKind::kObservation, "observation", "Waarneming"},
    {LogKind::kPicture, "picture", "Beeldvorming"},
    {LogKind::kJudgement, "judgement", "Oordeelsvorming"},
    {LogKind::kDecision, "decision", "Besluit"},
    {LogKind::kMessage, "message", "Bericht"},
    {LogKind::kStage, "stage", "Stadium"},
    {LogKind::kTask, "task", "Taak"},
    {LogKind::kStatus, "status", "Status"},
}};

struct IncidentTask {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string step_id;
  std::string phase_title;
  std::string text;
  std::string owner_role;         // the playbook role's label
  std::string owner_person_code;  // resolved person, when known
  TimePoint deadline{};
  bool legal = false;
  std::string source;
  TaskStatus status = TaskStatus::kOpen;
  std::optional<TimePoint> closed_at;
  std::string closed_by;
  std::string note;
  // Set when the closing was done on paper and typed in later: closed_at is the real time.
  std::optional<TimePoint> entered_at;

  bool IsOverdue(TimePoint now) const { return status == TaskStatus::kOpen && now > deadline; }
};

struct IncidentLogEntry {
  std::int64_t id = 0;
  TimePoint at{};
  std::string author;
  LogKind kind = LogKind::kObservation;
  std::string text;
  std::string decided_by;
  std::string acted_by;
  std::optional<std::int64_t> corrects_id;
  // Set when the entry was written on paper and typed in later: `at` is the real time.
  std::optional<TimePoint> entered_at;
};

// The shared picture (seed 002 §6.1): situation, casualties, hazardous substances,
// communication, weather; versioned, with when it was last confirmed.
struct SharedPicture {
  int version = 0;
  std::string situation;
  std::string casualties;
  std::string hazardous_substances;
  std::string communication;
  std::string weather;
  TimePoint confirmed_at{};
  std::string confirmed_by;
};

// The picture as plain structured text another crisis system (the GHOR's LCMS) can take in.
std::string SharedPictureText(const std::string& incident_number, const SharedPicture& picture);

// One of the playbook's evaluation points with what the evaluation found (seed 002 §4.8).
struct EvaluationPoint {
  std::string point;
  std::string source;
  std::string finding;  // what went well or not
  std::string action;   // what to change (in the playbook, the plan, the training)
};

struct Incident {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string number;
  std::string playbook_id;
  int playbook_version = 0;
  std::string title;
  IncidentStatus status = IncidentStatus::kActive;
  int stage = 1;
  bool exercise = false;
  TimePoint activated_at{};
  std::optional<TimePoint> closed_at;
  std::string created_by;
  std::vector<std::string> practice_agbs;
  std::vector<IncidentTask> tasks;          // by deadline
  std::vector<IncidentLogEntry> log;        // oldest first
  std::optional<SharedPicture> picture;     // the latest version, if any
  std::vector<IncidentAlarm> alarms;        // oldest first
  std::vector<EvaluationPoint> evaluation;  // what was recorded; the playbook has the points
  // A long-running case (the temporary takeover) must end by then (seed 000 §5).
  std::optional<TimePoint> ends_at;
};

// The tasks a playbook gives an incident activated at `activated_at`: one per step, its
// deadline the step's offset after activation. Absolute UTC instants, so a deadline is right
// whatever the clocks do in between (a 2 h deadline across the October DST change is 2 real
// hours). A recurring step gives one task per occurrence until its phase ends. Owners are
// resolved by the caller.
std::vector<IncidentTask> TasksFromPlaybook(const Playbook& playbook, TimePoint activated_at);

// Office hours (kantooruren, weekdays 08:00-17:00 local) versus ANW (evening, night, weekend):
// who decides at each escalation stage depends on it (seed 002 §4.2). Public holidays count as
// ANW but are not known here; callers may pass them.
bool IsOfficeHours(TimePoint t, const std::vector<std::chrono::year_month_day>& holidays = {});

}  // namespace vangnet

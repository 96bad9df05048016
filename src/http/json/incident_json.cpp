#include "http/json/incident_json.hpp"

#include "core/escalation.hpp"
#include "core/sources.hpp"

namespace vangnet {

nlohmann::json TaskJson(const IncidentTask& t, TimePoint now) {
  return {{"id", t.id},
          {"version", t.version},
          {"step_id", t.step_id},
          {"phase", t.phase_title},
          {"text", t.text},
          {"owner_role", t.owner_role},
          {"owner_person_code", t.owner_person_code.empty() ? nlohmann::json(nullptr)
                                                            : nlohmann::json(t.owner_person_code)},
          {"deadline", FormatUtc(t.deadline)},
          {"legal", t.legal},
          {"source", SourceText(t.source)},
          {"status", EnumCode(TASK_STATUSES, t.status)},
          {"overdue", t.IsOverdue(now)},  // decided on the server, never by a browser's clock
          {"closed_at",
           t.closed_at ? nlohmann::json(FormatUtc(*t.closed_at)) : nlohmann::json(nullptr)},
          {"closed_by", t.closed_by},
          {"note", t.note},
          {"entered_at",
           t.entered_at ? nlohmann::json(FormatUtc(*t.entered_at)) : nlohmann::json(nullptr)}};
}

nlohmann::json AlarmJson(const IncidentAlarm& a) {
  auto time = [](const std::optional<TimePoint>& t) {
    return t ? nlohmann::json(FormatUtc(*t)) : nlohmann::json(nullptr);
  };
  return {{"id", a.id},
          {"role_code", a.role_code},
          {"role_label", a.role_label},
          {"person_code", a.person_code},
          {"person_name", a.person_name},
          {"level", EnumCode(ALARM_LEVELS, a.level)},
          {"status", EnumCode(ALARM_STATUSES, a.status)},
          {"alarmed_at", FormatUtc(a.alarmed_at)},
          {"acknowledged_at", time(a.acknowledged_at)},
          {"acknowledged_by", a.acknowledged_by},
          {"passed_at", time(a.passed_at)}};
}

nlohmann::json IncidentJson(const Incident& i, bool full, TimePoint now) {
  std::size_t open = 0, overdue = 0, unacknowledged = 0;
  for (const auto& a : i.alarms) unacknowledged += a.status == AlarmStatus::kAlarmed;
  nlohmann::json tasks = nlohmann::json::array();
  for (const auto& t : i.tasks) {
    open += t.status == TaskStatus::kOpen;
    overdue += t.IsOverdue(now);
    if (full) tasks.push_back(TaskJson(t, now));
  }
  nlohmann::json out{
      {"id", i.id},
      {"version", i.version},
      {"number", i.number},
      {"title", i.title},
      {"playbook_id", i.playbook_id},
      {"playbook_version", i.playbook_version},
      {"status", EnumCode(INCIDENT_STATUSES, i.status)},
      {"stage", i.stage},
      {"exercise", i.exercise},
      {"activated_at", FormatUtc(i.activated_at)},
      {"practice_agbs", i.practice_agbs},
      {"open_tasks", open},
      {"overdue_tasks", overdue},
      {"unacknowledged_alarms", unacknowledged},
      {"office_hours", IsOfficeHours(now)},
      {"decides",
       {{"who", StageRuleFor(i.stage, IsOfficeHours(now)).decides},
        {"organisation", StageRuleFor(i.stage, IsOfficeHours(now)).organisation},
        {"source", SourceText(kStageSource) +
                       (StagesFromSource(i.playbook_id) ? "" : std::string(kStagesDerivedNote))}}},
      {"ends_at", i.ends_at ? nlohmann::json(FormatUtc(*i.ends_at)) : nlohmann::json(nullptr)},
      {"now", FormatUtc(now)}};
  if (!full) return out;
  out["tasks"] = tasks;
  nlohmann::json log = nlohmann::json::array();
  for (const auto& e : i.log) {
    log.push_back(
        {{"id", e.id},
         {"at", FormatUtc(e.at)},
         {"author", e.author},
         {"kind", EnumCode(LOG_KINDS, e.kind)},
         {"text", e.text},
         {"decided_by", e.decided_by},
         {"acted_by", e.acted_by},
         {"corrects_id", e.corrects_id ? nlohmann::json(*e.corrects_id) : nlohmann::json(nullptr)},
         {"entered_at",
          e.entered_at ? nlohmann::json(FormatUtc(*e.entered_at)) : nlohmann::json(nullptr)}});
  }
  out["log"] = log;
  nlohmann::json alarms = nlohmann::json::array();
  for (const auto& a : i.alarms) alarms.push_back(AlarmJson(a));
  out["alarms"] = alarms;
  nlohmann::json evaluation = nlohmann::json::array();
  for (const auto& e : i.evaluation) {
    evaluation.push_back({{"point", e.point},
                          {"source", SourceText(e.source)},
                          {"finding", e.finding},
                          {"action", e.action}});
  }
  out["evaluation"] = evaluation;
  if (i.picture) {
    const auto& p = *i.picture;
    out["picture"] = {{"version", p.version},
                      {"situation", p.situation},
                      {"casualties", p.casualties},
                      {"hazardous_substances", p.hazardous_substances},
                      {"communication", p.communication},
                      {"weather", p.weather},
                      {"confirmed_at", FormatUtc(p.confirmed_at)},
                      {"confirmed_by", p.confirmed_by},
                      {"text", SharedPictureText(i.number, p)}};
  } else {
    out["picture"] = nullptr;
  }
  return out;
}

nlohmann::json PlaybookSummaryJson(const Playbook& p) {
  return {{"id", p.id},
          {"version", p.version},
          {"title", p.title},
          {"source", SourceText(p.source)},
          {"derived", p.derived},
          {"steps", p.StepCount()},
          {"derived_steps", p.DerivedStepCount()}};
}

nlohmann::json LessonJson(const PlaybookLesson& l) {
  return {{"incident_id", l.incident_id},
          {"incident_number", l.incident_number},
          {"exercise", l.exercise},
          {"playbook_version", l.playbook_version},
          {"activated_at", FormatUtc(l.activated_at)},
          {"point", l.point},
          {"finding", l.finding},
          {"action", l.action}};
}

nlohmann::json DraftJson(const CommunicationDraft& d) {
  return {{"audience", d.audience},
          {"channel", d.channel},
          {"responsible", d.responsible},
          {"text", d.text},
          {"source", SourceText(d.source)}};
}

nlohmann::json MessageJson(const OutboxMessage& m) {
  return {{"id", m.id},
          {"created_at", FormatUtc(m.created_at)},
          {"channel", EnumCode(CHANNELS, m.channel)},
          {"recipient", m.recipient},
          {"subject", m.subject},
          {"status", EnumCode(OUTBOX_STATUSES, m.status)},
          {"attempts", m.attempts},
          {"last_error", m.last_error},
          {"sent_at", m.sent_at ? nlohmann::json(FormatUtc(*m.sent_at)) : nlohmann::json()}};
}

nlohmann::json AlarmOverviewJson(const IncidentAlarms::AlarmOverview& overview) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : overview.rows) {
    nlohmann::json deliveries = nlohmann::json::array();
    for (const auto& m : row.deliveries) deliveries.push_back(MessageJson(m));
    nlohmann::json out = AlarmJson(row.alarm);
    out["phone"] = row.phone;
    out["deliveries"] = deliveries;
    rows.push_back(out);
  }
  return {{"outside_channels", {{"email", overview.email}, {"sms", overview.sms}}},
          {"items", rows}};
}

}  // namespace vangnet

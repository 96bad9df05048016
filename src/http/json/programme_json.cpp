#include "http/json/programme_json.hpp"

#include "core/sources.hpp"
#include "http/json/registry_json.hpp"

namespace vangnet {

namespace {
nlohmann::json OrNull(const std::optional<int>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json SuccessionOverviewJson(const SuccessionOverview& overview) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : overview.rows) {
    nlohmann::json takeovers = nlohmann::json::array();
    for (const auto& [id, number] : r.takeovers)
      takeovers.push_back({{"id", id}, {"number", number}});
    rows.push_back(
        {{"practice_id", r.practice_id},
         {"practice_agb", r.practice_agb},
         {"practice_name", r.practice_name},
         {"place", r.place},
         {"district_code", r.district_code},
         {"holders_60_plus", r.holders_60_plus},
         {"first_stop_year", OrNull(r.first_stop_year)},
         {"stop_year_assumed", r.stop_year_assumed},
         {"trajectory", r.trajectory ? EntityToJson(*r.trajectory) : nlohmann::json(nullptr)},
         {"running", r.trajectory && IsRunning(*r.trajectory)},
         {"overdue", r.overdue},
         {"takeovers", takeovers}});
  }
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& s : TRAJECTORY_STAGES)
    stages.push_back({{"code", s.code}, {"label", s.label_nl}});
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : TrajectoryStepPlan()) {
    steps.push_back(
        {{"stage", EnumCode(TRAJECTORY_STAGES, s.stage)},
         {"text", s.text},
         {"source",
          s.source.empty() ? nlohmann::json(nullptr) : nlohmann::json(SourceText(s.source))},
         {"derived", s.derived.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.derived)}});
  }
  return {{"date", overview.date},
          {"rows", rows},
          {"counts",
           {{"running", overview.running},
            {"overdue", overview.overdue},
            {"without_trajectory", overview.without_trajectory},
            {"successor_signed", overview.successor_signed},
            {"done", overview.done}}},
          {"stages", stages},
          {"step_plan", steps},
          {"mentoring", {{"months", kMentoringMonths}, {"meetings", kMentoringMeetings}}}};
}

nlohmann::json CollaborationOverviewJson(const CollaborationOverview& overview) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : overview.rows) {
    rows.push_back({{"practice_id", r.practice_id},
                    {"practice_agb", r.practice_agb},
                    {"practice_name", r.practice_name},
                    {"district_code", r.district_code},
                    {"form", EnumCode(PRACTICE_FORMS, r.form)},
                    {"backup", r.backup},
                    {"backup_by", r.backup_by},
                    {"collaboration",
                     r.collaboration ? EntityToJson(*r.collaboration) : nlohmann::json(nullptr)}});
  }
  nlohmann::json activities = nlohmann::json::array();
  for (const auto& a : overview.activities) {
    activities.push_back(
        {{"activity", EnumCode(PROGRAMME_ACTIVITIES, a.plan.id)},
         {"label", EnumLabel(PROGRAMME_ACTIVITIES, a.plan.id)},
         {"phase", a.plan.phase},
         {"planned", a.plan.year},
         {"status", EnumCode(ACTIVITY_STATUSES, a.status)},
         {"record", a.record ? EntityToJson(*a.record) : nlohmann::json(nullptr)}});
  }
  nlohmann::json phases = nlohmann::json::array();
  for (const auto& p : overview.phases) {
    phases.push_back({{"phase", p.phase},
                      {"label", PROGRAMME_PHASES[p.phase - 1]},
                      {"status", EnumCode(ACTIVITY_STATUSES, p.status)},
                      {"owners", p.owners}});
  }
  auto figures = [](const CollaborationFigures& f) {
    return nlohmann::json{
        {"period", f.period}, {"solo", f.solo}, {"solo_with_backup", f.solo_with_backup}};
  };
  nlohmann::json per_year = nlohmann::json::array();
  for (const auto& f : overview.per_year) per_year.push_back(figures(f));
  return {{"date", overview.date},
          {"rows", rows},
          {"activities", activities},
          {"phases", phases},
          {"now", figures(overview.now)},
          {"per_year", per_year},
          {"counts",
           {{"mutual_backup", overview.mutual_backup},
            {"his_access_shared", overview.his_access_shared},
            {"daytime_out_of_hours", overview.daytime_out_of_hours},
            {"neighbourhood_team", overview.neighbourhood_team}}},
          {"source", SourceText(kProgrammeSource)}};
}

}  // namespace vangnet

#include "http/json/monitor_json.hpp"

#include "core/sources.hpp"

namespace vangnet {

namespace {

nlohmann::json Optional(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json MonitorReportJson(const MonitorReport& report, const SignalNorms& norms) {
  nlohmann::json signals = nlohmann::json::array();
  for (const auto& rule : norms.rules) {
    auto count = report.signal_counts.find(rule.id);
    signals.push_back({{"id", rule.id},
                       {"label", rule.label},
                       {"explanation", rule.explanation},
                       {"threshold", Optional(rule.threshold)},
                       {"severity", EnumCode(SEVERITIES, rule.severity)},
                       {"source", SourceText(rule.source)},
                       {"practices", count == report.signal_counts.end() ? 0 : count->second}});
  }
  nlohmann::json practices = nlohmann::json::array();
  for (const auto& p : report.practices) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& h : p.hits) {
      hits.push_back({{"id", h.id},
                      {"label", h.label},
                      {"severity", EnumCode(SEVERITIES, h.severity)},
                      {"detail", h.detail},
                      {"source", SourceText(h.source)}});
    }
    practices.push_back({{"id", p.id},
                         {"agb", p.agb},
                         {"name", p.name},
                         {"place", p.place},
                         {"district_code", p.district_code},
                         {"gp_group_code", p.gp_group_code},
                         {"latitude", Optional(p.latitude)},
                         {"longitude", Optional(p.longitude)},
                         {"patients", p.patients},
                         {"gp_fte", p.gp_fte},
                         {"patients_per_fte", Optional(p.patients_per_fte)},
                         {"headroom", p.headroom},
                         {"solo", p.solo},
                         {"holders_60_plus", p.holders_60_plus},
                         {"score", p.score},
                         {"signals", hits}});
  }
  nlohmann::json areas = nlohmann::json::array();
  for (const auto& a : report.areas) {
    areas.push_back({{"kind", a.kind},
                     {"code", a.code},
                     {"name", a.name},
                     {"practices", a.practices},
                     {"practices_with_signals", a.practices_with_signals},
                     {"high_signals", a.high_signals},
                     {"patients", a.patients},
                     {"headroom", a.headroom},
                     {"solo", a.solo},
                     {"holders_60_plus", a.holders_60_plus}});
  }
  nlohmann::json succession = nlohmann::json::array();
  for (const auto& y : report.succession) {
    succession.push_back({{"year", y.year},
                          {"holders_stopped", y.holders_stopped},
                          {"practices_without_successor", y.practices_without_successor},
                          {"patients_affected", y.patients_affected}});
  }
  nlohmann::json conversations = nlohmann::json::array();
  for (const auto& c : report.conversations) {
    auto name = report.person_names.find(c.person_code);
    conversations.push_back(
        {{"person_code", c.person_code},
         {"name", name == report.person_names.end() ? c.person_code : name->second},
         {"practice_agb", c.practice_agb},
         {"age", c.age},
         {"expected_stop_year", c.expected_stop_year},
         {"stop_year_assumed", c.stop_year_assumed},
         {"successor", EnumCode(SUCCESSOR_STATUSES, c.successor)},
         {"trajectory", c.trajectory ? nlohmann::json(EnumCode(TRAJECTORY_STAGES, *c.trajectory))
                                     : nlohmann::json(nullptr)}});
  }
  nlohmann::json history = nlohmann::json::array();
  for (const auto& h : report.history) {
    history.push_back({{"month", h.month}, {"measure", h.measure}, {"value", h.value}});
  }
  return {{"date", report.date},
          {"norm_patients_per_fte", norms.settings.norm_patients_per_fte},
          {"signals", signals},
          {"practices", practices},
          {"areas", areas},
          {"succession", succession},
          {"conversations", conversations},
          {"history", history}};
}

}  // namespace vangnet

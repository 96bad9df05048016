#include "http/json/stress_json.hpp"

#include "core/sources.hpp"
#include "io/plan_json.hpp"

namespace vangnet {

using nlohmann::json;

json StressReportJson(const StressReport& report, const StressAreas* areas) {
  json out;
  out["date"] = report.date;
  out["this_year"] = report.this_year;
  out["year"] = report.year ? json(*report.year) : json(nullptr);
  out["parameters"] = PlanParametersToJson(report.options.parameters);
  // The stress test plans without the exact step (its figures must not depend on the machine's
  // load), so the time for it is not one of its parameters.
  out["parameters"].erase("exact_seconds");
  out["norm_patients_per_fte"] = report.norm_patients_per_fte;
  out["capacity_patients_per_fte"] = report.options.capacity_patients_per_fte;
  out["signal_patients_per_fte"] = report.options.signal_patients_per_fte;
  out["practices_left_out"] = report.practices_left_out;
  out["practices"] = json::array();
  for (std::size_t i = 0; i < report.practices.size(); ++i) {
    const auto& p = report.practices[i];
    json item{{"agb", p.agb},
              {"name", p.name},
              {"place", p.place},
              {"municipality", p.municipality},
              {"latitude", p.latitude},
              {"longitude", p.longitude},
              {"patients", p.patients},
              {"gp_fte", p.gp_fte},
              {"capacity", p.capacity},
              {"closed_in_base", p.closed_in_base},
              {"base_absorbed", report.run.base_absorbed[i]}};
    out["practices"].push_back(std::move(item));
  }
  auto outcome_json = [&](const ScenarioOutcome& o) {
    json receivers = json::array();
    for (const auto& r : o.receivers) {
      const auto& p = report.practices[r.practice];
      receivers.push_back(
          {{"agb", p.agb},
           {"name", p.name},
           {"capacity", r.capacity},
           {"absorbed", r.absorbed},
           {"binding", r.binding},
           {"saturated", r.saturated},
           {"patients_per_fte_after",
            r.patients_per_fte_after ? json(*r.patients_per_fte_after) : json(nullptr)}});
    }
    return json{
        {"patients", o.patients},
        {"placed", o.placed},
        {"unplaced", o.unplaced()},
        {"share_placed", o.share_placed()},
        {"placeable_bound", o.placeable_bound},
        {"vulnerable_patients", o.vulnerable_patients},
        {"vulnerable_placed", o.vulnerable_placed},
        {"households", o.households},
        {"households_placed", o.households_placed},
        {"patients_out_of_reach", o.patients_out_of_reach},
        {"extra_places_needed", o.extra_places_needed},
        {"mean_km", o.mean_km},
        {"max_km", o.max_km},
        {"receivers_above_signal", o.receivers_above_signal},
        {"max_patients_per_fte_after",
         o.max_patients_per_fte_after ? json(*o.max_patients_per_fte_after) : json(nullptr)},
        {"receivers", std::move(receivers)},
        {"explanation", o.explanation}};
  };
  if (report.run.base) {
    json closed = json::array();
    for (const auto& p : report.practices) {
      if (p.closed_in_base) closed.push_back(p.agb);
    }
    out["base"] = {{"closed", std::move(closed)}, {"outcome", outcome_json(*report.run.base)}};
  } else {
    out["base"] = nullptr;
  }
  out["scenarios"] = json::array();
  for (std::size_t s = 0; s < report.scenarios.size(); ++s) {
    const auto& sc = report.scenarios[s];
    json closed = json::array();
    for (int i : sc.closed) closed.push_back(report.practices[i].agb);
    out["scenarios"].push_back({{"id", sc.id},
                                {"kind", sc.kind},
                                {"name", sc.name},
                                {"closed", std::move(closed)},
                                {"verdict", StressVerdict(report, static_cast<int>(s))},
                                {"outcome", outcome_json(report.run.outcomes[s])}});
  }
  out["single_ranked"] = report.single_ranked;
  out["areas_ranked"] = report.areas_ranked;
  out["weak_points"] = report.weak_points;
  out["seconds"] = report.run.seconds;
  out["threads"] = report.run.threads_used;
  if (areas) {
    out["zones"] = json::array();
    for (const auto& a : areas->areas) {
      out["zones"].push_back(
          {{"id", a.id}, {"name", a.name}, {"kind", a.kind}, {"source", SourceText(a.source)}});
    }
  }
  return out;
}

}  // namespace vangnet

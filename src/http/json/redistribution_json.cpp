#include "http/json/redistribution_json.hpp"

#include "io/plan_json.hpp"

namespace vangnet {

using nlohmann::json;

json RedistributionOverviewJson(const RedistributionOverview& o) {
  json out;
  out["incident"] = {{"id", o.incident.id},
                     {"number", o.incident.number},
                     {"title", o.incident.title},
                     {"status", std::string(EnumCode(INCIDENT_STATUSES, o.incident.status))}};
  out["parameters"] = PlanParametersToJson(o.parameters);
  out["closed_practices"] = json::array();
  for (const auto& c : o.closed_practices) {
    json item{{"agb", c.agb}, {"patients_listed", c.patients_listed}};
    if (c.name) {
      item["name"] = *c.name;
      item["registered_patients"] = c.registered_patients;
      if (c.latitude && c.longitude) {
        item["latitude"] = *c.latitude;
        item["longitude"] = *c.longitude;
      }
    }
    out["closed_practices"].push_back(std::move(item));
  }
  out["funnel"] = o.funnel;
  out["consent"] = o.consent;
  out["patients_total"] = o.patients_total;
  // The stored plan's summary (io/plan_json) gives the plan and per receiver its distances.
  json plan_receivers = json::object();
  if (o.plan) {
    json summary = json::parse(o.plan->summary, nullptr, false);
    if (summary.is_object()) {
      for (const auto& r : summary["receivers"]) plan_receivers[r["id"].get<std::string>()] = r;
      out["plan"] = {
          {"planned_at", o.plan->planned_at},      {"planned_by", o.plan->planned_by},
          {"outcome", summary["outcome"]},         {"summary", summary["summary"]},
          {"lower_bound", summary["lower_bound"]}, {"gap", summary["gap"]},
          {"exact", summary.contains("exact") ? summary["exact"] : json()},
          {"explanation", summary["explanation"]}, {"candidates", summary["candidates"]}};
      if (o.show_unplaced) out["plan"]["unplaced"] = summary["unplaced"];
    }
  }
  out["receivers"] = json::array();
  for (const auto& v : o.receivers) {
    const auto& r = v.receiver;
    json item{{"id", r.id},
              {"name", r.name},
              {"kind", EnumCode(solver::RECEIVER_KINDS, r.kind)},
              {"latitude", r.latitude},
              {"longitude", r.longitude},
              {"capacity", r.capacity},
              {"contract_partner", r.contract_partner},
              {"placed_patients", v.placed_patients},
              {"placed_households", v.placed_households},
              {"vulnerable_patients", v.vulnerable_patients}};
    if (v.patients_per_fte_after) {
      item["patients_per_fte_after"] = *v.patients_per_fte_after;
      item["above_signal"] = v.above_signal;
    }
    if (plan_receivers.contains(r.id)) {
      const auto& pr = plan_receivers[r.id];
      item["mean_km"] = pr["mean_km"], item["max_km"] = pr["max_km"];
      item["saturated"] = pr["saturated"], item["binding"] = pr["binding"];
    }
    out["receivers"].push_back(std::move(item));
  }
  out["postcodes"] = json::array();
  for (const auto& c : o.postcodes) {
    out["postcodes"].push_back({{"postcode", c.postcode},
                                {"receiver", c.receiver},
                                {"latitude", c.latitude},
                                {"longitude", c.longitude},
                                {"households", c.households},
                                {"patients", c.patients}});
  }
  out["offers"] = json::array();
  for (const auto& offer : o.offers) {
    out["offers"].push_back({{"practice_agb", offer.practice_agb}, {"capacity", offer.capacity}});
  }
  out["plan_out_of_date"] = o.plan_out_of_date;
  out["sites"] = json::array();
  for (const auto& s : o.sites) {
    out["sites"].push_back({{"id", s.id},
                            {"kind", s.kind},
                            {"name", s.name},
                            {"capacity", s.capacity},
                            {"latitude", s.latitude},
                            {"longitude", s.longitude},
                            {"practice_agb", s.practice_agb}});
  }
  return out;
}

json PatientJson(const RedistributionPatient& p) {
  return {{"id", p.id},
          {"practice_agb", p.practice_agb},
          {"his_number", p.his_number},
          {"household_key", p.household_key},
          {"postcode", p.postcode},
          {"house_number", p.house_number},
          {"birth_year", p.birth_year},
          {"vulnerability", p.vulnerability},
          {"receiver_id", p.receiver_id},
          {"stage", EnumCode(PATIENT_STAGES, p.stage)},
          {"consent", EnumCode(DOSSIER_CONSENTS, p.consent)},
          {"updated_at", p.updated_at}};
}

nlohmann::json RegionalPlanJson(const RegionalPlan& plan) {
  nlohmann::json incidents = nlohmann::json::array();
  for (const auto& i : plan.incidents) {
    incidents.push_back({{"id", i.incident_id},
                         {"number", i.number},
                         {"title", i.title},
                         {"patients", i.patients},
                         {"placed", i.placed},
                         {"vulnerable", i.vulnerable},
                         {"vulnerable_placed", i.vulnerable_placed}});
  }
  return {{"incidents", incidents},
          {"explanation", plan.explanation},
          {"patients", plan.patients},
          {"placed", plan.placed}};
}

}  // namespace vangnet

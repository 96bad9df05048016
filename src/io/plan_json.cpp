#include "io/plan_json.hpp"
#include "io/json_input.hpp"

#include <cmath>

#include "core/text.hpp"
#include "solver/planner.hpp"

namespace vangnet {

namespace {

using nlohmann::json;
using namespace solver;

// Collects every problem of the file, each naming its field path.
class InstanceReader {
 public:
  explicit InstanceReader(std::string file) : file_(std::move(file)) {}

  void Fail(const std::string& path, const std::string& message) {
    errors_.push_back(Error{ErrorKind::kValidation, message, file_, 0, path});
  }
  double Number(const json& object, const std::string& key, const std::string& path,
                std::optional<double> fallback = std::nullopt) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (!fallback) Fail(path + key, "Het getal " + key + " ontbreekt.");
      return fallback.value_or(0);
    }
    if (!it->is_number()) {
      Fail(path + key, key + " moet een getal zijn.");
      return 0;
    }
    return it->get<double>();
  }
  // A whole number within [low, high]: a number outside it is refused before it is converted
  // (a double beyond long long's range made the conversion undefined; a fuzzer found it).
  long long Integer(const json& object, const std::string& key, const std::string& path,
                    long long low, long long high, long long fallback) {
    const double value = Number(object, key, path, static_cast<double>(fallback));
    if (!(value >= static_cast<double>(low) && value <= static_cast<double>(high))) {
      Fail(path + key, key + " moet tussen " + std::to_string(low) + " en " +
                           std::to_string(high) + " liggen.");
      return fallback;
    }
    if (value != std::floor(value)) {
      Fail(path + key, key + " moet een geheel getal zijn.");
      return fallback;
    }
    return static_cast<long long>(value);
  }
  std::string Text(const json& object, const std::string& key, const std::string& path,
                   bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
      if (required) Fail(path + key, "Het veld " + key + " ontbreekt.");
      return {};
    }
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    if (!it->is_string()) {
      Fail(path + key, key + " moet tekst zijn.");
      return {};
    }
    return it->get<std::string>();
  }
  template <class E, std::size_t N>
  E Enum(const json& object, const std::string& key, const std::string& path,
         const std::array<EnumName<E>, N>& names, E fallback) {
    std::string text = Text(object, key, path, false);
    if (text.empty()) return fallback;
    auto value = ParseEnum(names, text);
    if (!value)
      Fail(path + key, "Onbekende waarde '" + text + "'; kies uit " + EnumCodeList(names) + ".");
    return value.value_or(fallback);
  }
  const json& Array(const json& object, const std::string& key, const std::string& path) {
    static const json empty = json::array();
    auto it = object.find(key);
    if (it == object.end()) return empty;
    if (!it->is_array()) {
      Fail(path + key, key + " moet een lijst zijn.");
      return empty;
    }
    return *it;
  }
  Receiver ReadReceiver(const json& item, const std::string& path) {
    Receiver r;
    if (!item.is_object()) {
      Fail(path, "Een ontvanger moet een object zijn.");
      return r;
    }
    r.id = Text(item, "id", path + ".", true);
    r.name = Text(item, "name", path + ".", false);
    r.latitude = Number(item, "latitude", path + ".");
    r.longitude = Number(item, "longitude", path + ".");
    // Places at one receiver: more than the country's population is never meant.
    r.capacity = Integer(item, "capacity", path + ".", 0, 100'000'000, 0);
    auto partner = item.find("contract_partner");
    if (partner != item.end() && !partner->is_boolean()) {
      Fail(path + ".contract_partner", "contract_partner moet true of false zijn.");
    } else if (partner != item.end()) {
      r.contract_partner = partner->get<bool>();
    }
    r.kind = Enum(item, "kind", path + ".", RECEIVER_KINDS, ReceiverKind::kPractice);
    return r;
  }
  Errors& errors() { return errors_; }

 private:
  std::string file_;
  Errors errors_;
};

json ReceiverToJson(const Receiver& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"latitude", r.latitude},
          {"longitude", r.longitude},
          {"capacity", r.capacity},
          {"contract_partner", r.contract_partner},
          {"kind", EnumCode(RECEIVER_KINDS, r.kind)}};
}

double Rounded(double value, double step) {
  return std::round(value / step) * step;
}

}  // namespace

namespace {
Result<PlanInput> ReadPlanInstance(const std::string& text, const std::string& file_name) {
  if (JsonNestingDepth(text) > kMaxJsonDepth) {
    return Error{ErrorKind::kValidation, JsonTooDeepMessage(), file_name, 0, {}};
  }
  json root = json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    return Error{
        ErrorKind::kValidation, "Het bestand is geen geldig JSON-object.", file_name, 0, {}};
  }
  InstanceReader reader(file_name);
  PlanInput input;
  auto params = root.find("parameters");
  if (params != root.end() && params->is_object()) {
    auto& p = input.parameters;
    p.detour_factor = reader.Number(*params, "detour_factor", "parameters.", p.detour_factor);
    p.max_distance_km = reader.Number(*params, "max_distance_km", "parameters.", p.max_distance_km);
    auto vulnerable = params->find("max_distance_vulnerable_km");
    if (vulnerable != params->end()) {
      if (vulnerable->is_null())
        p.max_distance_vulnerable_km.reset();
      else
        p.max_distance_vulnerable_km =
            reader.Number(*params, "max_distance_vulnerable_km", "parameters.");
    }
    p.contract_bonus_km =
        reader.Number(*params, "contract_bonus_km", "parameters.", p.contract_bonus_km);
    p.exact_seconds = reader.Number(*params, "exact_seconds", "parameters.", p.exact_seconds);
  } else if (params != root.end()) {
    reader.Fail("parameters", "parameters moet een object zijn.");
  }
  const json& households = reader.Array(root, "households", "");
  for (std::size_t i = 0; i < households.size(); ++i) {
    const json& item = households[i];
    std::string path = "households[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      reader.Fail(path, "Een huishouden moet een object zijn.");
      continue;
    }
    Household h;
    h.id = reader.Text(item, "id", path + ".", true);
    h.postcode = reader.Text(item, "postcode", path + ".", false);
    h.latitude = reader.Number(item, "latitude", path + ".");
    h.longitude = reader.Number(item, "longitude", path + ".");
    h.accepted_receiver = reader.Text(item, "accepted_receiver", path + ".", false);
    const json& declined = reader.Array(item, "declined_receivers", path + ".");
    for (std::size_t j = 0; j < declined.size(); ++j) {
      if (declined[j].is_string())
        h.declined_receivers.push_back(declined[j].get<std::string>());
      else
        reader.Fail(path + ".declined_receivers[" + std::to_string(j) + "]",
                    "Een ontvanger-id moet tekst zijn.");
    }
    const json& patients = reader.Array(item, "patients", path + ".");
    for (std::size_t j = 0; j < patients.size(); ++j) {
      std::string ppath = path + ".patients[" + std::to_string(j) + "]";
      if (!patients[j].is_object()) {
        reader.Fail(ppath, "Een patiënt moet een object zijn.");
        continue;
      }
      PatientNeed need;
      need.id = reader.Text(patients[j], "id", ppath + ".", false);
      need.vulnerability = reader.Enum(patients[j], "vulnerability", ppath + ".", VULNERABILITIES,
                                       Vulnerability::kNone);
      need.birth_year =
          static_cast<int>(reader.Integer(patients[j], "birth_year", ppath + ".", 0, 9999, 0));
      h.patients.push_back(need);
    }
    input.households.push_back(std::move(h));
  }
  const json& receivers = reader.Array(root, "receivers", "");
  for (std::size_t i = 0; i < receivers.size(); ++i) {
    input.receivers.push_back(
        reader.ReadReceiver(receivers[i], "receivers[" + std::to_string(i) + "]"));
  }
  const json& sites = reader.Array(root, "candidate_sites", "");
  for (std::size_t i = 0; i < sites.size(); ++i) {
    input.candidate_sites.push_back(
        reader.ReadReceiver(sites[i], "candidate_sites[" + std::to_string(i) + "]"));
  }
  if (reader.errors().empty()) {
    auto valid = ValidatePlanInput(input);
    if (!valid) {
      Error error = valid.error();
      error.file = file_name;
      for (auto& more : error.more) more.file = file_name;
      return error;
    }
    return input;
  }
  return Error::Combined(std::move(reader.errors()));
}

}  // namespace

json PlanParametersToJson(const PlanParameters& p) {
  return {{"detour_factor", p.detour_factor},
          {"max_distance_km", p.max_distance_km},
          {"max_distance_vulnerable_km",
           p.max_distance_vulnerable_km ? json(*p.max_distance_vulnerable_km) : json()},
          {"contract_bonus_km", p.contract_bonus_km},
          {"exact_seconds", p.exact_seconds}};
}

Result<PlanInput> ParsePlanInstance(const std::string& text, const std::string& file_name) {
  // The net under a kind check that was missed: a refusal naming the file, never a crash.
  try {
    return ReadPlanInstance(text, file_name);
  } catch (const nlohmann::json::exception& e) {
    return UnexpectedShape(file_name, e);
  }
}

Result<PlanParameters> PlanParametersFromJson(const json& object) {
  PlanParameters p;
  if (object.is_null()) return p;
  if (!object.is_object()) return Error::Validation("parameters", "verwacht een object");
  Errors errors;
  // A number within [low, high], or the fallback when absent (or null, where that is allowed).
  auto number = [&](const char* key, double low, double high, double& into) {
    auto it = object.find(key);
    if (it == object.end()) return;
    if (!it->is_number() || !std::isfinite(it->get<double>())) {
      errors.push_back(Error::Validation(key, "moet een getal zijn"));
    } else if (it->get<double>() < low || it->get<double>() > high) {
      errors.push_back(Error::Validation(
          key, "moet tussen " + FormatDecimal(low) + " en " + FormatDecimal(high) + " liggen"));
    } else {
      into = it->get<double>();
    }
  };
  number("detour_factor", 1.0, 5.0, p.detour_factor);
  number("max_distance_km", 0.1, 500.0, p.max_distance_km);
  number("contract_bonus_km", 0.0, 100.0, p.contract_bonus_km);
  number("exact_seconds", 0.0, 60.0, p.exact_seconds);
  if (auto it = object.find("max_distance_vulnerable_km"); it != object.end()) {
    if (it->is_null()) {
      p.max_distance_vulnerable_km.reset();
    } else {
      double bound = 0;
      number("max_distance_vulnerable_km", 0.1, 500.0, bound);
      if (bound > 0) p.max_distance_vulnerable_km = bound;
    }
  }
  if (!errors.empty()) return Error::Combined(std::move(errors));
  return p;
}

json PlanInstanceToJson(const PlanInput& input) {
  json root;
  root["parameters"] = PlanParametersToJson(input.parameters);
  root["households"] = json::array();
  for (const auto& h : input.households) {
    json patients = json::array();
    for (const auto& patient : h.patients) {
      json item{{"vulnerability", EnumCode(VULNERABILITIES, patient.vulnerability)}};
      if (!patient.id.empty()) item["id"] = patient.id;
      if (patient.birth_year) item["birth_year"] = patient.birth_year;
      patients.push_back(std::move(item));
    }
    json item{{"id", h.id},
              {"postcode", h.postcode},
              {"latitude", h.latitude},
              {"longitude", h.longitude},
              {"patients", std::move(patients)}};
    if (!h.accepted_receiver.empty()) item["accepted_receiver"] = h.accepted_receiver;
    if (!h.declined_receivers.empty()) item["declined_receivers"] = h.declined_receivers;
    root["households"].push_back(std::move(item));
  }
  root["receivers"] = json::array();
  for (const auto& r : input.receivers) root["receivers"].push_back(ReceiverToJson(r));
  if (!input.candidate_sites.empty()) {
    root["candidate_sites"] = json::array();
    for (const auto& r : input.candidate_sites)
      root["candidate_sites"].push_back(ReceiverToJson(r));
  }
  return root;
}

json PlanToJson(const PlanInput& input, const Plan& plan) {
  json out;
  out["outcome"] = PlanOutcomeName(plan.outcome);
  out["summary"] = {{"households_total", plan.households_total},
                    {"households_placed", plan.households_placed},
                    {"patients_total", plan.patients_total},
                    {"patients_placed", plan.patients_placed},
                    {"vulnerable_total", plan.vulnerable_total},
                    {"vulnerable_placed", plan.vulnerable_placed},
                    {"patient_km", Rounded(plan.patient_km, 0.001)},
                    {"cost_km", Rounded(plan.cost_km, 0.001)},
                    {"extra_places_needed", plan.extra_places_needed},
                    {"greedy_fallback", plan.greedy_fallback}};
  out["lower_bound"] = {{"patients_placeable", plan.bound.patients_placeable},
                        {"vulnerable_household_patients_placeable",
                         plan.bound.vulnerable_household_patients_placeable},
                        {"cost_km", Rounded(plan.bound.cost_km, 0.001)}};
  out["gap"] = {{"cost_relative", plan.gap ? json(*plan.gap) : json()},
                {"patients", plan.placement_gap_patients}};
  // The exact step on tight plans: what it proved (who is placed; the cost at that placement),
  // else how many patients (and households, at the plan's patients) may still fit; the fewest
  // extra places and where.
  json extra_where = json::array();
  for (const auto& [r, n] : plan.extra_places_where) {
    extra_where.push_back({{"receiver", input.receivers[r].id}, {"places", n}});
  }
  out["exact"] = {{"ran", plan.exact_ran},
                  {"placement_proven", plan.placement_proven},
                  {"cost_proven", plan.cost_proven},
                  {"patients_upper", plan.exact_ran ? json(plan.patients_upper) : json()},
                  {"households_upper", plan.exact_ran ? json(plan.households_upper) : json()},
                  {"extra_places_proven", plan.extra_places_proven},
                  {"extra_places_where", extra_where}};
  out["assignments"] = json::array();
  for (const auto& a : plan.assignments) {
    out["assignments"].push_back({{"household", input.households[a.household].id},
                                  {"receiver", input.receivers[a.receiver].id},
                                  {"distance_km", Rounded(a.distance_km, 0.001)},
                                  {"kept", a.kept}});
  }
  out["unplaced"] = json::array();
  for (const auto& u : plan.unplaced) {
    json in_reach = json::array();
    for (int r : u.receivers_in_reach) in_reach.push_back(input.receivers[r].id);
    out["unplaced"].push_back({{"household", input.households[u.household].id},
                               {"postcode", input.households[u.household].postcode},
                               {"patients", input.households[u.household].patients.size()},
                               {"reason", UnplacedReasonName(u.reason)},
                               {"receivers_in_reach", std::move(in_reach)},
                               {"explanation", u.explanation}});
  }
  out["receivers"] = json::array();
  for (const auto& load : plan.receivers) {
    const auto& r = input.receivers[load.receiver];
    out["receivers"].push_back({{"id", r.id},
                                {"name", r.name},
                                {"kind", EnumCode(RECEIVER_KINDS, r.kind)},
                                {"capacity", load.capacity},
                                {"placed_patients", load.placed_patients},
                                {"placed_households", load.placed_households},
                                {"vulnerable_patients", load.vulnerable_patients},
                                {"mean_km", Rounded(load.mean_km, 0.01)},
                                {"max_km", Rounded(load.max_km, 0.01)},
                                {"saturated", load.saturated},
                                {"binding", load.binding}});
  }
  out["candidates"] = json::array();
  for (const auto& c : plan.candidates) {
    out["candidates"].push_back({{"id", c.id},
                                 {"name", c.name},
                                 {"latitude", c.latitude},
                                 {"longitude", c.longitude},
                                 {"unplaced_households_in_reach", c.unplaced_households_in_reach},
                                 {"unplaced_patients_in_reach", c.unplaced_patients_in_reach},
                                 {"unplaced_vulnerable_in_reach", c.unplaced_vulnerable_in_reach},
                                 {"mean_km", Rounded(c.mean_km, 0.01)}});
  }
  out["explanation"] = plan.explanation;
  return out;
}

}  // namespace vangnet

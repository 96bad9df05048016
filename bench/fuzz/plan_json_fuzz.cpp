// libFuzzer target: a planner instance JSON file (`vangnet plan`) and plan parameters.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "io/plan_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  (void)vangnet::ParsePlanInstance(text, "fuzz.json");
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_discarded()) (void)vangnet::PlanParametersFromJson(json);
  return 0;
}

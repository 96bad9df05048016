// libFuzzer target: the monitor's norms YAML and the other YAML files a region may supply
// (preparedness rules, stress areas, single sign-on settings).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/norms_yaml.hpp"
#include "io/preparedness_yaml.hpp"
#include "io/sso_settings_yaml.hpp"
#include "io/stress_areas_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)vangnet::ParseNormsYaml(text, "fuzz.yaml");
  (void)vangnet::ParsePreparednessYaml(text, "fuzz.yaml");
  (void)vangnet::ParseStressAreasYaml(text, "fuzz.yaml");
  (void)vangnet::ParseSsoSettingsYaml(text, "fuzz.yaml");
  return 0;
}

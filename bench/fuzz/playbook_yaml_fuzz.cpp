// libFuzzer target: a playbook YAML file as `vangnet playbook check` and the server read it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "io/playbook_yaml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)vangnet::ParsePlaybookYaml(std::string_view(reinterpret_cast<const char*>(data), size),
                                   "fuzz.yaml");
  return 0;
}

// Reads a playbook from YAML (playbooks/*.yaml; format in README.md, "Playbooks").
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"
#include "core/playbook.hpp"

namespace vangnet {

// Parses and validates; a broken file is refused with every problem found, each naming file,
// line and field. Unknown keys are refused too: a misspelt key would otherwise drop data.
Result<Playbook> ParsePlaybookYaml(std::string_view content, const std::string& file);

}  // namespace vangnet

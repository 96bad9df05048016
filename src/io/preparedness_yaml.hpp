// norms/preparedness.yaml -> PreparednessRules: the calendar's recurring obligations, validated
// at load; every error names the file, line and field.
#pragma once

#include <string>
#include <string_view>

#include "core/preparedness.hpp"

namespace vangnet {

Result<PreparednessRules> ParsePreparednessYaml(std::string_view content, const std::string& file);
// The rules shipped with vangnet (embedded at build time), or a region's own file.
Result<PreparednessRules> LoadPreparednessRules(const std::string& path = "");

}  // namespace vangnet

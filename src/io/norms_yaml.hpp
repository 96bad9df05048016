// norms/signals.yaml -> SignalNorms: the monitor's signal rules as data, validated at load.
#pragma once

#include <string>
#include <string_view>

#include "core/monitor.hpp"

namespace vangnet {

// Parses and validates; a broken file is refused with file, line and field for every error.
Result<SignalNorms> ParseNormsYaml(std::string_view content, const std::string& file);

// The norms shipped with vangnet (embedded at build time), or a region's own file.
Result<SignalNorms> LoadNorms(const std::string& path = "");

}  // namespace vangnet

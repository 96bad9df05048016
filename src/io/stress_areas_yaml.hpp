// norms/stress_areas.yaml -> the areas the stress test tries besides municipalities (a flood
// zone, a power cut area): each a set of 4-digit postcodes, validated at load.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace vangnet {

struct StressArea {
  std::string id;    // used in `--area zone:ID` and the API
  std::string name;  // Dutch
  std::string kind;  // flood_zone, power_cut or other
  std::string source;
  std::vector<std::string> postcodes;  // PC4, each in the postcode table
  int line = 0;
};

struct StressAreas {
  std::string file;
  int version = 0;
  std::vector<StressArea> areas;

  const StressArea* Find(std::string_view id) const;
};

inline constexpr std::string_view kStressAreaKinds[] = {"flood_zone", "power_cut", "other"};

// Parses and validates; every error names the file, line and field.
Result<StressAreas> ParseStressAreasYaml(std::string_view content, const std::string& file);
// The areas shipped with vangnet (embedded at build time), or a region's own file.
Result<StressAreas> LoadStressAreas(const std::string& path = "");

}  // namespace vangnet

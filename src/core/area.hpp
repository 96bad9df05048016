// The two local groupings a practice belongs to: hagro (GP group) and wijk (district).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

// hagro / wagro: local group of GPs that covers for each other and has a crisis coordinator.
struct GpGroup {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string code;
  std::string name;
};

// wijk: neighbourhood cluster of practices agreed by the region.
struct District {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string code;
  std::string name;
};

template <>
struct EntityTraits<GpGroup> {
  static constexpr std::string_view kTable = "gp_group";
  static constexpr std::string_view kFileName = "gp_groups.csv";
  static constexpr std::string_view kLabelNl = "hagro";
  static constexpr std::string_view kPluralNl = "hagro's";
  static constexpr std::array<std::string_view, 1> kKeyFields{"code"};
  static const std::vector<FieldSpec<GpGroup>>& Fields();
  static Errors Validate(const GpGroup&) { return {}; }
};

template <>
struct EntityTraits<District> {
  static constexpr std::string_view kTable = "district";
  static constexpr std::string_view kFileName = "districts.csv";
  static constexpr std::string_view kLabelNl = "wijk";
  static constexpr std::string_view kPluralNl = "wijken";
  static constexpr std::array<std::string_view, 1> kKeyFields{"code"};
  static const std::vector<FieldSpec<District>>& Fields();
  static Errors Validate(const District&) { return {}; }
};

}  // namespace vangnet

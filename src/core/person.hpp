// A person known to the registry: a GP or team member of a practice, or a crisis role holder.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

struct Person {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string code;  // the region's own reference, e.g. "HA-0012"; no BSN/BIG needed here
  std::string name;
  std::optional<int> birth_year;  // year only: enough for the succession radar, less to leak
  std::string phone;
  std::string email;
  // Through this date (inclusive) the person cannot be alarmed: their substitute is (on
  // leave, ill). Empty: available.
  std::string unavailable_until;

  std::string big;  // BIG registration number of a care professional, when known
  bool AvailableOn(const std::string& iso_date) const {
    return unavailable_until.empty() || unavailable_until < iso_date;
  }
};

template <>
struct EntityTraits<Person> {
  static constexpr std::string_view kTable = "person";
  static constexpr std::string_view kFileName = "people.csv";
  static constexpr std::string_view kLabelNl = "persoon";
  static constexpr std::string_view kPluralNl = "personen";
  static constexpr std::array<std::string_view, 1> kKeyFields{"code"};
  static constexpr std::string_view kSubjectField = "code";  // whose personal data
  static const std::vector<FieldSpec<Person>>& Fields();
  static Errors Validate(const Person& person);
};

}  // namespace vangnet

// A contact in the directory: a named person or desk at an organisation or practice, with the
// numbers to reach them in a crisis.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "core/entity.hpp"

namespace vangnet {

struct Contact {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string code;
  std::string name;      // person or desk ("Meldkamer", "Dienstdoend apotheker")
  std::string function;  // what they do for us
  std::string organisation_code;
  std::string practice_agb;
  std::string phone;
  std::string phone_alternative;  // second line for when the first is down
  std::string email;
  std::string notes;
};

template <>
struct EntityTraits<Contact> {
  static constexpr std::string_view kTable = "contact";
  static constexpr std::string_view kFileName = "contacts.csv";
  static constexpr std::string_view kLabelNl = "contactpersoon";
  static constexpr std::string_view kPluralNl = "contactpersonen";
  static constexpr std::array<std::string_view, 1> kKeyFields{"code"};
  static const std::vector<FieldSpec<Contact>>& Fields();
  static Errors Validate(const Contact& contact);
};

}  // namespace vangnet

#include "core/person.hpp"

namespace vangnet {

const std::vector<FieldSpec<Person>>& EntityTraits<Person>::Fields() {
  using P = Person;
  static const std::vector<FieldSpec<P>> fields{
      TextField<P>("code", &P::code, true),
      TextField<P>("name", &P::name, true),
      OptionalIntegerField<P>("birth_year", &P::birth_year, 1920, 2015),
      TextField<P>("phone", &P::phone),
      TextField<P>("email", &P::email),
  };
  return fields;
}

std::optional<std::string> CheckPhone(std::string_view phone) {
  int digits = 0;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '-' && c != '+' && c != '(' && c != ')') {
      return "telefoonnummer '" + std::string(phone) + "' bevat het teken '" + c + "'";
    }
  }
  if (digits < 3 || digits > 15) {
    return "telefoonnummer '" + std::string(phone) + "' heeft " + std::to_string(digits) +
           " cijfers; verwacht 3 tot 15";
  }
  return std::nullopt;
}

std::optional<std::string> CheckEmail(std::string_view email) {
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || email.find('.', at) == std::string_view::npos ||
      email.find(' ') != std::string_view::npos) {
    return "e-mailadres '" + std::string(email) + "' is ongeldig";
  }
  return std::nullopt;
}

Errors EntityTraits<Person>::Validate(const Person& p) {
  Errors errors;
  if (!p.phone.empty()) {
    if (auto m = CheckPhone(p.phone)) errors.push_back(Error::Validation("phone", *m));
  }
  if (!p.email.empty()) {
    if (auto m = CheckEmail(p.email)) errors.push_back(Error::Validation("email", *m));
  }
  return errors;
}

}  // namespace vangnet

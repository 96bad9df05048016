#include "core/identifiers.hpp"

#include "core/text.hpp"

namespace vangnet {

namespace {
// A number that is exactly `digits` digits long; `what` names it in the message.
std::optional<std::string> CheckDigits(std::string_view value, std::size_t digits,
                                       const char* what) {
  if (value.size() == digits && IsAllDigits(value)) return std::nullopt;
  return std::string(what) + " '" + std::string(value) + "' moet uit precies " +
         std::to_string(digits) + " cijfers bestaan";
}
}  // namespace

std::optional<std::string> CheckAgb(std::string_view agb) {
  return CheckDigits(agb, 8, "AGB-code");
}

std::optional<std::string> CheckKvk(std::string_view kvk) {
  return CheckDigits(kvk, 8, "KvK-nummer");
}

std::optional<std::string> CheckUra(std::string_view ura) {
  return CheckDigits(ura, 8, "URA-nummer");
}

std::optional<std::string> CheckBig(std::string_view big) {
  return CheckDigits(big, 11, "BIG-nummer");
}

std::optional<std::string> CheckPostcode(std::string_view postcode) {
  if (postcode.size() != 4 || !IsAllDigits(postcode) || postcode[0] == '0') {
    return "postcode '" + std::string(postcode) +
           "' moet uit 4 cijfers bestaan (1000-9999), zonder letters";
  }
  return std::nullopt;
}

std::optional<std::string> CheckDutchCoordinates(double latitude, double longitude) {
  if (latitude < 50.7 || latitude > 53.6 || longitude < 3.3 || longitude > 7.3) {
    return "coördinaten liggen niet in Nederland (breedte 50,7-53,6, lengte 3,3-7,3)";
  }
  return std::nullopt;
}

bool LooksLikeSecret(std::string_view text) {
  text = Trim(text);
  if (text.size() < 8 || text.find(' ') != std::string_view::npos) return false;
  bool letter = false, digit = false, symbol = false;
  for (char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
      letter = true;
    } else if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '-' && c != '.' && c != '/' && c != ':') {  // paths and addresses
      symbol = true;
    }
  }
  return letter && (digit || symbol);
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

void CheckIfFilled(Errors& errors, std::string_view field, std::string_view value,
                   std::optional<std::string> (*check)(std::string_view)) {
  if (value.empty()) return;
  if (auto message = check(value))
    errors.push_back(Error::Validation(std::string(field), *message));
}

}  // namespace vangnet

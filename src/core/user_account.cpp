#include "core/user_account.hpp"

namespace vangnet {

std::optional<std::string> CheckUsername(std::string_view username) {
  if (username.size() < 3 || username.size() > 40) {
    return "gebruikersnaam moet 3 tot 40 tekens lang zijn";
  }
  for (char c : username) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
    if (!ok) return "gebruikersnaam mag alleen kleine letters, cijfers, '.', '-' en '_' bevatten";
  }
  return std::nullopt;
}

}  // namespace vangnet

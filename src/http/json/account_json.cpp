#include "http/json/account_json.hpp"

namespace vangnet {

using nlohmann::json;

json UserJson(const UserAccount& user) {
  return {{"username", user.username},
          {"display_name", user.display_name},
          {"role", EnumCode(USER_ROLES, user.role)},
          {"role_label", EnumLabel(USER_ROLES, user.role)},
          {"practice_agbs", user.practice_agbs},
          {"disabled", user.disabled}};
}

json AccountOverviewJson(const AccountOverview& account) {
  json j = UserJson(account.user);
  j["second_factor"] = account.second_factor;
  j["last_login"] = account.last_login.empty() ? json(nullptr) : json(account.last_login);
  return j;
}

}  // namespace vangnet

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

}  // namespace vangnet

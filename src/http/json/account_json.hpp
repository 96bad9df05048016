// Accounts as JSON: the session's user and the admin's user list.
#pragma once

#include <nlohmann/json.hpp>

#include "core/user_account.hpp"

namespace vangnet {

// A user as the session and the admin's user list show them (never the password hash).
nlohmann::json UserJson(const UserAccount& user);

}  // namespace vangnet

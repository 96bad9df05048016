// Accounts as JSON: the session's user and the admin's user list.
#pragma once

#include <nlohmann/json.hpp>

#include "core/user_account.hpp"
#include "services/auth/account_service.hpp"

namespace vangnet {

// A user as the session and the admin's user list show them (never the password hash).
nlohmann::json UserJson(const UserAccount& user);
// The admin page's row: the account, whether it has a second factor, its last login.
nlohmann::json AccountOverviewJson(const AccountOverview& account);

}  // namespace vangnet

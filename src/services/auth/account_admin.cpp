// The admin page's verbs of AccountService: what `vangnet user` does, behind an admin check,
// each audited through the verbs they call.
#include "services/auth/account_service.hpp"

namespace vangnet {

Result<std::vector<AccountOverview>> AccountService::Accounts(const Caller& caller) {
  auto users = ListUsers(caller);  // the admin check and the audit of the read
  if (!users) return users.error();
  auto uow = store_.BeginRead(caller.actor);
  if (!uow) return uow.error();
  std::vector<AccountOverview> accounts;
  for (auto& user : users.value()) {
    AccountOverview a;
    auto factor = uow.value()->Accounts().FindSecondFactor(user.id);
    a.second_factor = factor && factor->enabled;
    AuditFilter filter;
    filter.object_type = "user_account";
    filter.object_key = user.username;
    filter.newest_first = true;
    filter.limit = 50;
    for (const auto& event : uow.value()->Audit().List(filter)) {
      if (event.action == "login" && event.outcome != "refused") {
        a.last_login = event.occurred_at;
        break;
      }
    }
    a.user = std::move(user);
    accounts.push_back(std::move(a));
  }
  return accounts;
}

Result<UserAccount> AccountService::AddUser(const Caller& caller, UserAccount user,
                                            const std::string& password) {
  if (auto s = caller.RequireAdmin("alleen beheerders maken accounts aan"); !s) return s.error();
  return AddUser(caller.actor, std::move(user), password);
}

Status AccountService::SetPassword(const Caller& caller, const std::string& username,
                                   const std::string& password) {
  if (auto s = caller.RequireAdmin("alleen beheerders zetten een wachtwoord"); !s) return s;
  return SetPassword(caller.actor, username, password);
}

Status AccountService::SetDisabled(const Caller& caller, const std::string& username,
                                   bool disabled) {
  if (auto s = caller.RequireAdmin("alleen beheerders blokkeren accounts"); !s) return s;
  return SetDisabled(caller.actor, username, disabled);
}

}  // namespace vangnet

// Accounts: passwords never stored in clear, sessions that end, logins that are throttled.
#include "services/auth/account_service.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

constexpr const char* kPassword = "correct horse battery";

class AccountServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("accounts.db"));
    accounts_ = std::make_unique<AccountService>(*store_, PasswordCost::Minimum());
    UserAccount user;
    user.username = "coordinator";
    user.role = UserRole::kCoordinator;
    auto added = accounts_->AddUser(kTestActor, user, kPassword);
    ASSERT_TRUE(added) << added.error().ToString();
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<AccountService> accounts_;
};

TEST_F(AccountServiceTest, TheStoreHoldsAnArgon2HashNotThePassword) {
  auto uow = store_->BeginRead(kTestActor);
  auto user = uow.value()->Accounts().FindUser("coordinator");
  ASSERT_TRUE(user);
  EXPECT_TRUE(user->password_hash.starts_with("$argon2id$"));
  EXPECT_EQ(user->password_hash.find(kPassword), std::string::npos);
  // And the service never hands the hash out.
  EXPECT_TRUE(accounts_->ListUsers(Caller::System(kTestActor)).value()[0].password_hash.empty());
}

TEST_F(AccountServiceTest, ALoginGivesASessionThatAuthenticates) {
  auto login = accounts_->Login("coordinator", kPassword, "127.0.0.1");
  ASSERT_TRUE(login) << login.error().ToString();
  EXPECT_EQ(login.value().session_token.size(), 64u);
  auto who = accounts_->Authenticate(login.value().session_token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user.username, "coordinator");
  EXPECT_EQ(who->csrf_token, login.value().csrf_token);
  // Only the token's hash is stored.
  auto uow = store_->BeginRead(kTestActor);
  EXPECT_FALSE(uow.value()->Accounts().FindSession(login.value().session_token));
  EXPECT_TRUE(
      uow.value()->Accounts().FindSession(AccountService::HashToken(login.value().session_token)));
}

TEST_F(AccountServiceTest, AWrongPasswordAndAnUnknownUserGetTheSameAnswer) {
  auto wrong_password = accounts_->Login("coordinator", "not the password", "127.0.0.1");
  auto unknown_user = accounts_->Login("nobody", kPassword, "127.0.0.1");
  ASSERT_FALSE(wrong_password);
  ASSERT_FALSE(unknown_user);
  EXPECT_EQ(wrong_password.error().kind, ErrorKind::kUnauthenticated);
  EXPECT_EQ(wrong_password.error().message, unknown_user.error().message);
}

TEST_F(AccountServiceTest, RepeatedFailuresAreThrottledEvenForTheRightPassword) {
  for (int i = 0; i < AccountService::kMaxFailedLogins; ++i) {
    ASSERT_FALSE(accounts_->Login("coordinator", "guess " + std::to_string(i), "127.0.0.1"));
  }
  auto blocked = accounts_->Login("coordinator", kPassword, "127.0.0.1");
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind, ErrorKind::kRateLimited);
}

TEST_F(AccountServiceTest, LogoutPasswordChangeAndDisablingEndSessions) {
  auto first = accounts_->Login("coordinator", kPassword, "127.0.0.1").value();
  ASSERT_TRUE(accounts_->Logout(first.session_token));
  EXPECT_FALSE(accounts_->Authenticate(first.session_token));

  auto second = accounts_->Login("coordinator", kPassword, "127.0.0.1").value();
  ASSERT_TRUE(accounts_->SetPassword(kTestActor, "coordinator", "another long password"));
  EXPECT_FALSE(accounts_->Authenticate(second.session_token));
  EXPECT_FALSE(accounts_->Login("coordinator", kPassword, "127.0.0.1"));

  auto third = accounts_->Login("coordinator", "another long password", "127.0.0.1").value();
  ASSERT_TRUE(accounts_->SetDisabled(kTestActor, "coordinator", true));
  EXPECT_FALSE(accounts_->Authenticate(third.session_token));
  EXPECT_FALSE(accounts_->Login("coordinator", "another long password", "127.0.0.1"));
}

TEST_F(AccountServiceTest, ACalendarFeedAddressIsSecretReplacedAndEndsWithANewPassword) {
  const std::int64_t id = accounts_->ListUsers(Caller::System(kTestActor)).value()[0].id;
  auto first = accounts_->NewCalendarFeedToken(kTestActor, id);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first.value().size(), 64u);
  ASSERT_TRUE(accounts_->UserForCalendarFeed(first.value()));
  EXPECT_EQ(accounts_->UserForCalendarFeed(first.value())->username, "coordinator");
  {  // Only the hash is stored.
    auto uow = store_->BeginRead(kTestActor).value();
    EXPECT_FALSE(uow->Accounts().FindCalendarFeed(first.value()));
    EXPECT_TRUE(uow->Accounts().FindCalendarFeed(AccountService::HashToken(first.value())));
  }
  auto second = accounts_->NewCalendarFeedToken(kTestActor, id).value();
  EXPECT_FALSE(accounts_->UserForCalendarFeed(first.value()));  // replaced
  EXPECT_TRUE(accounts_->UserForCalendarFeed(second));
  EXPECT_FALSE(accounts_->UserForCalendarFeed("not-a-token"));
  ASSERT_TRUE(accounts_->SetPassword(kTestActor, "coordinator", "another long password"));
  EXPECT_FALSE(accounts_->UserForCalendarFeed(second));  // a new password ends it
  auto third = accounts_->NewCalendarFeedToken(kTestActor, id).value();
  ASSERT_TRUE(accounts_->EndCalendarFeed(kTestActor, id));
  EXPECT_FALSE(accounts_->UserForCalendarFeed(third));
}

TEST_F(AccountServiceTest, RefusesShortPasswordsBadNamesAndPracticeUsersWithoutPractice) {
  UserAccount user;
  user.username = "kort";
  EXPECT_EQ(accounts_->AddUser(kTestActor, user, "kort").error().field, "password");
  user.username = "Hoofdletters";
  EXPECT_EQ(accounts_->AddUser(kTestActor, user, kPassword).error().field, "username");
  user.username = "praktijk";
  user.role = UserRole::kPracticeUser;
  EXPECT_EQ(accounts_->AddUser(kTestActor, user, kPassword).error().field, "practice_agbs");
  user.username = "coordinator";
  user.role = UserRole::kCoordinator;
  EXPECT_EQ(accounts_->AddUser(kTestActor, user, kPassword).error().kind, ErrorKind::kConflict);
}

TEST_F(AccountServiceTest, LoginsAreAuditedWithTheirOutcome) {
  ASSERT_FALSE(accounts_->Login("coordinator", "wrong password", "127.0.0.1"));
  ASSERT_TRUE(accounts_->Login("coordinator", kPassword, "127.0.0.1"));
  auto uow = store_->BeginRead(kTestActor);
  AuditFilter filter;
  filter.object_type = "user_account";
  std::vector<std::string> outcomes;
  for (const auto& e : uow.value()->Audit().List(filter)) {
    if (e.action == "login") outcomes.push_back(e.outcome);
  }
  EXPECT_EQ(outcomes, (std::vector<std::string>{"refused", "success"}));
}

// Issue 17 finding 7: a real username took ~190 ms to refuse, an unknown one 5 ms. At the real
// (interactive) cost, an unknown name now costs a hash too. The margin is wide: before the fix
// the ratio was about 1:40.
TEST_F(AccountServiceTest, AnUnknownUsernameTakesAsLongAsAWrongPassword) {
  AccountService real_cost(*store_, PasswordCost::Interactive());
  auto time_login = [&](const std::string& username) {
    auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(real_cost.Login(username, "niet-het-wachtwoord", "127.0.0.1"));
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  (void)time_login("opwarmen");  // makes the dummy hash once
  double known = 0, unknown = 0;
  for (int i = 0; i < 2; ++i) {
    known += time_login("coordinator");
    unknown += time_login("bestaat-niet-" + std::to_string(i));
  }
  EXPECT_GT(unknown, known * 0.4) << "known " << known << " s, unknown " << unknown << " s";
}

}  // namespace
}  // namespace vangnet

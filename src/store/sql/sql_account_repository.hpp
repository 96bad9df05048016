// Accounts and sessions in SQLite.
#pragma once

#include "store/account_repository.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

class SqlAccountRepository final : public AccountRepository {
 public:
  explicit SqlAccountRepository(Connection& db) : db_(db) {}
  std::optional<UserAccount> FindUser(std::string_view username) override;
  std::optional<UserAccount> FindUserById(std::int64_t id) override;
  std::vector<UserAccount> ListUsers() override;
  Result<UserAccount> InsertUser(const UserAccount& user) override;
  Status UpdateUser(const UserAccount& user) override;
  Status InsertSession(const UserSession& session) override;
  std::optional<UserSession> FindSession(std::string_view token_hash) override;
  Status TouchSession(std::string_view token_hash, std::string_view last_seen_at) override;
  Status DeleteSession(std::string_view token_hash) override;
  Status DeleteSessionsOfUser(std::int64_t user_id) override;
  Status SetCalendarFeed(std::int64_t user_id, std::string_view token_hash,
                         std::string_view created_at) override;
  std::optional<std::int64_t> FindCalendarFeed(std::string_view token_hash) override;
  std::optional<std::int64_t> FindExternalIdentity(std::string_view issuer,
                                                   std::string_view subject) override;
  Status InsertExternalIdentity(std::string_view issuer, std::string_view subject,
                                std::int64_t user_id, std::string_view created_at) override;
  Status DeleteCalendarFeed(std::int64_t user_id) override;
  std::optional<SecondFactor> FindSecondFactor(std::int64_t user_id) override;
  Status SaveSecondFactor(const SecondFactor& factor) override;
  Result<bool> UseCounter(std::int64_t user_id, std::int64_t counter) override;
  Result<std::int64_t> ClaimLoginAttempt(std::string_view name_hash, std::string_view now,
                                         std::string_view window_start_before) override;
  Status ReturnLoginAttempts(std::string_view name_hash, bool all) override;
  Status DeleteSecondFactor(std::int64_t user_id) override;
  Status ReplaceRecoveryCodes(std::int64_t user_id,
                              const std::vector<std::string>& code_hashes) override;
  Result<bool> UseRecoveryCode(std::int64_t user_id, std::string_view code_hash,
                               std::string_view at) override;

 private:
  Status Run(Statement& stmt);
  // Runs a guarded UPDATE; true when it changed exactly one row (the guard held).
  Result<bool> RunChangingOneRow(Statement& stmt);
  Connection& db_;
};

}  // namespace vangnet::sql

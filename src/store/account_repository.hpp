// Accounts and sessions in the store. Writes happen inside the caller's unit of work; the
// account service appends the audit events.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/user_account.hpp"

namespace vangnet {

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;
  // The account with this username, including its password hash.
  virtual std::optional<UserAccount> FindUser(std::string_view username) = 0;
  virtual std::optional<UserAccount> FindUserById(std::int64_t id) = 0;
  // All accounts, by username.
  virtual std::vector<UserAccount> ListUsers() = 0;
  // Stores a new account; Conflict when the username is taken.
  virtual Result<UserAccount> InsertUser(const UserAccount& user) = 0;
  // Replaces role, display name, practices, password hash and disabled flag of user.id.
  virtual Status UpdateUser(const UserAccount& user) = 0;

  virtual Status InsertSession(const UserSession& session) = 0;
  virtual std::optional<UserSession> FindSession(std::string_view token_hash) = 0;
  virtual Status TouchSession(std::string_view token_hash, std::string_view last_seen_at) = 0;
  virtual Status DeleteSession(std::string_view token_hash) = 0;
  // Ends every session of a user (password change, account disabled).
  virtual Status DeleteSessionsOfUser(std::int64_t user_id) = 0;

  // The user's calendar-feed address (one per user; storing replaces the previous one).
  virtual Status SetCalendarFeed(std::int64_t user_id, std::string_view token_hash,
                                 std::string_view created_at) = 0;
  // The user id behind a calendar-feed token hash.
  virtual std::optional<std::int64_t> FindCalendarFeed(std::string_view token_hash) = 0;
  virtual Status DeleteCalendarFeed(std::int64_t user_id) = 0;

  // Claims one sign-in attempt for the account name behind `name_hash` and returns how many
  // were claimed in the current window (one statement: parallel attempts each get their own
  // count). A window older than `window_start_before` starts over at `now`.
  virtual Result<std::int64_t> ClaimLoginAttempt(std::string_view name_hash, std::string_view now,
                                                 std::string_view window_start_before) = 0;
  // Gives claimed attempts back: all of them after a completed sign-in, or the one a correct
  // password claimed (only failures should count towards the lock-out).
  virtual Status ReturnLoginAttempts(std::string_view name_hash, bool all) = 0;

  // The user's second factor, if enrolment has begun.
  virtual std::optional<SecondFactor> FindSecondFactor(std::int64_t user_id) = 0;
  // Inserts or replaces the user's second factor (a new enrolment starts over).
  virtual Status SaveSecondFactor(const SecondFactor& factor) = 0;
  // Records `counter` as used; false when it is not newer than the last one (a replay).
  virtual Result<bool> UseCounter(std::int64_t user_id, std::int64_t counter) = 0;
  // Removes the second factor and the recovery codes (an admin's reset).
  virtual Status DeleteSecondFactor(std::int64_t user_id) = 0;
  // Replaces the user's recovery codes by these hashes.
  virtual Status ReplaceRecoveryCodes(std::int64_t user_id,
                                      const std::vector<std::string>& code_hashes) = 0;
  // Marks an unused recovery code as used at `at`; false when there is no such unused code.
  virtual Result<bool> UseRecoveryCode(std::int64_t user_id, std::string_view code_hash,
                                       std::string_view at) = 0;

  // The account an identity at a single sign-on provider logs in as (issuer + subject).
  virtual std::optional<std::int64_t> FindExternalIdentity(std::string_view issuer,
                                                           std::string_view subject) = 0;
  virtual Status InsertExternalIdentity(std::string_view issuer, std::string_view subject,
                                        std::int64_t user_id, std::string_view created_at) = 0;
};

}  // namespace vangnet

// Users, passwords and login sessions.
//
// Passwords: libsodium argon2id (crypto_pwhash_str), rehashed on login when the cost changed.
// Each hash takes about 64 MiB at the interactive cost, so at most two run at once.
// Sessions: 32 random bytes as the cookie value; only its BLAKE2b hash is stored. A session ends
// after 60 minutes without use or 12 hours after login (one night shift), whichever comes first.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/user_account.hpp"
#include "services/auth/hashing_turns.hpp"
#include "services/registry/access_policy.hpp"
#include "store/store.hpp"

namespace vangnet {

struct PasswordCost {
  unsigned long long opslimit;
  std::size_t memlimit;
  static PasswordCost Interactive();
  // The minimum libsodium allows: for tests only, where hundreds of logins must stay fast.
  static PasswordCost Minimum();
  // Interactive, unless VANGNET_PASSWORD_COST=minimum (set by the test suite).
  static PasswordCost FromEnvironment();
};

struct LoginResult {
  std::string session_token;  // goes into the cookie, nowhere else
  std::string csrf_token;     // the client sends it back on every write
  UserAccount user;
  // When the password was right but a second factor must follow: no session yet, a pending
  // login (5 minutes, single use) and what is asked: "code", or "enrol" for a first time.
  std::string pending_token;
  std::string second_factor;
  // Shown once, right after enrolment: ten one-time codes for when the phone is lost.
  std::vector<std::string> recovery_codes;
};

// A new second factor: the secret for the authenticator app, and the same as an otpauth URI
// (what the QR code holds).
struct Enrolment {
  std::string secret;
  std::string otpauth_uri;
};

// Who must log in with a second factor. The regional plan asks it of every account (seed 000
// §6, scenario 7, prevention); a region may relax it for read-only accounts.
struct AuthPolicy {
  bool require_second_factor = true;
  bool relax_for_read_only = false;
  std::string issuer = "vangnet";  // the name the authenticator app shows
};

// Someone the organisation's identity provider vouched for (single_sign_on.hpp), with the vangnet
// role and practices its claims map to.
struct ExternalIdentity {
  std::string issuer;
  std::string subject;        // the provider's stable id of the person (`sub`)
  std::string username_hint;  // what a new account's username is made of (e.g. an e-mail address)
  std::string display_name;
  UserRole role = UserRole::kReadOnly;
  std::vector<std::string> practices;
  std::string details;  // JSON for the audit event: provider, claim that matched, remote address
};

// An account as the admin page shows it: no secrets, with whether a second factor is set up and
// when the user last logged in.
struct AccountOverview {
  UserAccount user;  // without its password hash
  bool second_factor = false;
  std::string last_login;  // ISO time; empty when never
};

struct AuthenticatedUser {
  UserAccount user;
  std::string csrf_token;
};

class AccountService {
 public:
  static constexpr std::size_t kMinPasswordLength = 10;
  static constexpr int kMaxFailedLogins = 5;  // per username within kFailureWindow
  static constexpr std::chrono::minutes kFailureWindow{15};
  static constexpr std::chrono::minutes kIdleLimit{60};
  static constexpr std::chrono::hours kAbsoluteLimit{12};

  static constexpr std::chrono::minutes kPendingLimit{5};

  AccountService(Store& store, PasswordCost cost, AuthPolicy policy = {})
      : store_(store), cost_(cost), policy_(std::move(policy)) {}

  Result<UserAccount> AddUser(const Actor& actor, UserAccount user, const std::string& password);
  Status SetPassword(const Actor& actor, const std::string& username, const std::string& password);
  Status SetDisabled(const Actor& actor, const std::string& username, bool disabled);
  // Every account without its password hash; for admins and the command line. Audited.
  Result<std::vector<UserAccount>> ListUsers(const Caller& caller);
  // The admin page's verbs: what `vangnet user` does, for an admin only, each audited.
  Result<std::vector<AccountOverview>> Accounts(const Caller& caller);
  Result<UserAccount> AddUser(const Caller& caller, UserAccount user, const std::string& password);
  Status SetPassword(const Caller& caller, const std::string& username,
                     const std::string& password);
  Status SetDisabled(const Caller& caller, const std::string& username, bool disabled);

  // Checks the password; a wrong username and a wrong password get the same answer. With a
  // second factor due, the result is a pending login instead of a session.
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote_addr);
  // For a pending login without a second factor yet: a new TOTP secret, stored sealed and not
  // yet in force (CompleteLogin with a code from it confirms it).
  Result<Enrolment> BeginEnrolment(const std::string& pending_token);
  // The second step: a TOTP code (each accepted once) or an unused recovery code. Confirms a new
  // enrolment (then the recovery codes come with the result) and starts the session.
  Result<LoginResult> CompleteLogin(const std::string& pending_token, const std::string& code,
                                    const std::string& remote_addr);
  // An admin's reset of a user who lost their phone: the factor and recovery codes go, the
  // user's sessions end, and the next login enrols anew. Audited. Over the web an admin cannot
  // reset their own factor: another admin does, or the command line.
  Status ResetSecondFactor(const Caller& caller, const std::string& username);
  // Step-up: a dangerous admin action over the web (resetting a second factor, setting a
  // password, adding an admin) is confirmed with a fresh code of the admin's own second factor,
  // so a stolen session alone takes no account over. Each code once; wrong codes count towards
  // the lock-out. The command line needs none (it is the server's own operator).
  Status ConfirmStepUp(const Caller& caller, const std::string& code);
  // Puts a known, confirmed secret in force for a user: the demo accounts (whose secrets are
  // printed with their passwords) and tests.
  Status SetSecondFactorSecret(const Actor& actor, const std::string& username,
                               const std::string& secret_base32);
  const AuthPolicy& policy() const { return policy_; }
  // Single sign-on: the account linked to this identity (made at its first login, with a
  // username of its own: never an existing local account found by name or e-mail), its role and
  // practices brought up to date from the provider, and a session. The second factor was the
  // provider's to ask. A blocked account stays blocked. Audited.
  Result<LoginResult> SignInExternal(const ExternalIdentity& identity);
  // A refused single sign-on (bad token, no role), audited like a wrong password.
  void AuditRefusedSignIn(const std::string& who, const std::string& details);
  // The user behind a session token, when the session is valid; keeps it alive.
  // `keep_alive` false: only checks (the live event stream's periodic look must not keep an
  // idle session alive forever).
  std::optional<AuthenticatedUser> Authenticate(const std::string& session_token,
                                                bool keep_alive = true);
  Status Logout(const std::string& session_token);

  // A calendar app cannot log in, so it subscribes to a secret address: a new random token
  // per user (replacing the previous one; audited), ended by a new password or a disabled
  // account. UserForCalendarFeed answers nothing for an unknown token or a disabled user.
  Result<std::string> NewCalendarFeedToken(const Actor& actor, std::int64_t user_id);
  Status EndCalendarFeed(const Actor& actor, std::int64_t user_id);
  std::optional<UserAccount> UserForCalendarFeed(const std::string& token);

  // BLAKE2b of a token, hex: what the store keeps instead of the token.
  static std::string HashToken(const std::string& token);

 private:
  Result<std::string> HashPassword(const std::string& password);
  bool NeedsSecondFactor(const UserAccount& user) const;
  static Actor AccountActor(const UserAccount& user, std::string purpose);
  // A new session for `user`, audited as a login; in `within` when given (not committed),
  // else in its own transaction.
  Result<LoginResult> StartSession(const UserAccount& user, const std::string& details,
                                   UnitOfWork* within = nullptr);
  Result<UserAccount> PendingUser(const std::string& pending_token);
  // A username for a new single sign-on account, made of `hint`, not yet taken.
  static std::string FreeUsername(AccountRepository& accounts, std::string_view hint);
  // A hash of a random password at this service's cost, made once: what an unknown username's
  // password is checked against.
  const std::string& DummyHash();
  // Claims one sign-in attempt for `username` in the database before anything is checked;
  // a refusal (429, naming `field`) when kMaxFailedLogins were claimed within kFailureWindow.
  Status ClaimAttempt(const std::string& username, const char* field);
  // Gives back claimed attempts: all after a completed sign-in, else the one a correct
  // password claimed.
  void ReturnAttempts(const std::string& username, bool all);
  // Finds the account, applies `change`, optionally ends its sessions, audits: one action.
  Status ChangeAccount(const Actor& actor, const std::string& username, const char* changed_field,
                       bool end_sessions, const std::function<void(UserAccount&)>& change);
  Status AuditSecurityEvent(const std::string& user, const std::string& action,
                            const std::string& outcome, const std::string& details);

  struct PendingLogin {
    std::int64_t user_id;
    TimePoint expires;
    std::string password_hash;  // a password changed meanwhile ends the pending sign-in
  };

  Store& store_;
  PasswordCost cost_;
  AuthPolicy policy_;
  std::mutex pending_mutex_;
  std::map<std::string, PendingLogin> pending_;  // by token hash
  HashingTurns hashing_;  // at most two argon2id at once, waiting addresses served in turn
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace vangnet

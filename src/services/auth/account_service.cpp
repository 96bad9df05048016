#include "services/auth/account_service.hpp"

#include <sodium.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "core/text.hpp"
#include "services/auth/totp.hpp"
#include "store/digest.hpp"

namespace vangnet {

namespace {

// Session times are stored as ISO 8601 UTC (FormatUtc): they compare correctly as text, so
// expiry checks are string comparisons against what the store holds.

UserAccount Public(UserAccount user) {
  user.password_hash.clear();
  return user;
}

}  // namespace

PasswordCost PasswordCost::Interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PasswordCost PasswordCost::Minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}
PasswordCost PasswordCost::FromEnvironment() {
  const char* cost = std::getenv("VANGNET_PASSWORD_COST");
  return (cost && std::string(cost) == "minimum") ? Minimum() : Interactive();
}

std::string AccountService::HashToken(const std::string& token) {
  return Blake2bHex(token);
}

Result<std::string> AccountService::HashPassword(const std::string& password) {
  if (password.size() < kMinPasswordLength) {
    return Error::Validation("password", "wachtwoord moet minstens " +
                                             std::to_string(kMinPasswordLength) + " tekens hebben");
  }
  char hash[crypto_pwhash_STRBYTES];
  int rc = -1;
  if (HashingTurn turn(hashing_, ""); turn) {
    rc = crypto_pwhash_str(hash, password.data(), password.size(), cost_.opslimit, cost_.memlimit);
  } else {
    return Error{ErrorKind::kRateLimited,
                 "er worden nu te veel wachtwoorden tegelijk ingesteld; probeer het zo opnieuw"};
  }
  if (rc != 0) return Error::Internal("wachtwoord kon niet worden versleuteld (geheugen)");
  return std::string(hash);
}

const std::string& AccountService::DummyHash() {
  std::call_once(dummy_once_, [this] {
    auto hash = HashPassword(RandomHex(16));
    dummy_hash_ = hash ? hash.value() : std::string();
  });
  return dummy_hash_;
}

Status AccountService::AuditSecurityEvent(const std::string& user, const std::string& action,
                                          const std::string& outcome, const std::string& details) {
  const Actor actor{user, "", "http", "aanmelden"};
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  if (auto s = RecordAudit(*uow.value(), action, "user_account", user, "", details, outcome); !s)
    return s;
  return uow.value()->Commit();
}

Result<UserAccount> AccountService::AddUser(const Actor& actor, UserAccount user,
                                            const std::string& password) {
  if (auto m = CheckUsername(user.username)) return Error::Validation("username", *m);
  if (user.display_name.empty()) user.display_name = user.username;
  if (user.role == UserRole::kPracticeUser && user.practice_agbs.empty()) {
    return Error::Validation("practice_agbs",
                             "een praktijkgebruiker hoort bij minstens één praktijk");
  }
  auto hash = HashPassword(password);
  if (!hash) return hash.error();
  user.password_hash = hash.value();
  user.created_at = store_.clock().NowIso();
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  for (const auto& agb : user.practice_agbs) {
    if (!uow.value()->ReferenceExists("practice.agb", agb)) {
      return Error::NotFound("practice_agbs", "praktijk " + agb + " bestaat niet");
    }
  }
  auto stored = uow.value()->Accounts().InsertUser(user);
  if (!stored) return stored.error();
  if (auto s = RecordAudit(*uow.value(), "create", "user_account", user.username, user.username,
                           nlohmann::json{{"role", EnumCode(USER_ROLES, user.role)}}.dump());
      !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return Public(stored.value());
}

Status AccountService::ChangeAccount(const Actor& actor, const std::string& username,
                                     const char* changed_field, bool end_sessions,
                                     const std::function<void(UserAccount&)>& change) {
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  auto user = uow.value()->Accounts().FindUser(username);
  if (!user) return Error::NotFound("username", "gebruiker '" + username + "' bestaat niet");
  change(*user);
  if (auto s = uow.value()->Accounts().UpdateUser(*user); !s) return s;
  if (end_sessions) {
    if (auto s = uow.value()->Accounts().DeleteSessionsOfUser(user->id); !s) return s;
    if (auto s = uow.value()->Accounts().DeleteCalendarFeed(user->id); !s) return s;
  }
  if (auto s = RecordAudit(*uow.value(), "update", "user_account", username, username,
                           nlohmann::json{{"changed", {changed_field}}}.dump());
      !s)
    return s;
  return uow.value()->Commit();
}

Status AccountService::SetPassword(const Actor& actor, const std::string& username,
                                   const std::string& password) {
  auto hash = HashPassword(password);
  if (!hash) return hash.error();
  // A new password ends every open session: whoever knew the old one is logged out.
  return ChangeAccount(actor, username, "password", true,
                       [&](UserAccount& user) { user.password_hash = hash.value(); });
}

Status AccountService::SetDisabled(const Actor& actor, const std::string& username, bool disabled) {
  return ChangeAccount(actor, username, "disabled", disabled,
                       [&](UserAccount& user) { user.disabled = disabled; });
}

Result<std::vector<UserAccount>> AccountService::ListUsers(const Caller& caller) {
  if (auto s = caller.RequireAdmin("alleen beheerders zien gebruikers"); !s) return s.error();
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  std::vector<UserAccount> users;
  for (auto& u : uow.value()->Accounts().ListUsers()) users.push_back(Public(u));
  if (auto s = RecordAudit(*uow.value(), "read", "user_account", "list", "",
                           nlohmann::json{{"records", users.size()}}.dump());
      !s) {
    return s.error();
  }
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return users;
}

Result<LoginResult> AccountService::Login(const std::string& username, const std::string& password,
                                          const std::string& remote_addr) {
  const Error wrong{
      ErrorKind::kUnauthenticated, "gebruikersnaam of wachtwoord klopt niet", {}, 0, "password"};
  // Claimed before the password is checked, in the database: parallel guesses each count.
  if (auto claimed = ClaimAttempt(username, "password"); !claimed) return claimed.error();
  std::optional<UserAccount> user;
  std::optional<SecondFactor> factor;  // whether a second factor must follow the password
  {
    auto uow = store_.BeginRead(Actor{username, "", "http", "aanmelden"});
    if (!uow) return uow.error();
    user = uow.value()->Accounts().FindUser(username);
    if (user) factor = uow.value()->Accounts().FindSecondFactor(user->id);
  }
  // An unknown or disabled account is checked against a dummy hash of the same cost, so the
  // answer takes as long as for a real one and does not tell which usernames exist.
  // An account without a password hash logs in through single sign-on only.
  const bool known = user && !user->disabled && !user->password_hash.empty();
  const std::string& hash = known ? user->password_hash : DummyHash();
  bool valid = false;
  if (HashingTurn turn(hashing_, remote_addr); turn) {
    valid = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
  } else {
    // Field "address": a refusal of this address's flood, not the account's lock-out.
    return Error{ErrorKind::kRateLimited,
                 "er lopen al te veel aanmeldpogingen vanaf uw adres; probeer het over een paar "
                 "seconden opnieuw",
                 {},
                 0,
                 "address"};
  }
  valid = valid && known;
  // remote_addr is a network address, not personal data about a patient; it helps trace abuse.
  nlohmann::json details{{"remote_addr", remote_addr}};
  if (!valid) {
    (void)AuditSecurityEvent(username, "login", "refused", details.dump());
    return wrong;
  }
  if (crypto_pwhash_str_needs_rehash(user->password_hash.c_str(), cost_.opslimit, cost_.memlimit) !=
      0) {
    if (auto rehashed = HashPassword(password)) {
      auto uow = store_.Begin(AccountActor(*user, "aanmelden"));
      if (!uow) return uow.error();
      user->password_hash = rehashed.value();
      (void)uow.value()->Accounts().UpdateUser(*user);
      (void)uow.value()->Commit();
    }
  }
  const bool enrolled = factor && factor->enabled;
  if (enrolled || NeedsSecondFactor(*user)) {
    LoginResult pending;
    pending.user = Public(*user);
    pending.pending_token = RandomHex(32);
    pending.second_factor = enrolled ? "code" : "enrol";
    std::lock_guard lock(pending_mutex_);
    const auto now = store_.clock().Now();
    std::erase_if(pending_, [&](const auto& entry) { return entry.second.expires < now; });
    pending_[HashToken(pending.pending_token)] =
        PendingLogin{user->id, now + kPendingLimit, user->password_hash};
    ReturnAttempts(username, false);  // the password was right; the code claims its own
    return pending;
  }
  auto session = StartSession(*user, details.dump());
  if (session) ReturnAttempts(username, true);
  return session;
}

bool AccountService::NeedsSecondFactor(const UserAccount& user) const {
  if (!policy_.require_second_factor) return false;
  return !(policy_.relax_for_read_only && user.role == UserRole::kReadOnly);
}

Actor AccountService::AccountActor(const UserAccount& user, std::string purpose) {
  return Actor{user.username, std::string(EnumCode(USER_ROLES, user.role)), "http",
               std::move(purpose)};
}

Result<LoginResult> AccountService::StartSession(const UserAccount& user,
                                                 const std::string& details, UnitOfWork* within) {
  std::unique_ptr<UnitOfWork> own;
  if (!within) {
    auto uow = store_.Begin(AccountActor(user, "aanmelden"));
    if (!uow) return uow.error();
    own = std::move(uow.value());
    within = own.get();
  }
  const TimePoint now = store_.clock().Now();
  LoginResult result;
  result.session_token = RandomHex(32);
  result.csrf_token = RandomHex(32);
  result.user = Public(user);
  UserSession session{
      HashToken(result.session_token), user.id, result.csrf_token, FormatUtc(now), FormatUtc(now),
      FormatUtc(now + kAbsoluteLimit)};
  if (auto s = within->Accounts().InsertSession(session); !s) return s.error();
  if (auto s = RecordAudit(*within, "login", "user_account", user.username, user.username, details);
      !s)
    return s.error();
  if (own) {
    if (auto s = own->Commit(); !s) return s.error();
  }
  return result;
}

std::string AccountService::FreeUsername(AccountRepository& accounts, std::string_view hint) {
  // "Jan.de.Vries@zorggroep.nl" -> "jan.de.vries": lower case, the part before '@', every other
  // character a '.', at most 36 characters, so a suffix "-NN" still fits the 40 allowed.
  std::string base;
  for (char c : hint.substr(0, hint.find('@'))) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    const bool plain = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') ||
                       lower == '-' || lower == '_';
    if (plain) {
      base += lower;
    } else if (!base.empty() && base.back() != '.') {
      base += '.';
    }
  }
  while (!base.empty() && base.back() == '.') base.pop_back();
  if (base.size() > 36) base.resize(36);
  if (base.size() < 3) base = "sso-gebruiker";
  std::string candidate = base;
  for (int n = 2; accounts.FindUser(candidate) || CheckUsername(candidate); ++n) {
    candidate = base + "-" + std::to_string(n);
  }
  return candidate;
}

void AccountService::AuditRefusedSignIn(const std::string& who, const std::string& details) {
  (void)AuditSecurityEvent(who, "login", "refused", details);
}

Result<LoginResult> AccountService::SignInExternal(const ExternalIdentity& identity) {
  // First a read: the linked account, or the username a new one will get. The write below is
  // done as that user (the audit trail names who logged in) and checks both again.
  std::optional<UserAccount> user;
  std::string new_username;
  {
    auto uow = store_.BeginRead(Actor{"", "", "http", "aanmelden"});
    if (!uow) return uow.error();
    auto& accounts = uow.value()->Accounts();
    if (auto id = accounts.FindExternalIdentity(identity.issuer, identity.subject))
      user = accounts.FindUserById(*id);
    if (!user) new_username = FreeUsername(accounts, identity.username_hint);
  }
  if (user && user->disabled) {
    AuditRefusedSignIn(user->username, identity.details);
    return Error{ErrorKind::kForbidden, "dit account is geblokkeerd in vangnet", {}, 0, "user"};
  }
  UserAccount account = user ? *user : UserAccount{};
  if (!user) {
    account.username = new_username;
    account.created_at = store_.clock().NowIso();
  }
  auto uow = store_.Begin(AccountActor(account, "aanmelden"));
  if (!uow) return uow.error();
  auto& accounts = uow.value()->Accounts();
  std::vector<std::string> practices;
  for (const auto& agb : identity.practices) {
    if (uow.value()->ReferenceExists("practice.agb", agb)) practices.push_back(agb);
  }
  if (identity.role == UserRole::kPracticeUser && practices.empty()) {
    return Error{ErrorKind::kForbidden,
                 "de praktijken bij uw rol staan niet in het register; vraag de beheerder de "
                 "instelling voor single sign-on na te kijken",
                 {},
                 0,
                 "practices"};
  }
  std::vector<std::string> changed;
  if (account.role != identity.role) changed.push_back("role");
  if (account.practice_agbs != practices) changed.push_back("practice_agbs");
  const std::string name = identity.display_name.empty() ? account.username : identity.display_name;
  if (account.display_name != name) changed.push_back("display_name");
  account.role = identity.role;
  account.practice_agbs = practices;
  account.display_name = name;
  if (!user) {
    // No password: this account logs in through the provider only.
    auto stored = accounts.InsertUser(account);
    if (!stored) return stored.error();
    account = stored.value();
    if (auto s = accounts.InsertExternalIdentity(identity.issuer, identity.subject, account.id,
                                                 account.created_at);
        !s)
      return s.error();
    if (auto s =
            RecordAudit(*uow.value(), "create", "user_account", account.username, account.username,
                        nlohmann::json{{"role", EnumCode(USER_ROLES, account.role)},
                                       {"source", "sso"},
                                       {"issuer", identity.issuer}}
                            .dump());
        !s)
      return s.error();
  } else if (!changed.empty()) {
    if (auto s = accounts.UpdateUser(account); !s) return s.error();
    if (auto s =
            RecordAudit(*uow.value(), "update", "user_account", account.username, account.username,
                        nlohmann::json{{"changed", changed}, {"source", "sso"}}.dump());
        !s)
      return s.error();
  }
  auto session = StartSession(account, identity.details, uow.value().get());
  if (!session) return session.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return session;
}

Result<UserAccount> AccountService::PendingUser(const std::string& pending_token) {
  const Error expired(ErrorKind::kUnauthenticated,
                      "de aanmelding is verlopen; begin opnieuw met uw wachtwoord", {}, 0,
                      "pending");
  std::int64_t user_id = 0;
  std::string password_hash;
  {
    std::lock_guard lock(pending_mutex_);
    auto it = pending_.find(HashToken(pending_token));
    if (it == pending_.end() || it->second.expires < store_.clock().Now()) return expired;
    user_id = it->second.user_id;
    password_hash = it->second.password_hash;
  }
  auto uow = store_.BeginRead(Actor{"", "", "http", "aanmelden"});
  if (!uow) return uow.error();
  auto user = uow.value()->Accounts().FindUserById(user_id);
  // A password changed (or reset) since the first step ends this sign-in too.
  if (!user || user->disabled || user->password_hash != password_hash) return expired;
  return *user;
}

Result<Enrolment> AccountService::BeginEnrolment(const std::string& pending_token) {
  auto user = PendingUser(pending_token);
  if (!user) return user.error();
  auto uow = store_.Begin(AccountActor(user.value(), "tweede factor instellen"));
  if (!uow) return uow.error();
  auto existing = uow.value()->Accounts().FindSecondFactor(user.value().id);
  if (existing && existing->enabled) {
    return Error::Conflict("second_factor",
                           "er is al een tweede factor ingesteld; vraag de beheerder om die te "
                           "herstellen als u hem kwijt bent");
  }
  Enrolment enrolment;
  enrolment.secret = totp::NewSecretBase32();
  enrolment.otpauth_uri = totp::OtpauthUri(policy_.issuer, user.value().username, enrolment.secret);
  SecondFactor factor{user.value().id, totp::Seal(enrolment.secret, store_.keys().totp()), false,
                      -1, store_.clock().NowIso()};
  if (auto s = uow.value()->Accounts().SaveSecondFactor(factor); !s) return s.error();
  if (auto s = RecordAudit(*uow.value(), "enrol", "second_factor", user.value().username,
                           user.value().username, R"({"step":"begun"})");
      !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return enrolment;
}

Result<LoginResult> AccountService::CompleteLogin(const std::string& pending_token,
                                                  const std::string& code,
                                                  const std::string& remote_addr) {
  auto user = PendingUser(pending_token);
  if (!user) return user.error();
  const std::string& username = user.value().username;
  if (auto claimed = ClaimAttempt(username, "code"); !claimed) return claimed.error();
  auto uow = store_.Begin(AccountActor(user.value(), "aanmelden"));
  if (!uow) return uow.error();
  auto& accounts = uow.value()->Accounts();
  auto factor = accounts.FindSecondFactor(user.value().id);
  const Error wrong(ErrorKind::kUnauthenticated, "de code klopt niet (of is al gebruikt)", {}, 0,
                    "code");
  if (!factor) {
    return Error(ErrorKind::kUnauthenticated, "stel eerst een tweede factor in", {}, 0, "code");
  }
  nlohmann::json details{{"remote_addr", remote_addr}};
  bool accepted = false;
  const std::string trimmed(Trim(code));
  if (auto secret = totp::Open(factor->secret_sealed, store_.keys().totp()); !secret) {
    return secret.error();
  } else if (auto step = totp::MatchingStep(secret.value(), trimmed, store_.clock().Now())) {
    auto fresh = accounts.UseCounter(user.value().id, *step);  // a replayed code is refused
    if (!fresh) return fresh.error();
    accepted = fresh.value();
    details["factor"] = "totp";
  } else if (factor->enabled) {
    auto used = accounts.UseRecoveryCode(
        user.value().id, HashToken(totp::NormaliseRecoveryCode(trimmed)), store_.clock().NowIso());
    if (!used) return used.error();
    accepted = used.value();
    details["factor"] = "recovery_code";
  }
  if (!accepted) {
    uow.value().reset();  // rolls back; the refusal is audited on its own
    (void)AuditSecurityEvent(username, "login", "refused", R"({"step":"second_factor"})");
    return wrong;
  }
  std::vector<std::string> recovery_codes;
  if (!factor->enabled) {  // the code confirmed a new enrolment
    factor->enabled = true;
    auto current = accounts.FindSecondFactor(user.value().id);
    factor->last_counter = current ? current->last_counter : factor->last_counter;
    if (auto s = accounts.SaveSecondFactor(*factor); !s) return s.error();
    recovery_codes = totp::NewRecoveryCodes();
    std::vector<std::string> hashes;
    for (const auto& c : recovery_codes)
      hashes.push_back(HashToken(totp::NormaliseRecoveryCode(c)));
    if (auto s = accounts.ReplaceRecoveryCodes(user.value().id, hashes); !s) return s.error();
    if (auto s = RecordAudit(*uow.value(), "enrol", "second_factor", username, username,
                             R"({"step":"confirmed"})");
        !s)
      return s.error();
  }
  auto session = StartSession(user.value(), details.dump(), uow.value().get());
  if (!session) return session.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  {
    std::lock_guard lock(pending_mutex_);
    pending_.erase(HashToken(pending_token));  // single use
  }
  ReturnAttempts(username, true);
  session.value().recovery_codes = std::move(recovery_codes);
  return session;
}

Status AccountService::ResetSecondFactor(const Caller& caller, const std::string& username) {
  if (auto s = caller.RequireAdmin("alleen een beheerder kan een tweede factor herstellen"); !s) {
    return s;
  }
  // An admin with only a session must not be able to replace their own factor: whoever stole
  // the session would then own the account.
  if (caller.actor.source == "http" && caller.actor.user == username) {
    return Error(ErrorKind::kForbidden,
                 "uw eigen tweede factor herstelt een andere beheerder, of de opdrachtregel "
                 "(vangnet user reset-2fa)");
  }
  auto uow = store_.Begin(caller.actor);
  if (!uow) return uow.error();
  auto user = uow.value()->Accounts().FindUser(username);
  if (!user) return Error::NotFound("username", "gebruiker " + username + " bestaat niet");
  if (auto s = uow.value()->Accounts().DeleteSecondFactor(user->id); !s) return s;
  // Whoever held the old factor must not stay logged in on it.
  if (auto s = uow.value()->Accounts().DeleteSessionsOfUser(user->id); !s) return s;
  if (auto s = RecordAudit(*uow.value(), "reset", "second_factor", username, username); !s)
    return s;
  return uow.value()->Commit();
}

Status AccountService::SetSecondFactorSecret(const Actor& actor, const std::string& username,
                                             const std::string& secret_base32) {
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  auto user = uow.value()->Accounts().FindUser(username);
  if (!user) return Error::NotFound("username", "gebruiker " + username + " bestaat niet");
  SecondFactor factor{user->id, totp::Seal(secret_base32, store_.keys().totp()), true, -1,
                      store_.clock().NowIso()};
  if (auto s = uow.value()->Accounts().SaveSecondFactor(factor); !s) return s;
  if (auto s = RecordAudit(*uow.value(), "enrol", "second_factor", username, username,
                           R"({"step":"set_by_admin"})");
      !s)
    return s;
  return uow.value()->Commit();
}

std::optional<AuthenticatedUser> AccountService::Authenticate(const std::string& session_token,
                                                             bool keep_alive) {
  if (session_token.size() != 64) return std::nullopt;
  const std::string token_hash = HashToken(session_token);
  const TimePoint now = store_.clock().Now();
  std::optional<UserSession> session;
  std::optional<UserAccount> user;
  {
    auto uow = store_.BeginRead(Actor{"", "", "http", "sessie"});
    if (!uow) return std::nullopt;
    session = uow.value()->Accounts().FindSession(token_hash);
    if (!session) return std::nullopt;
    user = uow.value()->Accounts().FindUserById(session->user_id);
  }
  const std::string now_text = FormatUtc(now);
  const bool expired = now_text >= session->expires_at;
  const bool idle = session->last_seen_at < FormatUtc(now - kIdleLimit);
  if (!user || user->disabled || expired || idle) {
    (void)Logout(session_token);
    return std::nullopt;
  }
  // Keep the session alive, but write at most once a minute per session: every request writing
  // would serialise all readers behind the single SQLite writer.
  if (keep_alive && session->last_seen_at < FormatUtc(now - std::chrono::minutes(1))) {
    if (auto uow = store_.Begin(Actor{"", "", "http", "sessie"})) {
      if (uow.value()->Accounts().TouchSession(token_hash, now_text)) (void)uow.value()->Commit();
    }
  }
  return AuthenticatedUser{Public(*user), session->csrf_token};
}

Status AccountService::Logout(const std::string& session_token) {
  auto uow = store_.Begin(Actor{"", "", "http", "afmelden"});
  if (!uow) return uow.error();
  if (auto s = uow.value()->Accounts().DeleteSession(HashToken(session_token)); !s) return s;
  return uow.value()->Commit();
}

Result<std::string> AccountService::NewCalendarFeedToken(const Actor& actor, std::int64_t user_id) {
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  const std::string token = RandomHex(32);
  const std::string now = FormatUtc(store_.clock().Now());
  if (auto s = uow.value()->Accounts().SetCalendarFeed(user_id, HashToken(token), now); !s)
    return s.error();
  if (auto s = RecordAudit(*uow.value(), "create", "calendar_feed", actor.user, actor.user, ""); !s)
    return s.error();
  if (auto s = uow.value()->Commit(); !s) return s.error();
  return token;
}

Status AccountService::EndCalendarFeed(const Actor& actor, std::int64_t user_id) {
  auto uow = store_.Begin(actor);
  if (!uow) return uow.error();
  if (auto s = uow.value()->Accounts().DeleteCalendarFeed(user_id); !s) return s;
  if (auto s = RecordAudit(*uow.value(), "delete", "calendar_feed", actor.user, actor.user, ""); !s)
    return s;
  return uow.value()->Commit();
}

std::optional<UserAccount> AccountService::UserForCalendarFeed(const std::string& token) {
  if (token.size() != 64) return std::nullopt;
  auto uow = store_.BeginRead(Actor{"", "", "http", "agenda-abonnement"});
  if (!uow) return std::nullopt;
  auto user_id = uow.value()->Accounts().FindCalendarFeed(HashToken(token));
  if (!user_id) return std::nullopt;
  auto user = uow.value()->Accounts().FindUserById(*user_id);
  if (!user || user->disabled) return std::nullopt;
  return Public(*user);
}

}  // namespace vangnet

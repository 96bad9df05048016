// Single sign-on with the organisation's own identity provider (Microsoft Entra ID and others)
// over OpenID Connect: the authorisation code flow with PKCE (RFC 7636), state and nonce.
//
//   Begin()  -> the provider's authorisation address to send the browser to, and a browser key
//               for a short-lived cookie: the login can only be finished in the browser that
//               began it (no login CSRF).
//   Finish() -> state (single use, 10 minutes), browser key and the provider's `iss` answer
//               (RFC 9207) checked; the code exchanged at the token endpoint with the PKCE
//               verifier; the ID token checked (id_token.hpp); the second factor (amr) checked;
//               the claims mapped to a role (SsoSettings::roles); AccountService makes the session.
//
// The provider's discovery document and keys are fetched when first needed and kept; the keys
// are fetched again when a token names a key we do not know (the provider rotated them), at most
// once a minute. Every refusal is audited with its reason, never with the token.
#pragma once

#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/sso_settings.hpp"
#include "services/auth/account_service.hpp"
#include "services/auth/id_token.hpp"

namespace vangnet {

// The role and practices a provider's claims give: the first matching rule decides the role, a
// practice user gets the practices of every matching rule of that role. Nullopt: no rule matched.
struct SsoRole {
  UserRole role = UserRole::kReadOnly;
  std::vector<std::string> practices;
  std::string matched;  // "claim=value" of the deciding rule, for the audit trail
};
std::optional<SsoRole> MapSsoRole(const SsoSettings& settings, const nlohmann::json& claims);

class SingleSignOn {
 public:
  static constexpr std::chrono::minutes kStateLimit{10};
  static constexpr std::size_t kMaxPending = 1000;  // begun and not finished, at once

  SingleSignOn(SsoSettings settings, AccountService& accounts, const Clock& clock)
      : settings_(std::move(settings)), accounts_(accounts), clock_(clock) {}

  const SsoSettings& settings() const { return settings_; }

  struct Start {
    std::string authorization_url;  // where the browser goes next
    std::string browser_key;        // into a cookie, sent back with the callback
  };
  Result<Start> Begin();

  // The provider's answer at the callback: its query parameters, and the browser key from the
  // cookie. Unauthenticated/Forbidden errors carry a message for the login page.
  struct Callback {
    std::string code;
    std::string state;
    std::string iss;    // RFC 9207; checked when the provider sends it
    std::string error;  // the provider's own refusal ("access_denied", ...)
    std::string browser_key;
    std::string remote_addr;
  };
  Result<LoginResult> Finish(const Callback& callback);

 private:
  struct Provider {
    std::string authorization_endpoint;
    std::string token_endpoint;
    std::string jwks_uri;
  };
  struct Pending {
    std::string browser_key_hash;
    std::string nonce;
    std::string verifier;
    TimePoint expires;
  };
  Result<Provider> Discover();
  Result<SigningKeys> Keys(bool refresh);
  Result<std::string> ExchangeCode(const Provider& provider, const std::string& code,
                                   const std::string& verifier);
  Result<nlohmann::json> CheckToken(const std::string& id_token, const std::string& nonce);
  Error Refuse(const Callback& callback, const Error& error, const std::string& who = "");

  SsoSettings settings_;
  AccountService& accounts_;
  const Clock& clock_;
  std::mutex mutex_;                        // guards everything below
  std::map<std::string, Pending> pending_;  // by state
  std::optional<Provider> provider_;
  std::optional<SigningKeys> keys_;
  std::optional<std::chrono::steady_clock::time_point> keys_fetched_;
};

}  // namespace vangnet

// Single sign-on through the organisation's own identity provider (OpenID Connect), as a region
// configures it in a file (io/sso_settings_yaml.hpp): which provider, which vangnet client, and
// which claim values give which vangnet role and practices. Local accounts remain.
#pragma once

#include <string>
#include <vector>

#include "core/user_account.hpp"

namespace vangnet {

// "Whoever has `value` in claim `claim` gets `role` (and, for a practice user, `practices`)".
// The first rule that matches decides the role; a practice user gets the practices of every
// matching rule of that role. Nobody matches: no login.
struct SsoRoleRule {
  std::string claim;  // e.g. "groups" or "roles"; a text or a list of texts in the ID token
  std::string value;
  UserRole role = UserRole::kReadOnly;
  std::vector<std::string> practices;  // AGB codes, only for practice_user
  int line = 0;
};

struct SsoSettings {
  std::string file;
  std::string issuer;  // exactly as the provider's discovery document says
  std::string client_id;
  std::string client_secret_file;
  std::string client_secret;  // read from client_secret_file; empty: a public client (PKCE only)
  std::string redirect_uri;   // https://<vangnet>/api/v1/session/sso/callback, registered there
  std::vector<std::string> scopes{"openid", "profile", "email"};
  std::string label = "Inloggen met uw organisatie-account";  // the login page's button
  std::string username_claim = "preferred_username";  // what the new vangnet username is made of
  std::string name_claim = "name";
  // The provider must say a second factor was used (amr contains "mfa", RFC 8176): the regional
  // plan asks two factors of every account (seed 000 §6, scenario 7).
  bool require_mfa = true;
  std::vector<SsoRoleRule> roles;
};

}  // namespace vangnet

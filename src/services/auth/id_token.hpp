// Checking an OpenID Connect ID token (OpenID Connect Core 1.0 §3.1.3.7): the signature against
// the provider's published keys (its JWKS), then issuer, audience, authorised party, expiry,
// issue time and nonce. The JOSE work (JWK import, JWS signature) is cjose, the library behind
// Apache's mod_auth_openidc; what a token must say is checked here, on its decoded claims.
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"

namespace vangnet {

// The signing keys a provider publishes at its jwks_uri. Keys that are not for signatures
// (use "enc") or of a type no accepted algorithm uses are left out.
class SigningKeys {
 public:
  static Result<SigningKeys> Parse(std::string_view jwks_json);
  std::size_t size() const { return keys_.size(); }

  struct Key {
    std::string kid;
    std::string kty;            // "RSA" or "EC"
    std::string alg;            // empty when the provider does not pin one
    std::shared_ptr<void> jwk;  // cjose_jwk_t, released by cjose
  };
  // The key with this id; without an id, the only key there is. Null when none fits.
  const Key* Find(std::string_view kid) const;

 private:
  std::vector<Key> keys_;
};

struct IdTokenCheck {
  std::string issuer;     // exactly as in the discovery document
  std::string client_id;  // must be (one of) the audience
  std::string nonce;      // sent with the authorisation request
  TimePoint now;
  std::chrono::seconds leeway{60};  // clock difference tolerated between us and the provider
};

// The token's claims when everything holds; else kUnauthenticated whose field names what failed:
// "token" (not a JWS), "alg", "kid" (no such key: the provider may have rotated its keys),
// "signature", "iss", "aud", "azp", "exp", "iat", "nonce", "sub".
Result<nlohmann::json> VerifyIdToken(std::string_view token, const SigningKeys& keys,
                                     const IdTokenCheck& check);

}  // namespace vangnet

#include "services/auth/id_token.hpp"
#include "io/json_input.hpp"

#include <cjose/cjose.h>

#include <algorithm>
#include <array>

namespace vangnet {

namespace {

Error Refused(std::string field, std::string message) {
  return Error{ErrorKind::kUnauthenticated, std::move(message), {}, 0, std::move(field)};
}

// Asymmetric algorithms only: "none" and the HMAC family are refused, so a token cannot be
// "signed" with the provider's public key used as a shared secret (the classic alg confusion).
struct Algorithm {
  const char* name;
  const char* kty;
};
constexpr std::array<Algorithm, 9> kAccepted{{{"RS256", "RSA"},
                                              {"RS384", "RSA"},
                                              {"RS512", "RSA"},
                                              {"PS256", "RSA"},
                                              {"PS384", "RSA"},
                                              {"PS512", "RSA"},
                                              {"ES256", "EC"},
                                              {"ES384", "EC"},
                                              {"ES512", "EC"}}};

const Algorithm* FindAlgorithm(std::string_view name) {
  for (const auto& a : kAccepted) {
    if (name == a.name) return &a;
  }
  return nullptr;
}

struct JwsDeleter {
  void operator()(cjose_jws_t* jws) const { cjose_jws_release(jws); }
};

std::int64_t NumericDate(const nlohmann::json& claims, const char* name) {
  const auto it = claims.find(name);
  if (it == claims.end() || !it->is_number()) return -1;
  return static_cast<std::int64_t>(it->get<double>());
}

// Base64url without padding, of a length that can be decoded. Every text handed to cjose for
// decoding is checked first: cjose asserts (aborting the whole server) on a length of 4n+1 or
// a '=' in the middle (found by fuzzing, bench/fuzz/id_token_fuzz.cpp).
bool IsBase64Url(std::string_view text) {
  if (text.size() % 4 == 1) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  });
}

}  // namespace

Result<SigningKeys> SigningKeys::Parse(std::string_view jwks_json) {
  auto doc = ParseJsonOrDiscarded(jwks_json);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("keys") || !doc["keys"].is_array()) {
    return Error::Validation("jwks", "de sleutels van de identiteitsprovider zijn geen JWKS");
  }
  SigningKeys out;
  for (const auto& entry : doc["keys"]) {
    if (!entry.is_object()) continue;
    const std::string kty = entry.value("kty", "");
    if (kty != "RSA" && kty != "EC") continue;
    if (entry.contains("use") && entry["use"] != "sig") continue;
    const std::string alg = entry.contains("alg") && entry["alg"].is_string() ? entry["alg"] : "";
    if (!alg.empty() && !FindAlgorithm(alg)) continue;
    // The members cjose decodes (RFC 7518 §6) must be decodable.
    bool decodable = true;
    for (const char* member : {"n", "e", "x", "y", "d", "k", "p", "q", "dp", "dq", "qi"}) {
      const auto it = entry.find(member);
      if (it != entry.end() && (!it->is_string() || !IsBase64Url(it->get<std::string>())))
        decodable = false;
    }
    if (!decodable) continue;
    const std::string text = entry.dump();
    cjose_err err;
    cjose_jwk_t* jwk = cjose_jwk_import(text.c_str(), text.size(), &err);
    if (!jwk) continue;  // a key cjose cannot read cannot have signed a token we accept
    out.keys_.push_back({entry.contains("kid") && entry["kid"].is_string() ? entry["kid"] : "", kty,
                         alg, std::shared_ptr<void>(jwk, [](void* k) {
                           cjose_jwk_release(static_cast<cjose_jwk_t*>(k));
                         })});
  }
  return out;
}

const SigningKeys::Key* SigningKeys::Find(std::string_view kid) const {
  if (kid.empty()) return keys_.size() == 1 ? &keys_.front() : nullptr;
  for (const auto& key : keys_) {
    if (key.kid == kid) return &key;
  }
  return nullptr;
}

Result<nlohmann::json> VerifyIdToken(std::string_view token, const SigningKeys& keys,
                                     const IdTokenCheck& check) {
  const auto first = token.find('.'), second = token.rfind('.');
  if (token.empty() || token.size() > 16 * 1024 ||
      std::count(token.begin(), token.end(), '.') != 2 || !IsBase64Url(token.substr(0, first)) ||
      !IsBase64Url(token.substr(first + 1, second - first - 1)) ||
      !IsBase64Url(token.substr(second + 1))) {
    return Refused("token", "het ID-token van de identiteitsprovider is onleesbaar");
  }
  cjose_err err;
  std::unique_ptr<cjose_jws_t, JwsDeleter> jws(cjose_jws_import(token.data(), token.size(), &err));
  if (!jws) return Refused("token", "het ID-token van de identiteitsprovider is onleesbaar");
  cjose_header_t* header = cjose_jws_get_protected(jws.get());
  const char* alg_text = header ? cjose_header_get(header, CJOSE_HDR_ALG, &err) : nullptr;
  const Algorithm* alg = alg_text ? FindAlgorithm(alg_text) : nullptr;
  if (!alg) {
    return Refused("alg", "het ID-token is niet ondertekend met een geaccepteerd algoritme");
  }
  // A critical header we do not understand must not be ignored (RFC 7515 §4.1.11).
  if (char* crit = header ? cjose_header_get_raw(header, "crit", &err) : nullptr) {
    cjose_get_dealloc()(crit);
    return Refused("token", "het ID-token vraagt om onbekende verwerking (crit)");
  }
  const char* kid = header ? cjose_header_get(header, CJOSE_HDR_KID, &err) : nullptr;
  const SigningKeys::Key* key = keys.Find(kid ? kid : "");
  if (!key) return Refused("kid", "het ID-token is ondertekend met een onbekende sleutel");
  if (key->kty != alg->kty || (!key->alg.empty() && key->alg != alg->name)) {
    return Refused("alg", "het algoritme van het ID-token past niet bij de sleutel");
  }
  if (!cjose_jws_verify(jws.get(), static_cast<cjose_jwk_t*>(key->jwk.get()), &err)) {
    return Refused("signature", "de handtekening van het ID-token klopt niet");
  }
  uint8_t* payload = nullptr;
  std::size_t payload_size = 0;
  if (!cjose_jws_get_plaintext(jws.get(), &payload, &payload_size, &err)) {
    return Refused("token", "het ID-token van de identiteitsprovider is onleesbaar");
  }
  auto claims = ParseJsonOrDiscarded(
      std::string_view(reinterpret_cast<const char*>(payload), payload_size));
  if (claims.is_discarded() || !claims.is_object()) {
    return Refused("token", "het ID-token van de identiteitsprovider is onleesbaar");
  }

  if (claims.value("iss", nlohmann::json()) != check.issuer) {
    return Refused("iss", "het ID-token komt van een andere uitgever dan ingesteld");
  }
  const auto aud = claims.value("aud", nlohmann::json());
  std::vector<std::string> audiences;
  if (aud.is_string()) audiences.push_back(aud);
  if (aud.is_array()) {
    for (const auto& a : aud) {
      if (a.is_string()) audiences.push_back(a);
    }
  }
  if (std::find(audiences.begin(), audiences.end(), check.client_id) == audiences.end()) {
    return Refused("aud", "het ID-token is niet voor vangnet bestemd");
  }
  // With more than one audience, the token must say it was issued to us (Core §3.1.3.7 item 4-5).
  if (claims.contains("azp") ? claims["azp"] != check.client_id : audiences.size() > 1) {
    return Refused("azp", "het ID-token is voor een andere toepassing uitgegeven");
  }
  const std::int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(check.now.time_since_epoch()).count();
  const std::int64_t exp = NumericDate(claims, "exp");
  if (exp < 0 || exp + check.leeway.count() <= now) {
    return Refused("exp", "het ID-token is verlopen; meld u opnieuw aan");
  }
  const std::int64_t iat = NumericDate(claims, "iat");
  if (iat < 0 || iat > now + check.leeway.count()) {
    return Refused("iat", "het ID-token is uitgegeven in de toekomst; klopt de klok?");
  }
  if (claims.value("nonce", nlohmann::json()) != check.nonce) {
    return Refused("nonce", "het ID-token hoort niet bij deze aanmelding");
  }
  if (!claims.contains("sub") || !claims["sub"].is_string() ||
      claims["sub"].get<std::string>().empty()) {
    return Refused("sub", "het ID-token noemt geen gebruiker");
  }
  return claims;
}

}  // namespace vangnet

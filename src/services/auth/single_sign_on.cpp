#include "services/auth/single_sign_on.hpp"
#include "io/json_input.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>

#include "core/text.hpp"
#include "io/http_client.hpp"
#include "store/digest.hpp"

namespace vangnet {

namespace {

constexpr const char* kProvider = "identiteitsprovider";

Error Refused(ErrorKind kind, std::string field, std::string message) {
  return Error{kind, std::move(message), {}, 0, std::move(field)};
}

std::string Base64(std::string_view bytes, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string RandomBase64Url(std::size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return Base64(raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

// PKCE S256 (RFC 7636 §4.2): BASE64URL(SHA256(verifier)).
std::string CodeChallenge(const std::string& verifier) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(verifier.data()),
                     verifier.size());
  return Base64(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest),
                sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool SameText(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The scheme and host of a URL ("https://login.example.com").
std::string Origin(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const auto end = url.find('/', scheme + 3);
  return url.substr(0, end);
}

// Whether a claim (a text or a list of texts) holds `value`.
bool ClaimHolds(const nlohmann::json& claims, const std::string& claim, const std::string& value) {
  const auto it = claims.find(claim);
  if (it == claims.end()) return false;
  if (it->is_string()) return *it == value;
  if (it->is_array()) {
    return std::any_of(it->begin(), it->end(),
                       [&](const nlohmann::json& v) { return v.is_string() && v == value; });
  }
  return false;
}

std::string TextClaim(const nlohmann::json& claims, const std::string& name) {
  const auto it = claims.find(name);
  return it != claims.end() && it->is_string() ? it->get<std::string>() : "";
}

// The provider's error code as it may be shown: only letters and '_' (it comes from a URL).
std::string PlainCode(std::string_view code) {
  std::string out;
  for (char c : code.substr(0, 40)) {
    if ((c >= 'a' && c <= 'z') || c == '_') out += c;
  }
  return out;
}

}  // namespace

std::optional<SsoRole> MapSsoRole(const SsoSettings& settings, const nlohmann::json& claims) {
  std::optional<SsoRole> found;
  for (const auto& rule : settings.roles) {
    if (!ClaimHolds(claims, rule.claim, rule.value)) continue;
    if (!found) {
      found = SsoRole{rule.role, {}, rule.claim + "=" + rule.value};
    } else if (found->role != rule.role) {
      continue;
    }
    for (const auto& agb : rule.practices) {
      if (std::find(found->practices.begin(), found->practices.end(), agb) ==
          found->practices.end())
        found->practices.push_back(agb);
    }
  }
  return found;
}

Result<SingleSignOn::Provider> SingleSignOn::Discover() {
  {
    std::lock_guard lock(mutex_);
    if (provider_) return *provider_;
  }
  std::string url = settings_.issuer;
  if (!url.ends_with('/')) url += '/';
  url += ".well-known/openid-configuration";
  auto reply = SendHttpRequest({url, {"Accept: application/json"}}, kProvider);
  if (!reply) return reply.error();
  auto doc = ParseJsonOrDiscarded(reply.value().body);
  if (reply.value().status != 200 || doc.is_discarded() || !doc.is_object()) {
    return Error::Io(url, "de identiteitsprovider gaf geen geldig discovery-document (HTTP " +
                              std::to_string(reply.value().status) + ")");
  }
  // The document must name the issuer we configured, exactly (OpenID Discovery §4.3).
  if (doc.value("issuer", nlohmann::json()) != settings_.issuer) {
    return Error::Io(url, "het discovery-document noemt een andere issuer dan ingesteld");
  }
  Provider provider;
  for (auto [key, target] : {std::pair{"authorization_endpoint", &provider.authorization_endpoint},
                             std::pair{"token_endpoint", &provider.token_endpoint},
                             std::pair{"jwks_uri", &provider.jwks_uri}}) {
    const std::string value = TextClaim(doc, key);
    // https, or the issuer's own origin when that is a local test provider over http.
    if (!value.starts_with("https://") &&
        !(settings_.issuer.starts_with("http://") && Origin(value) == Origin(settings_.issuer))) {
      return Error::Io(url, std::string("het discovery-document mist een veilige ") + key);
    }
    *target = value;
  }
  std::lock_guard lock(mutex_);
  provider_ = provider;
  return provider;
}

Result<SigningKeys> SingleSignOn::Keys(bool refresh) {
  {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const bool recent = keys_fetched_ && now - *keys_fetched_ < std::chrono::minutes(1);
    if (keys_ && (!refresh || recent)) return *keys_;
  }
  auto provider = Discover();
  if (!provider) return provider.error();
  auto reply =
      SendHttpRequest({provider.value().jwks_uri, {"Accept: application/json"}}, kProvider);
  if (!reply) return reply.error();
  if (reply.value().status != 200) {
    return Error::Io(provider.value().jwks_uri, "de sleutels van de identiteitsprovider (HTTP " +
                                                    std::to_string(reply.value().status) + ")");
  }
  auto keys = SigningKeys::Parse(reply.value().body);
  if (!keys) return keys.error();
  std::lock_guard lock(mutex_);
  keys_ = keys.value();
  keys_fetched_ = std::chrono::steady_clock::now();
  return keys;
}

Result<SingleSignOn::Start> SingleSignOn::Begin() {
  auto provider = Discover();
  if (!provider) return provider.error();
  Start start;
  const std::string state = RandomBase64Url(32);
  Pending pending{AccountService::HashToken(start.browser_key = RandomBase64Url(32)),
                  RandomBase64Url(32), RandomBase64Url(32), clock_.Now() + kStateLimit};
  std::string scopes;
  for (const auto& s : settings_.scopes) scopes += (scopes.empty() ? "" : " ") + s;
  const std::string& endpoint = provider.value().authorization_endpoint;
  start.authorization_url =
      endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") +
      "response_type=code&client_id=" + PercentEncode(settings_.client_id) +
      "&redirect_uri=" + PercentEncode(settings_.redirect_uri) + "&scope=" + PercentEncode(scopes) +
      "&state=" + state + "&nonce=" + pending.nonce +
      "&code_challenge=" + CodeChallenge(pending.verifier) + "&code_challenge_method=S256";
  std::lock_guard lock(mutex_);
  const TimePoint now = clock_.Now();
  std::erase_if(pending_, [&](const auto& entry) { return entry.second.expires < now; });
  if (pending_.size() >= kMaxPending) {
    return Refused(ErrorKind::kRateLimited, "sso",
                   "te veel aanmeldingen tegelijk; probeer het over een paar minuten opnieuw");
  }
  pending_[state] = std::move(pending);
  return start;
}

Result<std::string> SingleSignOn::ExchangeCode(const Provider& provider, const std::string& code,
                                               const std::string& verifier) {
  HttpRequest request{
      provider.token_endpoint,
      {"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"},
      "grant_type=authorization_code&code=" + PercentEncode(code) + "&redirect_uri=" +
          PercentEncode(settings_.redirect_uri) + "&code_verifier=" + PercentEncode(verifier)};
  if (settings_.client_secret.empty()) {
    *request.body += "&client_id=" + PercentEncode(settings_.client_id);
  } else {
    // client_secret_basic (RFC 6749 §2.3.1): both parts form-encoded before base64.
    request.headers.push_back(
        "Authorization: Basic " +
        Base64(PercentEncode(settings_.client_id) + ":" + PercentEncode(settings_.client_secret),
               sodium_base64_VARIANT_ORIGINAL));
  }
  auto reply = SendHttpRequest(request, kProvider);
  if (!reply) return reply.error();
  auto body = ParseJsonOrDiscarded(reply.value().body);
  if (reply.value().status != 200 || !body.is_object()) {
    const std::string reason =
        body.is_object() ? PlainCode(TextClaim(body, "error")) : std::string("onleesbaar");
    return Refused(
        ErrorKind::kUnauthenticated, "code",
        "de identiteitsprovider wisselde de code niet in (" + reason + "); begin opnieuw");
  }
  const std::string id_token = TextClaim(body, "id_token");
  if (id_token.empty()) {
    return Refused(ErrorKind::kUnauthenticated, "token",
                   "de identiteitsprovider stuurde geen ID-token");
  }
  return id_token;
}

Result<nlohmann::json> SingleSignOn::CheckToken(const std::string& id_token,
                                                const std::string& nonce) {
  const IdTokenCheck check{settings_.issuer, settings_.client_id, nonce, clock_.Now()};
  auto keys = Keys(false);
  if (!keys) return keys.error();
  auto claims = VerifyIdToken(id_token, keys.value(), check);
  if (!claims && claims.error().field == "kid") {
    keys = Keys(true);  // the provider may have rotated its keys since we fetched them
    if (!keys) return keys.error();
    claims = VerifyIdToken(id_token, keys.value(), check);
  }
  return claims;
}

Error SingleSignOn::Refuse(const Callback& callback, const Error& error, const std::string& who) {
  accounts_.AuditRefusedSignIn(
      who.empty() ? "sso" : who,
      nlohmann::json{
          {"sso", settings_.issuer}, {"reason", error.field}, {"remote_addr", callback.remote_addr}}
          .dump());
  return error;
}

Result<LoginResult> SingleSignOn::Finish(const Callback& callback) {
  std::optional<Pending> pending;
  {
    // A state is used once, whatever comes of it: a replayed callback finds nothing.
    std::lock_guard lock(mutex_);
    auto it = pending_.find(callback.state);
    if (it != pending_.end()) {
      pending = std::move(it->second);
      pending_.erase(it);
    }
  }
  if (!pending || pending->expires < clock_.Now()) {
    return Refuse(callback, Refused(ErrorKind::kUnauthenticated, "state",
                                    "deze aanmelding is verlopen of al gebruikt; begin opnieuw"));
  }
  if (!SameText(AccountService::HashToken(callback.browser_key), pending->browser_key_hash)) {
    return Refuse(callback, Refused(ErrorKind::kUnauthenticated, "browser",
                                    "de aanmelding is in een andere browser begonnen; begin "
                                    "opnieuw"));
  }
  if (!callback.error.empty()) {
    return Refuse(callback, Refused(ErrorKind::kUnauthenticated, "provider",
                                    "de identiteitsprovider weigerde de aanmelding (" +
                                        PlainCode(callback.error) + ")"));
  }
  // The answer must come from our provider, not another one the browser was sent to (RFC 9207).
  if (!callback.iss.empty() && callback.iss != settings_.issuer) {
    return Refuse(callback, Refused(ErrorKind::kUnauthenticated, "iss",
                                    "het antwoord komt van een andere identiteitsprovider"));
  }
  if (callback.code.empty()) {
    return Refuse(callback, Refused(ErrorKind::kUnauthenticated, "code",
                                    "de identiteitsprovider stuurde geen code"));
  }
  auto provider = Discover();
  if (!provider) return Refuse(callback, provider.error());
  auto id_token = ExchangeCode(provider.value(), callback.code, pending->verifier);
  if (!id_token) return Refuse(callback, id_token.error());
  auto claims = CheckToken(id_token.value(), pending->nonce);
  if (!claims) return Refuse(callback, claims.error());
  const nlohmann::json& c = claims.value();
  const std::string who = TextClaim(c, settings_.username_claim);
  if (settings_.require_mfa && !ClaimHolds(c, "amr", "mfa")) {
    return Refuse(callback,
                  Refused(ErrorKind::kForbidden, "amr",
                          "uw organisatie meldde u aan zonder tweede factor; vangnet vraagt er "
                          "altijd een (meld u aan met bijvoorbeeld de authenticator-app)"),
                  who);
  }
  auto role = MapSsoRole(settings_, c);
  if (!role) {
    return Refuse(callback,
                  Refused(ErrorKind::kForbidden, "role",
                          "uw organisatie-account heeft geen rol in vangnet; vraag de beheerder "
                          "van vangnet om toegang"),
                  who);
  }
  ExternalIdentity identity;
  identity.issuer = settings_.issuer;
  identity.subject = c["sub"].get<std::string>();
  identity.username_hint = who.empty() ? TextClaim(c, "email") : who;
  identity.display_name = TextClaim(c, settings_.name_claim);
  identity.role = role->role;
  identity.practices = role->practices;
  identity.details =
      nlohmann::json{
          {"sso", settings_.issuer}, {"rule", role->matched}, {"remote_addr", callback.remote_addr}}
          .dump();
  auto login = accounts_.SignInExternal(identity);
  // A blocked account's refusal is audited under its own name by the account service.
  if (!login && login.error().field != "user") return Refuse(callback, login.error(), who);
  return login;
}

}  // namespace vangnet

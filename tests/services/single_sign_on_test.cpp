// Single sign-on: an ID token is accepted only when signed by the provider's key and meant for
// vangnet, now, for this login; claims map to roles as the settings say; and a provider's user
// gets an account of its own, never an existing local one.
#include "services/auth/single_sign_on.hpp"

#include <cjose/cjose.h>
#include <gtest/gtest.h>

#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

constexpr const char* kIssuer = "https://idp.zorggroep.test";
constexpr const char* kClient = "vangnet";

// A signing key as a provider has one: private to sign test tokens, public in a JWKS.
class TestKey {
 public:
  explicit TestKey(const char* kid) {
    static const uint8_t e[] = {0x01, 0x00, 0x01};
    jwk_ = cjose_jwk_create_RSA_random(2048, e, sizeof e, nullptr);
    cjose_jwk_set_kid(jwk_, kid, std::strlen(kid), nullptr);
  }
  ~TestKey() { cjose_jwk_release(jwk_); }
  std::string Jwks() const {
    char* json = cjose_jwk_to_json(jwk_, false, nullptr);
    std::string out = std::string(R"({"keys":[)") + json + "]}";
    cjose_get_dealloc()(json);
    return out;
  }
  std::string Sign(const nlohmann::json& claims, const char* alg = "RS256") const {
    cjose_header_t* header = cjose_header_new(nullptr);
    cjose_header_set(header, CJOSE_HDR_ALG, alg, nullptr);
    cjose_header_set(header, CJOSE_HDR_KID, cjose_jwk_get_kid(jwk_, nullptr), nullptr);
    const std::string payload = claims.dump();
    cjose_jws_t* jws = cjose_jws_sign(
        jwk_, header, reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), nullptr);
    const char* compact = nullptr;
    cjose_jws_export(jws, &compact, nullptr);
    std::string out = compact;
    cjose_jws_release(jws);
    cjose_header_release(header);
    return out;
  }

 private:
  cjose_jwk_t* jwk_;
};

std::string Base64Url(const std::string& text) {
  static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(text[i]) << 16) |
                       (static_cast<unsigned char>(text[i + 1]) << 8) |
                       static_cast<unsigned char>(text[i + 2]);
    for (int s : {18, 12, 6, 0}) out += abc[(n >> s) & 63];
  }
  if (i + 1 == text.size()) {
    const unsigned n = static_cast<unsigned char>(text[i]) << 16;
    out += abc[(n >> 18) & 63];
    out += abc[(n >> 12) & 63];
  } else if (i + 2 == text.size()) {
    const unsigned n = (static_cast<unsigned char>(text[i]) << 16) |
                       (static_cast<unsigned char>(text[i + 1]) << 8);
    for (int s : {18, 12, 6}) out += abc[(n >> s) & 63];
  }
  return out;
}

class IdTokenTest : public ::testing::Test {
 protected:
  IdTokenTest() {
    keys_ = SigningKeys::Parse(provider_key_.Jwks()).value();
    check_ = IdTokenCheck{kIssuer, kClient, "nonce-1", now_};
  }
  nlohmann::json Claims() const {
    const auto t =
        std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
    return {{"iss", kIssuer},     {"aud", kClient}, {"sub", "user-1"},
            {"nonce", "nonce-1"}, {"iat", t - 5},   {"exp", t + 300}};
  }
  // The field of the refusal, or "accepted".
  std::string Verdict(const std::string& token) const {
    auto claims = VerifyIdToken(token, keys_, check_);
    if (claims) return "accepted";
    EXPECT_EQ(claims.error().kind, ErrorKind::kUnauthenticated);
    return claims.error().field;
  }

  // One provider key for all cases: making an RSA key takes a while.
  static const TestKey& ProviderKey() {
    static const TestKey key("provider-key");
    return key;
  }
  TimePoint now_ = WallClock().Now();
  const TestKey& provider_key_ = ProviderKey();
  SigningKeys keys_;
  IdTokenCheck check_;
};

TEST_F(IdTokenTest, ATokenSignedByTheProviderForVangnetNowIsAccepted) {
  auto claims = VerifyIdToken(provider_key_.Sign(Claims()), keys_, check_);
  ASSERT_TRUE(claims) << claims.error().ToString();
  EXPECT_EQ(claims.value()["sub"], "user-1");
}

TEST_F(IdTokenTest, AForgedTokenIsRefused) {
  // Signed by another key that claims the provider's key id.
  TestKey forger("provider-key");
  EXPECT_EQ(Verdict(forger.Sign(Claims())), "signature");
  // The provider's signature over other claims: the payload swapped after signing.
  const std::string genuine = provider_key_.Sign(Claims());
  nlohmann::json more = Claims();
  more["sub"] = "admin";
  const auto first = genuine.find('.'), second = genuine.rfind('.');
  EXPECT_EQ(Verdict(genuine.substr(0, first + 1) + Base64Url(more.dump()) + genuine.substr(second)),
            "signature");
  // Unsigned ("alg": "none"), and "signed" with HMAC as if the public key were a shared secret.
  const std::string unsigned_token =
      Base64Url(R"({"alg":"none","kid":"provider-key"})") + "." + Base64Url(Claims().dump()) + ".";
  EXPECT_EQ(Verdict(unsigned_token), "alg");
  const std::string jwks = provider_key_.Jwks();
  cjose_jwk_t* secret = cjose_jwk_create_oct_spec(reinterpret_cast<const uint8_t*>(jwks.data()),
                                                  jwks.size(), nullptr);
  cjose_jwk_set_kid(secret, "provider-key", 12, nullptr);
  cjose_header_t* header = cjose_header_new(nullptr);
  cjose_header_set(header, CJOSE_HDR_ALG, "HS256", nullptr);
  cjose_header_set(header, CJOSE_HDR_KID, "provider-key", nullptr);
  const std::string payload = Claims().dump();
  cjose_jws_t* jws = cjose_jws_sign(
      secret, header, reinterpret_cast<const uint8_t*>(payload.data()), payload.size(), nullptr);
  const char* hmac_token = nullptr;
  cjose_jws_export(jws, &hmac_token, nullptr);
  EXPECT_EQ(Verdict(hmac_token), "alg");
  cjose_jws_release(jws);
  cjose_header_release(header);
  cjose_jwk_release(secret);
  // Not a JWS at all.
  EXPECT_EQ(Verdict("abc.def"), "token");
}

TEST_F(IdTokenTest, ATokenForAnotherAudienceOrIssuerIsRefused) {
  auto claims = Claims();
  claims["aud"] = "another-app";
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "aud");
  // Several audiences: only when issued to vangnet (azp).
  claims["aud"] = {"another-app", kClient};
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "azp");
  claims["azp"] = kClient;
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "accepted");
  claims = Claims();
  claims["iss"] = "https://idp.elsewhere.test";
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "iss");
}

TEST_F(IdTokenTest, AnExpiredOrFutureTokenIsRefusedBeyondOneMinuteOfClockDifference) {
  const auto t = std::chrono::duration_cast<std::chrono::seconds>(now_.time_since_epoch()).count();
  auto claims = Claims();
  claims["exp"] = t - 61;
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "exp");
  claims["exp"] = t - 30;  // within the tolerated clock difference
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "accepted");
  claims = Claims();
  claims["iat"] = t + 600;
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "iat");
  claims = Claims();
  claims.erase("exp");
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "exp");
}

TEST_F(IdTokenTest, ATokenFromAnotherLoginOrWithoutSubjectIsRefused) {
  auto claims = Claims();
  claims["nonce"] = "nonce-of-another-login";
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "nonce");
  claims = Claims();
  claims.erase("nonce");
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "nonce");
  claims = Claims();
  claims["sub"] = "";
  EXPECT_EQ(Verdict(provider_key_.Sign(claims)), "sub");
}

TEST_F(IdTokenTest, AnUnknownKeyIdAsksForTheProvidersKeysAgain) {
  TestKey rotated("next-key");
  EXPECT_EQ(Verdict(rotated.Sign(Claims())), "kid");
  // An encryption key or a symmetric one in the JWKS is not a signing key.
  auto keys = SigningKeys::Parse(R"({"keys":[{"kty":"oct","k":"c2VjcmV0","kid":"x"},)"
                                 R"({"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB","kid":"y"}]})");
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys.value().size(), 0u);
  EXPECT_FALSE(SigningKeys::Parse("not json"));
}

// Found by fuzzing (bench/fuzz/id_token_fuzz.cpp): cjose aborts the process on base64url it
// cannot decode. Such a key is left out and such a token refused before cjose sees them.
TEST_F(IdTokenTest, UndecodableBase64InAKeyOrATokenIsRefusedNotACrash) {
  auto keys = SigningKeys::Parse(
      R"({"keys":[{"kty":"EC","crv":"P-256","kid":"k2","x":"f83OJ3D2xF1Bg8vub=tLe1gHMzV76e8Tus9uPHvRVEU",)"
      R"("y":"x_FEzRu9m36HLN_tue659LNpXW6pCyRtikYjKIWI5a0"},{"kty":"RSA","n":"abcde","e":"AQAB"}]})");
  ASSERT_TRUE(keys);
  EXPECT_EQ(keys.value().size(), 0u);
  const std::string genuine = provider_key_.Sign(Claims());
  EXPECT_EQ(Verdict("eyJhb." + genuine.substr(genuine.find('.') + 1)), "token");  // length 4n+1
  EXPECT_EQ(Verdict(genuine.substr(0, genuine.rfind('.') + 1) + "ab=cd"), "token");
}

SsoSettings Settings() {
  SsoSettings s;
  s.issuer = kIssuer;
  s.client_id = kClient;
  s.roles = {{"groups", "rho-coordinatoren", UserRole::kCoordinator, {}, 1},
             {"groups", "praktijk-a", UserRole::kPracticeUser, {"00000001"}, 2},
             {"groups", "praktijk-b", UserRole::kPracticeUser, {"00000002"}, 3},
             {"roles", "verzekeraar", UserRole::kInsurerLiaison, {}, 4}};
  return s;
}

TEST(SsoRoleMapping, TheFirstMatchingRuleDecidesAndAPracticeUserGetsEveryMatchingPractice) {
  const SsoSettings settings = Settings();
  auto both = MapSsoRole(settings, {{"groups", {"praktijk-b", "praktijk-a", "kantine"}}});
  ASSERT_TRUE(both);
  EXPECT_EQ(both->role, UserRole::kPracticeUser);
  EXPECT_EQ(both->practices, (std::vector<std::string>{"00000001", "00000002"}));
  // A coordinator who also works in a practice is a coordinator (listed first), without practices.
  auto coordinator = MapSsoRole(settings, {{"groups", {"praktijk-a", "rho-coordinatoren"}}});
  ASSERT_TRUE(coordinator);
  EXPECT_EQ(coordinator->role, UserRole::kCoordinator);
  EXPECT_TRUE(coordinator->practices.empty());
  EXPECT_EQ(coordinator->matched, "groups=rho-coordinatoren");
  // A single text claim works as well as a list.
  EXPECT_EQ(MapSsoRole(settings, {{"roles", "verzekeraar"}})->role, UserRole::kInsurerLiaison);
  EXPECT_FALSE(MapSsoRole(settings, {{"groups", {"kantine"}}}));
  EXPECT_FALSE(MapSsoRole(settings, {{"groups", 5}}));
}

class SignInExternalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = OpenTestStore(dir_.Path("sso.db"), clock_);
    accounts_ = std::make_unique<AccountService>(*store_, PasswordCost::Minimum());
    UserAccount local;
    local.username = "jan";
    local.role = UserRole::kAdmin;
    ASSERT_TRUE(accounts_->AddUser(kTestActor, local, "een lang wachtwoord"));
  }
  ExternalIdentity Jan() const {
    return {kIssuer, "sub-jan", "Jan@zorggroep.test", "Jan de Vries", UserRole::kCoordinator,
            {},      "{}"};
  }
  ManualClock clock_{WallClock().Now()};
  TempDir dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<AccountService> accounts_;
};

TEST_F(SignInExternalTest, AProvidersUserGetsAnAccountOfItsOwnNeverAnExistingLocalOne) {
  auto login = accounts_->SignInExternal(Jan());
  ASSERT_TRUE(login) << login.error().ToString();
  // "jan" is a local admin: the provider's Jan becomes "jan-2", a coordinator, logged in.
  EXPECT_EQ(login.value().user.username, "jan-2");
  EXPECT_EQ(login.value().user.role, UserRole::kCoordinator);
  EXPECT_EQ(login.value().user.display_name, "Jan de Vries");
  auto who = accounts_->Authenticate(login.value().session_token);
  ASSERT_TRUE(who);
  EXPECT_EQ(who->user.username, "jan-2");
  // The account has no password: the password form never opens it.
  EXPECT_FALSE(accounts_->Login("jan-2", "", "127.0.0.1"));
  // The same person next time: the same account, its role as the provider now says.
  ExternalIdentity again = Jan();
  again.role = UserRole::kCrisisTeam;
  auto second = accounts_->SignInExternal(again);
  ASSERT_TRUE(second);
  EXPECT_EQ(second.value().user.username, "jan-2");
  EXPECT_EQ(second.value().user.role, UserRole::kCrisisTeam);
  // The same subject at another provider is another person.
  ExternalIdentity elsewhere = Jan();
  elsewhere.issuer = "https://idp.elsewhere.test";
  EXPECT_EQ(accounts_->SignInExternal(elsewhere).value().user.username, "jan-3");
  auto uow = store_->BeginRead(kTestActor);
  AuditFilter all;
  all.limit = 1000;
  const auto events = uow.value()->Audit().List(all);
  int creates = 0, updates = 0, logins = 0;
  for (const auto& e : events) {
    if (e.object_type != "user_account") continue;
    creates += e.action == "create" && e.details.find("\"sso\"") != std::string::npos;
    updates += e.action == "update";
    logins += e.action == "login";
  }
  EXPECT_EQ(creates, 2);
  EXPECT_EQ(updates, 1);
  EXPECT_GE(logins, 3);
}

TEST_F(SignInExternalTest, ABlockedAccountStaysBlockedAndUnknownPracticesGiveNoLogin) {
  ASSERT_TRUE(accounts_->SignInExternal(Jan()));
  ASSERT_TRUE(accounts_->SetDisabled(kTestActor, "jan-2", true));
  auto blocked = accounts_->SignInExternal(Jan());
  ASSERT_FALSE(blocked);
  EXPECT_EQ(blocked.error().kind, ErrorKind::kForbidden);
  ExternalIdentity practice = Jan();
  practice.subject = "sub-piet";
  practice.role = UserRole::kPracticeUser;
  practice.practices = {"99999999"};
  auto refused = accounts_->SignInExternal(practice);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().field, "practices");
}

}  // namespace
}  // namespace vangnet

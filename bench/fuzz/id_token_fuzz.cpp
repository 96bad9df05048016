// libFuzzer target: what a single sign-on provider sends (or whoever pretends to be it): its key
// set (JWKS), an ID token as it arrives, and the claims inside a correctly signed token (the
// input signed here with a key of our own, so the claim checks behind the signature are reached).
#include <cjose/cjose.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "services/auth/id_token.hpp"

namespace {

cjose_jwk_t* g_key = nullptr;
vangnet::SigningKeys g_keys;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static const std::uint8_t e[] = {0x01, 0x00, 0x01};
  g_key = cjose_jwk_create_RSA_random(2048, e, sizeof e, nullptr);
  cjose_jwk_set_kid(g_key, "fuzz", 4, nullptr);
  char* json = cjose_jwk_to_json(g_key, false, nullptr);
  g_keys = vangnet::SigningKeys::Parse(std::string(R"({"keys":[)") + json + "]}").value();
  cjose_get_dealloc()(json);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)vangnet::SigningKeys::Parse(text);
  const vangnet::IdTokenCheck check{"https://idp.example", "vangnet", "n",
                                    vangnet::TimePoint(std::chrono::seconds(1'800'000'000))};
  (void)vangnet::VerifyIdToken(text, g_keys, check);

  cjose_header_t* header = cjose_header_new(nullptr);
  cjose_header_set(header, CJOSE_HDR_ALG, "RS256", nullptr);
  cjose_header_set(header, CJOSE_HDR_KID, "fuzz", nullptr);
  if (cjose_jws_t* jws = cjose_jws_sign(g_key, header, data, size, nullptr)) {
    const char* compact = nullptr;
    if (cjose_jws_export(jws, &compact, nullptr)) {
      (void)vangnet::VerifyIdToken(compact, g_keys, check);
    }
    cjose_jws_release(jws);
  }
  cjose_header_release(header);
  return 0;
}

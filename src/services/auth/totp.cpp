#include "services/auth/totp.hpp"

#include <liboath/oath.h>
#include <sodium.h>

#include <cctype>
#include <cstring>
#include <mutex>

#include "core/text.hpp"

namespace vangnet::totp {

namespace {
void InitOath() {
  static std::once_flag once;
  std::call_once(once, [] { oath_init(); });
}

// The secret's raw bytes from base32; empty when it is not base32.
std::string DecodeBase32(const std::string& base32) {
  char* out = nullptr;
  size_t length = 0;
  if (oath_base32_decode(base32.data(), base32.size(), &out, &length) != OATH_OK) return {};
  std::string raw(out, length);
  sodium_memzero(out, length);
  free(out);
  return raw;
}

}  // namespace

std::string NewSecretBase32() {
  InitOath();
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  char* out = nullptr;
  size_t length = 0;
  oath_base32_encode(reinterpret_cast<const char*>(raw), sizeof raw, &out, &length);
  std::string secret(out, length);
  free(out);
  sodium_memzero(raw, sizeof raw);
  return secret;
}

std::string OtpauthUri(const std::string& issuer, const std::string& username,
                       const std::string& secret_base32) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(username) +
         "?secret=" + secret_base32 + "&issuer=" + PercentEncode(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

std::optional<std::int64_t> MatchingStep(const std::string& secret_base32, const std::string& code,
                                         TimePoint now) {
  InitOath();
  if (code.size() != kDigits) return std::nullopt;
  for (char c : code) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const std::string raw = DecodeBase32(secret_base32);
  if (raw.empty()) return std::nullopt;
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  int position = 0;
  uint64_t counter = 0;
  int rc = oath_totp_validate4(raw.data(), raw.size(), static_cast<time_t>(seconds), kStepSeconds,
                               0, 1, &position, &counter, 0, code.c_str());
  if (rc < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string Seal(const std::string& secret_base32, const SecretKey& key) {
  std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + secret_base32.size(),
                  '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(box.data());
  randombytes_buf(bytes, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(secret_base32.data()),
                        secret_base32.size(), bytes, key.data());
  std::string b64(sodium_base64_ENCODED_LEN(box.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), bytes, box.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return b64;
}

Result<std::string> Open(const std::string& sealed, const SecretKey& key) {
  std::string box(sealed.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(box.data()), box.size(), sealed.data(),
                        sealed.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) {
    return Error::Internal("tweede factor: opgeslagen geheim is onleesbaar");
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(box.data());
  std::string secret(length - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(secret.data()),
                                 bytes + crypto_secretbox_NONCEBYTES,
                                 length - crypto_secretbox_NONCEBYTES, bytes, key.data()) != 0) {
    return Error::Internal(
        "tweede factor: geheim past niet bij het sleutelbestand (verkeerde of nieuwe sleutel?)");
  }
  return secret;
}

std::vector<std::string> NewRecoveryCodes() {
  // No 0/o, 1/l/i: read off paper and typed in under stress.
  static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    std::string code;
    for (int k = 0; k < 12; ++k) {
      if (k > 0 && k % 4 == 0) code += '-';
      code += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    }
    codes.push_back(code);
  }
  return codes;
}

std::string NormaliseRecoveryCode(const std::string& code) {
  std::string out;
  for (unsigned char c : code) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::tolower(c));
  }
  return out;
}

}  // namespace vangnet::totp

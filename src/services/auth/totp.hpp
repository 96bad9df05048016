// The second factor's primitives: TOTP codes (RFC 6238: 30-second steps, 6 digits, HMAC-SHA1,
// as every authenticator app does) through liboath, the secret sealed at rest with libsodium's
// secretbox under a key from the key file, and one-time recovery codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/time.hpp"
#include "store/secret_keys.hpp"

namespace vangnet::totp {

constexpr unsigned kStepSeconds = 30;
constexpr unsigned kDigits = 6;
constexpr int kRecoveryCodes = 10;

// 20 random bytes (160 bits, RFC 4226's recommendation) as base32, the form apps take.
std::string NewSecretBase32();
// otpauth://totp/ISSUER:USER?secret=...&issuer=ISSUER: what the QR code holds.
std::string OtpauthUri(const std::string& issuer, const std::string& username,
                       const std::string& secret_base32);
// The time step of `code` for this secret at `now`, allowing one step either side for a clock
// that is a little off; nullopt when the code does not match.
std::optional<std::int64_t> MatchingStep(const std::string& secret_base32, const std::string& code,
                                         TimePoint now);
// The secret sealed with `key` (random nonce + ciphertext, base64), and opened again.
std::string Seal(const std::string& secret_base32, const SecretKey& key);
Result<std::string> Open(const std::string& sealed, const SecretKey& key);
// Ten recovery codes, "xxxx-xxxx-xxxx" (lowercase base32 without look-alikes).
std::vector<std::string> NewRecoveryCodes();
// A typed code as stored: lowercase, without spaces and dashes.
std::string NormaliseRecoveryCode(const std::string& code);

}  // namespace vangnet::totp

// BLAKE2b (libsodium crypto_generichash) of a text, as hex: the audit chain's links and the
// stored form of session and alarm-link tokens; and random tokens themselves.
#pragma once

#include <string>
#include <string_view>

namespace vangnet {

std::string Blake2bHex(std::string_view data);
// `bytes` random bytes from libsodium's CSPRNG, as hex: session tokens, alarm links.
std::string RandomHex(std::size_t bytes);

}  // namespace vangnet

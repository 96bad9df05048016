// BLAKE2b (libsodium crypto_generichash) of a text, as hex: the audit chain's links and the
// stored form of session tokens.
#pragma once

#include <string>
#include <string_view>

namespace vangnet {

std::string Blake2bHex(std::string_view data);

}  // namespace vangnet

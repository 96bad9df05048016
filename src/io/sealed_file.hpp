// Files sealed with a key: the backups. libsodium's secretstream (XChaCha20-Poly1305) in chunks,
// so a backup of any size is sealed and opened without holding it in memory, and a changed,
// cut or reordered chunk is found. The first chunk holds a small metadata text (what the file
// is), so a wrong key is known before anything is written. Everything is created owner-only
// (0600) and never over an existing file.
//
//   "VANGNET-SEALED-1\n" | secretstream header (24 bytes) | chunks: 4-byte length (LE) + cipher
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace vangnet {

using SealKey = std::array<unsigned char, 32>;

// Whether the file at `path` starts as a sealed file does.
bool LooksSealed(const std::string& path);

// Seals the file `plain` with `metadata` into `sealed` (which must not exist).
Status SealFile(const std::string& plain, const std::string& sealed, std::string_view metadata,
                const SealKey& key);

// The metadata of a sealed file, checked with `key`: a wrong key or a damaged start is refused
// here, before anything is written.
Result<std::string> SealedMetadata(const std::string& sealed, const SealKey& key);

// Opens `sealed` into `plain` (which must not exist; made 0600). On any fault `plain` is removed
// again and the error names `sealed`.
Status OpenSealedFile(const std::string& sealed, const std::string& plain, const SealKey& key);

// Creates `path` (which must not exist) owner-only with `content`.
Status WritePrivateFile(const std::string& path, std::string_view content);

}  // namespace vangnet

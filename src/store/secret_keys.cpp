#include "store/secret_keys.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace vangnet {

std::string SecretKeys::PathFor(const std::string& db_path) {
  if (const char* file = std::getenv("VANGNET_KEY_FILE"); file && *file) return file;
  return db_path + ".key";
}

Status SecretKeys::Share(const std::string& from, const std::string& to) {
  namespace fs = std::filesystem;
  if (from == to) return Ok{};
  const auto read = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  if (!fs::exists(from)) return Error::Io(from, "het sleutelbestand ontbreekt");
  if (fs::exists(to)) {
    if (read(to) == read(from)) return Ok{};
    return Error::Validation("key", "er staat al een ander sleutelbestand op " + to +
                                        "; de auditketen zou niet te controleren zijn");
  }
  std::error_code ec;
  fs::copy_file(from, to, ec);
  if (ec) return Error::Io(to, "sleutelbestand niet gekopieerd: " + ec.message());
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write, ec);
  return Ok{};
}

Result<SecretKeys> SecretKeys::Load(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    return Error::Io(path, "het sleutelbestand ontbreekt; zonder dat is er niets te versleutelen "
                           "of te openen");
  }
  return LoadOrCreate(path);
}

Result<SecretKeys> SecretKeys::LoadOrCreate(const std::string& path) {
  if (sodium_init() < 0) return Error::Internal("libsodium kon niet starten");
  unsigned char master[crypto_kdf_KEYBYTES];
  const bool existed = std::filesystem::exists(path);
  if (existed) {
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() != sizeof master) {
      return Error::Io(path,
                       "sleutelbestand heeft niet de verwachte 32 bytes; herstel het uit "
                       "de back-up (zonder deze sleutel is het auditlog niet te controleren)");
    }
    std::copy(bytes.begin(), bytes.end(), master);
  } else {
    crypto_kdf_keygen(master);
    // Created with owner-only rights from the start, not chmod-ed after: no moment in which
    // another user could read it.
    const mode_t old_mask = umask(077);
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(reinterpret_cast<const char*>(master), sizeof master);
      if (!out) {
        umask(old_mask);
        return Error::Io(path, "sleutelbestand kon niet worden geschreven");
      }
    }
    umask(old_mask);
  }
  SecretKeys keys;
  keys.path_ = path;
  keys.created_ = !existed;
  crypto_kdf_derive_from_key(keys.audit_.data(), keys.audit_.size(), 1, "vn-audit", master);
  crypto_kdf_derive_from_key(keys.totp_.data(), keys.totp_.size(), 2, "vn-totp_", master);
  crypto_kdf_derive_from_key(keys.backup_.data(), keys.backup_.size(), 3, "vn-backp", master);
  sodium_memzero(master, sizeof master);
  return keys;
}

std::string Blake2bKeyedHex(std::string_view data, const SecretKey& key) {
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), key.data(), key.size());
  char hex[crypto_generichash_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace vangnet

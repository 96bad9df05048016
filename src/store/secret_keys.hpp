// The secrets kept outside the database. A database editor (or a stolen copy of the file) must
// neither forge the audit chain nor read the second-factor secrets, so their keys live in a
// separate key file: 32 random bytes, created on first use with mode 0600, by default beside
// the database (`<db>.key`) and anywhere else through VANGNET_KEY_FILE (README, Security).
// Purpose keys are derived from it with libsodium's crypto_kdf, one per use.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace vangnet {

using SecretKey = std::array<unsigned char, 32>;

class SecretKeys {
 public:
  // Reads the key file, or creates it (only readable by its owner) when it does not exist.
  static Result<SecretKeys> LoadOrCreate(const std::string& path);
  // Reads the key file; a missing one is an error (a backup or a restore never makes a key).
  static Result<SecretKeys> Load(const std::string& path);
  // VANGNET_KEY_FILE when set, else `<db_path>.key`.
  static std::string PathFor(const std::string& db_path);
  // Puts the key file `from` at `to` (owner-only) for a database copied or restored from one
  // that used it: its audit chain is keyed with it. Nothing to do when both are the same file;
  // refused when `to` holds another key (that database's chain could no longer be checked).
  static Status Share(const std::string& from, const std::string& to);

  const SecretKey& audit() const { return audit_; }  // MAC of the audit chain and checkpoints
  const SecretKey& totp() const { return totp_; }    // encrypts second-factor secrets
  const SecretKey& backup() const { return backup_; }  // seals backups (io/sealed_file.hpp)
  const std::string& path() const { return path_; }
  // Whether LoadOrCreate made the file just now (the store then checks that its database was
  // never keyed before: see SqlStore::Migrate).
  bool created() const { return created_; }

 private:
  std::string path_;
  bool created_ = false;
  SecretKey audit_{};
  SecretKey totp_{};
  SecretKey backup_{};
};

// Keyed BLAKE2b (a MAC) of `data`, as hex.
std::string Blake2bKeyedHex(std::string_view data, const SecretKey& key);

}  // namespace vangnet

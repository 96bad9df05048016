// Backups of a whole database and their restore, for both stores, safe while the server runs:
//   SQLite      the online backup API into a new SQLite file (a consistent snapshot);
//   PostgreSQL  pg_dump in its custom format (one snapshot transaction), pg_restore into an
//               empty database in one transaction.
// The key file is not in a backup, on purpose: keep it apart (without it the second factors and
// the audit chain of the restored database cannot be read or checked).
#pragma once

#include <string>

#include "core/error.hpp"
#include "core/time.hpp"

namespace vangnet {

Status BackupDatabase(const std::string& address, const std::string& out);

// Into `address`, which must be new (a SQLite file that does not exist) or an empty PostgreSQL
// database, with `key_file`, the key file kept with the backed-up database, put in place for it
// (SecretKeys::Share); then opened (bringing it to the newest schema) and its audit chain checked.
Status RestoreDatabase(const std::string& backup, const std::string& address,
                       const std::string& key_file, const Clock& clock = WallClock());

}  // namespace vangnet

#include <sqlite3.h>

#include "store/store.hpp"

namespace vangnet {

Status BackupSqliteFile(const std::string& path, const std::string& out) {
  sqlite3* source = nullptr;
  sqlite3* target = nullptr;
  const auto close_both = [&] {
    sqlite3_close(source);
    sqlite3_close(target);
  };
  if (sqlite3_open_v2(path.c_str(), &source, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    close_both();
    return Error::Io(path, "database kan niet worden geopend");
  }
  if (sqlite3_open_v2(out.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    close_both();
    return Error::Io(out, "reservekopie kan niet worden geschreven");
  }
  sqlite3_busy_timeout(source, 10000);
  // The online backup API: one consistent snapshot of the source, while the server writes on.
  // All pages in one step, so writes meanwhile do not make it start over.
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", source, "main");
  if (!backup) {
    const std::string message = sqlite3_errmsg(target);
    close_both();
    return Error::Io(out, "reservekopie mislukt: " + message);
  }
  int rc;
  do {
    rc = sqlite3_backup_step(backup, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(backup);
  const std::string message = sqlite3_errmsg(target);
  close_both();
  if (rc != SQLITE_DONE) return Error::Io(out, "reservekopie mislukt: " + message);
  return Ok{};
}

}  // namespace vangnet

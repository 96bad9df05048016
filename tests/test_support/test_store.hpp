// The store a test works on: a SQLite file in the test's folder, or, when VANGNET_TEST_POSTGRES
// names a PostgreSQL server, a fresh database on it (the "postgres" ctest label runs the store,
// service and API tests that way), so every such test holds on both databases.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "store/store.hpp"

namespace vangnet {

inline bool TestOnPostgres() {
  const char* server = std::getenv("VANGNET_TEST_POSTGRES");
  return server && *server;
}

// A fresh PostgreSQL database for each test store when VANGNET_TEST_POSTGRES names a server
// (scripts/dev.sh test runs the store, service and API tests once more that way, in a throwaway
// cluster); else the SQLite file at `path`.
inline std::string TestStoreAddress(const std::string& path) {
  const char* server = std::getenv("VANGNET_TEST_POSTGRES");
  if (!server || !*server) return path;
  // The same path opened again in this process is the same database (a reopened store).
  static std::mutex mutex;
  static std::map<std::string, std::string> databases;
  std::lock_guard lock(mutex);
  // The key file and checkpoints of the database go with the test's own files.
  setenv("VANGNET_KEY_FILE", (path + ".key").c_str(), 1);
  setenv("VANGNET_AUDIT_ANCHOR_FILE", (path + ".audit-anchors").c_str(), 1);
  // Migrated once per process into a template, then copied: a fresh database in a few ms.
  static const std::string kTemplate = [&] {
    const std::string name = "vangnet_template_" + std::to_string(getpid());
    if (std::system(("dropdb --if-exists " + name + " && createdb " + name).c_str()) != 0)
      ADD_FAILURE() << "createdb " << name << " failed";
    auto migrated = OpenPostgresStore(std::string(server) + name);
    EXPECT_TRUE(migrated) << migrated.error().ToString();
    return name;
  }();
  std::string& name = databases[path];
  if (name.empty()) {
    name = "vangnet_test_" + std::to_string(getpid()) + "_" + std::to_string(databases.size());
    const std::string command =
        "dropdb --if-exists " + name + " && createdb -T " + kTemplate + " " + name;
    if (std::system(command.c_str()) != 0) ADD_FAILURE() << "createdb " << name << " failed";
  }
  return std::string(server) + name;
}

// `clock`: a test's ManualClock, so the test sets the time instead of sleeping.
inline std::unique_ptr<Store> OpenTestStore(const std::string& path,
                                            const Clock& clock = WallClock()) {
  auto store = OpenStore(TestStoreAddress(path), clock);
  EXPECT_TRUE(store) << store.error().ToString();
  return std::move(store.value());
}

// An address for a database that does not exist yet (SQLite) or is empty, without even the
// tables (PostgreSQL): what a restore or a copy goes into.
inline std::string EmptyTestDatabaseAddress(const std::string& path) {
  const char* server = std::getenv("VANGNET_TEST_POSTGRES");
  if (!server || !*server) return path;
  static std::atomic<int> counter{0};
  const std::string name =
      "vangnet_empty_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  if (std::system(("dropdb --if-exists " + name + " && createdb " + name).c_str()) != 0)
    ADD_FAILURE() << "createdb " << name << " failed";
  return std::string(server) + name;
}

// Runs SQL on the test's database directly, as someone with access to its files or its server
// would (to tamper with it): through sqlite3 or psql. False when the database refused it.
inline bool RunSqlDirectly(const std::string& address, const std::string& sql) {
  if (IsPostgresAddress(address)) {
    const std::string command =
        "psql -q -v ON_ERROR_STOP=1 -d '" + address + "' -c \"" + sql + "\" >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
  }
  sqlite3* db = nullptr;
  if (sqlite3_open(address.c_str(), &db) != SQLITE_OK) return false;
  const bool ok = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

// What lifts the audit table's append-only guard, in each dialect.
inline std::string DropAuditGuardSql(const std::string& address) {
  return IsPostgresAddress(address)
             ? "DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event; "
             : "DROP TRIGGER IF EXISTS audit_event_no_update; "
               "DROP TRIGGER IF EXISTS audit_event_no_delete; ";
}

}  // namespace vangnet

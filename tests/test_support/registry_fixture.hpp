// A store with the demo region in it, and helpers to compare registries.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "core/registry.hpp"
#include "services/demo/demo_region.hpp"
#include "services/registry/record_rules.hpp"
#include "services/registry/registry_transfer.hpp"
#include "store/store.hpp"
#include "test_support/temp_dir.hpp"

namespace vangnet {

inline const Actor kTestActor{"test", "admin", "test", "test"};

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

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The whole registry as exported CSV texts, by file name: equal maps mean equal registries.
inline std::map<std::string, std::string> ExportTexts(Store& store, const std::string& dir) {
  auto report = ExportRegistry(store, kTestActor, dir);
  EXPECT_TRUE(report) << report.error().ToString();
  std::map<std::string, std::string> texts;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    texts[entry.path().filename().string()] = ReadFile(entry.path());
  }
  return texts;
}

inline std::int64_t AuditCount(Store& store) {
  auto uow = store.BeginRead(kTestActor);
  AuditFilter all;
  all.limit = 1 << 30;
  return static_cast<std::int64_t>(uow.value()->Audit().List(all).size());
}

}  // namespace vangnet

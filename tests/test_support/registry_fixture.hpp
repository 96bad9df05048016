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
#include "test_support/test_store.hpp"

namespace vangnet {

inline const Actor kTestActor{"test", "admin", "test", "test"};

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

// README.md documents every CSV column the import accepts, so the format description cannot
// silently fall behind the field tables.
#include <gtest/gtest.h>

#include "core/registry.hpp"
#include "test_support/registry_fixture.hpp"

namespace vangnet {
namespace {

TEST(Readme, DocumentsEveryColumnOfEveryFile) {
  std::string readme = ReadFile(std::string(VANGNET_SOURCE_DIR) + "/README.md");
  ASSERT_FALSE(readme.empty());
  ForEachRegistryType([&]<class T>() {
    std::string file(EntityTraits<T>::kFileName);
    EXPECT_NE(readme.find(file), std::string::npos) << file;
    for (const auto& f : EntityTraits<T>::Fields()) {
      EXPECT_NE(readme.find("`" + std::string(f.name) + "`"), std::string::npos)
          << file << ": column " << f.name << " is not in README.md";
    }
  });
}

}  // namespace
}  // namespace vangnet

// The embedded default store: one SQLite file in WAL mode.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace vangnet::sqlite {

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {}
  Result<int> Migrate() override;
  Result<std::unique_ptr<UnitOfWork>> Begin(const Actor& actor) override;
  Result<std::unique_ptr<UnitOfWork>> BeginRead(const Actor& actor) override;

 private:
  Result<std::unique_ptr<UnitOfWork>> Open(const Actor& actor, bool write);
  std::string path_;
};

}  // namespace vangnet::sqlite

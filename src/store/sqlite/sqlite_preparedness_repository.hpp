// The preparedness calendar in SQLite.
#pragma once

#include "store/preparedness_repository.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace vangnet::sqlite {

class SqlitePreparednessRepository final : public PreparednessRepository {
 public:
  explicit SqlitePreparednessRepository(sqlite3* db) : db_(db) {}
  Result<PreparednessCompletion> Add(const PreparednessCompletion& completion) override;
  std::vector<PreparednessCompletion> All() override;

 private:
  sqlite3* db_;
};

}  // namespace vangnet::sqlite

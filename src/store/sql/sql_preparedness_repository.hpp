// The preparedness calendar in SQLite.
#pragma once

#include "store/preparedness_repository.hpp"
#include "store/sql/connection.hpp"

namespace vangnet::sql {

class SqlPreparednessRepository final : public PreparednessRepository {
 public:
  explicit SqlPreparednessRepository(Connection& db) : db_(db) {}
  Result<PreparednessCompletion> Add(const PreparednessCompletion& completion) override;
  std::vector<PreparednessCompletion> All() override;

 private:
  Connection& db_;
};

}  // namespace vangnet::sql

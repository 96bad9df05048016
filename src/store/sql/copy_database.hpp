// `vangnet copy`: a whole database into an empty one, between SQLite and PostgreSQL in either
// direction (a region moving from its SQLite file to PostgreSQL, or a copy back for a laptop).
// Every table, row by row in id order, in one write transaction on the target: the copy is
// complete or not there at all. The audit chain's hashes are copied as they are, so the target
// must use the source's key file (the caller sees to that).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "store/store.hpp"

namespace vangnet::sql {

// Every table of the schema, referenced tables before the tables that refer to them.
// tests/store/store_test.cpp checks that no table of the migrations is missing.
const std::vector<std::string>& TablesInCopyOrder();

struct CopyReport {
  std::vector<std::pair<std::string, std::int64_t>> rows;  // per table
  std::int64_t total = 0;
};

// Refused when the target holds any row already (Conflict), or when either is not an SQL store.
Result<CopyReport> CopyDatabase(Store& from, Store& to);

}  // namespace vangnet::sql

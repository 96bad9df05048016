// The SQLite backend of sql::Connection (the embedded default): a connection in WAL mode with
// foreign keys on, full sync and a busy timeout, and its prepared statements.
#pragma once

#include <sqlite3.h>

#include <string>

#include "store/sql/connection.hpp"

namespace vangnet::sqlite {

class SqliteConnection final : public sql::Connection {
 public:
  // Opens (creating when missing) and sets WAL, foreign keys, busy timeout and full sync.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  sql::Dialect dialect() const override { return sql::Dialect::kSqlite; }
  std::unique_ptr<sql::StatementBackend> Prepare(std::string_view sql) override;
  Status Exec(std::string_view sql) override;
  std::string LastError() const override;
  sql::Failure LastFailure() const override;
  std::int64_t Changes() const override;

 private:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace vangnet::sqlite

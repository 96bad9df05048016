// Thin RAII wrappers over the SQLite C API: a connection and a prepared statement.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace vangnet::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);  // throws std::runtime_error on bad SQL (a bug)
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void BindNull(int index);
  void BindText(int index, std::string_view text);
  void BindInt(int index, std::int64_t value);
  void BindDouble(int index, double value);
  // SQLITE_ROW, SQLITE_DONE or an error code; the statement resets itself on the next Bind.
  int Step();
  void Reset();

  bool IsNull(int column) const;
  std::string Text(int column) const;
  std::int64_t Int(int column) const;
  double Double(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
  bool needs_reset_ = false;
};

class Connection {
 public:
  // Opens (creating when missing) and sets WAL, foreign keys, busy timeout and full sync.
  static Result<Connection> Open(const std::string& path);
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&&) = delete;
  ~Connection();

  sqlite3* handle() const { return db_; }
  // Runs SQL without results; an Error carries SQLite's message.
  Status Exec(std::string_view sql);
  std::string LastError() const;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

// The error of the last failed statement: a broken reference as not-found, the rest internal.
Error StoreError(sqlite3* db);

}  // namespace vangnet::sqlite

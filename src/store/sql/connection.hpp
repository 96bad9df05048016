// The one SQL interface every repository is written against, so each repository exists once
// for both databases: SQLite (store/sqlite/, the embedded default) and PostgreSQL
// (store/postgres/, libpq). Repositories write portable SQL with `?` placeholders; a backend
// translates what it must (PostgreSQL numbers them $1, $2, ...).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace vangnet::sql {

// What Statement::Step() answers: a row to read, or done. Anything else is a failure; the
// connection then says which (LastFailure) and why (LastError).
inline constexpr int kRow = 100;
inline constexpr int kDone = 101;

enum class Failure {
  kNone,
  kUnique,      // a unique or primary key constraint
  kForeignKey,  // a reference to something that does not exist, or still referred to
  kConstraint,  // another constraint: NOT NULL, CHECK, a trigger refusing the change
  kBusy,        // the database is locked or the connection was lost; try again
  kOther,
};
inline bool IsConstraint(Failure f) {
  return f == Failure::kUnique || f == Failure::kForeignKey || f == Failure::kConstraint;
}

enum class Dialect { kSqlite, kPostgres };

// One prepared statement of a backend. Binding after a Step starts the next execution.
class StatementBackend {
 public:
  virtual ~StatementBackend() = default;
  virtual void BindNull(int index) = 0;
  virtual void BindText(int index, std::string_view text) = 0;
  virtual void BindInt(int index, std::int64_t value) = 0;
  virtual void BindDouble(int index, double value) = 0;
  virtual int Step() = 0;
  virtual void Reset() = 0;
  virtual bool IsNull(int column) const = 0;
  virtual std::string Text(int column) const = 0;
  virtual std::int64_t Int(int column) const = 0;
  virtual double Double(int column) const = 0;
  // For tools that copy whole tables (sql/copy_database.hpp): the columns of the result, and
  // whether a value is a floating-point number (to be written back without rounding).
  virtual int ColumnCount() const = 0;
  virtual std::string ColumnName(int column) const = 0;
  virtual bool IsReal(int column) const = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Throws std::runtime_error on SQL the database does not accept: a bug, never input.
  virtual std::unique_ptr<StatementBackend> Prepare(std::string_view sql) = 0;
  // Runs SQL without results (several statements allowed); an Error carries the message.
  virtual Status Exec(std::string_view sql) = 0;
  virtual std::string LastError() const = 0;
  virtual Failure LastFailure() const = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  virtual std::int64_t Changes() const = 0;
  // Whether the connection to the database server is gone (a file database never is).
  virtual bool Lost() const { return false; }
};

// A statement as repositories hold it: `Statement stmt(db, "SELECT ... WHERE id = ?")`.
class Statement {
 public:
  Statement(Connection& db, std::string_view sql) : impl_(db.Prepare(sql)) {}
  void BindNull(int index) { impl_->BindNull(index); }
  void BindText(int index, std::string_view text) { impl_->BindText(index, text); }
  void BindInt(int index, std::int64_t value) { impl_->BindInt(index, value); }
  void BindDouble(int index, double value) { impl_->BindDouble(index, value); }
  int Step() { return impl_->Step(); }
  void Reset() { impl_->Reset(); }
  bool IsNull(int column) const { return impl_->IsNull(column); }
  std::string Text(int column) const { return impl_->Text(column); }
  std::int64_t Int(int column) const { return impl_->Int(column); }
  double Double(int column) const { return impl_->Double(column); }
  int ColumnCount() const { return impl_->ColumnCount(); }
  std::string ColumnName(int column) const { return impl_->ColumnName(column); }
  bool IsReal(int column) const { return impl_->IsReal(column); }

 private:
  std::unique_ptr<StatementBackend> impl_;
};

// The error of the last failed statement: a broken reference as not-found, the rest internal.
Error StoreError(Connection& db);

}  // namespace vangnet::sql

#include "store/sqlite/sqlite_connection.hpp"

#include <stdexcept>

namespace vangnet::sqlite {

namespace {

class SqliteStatement final : public sql::StatementBackend {
 public:
  SqliteStatement(sqlite3* db, std::string_view sql) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr) !=
        SQLITE_OK) {
      throw std::runtime_error(std::string("SQL prepare failed: ") + sqlite3_errmsg(db) + " in " +
                               std::string(sql));
    }
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void Reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    needs_reset_ = false;
  }
  void BindNull(int index) override {
    if (needs_reset_) Reset();
    sqlite3_bind_null(stmt_, index);
  }
  void BindText(int index, std::string_view text) override {
    if (needs_reset_) Reset();
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindInt(int index, std::int64_t value) override {
    if (needs_reset_) Reset();
    sqlite3_bind_int64(stmt_, index, value);
  }
  void BindDouble(int index, double value) override {
    if (needs_reset_) Reset();
    sqlite3_bind_double(stmt_, index, value);
  }
  int Step() override {
    needs_reset_ = true;
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return sql::kRow;
    if (rc == SQLITE_DONE) return sql::kDone;
    return rc;
  }
  bool IsNull(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
  }
  std::string Text(int column) const override {
    const auto* text = sqlite3_column_text(stmt_, column);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  std::int64_t Int(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double Double(int column) const override { return sqlite3_column_double(stmt_, column); }
  int ColumnCount() const override { return sqlite3_column_count(stmt_); }
  std::string ColumnName(int column) const override { return sqlite3_column_name(stmt_, column); }
  bool IsReal(int column) const override {
    return sqlite3_column_type(stmt_, column) == SQLITE_FLOAT;
  }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  bool needs_reset_ = false;
};

}  // namespace

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  // SQLite counts every allocation under one process-wide mutex by default; with many request
  // threads that mutex, not the queries, set the pace. The count is only for
  // sqlite3_memory_used(), which we never call. Must precede SQLite's initialisation, so once.
  static const bool unmetered = [] {
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)unmetered;
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Error::Io(path, "database kan niet worden geopend: " + message);
  }
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db));
  // WAL: readers never block the writer. FULL sync: a committed action survives a power cut,
  // not just a crash of the process. Busy timeout: a second writer waits instead of failing.
  sqlite3_busy_timeout(db, 10000);
  for (const char* pragma :
       {"PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=FULL"}) {
    if (auto status = connection->Exec(pragma); !status) {
      return Error::Io(path, "database kan niet worden ingesteld: " + status.error().message);
    }
  }
  return connection;
}

SqliteConnection::~SqliteConnection() {
  sqlite3_close_v2(db_);
}

std::unique_ptr<sql::StatementBackend> SqliteConnection::Prepare(std::string_view sql) {
  return std::make_unique<SqliteStatement>(db_, sql);
}

Status SqliteConnection::Exec(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string error = message ? message : LastError();
    sqlite3_free(message);
    return Error::Internal(error);
  }
  return Ok{};
}

std::string SqliteConnection::LastError() const {
  return sqlite3_errmsg(db_);
}

sql::Failure SqliteConnection::LastFailure() const {
  const int extended = sqlite3_extended_errcode(db_);
  switch (extended) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return sql::Failure::kUnique;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return sql::Failure::kForeignKey;
    default:
      break;
  }
  switch (extended & 0xff) {
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
      return sql::Failure::kNone;
    case SQLITE_CONSTRAINT:
      return sql::Failure::kConstraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return sql::Failure::kBusy;
    default:
      return sql::Failure::kOther;
  }
}

std::int64_t SqliteConnection::Changes() const {
  return sqlite3_changes(db_);
}

}  // namespace vangnet::sqlite
